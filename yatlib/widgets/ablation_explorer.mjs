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

function renderAblation(el, model, life) {
  el.classList.add("ae-explorer");
  el.append(h("style", {}, AE_CSS));
  const ops = model.get("operators");
  const howLabels = model.get("how_labels");
  const nUnits = model.get("n_units");
  const nRandom = model.get("n_random");
  const nDraws = model.get("n_draws") || 0;
  const spreadLow = model.get("random_low") || [], spreadHigh = model.get("random_high") || [];
  const labels = model.get("unit_labels") || [];
  const tagged = model.get("tagged") || [];
  const sizes = model.get("sizes");
  const table = { baseline: model.get("baseline"), after: model.get("after"), n_how: howLabels.length };
  const CUSTOM = ops.length;
  const st = { subset: model.get("subset"), how: model.get("how"), units: model.get("units") || [] };
  const results = new Map();   // "units|how" -> after [4], measured live

  const message = h("div", { class: "yl-message" });
  const readout = liveRegion();
  const status = h("p", { class: "yl-live" });
  const subsetGroup = buttonGroup("knock out", [...ops.map((o) => `units tagged ${o}`), "units you pick"], st.subset,
    (i) => choose(i, st.how));
  const howGroup = buttonGroup("how", howLabels, st.how, (i) => choose(st.subset, i));
  const unitsBox = h("input", { type: "text", class: "ae-units", value: st.units.join(", "), placeholder: "e.g. 3, 17, 40-45",
    "aria-label": "unit numbers to knock out (e.g. 3, 17, 40-45)" });
  const go = button("knock them out", () => knockPicked(), { cls: "ae-go" });
  unitsBox.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); knockPicked(); } });
  const chart = svg("svg", { class: "ae-chart" });
  const list = h("p", { class: "yl-caption ae-list" });
  const figure = h("div", {}, chart);
  el.append(
    h("div", { class: "yl-controls" }, subsetGroup.root),
    h("div", { class: "yl-controls" }, howGroup.root),
    h("div", { class: "yl-controls" }, h("label", { class: "yl-select" }, h("span", { class: "yl-label" }, "unit numbers"), unitsBox), go),
    status, message, readout.root, figure, list,
    h("div", { class: "yl-toolbar" }, exportButton("ablation-by-name", () => figure)),
  );

  const live = life.add(liveChannel(model, status, {
    noKernel: "Without a Python kernel, only the precomputed subsets (the units tagged +, −, ×, ÷) are available; "
      + "knocking out units you pick needs JupyterLab.",
    kernel: "Live: Python knocks out any units you pick and measures the accuracy with the same reader and test problems.",
    say: readout.say,
  }));

  const key = (units, how) => `${units.join(",")}|${how}`;
  let asked = 0;

  /** The reader chose a subset and an intervention. */
  function choose(subset, how) {
    if (subset !== CUSTOM) { set(subset, how); return; }
    if (!st.units.length) {
      subsetGroup.set(st.subset);
      showMessage(message, live.live ? "Type the numbers of the units to knock out, then press “knock them out”."
        : "Knocking out units you pick needs a Python kernel (open this chapter in JupyterLab); here only the precomputed subsets are available.");
      return;
    }
    knock(st.units, how);
  }

  function knockPicked() {
    const parsed = parseUnits(unitsBox.value, nUnits);
    if (parsed.error) { showMessage(message, parsed.error); readout.say(parsed.error); return; }
    knock(parsed.units, st.how);
  }

  /** Knock out `units` by intervention `how`: measured before, measured now by Python, or (no kernel) a message. */
  function knock(units, how) {
    const hit = results.get(key(units, how));
    if (hit) { st.units = units; set(CUSTOM, how); return; }
    if (!live.live) {
      subsetGroup.set(st.subset); howGroup.set(st.how);
      const text = "Knocking out units you pick needs a Python kernel (open this chapter in JupyterLab); here only the precomputed subsets are available.";
      showMessage(message, text); readout.say(text);
      return;
    }
    showMessage(message, "");
    const ticket = ++asked;
    subsetGroup.set(CUSTOM); howGroup.set(how);
    live.request({ units, how }).then((res) => {
      results.set(key(res.units, res.how), res.after);
      if (ticket !== asked) return;
      st.units = res.units;
      unitsBox.value = res.units.join(", ");
      set(CUSTOM, res.how);
    }).catch((err) => {
      if (ticket !== asked) return;
      subsetGroup.set(st.subset); howGroup.set(st.how);
      if (err && err.message && err.message !== "Cancelled.") showMessage(message, err.message);
    });
  }

  function set(subset, how) {
    st.subset = subset; st.how = how;
    model.set("subset", subset === CUSTOM ? model.get("subset") : subset);
    model.set("how", how); model.set("units", st.units); model.save_changes();
    draw();
  }

  /** {before, after, change} in percent for the current choice, or null. */
  function bars() {
    if (st.subset !== CUSTOM) return ablationBars(table, st.subset, st.how);
    const after = results.get(key(st.units, st.how));
    if (!after) return null;
    const before = table.baseline.map((v) => 100 * v), a = after.map((v) => 100 * v);
    return { before, after: a, change: a.map((v, o) => v - before[o]) };
  }

  const signed = (v) => `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(1)} pt`;

  /** Lowest and highest draw per operator, in %, for a precomputed subset's random rows; or null. */
  function spreads() {
    if (st.subset === CUSTOM || st.how !== 2 || !(nDraws > 0)) return null;
    const s = ops.map((_, o) => randomSpread(spreadLow, spreadHigh, st.subset, o));
    return s.every((x) => x) ? s : null;
  }

  function who() {
    if (st.subset === CUSTOM) return `the ${st.units.length} unit${st.units.length === 1 ? "" : "s"} you picked`;
    return `the ${sizes[st.subset]} units tagged ${ops[st.subset]}`;
  }

  function draw() {
    subsetGroup.set(st.subset); howGroup.set(st.how);
    const b = bars();
    if (!b) { showMessage(message, "Pick whose units to knock out and how."); return; }
    if (st.subset !== CUSTOM && !(sizes[st.subset] > 0)) {
      showMessage(message, `No unit of this model is tagged ${ops[st.subset]}: there is nothing to knock out.`);
      readout.say(`No unit is tagged ${ops[st.subset]}.`);
      chart.replaceChildren(); list.textContent = "";
      return;
    }
    showMessage(message, "");
    const frame = chartFrame(chart, {
      width: 560, height: 300, margin: { t: 30 },
      x: { categories: ops.map((o) => `${o} problems`) },
      y: { domain: [0, 100], label: "answer accuracy (%)", ticks: [0, 25, 50, 75, 100], format: (v) => `${v}%` },
    });
    const t = frame.theme;
    barSeries(frame, b.before, { colour: t.muted, offset: -0.19, width: 0.36, cls: "ae-before",
      titles: b.before.map((v, o) => `${ops[o]}: intact model ${v.toFixed(1)} %`) });
    barSeries(frame, b.after, { colour: ops.map((_, o) => PALETTE.operators[o % PALETTE.operators.length]), offset: 0.19, width: 0.36,
      cls: "ae-after", titles: b.after.map((v, o) => `${ops[o]}: after the knockout ${v.toFixed(1)} %`) });
    const spread = spreads();
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
    const changes = ops.map((o, i) => `${o} ${b.before[i].toFixed(1)} % → ${b.after[i].toFixed(1)} % (${signed(b.change[i])})`).join("; ");
    const drawsText = spread ? ` Mean of ${nDraws} random draws; the whiskers run from the lowest to the highest draw `
      + `(${ops.map((o, i) => `${o} ${spread[i].low.toFixed(1)} % to ${spread[i].high.toFixed(1)} %`).join("; ")}).` : "";
    const text = `Knocked out ${who()}, as: ${howLabels[st.how]}. Answer accuracy per operator: ${changes}.${drawsText}`;
    readout.say(text);
    describe(chart, `Bar chart of the answer accuracy of each operator's test problems, grey for the intact model and `
      + `coloured after knocking out ${who()} (${howLabels[st.how]}): ${changes}.${drawsText}`);
    const units = st.subset === CUSTOM ? st.units : (tagged[st.subset] || []);
    list.textContent = units.length
      ? (st.how === 2 ? `Random rows: as many units as these, drawn at random, averaged over `
        + `${st.subset === CUSTOM || !(nDraws > 0) ? nRandom : nDraws} draws. These units: `
        : "Units knocked out: ")
        + units.map((u) => (labels[u] ? `#${u} ${labels[u]}` : `#${u}`)).join(", ")
      : "";
  }

  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "ablation_explorer", label: "Figure F28: knocking out units by name" },
      (root, life) => renderAblation(root, model, life));
  },
};
