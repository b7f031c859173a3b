// Figure F04: a kernel layer in one picture. Bundled after dom.js, canvas.js, plane.js, kernels.js, linalg.js;
// everything is computed here, in the browser.

function renderFigure(model, el) {
  const msg = planeRoot(el);
  const W = model.get("prototypes").map((p) => p.slice());
  const alpha = model.get("alpha").slice();
  const st = { x: model.get("x").slice(), le: Math.log10(model.get("eps")), b: model.get("b") };
  const P = planePanel({ size: 320, title: "f(x) = Σ α_u K(x, W_u)", lo: -3, hi: 3 });
  const cbar = colourBar(P.canvas.height, "f");
  const bars = barChart(330, 250, "α_u K(x, W_u) at the input, and their sum f");
  const out = h("div", { class: "p1-readout" });
  const sliders = alpha.map((a, u) => labelledSlider(`α of unit ${u + 1}`, { min: -2, max: 2, step: 0.05, value: a, format: (v) => v.toFixed(2), onInput: (v) => { alpha[u] = v; draw(); } }));
  const se = labelledSlider("ε (all units)", { min: -2, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; draw(); } });
  const draw = timedDraw(el, () => {
    const p = { b: st.b, eps: 10 ** st.le }, n = 72, K = W.length;
    const v = P.sample((a, b) => { let s = 0; for (let u = 0; u < K; u++) s += alpha[u] * kernelValue("yat", [a, b], W[u], p); return s; }, n);
    let m = 0;
    for (let i = 0; i < n * n; i++) m = Math.max(m, Math.abs(v[i]));
    const contrib = W.map((w, u) => alpha[u] * kernelValue("yat", st.x, w, p));
    const f = contrib.reduce((s, c) => s + c, 0);
    let best = -1, bestAbs = 0, tot = 0;
    contrib.forEach((c, u) => { tot += Math.abs(c); if (Math.abs(c) > bestAbs) { bestAbs = Math.abs(c); best = u; } });
    P.clear(); P.paint(v, n, (z) => diverging(m > 0 ? z / m : 0)); P.axes();
    if (m > 0) P.zeroContour(v, n, "#555", 1);
    W.forEach((w, u) => {
      P.marker(w[0], w[1], { shape: "diamond", r: u === best ? 9 : 7, fill: alpha[u] >= 0 ? "#d9822b" : "#3a6ea5", stroke: u === best ? "#000" : "#fff", lw: u === best ? 3 : 2 });
      const [px, py] = P.toPix(w[0], w[1]);
      P.ctx.fillStyle = "#000"; P.ctx.font = "bold 11px system-ui"; P.ctx.fillText(String(u + 1), px + 9, py - 7);
    });
    P.marker(st.x[0], st.x[1], { r: 7, fill: "none", stroke: "#fff", lw: 4 });
    P.marker(st.x[0], st.x[1], { r: 7, fill: "none", stroke: "#000", lw: 2 });
    cbar.draw(-m, m, diverging, true);
    bars.draw([...contrib, f], [...W.map((_, u) => String(u + 1)), "sum f"], { highlight: best, colours: [...contrib.map(() => null), "#555"] });
    if (alpha.every((a) => a === 0)) {
      showMessage(msg, "All α are zero: f = 0 everywhere, no unit contributes. Move an α slider.");
      out.textContent = "f(x) = 0";
    } else {
      showMessage(msg, "");
      out.textContent = `f(x) = ${fmtNum(f)}. Largest contribution: unit ${best + 1}, α·K = ${fmtNum(contrib[best])} `
        + `(${(100 * bestAbs / (tot || 1)).toFixed(0)} % of Σ|α_u K|).`;
    }
    out.dataset.best = String(best + 1);
    model.set("alpha", alpha.slice()); model.set("x", st.x.slice()); model.set("prototypes", W.map((w) => w.slice())); model.save_changes();
  });
  onPlanePointer(P, (a, b) => {
    // grab a prototype if the press is on one, otherwise move the input x
    const tol = 0.18 * (P.hi - P.lo) / 6;
    let hit = -1;
    W.forEach((w, u) => { if (Math.hypot(w[0] - a, w[1] - b) < tol) hit = u; });
    if (hit >= 0) return (u, v) => { W[hit] = [u, v]; draw(); };
    const f = (u, v) => { st.x = [u, v]; draw(); };
    f(a, b); return f;
  });
  el.append(h("div", { class: "yl-controls" }, se.root),
    h("div", { class: "p1-panels" }, h("div", { class: "p1-pair" }, P.canvas, cbar.canvas), bars.canvas,
      h("div", { class: "p1-protos" }, sliders.map((s) => s.root))),
    msg, out, h("div", { class: "yl-caption" }, "Drag the ring (the input x) or a numbered diamond (a prototype). Orange: α > 0, blue: α < 0; grey line: f = 0. The black outline marks the unit that contributes most at x."));
  draw();
}

export default {
  render({ model, el }) {
    el.dataset.widget = "kernel_layer";
    try { renderFigure(model, el); } catch (e) {
      el.append(h("div", { class: "yl-message", style: "display:block" }, `This figure could not be drawn: ${e.message}`));
    }
  },
};
