// Figure F01: a ReLU unit next to a Yat unit with the same w. Bundled after dom.js, canvas.js,
// plane.js, kernels.js; everything is computed here, in the browser.

// ---- state ----------------------------------------------------------------------

const wVector = (st) => { const th = st.theta * Math.PI / 180; return [st.r * Math.cos(th), st.r * Math.sin(th)]; };

/** Put w at (x, y): the angle and length follow (the length stays in the sliders' range). */
function placeW(g, x, y) {
  const st = g.st, ui = g.ui, r = Math.hypot(x, y);
  if (!(r >= 0.05)) { showMessage(ui.msg, "w cannot be the zero vector: put it away from the origin."); return false; }
  showMessage(ui.msg, "");
  st.r = Math.min(2.5, Math.max(0.2, Math.round(r * 100) / 100));
  st.theta = Math.round(((Math.atan2(y, x) * 180 / Math.PI) + 360) % 360) % 360;
  ui.sTheta.set(st.theta); ui.sR.set(st.r);
  g.draw();
  return true;
}

// ---- controls -------------------------------------------------------------------

function unitControls2d(g) {
  const st = g.st;
  const A = planePanel({ size: 210, title: "ReLU unit  max(0, w·x)", lo: -3, hi: 3 });
  const B = planePanel({ size: 210, title: "Yat unit  (w·x)² / (‖x−w‖² + ε)", lo: -3, hi: 3 });
  const ca = colourBar(A.canvas.height, "ReLU"), cb = colourBar(B.canvas.height, "Yat");
  const sTheta = labelledSlider("angle θ of w (degrees)", { min: 0, max: 360, step: 1, value: st.theta,
    format: (v) => `${v}°`, onInput: (v) => { st.theta = v; g.draw(); } });
  const sR = labelledSlider("length ‖w‖", { min: 0.2, max: 2.5, step: 0.05, value: st.r,
    format: (v) => Number(v).toFixed(2), onInput: (v) => { st.r = v; g.draw(); } });
  const panels = h("div", { class: "p1-panels" },
    h("div", { class: "p1-pair" }, A.canvas, ca.canvas), h("div", { class: "p1-pair" }, B.canvas, cb.canvas));
  keyboardDrag(panels, { label: "Both panels; arrow keys move w", get: () => wVector(st), set: ([x, y]) => placeW(g, x, y), step: 0.1 });
  const onDown = (x, y) => (placeW(g, x, y) ? (x2, y2) => placeW(g, x2, y2) : null);
  onPlanePointer(A, onDown); onPlanePointer(B, onDown);
  return { A, B, ca, cb, readout: liveRegion("yl-status p1-readout"), sTheta, sR, panels };
}

// ---- drawing --------------------------------------------------------------------

/** Both units over the plane, each on its own colour scale, with w as an arrow and a red dot; returns the maxima. */
function drawUnitMaps(g, w) {
  const { A, B, ca, cb } = g.ui, n = 72, ink = mapInk();
  const vr = A.sample((x, y) => Math.max(0, w[0] * x + w[1] * y), n);
  const vy = B.sample((x, y) => kernelValue("yat", [x, y], w, { b: 0, eps: g.st.eps }), n);
  let mr = 0, my = 0;
  for (let i = 0; i < n * n; i++) { mr = Math.max(mr, vr[i]); my = Math.max(my, vy[i]); }
  for (const [P, v, m, cbar] of [[A, vr, mr, ca], [B, vy, my, cb]]) {
    P.clear(); P.paint(v, n, (z) => viridis(m > 0 ? z / m : 0)); P.axes();
    P.arrow(0, 0, w[0], w[1], ink.paper);
    P.marker(w[0], w[1], { r: 5, fill: classColour(3), stroke: ink.paper });
    cbar.draw(0, m, viridis);
  }
  return { mr, my };
}

/** How each grows along w's direction, outside the picture, in the read-out; the text alternative. */
function sayUnits2d(g, w, { mr, my }) {
  const st = g.st;
  const th = st.theta * Math.PI / 180, far = [10 * Math.cos(th), 10 * Math.sin(th)];
  const reluFar = Math.max(0, w[0] * far[0] + w[1] * far[1]);
  const yatFar = kernelValue("yat", far, w, { b: 0, eps: st.eps });
  // b = 0: the value at x = w is ‖w‖⁴/ε; the maximum, ‖w‖² higher, is at (1 + ε/‖w‖²)·w (yatlib.kernel_maximum.yat_maximum)
  const r2 = st.r * st.r, atW = r2 * r2 / st.eps, top = r2 > 0 ? atW + r2 : 0, beyond = r2 > 0 ? 1 + st.eps / r2 : 1;
  g.ui.readout.say(`w = (${w[0].toFixed(2)}, ${w[1].toFixed(2)}), θ = ${st.theta}°, ‖w‖ = ${Number(st.r).toFixed(2)}. `
    + `At 10·ŵ, far outside the picture: ReLU = ${fmtNum(reluFar)} (and growing linearly), Yat = ${fmtNum(yatFar)} `
    + `(levelling off at ‖w‖² = ${fmtNum(r2)}, not growing). Yat at x = w: ‖w‖⁴/ε = ${fmtNum(atW)}; `
    + `its maximum, ‖w‖⁴/ε + ‖w‖² = ${fmtNum(top)}, is at (1 + ε/‖w‖²)·w = (${(beyond * w[0]).toFixed(2)}, ${(beyond * w[1]).toFixed(2)}), just beyond w.`);
  describe(g.ui.panels, `Two heat maps over the plane from −3 to 3, with w = (${w[0].toFixed(2)}, ${w[1].toFixed(2)}) marked by a red dot and an arrow. `
    + `Left, the ReLU unit: zero on one side of the line w·x = 0, growing linearly on the other side up to ${fmtNum(mr)} at the edge. `
    + `Right, the Yat unit: one peak, just beyond w along its direction, reaching ${fmtNum(my)} in the picture. Arrow keys move w (Shift: faster).`);
}

function drawUnits2d(g) {
  const w = wVector(g.st);
  sayUnits2d(g, w, drawUnitMaps(g, w));
  g.model.set("theta", g.st.theta); g.model.set("radius", g.st.r); g.model.save_changes();
}

function renderFigure(el, model, life) {
  const msg = planeRoot(el);
  const g = { model, st: { theta: model.get("theta"), r: model.get("radius"), eps: model.get("eps") } };
  g.ui = { msg, ...unitControls2d(g) };
  g.draw = timedDraw(el, () => drawUnits2d(g));
  const ui = g.ui, figure = h("div", {}, ui.panels);
  el.append(h("div", { class: "yl-controls" }, ui.sTheta.root, ui.sR.root), figure, msg, ui.readout.root,
    h("div", { class: "yl-caption" }, "Click or drag on either panel to place w (red dot; the arrow is w), or focus the panels and use the arrow keys."),
    h("div", { class: "yl-toolbar" }, exportButton("relu-vs-yat", () => figure)));
  g.draw();
  return { redraw: g.draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "relu_vs_yat", label: "Figure F01: a ReLU unit next to a Yat unit with the same w" },
      (root, life) => renderFigure(root, model, life));
  },
};
