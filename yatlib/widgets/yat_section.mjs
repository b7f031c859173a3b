// Figure F02: one section x -> K(x, W) of the Yat kernel. Bundled after dom.js, canvas.js,
// plane.js, kernels.js; everything is computed here, in the browser.

const ysCoord = (v) => Number(v).toFixed(2);

// ---- state ----------------------------------------------------------------------

function placeSectionW(g, x, y) {
  const clampW = (v) => Math.max(-2.5, Math.min(2.5, Math.round(v * 100) / 100));
  g.st.w = [clampW(x), clampW(y)];
  g.ui.sx.set(g.st.w[0]); g.ui.sy.set(g.st.w[1]);
  g.draw();
}

// ---- controls -------------------------------------------------------------------

function sectionControls(g) {
  const st = g.st;
  const P = planePanel({ size: 320, title: "K(x, W) = (W·x + b)² / (‖x − W‖² + ε)", lo: -3, hi: 3 });
  const cbar = colourBar(P.canvas.height, "K(x, W)");
  const sx = labelledSlider("W, first coordinate", { min: -2.5, max: 2.5, step: 0.05, value: st.w[0], format: ysCoord, onInput: (v) => { st.w[0] = v; g.draw(); } });
  const sy = labelledSlider("W, second coordinate", { min: -2.5, max: 2.5, step: 0.05, value: st.w[1], format: ysCoord, onInput: (v) => { st.w[1] = v; g.draw(); } });
  const se = labelledSlider("sharpness floor ε", { min: -2, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; g.draw(); } });
  const sb = labelledSlider("bias b", { min: 0, max: 2, step: 0.05, value: st.b, format: ysCoord, onInput: (v) => { st.b = v; g.draw(); } });
  const pair = h("div", { class: "p1-pair" }, P.canvas, cbar.canvas);
  keyboardDrag(pair, { label: "Kernel section; arrow keys move the prototype W", get: () => st.w.slice(), set: ([x, y]) => placeSectionW(g, x, y), step: 0.05 });
  return { P, cbar, readout: liveRegion("yl-status p1-readout"), sx, sy, se, sb, pair };
}

// ---- drawing --------------------------------------------------------------------

/** The section over the plane with W marked; returns its maximum and the area above half of it. */
function drawSection(g, p, n) {
  const { P, cbar } = g.ui, st = g.st, ink = mapInk();
  const v = P.sample((x, y) => kernelValue("yat", [x, y], st.w, p), n);
  let m = 0, above = 0;
  for (let i = 0; i < n * n; i++) m = Math.max(m, v[i]);
  for (let i = 0; i < n * n; i++) if (v[i] > m / 2) above++;
  P.clear(); P.paint(v, n, (z) => viridis(m > 0 ? z / m : 0)); P.axes();
  P.marker(st.w[0], st.w[1], { shape: "diamond", r: 7, fill: classColour(3), stroke: ink.paper });
  cbar.draw(0, m, viridis);
  return { m, area: above / (n * n) * (P.hi - P.lo) ** 2 };
}

function saySection(g, eps, { m, area }) {
  const st = g.st, ui = g.ui, ww = st.w[0] ** 2 + st.w[1] ** 2;
  if (ww + st.b === 0) {
    showMessage(ui.msg, "With W at the origin and b = 0 the numerator (W·x + b)² is zero everywhere: the unit never fires. Move W or raise b.");
    ui.readout.say(`W = (0.00, 0.00), b = 0: K is zero everywhere.`);
  } else {
    showMessage(ui.msg, "");
    ui.readout.say(`W = (${ysCoord(st.w[0])}, ${ysCoord(st.w[1])}), ε = ${logFmt(eps)}, b = ${ysCoord(st.b)}: value at W = (‖W‖² + b)²/ε = ${fmtNum((ww + st.b) ** 2 / eps)}; `
      + `area where K is above half its maximum: ${fmtNum(area, 2)} (smaller ε → smaller area, sharper unit).`);
  }
  describe(ui.pair, `Heat map of the Yat kernel K(x, W) over the plane from −3 to 3, with the prototype W = (${ysCoord(st.w[0])}, ${ysCoord(st.w[1])}) as a red diamond; `
    + `largest value ${fmtNum(m)}, above half of it on an area of ${fmtNum(area, 2)}. Arrow keys move W (Shift: faster).`);
}

function drawYatSection(g) {
  const st = g.st, eps = 10 ** st.le;
  saySection(g, eps, drawSection(g, { b: st.b, eps }, 80));
  g.model.set("w", st.w.slice()); g.model.set("eps", eps); g.model.set("b", st.b); g.model.save_changes();
}

function renderFigure(el, model, life) {
  const msg = planeRoot(el);
  const g = { model, st: { w: model.get("w").slice(), le: Math.log10(model.get("eps")), b: model.get("b") } };
  g.ui = { msg, ...sectionControls(g) };
  g.draw = timedDraw(el, () => drawYatSection(g));
  onPlanePointer(g.ui.P, (x, y) => { placeSectionW(g, x, y); return (a, b) => placeSectionW(g, a, b); });
  const ui = g.ui, figure = h("div", {}, ui.pair);
  el.append(h("div", { class: "yl-controls" }, ui.sx.root, ui.sy.root, ui.se.root, ui.sb.root), figure, msg, ui.readout.root,
    h("div", { class: "yl-caption" }, "Click or drag to move the prototype W (red diamond), or focus the plane and use the arrow keys."),
    h("div", { class: "yl-toolbar" }, exportButton("yat-kernel-section", () => figure)));
  g.draw();
  return { redraw: g.draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "yat_section", label: "Figure F02: one section of the Yat kernel" }, (root, life) => renderFigure(root, model, life));
  },
};
