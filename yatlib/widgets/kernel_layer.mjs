// Figure F04: a kernel layer in one picture, f(x) = Σ α_u κ(x, w_u), with the contribution of
// each unit at the input. Bundled after dom.js, canvas.js, plane.js, kernels.js; computed here.

function renderFigure(el, model) {
  const msg = planeRoot(el);
  const W = model.get("prototypes").map((p) => p.slice());
  const alpha = model.get("alpha").slice();
  const K = W.length;
  const st = { x: model.get("x").slice(), le: Math.log10(model.get("eps")), b: model.get("b"), sel: -1 };
  const P = planePanel({ size: 320, title: "f(x) = Σ α_u κ(x, w_u)", lo: -3, hi: 3 });
  const cbar = colourBar(P.canvas.height, "f");
  const bars = barChart(330, 250, "α_u κ(x, w_u) at the input, and their sum f");
  const readout = liveRegion("yl-status p1-readout");
  const coord = (v) => Number(v).toFixed(2);
  const sliders = alpha.map((a, u) => labelledSlider(`α of unit ${u + 1}`, { min: -2, max: 2, step: 0.05, value: a, format: coord,
    onInput: (v) => { alpha[u] = v; draw(); } }));
  const se = labelledSlider("ε (all units)", { min: -2, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; draw(); } });
  const itemName = (i) => (i < 0 ? "the input x" : `prototype ${i + 1}`);
  const picker = chipPicker("What the arrow keys move on the plane", {
    labels: () => ["input x", ...W.map((_, u) => `prototype ${u + 1}`)],
    get: () => st.sel + 1,
    set: (i) => { st.sel = i - 1; draw(); },
  });
  const clampP = (v) => Math.max(P.lo, Math.min(P.hi, Math.round(v * 100) / 100));
  const selected = () => (st.sel < 0 ? st.x : W[st.sel]);
  function moveSelected(a, b) {
    const p = [clampP(a), clampP(b)];
    if (st.sel < 0) st.x = p; else W[st.sel] = p;
    draw();
  }
  const pair = h("div", { class: "p1-pair" }, P.canvas, cbar.canvas);
  keyboardDrag(pair, { label: "The field f; arrow keys move the chosen item", get: () => selected().slice(), set: ([a, b]) => moveSelected(a, b), step: 0.05 });
  bars.canvas.addEventListener("click", (ev) => {
    const r = bars.canvas.getBoundingClientRect();
    const i = bars.barAt((ev.clientX - r.left) * bars.canvas.width / r.width, K + 1);
    if (i >= 0 && i < K) { st.sel = i; draw(); }
  });

  const draw = timedDraw(el, () => {
    const p = { b: st.b, eps: 10 ** st.le }, n = 72, t = theme(), ink = signedInk();
    const v = P.sample((a, b) => { let s = 0; for (let u = 0; u < K; u++) s += alpha[u] * kernelValue("yat", [a, b], W[u], p); return s; }, n);
    let m = 0;
    for (let i = 0; i < n * n; i++) m = Math.max(m, Math.abs(v[i]));
    const contrib = W.map((w, u) => alpha[u] * kernelValue("yat", st.x, w, p));
    const f = contrib.reduce((s, c) => s + c, 0);
    let best = -1, bestAbs = 0, tot = 0;
    contrib.forEach((c, u) => { tot += Math.abs(c); if (Math.abs(c) > bestAbs) { bestAbs = Math.abs(c); best = u; } });
    P.clear(); P.paint(v, n, (z) => signedMap(m > 0 ? z / m : 0)); P.axes();
    if (m > 0) P.zeroContour(v, n, t.muted, 1);
    W.forEach((w, u) => {
      P.marker(w[0], w[1], { shape: "diamond", r: u === best ? 9 : 7, fill: classColour(alpha[u] >= 0 ? 1 : 0),
        stroke: u === best ? ink.ink : ink.paper, lw: u === best ? 3 : 2 });
      P.label(w[0], w[1], String(u + 1));
    });
    P.marker(st.x[0], st.x[1], { r: 7, fill: "none", stroke: ink.paper, lw: 4 });
    P.marker(st.x[0], st.x[1], { r: 7, fill: "none", stroke: ink.ink, lw: 2 });
    const s = selected();
    P.marker(s[0], s[1], { r: 13, fill: "none", stroke: t.focus, lw: 2 });
    cbar.draw(-m, m, signedMap, true);
    bars.draw([...contrib, f], [...W.map((_, u) => String(u + 1)), "sum f"], { highlight: best, colours: [...contrib.map(() => null), t.muted] });
    picker.draw();
    const selText = st.sel < 0 ? `the input x = (${coord(st.x[0])}, ${coord(st.x[1])})`
      : `prototype ${st.sel + 1} at (${coord(W[st.sel][0])}, ${coord(W[st.sel][1])}), α = ${coord(alpha[st.sel])}, α·κ = ${fmtNum(contrib[st.sel])}`;
    if (alpha.every((a) => a === 0)) {
      showMessage(msg, "All α are zero: f = 0 everywhere, no unit contributes. Move an α slider.");
      readout.say(`f(x) = 0 everywhere. Arrow keys move ${itemName(st.sel)}.`);
    } else {
      showMessage(msg, "");
      readout.say(`f(x) = ${fmtNum(f)}. Largest contribution: unit ${best + 1}, α·κ = ${fmtNum(contrib[best])} `
        + `(${(100 * bestAbs / (tot || 1)).toFixed(0)} % of Σ|α_u κ|). Chosen: ${selText}.`);
    }
    readout.root.dataset.best = String(best + 1);
    describe(pair, `Field f over the plane from −3 to 3 (orange positive, blue negative, largest |f| ${fmtNum(m)}), its zero line, six numbered prototypes `
      + `and the input ring at (${coord(st.x[0])}, ${coord(st.x[1])}); unit ${best + 1} contributes most there. Arrow keys move ${itemName(st.sel)} (Shift: faster).`);
    describe(bars.canvas, `Bars of each unit's contribution at the input: ${contrib.map((c, u) => `${u + 1}: ${fmtNum(c)}`).join(", ")}; their sum f = ${fmtNum(f)}.`);
    model.set("alpha", alpha.slice()); model.set("x", st.x.slice()); model.set("prototypes", W.map((w) => w.slice())); model.save_changes();
  });
  onPlanePointer(P, (a, b) => {
    // grab a prototype if the press is on one, otherwise move the input x
    const tol = 0.18 * (P.hi - P.lo) / 6;
    let hit = -1;
    W.forEach((w, u) => { if (Math.hypot(w[0] - a, w[1] - b) < tol) hit = u; });
    st.sel = hit;
    if (hit >= 0) { draw(); return (u, v) => moveSelected(u, v); }
    moveSelected(a, b);
    return (u, v) => moveSelected(u, v);
  });
  const figure = h("div", { class: "p1-panels" }, pair, bars.canvas);
  el.append(h("div", { class: "yl-controls" }, se.root),
    h("div", { class: "yl-controls" }, h("span", { class: "yl-label", "aria-hidden": "true" }, "arrow keys on the plane move:"), picker.root),
    h("div", { class: "p1-panels" }, figure, h("div", { class: "p1-protos" }, sliders.map((s) => s.root))),
    msg, readout.root,
    h("div", { class: "yl-caption" }, "Drag the ring (the input x) or a numbered diamond (a prototype), or choose one above and move it with the arrow keys on the plane. "
      + "Orange: α > 0, blue: α < 0; grey line: f = 0. The dark outline marks the unit that contributes most at x; the ring in the focus colour marks the chosen item."),
    h("div", { class: "yl-toolbar" }, exportButton("kernel-layer", () => figure)));
  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    mountWidget(el, { name: "kernel_layer", label: "Figure F04: a kernel layer as a weighted sum of bumps" }, (root) => renderFigure(root, model));
  },
};
