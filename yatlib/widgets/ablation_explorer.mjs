// Figure F28: per-operator answer accuracy before and after knocking out named units. The four
// operator subsets under the three interventions are precomputed (the random rows as the mean of
// several draws, with whiskers from the lowest to the highest draw); with a kernel, any set of units
// the reader types (or collected in F27) is knocked out by yatlib (live.js).
// Needs dom.js, chart.js, live.js and arithmetic.js (ablationBars, randomSpread, parseUnits) in front.

const AE_CSS = `
.ae-explorer .ae-units { width: 16em; font: inherit; padding: 3px 6px; background: var(--yl-panel); color: var(--yl-fg);
  border: 1px solid var(--yl-border); border-radius: 4px; }
.ae-explorer .ae-list { max-width: 640px; }
`;

const AE_NO_KERNEL = "Knocking out units you pick needs a Python kernel (open this chapter in JupyterLab); here only the precomputed subsets are available.";
const signed = (v) => `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(1)} pt`;
const knockKey = (units, how) => `${units.join(",")}|${how}`;

// ---- state ----------------------------------------------------------------------

function ablationState(model) {
  const ops = model.get("operators"), howLabels = model.get("how_labels");
  return { model, ops, howLabels, nUnits: model.get("n_units"), nRandom: model.get("n_random"), nDraws: model.get("n_draws") || 0,
    spreadLow: model.get("random_low") || [], spreadHigh: model.get("random_high") || [], labels: model.get("unit_labels") || [],
    tagged: model.get("tagged") || [], sizes: model.get("sizes"),
    table: { baseline: model.get("baseline"), after: model.get("after"), n_how: howLabels.length },
    CUSTOM: ops.length,
    st: { subset: model.get("subset"), how: model.get("how"), units: model.get("units") || [] },
    results: new Map(),   // "units|how" -> after [4], measured live
    asked: 0 };
}

/** The reader chose a subset and an intervention. */
function chooseKnockout(g, subset, how) {
  if (subset !== g.CUSTOM) { setKnockout(g, subset, how); return; }
  if (!g.st.units.length) {
    g.ui.subsetGroup.set(g.st.subset);
    showMessage(g.ui.message, g.live.live ? "Type the numbers of the units to knock out, then press “knock them out”." : AE_NO_KERNEL);
    return;
  }
  knock(g, g.st.units, how);
}

function knockPicked(g) {
  const parsed = parseUnits(g.ui.unitsBox.value, g.nUnits);
  if (parsed.error) { showMessage(g.ui.message, parsed.error); g.ui.readout.say(parsed.error); return; }
  knock(g, parsed.units, g.st.how);
}

/** Knock out `units` by intervention `how`: measured before, measured now by Python, or (no kernel) a message. */
function knock(g, units, how) {
  const st = g.st, ui = g.ui;
  const hit = g.results.get(knockKey(units, how));
  if (hit) { st.units = units; setKnockout(g, g.CUSTOM, how); return; }
  if (!g.live.live) {
    ui.subsetGroup.set(st.subset); ui.howGroup.set(st.how);
    showMessage(ui.message, AE_NO_KERNEL); ui.readout.say(AE_NO_KERNEL);
    return;
  }
  showMessage(ui.message, "");
  const ticket = ++g.asked;
  ui.subsetGroup.set(g.CUSTOM); ui.howGroup.set(how);
  g.live.request({ units, how }).then((res) => {
    g.results.set(knockKey(res.units, res.how), res.after);
    if (ticket !== g.asked) return;
    st.units = res.units;
    ui.unitsBox.value = res.units.join(", ");
    setKnockout(g, g.CUSTOM, res.how);
  }).catch((err) => {
    if (ticket !== g.asked) return;
    ui.subsetGroup.set(st.subset); ui.howGroup.set(st.how);
    if (err && err.message && err.message !== "Cancelled.") showMessage(ui.message, err.message);
  });
}

function setKnockout(g, subset, how) {
  const st = g.st, model = g.model;
  st.subset = subset; st.how = how;
  model.set("subset", subset === g.CUSTOM ? model.get("subset") : subset);
  model.set("how", how); model.set("units", st.units); model.save_changes();
  drawAblation(g);
}

/** {before, after, change} in percent for the current choice, or null. */
function knockoutBars(g) {
  const st = g.st;
  if (st.subset !== g.CUSTOM) return ablationBars(g.table, st.subset, st.how);
  const after = g.results.get(knockKey(st.units, st.how));
  if (!after) return null;
  const before = g.table.baseline.map((v) => 100 * v), a = after.map((v) => 100 * v);
  return { before, after: a, change: a.map((v, o) => v - before[o]) };
}

/** Lowest and highest draw per operator, in %, for a precomputed subset's random rows; or null. */
function drawSpreads(g) {
  const st = g.st;
  if (st.subset === g.CUSTOM || st.how !== 2 || !(g.nDraws > 0)) return null;
  const s = g.ops.map((_, o) => randomSpread(g.spreadLow, g.spreadHigh, st.subset, o));
  return s.every((x) => x) ? s : null;
}

function knockedOut(g) {
  const st = g.st;
  if (st.subset === g.CUSTOM) return `the ${st.units.length} unit${st.units.length === 1 ? "" : "s"} you picked`;
  return `the ${g.sizes[st.subset]} units tagged ${g.ops[st.subset]}`;
}

// ---- controls -------------------------------------------------------------------

function ablationControls(g, el) {
  const st = g.st;
  const subsetGroup = buttonGroup("knock out", [...g.ops.map((o) => `units tagged ${o}`), "units you pick"], st.subset,
    (i) => chooseKnockout(g, i, st.how));
  const howGroup = buttonGroup("how", g.howLabels, st.how, (i) => chooseKnockout(g, st.subset, i));
  const unitsBox = h("input", { type: "text", class: "ae-units", value: st.units.join(", "), placeholder: "e.g. 3, 17, 40-45",
    "aria-label": "unit numbers to knock out (e.g. 3, 17, 40-45)" });
  const go = button("knock them out", () => knockPicked(g), { cls: "ae-go" });
  unitsBox.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); knockPicked(g); } });
  const ui = { message: h("div", { class: "yl-message" }), readout: liveRegion(), status: h("p", { class: "yl-live" }),
    subsetGroup, howGroup, unitsBox, chart: svg("svg", { class: "ae-chart" }), list: h("p", { class: "yl-caption ae-list" }) };
  const figure = h("div", {}, ui.chart);
  el.append(
    h("div", { class: "yl-controls" }, subsetGroup.root),
    h("div", { class: "yl-controls" }, howGroup.root),
    h("div", { class: "yl-controls" }, h("label", { class: "yl-select" }, h("span", { class: "yl-label" }, "unit numbers"), unitsBox), go),
    ui.status, ui.message, ui.readout.root, figure, ui.list,
    h("div", { class: "yl-toolbar" }, exportButton("ablation-by-name", () => figure)),
  );
  return ui;
}

// ---- drawing --------------------------------------------------------------------

/** Accuracy per operator before (grey) and after (operator colours) the knockout, with the random draws' spread. */
function drawKnockoutChart(g, b, spread) {
  const { ops, st } = g;
  const frame = chartFrame(g.ui.chart, {
    width: 560, height: 300, margin: { t: 30 },
    x: { categories: ops.map((o) => `${o} problems`) },
    y: { domain: [0, 100], label: "answer accuracy (%)", ticks: [0, 25, 50, 75, 100], format: (v) => `${v}%` },
  });
  const t = frame.theme;
  barSeries(frame, b.before, { colour: t.muted, offset: -0.19, width: 0.36, cls: "ae-before",
    titles: b.before.map((v, o) => `${ops[o]}: intact model ${v.toFixed(1)} %`) });
  barSeries(frame, b.after, { colour: ops.map((_, o) => PALETTE.operators[o % PALETTE.operators.length]), offset: 0.19, width: 0.36,
    cls: "ae-after", titles: b.after.map((v, o) => `${ops[o]}: after the knockout ${v.toFixed(1)} %`) });
  if (spread) {
    errorBars(frame, ops.map((_, o) => o), spread.map((x) => x.low), spread.map((x) => x.high),
      { colour: t.fg, offset: 0.19, cls: "ae-spread" });
  }
  b.change.forEach((d, o) => {
    const top = Math.max(b.before[o], b.after[o], spread ? spread[o].high : 0);
    frame.g.append(svg("text", { x: frame.x(o), y: frame.y(top) - 6, "text-anchor": "middle",
      "font-size": 12, "font-weight": o === st.subset ? 700 : 400, fill: t.fg, class: "ae-change" }, signed(d)));
  });
  frame.g.append(svg("rect", { x: frame.right - 250, y: 6, width: 12, height: 12, fill: t.muted }));
  frame.g.append(svg("text", { x: frame.right - 234, y: 16, "font-size": 11.5, fill: t.fg }, "intact model"));
  PALETTE.operators.slice(0, ops.length).forEach((c, o) => frame.g.append(svg("rect", { x: frame.right - 150 + 8 * o, y: 6, width: 8, height: 12, fill: c })));
  frame.g.append(svg("text", { x: frame.right - 114, y: 16, "font-size": 11.5, fill: t.fg }, "after the knockout"));
}

/** The read-out, the chart's text alternative and the list of the units knocked out. */
function sayKnockout(g, b, spread) {
  const { ops, st, nDraws } = g, ui = g.ui;
  const changes = ops.map((o, i) => `${o} ${b.before[i].toFixed(1)} % → ${b.after[i].toFixed(1)} % (${signed(b.change[i])})`).join("; ");
  const drawsText = spread ? ` Mean of ${nDraws} random draws; the whiskers run from the lowest to the highest draw `
    + `(${ops.map((o, i) => `${o} ${spread[i].low.toFixed(1)} % to ${spread[i].high.toFixed(1)} %`).join("; ")}).` : "";
  ui.readout.say(`Knocked out ${knockedOut(g)}, as: ${g.howLabels[st.how]}. Answer accuracy per operator: ${changes}.${drawsText}`);
  describe(ui.chart, `Bar chart of the answer accuracy of each operator's test problems, grey for the intact model and `
    + `coloured after knocking out ${knockedOut(g)} (${g.howLabels[st.how]}): ${changes}.${drawsText}`);
  const units = st.subset === g.CUSTOM ? st.units : (g.tagged[st.subset] || []);
  ui.list.textContent = units.length
    ? (st.how === 2 ? `Random rows: as many units as these, drawn at random, averaged over `
      + `${st.subset === g.CUSTOM || !(nDraws > 0) ? g.nRandom : nDraws} draws. These units: `
      : "Units knocked out: ")
      + units.map((u) => (g.labels[u] ? `#${u} ${g.labels[u]}` : `#${u}`)).join(", ")
    : "";
}

function drawAblation(g) {
  const st = g.st, ui = g.ui;
  ui.subsetGroup.set(st.subset); ui.howGroup.set(st.how);
  const b = knockoutBars(g);
  if (!b) { showMessage(ui.message, "Pick whose units to knock out and how."); return; }
  if (st.subset !== g.CUSTOM && !(g.sizes[st.subset] > 0)) {
    showMessage(ui.message, `No unit of this model is tagged ${g.ops[st.subset]}: there is nothing to knock out.`);
    ui.readout.say(`No unit is tagged ${g.ops[st.subset]}.`);
    ui.chart.replaceChildren(); ui.list.textContent = "";
    return;
  }
  showMessage(ui.message, "");
  const spread = drawSpreads(g);
  drawKnockoutChart(g, b, spread);
  sayKnockout(g, b, spread);
}

function renderAblation(el, model, life) {
  el.classList.add("ae-explorer");
  el.append(h("style", {}, AE_CSS));
  const g = ablationState(model);
  g.ui = ablationControls(g, el);
  g.live = life.add(liveChannel(model, g.ui.status, {
    noKernel: "Without a Python kernel, only the precomputed subsets (the units tagged +, −, ×, ÷) are available; "
      + "knocking out units you pick needs JupyterLab.",
    kernel: "Live: Python knocks out any units you pick and measures the accuracy with the same reader and test problems.",
    say: g.ui.readout.say,
  }));
  drawAblation(g);
  return { redraw: () => drawAblation(g) };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "ablation_explorer", label: "Figure F28: knocking out units by name" },
      (root, life) => renderAblation(root, model, life));
  },
};
