// Figure F02: one section x -> κ(x, w) of the Yat kernel. Bundled after dom.js, canvas.js,
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
  const P = planePanel({ size: 320, title: "κ(x, w) = (w·x + b)² / (‖x − w‖² + ε)", lo: -3, hi: 3 });
  const cbar = colourBar(P.canvas.height, "κ(x, w)");
  const sx = labelledSlider("w, first coordinate", { min: -2.5, max: 2.5, step: 0.05, value: st.w[0], format: ysCoord, onInput: (v) => { st.w[0] = v; g.draw(); } });
  const sy = labelledSlider("w, second coordinate", { min: -2.5, max: 2.5, step: 0.05, value: st.w[1], format: ysCoord, onInput: (v) => { st.w[1] = v; g.draw(); } });
  const se = labelledSlider("sharpness floor ε", { min: -2, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; g.draw(); } });
  const sb = labelledSlider("bias b", { min: 0, max: 2, step: 0.05, value: st.b, format: ysCoord, onInput: (v) => { st.b = v; g.draw(); } });
  const pair = h("div", { class: "p1-pair" }, P.canvas, cbar.canvas);
  keyboardDrag(pair, { label: "Kernel section; arrow keys move the prototype w", get: () => st.w.slice(), set: ([x, y]) => placeSectionW(g, x, y), step: 0.05 });
  return { P, cbar, readout: liveRegion("yl-status p1-readout"), sx, sy, se, sb, pair };
}

// ---- drawing --------------------------------------------------------------------

/** The section over the plane with w and its maximum x* marked; returns its largest value in the picture and the area above half of it. */
function drawSection(g, p, n) {
  const { P, cbar } = g.ui, st = g.st, ink = mapInk();
  const v = P.sample((x, y) => kernelValue("yat", [x, y], st.w, p), n);
  let m = 0, above = 0;
  for (let i = 0; i < n * n; i++) m = Math.max(m, v[i]);
  for (let i = 0; i < n * n; i++) if (v[i] > m / 2) above++;
  P.clear(); P.paint(v, n, (z) => viridis(m > 0 ? z / m : 0)); P.axes();
  P.marker(st.w[0], st.w[1], { shape: "diamond", r: 7, fill: classColour(3), stroke: ink.paper });
  const xs = sectionMaximum(st, p.eps).xs;
  if (xs && Math.abs(xs[0]) <= 3 && Math.abs(xs[1]) <= 3) {   // the ring: the maximum of κ, just beyond w
    P.marker(xs[0], xs[1], { r: 5, fill: "none", stroke: ink.paper, lw: 3 });
    P.marker(xs[0], xs[1], { r: 5, fill: "none", stroke: ink.ink, lw: 1 });
  }
  cbar.draw(0, m, viridis);
  return { m, area: above / (n * n) * (P.hi - P.lo) ** 2 };
}

/** The maximum over the plane, (‖w‖² + b)²/ε + ‖w‖², at x* = (1 + ε/(‖w‖² + b))·w (yatlib.kernel_maximum.yat_maximum; b ≥ 0 here). */
function sectionMaximum(st, eps) {
  const ww = st.w[0] ** 2 + st.w[1] ** 2, s = ww + st.b, atW = s * s / eps;
  return { s, atW, top: atW + ww, xs: s > 0 ? [(1 + eps / s) * st.w[0], (1 + eps / s) * st.w[1]] : null };
}

function saySection(g, eps, { m, area }) {
  const st = g.st, ui = g.ui, { s, atW, top, xs } = sectionMaximum(st, eps);
  if (s === 0) {
    showMessage(ui.msg, "With w at the origin and b = 0 the numerator (w·x + b)² is zero everywhere: the unit never fires. Move w or raise b.");
    ui.readout.say(`w = (0.00, 0.00), b = 0: κ is zero everywhere.`);
  } else {
    showMessage(ui.msg, "");
    const inside = Math.abs(xs[0]) <= 3 && Math.abs(xs[1]) <= 3;
    ui.readout.say(`w = (${ysCoord(st.w[0])}, ${ysCoord(st.w[1])}), ε = ${logFmt(eps)}, b = ${ysCoord(st.b)}: value at w = (‖w‖² + b)²/ε = ${fmtNum(atW)}; `
      + `maximum = value at w + ‖w‖² = ${fmtNum(top)}, at x* = (1 + ε/(‖w‖² + b))·w = (${ysCoord(xs[0])}, ${ysCoord(xs[1])})`
      + `${inside ? " (ring)" : ", outside the picture"}; `
      + `area where κ is above half its largest value in the picture: ${fmtNum(area, 2)} (smaller ε → smaller area, sharper unit).`);
  }
  describe(ui.pair, `Heat map of the Yat kernel κ(x, w) over the plane from −3 to 3, with the prototype w = (${ysCoord(st.w[0])}, ${ysCoord(st.w[1])}) as a red diamond `
    + `and its maximum, just beyond w, as a ring; largest value in the picture ${fmtNum(m)}, above half of it on an area of ${fmtNum(area, 2)}. Arrow keys move w (Shift: faster).`);
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
    h("div", { class: "yl-caption" }, "Click or drag to move the prototype w (red diamond); the ring marks the maximum of κ, just beyond w. Or focus the plane and use the arrow keys."),
    h("div", { class: "yl-toolbar" }, exportButton("yat-kernel-section", () => figure)));
  g.draw();
  return { redraw: g.draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "yat_section", label: "Figure F02: one section of the Yat kernel" }, (root, life) => renderFigure(root, model, life));
  },
};
