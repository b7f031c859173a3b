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

function renderUnits(el, model) {
  el.classList.add("ue-explorer");
  el.append(h("style", {}, UE_CSS));
  const names = model.get("names");        // [U][3] symbol strings
  const near = model.get("nearest");       // [U][3][<=k] {s, d}: a symbol and its votes, most votes first
  const voters = model.get("voters"), quorum = model.get("quorum");
  const tags = model.get("tag");           // [U] operator index or -1
  const ops = model.get("operators");      // ["+", "−", "×", "÷"]
  const prints = model.get("footprints");  // [U] PNG data URIs (grey, 28 x 84)
  const inkSlot = model.get("ink_slot"), inkShare = model.get("ink_share"), alpha = model.get("alpha");
  const U = names.length;
  const filters = ["all units", ...ops.map((o) => `units tagged ${o}`)];
  const st = { filter: 0, unit: model.get("unit"), set: new Set(model.get("picked") || []) };
  let list = [];
  const pixels = new Map();   // unit -> Uint8Array of its footprint (28 x 84 bytes)

  // ---- controls -------------------------------------------------------------
  const message = h("div", { class: "yl-message" });
  const readout = liveRegion();
  const filter = selectControl("show", filters, 0, (i) => { st.filter = i; rebuild(); draw(); });
  const slider = labelledSlider("unit", { min: 0, max: Math.max(0, U - 1), step: 1, value: 0,
    format: (v) => (list.length ? `#${list[Math.min(v, list.length - 1)]}` : "—"),
    onInput: (v) => { if (list.length) show(list[Math.min(v, list.length - 1)]); } });
  const prev = button("◀ previous", () => step(-1), { label: "previous unit" });
  const next = button("next ▶", () => step(1), { label: "next unit" });
  const toggle = button("add to your set", () => {
    if (st.set.has(st.unit)) st.set.delete(st.unit); else st.set.add(st.unit);
    saveSet(); draw();
  }, { cls: "ue-toggle" });
  const clear = button("clear your set", () => { st.set.clear(); saveSet(); draw(); }, { cls: "ue-clear" });
  const setText = h("output", { class: "ue-set" });

  // ---- panels -------------------------------------------------------------
  const map = svg("svg", { class: "ue-map" });
  pickByKeys(map, { label: "the map of units: pick one", count: () => list.length, columns: UNIT_COLS,
    get: () => Math.max(0, list.indexOf(st.unit)), set: (i) => show(list[i]) });
  const key = h("div", { class: "yl-caption ue-key", "aria-hidden": "true" });
  const title = h("div", { class: "ue-title" });
  const cards = h("div", { class: "yl-row ue-slots" });
  const footCanvas = h("canvas", { class: "ue-footprint", width: 84 * FOOT_SCALE, height: 28 * FOOT_SCALE,
    style: `width:${84 * FOOT_SCALE}px;height:${28 * FOOT_SCALE}px` });
  const footAxis = h("div", { class: "yl-caption", "aria-hidden": "true",
    style: `width:${84 * FOOT_SCALE}px;display:flex;justify-content:space-around` }, UNIT_OUT_SLOTS.map((s) => h("span", {}, s)));
  const footCaption = h("div", { class: "yl-caption ue-foot-caption" });
  const foot = h("div", { class: "ue-foot", style: "margin-top:8px" },
    h("div", { class: "yl-caption" }, "footprint: what this unit alone paints (an answer image, 28 × 84)"),
    footCanvas, footAxis, footCaption);
  const figure = h("div", { class: "ue-figure" }, title, cards, foot, map, key);
  el.append(
    h("div", { class: "yl-controls" }, filter.root, slider.root, prev, next),
    message, readout.root, figure,
    h("div", { class: "yl-controls" }, toggle, clear, h("span", { class: "yl-caption" }, "your set: "), setText),
    h("div", { class: "yl-toolbar" }, exportButton("unit-explorer", () => figure)),
  );

  map.addEventListener("click", (e) => {
    const cell = e.target.closest && e.target.closest("[data-pos]");
    if (cell) { show(list[Number(cell.dataset.pos)]); map.focus(); }
  });

  function saveSet() { model.set("picked", [...st.set].sort((a, b) => a - b)); model.save_changes(); }

  function rebuild() {
    list = [];
    for (let u = 0; u < U; u++) if (st.filter === 0 || tags[u] === st.filter - 1) list.push(u);
    slider.input.max = Math.max(0, list.length - 1);
    if (list.length && !list.includes(st.unit)) show(list[0], false);
  }

  function show(u, redraw = true) {
    if (!(u >= 0 && u < U)) return;
    st.unit = u;
    model.set("unit", u); model.save_changes();
    if (redraw) draw();
  }

  function step(delta) {
    if (!list.length) return;
    const pos = Math.max(0, list.indexOf(st.unit));
    show(list[Math.max(0, Math.min(list.length - 1, pos + delta))]);
  }

  function tagText(u) {
    if (tags[u] >= 0) return `operator-tagged ${ops[tags[u]]}`;
    const top = near[u][1].length ? near[u][1][0].d : 0;
    return ops.includes(names[u][1])
      ? `not operator-tagged (its operator slot has ${top} of ${voters} votes for ${names[u][1]}, fewer than the ${quorum} needed)`
      : `not operator-tagged (its operator slot is named after the digit ${names[u][1]})`;
  }

  /** The footprint of unit u as bytes, decoded once from its PNG; calls done() when it is ready. */
  function footprint(u, done) {
    if (pixels.has(u)) return pixels.get(u);
    const img = new Image();
    img.onload = () => {
      const c = document.createElement("canvas");
      c.width = 84; c.height = 28;
      const ctx = c.getContext("2d");
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, 84, 28).data, px = new Uint8Array(84 * 28);
      for (let i = 0; i < px.length; i++) px[i] = data[4 * i];
      pixels.set(u, px);
      done();
    };
    img.src = prints[u];
    return null;
  }

  function drawFootprint(u) {
    const ctx = footCanvas.getContext("2d");
    const px = footprint(u, () => { if (st.unit === u) drawFootprint(u); });
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

  function drawMap() {
    const t = theme(), rows = Math.max(1, Math.ceil(list.length / UNIT_COLS));
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
    describe(map, `Map of the ${list.length} ${filters[st.filter]}, one square per unit in order of their numbers, `
      + `${UNIT_COLS} per row, coloured by operator tag (grey: not tagged); a dot marks a unit in your set. `
      + `Picked: unit #${st.unit}. Arrow keys pick another unit.`);
    key.replaceChildren(...ops.map((o, i) => h("span", {}, h("span", { class: "ue-swatch", style: `background:${PALETTE.operators[i]}` }),
      `tagged ${o}`)), h("span", {}, h("span", { class: "ue-swatch", style: `background:${t.grid}` }), "not operator-tagged"),
      h("span", {}, "◦ in your set"));
  }

  function draw() {
    filter.set(st.filter);
    if (!list.length) {
      showMessage(message, `No unit of this model is ${filters[st.filter].replace("units ", "")}; choose another filter.`);
      readout.say(`No unit is ${filters[st.filter].replace("units ", "")}.`);
      title.textContent = ""; cards.replaceChildren(); drawMap();
      return;
    }
    showMessage(message, "");
    const u = st.unit, pos = list.indexOf(u);
    slider.set(Math.max(0, pos));
    title.textContent = `unit #${u}: (${names[u].join(" | ")})` + (tags[u] >= 0 ? ` · operator-tagged ${ops[tags[u]]}` : "");
    cards.replaceChildren(...[0, 1, 2].map((s) => {
      const colour = s === 1 && tags[u] >= 0 ? PALETTE.operators[tags[u]] : null;
      return h("div", { class: "ue-slot", style: colour ? `border-left: 5px solid ${colour}` : null },
        h("div", { class: "yl-caption" }, `slot ${s + 1}: ${UNIT_SLOTS[s]}`),
        h("div", { class: "ue-name" }, names[u][s]),
        h("div", { class: "yl-caption" }, `votes of the ${voters} best-scoring codes:`),
        h("div", {}, near[u][s].map((e) => `${e.s} (${e.d})`).join(", ")));
    }));
    drawFootprint(u);
    const share = fmtNum(100 * inkShare[u], 2);
    footCaption.textContent = `painted with activation ${fmtNum(alpha[u], 3)}; ${share} % of its ink is in the ${UNIT_OUT_SLOTS[inkSlot[u]]} slot`;
    describe(footCanvas, `Footprint of unit #${u}: the 28 × 84 answer image it paints on its own; ${share} % of its ink `
      + `is in the ${UNIT_OUT_SLOTS[inkSlot[u]]} slot.`);
    const inSet = st.set.has(u);
    toggle.textContent = inSet ? `remove #${u} from your set` : `add #${u} to your set`;
    const members = [...st.set].sort((a, b) => a - b);
    setText.textContent = members.length
      ? `${members.join(", ")} (${members.length} unit${members.length === 1 ? "" : "s"}; type these numbers into the knockout figure of the next chapter)` : "empty";
    drawMap();
    readout.say(`Unit #${u} (${pos + 1} of ${list.length} ${filters[st.filter]}): `
      + [0, 1, 2].map((s) => `${UNIT_SLOT_WORDS[s]} ${names[u][s]}`).join(", ")
      + `; ${tagText(u)}. Its footprint has ${share} % of its ink in the ${UNIT_OUT_SLOTS[inkSlot[u]]} slot.`
      + (inSet ? " In your set." : ""));
  }

  model.on("change:unit", () => { const u = model.get("unit"); if (u !== st.unit && u >= 0 && u < U) { st.unit = u; rebuild(); draw(); } });
  rebuild();
  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    mountWidget(el, { name: "unit_explorer", label: "Figure F27: naming and footprints of the units" },
      (root) => renderUnits(root, model));
  },
};
