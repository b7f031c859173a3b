// Figure F14: a real kernel. Bundled after dom.js, canvas.js, plane.js, kernels.js, linalg.js;
// everything is computed here, in the browser.

function renderFigure(model, el) {
  const msg = planeRoot(el);
  const st = { n: model.get("n_points"), b: 0.5, le: Math.log10(0.1), contrast: "negdist", seed: 1 };
  const P = planePanel({ size: 220, title: "the points", lo: -3, hi: 3 });
  const chart = h("canvas", { width: 520, height: P.canvas.height, class: "p1-spec" });
  const out = h("div", { class: "p1-readout" });
  const sn = labelledSlider("number of points", { min: 2, max: 60, step: 1, value: st.n, onInput: (v) => { st.n = v; draw(); } });
  const sb = labelledSlider("bias b", { min: 0, max: 3, step: 0.05, value: st.b, format: (v) => v.toFixed(2), onInput: (v) => { st.b = v; draw(); } });
  const se = labelledSlider("ε", { min: -3, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; draw(); } });
  const sel = h("select", { "aria-label": "non-kernel to compare" }, h("option", { value: "negdist" }, "−‖x − y‖ (negative distance)"), h("option", { value: "tanh" }, "tanh(x·y − 1) (sigmoid 'kernel')"));
  sel.addEventListener("change", () => { st.contrast = sel.value; draw(); });
  const symlog = (v) => Math.sign(v) * Math.log10(1 + Math.abs(v) / 1e-6) / 6.000000434;
  const draw = timedDraw(el, () => {
    const rng = seededRng(st.seed * 7919), X = [];
    for (let i = 0; i < st.n; i++) X.push([normalSample(rng), normalSample(rng)]);
    const ey = jacobiEigenvalues(gramMatrix(X, "yat", { b: st.b, eps: 10 ** st.le }), st.n);
    const ec = jacobiEigenvalues(gramMatrix(X, st.contrast, {}), st.n);
    P.clear(); P.paint(new Float64Array(1), 1, () => [250, 250, 250]); P.axes();
    X.forEach((x) => P.marker(x[0], x[1], { r: 3.5, fill: "#444", stroke: "#fff", lw: 1 }));
    const ctx = chart.getContext("2d"), Wd = chart.width, Ht = chart.height, m = { l: 58, r: 10, t: 20, b: 34 };
    ctx.clearRect(0, 0, Wd, Ht);
    const pw = Wd - m.l - m.r, ph = Ht - m.t - m.b, y0 = m.t + ph / 2;
    const ypix = (s) => y0 - s * ph / 2;
    ctx.font = "10px system-ui"; ctx.fillStyle = "#333"; ctx.strokeStyle = "#ccc";
    for (const [v, lab] of [[1, "+1"], [1e-3, "+10⁻³"], [1e-6, "+10⁻⁶"], [0, "0"], [-1e-6, "−10⁻⁶"], [-1e-3, "−10⁻³"], [-1, "−1"]]) {
      const yy = ypix(symlog(v));
      ctx.beginPath(); ctx.moveTo(m.l, yy); ctx.lineTo(m.l + pw, yy); ctx.stroke();
      ctx.textAlign = "right"; ctx.fillText(lab, m.l - 4, yy + 3);
    }
    ctx.strokeStyle = "#444"; ctx.beginPath(); ctx.moveTo(m.l, y0); ctx.lineTo(m.l + pw, y0); ctx.stroke();
    const series = [[ey, "#2a6fb0", "Yat"], [ec, "#c0392b", sel.options[sel.selectedIndex].text.split(" (")[0]]];
    let ok = true;
    const ratios = [];
    series.forEach(([ev, col], s) => {
      const top = Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
      if (!(top > 0) || !ev.every(Number.isFinite)) { ok = false; ratios.push(NaN); return; }
      ratios.push(ev[0] / top);
      ctx.fillStyle = col;
      ev.forEach((v, i) => {
        const xx = m.l + (i + 0.5) / ev.length * pw + (s ? 3 : -3);
        ctx.beginPath(); ctx.arc(xx, ypix(symlog(v / top)), 3, 0, 2 * Math.PI); ctx.fill();
      });
    });
    ctx.fillStyle = "#333"; ctx.textAlign = "center"; ctx.font = "bold 12px system-ui";
    ctx.fillText("eigenvalues λ / max|λ|, sorted (symmetric log scale)", m.l + pw / 2, 14);
    ctx.font = "11px system-ui"; ctx.fillText("eigenvalue index, smallest first", m.l + pw / 2, Ht - 8);
    ctx.textAlign = "left"; ctx.fillStyle = "#2a6fb0"; ctx.fillText("● Yat", m.l + 6, m.t + 12);
    ctx.fillStyle = "#c0392b"; ctx.fillText("● " + series[1][2], m.l + 50, m.t + 12);
    out.innerHTML = "";
    if (!ok) { showMessage(msg, "A Gram matrix is zero or not finite for these settings (e.g. all points at the origin with b = 0)."); }
    else showMessage(msg, "");
    const passY = ratios[0] >= -1e-6, passC = ratios[1] >= -1e-6;
    out.append(h("span", { class: passY ? "p1-good" : "p1-bad" }, `Yat: λ_min / λ_max = ${fmtNum(ratios[0])} ${passY ? "≥ 0 (within rounding): positive semi-definite" : "< 0"}`),
      h("br"), h("span", { class: passC ? "p1-good" : "p1-bad" }, `${series[1][2]}: λ_min / λ_max = ${fmtNum(ratios[1])} ${passC ? "≥ 0 for this draw" : "< 0: not a kernel"}`));
    out.dataset.yat = String(ratios[0]); out.dataset.contrast = String(ratios[1]);
  });
  el.append(h("div", { class: "yl-controls" }, sn.root, sb.root, se.root, h("label", {}, "compare with ", sel),
    h("button", { type: "button", onclick: () => { st.seed += 1; draw(); } }, "new random points")),
    h("div", { class: "p1-panels" }, P.canvas, chart), msg, out);
  draw();
}

export default {
  render({ model, el }) {
    el.dataset.widget = "gram_spectrum";
    try { renderFigure(model, el); } catch (e) {
      el.append(h("div", { class: "yl-message", style: "display:block" }, `This figure could not be drawn: ${e.message}`));
    }
  },
};
