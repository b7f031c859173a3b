// Figure F07: the force of the loss on a probe prototype (left) and on a ReLU unit's weight vector
// (right). The fields were computed with jax.grad on a grid (yatlib.forces); here they are
// interpolated (fields.js). Bundled after dom.js, canvas.js, fields.js.

const FP_SIZE = 320;   // two panels side by side in the book's column
const FP_CSS = `.yl-widget .ff-panel { border: 1px solid var(--yl-border); touch-action: none; cursor: crosshair; }
.yl-widget .ff-read { font-variant-numeric: tabular-nums; }`;

function maxNorm(F) { let m = 0; for (let i = 0; i < F.length; i += 2) m = Math.max(m, Math.hypot(F[i], F[i + 1])); return m || 1; }

// ---- state ----------------------------------------------------------------------

function probeState(model) {
  const yatField = decodeF32(model.get("yat_field")), reluField = decodeF32(model.get("relu_field"));
  let deadShare = 0;
  for (let i = 0; i < reluField.length; i += 2) if (reluField[i] === 0 && reluField[i + 1] === 0) deadShare += 2 / reluField.length;
  return { model, lo: model.get("lo"), hi: model.get("hi"), n: model.get("n"), yatField, reluField,
    X: model.get("X"), y: model.get("y"), others: model.get("others"), probe: model.get("probe").slice(),
    yatMax: maxNorm(yatField), reluMax: maxNorm(reluField), deadShare };
}

const fpPx = (g, x) => ((x - g.lo) / (g.hi - g.lo)) * FP_SIZE;
const fpPy = (g, v) => FP_SIZE - ((v - g.lo) / (g.hi - g.lo)) * FP_SIZE;

function setProbe(g, p) {
  if (!p.every(Number.isFinite)) { showMessage(g.ui.msg, "The probe position is not a number: choose a point inside the square."); return; }
  const clamp = (v) => Math.max(g.lo, Math.min(g.hi, Math.round(v * 100) / 100));
  g.probe = [clamp(p[0]), clamp(p[1])];
  g.draw();
}

// ---- controls -------------------------------------------------------------------

/** One panel: the field (base layer, drawn again on a theme change) and the probe (top layer); click or drag moves the probe. */
function fieldPanel(g, title, F, fmax, withData, cls) {
  const root = svg("svg", { width: FP_SIZE, height: FP_SIZE, class: `ff-panel ${cls}`, "aria-hidden": "true" });
  const base = svg("g", {}), top = svg("g", {});
  root.append(base, top);
  let dragging = false;
  const move = (ev) => {
    const r = root.getBoundingClientRect();
    const px = (ev.clientX - r.left) * FP_SIZE / r.width, py = (ev.clientY - r.top) * FP_SIZE / r.height;
    setProbe(g, [g.lo + (px / FP_SIZE) * (g.hi - g.lo), g.lo + ((FP_SIZE - py) / FP_SIZE) * (g.hi - g.lo)]);
  };
  root.addEventListener("pointerdown", (ev) => { dragging = true; try { root.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic */ } move(ev); });
  root.addEventListener("pointermove", (ev) => { if (dragging) move(ev); });
  root.addEventListener("pointerup", () => { dragging = false; });
  return { root, base, top, F, fmax, title, withData };
}

function probeControls(g) {
  const { lo, hi } = g, step = (hi - lo) / 200;
  const left = fieldPanel(g, "Yat prototype position (x₁, x₂)", g.yatField, g.yatMax, true, "ff-yat-panel");
  const right = fieldPanel(g, "ReLU unit weight vector (ω₁, ω₂)", g.reluField, g.reluMax, false, "ff-relu-panel");
  const sx = labelledSlider("probe x₁", { min: lo, max: hi, step, value: g.probe[0], format: (v) => Number(v).toFixed(2), onInput: (v) => setProbe(g, [v, g.probe[1]]) });
  const sy = labelledSlider("probe x₂", { min: lo, max: hi, step, value: g.probe[1], format: (v) => Number(v).toFixed(2), onInput: (v) => setProbe(g, [g.probe[0], v]) });
  const panels = h("div", { class: "yl-row ff-panels" }, left.root, right.root);
  keyboardDrag(panels, { label: "Force fields; arrow keys move the probe", get: () => g.probe.slice(), set: (p) => setProbe(g, p), step: 0.05 });
  return { msg: h("div", { class: "yl-message", role: "alert" }), readout: liveRegion("yl-status ff-read"), left, right, sx, sy, panels };
}

// ---- drawing --------------------------------------------------------------------

/** A panel's field as arrows (grey cells where it is exactly 0), and the data. */
function paintField(g, pan) {
  const t = theme(), { lo, hi, n } = g, { base, F, fmax } = pan;
  base.replaceChildren();
  const cell = FP_SIZE / (n - 1);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    const fx = F[2 * (j * n + i)], fy = F[2 * (j * n + i) + 1];
    const m = Math.hypot(fx, fy);
    const cx = fpPx(g, lo + (i * (hi - lo)) / (n - 1)), cy = fpPy(g, lo + (j * (hi - lo)) / (n - 1));
    if (m === 0) { base.append(svg("rect", { x: cx - cell / 2, y: cy - cell / 2, width: cell, height: cell, fill: t.grid, class: "ff-dead" })); continue; }
    if ((i + j) % 2) continue;
    const len = 0.9 * cell * Math.sqrt(m / fmax) * 1.4;
    const x2 = cx + len * fx / m, y2 = cy - len * fy / m;
    base.append(svg("line", { x1: cx, y1: cy, x2, y2, stroke: t.muted, "stroke-width": 1 }));
    base.append(svg("circle", { cx: x2, cy: y2, r: 1.2, fill: t.muted }));
  }
  if (pan.withData) {
    const { X, y } = g;
    for (let k = 0; k < y.length; k++) base.append(svg("circle", { cx: fpPx(g, X[k][0]), cy: fpPy(g, X[k][1]), r: 2.4, fill: classColour(y[k]), "fill-opacity": 0.85 }));
    for (const o of g.others) base.append(svg("rect", { x: fpPx(g, o[0]) - 3, y: fpPy(g, o[1]) - 3, width: 6, height: 6, fill: "none", stroke: t.fg, "stroke-opacity": 0.7 }));
  }
  base.append(svg("text", { x: 6, y: 16, "font-size": 12, fill: t.fg }, pan.title));
}

/** The probe, the force on it and the path that following the force takes; returns {m, end, text}. */
function drawProbe(g, pan, name) {
  const t = theme(), red = classColour(3), { lo, hi, n, probe } = g;
  pan.top.replaceChildren();
  const f = bilinear(pan.F, lo, hi, n, probe[0], probe[1]);
  const m = Math.hypot(f[0], f[1]);
  const path = flowPath(pan.F, lo, hi, n, probe[0], probe[1], 80, (hi - lo) / 100);
  pan.top.append(svg("polyline", { points: path.map((p) => `${fpPx(g, p[0])},${fpPy(g, p[1])}`).join(" "), fill: "none", stroke: red, "stroke-width": 1.5, "stroke-dasharray": "4 3" }));
  const px = fpPx(g, probe[0]), py = fpPy(g, probe[1]);
  if (m > 0) {
    const len = 40 * Math.sqrt(Math.min(1, m / pan.fmax)) + 8;
    pan.top.append(svg("line", { x1: px, y1: py, x2: px + len * f[0] / m, y2: py - len * f[1] / m, stroke: red, "stroke-width": 3 }));
  }
  pan.top.append(svg("circle", { cx: px, cy: py, r: 6, fill: m > 0 ? red : t.muted, stroke: t.bg, "stroke-width": 1.5, class: "ff-probe" }));
  const end = path[path.length - 1];
  return {
    m, end,
    text: m > 0
      ? `${name}: force ${fmtNum(m)} (${fmtNum(100 * m / pan.fmax, 2)} % of the largest on the grid); following it leads to (${end[0].toFixed(2)}, ${end[1].toFixed(2)}).`
      : `${name}: force exactly 0 here. The unit is off on every data point: it is dead and gradient descent cannot move it.`,
  };
}

function drawProbes(g) {
  const ui = g.ui, probe = g.probe;
  showMessage(ui.msg, "");
  ui.sx.set(probe[0]); ui.sy.set(probe[1]);
  const a = drawProbe(g, ui.left, "Yat prototype"), b = drawProbe(g, ui.right, "ReLU unit");
  ui.readout.say(`Probe at (${probe[0].toFixed(2)}, ${probe[1].toFixed(2)}). ${a.text} ${b.text}`);
  describe(ui.panels, `Two force fields on the square from ${g.lo} to ${g.hi}, arrows showing the direction of −∇L. Left: a Yat prototype moved to the probe `
    + `(${probe[0].toFixed(2)}, ${probe[1].toFixed(2)}), next to the moons data; the force there is ${a.m > 0 ? fmtNum(a.m) : "0"}. `
    + `Right: a ReLU unit's weight vector; the shaded region, ${Math.round(100 * g.deadShare)} % of the square, has exactly zero force; at the probe the force is ${b.m > 0 ? fmtNum(b.m) : "exactly 0"}. `
    + "Arrow keys move the probe (Shift: faster).");
  g.model.set("probe", probe.slice()); g.model.save_changes();
}

function renderFigure(el, model, life) {
  el.append(h("style", {}, FP_CSS));
  const g = probeState(model);
  g.ui = probeControls(g);
  g.draw = timedDraw(el, () => drawProbes(g));
  const ui = g.ui;
  function redraw() { paintField(g, ui.left); paintField(g, ui.right); g.draw(); }
  const figure = h("div", {}, ui.panels);
  el.append(h("div", { class: "yl-controls" }, ui.sx.root, ui.sy.root, h("span", { class: "yl-caption" }, "or click / drag in either panel, or focus the panels and use the arrow keys")),
    ui.msg, figure, ui.readout.root, h("div", { class: "yl-toolbar" }, exportButton("force-probe", () => figure)));
  redraw();
  return { redraw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "force_probe", label: "Figure F07: the force on a probe prototype, and on a dead ReLU unit" }, (root, life) => renderFigure(root, model, life));
  },
};
