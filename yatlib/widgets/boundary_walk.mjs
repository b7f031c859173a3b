// Figure F22: blend item A into item B (t from 0 to 1) and run the trained Yat MLP in the browser.
// Shows the blend, its predicted class, the most active ("nearest") prototype, and a strip of the
// whole walk with the places where the class and the most active prototype change.

const WALK_STEPS = 40;

const BW_TILE = 112;
const BW_CSS = `.bw-cell { display: flex; flex-direction: column; align-items: center; font-size: 12.5px; gap: 2px; }
      .bw-pred { font-weight: 650; font-size: 15px; }`;

// ---- state ----------------------------------------------------------------------

function walkState(model) {
  const K = model.get("n_units"), D = model.get("n_features"), C = model.get("n_classes");
  const [H, Wd] = model.get("image_shape");
  const W = decodeF32(model.get("prototypes_b64"));
  const A = decodeF32(model.get("weights_b64"));
  const bias = model.get("bias");
  const items = decodeU8(model.get("items_b64"));
  const labels = model.get("item_labels"), N = labels.length;
  return { model, K, D, C, H, Wd, W, A, bias, b: model.get("b"), eps: model.get("eps"), items, names: model.get("class_names"),
    protoCls: model.get("unit_classes"), labels, pairs: model.get("pairs"), N,
    ok: W.length === K * D && A.length === K * C && items.length === N * D && bias.length === C && H * Wd === D,
    st: { t: Number(model.get("t")), pair: Number(model.get("pair_index")) }, walk: null };
}

const walkItem = (g, i) => g.items.subarray(i * g.D, (i + 1) * g.D);
const protoBytes = (g, u) => Uint8Array.from(g.W.subarray(u * g.D, (u + 1) * g.D), (v) => Math.round(255 * Math.max(0, Math.min(1, v))));
const pairNumber = (g) => ((g.st.pair % g.pairs.length) + g.pairs.length) % g.pairs.length;

/** The pair of items shown, or null when there is none (or it points outside the items). */
function shownPair(g) {
  if (!Array.isArray(g.pairs) || g.pairs.length === 0) return null;
  const p = g.pairs[pairNumber(g)];
  if (!p || p.length !== 2 || !(p[0] >= 0 && p[0] < g.N && p[1] >= 0 && p[1] < g.N)) return null;
  return p;
}

function setT(g, v) {
  g.st.t = Math.min(1, Math.max(0, Number(v)));
  g.ui.slider.set(g.st.t);
  g.model.set("t", g.st.t); g.model.save_changes();
  drawBlend(g);
}

function setPair(g, k) {
  g.st.pair = k;
  g.model.set("pair_index", k); g.model.save_changes();
  drawWalk(g); drawBlend(g);
}

// ---- controls -------------------------------------------------------------------

function walkControls(g, el) {
  const slider = labelledSlider("blend t (0 = item A, 1 = item B)", {
    min: 0, max: 1, step: 0.01, value: g.st.t, format: (v) => v.toFixed(2),
    onInput: (v) => setT(g, v),
  });
  const prevPair = button("previous pair", () => setPair(g, g.st.pair - 1), { cls: "bw-prevpair" });
  const newPair = button("a new pair of items", () => setPair(g, g.st.pair + 1), { cls: "bw-newpair" });
  const pairLabel = h("span", { class: "yl-caption bw-pairlabel" });
  const cells = ["item A", "blend", "most active prototype", "item B"].map((title) => {
    const { canvas, ctx } = sharpCanvas(BW_TILE + 8, BW_TILE + 8, { class: "bw-pic" });
    const cap = h("div", { class: "bw-cap" });
    return { title, canvas, ctx, cap, root: h("div", { class: "bw-cell" }, h("div", {}, title), canvas, cap) };
  });
  const pred = h("div", { class: "bw-pred" });
  cells[1].root.append(pred);
  const row = h("div", { class: "yl-row" }, ...cells.map((c) => c.root));
  const strip = svg("svg", { width: 640, height: 96, viewBox: "0 0 640 96", class: "bw-strip" });
  const figure = h("div", {}, row, h("div", { class: "yl-caption" },
    "The walk: top band = predicted class, bottom band = class of the most active prototype; ticks mark where the most "
    + "active prototype changes, the thick line where the predicted class flips, the dashed line your t (click the strip to move it)."), strip);
  const ui = { msg: h("div", { class: "yl-message" }), readout: liveRegion(), slider, pairLabel, cells, pred, strip };
  el.append(
    h("style", {}, BW_CSS),
    h("div", { class: "yl-controls" }, slider.root, h("span", { class: "yl-buttons" }, prevPair, newPair), pairLabel),
    ui.msg, ui.readout.root, figure, h("div", { class: "yl-toolbar" }, exportButton("boundary-walk", () => figure)));
  strip.addEventListener("click", (e) => {
    const box = strip.getBoundingClientRect(), x = (e.clientX - box.left) * 640 / box.width;
    const i = Math.round((x - 20) / (600 / (WALK_STEPS + 1)) - 0.5);
    if (i >= 0 && i <= WALK_STEPS) setT(g, Number((i / WALK_STEPS).toFixed(2)));
  });
  return ui;
}

// ---- drawing --------------------------------------------------------------------

function paintCell(g, cell, bytes, frame, caption) {
  const c = cell.ctx;
  c.fillStyle = theme().bg; c.fillRect(0, 0, BW_TILE + 8, BW_TILE + 8);
  drawPicture(c, pictureCanvas(bytes, 0, [g.H, g.Wd]), 4, 4, BW_TILE, { frame, lineWidth: 4 });
  cell.cap.textContent = caption;
}

/** The strip: one band segment per stretch of equal values (no seams between steps), flips and hand-overs. */
function drawStrip(g, walk, t) {
  const strip = g.ui.strip, { names, protoCls } = g;
  const x0 = 20, w = 600, bw = w / (WALK_STEPS + 1);
  const band = (seq, y, colourOf, text) => {
    let start = 0;
    for (let i = 1; i <= seq.length; i++) {
      if (i < seq.length && seq[i] === seq[start]) continue;
      strip.append(svg("rect", { x: x0 + start * bw, y, width: (i - start) * bw, height: 22, fill: colourOf(seq[start]) },
        svg("title", {}, `t = ${walk.ts[start].toFixed(3)} to ${walk.ts[i - 1].toFixed(3)}: ${text(seq[start])}`)));
      start = i;
    }
  };
  band(walk.preds, 10, (c) => classColour(c), (c) => `predicted ${names[c]}`);
  band(walk.tops, 36, (u) => classColour(protoCls[u]), (u) => `most active prototype #${u} (detects ${names[protoCls[u]]})`);
  for (const i of changePoints(walk.tops)) strip.append(svg("line", { class: "bw-handover", x1: x0 + i * bw, x2: x0 + i * bw, y1: 34, y2: 62, stroke: t.fg, "stroke-width": 2 }));
  for (const i of changePoints(walk.preds)) {
    strip.append(svg("line", { class: "bw-flip", x1: x0 + i * bw, x2: x0 + i * bw, y1: 4, y2: 62, stroke: t.bg, "stroke-width": 6 }));
    strip.append(svg("line", { class: "bw-flip", x1: x0 + i * bw, x2: x0 + i * bw, y1: 4, y2: 62, stroke: t.fg, "stroke-width": 3 }));
  }
  strip.append(svg("text", { x: x0, y: 78, "font-size": 11.5, fill: t.fg }, "t = 0 (item A)"));
  strip.append(svg("text", { x: x0 + w, y: 78, "text-anchor": "end", "font-size": 11.5, fill: t.fg }, "t = 1 (item B)"));
  strip.append(svg("line", { class: "bw-now", x1: 0, x2: 0, y1: 2, y2: 66, stroke: t.fg, "stroke-width": 1.5, "stroke-dasharray": "3 2" }));
}

/** Items A and B, and the walk between them (computed once per pair). */
function drawWalk(g) {
  const p = shownPair(g), ui = g.ui, { names, labels } = g;
  ui.strip.replaceChildren();
  if (!g.ok || !p) { g.walk = null; return; }
  const t = theme(), [ia, ib] = p;
  paintCell(g, ui.cells[0], walkItem(g, ia), classColour(labels[ia]), names[labels[ia]]);
  paintCell(g, ui.cells[3], walkItem(g, ib), classColour(labels[ib]), names[labels[ib]]);
  describe(ui.cells[0].canvas, `item A: a test image of a ${names[labels[ia]]}`);
  describe(ui.cells[3].canvas, `item B: a test image of a ${names[labels[ib]]}`);
  ui.pairLabel.textContent = `pair ${pairNumber(g) + 1} of ${g.pairs.length}`;
  const walk = g.walk = walkBetween(walkItem(g, ia), walkItem(g, ib), WALK_STEPS, g.W, g.K, g.D, g.b, g.eps, g.A, g.bias, g.C);
  drawStrip(g, walk, t);
  const flips = changePoints(walk.preds).map((i) => walk.ts[i].toFixed(3));
  describe(ui.strip, `The walk from a ${names[labels[ia]]} to a ${names[labels[ib]]} in ${WALK_STEPS + 1} steps: `
    + `the predicted class flips at t = ${flips.join(", ") || "nowhere"}; the most active prototype changes `
    + `${changePoints(walk.tops).length} times.`);
}

/** The blend at t, its prediction and its most active prototype, the marker on the strip and the read-out. */
function drawBlend(g) {
  const p = shownPair(g), ui = g.ui, msg = ui.msg, { names, labels, protoCls, D } = g;
  if (!g.ok) { showMessage(msg, "The model data handed to this widget is incomplete; nothing to show."); return; }
  if (!p) { showMessage(msg, "No pair of items to walk between."); return; }
  const t = g.st.t;
  if (!Number.isFinite(t) || t < 0 || t > 1) { showMessage(msg, "Choose a blend t between 0 and 1."); return; }
  showMessage(msg, "");
  const x = blendItems(walkItem(g, p[0]), walkItem(g, p[1]), t, D);
  const r = forwardYatMlp(x, g.W, g.K, D, g.b, g.eps, g.A, g.bias, g.C);
  paintCell(g, ui.cells[1], Uint8Array.from(x, (v) => Math.round(255 * v)), classColour(r.pred), `t = ${t.toFixed(2)}`);
  ui.pred.textContent = `predicted: ${names[r.pred]}`;
  paintCell(g, ui.cells[2], protoBytes(g, r.top), classColour(protoCls[r.top]), `prototype #${r.top} (detects ${names[protoCls[r.top]]})`);
  describe(ui.cells[1].canvas, `the blend at t = ${t.toFixed(2)}, predicted ${names[r.pred]}`);
  describe(ui.cells[2].canvas, `the most active prototype, #${r.top}, which detects ${names[protoCls[r.top]]}`);
  const now = ui.strip.querySelector(".bw-now");
  if (now) { const xx = 20 + 600 * (t * WALK_STEPS + 0.5) / (WALK_STEPS + 1); now.setAttribute("x1", xx); now.setAttribute("x2", xx); }
  const walk = g.walk, flips = walk ? changePoints(walk.preds).map((i) => walk.ts[i].toFixed(2)) : [];
  ui.readout.say(`${ui.pairLabel.textContent}, ${names[labels[p[0]]]} to ${names[labels[p[1]]]}; t = ${t.toFixed(2)}: `
    + `predicted ${names[r.pred]}; most active prototype #${r.top} (detects ${names[protoCls[r.top]]}). `
    + (flips.length ? `Along this walk the prediction flips at t = ${flips.join(", ")}.` : "The prediction does not flip on this walk."));
}

function renderWalk(el, model, life) {
  const g = walkState(model);
  g.ui = walkControls(g, el);
  const draw = () => { drawWalk(g); drawBlend(g); };
  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "boundary_walk", label: "Figure F22: walking across a decision boundary" }, (root, life) => renderWalk(root, model, life));
  },
};
