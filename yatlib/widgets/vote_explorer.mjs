// Figure F18, "the network explains itself" (VoteExplorer). Bundled after dom.js, chart.js, canvas.js,
// kernels.js and classifier.js. Everything is computed here, in the browser, from the trained weights
// and the items' pixels, with the formulas of yatlib.explain (classifier.js; tests/unit/test_js_vote.py).

// A picture of shape [rows, cols] from values[offset .. offset + rows*cols): grey levels from `range`
// ([lo, hi], dark = high) or, with minmax, from the picture's own range.
function drawGreyLevels(canvas, values, offset, shape, range, minmax) {
  const [rows, cols] = shape, D = rows * cols;
  const ctx = canvas.getContext("2d");
  const img = ctx.createImageData(cols, rows);
  let [lo, hi] = range;
  if (minmax) {
    lo = Infinity; hi = -Infinity;
    for (let d = 0; d < D; d++) { const v = values[offset + d]; if (v < lo) lo = v; if (v > hi) hi = v; }
  }
  if (!(hi > lo)) hi = lo + 1;
  for (let d = 0; d < D; d++) {
    const t = Math.max(0, Math.min(1, (values[offset + d] - lo) / (hi - lo)));
    const g = Math.round(255 * (1 - t));
    img.data[4 * d] = g; img.data[4 * d + 1] = g; img.data[4 * d + 2] = g; img.data[4 * d + 3] = 255;
  }
  const tmp = document.createElement("canvas");
  tmp.width = cols; tmp.height = rows;
  tmp.getContext("2d").putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(tmp, 0, 0, canvas.width, canvas.height);
}

const VE_CSS = `
.ve-explorer .ve-main { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
.ve-explorer .ve-item canvas { border: 1px solid var(--yl-border); }
.ve-explorer .ve-verdict { font-weight: 600; margin-top: 4px; max-width: 190px; padding: 2px 6px; }
.ve-explorer .ve-verdict.abstain { background: var(--yl-warn); border-left: 3px solid var(--yl-warn-border); }
.ve-explorer .ve-top { display: grid; grid-template-columns: auto auto 150px auto; gap: 4px 8px; align-items: center;
  padding: 3px; border-radius: 4px; }
.ve-explorer .ve-row { display: contents; cursor: pointer; }
.ve-explorer .ve-row[aria-selected="true"] > span { background: var(--yl-highlight); font-weight: 650; }
.ve-explorer .ve-top canvas { border: 3px solid var(--yl-border); }
.ve-explorer .ve-bar { height: 12px; background: var(--yl-accent); }
.ve-explorer .ve-bar.dim { background: var(--yl-border); }
.ve-explorer .ve-sum { grid-column: 1 / span 4; font-size: 12px; color: var(--yl-muted); }
.ve-explorer input[type=number] { width: 5.5em; font: inherit; background: var(--yl-panel); color: var(--yl-fg);
  border: 1px solid var(--yl-border); border-radius: 4px; }
`;

let _veCounter = 0;

function renderVotes(el, model, life) {
  el.classList.add("ve-explorer");
  el.append(h("style", {}, VE_CSS));
  const uid = `ve${++_veCounter}`;

  const K = model.get("n_units"), D = model.get("n_features"), C = model.get("n_classes");
  const shape = model.get("image_shape"), range = model.get("pixel_range");
  const W = decodeF32(model.get("prototypes"));
  const A = decodeF32(model.get("readout"));
  const bias = model.get("bias");
  const b = model.get("b"), eps = model.get("eps");
  const names = model.get("class_names");
  const protoClass = model.get("proto_classes");
  const protoShows = model.get("proto_shows") || [];
  const [insideName, outsideName] = model.get("set_names");
  const outsideNames = model.get("outside_class_names");
  // items arrive as bytes k (value k/255) or as float32 values, exactly either way
  const decodeSet = (role) => model.get(`${role}_encoding`) === "f32"
    ? { pixels: decodeF32(model.get(`${role}_pixels`)), scale: 1 }
    : { pixels: decodeU8(model.get(`${role}_pixels`)), scale: 255 };
  const sets = {
    inside: { ...decodeSet("inside"), labels: model.get("inside_labels"), title: insideName, labelText: (y) => names[y] },
    outside: { ...decodeSet("outside"), labels: model.get("outside_labels"), title: `${outsideName} (never seen)`,
               labelText: (y) => outsideNames[y] },
  };
  for (const s of Object.values(sets)) {
    s.n = s.labels.length;
    s.max = maxMatches(s.pixels, s.n, W, K, D, b, eps, s.scale);
  }
  const [tauLo, tauHi] = model.get("tau_range");
  const taus = geomspace(tauLo, tauHi, 121);
  const curve = abstentionTradeoff(Array.from(sets.inside.max), Array.from(sets.outside.max), taus);
  const roles = ["inside", "outside"], filters = ["all", "accepted", "abstained"];
  const lg = (t) => Math.log10(t);
  let picked = 0;  // the rank of the prototype picked in the list (arrow keys)

  // ---- controls -------------------------------------------------------------
  const message = h("div", { class: "yl-message ve-message" });
  const readout = liveRegion();
  const setGroup = buttonGroup("input set", [insideName, outsideName], Math.max(0, roles.indexOf(model.get("dataset"))),
    (i) => { model.set("dataset", roles[i]); model.set("index", 0); model.save_changes(); });
  setGroup.buttons.forEach((btn, i) => { btn.dataset.set = roles[i]; });
  const filter = selectControl("which items", ["all items", "only items it accepts", "only items it abstains on"],
    Math.max(0, filters.indexOf(model.get("filter"))),
    (i) => { model.set("filter", filters[i]); model.set("index", 0); model.save_changes(); });
  filter.select.classList.add("ve-filter");
  const itemSlider = labelledSlider("test item", { min: 0, max: 1, step: 1, value: 0, format: (v) => `#${v}`,
    onInput: (v) => { model.set("index", v); model.save_changes(); } });
  itemSlider.input.classList.add("ve-item-slider");
  const itemBox = h("input", { type: "number", class: "ve-item-box", step: 1, "aria-label": "test item, typed" });
  itemBox.addEventListener("change", () => {
    const v = itemBox.value.trim() === "" ? NaN : Number(itemBox.value);
    model.set("index", Number.isInteger(v) ? v : -1); model.save_changes();
  });
  const tauSlider = labelledSlider("threshold τ", { min: lg(tauLo), max: lg(tauHi), step: (lg(tauHi) - lg(tauLo)) / 200,
    value: lg(Math.min(tauHi, Math.max(tauLo, model.get("tau")))), format: (v) => fmtNum(10 ** v, 3),
    onInput: (v) => { model.set("tau", Math.min(tauHi, Math.max(tauLo, 10 ** v))); model.save_changes(); } });  // no rounding past the ends
  tauSlider.input.classList.add("ve-tau-slider");
  const tauBox = h("input", { type: "number", class: "ve-tau-box", step: "any", "aria-label": "threshold τ, typed" });
  tauBox.addEventListener("change", () => {
    const v = tauBox.value.trim() === "" ? NaN : Number(tauBox.value);
    model.set("tau", Number.isFinite(v) ? v : -1); model.save_changes();
  });

  // ---- panels -------------------------------------------------------------
  const aspect = shape[1] / shape[0];  // pictures keep their shape: 112 (56) pixels high
  const itemCanvas = h("canvas", { width: Math.round(112 * aspect), height: 112 });
  const itemInfo = h("div", { class: "yl-caption ve-item-info" });
  const verdict = h("div", { class: "ve-verdict" });
  const matchInfo = h("div", { class: "yl-caption ve-match" });
  const itemPanel = h("div", { class: "ve-item" }, h("div", { class: "yl-caption" }, "the input"), itemCanvas, itemInfo, verdict, matchInfo);
  const topGrid = h("div", { class: "ve-top", role: "listbox" });
  pickByKeys(topGrid, { label: "the prototypes with the largest shares", count: () => topGrid.querySelectorAll("[role=option]").length,
    get: () => picked, set: (i) => { picked = i; update(); } });
  const restGrid = h("div", { class: "ve-top ve-rest-row" });
  // the list and the row below it share their columns
  for (const g of [topGrid, restGrid]) g.style.gridTemplateColumns = `${Math.round(56 * aspect) + 6}px 200px 150px 4.5em`;
  const topPanel = h("div", {}, h("div", { class: "yl-caption" }, "the prototypes with the largest shares a_u"), topGrid, restGrid);
  const curveSvg = svg("svg", { class: "ve-curve" });
  const curveText = h("div", { class: "yl-caption ve-curve-text", style: "max-width: 320px" });
  const curvePanel = h("div", {}, curveSvg, curveText);
  const main = h("div", { class: "ve-main" }, itemPanel, topPanel);
  const figure = h("div", { class: "ve-main" }, main, curvePanel);
  el.append(
    h("div", { class: "yl-controls" }, setGroup.root, filter.root),
    h("div", { class: "yl-controls" }, itemSlider.root, itemBox, tauSlider.root, tauBox),
    message, readout.root, figure,
    h("div", { class: "yl-toolbar" }, exportButton("vote-explorer", () => figure)),
  );

  function visibleItems(set, tau) {
    const f = model.get("filter");
    const out = [];
    for (let i = 0; i < set.n; i++) {
      if (f === "accepted" && !(set.max[i] >= tau)) continue;
      if (f === "abstained" && !(set.max[i] < tau)) continue;
      out.push(i);
    }
    return out;
  }

  function drawCurve(t) {
    const frame = chartFrame(curveSvg, {
      width: 320, height: 280, margin: { l: 50, b: 44 }, title: "the trade-off as τ varies",
      x: { domain: [0, 1], label: `${outsideName} rejected`, format: (v) => `${Math.round(100 * v)}%`, ticks: [0, 0.5, 1] },
      y: { domain: [0, 1], label: `${insideName} accepted`, format: (v) => `${Math.round(100 * v)}%`, ticks: [0, 0.5, 1] },
    });
    lineSeries(frame, curve.rejected, curve.accepted, { colour: classColour(0), width: 2 });
    if (!Number.isFinite(t)) { describe(curveSvg, "The trade-off curve of the threshold τ."); return null; }
    const acc = sets.inside.max.reduce((s, m) => s + (m >= t ? 1 : 0), 0) / sets.inside.n;
    const rej = sets.outside.max.reduce((s, m) => s + (m < t ? 1 : 0), 0) / sets.outside.n;
    pointSeries(frame, [rej], [acc], { colour: frame.theme.fg, fill: classColour(1), r: 6, cls: "ve-marker",
      titles: [`τ = ${fmtNum(t, 3)}`] });
    const text = `At τ = ${fmtNum(t, 3)} the model accepts ${(100 * acc).toFixed(1)}% of the ${sets.inside.n} items of ${insideName} `
      + `and rejects ${(100 * rej).toFixed(1)}% of the ${sets.outside.n} of ${outsideName}.`;
    describe(curveSvg, `The trade-off curve: ${insideName} accepted against ${outsideName} rejected as τ varies. ${text}`);
    return text;
  }

  function update() {
    const key = model.get("dataset") in sets ? model.get("dataset") : "inside";
    const set = sets[key];
    setGroup.set(roles.indexOf(key));
    filter.set(Math.max(0, filters.indexOf(model.get("filter"))));
    const tau = model.get("tau");
    const problems = [];
    const tauOk = Number.isFinite(tau) && tau >= tauLo && tau <= tauHi;
    if (!tauOk) problems.push(`The threshold τ must be a number between ${fmtNum(tauLo, 3)} and ${fmtNum(tauHi, 3)}; type one in that range or use the slider.`);
    const t = tauOk ? tau : NaN;
    if (tauOk) { tauSlider.set(lg(tau)); if (document.activeElement !== tauBox) tauBox.value = Number(tau.toPrecision(4)); }
    curveText.textContent = drawCurve(t) || "";

    const items = tauOk ? visibleItems(set, t) : [];
    if (tauOk && items.length === 0) problems.push(`No item of ${set.title} matches this selection at τ = ${fmtNum(t, 3)}: the selection is empty. Choose "all items" or move τ.`);
    itemSlider.input.max = Math.max(0, items.length - 1);
    const idx = model.get("index");
    if (items.length > 0 && !(Number.isInteger(idx) && idx >= 0 && idx < items.length))
      problems.push(`No item selected: pick an item number between 0 and ${items.length - 1}.`);
    showMessage(message, problems.join(" "));
    if (problems.length) {
      main.style.visibility = "hidden";
      readout.say(problems.join(" "));
      return;
    }
    main.style.visibility = "visible";
    itemSlider.set(idx);
    if (document.activeElement !== itemBox) itemBox.value = idx;
    itemBox.min = 0; itemBox.max = items.length - 1;

    const i = items[idx];
    const x = itemPixels(set.pixels, i, D, set.scale);
    const ex = explainItem(x, W, K, D, b, eps, A, bias, C);
    drawGreyLevels(itemCanvas, x, 0, shape, range, false);
    const what = `${set.title}, #${i}: ${set.labelText(set.labels[i])}`;
    describe(itemCanvas, `The input picture, ${what}.`);
    itemInfo.textContent = what;
    const abstains = ex.maxMatch < t;
    verdict.classList.toggle("abstain", abstains);
    verdict.textContent = abstains ? "“I don't recognise this.”" : `prediction: ${names[ex.pred]}`;
    verdict.dataset.prediction = String(ex.pred);
    verdict.dataset.abstains = String(abstains);
    matchInfo.textContent = `best match max φ = ${fmtNum(ex.maxMatch, 4)} ${abstains ? "<" : "≥"} τ = ${fmtNum(t, 3)}` +
      (abstains ? ` (the vote would have said ${names[ex.pred]})` : "");
    matchInfo.dataset.maxMatch = String(ex.maxMatch);

    const nTop = Math.max(1, Math.min(K, model.get("top_n")));
    picked = Math.min(picked, nTop - 1);
    let shown = 0;
    const maxShare = ex.shares[ex.order[0]];
    const rows = ex.order.slice(0, nTop).map((u, r) => {
      const c = h("canvas", { width: Math.round(56 * aspect), height: 56, style: `border-color: ${classColour(protoClass[u])}` });
      drawGreyLevels(c, W, u * D, shape, range, true);
      const s = ex.shares[u];
      shown += s;
      const about = protoShows.length === K ? `shows ${names[protoShows[u]]} · votes ${names[protoClass[u]]}` : `votes ${names[protoClass[u]]}`;
      // its accessible name is its visible text: "unit 12 shows Coat · votes Coat 23.4%"
      const row = h("div", { class: "ve-row", role: "option", id: `${uid}-${r}`, "aria-selected": r === picked ? "true" : "false" },
        c, h("span", {}, `unit ${u}`, h("br"), h("span", { class: "yl-caption" }, about)),
        h("div", { class: "ve-bar", style: `width: ${(150 * s / maxShare).toFixed(1)}px` }),
        h("span", { class: "ve-share", "data-unit": u, "data-share": String(s) }, `${(100 * s).toFixed(1)}%`));
      row.addEventListener("click", () => { picked = r; update(); });
      return row;
    });
    const rest = Math.max(0, 1 - shown);
    let total = 0;
    for (const v of ex.shares) total += v;
    topGrid.replaceChildren(...rows);
    restGrid.replaceChildren(h("span", {}), h("span", {}, `the other ${K - nTop}`),
      h("div", { class: "ve-bar dim", style: `width: ${(150 * Math.min(1, rest / maxShare)).toFixed(1)}px` }),
      h("span", { class: "ve-rest" }, `${(100 * rest).toFixed(1)}%`),
      h("span", { class: "ve-sum", "data-total": String(total) }, `all ${K} shares add up to ${total.toFixed(4)}`));
    topGrid.setAttribute("aria-activedescendant", `${uid}-${picked}`);

    const u = ex.order[picked];
    readout.say(`${what}. ${abstains ? `The model abstains: best match φ = ${fmtNum(ex.maxMatch, 3)} < τ = ${fmtNum(t, 3)}.`
      : `Prediction ${names[ex.pred]}, best match φ = ${fmtNum(ex.maxMatch, 3)} ≥ τ = ${fmtNum(t, 3)}.`} `
      + `${picked === 0 ? "The largest share" : `Share number ${picked + 1}`}: unit ${u}, ${(100 * ex.shares[u]).toFixed(1)} %`
      + `${protoShows.length === K ? `, its picture shows ${names[protoShows[u]]}` : ""}, it votes ${names[protoClass[u]]}.`);
  }

  for (const ev of ["dataset", "index", "tau", "filter"]) life.on(model, `change:${ev}`, update);
  update();
  return { redraw: update };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "vote_explorer", label: "Figure F18: the network explains itself" }, (root, life) => renderVotes(root, model, life));
  },
};
