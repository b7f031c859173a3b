// Figure F15: prototype pictures per class and test accuracy against prototypes per class, at a
// kernel setting (b, ε) chosen by the reader. Precomputed settings are drawn at once; with a
// kernel, any other setting is computed by yatlib (live.js); without one, the nearest
// precomputed setting is shown and the widget says so.

const LOG_EPS = { min: -3, max: 1, step: 0.05 };

// ---- state ----------------------------------------------------------------------

function handbuiltState(model) {
  const states = model.get("states").slice();
  return { model, sources: model.get("sources"), names: model.get("class_names"), article: model.get("article") || {}, states,
    maxCount: states[0].counts.length,
    bValues: [...new Set(states.map((s) => s.b))], logEpsValues: [...new Set(states.map((s) => Math.log10(s.eps)))],
    st: { count: model.get("count"), source: model.get("source"), b: model.get("b"), eps: model.get("eps") } };
}

const findSetting = (g, b, eps) => g.states.find((s) => Math.abs(s.b - b) < 1e-9 && Math.abs(Math.log(s.eps / eps)) < 1e-6);

function nearestSetting(g, b, eps) {
  return g.states.reduce((best, s) => {
    const d = Math.abs(s.b - b) + Math.abs(Math.log10(s.eps) - Math.log10(eps));
    return d < best.d ? { s, d } : best;
  }, { s: g.states[0], d: Infinity }).s;
}

/** Show the kernel setting (b, ε): precomputed, computed live, or (no kernel) the next precomputed one. */
function setKernel(g, b, eps) {
  const st = g.st, live = g.live;
  let hit = findSetting(g, b, eps);
  if (!hit && !live.live) {
    // no kernel: move to the next precomputed setting in the direction of the move
    const b1 = snapToPrecomputed(g.bValues, b, st.b, 0.026);
    const e1 = 10 ** snapToPrecomputed(g.logEpsValues, Math.log10(eps), Math.log10(st.eps), 0.026);
    hit = findSetting(g, b1, e1);
  }
  if (hit || !live.live) {
    const s = hit || nearestSetting(g, b, eps);
    st.b = s.b; st.eps = s.eps;
    g.ui.bSlider.set(s.b); g.ui.eSlider.set(Math.log10(s.eps));
    g.model.set("b", s.b); g.model.set("eps", s.eps); g.model.save_changes();
    drawHandbuilt(g);
    return;
  }
  computeSetting(g, b, eps);
}

/** Ask Python for the accuracy at (b, ε); on failure the sliders go back to the setting drawn (unless the reader moved on). */
function computeSetting(g, b, eps) {
  const st = g.st, { bSlider, eSlider } = g.ui;
  g.live.request({ b, eps }).then((res) => {
    g.states.push({ b: res.b, eps: res.eps, counts: g.states[0].counts, sweeps: res.sweeps });
    st.b = res.b; st.eps = res.eps;
    g.model.set("b", res.b); g.model.set("eps", res.eps); g.model.save_changes();
    drawHandbuilt(g);
  }).catch(() => {
    if (Math.abs(Number(bSlider.input.value) - b) < 1e-9) bSlider.set(st.b);
    if (Math.abs(10 ** Number(eSlider.input.value) / eps - 1) < 1e-6) eSlider.set(Math.log10(st.eps));
  });
}

// ---- controls -------------------------------------------------------------------

function handbuiltControls(g, el) {
  const st = g.st, model = g.model;
  const count = labelledSlider("prototypes per class", {
    min: 1, max: g.maxCount, step: 1, value: st.count,
    onInput: (v) => { st.count = v; model.set("count", v); model.save_changes(); drawHandbuilt(g); },
  });
  const source = buttonGroup("prototype source", g.sources.map((s) => s.name), st.source, (i) => {
    st.source = i; model.set("source", i); model.save_changes(); drawHandbuilt(g);
  });
  const bSlider = labelledSlider("bias b", { min: 0, max: 2, step: 0.05, value: st.b, format: (v) => v.toFixed(2),
    onChange: (v) => setKernel(g, v, st.eps) });
  const eSlider = labelledSlider("sharpness floor ε", { ...LOG_EPS, value: Math.log10(st.eps),
    format: (v) => fmtNum(10 ** v, 2), onChange: (v) => setKernel(g, st.b, 10 ** v) });
  const gallery = h("div", { class: "hb-gallery", style: "display:grid;gap:2px;align-items:center" });
  describe(gallery, "Prototype pictures, one row per class, framed in the class colour.");
  const chart = svg("svg", { class: "hb-chart" });
  const figure = h("div", { class: "yl-row" }, gallery, chart);
  const ui = { message: h("div", { class: "yl-message" }), readout: liveRegion(), status: h("p", { class: "yl-live" }),
    count, source, bSlider, eSlider, gallery, chart };
  el.append(
    h("div", { class: "yl-controls" }, count.root, source.root),
    h("div", { class: "yl-controls" }, bSlider.root, eSlider.root),
    ui.status, ui.message, ui.readout.root, figure,
    h("div", { class: "yl-toolbar" }, exportButton("handbuilt-classifier", () => figure)),
  );
  return ui;
}

// ---- drawing --------------------------------------------------------------------

function drawAccuracyChart(g, state, n) {
  const { maxCount, sources, article, st } = g, chart = g.ui.chart;
  const frame = chartFrame(chart, {
    width: 430, height: 300,
    x: { domain: [1, maxCount], label: "prototypes per class", ticks: [1, 5, 10, 15, 20].filter((t) => t <= maxCount) },
    y: { domain: [0, 1], label: "test accuracy", format: (v) => `${Math.round(100 * v)}%` },
  });
  const xs = state.counts;
  const lines = [["sum", classColour(0), "sum-vote"], ["nearest", classColour(3), "nearest prototype"]];
  state.sweeps.forEach((s, i) => {
    const on = i === st.source;
    for (const [key, col] of lines) {
      lineSeries(frame, xs, s[key], { colour: col, width: on ? 2.5 : 1.2, dash: on ? null : "4 3", opacity: on ? 1 : 0.55,
        cls: on ? `hb-line-${key}` : null });
    }
  });
  for (const [key, col] of lines) {
    const pts = Object.entries(article[key] || {});
    pointSeries(frame, pts.map(([c]) => Number(c)), pts.map(([, a]) => a), { colour: col, fill: "none", r: 5,
      titles: pts.map(([c, a]) => `the article: ${key === "sum" ? "sum-vote" : "nearest"} ${(100 * a).toFixed(1)} % at ${c}`) });
  }
  vLine(frame, n, { cls: "yl-marker" });
  for (const [key, col] of lines) pointSeries(frame, [n], [state.sweeps[st.source][key][n - 1]], { colour: col });
  legend(frame, [...lines.map(([, col, label]) => ({ label, colour: col })),
    ...(sources.length > 1 ? [{ label: "the other source", colour: frame.theme.muted, dash: "4 3" }] : []),
    { label: "the article", colour: frame.theme.muted, marker: true, fill: "none" }], { x: frame.right - 150, y: frame.bottom - 74 });
  describe(chart, `Test accuracy against prototypes per class at b = ${state.b}, ε = ${state.eps}, for ${sources[st.source].name}.`);
}

/** The first n prototypes of each class, one row per class. */
function drawPrototypeGallery(g, n) {
  const gallery = g.ui.gallery, source = g.sources[g.st.source];
  gallery.style.gridTemplateColumns = `88px repeat(${n}, 30px)`;
  gallery.replaceChildren();
  g.names.forEach((name, c) => {
    // the class name as SVG text, so that "Save as PNG" keeps it
    gallery.append(svg("svg", { width: 88, height: 32, "aria-hidden": "true" },
      svg("text", { x: 84, y: 20, "text-anchor": "end", "font-size": 11 }, name)));
    for (let j = 0; j < n; j++) {
      gallery.append(h("img", { src: source.images[c][j], width: 28, height: 28, alt: `${name}, prototype ${j + 1}`,
        style: `border:2px solid ${classColour(c)};image-rendering:pixelated` }));
    }
  });
}

function drawHandbuilt(g) {
  const st = g.st, ui = g.ui, { sources, names, maxCount } = g;
  const n = Number(st.count);
  const state = findSetting(g, st.b, st.eps);
  if (!(n >= 1 && n <= maxCount) || !sources[st.source] || !state) {
    showMessage(ui.message, `Choose between 1 and ${maxCount} prototypes per class and a precomputed kernel setting.`);
    return;
  }
  showMessage(ui.message, "");
  ui.count.set(n);
  ui.source.set(st.source);
  const s = state.sweeps[st.source];
  ui.readout.say(`${n} prototypes per class (${n * names.length} in all), ${sources[st.source].name}, b = ${fmtNum(state.b, 2)}, `
    + `ε = ${fmtNum(state.eps, 2)}: test accuracy with the sum-vote ${fmtPct(s.sum[n - 1])}, `
    + `with the nearest prototype ${fmtPct(s.nearest[n - 1])}.`);
  drawPrototypeGallery(g, n);
  drawAccuracyChart(g, state, n);
}

function renderFigure(el, model, life) {
  const g = handbuiltState(model);
  g.ui = handbuiltControls(g, el);
  g.live = life.add(liveChannel(model, g.ui.status, {
    noKernel: "Without a Python kernel, b and ε snap to the precomputed settings (b ∈ {"
      + g.bValues.join(", ") + "}, ε ∈ {" + [...new Set(g.states.map((s) => s.eps))].join(", ") + "}).",
    kernel: "Live: Python computes the accuracy at any b and ε you choose.",
    say: g.ui.readout.say,
  }));
  drawHandbuilt(g);
  return { redraw: () => drawHandbuilt(g) };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "handbuilt_explorer", label: "Figure F15: the classifier built by hand" }, (root, life) => renderFigure(root, model, life));
  },
};
