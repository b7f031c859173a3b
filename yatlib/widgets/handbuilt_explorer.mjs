// Figure F15: prototype pictures per class and test accuracy against prototypes per class, at a
// kernel setting (b, ε) chosen by the reader. Precomputed settings are drawn at once; with a
// kernel, any other setting is computed by yatlib (live.js); without one, the nearest
// precomputed setting is shown and the widget says so.

const LOG_EPS = { min: -3, max: 1, step: 0.05 };

function renderFigure(el, model, life) {
  const sources = model.get("sources");
  const names = model.get("class_names");
  const article = model.get("article") || {};
  const states = model.get("states").slice();
  const maxCount = states[0].counts.length;
  const st = { count: model.get("count"), source: model.get("source"), b: model.get("b"), eps: model.get("eps") };

  const message = h("div", { class: "yl-message" });
  const readout = liveRegion();
  const status = h("p", { class: "yl-live" });
  const count = labelledSlider("prototypes per class", {
    min: 1, max: maxCount, step: 1, value: st.count,
    onInput: (v) => { st.count = v; model.set("count", v); model.save_changes(); draw(); },
  });
  const source = buttonGroup("prototype source", sources.map((s) => s.name), st.source, (i) => {
    st.source = i; model.set("source", i); model.save_changes(); draw();
  });
  const bSlider = labelledSlider("bias b", { min: 0, max: 2, step: 0.05, value: st.b, format: (v) => v.toFixed(2),
    onChange: (v) => setKernel(v, st.eps) });
  const eSlider = labelledSlider("sharpness floor ε", { ...LOG_EPS, value: Math.log10(st.eps),
    format: (v) => fmtNum(10 ** v, 2), onChange: (v) => setKernel(st.b, 10 ** v) });
  const gallery = h("div", { class: "hb-gallery", style: "display:grid;gap:2px;align-items:center" });
  describe(gallery, "Prototype pictures, one row per class, framed in the class colour.");
  const chart = svg("svg", { class: "hb-chart" });
  const figure = h("div", { class: "yl-row" }, gallery, chart);
  el.append(
    h("div", { class: "yl-controls" }, count.root, source.root),
    h("div", { class: "yl-controls" }, bSlider.root, eSlider.root),
    status, message, readout.root, figure,
    h("div", { class: "yl-toolbar" }, exportButton("handbuilt-classifier", () => figure)),
  );

  const live = life.add(liveChannel(model, status, {
    noKernel: "Without a Python kernel, b and ε snap to the precomputed settings (b ∈ {"
      + [...new Set(states.map((s) => s.b))].join(", ") + "}, ε ∈ {" + [...new Set(states.map((s) => s.eps))].join(", ") + "}).",
    kernel: "Live: Python computes the accuracy at any b and ε you choose.",
    say: readout.say,
  }));

  const find = (b, eps) => states.find((s) => Math.abs(s.b - b) < 1e-9 && Math.abs(Math.log(s.eps / eps)) < 1e-6);
  const nearest = (b, eps) => states.reduce((best, s) => {
    const d = Math.abs(s.b - b) + Math.abs(Math.log10(s.eps) - Math.log10(eps));
    return d < best.d ? { s, d } : best;
  }, { s: states[0], d: Infinity }).s;

  const bValues = [...new Set(states.map((s) => s.b))];
  const logEpsValues = [...new Set(states.map((s) => Math.log10(s.eps)))];

  function setKernel(b, eps) {
    let hit = find(b, eps);
    if (!hit && !live.live) {
      // no kernel: move to the next precomputed setting in the direction of the move
      const b1 = snapToPrecomputed(bValues, b, st.b, 0.026);
      const e1 = 10 ** snapToPrecomputed(logEpsValues, Math.log10(eps), Math.log10(st.eps), 0.026);
      hit = find(b1, e1);
    }
    if (hit || !live.live) {
      const s = hit || nearest(b, eps);
      st.b = s.b; st.eps = s.eps;
      bSlider.set(s.b); eSlider.set(Math.log10(s.eps));
      model.set("b", s.b); model.set("eps", s.eps); model.save_changes();
      draw();
      return;
    }
    live.request({ b, eps }).then((res) => {
      states.push({ b: res.b, eps: res.eps, counts: states[0].counts, sweeps: res.sweeps });
      st.b = res.b; st.eps = res.eps;
      model.set("b", res.b); model.set("eps", res.eps); model.save_changes();
      draw();
    }).catch(() => {
      // cancelled or failed: the sliders go back to the setting that is drawn (unless the reader moved on)
      if (Math.abs(Number(bSlider.input.value) - b) < 1e-9) bSlider.set(st.b);
      if (Math.abs(10 ** Number(eSlider.input.value) / eps - 1) < 1e-6) eSlider.set(Math.log10(st.eps));
    });
  }

  function drawChart(state, n) {
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

  function draw() {
    const n = Number(st.count);
    const state = find(st.b, st.eps);
    if (!(n >= 1 && n <= maxCount) || !sources[st.source] || !state) {
      showMessage(message, `Choose between 1 and ${maxCount} prototypes per class and a precomputed kernel setting.`);
      return;
    }
    showMessage(message, "");
    count.set(n);
    source.set(st.source);
    const s = state.sweeps[st.source];
    readout.say(`${n} prototypes per class (${n * names.length} in all), ${sources[st.source].name}, b = ${fmtNum(state.b, 2)}, `
      + `ε = ${fmtNum(state.eps, 2)}: test accuracy with the sum-vote ${fmtPct(s.sum[n - 1])}, `
      + `with the nearest prototype ${fmtPct(s.nearest[n - 1])}.`);
    gallery.style.gridTemplateColumns = `88px repeat(${n}, 30px)`;
    gallery.replaceChildren();
    names.forEach((name, c) => {
      // the class name as SVG text, so that "Save as PNG" keeps it
      gallery.append(svg("svg", { width: 88, height: 32, "aria-hidden": "true" },
        svg("text", { x: 84, y: 20, "text-anchor": "end", "font-size": 11 }, name)));
      for (let j = 0; j < n; j++) {
        gallery.append(h("img", { src: sources[st.source].images[c][j], width: 28, height: 28, alt: `${name}, prototype ${j + 1}`,
          style: `border:2px solid ${classColour(c)};image-rendering:pixelated` }));
      }
    });
    drawChart(state, n);
  }
  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "handbuilt_explorer", label: "Figure F15: the classifier built by hand" }, (root, life) => renderFigure(root, model, life));
  },
};
