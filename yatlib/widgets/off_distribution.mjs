// Figure F11: off-distribution behaviour in 1-D. Left: a ReLU pre-activation and a Yat unit; right:
// the confidence margins of a ReLU MLP and a Yat MLP trained on a band. A query slider (or a click
// on a chart) reads all four curves. Bundled after dom.js, chart.js.

const CW = 324;   // width of each chart: two side by side in the book's column

// ---- state ----------------------------------------------------------------------

function offState(model) {
  const C = model.get("curves"), xs = C.x, n = xs.length, lo = xs[0], hi = xs[n - 1];
  const range = (keys) => { let a = Infinity, b = -Infinity; for (const k of keys) for (const v of C[k]) { a = Math.min(a, v); b = Math.max(b, v); } return [a, b]; };
  return { model, C, band: model.get("band"), units: model.get("units"), xs, n, lo, hi, dx: (hi - lo) / (n - 1),
    yUnits: range(["relu_unit", "yat_unit"]), yMargins: [0, range(["relu_margin", "yat_margin"])[1] * 1.05 || 1],
    st: { q: model.get("query") }, frames: [] };
}

const queryIndex = (g, q) => Math.max(0, Math.min(g.n - 1, Math.round((q - g.lo) / g.dx)));

// ---- controls -------------------------------------------------------------------

function offControls(g) {
  const { lo, hi, dx, st } = g, step = Math.max(dx, Math.round(0.05 / dx) * dx);
  const slider = labelledSlider("query position x", { min: lo, max: hi, step, value: st.q, format: (v) => (v >= 0 ? "+" : "") + Number(v).toFixed(2),
    onInput: (v) => { st.q = v; g.draw(); } });
  const left = svg("svg", { class: "od-units" }), right = svg("svg", { class: "od-margins" });
  // a click on a chart reads the curves there
  for (const [node, k] of [[left, 0], [right, 1]]) {
    node.style.cursor = "crosshair";
    node.addEventListener("click", (ev) => {
      const f = g.frames[k], r = node.getBoundingClientRect();
      if (!f) return;
      const px = (ev.clientX - r.left) * CW / r.width;
      if (px < f.left || px > f.right) return;
      st.q = lo + (px - f.left) / (f.right - f.left) * (hi - lo);
      g.draw();
    });
  }
  return { msg: h("div", { class: "yl-message", role: "alert" }), readout: liveRegion("yl-status od-readout"), slider, left, right,
    figure: h("div", { class: "yl-row" }, left, right) };
}

// ---- drawing --------------------------------------------------------------------

function offPanel(g, node, title, keys, domain, yLabel, i) {
  const t = theme(), red = classColour(3), blue = classColour(0), { xs, C, band } = g;
  const f = chartFrame(node, { width: CW, height: 290, title, margin: { l: 52, b: 46 },
    x: { domain: [g.lo, g.hi], label: "query x (shaded: the training data)" }, y: { domain: domain, label: yLabel } });
  f.g.insertBefore(svg("rect", { x: f.x(band[0]), y: f.top, width: f.x(band[1]) - f.x(band[0]), height: f.bottom - f.top,
    fill: t.grid, "fill-opacity": 0.6 }), f.g.firstChild);
  const [kRelu, kYat, dash] = keys;
  lineSeries(f, xs, C[kRelu], { colour: red, dash });
  lineSeries(f, xs, C[kYat], { colour: blue, dash });
  pointSeries(f, [xs[i]], [C[kRelu][i]], { colour: red, r: 5, cls: "od-marker" });
  pointSeries(f, [xs[i]], [C[kYat][i]], { colour: blue, r: 5, cls: "od-marker" });
  vLine(f, xs[i], { colour: t.muted });
  return f;
}

function sayOff(g, i) {
  const { C, xs, band, lo, hi } = g, ui = g.ui;
  const v = (k) => Number(C[k][i]).toFixed(2), xq = (xs[i] >= 0 ? "+" : "") + xs[i].toFixed(2);
  const inside = xs[i] >= band[0] && xs[i] <= band[1];
  ui.readout.say(`x = ${xq} (${inside ? "inside" : "outside"} the training band) · ReLU unit ${v("relu_unit")}, Yat unit ${v("yat_unit")} · `
    + `ReLU MLP margin ${v("relu_margin")}, Yat MLP margin ${v("yat_margin")}`);
  describe(ui.left, `Line chart over x from ${lo} to ${hi}: the ReLU pre-activation, a straight line, and the Yat unit, which levels off; at x = ${xq} they are ${v("relu_unit")} and ${v("yat_unit")}.`);
  describe(ui.right, `Line chart of the confidence margins of the two trained classifiers over x from ${lo} to ${hi}: the ReLU network's grows linearly outside the band, `
    + `the Yat network's falls back to a small constant; at x = ${xq} they are ${v("relu_margin")} and ${v("yat_margin")}.`);
}

function drawOff(g) {
  const ui = g.ui, frames = g.frames;
  if (!Number.isFinite(g.st.q)) { showMessage(ui.msg, "The query position is not a number."); return; }
  showMessage(ui.msg, "");
  const i = queryIndex(g, g.st.q);
  ui.slider.set(g.xs[i]);
  frames.length = 0;
  frames.push(offPanel(g, ui.left, "one unit", ["relu_unit", "yat_unit", null], g.yUnits, "response", i));
  frames.push(offPanel(g, ui.right, `trained 1-D classifiers (${g.units} units)`, ["relu_margin", "yat_margin", "5 3"], g.yMargins, "confidence margin", i));
  legend(frames[0], [{ label: "ReLU pre-activation ω·x + β", colour: classColour(3) }, { label: "Yat unit φ(x)", colour: classColour(0) }],
    { x: frames[0].right - 180, y: frames[0].bottom - 34 });
  legend(frames[1], [{ label: "ReLU MLP |logit₁ − logit₀|", colour: classColour(3), dash: "5 3" }, { label: "Yat MLP |logit₁ − logit₀|", colour: classColour(0), dash: "5 3" }],
    { x: frames[1].left + 0.33 * (frames[1].right - frames[1].left), y: frames[1].top + 10 });
  sayOff(g, i);
  g.model.set("query", g.xs[i]); g.model.save_changes();
}

function renderFigure(el, model, life) {
  const g = offState(model);
  g.ui = offControls(g);
  g.draw = timedDraw(el, () => drawOff(g));
  const ui = g.ui;
  el.append(h("div", { class: "yl-controls" }, ui.slider.root, h("span", { class: "yl-caption" }, "or click on a chart")),
    ui.figure, ui.msg, ui.readout.root, h("div", { class: "yl-toolbar" }, exportButton("off-distribution", () => ui.figure)));
  g.draw();
  return { redraw: g.draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "off_distribution", label: "Figure F11: off-distribution behaviour in one dimension" }, (root, life) => renderFigure(root, model, life));
  },
};
