// Figure F03: four kernels. Bundled after dom.js, canvas.js, plane.js, kernels.js, linalg.js;
// everything is computed here, in the browser.

function renderFigure(model, el) {
  const msg = planeRoot(el);
  const st = { x: model.get("x").slice(), w: model.get("w").slice(), sigma: 0.8, le: -1, b: 0.5, c: 1 };
  const names = [["gaussian", "Gaussian exp(−‖x−W‖²/2σ²)"], ["laplace", "Laplace exp(−‖x−W‖/σ)"],
    ["yat", "Yat (W·x+b)²/(‖x−W‖²+ε)"], ["polynomial", "Polynomial (W·x + c)²"]];
  const panels = names.map(([k, t]) => ({ k, P: planePanel({ size: 200, title: t, lo: -3, hi: 3 }), cb: null, val: h("div", { class: "p1-readout" }) }));
  for (const q of panels) q.cb = colourBar(q.P.canvas.height, "K");
  const sx = labelledSlider("input x, first coordinate", { min: -3, max: 3, step: 0.05, value: st.x[0], format: (v) => v.toFixed(2), onInput: (v) => { st.x[0] = v; draw(); } });
  const sy = labelledSlider("input x, second coordinate", { min: -3, max: 3, step: 0.05, value: st.x[1], format: (v) => v.toFixed(2), onInput: (v) => { st.x[1] = v; draw(); } });
  const ss = labelledSlider("width σ (Gaussian, Laplace)", { min: 0.2, max: 2, step: 0.05, value: st.sigma, format: (v) => v.toFixed(2), onInput: (v) => { st.sigma = v; draw(); } });
  const se = labelledSlider("ε (Yat)", { min: -2, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; draw(); } });
  const sb = labelledSlider("b (Yat)", { min: 0, max: 2, step: 0.05, value: st.b, format: (v) => v.toFixed(2), onInput: (v) => { st.b = v; draw(); } });
  const sc = labelledSlider("c (polynomial)", { min: 0, max: 3, step: 0.05, value: st.c, format: (v) => v.toFixed(2), onInput: (v) => { st.c = v; draw(); } });
  const draw = timedDraw(el, () => {
    const p = { sigma: st.sigma, eps: 10 ** st.le, b: st.b, c: st.c, degree: 2 }, n = 60;
    const lines = [];
    for (const q of panels) {
      const v = q.P.sample((a, b) => kernelValue(q.k, [a, b], st.w, p), n);
      let m = 0;
      for (let i = 0; i < n * n; i++) m = Math.max(m, v[i]);
      q.P.clear(); q.P.paint(v, n, (z) => viridis(m > 0 ? z / m : 0)); q.P.axes();
      q.P.marker(st.w[0], st.w[1], { shape: "diamond", r: 6, fill: "#e33", stroke: "#fff" });
      q.P.marker(st.x[0], st.x[1], { r: 6, fill: "none", stroke: "#fff", lw: 3 });
      q.P.marker(st.x[0], st.x[1], { r: 6, fill: "none", stroke: "#000", lw: 1 });
      q.cb.draw(0, m, viridis);
      const kx = kernelValue(q.k, st.x, st.w, p), far = kernelValue(q.k, [st.w[0] * 5, st.w[1] * 5], st.w, p);
      q.val.textContent = `K(x, W) = ${fmtNum(kx)}   (at 5·W: ${fmtNum(far)})`;
      q.val.dataset.value = String(kx);
      lines.push(kx);
    }
    showMessage(msg, lines.every(Number.isFinite) ? "" : "A value is not finite: move x or change the parameters.");
    model.set("x", st.x.slice()); model.save_changes();
  });
  for (const q of panels) onPlanePointer(q.P, (a, b) => { const f = (u, v) => { st.x = [u, v]; sx.set(u.toFixed(2)); sy.set(v.toFixed(2)); draw(); }; f(a, b); return f; });
  el.append(h("div", { class: "yl-controls" }, sx.root, sy.root, ss.root, se.root, sb.root, sc.root),
    h("div", { class: "p1-panels" }, panels.map((q) => h("div", {}, h("div", { class: "p1-pair" }, q.P.canvas, q.cb.canvas), q.val))),
    msg, h("div", { class: "yl-caption" }, "Red diamond: the centre W (the same in all four). Ring: the input x; click or drag on any panel to move it. Each panel has its own colour scale."));
  draw();
}

export default {
  render({ model, el }) {
    el.dataset.widget = "four_kernels";
    try { renderFigure(model, el); } catch (e) {
      el.append(h("div", { class: "yl-message", style: "display:block" }, `This figure could not be drawn: ${e.message}`));
    }
  },
};
