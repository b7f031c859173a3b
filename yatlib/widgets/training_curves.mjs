// Training curves: the loss (log scale) and the training accuracy per epoch of several runs, side by
// side. The reader picks an epoch (arrow keys on a chart, or a click) and hears every run's values.

const runColour = (i) => classColour(i === 0 ? 0 : i === 1 ? 1 : i + 1);
const runEpochs = (r) => r.loss.map((_, i) => i + 1);

// ---- state ----------------------------------------------------------------------

function curvesState(model) {
  const runs = model.get("runs");
  const E = Math.max(...runs.map((r) => r.loss.length));
  const tickStep = Math.max(1, Math.ceil(E / 7));
  return { model, runs, E, st: { epoch: Math.min(E, Math.max(1, model.get("epoch") || E)) },
    epochTicks: [1, ...Array.from({ length: Math.floor(E / tickStep) }, (_, i) => (i + 1) * tickStep).filter((v) => v > 1)] };
}

function setEpoch(g, ep) { g.st.epoch = ep; g.model.set("epoch", ep); g.model.save_changes(); drawCurves(g); }

// ---- controls -------------------------------------------------------------------

/** Both charts pick an epoch: arrow keys, or a click. */
function curvesControls(g, el) {
  const E = g.E, lossChart = svg("svg", { class: "tc-loss" }), accChart = svg("svg", { class: "tc-accuracy" });
  const ui = { message: h("div", { class: "yl-message" }), readout: liveRegion(), lossChart, accChart };
  const figure = h("div", { class: "yl-row" }, lossChart, accChart);
  el.append(ui.message, ui.readout.root, figure, h("div", { class: "yl-toolbar" }, exportButton("training-curves", () => figure)));
  for (const node of [lossChart, accChart]) {
    pickByKeys(node, { label: "the chart: pick an epoch", count: E, get: () => g.st.epoch - 1, set: (i) => setEpoch(g, i + 1) });
    node.addEventListener("click", (e) => {
      const box = node.getBoundingClientRect(), x = (e.clientX - box.left) * 420 / box.width;
      const m = { l: 56, r: 14 }, e1 = Math.max(2, E);
      const ep = Math.round(1 + (x - m.l) / (420 - m.l - m.r) * (e1 - 1));
      if (ep >= 1 && ep <= E) setEpoch(g, ep);
    });
  }
  return ui;
}

// ---- drawing --------------------------------------------------------------------

function curveChart(g, node, key, { log, label, format, domain }) {
  const { runs, E, st } = g;
  const frame = chartFrame(node, {
    width: 420, height: 290,
    x: { domain: [1, Math.max(2, E)], label: "epoch", ticks: g.epochTicks },
    y: { domain, log, label, format },
  });
  runs.forEach((r, i) => {
    const ys = key === "accuracy" ? r.accuracy.map((v) => 100 * v) : r.loss;
    lineSeries(frame, runEpochs(r), ys, { colour: runColour(i), cls: `tc-line-${i}` });
    pointSeries(frame, runEpochs(r), ys, { colour: runColour(i), r: 3 });
  });
  vLine(frame, st.epoch, { cls: "yl-marker" });
  runs.forEach((r, i) => {
    const v = key === "accuracy" ? 100 * r.accuracy[st.epoch - 1] : r.loss[st.epoch - 1];
    if (Number.isFinite(v)) pointSeries(frame, [st.epoch], [v], { colour: runColour(i), r: 6, fill: "none" });
  });
  legend(frame, runs.map((r, i) => ({ label: r.name, colour: runColour(i) })),
    { x: key === "accuracy" ? frame.right - 130 : frame.right - 130, y: key === "accuracy" ? frame.bottom - 12 - 16 * (runs.length - 1) : frame.top + 8 });
  return frame;
}

function sayCurves(g) {
  const { runs, E, st } = g, ui = g.ui;
  const at = (r) => (st.epoch <= r.loss.length
    ? `${r.name} loss ${fmtNum(r.loss[st.epoch - 1], 3)}, accuracy ${fmtPct(r.accuracy[st.epoch - 1])}` : `${r.name} did not train that long`);
  ui.readout.say(`Epoch ${st.epoch} of ${E}: ${runs.map(at).join("; ")}.`);
  const last = (r) => `${r.name} from ${fmtNum(r.loss[0], 3)} to ${fmtNum(r.loss[r.loss.length - 1], 3)}`;
  describe(ui.lossChart, `Training loss per epoch, log scale: ${runs.map(last).join("; ")}. Arrow keys pick an epoch.`);
  describe(ui.accChart, `Training accuracy per epoch: ${runs.map((r) => `${r.name} from ${fmtPct(r.accuracy[0])} to `
    + `${fmtPct(r.accuracy[r.accuracy.length - 1])}`).join("; ")}. Arrow keys pick an epoch.`);
}

function drawCurves(g) {
  const runs = g.runs, ui = g.ui;
  if (!runs.length || !(g.E >= 1)) { showMessage(ui.message, "No training history to draw."); return; }
  showMessage(ui.message, "");
  const losses = runs.flatMap((r) => r.loss), accs = runs.flatMap((r) => r.accuracy.map((v) => 100 * v));
  curveChart(g, ui.lossChart, "loss", { log: true, label: "mean cross-entropy (log scale)",
    domain: [Math.min(...losses) / 1.3, Math.max(...losses) * 1.3] });
  const lo = Math.min(...accs), hi = Math.max(...accs), pad = Math.max(1, (hi - lo) * 0.08);
  curveChart(g, ui.accChart, "accuracy", { label: "accuracy on the batches seen (%)", format: (v) => `${fmtTick(v)}`,
    domain: [Math.max(0, lo - pad), Math.min(100, hi + pad)] });
  sayCurves(g);
}

function renderCurves(el, model, life) {
  const g = curvesState(model);
  g.ui = curvesControls(g, el);
  drawCurves(g);
  return { redraw: () => drawCurves(g) };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "training_curves", label: "Training curves: loss and training accuracy per epoch" },
      (root, life) => renderCurves(root, model, life));
  },
};
