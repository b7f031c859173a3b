// PictureBrowser: pick one entry from a list (a unit, a class, a mistake) and see its pictures.
// Each entry: {label, title, note, cards: [{src, caption, color, big}]}. Data only; no math.

function render({ model, el }) {
  withStyle(el);
  el.classList.add("p2b-browser");
  const css = h("style", {}, `
    .p2b-browser .p2b-cards { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; margin-top: 6px; }
    .p2b-browser .p2b-card { display: flex; flex-direction: column; align-items: center; width: 84px; }
    .p2b-browser .p2b-card.big { width: 124px; margin-right: 14px; }
    .p2b-browser .p2b-card img { width: 72px; height: 72px; image-rendering: pixelated; border: 3px solid #ccc; }
    .p2b-browser .p2b-card.big img { width: 112px; height: 112px; }
    .p2b-browser .p2b-card span { white-space: pre-line; font-size: 11px; text-align: center; line-height: 1.2; margin-top: 2px; }
    .p2b-browser .p2b-title { font-weight: 600; margin-top: 4px; }
    .p2b-browser select { max-width: 420px; }`);
  const select = h("select", { "aria-label": model.get("control") || "choose" });
  const prev = h("button", { type: "button", title: "previous" }, "◀");
  const next = h("button", { type: "button", title: "next" }, "▶");
  const msg = h("div", { class: "yl-message" });
  const title = h("div", { class: "p2b-title" });
  const cards = h("div", { class: "p2b-cards" });
  const note = h("div", { class: "yl-caption p2b-note" });
  el.append(css, h("div", { class: "yl-controls" },
    h("label", {}, (model.get("control") || "Choose") + " ", select), prev, next), msg, title, cards, note);

  function entries() { const e = model.get("entries"); return Array.isArray(e) ? e : []; }

  function fillOptions() {
    select.replaceChildren(...entries().map((e, i) => h("option", { value: i }, e && e.label ? e.label : `#${i}`)));
  }

  function draw() {
    const list = entries();
    if (list.length === 0) {
      showMessage(msg, "Nothing to show: this list is empty.");
      title.textContent = ""; cards.replaceChildren(); note.textContent = "";
      select.disabled = prev.disabled = next.disabled = true;
      return;
    }
    select.disabled = prev.disabled = next.disabled = false;
    let i = Number(model.get("index"));
    if (!Number.isInteger(i) || i < 0 || i >= list.length) {
      showMessage(msg, `No entry number ${model.get("index")}; showing the first one.`);
      i = 0;
    } else showMessage(msg, "");
    select.value = String(i);
    const e = list[i] || {};
    title.textContent = e.title || "";
    note.textContent = e.note || "";
    cards.replaceChildren(...(e.cards || []).map((c) => {
      const img = h("img", { src: c.src, alt: c.caption || "" });
      if (c.color) img.style.borderColor = c.color;
      return h("div", { class: "p2b-card" + (c.big ? " big" : "") }, img, h("span", {}, c.caption || ""));
    }));
  }

  function go(i) {
    const n = entries().length;
    if (n === 0) return;
    model.set("index", ((i % n) + n) % n);
    model.save_changes();
    draw();
  }
  select.addEventListener("change", () => go(Number(select.value)));
  prev.addEventListener("click", () => go(Number(model.get("index")) - 1));
  next.addEventListener("click", () => go(Number(model.get("index")) + 1));
  model.on("change:index", draw);
  model.on("change:entries", () => { fillOptions(); draw(); });
  fillOptions();
  draw();
}
export default { render };
