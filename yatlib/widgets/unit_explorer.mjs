// Figure F27: pick a trunk unit of the painting network; see the name of each 64-d slot of its
// prototype (the vote of the library's best-scoring codes), its operator tag and its footprint
// (what it alone paints), and collect units
// into a set to knock out in Figure F28. Needs dom.js and pictures.js in front.

const UNIT_SLOTS = ["first digit (a)", "operator", "second digit (b)"];
const UNIT_SLOT_WORDS = ["first digit", "operator", "second digit"];
const UNIT_OUT_SLOTS = ["sign", "tens", "units"];
const UNIT_COLS = 32, UNIT_CELL = 14;
const FOOT_SCALE = 4;

const UE_CSS = `
.ue-explorer .ue-map { display: block; margin: 4px 0; }
.ue-explorer .ue-map rect { cursor: pointer; }
.ue-explorer .ue-key { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; }
.ue-explorer .ue-swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px;
  border: 1px solid var(--yl-border); }
.ue-explorer .ue-title { font-size: 18px; font-weight: 600; margin: 6px 0; }
.ue-explorer .ue-slot { border: 1px solid var(--yl-border); border-radius: 6px; padding: 6px 10px; min-width: 150px;
  background: var(--yl-panel); }
.ue-explorer .ue-slot .ue-name { font-size: 28px; text-align: center; }
.ue-explorer .ue-foot canvas { border: 1px solid var(--yl-border); }
.ue-explorer .ue-set { font-variant-numeric: tabular-nums; }
`;

// ---- state ----------------------------------------------------------------------

function unitState(model) {
  const names = model.get("names"), ops = model.get("operators");
  return { model,
    names,                              // [U][3] symbol strings
    near: model.get("nearest"),         // [U][3][<=k] {s, d}: a symbol and its votes, most votes first
    voters: model.get("voters"), quorum: model.get("quorum"),
    tags: model.get("tag"),             // [U] operator index or -1
    ops,                                // ["+", "−", "×", "÷"]
    prints: model.get("footprints"),    // [U] PNG data URIs (grey, 28 x 84)
    inkSlot: model.get("ink_slot"), inkShare: model.get("ink_share"), alpha: model.get("alpha"),
    U: names.length, filters: ["all units", ...ops.map((o) => `units tagged ${o}`)],
    st: { filter: 0, unit: model.get("unit"), set: new Set(model.get("picked") || []) },
    list: [],                           // the units the filter shows
    pixels: new Map() };                // unit -> Uint8Array of its footprint (28 x 84 bytes)
}

function saveSet(g) { g.model.set("picked", [...g.st.set].sort((a, b) => a - b)); g.model.save_changes(); }

/** The units the filter shows; the picked unit moves to the first of them when it is not one. */
function rebuildList(g) {
  g.list = [];
  for (let u = 0; u < g.U; u++) if (g.st.filter === 0 || g.tags[u] === g.st.filter - 1) g.list.push(u);
  g.ui.slider.input.max = Math.max(0, g.list.length - 1);
  if (g.list.length && !g.list.includes(g.st.unit)) showUnit(g, g.list[0], false);
}

function showUnit(g, u, redraw = true) {
  if (!(u >= 0 && u < g.U)) return;
  g.st.unit = u;
  g.model.set("unit", u); g.model.save_changes();
  if (redraw) drawUnits(g);
}

function stepUnit(g, delta) {
  const list = g.list;
  if (!list.length) return;
  const pos = Math.max(0, list.indexOf(g.st.unit));
  showUnit(g, list[Math.max(0, Math.min(list.length - 1, pos + delta))]);
}

function tagText(g, u) {
  const { tags, ops, near, names } = g;
  if (tags[u] >= 0) return `operator-tagged ${ops[tags[u]]}`;
  const top = near[u][1].length ? near[u][1][0].d : 0;
  return ops.includes(names[u][1])
    ? `not operator-tagged (its operator slot has ${top} of ${g.voters} votes for ${names[u][1]}, fewer than the ${g.quorum} needed)`
    : `not operator-tagged (its operator slot is named after the digit ${names[u][1]})`;
}

/** The footprint of unit u as bytes, decoded once from its PNG; calls done() when it is ready. */
function footprint(g, u, done) {
  if (g.pixels.has(u)) return g.pixels.get(u);
  const img = new Image();
  img.onload = () => {
    const c = document.createElement("canvas");
    c.width = 84; c.height = 28;
    const ctx = c.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, 84, 28).data, px = new Uint8Array(84 * 28);
    for (let i = 0; i < px.length; i++) px[i] = data[4 * i];
    g.pixels.set(u, px);
    done();
  };
  img.src = g.prints[u];
  return null;
}

// ---- controls -------------------------------------------------------------------

function unitControls(g) {
  const st = g.st;
  const filter = selectControl("show", g.filters, 0, (i) => { st.filter = i; rebuildList(g); drawUnits(g); });
  const slider = labelledSlider("unit", { min: 0, max: Math.max(0, g.U - 1), step: 1, value: 0,
    format: (v) => (g.list.length ? `#${g.list[Math.min(v, g.list.length - 1)]}` : "—"),
    onInput: (v) => { if (g.list.length) showUnit(g, g.list[Math.min(v, g.list.length - 1)]); } });
  const prev = button("◀ previous", () => stepUnit(g, -1), { label: "previous unit" });
  const next = button("next ▶", () => stepUnit(g, 1), { label: "next unit" });
  const toggle = button("add to your set", () => {
    if (st.set.has(st.unit)) st.set.delete(st.unit); else st.set.add(st.unit);
    saveSet(g); drawUnits(g);
  }, { cls: "ue-toggle" });
  const clear = button("clear your set", () => { st.set.clear(); saveSet(g); drawUnits(g); }, { cls: "ue-clear" });
  return { message: h("div", { class: "yl-message" }), readout: liveRegion(), filter, slider, prev, next, toggle, clear,
    setText: h("output", { class: "ue-set" }) };
}

/** The unit's title, its slot cards, its footprint, and the map of units (arrow keys or a click pick one). */
function unitPanels(g) {
  const map = svg("svg", { class: "ue-map" });
  pickByKeys(map, { label: "the map of units: pick one", count: () => g.list.length, columns: UNIT_COLS,
    get: () => Math.max(0, g.list.indexOf(g.st.unit)), set: (i) => showUnit(g, g.list[i]) });
  map.addEventListener("click", (e) => {
    const cell = e.target.closest && e.target.closest("[data-pos]");
    if (cell) { showUnit(g, g.list[Number(cell.dataset.pos)]); map.focus(); }
  });
  const footCanvas = h("canvas", { class: "ue-footprint", width: 84 * FOOT_SCALE, height: 28 * FOOT_SCALE,
    style: `width:${84 * FOOT_SCALE}px;height:${28 * FOOT_SCALE}px` });
  const footAxis = h("div", { class: "yl-caption", "aria-hidden": "true",
    style: `width:${84 * FOOT_SCALE}px;display:flex;justify-content:space-around` }, UNIT_OUT_SLOTS.map((s) => h("span", {}, s)));
  const footCaption = h("div", { class: "yl-caption ue-foot-caption" });
  const foot = h("div", { class: "ue-foot", style: "margin-top:8px" },
    h("div", { class: "yl-caption" }, "footprint: what this unit alone paints (an answer image, 28 × 84)"),
    footCanvas, footAxis, footCaption);
  return { map, key: h("div", { class: "yl-caption ue-key", "aria-hidden": "true" }), title: h("div", { class: "ue-title" }),
    cards: h("div", { class: "yl-row ue-slots" }), footCanvas, footCaption, foot };
}

function layOutUnits(ui, el) {
  const figure = h("div", { class: "ue-figure" }, ui.title, ui.cards, ui.foot, ui.map, ui.key);
  el.append(
    h("div", { class: "yl-controls" }, ui.filter.root, ui.slider.root, ui.prev, ui.next),
    ui.message, ui.readout.root, figure,
    h("div", { class: "yl-controls" }, ui.toggle, ui.clear, h("span", { class: "yl-caption" }, "your set: "), ui.setText),
    h("div", { class: "yl-toolbar" }, exportButton("unit-explorer", () => figure)),
  );
}

// ---- drawing --------------------------------------------------------------------

function drawFootprint(g, u) {
  const footCanvas = g.ui.footCanvas, ctx = footCanvas.getContext("2d");
  const px = footprint(g, u, () => { if (g.st.unit === u) drawFootprint(g, u); });
  ctx.fillStyle = theme().bg;
  ctx.fillRect(0, 0, footCanvas.width, footCanvas.height);
  if (!px) return;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(pictureCanvas(px, 0, [28, 84], pictureTones()), 0, 0, footCanvas.width, footCanvas.height);
  ctx.strokeStyle = theme().grid;
  ctx.lineWidth = 1;
  for (const s of [1, 2]) {
    ctx.beginPath(); ctx.moveTo(28 * s * FOOT_SCALE + 0.5, 0); ctx.lineTo(28 * s * FOOT_SCALE + 0.5, footCanvas.height); ctx.stroke();
  }
}

function drawUnitMap(g) {
  const t = theme(), { list, tags, names, st, ops } = g, { map, key } = g.ui, rows = Math.max(1, Math.ceil(list.length / UNIT_COLS));
  const W = UNIT_COLS * UNIT_CELL + 4, H = rows * UNIT_CELL + 4;
  map.replaceChildren();
  map.setAttribute("viewBox", `0 0 ${W} ${H}`);
  map.setAttribute("width", W); map.setAttribute("height", H);
  list.forEach((u, i) => {
    const x = 2 + (i % UNIT_COLS) * UNIT_CELL, y = 2 + Math.floor(i / UNIT_COLS) * UNIT_CELL, on = u === st.unit;
    const r = svg("rect", { x: x + 1, y: y + 1, width: UNIT_CELL - 2, height: UNIT_CELL - 2, "data-pos": i, "data-unit": u,
      fill: tags[u] >= 0 ? PALETTE.operators[tags[u] % PALETTE.operators.length] : t.grid,
      stroke: on ? t.fg : "none", "stroke-width": on ? 2.5 : 0 });
    r.append(svg("title", {}, `unit #${u} (${names[u].join(" | ")})`));
    map.append(r);
    if (st.set.has(u)) map.append(svg("circle", { cx: x + UNIT_CELL / 2, cy: y + UNIT_CELL / 2, r: 2.6, fill: t.bg, stroke: t.fg,
      "stroke-width": 1, "pointer-events": "none" }));
  });
  describe(map, `Map of the ${list.length} ${g.filters[st.filter]}, one square per unit in order of their numbers, `
    + `${UNIT_COLS} per row, coloured by operator tag (grey: not tagged); a dot marks a unit in your set. `
    + `Picked: unit #${st.unit}. Arrow keys pick another unit.`);
  key.replaceChildren(...ops.map((o, i) => h("span", {}, h("span", { class: "ue-swatch", style: `background:${PALETTE.operators[i]}` }),
    `tagged ${o}`)), h("span", {}, h("span", { class: "ue-swatch", style: `background:${t.grid}` }), "not operator-tagged"),
    h("span", {}, "◦ in your set"));
}

/** The unit's title and one card per slot: its name and the votes for it. */
function drawSlotCards(g, u) {
  const { names, tags, ops, near, voters } = g, ui = g.ui;
  ui.title.textContent = `unit #${u}: (${names[u].join(" | ")})` + (tags[u] >= 0 ? ` · operator-tagged ${ops[tags[u]]}` : "");
  ui.cards.replaceChildren(...[0, 1, 2].map((s) => {
    const colour = s === 1 && tags[u] >= 0 ? PALETTE.operators[tags[u]] : null;
    return h("div", { class: "ue-slot", style: colour ? `border-left: 5px solid ${colour}` : null },
      h("div", { class: "yl-caption" }, `slot ${s + 1}: ${UNIT_SLOTS[s]}`),
      h("div", { class: "ue-name" }, names[u][s]),
      h("div", { class: "yl-caption" }, `votes of the ${voters} best-scoring codes:`),
      h("div", {}, near[u][s].map((e) => `${e.s} (${e.d})`).join(", ")));
  }));
}

function drawUnits(g) {
  const st = g.st, ui = g.ui, { list, filters, names, inkShare, inkSlot } = g;
  ui.filter.set(st.filter);
  if (!list.length) {
    showMessage(ui.message, `No unit of this model is ${filters[st.filter].replace("units ", "")}; choose another filter.`);
    ui.readout.say(`No unit is ${filters[st.filter].replace("units ", "")}.`);
    ui.title.textContent = ""; ui.cards.replaceChildren(); drawUnitMap(g);
    return;
  }
  showMessage(ui.message, "");
  const u = st.unit, pos = list.indexOf(u);
  ui.slider.set(Math.max(0, pos));
  drawSlotCards(g, u);
  drawFootprint(g, u);
  const share = fmtNum(100 * inkShare[u], 2);
  ui.footCaption.textContent = `painted with activation ${fmtNum(g.alpha[u], 3)}; ${share} % of its ink is in the ${UNIT_OUT_SLOTS[inkSlot[u]]} slot`;
  describe(ui.footCanvas, `Footprint of unit #${u}: the 28 × 84 answer image it paints on its own; ${share} % of its ink `
    + `is in the ${UNIT_OUT_SLOTS[inkSlot[u]]} slot.`);
  const inSet = st.set.has(u);
  ui.toggle.textContent = inSet ? `remove #${u} from your set` : `add #${u} to your set`;
  const members = [...st.set].sort((a, b) => a - b);
  ui.setText.textContent = members.length
    ? `${members.join(", ")} (${members.length} unit${members.length === 1 ? "" : "s"}; type these numbers into the knockout figure of the next chapter)` : "empty";
  drawUnitMap(g);
  ui.readout.say(`Unit #${u} (${pos + 1} of ${list.length} ${filters[st.filter]}): `
    + [0, 1, 2].map((s) => `${UNIT_SLOT_WORDS[s]} ${names[u][s]}`).join(", ")
    + `; ${tagText(g, u)}. Its footprint has ${share} % of its ink in the ${UNIT_OUT_SLOTS[inkSlot[u]]} slot.`
    + (inSet ? " In your set." : ""));
}

function renderUnits(el, model, life) {
  el.classList.add("ue-explorer");
  el.append(h("style", {}, UE_CSS));
  const g = unitState(model);
  g.ui = { ...unitControls(g), ...unitPanels(g) };
  layOutUnits(g.ui, el);
  life.on(model, "change:unit", () => {
    const u = model.get("unit");
    if (u !== g.st.unit && u >= 0 && u < g.U) { g.st.unit = u; rebuildList(g); drawUnits(g); }
  });
  rebuildList(g);
  drawUnits(g);
  return { redraw: () => drawUnits(g) };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "unit_explorer", label: "Figure F27: naming and footprints of the units" },
      (root, life) => renderUnits(root, model, life));
  },
};
