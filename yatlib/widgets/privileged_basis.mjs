// Figure F13: a rotation Q(θ) slipped into the hidden layer of a linear and of a ReLU network
// (and undone after it), next to a Yat layer whose data and prototypes turn together.
// Bundled after dom.js, canvas.js, plane.js, basis.js; the fields are computed here.

function renderFigure(el, model, life) {
  const msg = planeRoot(el);
  const net = model.get("net"), X = model.get("X"), y = model.get("y");
  const W = model.get("prototypes").flat(), a = model.get("readout");
  const b = model.get("b"), eps = model.get("eps"), lim = model.get("lim"), table = model.get("table");
  if (!table.length) { el.append(msg); showMessage(msg, "No rotation angles to show."); return null; }
  const st = { step: Math.max(0, Math.min(table.length - 1, model.get("step"))) };
  const size = 190, n = 64;
  const titles = ["linear: Q in, Q undone", "ReLU: Q in, Q undone", "Yat: data, prototypes rotated"];
  const panels = titles.map((t) => ({ P: planePanel({ size, title: t, lo: -lim, hi: lim }), cb: null }));
  panels.forEach((q, i) => { q.cb = colourBar(q.P.canvas.height, i < 2 ? "y" : "tanh(f/20)"); });
  const readout = liveRegion("yl-status p1-readout pb-readout");
  const degrees = table.map((r) => r[0]);
  const stepDeg = degrees.length > 1 ? degrees[1] - degrees[0] : 1;
  const slider = labelledSlider("rotation angle θ", { min: 0, max: table.length - 1, step: 1, value: st.step,
    format: (v) => `${Math.round(degrees[v])}°`, onInput: (v) => { st.step = v; draw(); } });
  // the colour scales are fixed by θ = 0, so a change of the output shows as a change of colour
  const field = (k, theta) => panels[k].P.sample((u, v) => (k === 2 ? Math.tanh(rotatedYatReadout(u, v, W, a, b, eps, theta) / 20)
    : rotatedNetOutput(net, u, v, theta, k === 1)), n);
  const scale = [0, 1].map((k) => { let m = 0; for (const v of field(k, 0)) m = Math.max(m, Math.abs(v)); return m || 1; });
  scale.push(1);
  const figure = h("div", { class: "p1-panels" }, panels.map((q) => h("div", { class: "p1-pair" }, q.P.canvas, q.cb.canvas)));

  const draw = timedDraw(el, () => {
    const row = table[st.step], theta = row[0] * Math.PI / 180, ink = signedInk();
    slider.set(st.step);
    panels.forEach((q, k) => {
      const v = field(k, theta), m = scale[k];
      q.P.clear(); q.P.paint(v, n, (z) => signedMap(z / m)); q.P.axes();
      q.cb.draw(-m, m, signedMap, true);
    });
    const Y = panels[2].P;
    X.forEach((p, i) => { const [u, v] = rotate2d(p[0], p[1], theta); Y.marker(u, v, { r: 2.6, fill: classColour(y[i]), stroke: ink.paper, lw: 0.6 }); });
    for (let u = 0; u < a.length; u++) {
      const [wx, wy] = rotate2d(W[2 * u], W[2 * u + 1], theta);
      Y.marker(wx, wy, { shape: "diamond", r: 6, fill: ink.ink, stroke: ink.paper, lw: 1 });
    }
    const text = `θ = ${Math.round(row[0])}°: relative change of the output, linear ${row[1].toExponential(1)}, `
      + `ReLU ${row[2].toFixed(2)}; Yat activations ${row[3].toExponential(1)}`;
    readout.say(text + ".");
    describe(figure, `Three heat maps over the plane from −${lim} to ${lim} at the rotation angle θ = ${Math.round(row[0])}° (blue negative, orange positive, `
      + `colour scales fixed at θ = 0). Left, the linear network's output: unchanged (relative change ${row[1].toExponential(1)}). `
      + `Middle, the ReLU network's output: changed by ${row[2].toFixed(2)}. Right, the Yat layer's field with its data and six prototypes turned by θ; `
      + `the activations change by ${row[3].toExponential(1)}.`);
    model.set("step", st.step); model.save_changes();
  });
  el.append(h("div", { class: "yl-controls" }, slider.root, h("span", { class: "yl-caption" }, `steps of ${Math.round(stepDeg)}°, from 0° to ${Math.round(degrees[degrees.length - 1])}°`)),
    figure, msg, readout.root, h("div", { class: "yl-toolbar" }, exportButton("privileged-basis", () => figure)));
  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "privileged_basis", label: "Figure F13: who owns the coordinates? a rotation of the hidden layer" },
      (root, life) => renderFigure(root, model, life));
  },
};
