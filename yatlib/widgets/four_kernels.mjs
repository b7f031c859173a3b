// Figure F03: Gaussian, Laplace, Yat and polynomial kernels around the same centre w, evaluated
// at the same input x. Bundled after dom.js, canvas.js, plane.js, kernels.js; computed here.

function renderFigure(el, model) {
  const msg = planeRoot(el);
  const st = { x: model.get("x").slice(), w: model.get("w").slice(), sigma: 0.8, le: -1, b: 0.5, c: 1 };
  const names = [["gaussian", "Gaussian exp(−‖x−w‖²/2σ²)", "Gaussian"], ["laplace", "Laplace exp(−‖x−w‖/σ)", "Laplace"],
    ["yat", "Yat (w·x+b)²/(‖x−w‖²+ε)", "Yat"], ["polynomial", "Polynomial (w·x + b)²", "polynomial"]];
  const panels = names.map(([k, t, short]) => ({ k, short, P: planePanel({ size: 200, title: t, lo: -3, hi: 3 }), cb: null,
    val: h("div", { class: "p1-readout p1-value" }) }));
  for (const q of panels) q.cb = colourBar(q.P.canvas.height, "κ");
  const readout = liveRegion("yl-status p1-readout p1-summary");
  const coord = (v) => Number(v).toFixed(2);
  const sx = labelledSlider("input x, first coordinate", { min: -3, max: 3, step: 0.05, value: st.x[0], format: coord, onInput: (v) => { st.x[0] = v; draw(); } });
  const sy = labelledSlider("input x, second coordinate", { min: -3, max: 3, step: 0.05, value: st.x[1], format: coord, onInput: (v) => { st.x[1] = v; draw(); } });
  const ss = labelledSlider("width σ (Gaussian, Laplace)", { min: 0.2, max: 2, step: 0.05, value: st.sigma, format: coord, onInput: (v) => { st.sigma = v; draw(); } });
  const se = labelledSlider("ε (Yat)", { min: -2, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; draw(); } });
  const sb = labelledSlider("b (Yat)", { min: 0, max: 2, step: 0.05, value: st.b, format: coord, onInput: (v) => { st.b = v; draw(); } });
  const sc = labelledSlider("b (polynomial)", { min: 0, max: 3, step: 0.05, value: st.c, format: coord, onInput: (v) => { st.c = v; draw(); } });
  const clampX = (v) => Math.max(-3, Math.min(3, Math.round(v * 100) / 100));
  function placeX(a, b) { st.x = [clampX(a), clampX(b)]; sx.set(st.x[0]); sy.set(st.x[1]); draw(); }
  const grid = h("div", { class: "p1-panels" }, panels.map((q) => h("div", {}, h("div", { class: "p1-pair" }, q.P.canvas, q.cb.canvas), q.val)));
  keyboardDrag(grid, { label: "Four kernel panels; arrow keys move the input x", get: () => st.x.slice(), set: ([a, b]) => placeX(a, b), step: 0.05 });

  const draw = timedDraw(el, () => {
    const p = { sigma: st.sigma, eps: 10 ** st.le, b: st.b, c: st.c, degree: 2 }, n = 60, ink = mapInk();
    const values = [];
    for (const q of panels) {
      const v = q.P.sample((a, b) => kernelValue(q.k, [a, b], st.w, p), n);
      let m = 0;
      for (let i = 0; i < n * n; i++) m = Math.max(m, v[i]);
      q.P.clear(); q.P.paint(v, n, (z) => viridis(m > 0 ? z / m : 0)); q.P.axes();
      q.P.marker(st.w[0], st.w[1], { shape: "diamond", r: 6, fill: classColour(3), stroke: ink.paper });
      q.P.marker(st.x[0], st.x[1], { r: 6, fill: "none", stroke: ink.paper, lw: 3 });
      q.P.marker(st.x[0], st.x[1], { r: 6, fill: "none", stroke: ink.ink, lw: 1 });
      q.cb.draw(0, m, viridis);
      const kx = kernelValue(q.k, st.x, st.w, p), far = kernelValue(q.k, [st.w[0] * 5, st.w[1] * 5], st.w, p);
      q.val.textContent = `κ(x, w) = ${fmtNum(kx)}   (at 5·w: ${fmtNum(far)})`;
      q.val.dataset.value = String(kx);
      values.push(kx);
    }
    const ok = values.every(Number.isFinite);
    showMessage(msg, ok ? "" : "A value is not finite: move x or change the parameters.");
    readout.say(`x = (${coord(st.x[0])}, ${coord(st.x[1])}): ` + panels.map((q, i) => `${q.short} ${fmtNum(values[i])}`).join(", ") + ".");
    describe(grid, `Four heat maps over the plane from −3 to 3, one per kernel, each with its own colour scale; the centre w = (${coord(st.w[0])}, ${coord(st.w[1])}) `
      + `is a red diamond and the input x = (${coord(st.x[0])}, ${coord(st.x[1])}) a ring. Arrow keys move x (Shift: faster).`);
    model.set("x", st.x.slice()); model.save_changes();
  });
  for (const q of panels) onPlanePointer(q.P, (a, b) => { placeX(a, b); return (u, v) => placeX(u, v); });
  const figure = h("div", {}, grid);
  el.append(h("div", { class: "yl-controls" }, sx.root, sy.root, ss.root, se.root, sb.root, sc.root), figure, msg, readout.root,
    h("div", { class: "yl-caption" }, "Red diamond: the centre w (the same in all four). Ring: the input x; click or drag on any panel to move it, or focus the panels and use the arrow keys. Each panel has its own colour scale."),
    h("div", { class: "yl-toolbar" }, exportButton("four-kernels", () => figure)));
  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    mountWidget(el, { name: "four_kernels", label: "Figure F03: four kernels around the same centre" }, (root) => renderFigure(root, model));
  },
};
