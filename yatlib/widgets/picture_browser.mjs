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

function renderBrowser(el, model, life) {
  el.classList.add("pb-browser");
  el.append(h("style", {}, PB_CSS));
  const uid = `pb${++_pbCounter}`;
  const entries = () => { const e = model.get("entries"); return Array.isArray(e) ? e : []; };
  const images = model.get("images") || [];
  const names = model.get("class_names") || [];
  const what = model.get("control") || "entry";
  const chips = entries().some((e) => e && e.thumb === undefined);
  // thumbnails per row: at most `columns`, as many as fit the width, in rows of even length
  const fit = Math.max(1, Math.floor(((el.clientWidth || 700) - 16) / 31));
  const wide = Math.max(1, Math.min(Number(model.get("columns")) || 25, fit));
  const columns = chips ? 1 : Math.ceil(entries().length / Math.ceil(entries().length / wide)) || 1;
  let current = Number(model.get("index")) || 0;

  const message = h("div", { class: "yl-message" });
  const readout = liveRegion();
  const strip = h("div", { class: "pb-strip", role: "listbox" });
  const select = selectControl(what, entries().map((e, i) => (e && e.label) || `#${i}`), 0, (i) => go(i));
  const prev = button("◀", () => go(current - 1), { label: `previous ${what}` });
  const next = button("▶", () => go(current + 1), { label: `next ${what}` });
  const cards = h("div", { class: "pb-cards" });
  const note = h("div", { class: "yl-caption pb-note" });
  const legendRow = h("div", { class: "pb-key", "aria-hidden": "true" });
  const figure = h("div", { class: "pb-figure" }, cards, note);
  el.append(
    strip,
    h("div", { class: "yl-controls" }, select.root, prev, next),
    message, readout.root, figure, legendRow,
    h("div", { class: "yl-toolbar" }, exportButton(model.get("export_name") || "pictures", () => figure)),
  );

  pickByKeys(strip, { label: `${what}: pick one`, count: () => entries().length, get: () => current, set: (i) => go(i), columns });

  function fillStrip() {
    const list = entries();
    if (chips) Object.assign(strip.style, { display: "flex", flexWrap: "wrap" });
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
      opt.addEventListener("click", () => { go(i); strip.focus(); });
      return opt;
    }));
  }

  function fillLegend() {
    legendRow.replaceChildren(...names.map((n, c) => h("span", {}, h("i", { style: `background:${classColour(c)}` }), n)));
    if (names.length) legendRow.prepend(h("span", {}, "frame colours:"));
  }

  function go(i) {
    const n = entries().length;
    if (n === 0) return;
    current = ((i % n) + n) % n;
    model.set("index", current);
    model.save_changes();
    draw();
  }

  function draw() {
    const list = entries();
    if (list.length === 0) {
      showMessage(message, "Nothing to show: this list is empty.");
      cards.replaceChildren(); note.textContent = "";
      readout.say(`No ${what} to show.`);
      select.select.disabled = prev.disabled = next.disabled = true;
      return;
    }
    select.select.disabled = prev.disabled = next.disabled = false;
    if (!Number.isInteger(current) || current < 0 || current >= list.length) {
      showMessage(message, `There is no ${what} number ${current}; showing the first one.`);
      current = 0;
    } else showMessage(message, "");
    select.set(current);
    for (const [j, opt] of [...strip.children].entries()) opt.setAttribute("aria-selected", j === current ? "true" : "false");
    strip.setAttribute("aria-activedescendant", `${uid}-${current}`);
    const e = list[current] || {};
    note.textContent = e.note || "";
    cards.replaceChildren(...(e.cards || []).map((c) => {
      const w = c.big ? 124 : 84;
      const img = h("img", { src: images[c.image] || "", alt: String(c.caption || "").replace(/\n/g, ", ") });
      if (Number.isInteger(c.cls) && c.cls >= 0) img.style.borderColor = classColour(c.cls);
      return h("div", { class: "pb-card" + (c.big ? " big" : "") }, img, captionSvg(c.caption, w));
    }));
    readout.say(e.readout || e.label || "");
  }

  life.on(model, "change:index", () => { const i = Number(model.get("index")); if (i !== current) { current = i; draw(); } });
  life.on(model, "change:entries", () => {
    select.select.replaceChildren(...entries().map((e, i) => h("option", { value: i }, (e && e.label) || `#${i}`)));
    fillStrip();
    draw();
  });
  fillStrip();
  fillLegend();
  draw();
  return { redraw: () => { fillStrip(); fillLegend(); draw(); } };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "picture_browser", label: model.get("figure") || "Pictures" }, (root, life) => renderBrowser(root, model, life));
  },
};
