// Figure F17: warm starts against random starts (LittleDataExplorer, RareClassExplorer).
// Precomputed states are drawn at once; with a kernel, another number of images per class or
// another pair of starved classes is trained by yatlib (live.js) and drawn when it arrives;
// without one, the widget offers the precomputed states and says so. Needs dom.js, chart.js, live.js.

const WS_KINDS = [
  ["zero_step", "by hand, 0 steps", "the classifier built by hand, before any training"],
  ["warm", "warm start, tuned", "the warm start after fine-tuning"],
  ["cold", "random start", "the network trained from a random start"],
];

/** Colour of each kind of start: grey for zero steps, blue for the warm start, orange for the random start. */
function wsColour(key) {
  return key === "warm" ? classColour(0) : key === "cold" ? classColour(1) : theme().muted;
}

function wsMean(a) { return a && a.length ? a.reduce((s, v) => s + v, 0) / a.length : NaN; }

function wsPct(v) { return fmtPct(v, 1); }

/** "mean of 3 seeds", "1 seed". */
function wsSeeds(n) { return n === 1 ? "1 seed" : `mean of ${n} seeds`; }

// ---------------------------------------------------------------- little data

function littleState(model) {
  const states = model.get("states").slice().sort((a, b) => a.per_class - b.per_class);
  const [lo, hi] = model.get("limits");
  return { model, states, lo, hi, article: model.get("article") || {}, precomputed: states.map((s) => s.per_class),
    current: model.get("per_class") };
}

const littleFind = (g, n) => g.states.find((s) => s.per_class === n);

/** Ask Python for the slider's number of images (once the slider has rested), unless it is precomputed. */
function askLittle(g) {
  const { slider } = g.ui, n = Number(slider.input.value);
  if (littleFind(g, n) || !(n >= g.lo && n <= g.hi)) return;  // the reader moved on to a precomputed number
  g.live.request({ per_class: n }).then((state) => {
    if (!littleFind(g, state.per_class)) { g.states.push(state); g.states.sort((a, b) => a.per_class - b.per_class); }
    if (Number(slider.input.value) === state.per_class) showLittle(g, state.per_class);
  }).catch((err) => {
    if (Number(slider.input.value) === n) slider.set(g.current);
    if (err && err.message === "Cancelled.") drawLittle(g);  // the read-out goes back to the state on show
  });
}

function chooseLittle(g, n) {
  const message = g.ui.message;
  if (!(Number.isInteger(n) && n >= g.lo && n <= g.hi)) {
    showMessage(message, `Choose a whole number of images per class from ${g.lo} to ${g.hi}.`);
    return;
  }
  showMessage(message, "");
  if (littleFind(g, n)) { g.live.cancel(); showLittle(g, n); return; }
  if (g.live.live) { g.ask(); return; }
  showLittle(g, snapToPrecomputed(g.states.map((s) => s.per_class), n, g.current));
}

function showLittle(g, n) {
  g.current = n;
  g.ui.slider.set(n);
  g.model.set("per_class", n);
  g.model.save_changes();
  drawLittle(g);
}

function littleControls(g, el) {
  const ticks = h("datalist", { id: `ws-ticks-${Math.random().toString(36).slice(2)}` },
    ...g.precomputed.map((p) => h("option", { value: p })));
  const slider = labelledSlider("training images per class", {
    min: g.lo, max: g.hi, step: 1, value: g.current, format: (v) => `${v} (${10 * v} in all)`,
    onInput: (v) => { if (littleFind(g, v)) showLittle(g, v); },
    onChange: (v) => chooseLittle(g, v),
  });
  slider.input.setAttribute("list", ticks.id);
  const ui = { message: h("div", { class: "yl-message" }), readout: liveRegion(), status: h("p", { class: "yl-live" }), slider,
    bars: svg("svg", { class: "ws-bars" }), curve: svg("svg", { class: "ws-curve" }) };
  const figure = h("div", { class: "yl-row" }, ui.bars, ui.curve);
  el.append(
    h("div", { class: "yl-controls" }, slider.root, ticks),
    ui.status, ui.message, ui.readout.root, figure,
    h("div", { class: "yl-toolbar" }, exportButton("warm-start-little-data", () => figure)),
  );
  return ui;
}

/** The three starts' accuracy at the shown number of images: bars, the seeds as dots, the article's values dashed. */
function drawLittleBars(g, s, means) {
  const t = theme(), article = g.article, bars = g.ui.bars;
  const frame = chartFrame(bars, {
    width: 390, height: 300, title: `${s.per_class} training images per class (${10 * s.per_class} in all)`,
    x: { categories: WS_KINDS.map(([, label]) => label), label: "how the network starts" },
    y: { domain: [0, 1], label: "test accuracy", format: (v) => `${Math.round(100 * v)}%` },
  });
  barSeries(frame, means, { colour: WS_KINDS.map(([k]) => wsColour(k)), width: 0.62, cls: "ws-bar",
    titles: WS_KINDS.map(([k, , long], i) => `${long}: ${wsPct(means[i])} (${wsSeeds(s[k].length)})`) });
  WS_KINDS.forEach(([k], i) => {
    const top = Math.max(means[i], ...s[k], article.per_class === s.per_class && Number.isFinite(article[k]) ? article[k] : 0);
    frame.g.append(svg("text", { x: frame.x(i), y: frame.y(top) - 8, "text-anchor": "middle", "font-size": 12, fill: t.fg }, wsPct(means[i])));
    pointSeries(frame, s[k].map(() => i), s[k], { colour: t.fg, fill: t.bg, r: 3.5,
      titles: s[k].map((v, j) => `seed ${s.seeds[j]}: ${wsPct(v)}`) });
  });
  if (article.per_class === s.per_class) {
    const band = frame.x.band;
    WS_KINDS.forEach(([k], i) => {
      if (!Number.isFinite(article[k])) return;
      const l = svg("line", { x1: frame.x(i) - 0.38 * band, x2: frame.x(i) + 0.38 * band, y1: frame.y(article[k]), y2: frame.y(article[k]),
        stroke: t.fg, "stroke-width": 2, "stroke-dasharray": "5 3", class: "ws-article" });
      l.append(svg("title", {}, `the article: ${wsPct(article[k])}`));
      frame.g.append(l);
    });
    legend(frame, [{ label: "the article", colour: t.fg, dash: "5 3" }], { x: frame.right - 110, y: frame.top + 6 });
  }
  describe(bars, `Bar chart: test accuracy with ${s.per_class} training images per class. ` + WS_KINDS.map(([, , long], i) => `${long}: ${wsPct(means[i])}`).join("; ") + ".");
}

/** The three starts' mean accuracy against the number of images, the shown number marked. */
function drawLittleCurve(g, s) {
  const states = g.states, curve = g.ui.curve, xs = states.map((q) => q.per_class);
  const cf = chartFrame(curve, {
    width: 360, height: 300, title: "against the number of images",
    x: { domain: [Math.min(g.lo, xs[0]), Math.max(g.hi, xs[xs.length - 1])], log: true, label: "training images per class" },
    y: { domain: [0, 1], label: "test accuracy (mean of the seeds)", format: (v) => `${Math.round(100 * v)}%` },
  });
  for (const [k] of WS_KINDS) {
    lineSeries(cf, xs, states.map((q) => wsMean(q[k])), { colour: wsColour(k), width: 2 });
    pointSeries(cf, xs, states.map((q) => wsMean(q[k])), { colour: wsColour(k), r: 3 });
  }
  vLine(cf, s.per_class, { cls: "yl-marker" });
  legend(cf, WS_KINDS.map(([k, label]) => ({ label, colour: wsColour(k) })), { x: cf.right - 120, y: cf.bottom - 50 });
  describe(curve, `Line chart: mean test accuracy of the three starts for ${xs.join(", ")} training images per class; the marker is at ${s.per_class}.`);
}

function drawLittle(g) {
  const s = littleFind(g, g.current);
  if (!s) { showMessage(g.ui.message, "No state for this number of images per class."); return; }
  const means = WS_KINDS.map(([k]) => wsMean(s[k]));
  drawLittleBars(g, s, means);
  drawLittleCurve(g, s);
  const lead = 100 * (means[1] - means[2]);
  g.ui.readout.say(`${s.per_class} training images per class (${10 * s.per_class} in all), ${wsSeeds(s.seeds.length)}: `
    + `built by hand ${wsPct(means[0])}, warm start fine-tuned ${wsPct(means[1])}, random start ${wsPct(means[2])}; `
    + (Number.isFinite(lead) ? `the warm start is ${lead >= 0 ? "ahead" : "behind"} by ${Math.abs(lead).toFixed(1)} points.` : ""));
}

function renderLittle(el, model, life) {
  const g = littleState(model);
  g.ui = littleControls(g, el);
  g.live = life.add(liveChannel(model, g.ui.status, {
    noKernel: `Without a Python kernel, the slider moves between the precomputed numbers (${g.precomputed.join(", ")} images per class).`,
    kernel: `Live: let go of the slider at any number from ${g.lo} to ${g.hi} and Python trains both starts for it (a minute or more).`,
    say: g.ui.readout.say,
  }));
  g.ask = life.add(debounce(() => askLittle(g), 400));
  drawLittle(g);
  return { redraw: () => drawLittle(g) };
}

// ---------------------------------------------------------------- rare classes

const pairKey = (pair) => [...pair].sort((a, b) => a - b).join(",");

function rareState(model) {
  const names = model.get("class_names");
  const presets = model.get("states");
  const computed = new Map();  // "a,b" -> state (precomputed and live)
  presets.forEach((s) => computed.set(pairKey(s.starved), s));
  return { model, names, C: names.length, presets, computed, shown: presets[model.get("pair")] || presets[0], picked: -1,
    pairName: (pair) => pair.map((c) => names[c]).join(" and ") };
}

const chosenPair = (g) => [Number(g.ui.first.select.value), Number(g.ui.second.select.value)];

function pickPair(g) {
  const pair = chosenPair(g), ui = g.ui;
  ui.train.disabled = true;
  if (pair[0] === pair[1]) { showMessage(ui.message, "Pick two different classes to starve."); return; }
  const hit = g.computed.get(pairKey(pair));
  if (hit) { showMessage(ui.message, ""); showRare(g, hit); return; }
  if (g.live.live) {
    ui.train.disabled = false;
    showMessage(ui.message, `${g.pairName(pair)} has not been trained yet: press Train to train both starts with them starved.`);
  } else {
    showMessage(ui.message, `${g.pairName(pair)} was not precomputed, and training it needs the notebook's Python kernel (JupyterLab). `
      + "The precomputed pairs are: " + g.presets.map((s) => g.pairName(s.starved)).join("; ") + ".");
  }
}

function trainPair(g) {
  const pair = chosenPair(g), ui = g.ui;
  if (pair[0] === pair[1] || !g.live.live) { pickPair(g); return; }
  ui.train.disabled = true;
  showMessage(ui.message, "");
  g.live.request({ starved: pair }).then((state) => {
    g.computed.set(pairKey(state.starved), state);
    if (pairKey(chosenPair(g)) === pairKey(state.starved)) showRare(g, state);
  }).catch((err) => {
    ui.train.disabled = false;
    if (err && err.message === "Cancelled.") drawRare(g);
  });
}

function showRare(g, state) {
  const ui = g.ui;
  g.shown = state;
  const i = g.presets.indexOf(state);
  ui.group.set(i);
  ui.first.set(state.starved[0]);
  ui.second.set(state.starved[1]);
  ui.train.disabled = true;
  showMessage(ui.message, "");
  if (i >= 0) { g.model.set("pair", i); g.model.save_changes(); }
  drawRare(g);
}

function rareControls(g, el) {
  const { presets, names, shown } = g;
  const group = buttonGroup("starved classes", presets.map((s) => g.pairName(s.starved)), presets.indexOf(shown),
    (i) => { showRare(g, presets[i]); });
  const first = selectControl("first starved class", names, shown.starved[0], () => pickPair(g));
  const second = selectControl("second starved class", names, shown.starved[1], () => pickPair(g));
  const train = button("Train", () => trainPair(g), { label: "Train both starts with these two classes starved" });
  train.disabled = true;
  const chart = svg("svg", { class: "ws-recall" });
  const ui = { message: h("div", { class: "yl-message" }), readout: liveRegion(), status: h("p", { class: "yl-live" }),
    group, first, second, train, chart };
  const figure = h("div", { class: "yl-row" }, chart);
  el.append(
    h("div", { class: "yl-controls" }, group.root),
    h("div", { class: "yl-controls" }, h("span", { class: "yl-label" }, "or any two:"), first.root, second.root, train),
    ui.status, ui.message, ui.readout.root, figure,
    h("div", { class: "yl-toolbar" }, exportButton("warm-start-rare-classes", () => figure)),
  );
  pickByKeys(chart, { label: "Recall of each class, a bar chart: pick a class", count: g.C, get: () => g.picked,
    set: (i) => { g.picked = i; drawRare(g); } });
  chart.setAttribute("role", "slider");
  chart.setAttribute("aria-valuemin", "1");
  chart.setAttribute("aria-valuemax", String(g.C));
  return ui;
}

/** Recall per class of both starts (bars) and of the warm start at step zero (dots), the picked class highlighted. */
function drawRecall(g, s) {
  const t = theme(), { names, C, picked } = g;
  const starred = names.map((n, c) => (s.starved.includes(c) ? `★ ${n}` : n));
  const frame = chartFrame(g.ui.chart, {
    width: 720, height: 70 + 30 * C, margin: { l: 104, b: 40, t: 30, r: 190 },
    title: `${g.pairName(s.starved)} starved to ${s.n_rare} images (${wsSeeds(s.seeds.length)})`,
    x: { domain: [0, 1], label: "recall on the test set", format: (v) => `${Math.round(100 * v)}%` },
    y: { categories: starred.slice().reverse() },  // class 0 at the top
  });
  const band = Math.abs(frame.y.band);
  const row = (c) => frame.y(C - 1 - c);
  if (picked >= 0) {
    frame.g.prepend(svg("rect", { x: 0, y: row(picked) - band / 2, width: frame.right, height: band, fill: t.highlight, class: "ws-picked" }));
  }
  const series = [["cold_recall", "random start, trained", "cold", -0.2], ["warm_recall", "warm start, fine-tuned", "warm", 0.2]];
  for (const [k, label, kind, off] of series) {
    s[k].forEach((v, c) => {
      const y0 = row(c) + (off - 0.18) * band;
      const r = svg("rect", { x: frame.x(0), y: y0, width: Math.max(0, frame.x(v) - frame.x(0)), height: 0.36 * band,
        fill: wsColour(kind), class: `ws-bar ws-${kind}`, "data-value": Number.isFinite(v) ? v.toFixed(4) : "" });
      r.append(svg("title", {}, `${names[c]}: ${wsPct(v)} recall, ${label}`));
      frame.g.append(r);
    });
  }
  s.zero_recall.forEach((v, c) => {
    if (!Number.isFinite(v)) return;
    const m = svg("circle", { cx: frame.x(v), cy: row(c) + 0.2 * band, r: 4.5, fill: t.bg, stroke: t.fg, "stroke-width": 1.5, class: "ws-zero" });
    m.append(svg("title", {}, `${names[c]}: ${wsPct(v)} recall at step zero (built by hand)`));
    frame.g.append(m);
  });
  legend(frame, [{ label: "random start, trained", colour: wsColour("cold") }, { label: "warm start, fine-tuned", colour: wsColour("warm") },
    { label: "warm start at step zero", colour: t.fg, marker: true, fill: t.bg }], { x: frame.right + 14, y: frame.top + 10 });
}

function sayRare(g, s) {
  const { names, picked } = g, chart = g.ui.chart;
  chart.setAttribute("aria-valuenow", String(Math.max(0, picked) + 1));
  chart.setAttribute("aria-valuetext", picked < 0 ? "no class picked yet"
    : `${names[picked]}: recall ${wsPct(s.cold_recall[picked])} from a random start, ${wsPct(s.warm_recall[picked])} from the warm start`);
  let text = `${g.pairName(s.starved)} starved to ${s.n_rare} images (${wsSeeds(s.seeds.length)}): their recall is `
    + `${wsPct(wsMean(s.cold_rare))} from a random start and ${wsPct(wsMean(s.warm_rare))} from the warm start; `
    + `accuracy ${wsPct(wsMean(s.cold_accuracy))} → ${wsPct(wsMean(s.warm_accuracy))}.`;
  if (picked >= 0) {
    text += ` ${names[picked]}${s.starved.includes(picked) ? " (starved)" : ""}: recall ${wsPct(s.cold_recall[picked])} from a random start, `
      + `${wsPct(s.warm_recall[picked])} from the warm start.`;
  }
  g.ui.readout.say(text);
}

function drawRare(g) {
  drawRecall(g, g.shown);
  sayRare(g, g.shown);
}

function renderRare(el, model, life) {
  const g = rareState(model);
  g.ui = rareControls(g, el);
  g.live = life.add(liveChannel(model, g.ui.status, {
    noKernel: "Without a Python kernel, only the precomputed pairs can be shown: " + g.presets.map((s) => g.pairName(s.starved)).join("; ") + ".",
    kernel: "Live: choose any two classes and press Train; Python trains both starts with them starved (a few minutes).",
    say: g.ui.readout.say,
  }));
  g.live.onLive(() => pickPair(g));
  drawRare(g);
  return { redraw: () => drawRare(g) };
}

export default {
  render({ model, el }) {
    const rare = model.get("kind") === "rare";
    return mountWidget(el, { name: "warm_start_explorer", label: rare ? "Figure F17: rare classes, warm start against random start"
      : "Figure F17: little data, warm start against random start" }, (root, life) => (rare ? renderRare(root, model, life) : renderLittle(root, model, life)));
  },
};
