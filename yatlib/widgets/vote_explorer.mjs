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

const VE_ROLES = ["inside", "outside"], VE_FILTERS = ["all", "accepted", "abstained"];
const lg = (t) => Math.log10(t);

// ---- data ---------------------------------------------------------------------

/** The model's weights, the two sets of items with their max-matches, and the trade-off curve. */
function voteData(model) {
  const K = model.get("n_units"), D = model.get("n_features"), C = model.get("n_classes");
  const W = decodeF32(model.get("prototypes"));
  const b = model.get("b"), eps = model.get("eps");
  const names = model.get("class_names");
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
  const shape = model.get("image_shape");
  return { K, D, C, shape, range: model.get("pixel_range"), W, A: decodeF32(model.get("readout")), bias: model.get("bias"), b, eps,
    names, protoClass: model.get("proto_classes"), protoShows: model.get("proto_shows") || [], insideName, outsideName, sets,
    tauLo, tauHi, curve: abstentionTradeoff(Array.from(sets.inside.max), Array.from(sets.outside.max), taus),
    aspect: shape[1] / shape[0],   // pictures keep their shape: 112 (56) pixels high
    picked: 0 };                   // the rank of the prototype picked in the list (arrow keys)
}

// ---- controls -------------------------------------------------------------------

function voteControls(v, model) {
  const { tauLo, tauHi } = v;
  const setGroup = buttonGroup("input set", [v.insideName, v.outsideName], Math.max(0, VE_ROLES.indexOf(model.get("dataset"))),
    (i) => { model.set("dataset", VE_ROLES[i]); model.set("index", 0); model.save_changes(); });
  setGroup.buttons.forEach((btn, i) => { btn.dataset.set = VE_ROLES[i]; });
  const filter = selectControl("which items", ["all items", "only items it accepts", "only items it abstains on"],
    Math.max(0, VE_FILTERS.indexOf(model.get("filter"))),
    (i) => { model.set("filter", VE_FILTERS[i]); model.set("index", 0); model.save_changes(); });
  filter.select.classList.add("ve-filter");
  const itemSlider = labelledSlider("test item", { min: 0, max: 1, step: 1, value: 0, format: (x) => `#${x}`,
    onInput: (x) => { model.set("index", x); model.save_changes(); } });
  itemSlider.input.classList.add("ve-item-slider");
  const itemBox = h("input", { type: "number", class: "ve-item-box", step: 1, "aria-label": "test item, typed" });
  itemBox.addEventListener("change", () => {
    const x = itemBox.value.trim() === "" ? NaN : Number(itemBox.value);
    model.set("index", Number.isInteger(x) ? x : -1); model.save_changes();
  });
  const tauSlider = labelledSlider("threshold τ", { min: lg(tauLo), max: lg(tauHi), step: (lg(tauHi) - lg(tauLo)) / 200,
    value: lg(Math.min(tauHi, Math.max(tauLo, model.get("tau")))), format: (x) => fmtNum(10 ** x, 3),
    onInput: (x) => { model.set("tau", Math.min(tauHi, Math.max(tauLo, 10 ** x))); model.save_changes(); } });  // no rounding past the ends
  tauSlider.input.classList.add("ve-tau-slider");
  const tauBox = h("input", { type: "number", class: "ve-tau-box", step: "any", "aria-label": "threshold τ, typed" });
  tauBox.addEventListener("change", () => {
    const x = tauBox.value.trim() === "" ? NaN : Number(tauBox.value);
    model.set("tau", Number.isFinite(x) ? x : -1); model.save_changes();
  });
  return { message: h("div", { class: "yl-message ve-message" }), readout: liveRegion(), setGroup, filter, itemSlider, itemBox,
    tauSlider, tauBox };
}

/** The input's panel, the list of the largest shares (arrow keys pick one) and the trade-off curve. */
function votePanels(v, model) {
  const aspect = v.aspect;
  const itemCanvas = h("canvas", { width: Math.round(112 * aspect), height: 112 });
  const itemInfo = h("div", { class: "yl-caption ve-item-info" });
  const verdict = h("div", { class: "ve-verdict" });
  const matchInfo = h("div", { class: "yl-caption ve-match" });
  const itemPanel = h("div", { class: "ve-item" }, h("div", { class: "yl-caption" }, "the input"), itemCanvas, itemInfo, verdict, matchInfo);
  const topGrid = h("div", { class: "ve-top", role: "listbox" });
  pickByKeys(topGrid, { label: "the prototypes with the largest shares", count: () => topGrid.querySelectorAll("[role=option]").length,
    get: () => v.picked, set: (i) => { v.picked = i; updateVotes(v, model); } });
  const restGrid = h("div", { class: "ve-top ve-rest-row" });
  // the list and the row below it share their columns
  for (const g of [topGrid, restGrid]) g.style.gridTemplateColumns = `${Math.round(56 * aspect) + 6}px 200px 150px 4.5em`;
  const topPanel = h("div", {}, h("div", { class: "yl-caption" }, "the prototypes with the largest shares a_u"), topGrid, restGrid);
  const curveSvg = svg("svg", { class: "ve-curve" });
  const curveText = h("div", { class: "yl-caption ve-curve-text", style: "max-width: 320px" });
  const curvePanel = h("div", {}, curveSvg, curveText);
  const main = h("div", { class: "ve-main" }, itemPanel, topPanel);
  return { itemCanvas, itemInfo, verdict, matchInfo, topGrid, restGrid, curveSvg, curveText, main,
    figure: h("div", { class: "ve-main" }, main, curvePanel) };
}

// ---- state ----------------------------------------------------------------------

function visibleItems(set, tau, filter) {
  const out = [];
  for (let i = 0; i < set.n; i++) {
    if (filter === "accepted" && !(set.max[i] >= tau)) continue;
    if (filter === "abstained" && !(set.max[i] < tau)) continue;
    out.push(i);
  }
  return out;
}

/** The shown set, τ and the items it selects, with what is wrong with the selection (for the reader). */
function voteSelection(v, model) {
  const key = model.get("dataset") in v.sets ? model.get("dataset") : "inside";
  const set = v.sets[key], tau = model.get("tau"), { tauLo, tauHi } = v;
  const problems = [];
  const tauOk = Number.isFinite(tau) && tau >= tauLo && tau <= tauHi;
  if (!tauOk) problems.push(`The threshold τ must be a number between ${fmtNum(tauLo, 3)} and ${fmtNum(tauHi, 3)}; type one in that range or use the slider.`);
  const t = tauOk ? tau : NaN;
  const items = tauOk ? visibleItems(set, t, model.get("filter")) : [];
  if (tauOk && items.length === 0) problems.push(`No item of ${set.title} matches this selection at τ = ${fmtNum(t, 3)}: the selection is empty. Choose "all items" or move τ.`);
  const idx = model.get("index");
  if (items.length > 0 && !(Number.isInteger(idx) && idx >= 0 && idx < items.length))
    problems.push(`No item selected: pick an item number between 0 and ${items.length - 1}.`);
  return { key, set, tau, tauOk, t, items, idx, problems };
}

// ---- drawing --------------------------------------------------------------------

function drawCurve(v, t) {
  const { curveSvg } = v.ui, { sets, insideName, outsideName } = v;
  const frame = chartFrame(curveSvg, {
    width: 320, height: 280, margin: { l: 50, b: 44 }, title: "the trade-off as τ varies",
    x: { domain: [0, 1], label: `${outsideName} rejected`, format: (x) => `${Math.round(100 * x)}%`, ticks: [0, 0.5, 1] },
    y: { domain: [0, 1], label: `${insideName} accepted`, format: (x) => `${Math.round(100 * x)}%`, ticks: [0, 0.5, 1] },
  });
  lineSeries(frame, v.curve.rejected, v.curve.accepted, { colour: classColour(0), width: 2 });
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

/** The input picture, what it is, and the verdict (a prediction, or abstention below τ). */
function drawItem(v, sel) {
  const ui = v.ui, { set, t } = sel, i = sel.items[sel.idx], names = v.names;
  const x = itemPixels(set.pixels, i, v.D, set.scale);
  const ex = explainItem(x, v.W, v.K, v.D, v.b, v.eps, v.A, v.bias, v.C);
  drawGreyLevels(ui.itemCanvas, x, 0, v.shape, v.range, false);
  const what = `${set.title}, #${i}: ${set.labelText(set.labels[i])}`;
  describe(ui.itemCanvas, `The input picture, ${what}.`);
  ui.itemInfo.textContent = what;
  const abstains = ex.maxMatch < t;
  ui.verdict.classList.toggle("abstain", abstains);
  ui.verdict.textContent = abstains ? "“I don't recognise this.”" : `prediction: ${names[ex.pred]}`;
  ui.verdict.dataset.prediction = String(ex.pred);
  ui.verdict.dataset.abstains = String(abstains);
  ui.matchInfo.textContent = `best match max φ = ${fmtNum(ex.maxMatch, 4)} ${abstains ? "<" : "≥"} τ = ${fmtNum(t, 3)}` +
    (abstains ? ` (the vote would have said ${names[ex.pred]})` : "");
  ui.matchInfo.dataset.maxMatch = String(ex.maxMatch);
  return { ex, what, abstains };
}

/** The rows of the largest shares (the picked one selected), then the rest and the sum. */
function drawShares(v, model, ex) {
  const { K, D, W, names, protoClass, protoShows, aspect, uid } = v, ui = v.ui;
  const nTop = Math.max(1, Math.min(K, model.get("top_n")));
  v.picked = Math.min(v.picked, nTop - 1);
  let shown = 0;
  const maxShare = ex.shares[ex.order[0]];
  const rows = ex.order.slice(0, nTop).map((u, r) => {
    const c = h("canvas", { width: Math.round(56 * aspect), height: 56, style: `border-color: ${classColour(protoClass[u])}` });
    drawGreyLevels(c, W, u * D, v.shape, v.range, true);
    const s = ex.shares[u];
    shown += s;
    const about = protoShows.length === K ? `shows ${names[protoShows[u]]} · votes ${names[protoClass[u]]}` : `votes ${names[protoClass[u]]}`;
    // its accessible name is its visible text: "unit 12 shows Coat · votes Coat 23.4%"
    const row = h("div", { class: "ve-row", role: "option", id: `${uid}-${r}`, "aria-selected": r === v.picked ? "true" : "false" },
      c, h("span", {}, `unit ${u}`, h("br"), h("span", { class: "yl-caption" }, about)),
      h("div", { class: "ve-bar", style: `width: ${(150 * s / maxShare).toFixed(1)}px` }),
      h("span", { class: "ve-share", "data-unit": u, "data-share": String(s) }, `${(100 * s).toFixed(1)}%`));
    row.addEventListener("click", () => { v.picked = r; updateVotes(v, model); });
    return row;
  });
  const rest = Math.max(0, 1 - shown);
  let total = 0;
  for (const x of ex.shares) total += x;
  ui.topGrid.replaceChildren(...rows);
  ui.restGrid.replaceChildren(h("span", {}), h("span", {}, `the other ${K - nTop}`),
    h("div", { class: "ve-bar dim", style: `width: ${(150 * Math.min(1, rest / maxShare)).toFixed(1)}px` }),
    h("span", { class: "ve-rest" }, `${(100 * rest).toFixed(1)}%`),
    h("span", { class: "ve-sum", "data-total": String(total) }, `all ${K} shares add up to ${total.toFixed(4)}`));
  ui.topGrid.setAttribute("aria-activedescendant", `${uid}-${v.picked}`);
}

function sayVote(v, ex, what, abstains, t) {
  const u = ex.order[v.picked], { names, protoClass, protoShows, K } = v, picked = v.picked;
  v.ui.readout.say(`${what}. ${abstains ? `The model abstains: best match φ = ${fmtNum(ex.maxMatch, 3)} < τ = ${fmtNum(t, 3)}.`
    : `Prediction ${names[ex.pred]}, best match φ = ${fmtNum(ex.maxMatch, 3)} ≥ τ = ${fmtNum(t, 3)}.`} `
    + `${picked === 0 ? "The largest share" : `Share number ${picked + 1}`}: unit ${u}, ${(100 * ex.shares[u]).toFixed(1)} %`
    + `${protoShows.length === K ? `, its picture shows ${names[protoShows[u]]}` : ""}, it votes ${names[protoClass[u]]}.`);
}

function updateVotes(v, model) {
  const ui = v.ui, sel = voteSelection(v, model);
  ui.setGroup.set(VE_ROLES.indexOf(sel.key));
  ui.filter.set(Math.max(0, VE_FILTERS.indexOf(model.get("filter"))));
  if (sel.tauOk) { ui.tauSlider.set(lg(sel.tau)); if (document.activeElement !== ui.tauBox) ui.tauBox.value = Number(sel.tau.toPrecision(4)); }
  ui.curveText.textContent = drawCurve(v, sel.t) || "";
  ui.itemSlider.input.max = Math.max(0, sel.items.length - 1);
  showMessage(ui.message, sel.problems.join(" "));
  if (sel.problems.length) {
    ui.main.style.visibility = "hidden";
    ui.readout.say(sel.problems.join(" "));
    return;
  }
  ui.main.style.visibility = "visible";
  ui.itemSlider.set(sel.idx);
  if (document.activeElement !== ui.itemBox) ui.itemBox.value = sel.idx;
  ui.itemBox.min = 0; ui.itemBox.max = sel.items.length - 1;
  const { ex, what, abstains } = drawItem(v, sel);
  drawShares(v, model, ex);
  sayVote(v, ex, what, abstains, sel.t);
}

function renderVotes(el, model, life) {
  el.classList.add("ve-explorer");
  el.append(h("style", {}, VE_CSS));
  const v = voteData(model);
  v.uid = `ve${++_veCounter}`;
  v.ui = voteControls(v, model);
  Object.assign(v.ui, votePanels(v, model));
  const ui = v.ui;
  el.append(
    h("div", { class: "yl-controls" }, ui.setGroup.root, ui.filter.root),
    h("div", { class: "yl-controls" }, ui.itemSlider.root, ui.itemBox, ui.tauSlider.root, ui.tauBox),
    ui.message, ui.readout.root, ui.figure,
    h("div", { class: "yl-toolbar" }, exportButton("vote-explorer", () => ui.figure)),
  );
  const update = () => updateVotes(v, model);
  for (const ev of ["dataset", "index", "tau", "filter"]) life.on(model, `change:${ev}`, update);
  update();
  return { redraw: update };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "vote_explorer", label: "Figure F18: the network explains itself" }, (root, life) => renderVotes(root, model, life));
  },
};
