// Figure F13: a rotation Q(θ) slipped into the hidden layer of a linear and of a ReLU network
// (and undone after it), next to a Yat layer whose data and prototypes turn together.
// Bundled after dom.js, canvas.js, plane.js, basis.js; the fields are computed here.

const PB_TITLES = ["linear: Q in, Q undone", "ReLU: Q in, Q undone", "Yat: data, prototypes rotated"];
const PB_N = 64;

// ---- state ----------------------------------------------------------------------

function basisState(model) {
  const table = model.get("table");
  return { model, net: model.get("net"), X: model.get("X"), y: model.get("y"), W: model.get("prototypes").flat(), a: model.get("readout"),
    b: model.get("b"), eps: model.get("eps"), lim: model.get("lim"), table,
    st: { step: Math.max(0, Math.min(table.length - 1, model.get("step"))) } };
}

/** Panel k's field at the angle theta: the linear (0) or ReLU (1) network's output, or the Yat layer's tanh(f/20) (2). */
function basisField(g, k, theta) {
  return g.ui.panels[k].P.sample((u, v) => (k === 2 ? Math.tanh(rotatedYatReadout(u, v, g.W, g.a, g.b, g.eps, theta) / 20)
    : rotatedNetOutput(g.net, u, v, theta, k === 1)), PB_N);
}

// ---- controls -------------------------------------------------------------------

function basisControls(g) {
  const { table, st, lim } = g, degrees = table.map((r) => r[0]);
  const panels = PB_TITLES.map((t) => ({ P: planePanel({ size: 190, title: t, lo: -lim, hi: lim }), cb: null }));
  panels.forEach((q, i) => { q.cb = colourBar(q.P.canvas.height, i < 2 ? "y" : "tanh(f/20)"); });
  const slider = labelledSlider("rotation angle θ", { min: 0, max: table.length - 1, step: 1, value: st.step,
    format: (v) => `${Math.round(degrees[v])}°`, onInput: (v) => { st.step = v; g.draw(); } });
  return { panels, readout: liveRegion("yl-status p1-readout pb-readout"), slider, degrees,
    figure: h("div", { class: "p1-panels" }, panels.map((q) => h("div", { class: "p1-pair" }, q.P.canvas, q.cb.canvas))) };
}

// ---- drawing --------------------------------------------------------------------

/** The three fields at theta, and the Yat layer's data and prototypes turned by theta. */
function drawBases(g, theta) {
  const ink = signedInk(), { X, y, W, a } = g;
  g.ui.panels.forEach((q, k) => {
    const v = basisField(g, k, theta), m = g.scale[k];
    q.P.clear(); q.P.paint(v, PB_N, (z) => signedMap(z / m)); q.P.axes();
    q.cb.draw(-m, m, signedMap, true);
  });
  const Y = g.ui.panels[2].P;
  X.forEach((p, i) => { const [u, v] = rotate2d(p[0], p[1], theta); Y.marker(u, v, { r: 2.6, fill: classColour(y[i]), stroke: ink.paper, lw: 0.6 }); });
  for (let u = 0; u < a.length; u++) {
    const [wx, wy] = rotate2d(W[2 * u], W[2 * u + 1], theta);
    Y.marker(wx, wy, { shape: "diamond", r: 6, fill: ink.ink, stroke: ink.paper, lw: 1 });
  }
}

function sayBases(g, row) {
  const lim = g.lim;
  const text = `θ = ${Math.round(row[0])}°: relative change of the output, linear ${row[1].toExponential(1)}, `
    + `ReLU ${row[2].toFixed(2)}; Yat activations ${row[3].toExponential(1)}`;
  g.ui.readout.say(text + ".");
  describe(g.ui.figure, `Three heat maps over the plane from −${lim} to ${lim} at the rotation angle θ = ${Math.round(row[0])}° (blue negative, orange positive, `
    + `colour scales fixed at θ = 0). Left, the linear network's output: unchanged (relative change ${row[1].toExponential(1)}). `
    + `Middle, the ReLU network's output: changed by ${row[2].toFixed(2)}. Right, the Yat layer's field with its data and six prototypes turned by θ; `
    + `the activations change by ${row[3].toExponential(1)}.`);
}

function drawBasis(g) {
  const row = g.table[g.st.step];
  g.ui.slider.set(g.st.step);
  drawBases(g, row[0] * Math.PI / 180);
  sayBases(g, row);
  g.model.set("step", g.st.step); g.model.save_changes();
}

function renderFigure(el, model, life) {
  const msg = planeRoot(el);
  const g = basisState(model);
  if (!g.table.length) { el.append(msg); showMessage(msg, "No rotation angles to show."); return null; }
  g.ui = basisControls(g);
  // the colour scales are fixed by θ = 0, so a change of the output shows as a change of colour
  g.scale = [0, 1].map((k) => { let m = 0; for (const v of basisField(g, k, 0)) m = Math.max(m, Math.abs(v)); return m || 1; });
  g.scale.push(1);
  g.draw = timedDraw(el, () => drawBasis(g));
  const ui = g.ui, degrees = ui.degrees, stepDeg = degrees.length > 1 ? degrees[1] - degrees[0] : 1;
  el.append(h("div", { class: "yl-controls" }, ui.slider.root, h("span", { class: "yl-caption" }, `steps of ${Math.round(stepDeg)}°, from 0° to ${Math.round(degrees[degrees.length - 1])}°`)),
    ui.figure, msg, ui.readout.root, h("div", { class: "yl-toolbar" }, exportButton("privileged-basis", () => ui.figure)));
  g.draw();
  return { redraw: g.draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "privileged_basis", label: "Figure F13: who owns the coordinates? a rotation of the hidden layer" },
      (root, life) => renderFigure(root, model, life));
  },
};
