// Figure F27: pick a trunk unit; see the name of each 64-d slot of its prototype (the vote of the
// library's 15 best-scoring codes) and its footprint.
// Needs dom.js (h, withStyle, showMessage, labelledSlider) in front.

const UNIT_FILTERS = ["all units", "tagged +", "tagged −", "tagged ×", "tagged ÷"];
const UNIT_SLOTS = ["first digit (a)", "operator", "second digit (b)"];
const UNIT_OUT_SLOTS = ["sign", "tens", "units"];

function render({ model, el }) {
  withStyle(el);
  el.classList.add("arith-units");
  const names = model.get("names");        // [U][3] symbol strings
  const near = model.get("nearest");       // [U][3][k] {s, d}
  const tags = model.get("tag");           // [U] operator index or -1
  const prints = model.get("footprints");  // [U] PNG data URIs
  const inkSlot = model.get("ink_slot"), inkShare = model.get("ink_share"), alpha = model.get("alpha");
  const filter = h("select", { "aria-label": "show" }, UNIT_FILTERS.map((f, i) => h("option", { value: i }, f)));
  const message = h("div", { class: "yl-message" });
  let list = [];
  const slider = labelledSlider("unit", { min: 0, max: Math.max(0, names.length - 1), step: 1, value: 0,
    format: (v) => (list.length ? `#${list[Math.min(v, list.length - 1)]}` : "—"),
    onInput: (v) => { if (list.length) { model.set("unit", list[v]); model.save_changes(); } } });
  const prev = h("button", { type: "button" }, "◀ previous");
  const next = h("button", { type: "button" }, "next ▶");
  const cards = h("div", { class: "yl-row arith-slots" });
  const title = h("div", { class: "arith-unit-title", style: "font-size:18px;font-weight:600;margin:6px 0" });
  const img = h("img", { class: "arith-footprint", width: 84 * 4, height: 28 * 4, alt: "footprint",
    style: "image-rendering: pixelated; border: 1px solid #ccc; background: #000" });
  const slotAxis = h("div", { class: "yl-caption", style: `width:${84 * 4}px;display:flex;justify-content:space-around` },
    UNIT_OUT_SLOTS.map((s) => h("span", {}, s)));
  const footCaption = h("div", { class: "yl-caption arith-foot-caption" });
  el.append(h("div", { class: "yl-controls" }, h("label", {}, "show: ", filter), slider.root, prev, next),
    message, title, cards,
    h("div", { style: "margin-top:8px" }, h("div", { class: "yl-caption" }, "footprint: what this unit alone paints (answer image, 28 × 84)"),
      img, slotAxis, footCaption));

  function rebuild() {
    const f = Number(filter.value);
    list = [];
    for (let u = 0; u < names.length; u++) if (f === 0 || tags[u] === f - 1) list.push(u);
    slider.input.max = Math.max(0, list.length - 1);
    if (!list.length) { showMessage(message, `No unit is ${UNIT_FILTERS[f]}.`); return; }
    showMessage(message, "");
    let pos = list.indexOf(model.get("unit"));
    if (pos < 0) { pos = 0; model.set("unit", list[0]); model.save_changes(); }
    slider.set(pos);
  }
  function step(delta) {
    if (!list.length) return;
    let pos = list.indexOf(model.get("unit"));
    pos = Math.max(0, Math.min(list.length - 1, (pos < 0 ? 0 : pos) + delta));
    slider.set(pos); model.set("unit", list[pos]); model.save_changes();
  }
  function draw() {
    const u = model.get("unit");
    if (!(u >= 0 && u < names.length) || !list.length) { title.textContent = ""; cards.replaceChildren(); return; }
    title.textContent = `unit #${u}: (${names[u].join(" | ")})` + (tags[u] >= 0 ? "  · operator-tagged" : "");
    cards.replaceChildren(...[0, 1, 2].map((s) => h("div", { class: "arith-slot", style: "border:1px solid #ccc;border-radius:6px;padding:6px 10px;min-width:150px" },
      h("div", { class: "yl-caption" }, `slot ${s + 1}: ${UNIT_SLOTS[s]}`),
      h("div", { style: "font-size:28px;text-align:center" }, names[u][s]),
      h("div", { class: "yl-caption" }, "votes of the 15 best-scoring codes:"),
      h("div", {}, near[u][s].map((e) => `${e.s} (${e.d})`).join(", ")))));
    img.src = prints[u];
    footCaption.textContent = `painted with activation ${fmtNum(alpha[u], 3)}; ${fmtNum(100 * inkShare[u], 2)}% of its ink is in the ${UNIT_OUT_SLOTS[inkSlot[u]]} slot`;
    const pos = list.indexOf(u);
    if (pos >= 0) slider.set(pos);
  }
  filter.addEventListener("change", () => { rebuild(); draw(); });
  prev.addEventListener("click", () => step(-1));
  next.addEventListener("click", () => step(1));
  model.on("change:unit", draw);
  rebuild();
  draw();
}

export default { render };
