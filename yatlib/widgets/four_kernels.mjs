// Figure F03: Gaussian, Laplace, Yat and polynomial kernels around the same centre w, evaluated
// at the same input x. Bundled after dom.js, canvas.js, plane.js, kernels.js; computed here.

const FK_NAMES = [["gaussian", "Gaussian exp(−‖x−w‖²/2σ²)", "Gaussian"], ["laplace", "Laplace exp(−‖x−w‖/σ)", "Laplace"],
  ["yat", "Yat (w·x+b)²/(‖x−w‖²+ε)", "Yat"], ["polynomial", "Polynomial (w·x + b)²", "polynomial"]];
const fkCoord = (v) => Number(v).toFixed(2);

// ---- state ----------------------------------------------------------------------

function placeX(g, a, b) {
  const clampX = (v) => Math.max(-3, Math.min(3, Math.round(v * 100) / 100));
  g.st.x = [clampX(a), clampX(b)]; g.ui.sx.set(g.st.x[0]); g.ui.sy.set(g.st.x[1]); g.draw();
}

// ---- controls -------------------------------------------------------------------

function kernelsControls(g) {
  const st = g.st, slider = (label, key, min, max, format) => labelledSlider(label, { min, max, step: 0.05, value: st[key], format,
    onInput: (v) => { st[key] = v; g.draw(); } });
  const panels = FK_NAMES.map(([k, t, short]) => ({ k, short, P: planePanel({ size: 200, title: t, lo: -3, hi: 3 }), cb: null,
    val: h("div", { class: "p1-readout p1-value" }) }));
  for (const q of panels) q.cb = colourBar(q.P.canvas.height, "κ");
  const sx = labelledSlider("input x, first coordinate", { min: -3, max: 3, step: 0.05, value: st.x[0], format: fkCoord, onInput: (v) => { st.x[0] = v; g.draw(); } });
  const sy = labelledSlider("input x, second coordinate", { min: -3, max: 3, step: 0.05, value: st.x[1], format: fkCoord, onInput: (v) => { st.x[1] = v; g.draw(); } });
  const sliders = [slider("width σ (Gaussian, Laplace)", "sigma", 0.2, 2, fkCoord), slider("ε (Yat)", "le", -2, 1, (v) => logFmt(10 ** v)),
    slider("b (Yat)", "b", 0, 2, fkCoord), slider("b (polynomial)", "c", 0, 3, fkCoord)];
  const grid = h("div", { class: "p1-panels" }, panels.map((q) => h("div", {}, h("div", { class: "p1-pair" }, q.P.canvas, q.cb.canvas), q.val)));
  keyboardDrag(grid, { label: "Four kernel panels; arrow keys move the input x", get: () => st.x.slice(), set: ([a, b]) => placeX(g, a, b), step: 0.05 });
  for (const q of panels) onPlanePointer(q.P, (a, b) => { placeX(g, a, b); return (u, v) => placeX(g, u, v); });
  return { panels, readout: liveRegion("yl-status p1-readout p1-summary"), sx, sy, sliders, grid };
}

// ---- drawing --------------------------------------------------------------------

/** One kernel around w with x marked, on its own colour scale; returns κ(x, w). */
function drawKernelPanel(g, q, p, n) {
  const st = g.st, ink = mapInk();
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
  return kx;
}

function drawKernels(g) {
  const st = g.st, ui = g.ui, p = { sigma: st.sigma, eps: 10 ** st.le, b: st.b, c: st.c, degree: 2 };
  const values = ui.panels.map((q) => drawKernelPanel(g, q, p, 60));
  const ok = values.every(Number.isFinite);
  showMessage(ui.msg, ok ? "" : "A value is not finite: move x or change the parameters.");
  ui.readout.say(`x = (${fkCoord(st.x[0])}, ${fkCoord(st.x[1])}): ` + ui.panels.map((q, i) => `${q.short} ${fmtNum(values[i])}`).join(", ") + ".");
  describe(ui.grid, `Four heat maps over the plane from −3 to 3, one per kernel, each with its own colour scale; the centre w = (${fkCoord(st.w[0])}, ${fkCoord(st.w[1])}) `
    + `is a red diamond and the input x = (${fkCoord(st.x[0])}, ${fkCoord(st.x[1])}) a ring. Arrow keys move x (Shift: faster).`);
  g.model.set("x", st.x.slice()); g.model.save_changes();
}

function renderFigure(el, model, life) {
  const msg = planeRoot(el);
  const g = { model, st: { x: model.get("x").slice(), w: model.get("w").slice(), sigma: 0.8, le: -1, b: 0.5, c: 1 } };
  g.ui = { msg, ...kernelsControls(g) };
  g.draw = timedDraw(el, () => drawKernels(g));
  const ui = g.ui, figure = h("div", {}, ui.grid);
  el.append(h("div", { class: "yl-controls" }, ui.sx.root, ui.sy.root, ...ui.sliders.map((s) => s.root)), figure, msg, ui.readout.root,
    h("div", { class: "yl-caption" }, "Red diamond: the centre w (the same in all four). Ring: the input x; click or drag on any panel to move it, or focus the panels and use the arrow keys. Each panel has its own colour scale."),
    h("div", { class: "yl-toolbar" }, exportButton("four-kernels", () => figure)));
  g.draw();
  return { redraw: g.draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "four_kernels", label: "Figure F03: four kernels around the same centre" }, (root, life) => renderFigure(root, model, life));
  },
};
