// Figures F19, F20, F23 (PictureBrowser): pick one entry (a unit, a class, a mistake) and see its
// pictures. The entry is picked from a strip of thumbnails (pointer, or arrow keys once the strip has
// focus), from a drop-down, or with the previous / next buttons; the read-out says what it shows.
// Data only, no math. Entries: {label, readout, note, thumb | thumb_text, thumb_class,
// cards: [{image, caption, cls, big}]}; `image` and `thumb` index the picture pool `images`.

const PB_CSS = `
.pb-browser .pb-strip { display: grid; gap: 3px; margin: 4px 0 8px; padding: 3px; width: max-content; max-width: 100%;
  border-radius: 4px; }
.pb-browser .pb-thumb { display: block; box-sizing: border-box; border: 2px solid var(--yl-border); cursor: pointer;
  background: #fff; }
.pb-browser .pb-thumb img { display: block; width: 24px; height: 24px; image-rendering: pixelated; }
.pb-browser .pb-chip { padding: 2px 8px; border-left-width: 6px; background: var(--yl-panel); font-size: 12.5px;
  white-space: nowrap; color: var(--yl-fg); }
.pb-browser .pb-thumb[aria-selected="true"] { outline: 3px solid var(--yl-fg); outline-offset: 1px; }
.pb-browser .pb-cards { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; margin-top: 6px; }
.pb-browser .pb-card { display: flex; flex-direction: column; align-items: center; }
.pb-browser .pb-card.big { margin-right: 12px; }
.pb-browser .pb-card img { width: 72px; height: 72px; image-rendering: pixelated; border: 3px solid var(--yl-border); }
.pb-browser .pb-card.big img { width: 112px; height: 112px; }
.pb-browser .yl-status { font-weight: 600; }
.pb-browser .pb-key { display: flex; flex-wrap: wrap; gap: 2px 12px; font-size: 12px; color: var(--yl-muted); margin-top: 6px; }
.pb-browser .pb-key i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
.pb-browser select { max-width: 420px; }`;

/** Caption lines as SVG text (so that "Save as PNG" keeps them), at least `width` wide. */
function captionSvg(text, width) {
  const lines = String(text || "").split("\n");
  width = Math.max(width, ...lines.map((l) => Math.ceil(6.3 * l.length) + 6));
  const s = svg("svg", { width, height: 14 * lines.length + 4, viewBox: `0 0 ${width} ${14 * lines.length + 4}`, "aria-hidden": "true" });
  lines.forEach((line, i) => s.append(svg("text", { x: width / 2, y: 13 + 14 * i, "text-anchor": "middle", "font-size": 11 }, line)));
  return s;
}

let _pbCounter = 0;

// ---- state ----------------------------------------------------------------------

/** The entries, the picture pool and the strip's layout: thumbnails per row are at most `columns`,
 *  as many as fit the width, in rows of even length (one column of text chips when there are no thumbnails). */
function browserState(model, el) {
  const entries = () => { const e = model.get("entries"); return Array.isArray(e) ? e : []; };
  const chips = entries().some((e) => e && e.thumb === undefined);
  const fit = Math.max(1, Math.floor(((el.clientWidth || 700) - 16) / 31));
  const wide = Math.max(1, Math.min(Number(model.get("columns")) || 25, fit));
  return { model, entries, images: model.get("images") || [], names: model.get("class_names") || [],
    what: model.get("control") || "entry", chips,
    columns: chips ? 1 : Math.ceil(entries().length / Math.ceil(entries().length / wide)) || 1,
    current: Number(model.get("index")) || 0, uid: `pb${++_pbCounter}` };
}

function goTo(g, i) {
  const n = g.entries().length;
  if (n === 0) return;
  g.current = ((i % n) + n) % n;
  g.model.set("index", g.current);
  g.model.save_changes();
  drawBrowser(g);
}

// ---- controls -------------------------------------------------------------------

function browserControls(g, el) {
  const what = g.what;
  const strip = h("div", { class: "pb-strip", role: "listbox" });
  const select = selectControl(what, g.entries().map((e, i) => (e && e.label) || `#${i}`), 0, (i) => goTo(g, i));
  const prev = button("◀", () => goTo(g, g.current - 1), { label: `previous ${what}` });
  const next = button("▶", () => goTo(g, g.current + 1), { label: `next ${what}` });
  const ui = { message: h("div", { class: "yl-message" }), readout: liveRegion(), strip, select, prev, next,
    cards: h("div", { class: "pb-cards" }), note: h("div", { class: "yl-caption pb-note" }),
    legendRow: h("div", { class: "pb-key", "aria-hidden": "true" }) };
  const figure = h("div", { class: "pb-figure" }, ui.cards, ui.note);
  el.append(
    strip,
    h("div", { class: "yl-controls" }, select.root, prev, next),
    ui.message, ui.readout.root, figure, ui.legendRow,
    h("div", { class: "yl-toolbar" }, exportButton(g.model.get("export_name") || "pictures", () => figure)),
  );
  pickByKeys(strip, { label: `${what}: pick one`, count: () => g.entries().length, get: () => g.current, set: (i) => goTo(g, i), columns: g.columns });
  return ui;
}

/** The strip of thumbnails (or text chips), one option per entry; a click picks it. */
function fillStrip(g) {
  const list = g.entries(), strip = g.ui.strip, { columns, images, uid } = g;
  if (g.chips) Object.assign(strip.style, { display: "flex", flexWrap: "wrap" });
  else strip.style.gridTemplateColumns = `repeat(${Math.min(columns, list.length || 1)}, 28px)`;
  strip.dataset.columns = String(columns);
  strip.replaceChildren(...list.map((e, i) => {
    const label = (e && e.label) || `#${i}`;
    const colour = Number.isInteger(e.thumb_class) && e.thumb_class >= 0 ? classColour(e.thumb_class) : null;
    const opt = e.thumb !== undefined && images[e.thumb]
      ? h("div", { class: "pb-thumb", id: `${uid}-${i}`, role: "option", "aria-selected": "false", title: label, "aria-label": label },
        h("img", { src: images[e.thumb], alt: "" }))
      : h("div", { class: "pb-thumb pb-chip", id: `${uid}-${i}`, role: "option", "aria-selected": "false" }, e.thumb_text || label);
    if (colour) opt.style.borderColor = colour;
    opt.addEventListener("click", () => { goTo(g, i); strip.focus(); });
    return opt;
  }));
}

function fillLegend(g) {
  const legendRow = g.ui.legendRow, names = g.names;
  legendRow.replaceChildren(...names.map((n, c) => h("span", {}, h("i", { style: `background:${classColour(c)}` }), n)));
  if (names.length) legendRow.prepend(h("span", {}, "frame colours:"));
}

// ---- drawing --------------------------------------------------------------------

/** The entry's cards: each picture framed in its class colour, with its caption as SVG text. */
function drawCards(g, e) {
  const images = g.images;
  g.ui.note.textContent = e.note || "";
  g.ui.cards.replaceChildren(...(e.cards || []).map((c) => {
    const w = c.big ? 124 : 84;
    const img = h("img", { src: images[c.image] || "", alt: String(c.caption || "").replace(/\n/g, ", ") });
    if (Number.isInteger(c.cls) && c.cls >= 0) img.style.borderColor = classColour(c.cls);
    return h("div", { class: "pb-card" + (c.big ? " big" : "") }, img, captionSvg(c.caption, w));
  }));
}

function drawBrowser(g) {
  const list = g.entries(), ui = g.ui, { select, prev, next, strip } = ui, what = g.what;
  if (list.length === 0) {
    showMessage(ui.message, "Nothing to show: this list is empty.");
    ui.cards.replaceChildren(); ui.note.textContent = "";
    ui.readout.say(`No ${what} to show.`);
    select.select.disabled = prev.disabled = next.disabled = true;
    return;
  }
  select.select.disabled = prev.disabled = next.disabled = false;
  if (!Number.isInteger(g.current) || g.current < 0 || g.current >= list.length) {
    showMessage(ui.message, `There is no ${what} number ${g.current}; showing the first one.`);
    g.current = 0;
  } else showMessage(ui.message, "");
  select.set(g.current);
  for (const [j, opt] of [...strip.children].entries()) opt.setAttribute("aria-selected", j === g.current ? "true" : "false");
  strip.setAttribute("aria-activedescendant", `${g.uid}-${g.current}`);
  const e = list[g.current] || {};
  drawCards(g, e);
  ui.readout.say(e.readout || e.label || "");
}

function renderBrowser(el, model, life) {
  el.classList.add("pb-browser");
  el.append(h("style", {}, PB_CSS));
  const g = browserState(model, el);
  g.ui = browserControls(g, el);
  life.on(model, "change:index", () => { const i = Number(model.get("index")); if (i !== g.current) { g.current = i; drawBrowser(g); } });
  life.on(model, "change:entries", () => {
    g.ui.select.select.replaceChildren(...g.entries().map((e, i) => h("option", { value: i }, (e && e.label) || `#${i}`)));
    fillStrip(g);
    drawBrowser(g);
  });
  fillStrip(g);
  fillLegend(g);
  drawBrowser(g);
  return { redraw: () => { fillStrip(g); fillLegend(g); drawBrowser(g); } };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "picture_browser", label: model.get("figure") || "Pictures" }, (root, life) => renderBrowser(root, model, life));
  },
};
