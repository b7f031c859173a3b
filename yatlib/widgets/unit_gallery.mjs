// Figure F16: galleries of hidden units (Yat prototypes, ReLU filters), one per panel, switched by
// buttons. A unit is picked with the pointer or the arrow keys, and the read-out names its class.

function renderGallery(el, model, life) {
  const blocks = model.get("pictures").map((b) => decodeU8(b));
  const panels = model.get("panels"), names = model.get("class_names");
  const cols = model.get("ncols");
  const st = { panel: Math.min(panels.length - 1, Math.max(0, model.get("panel"))), picked: -1 };
  const TILE = 44, GAP = 6;

  const message = h("div", { class: "yl-message" });
  const readout = liveRegion();
  const buttons = buttonGroup("hidden units shown", panels.map((p) => p.label), st.panel, (i) => {
    st.panel = i;
    if (st.picked >= panels[i].n) st.picked = -1;
    model.set("panel", i); model.save_changes();
    draw();
  });
  const title = h("div", { class: "ug-title", style: "font-weight:650;margin:4px 0" });
  const holder = h("div", { class: "ug-holder" });
  const key = h("div", { class: "yl-caption ug-key" });
  const figure = h("div", {}, title, holder, key);
  el.append(h("div", { class: "yl-controls" }, buttons.root), message, readout.root, figure,
    h("div", { class: "yl-toolbar" }, exportButton("hidden-units", () => figure)));

  let canvas = null;
  const rowsOf = (p) => Math.ceil(p.n / cols);
  function tileAt(p, x, y) {
    const c = Math.floor((x - GAP / 2) / (TILE + GAP)), r = Math.floor((y - GAP / 2) / (TILE + GAP));
    const u = r * cols + c;
    return c >= 0 && c < cols && r >= 0 && u < p.n ? u : -1;
  }

  function draw() {
    const p = panels[st.panel];
    const px = p && blocks[p.pictures];
    const [H, W] = p ? p.shape : [0, 0];
    if (!p || !px || px.length !== p.n * H * W) { showMessage(message, "The pictures handed to this figure are incomplete."); return; }
    showMessage(message, "");
    buttons.set(st.panel);
    title.textContent = p.title;
    const width = Math.min(cols, p.n) * (TILE + GAP) + GAP, height = rowsOf(p) * (TILE + GAP) + GAP;
    const made = sharpCanvas(width, height, { class: "ug-gallery" });
    const ctx = made.ctx, t = theme(), tones = pictureTones();
    ctx.fillStyle = t.bg; ctx.fillRect(0, 0, width, height);
    for (let u = 0; u < p.n; u++) {
      const x = GAP + (u % cols) * (TILE + GAP), y = GAP + Math.floor(u / cols) * (TILE + GAP);
      drawPicture(ctx, pictureCanvas(px, u, [H, W], tones), x, y, TILE,
        { frame: p.classes ? classColour(p.classes[u]) : t.grid, lineWidth: p.classes ? 3 : 1 });
    }
    if (st.picked >= 0) {
      const u = st.picked, x = GAP + (u % cols) * (TILE + GAP), y = GAP + Math.floor(u / cols) * (TILE + GAP);
      ctx.strokeStyle = t.focus; ctx.lineWidth = 2.5;
      ctx.strokeRect(x - 5, y - 5, TILE + 10, TILE + 10);
    }
    attach(made.canvas, p);
    const present = p.classes ? [...new Set(p.classes)].sort((a, b) => a - b) : [];
    key.replaceChildren(...(present.length ? [h("span", {}, `frame colour: the class each unit ${p.role}: `),
      ...present.map((c) => h("span", { style: "margin-right:10px;white-space:nowrap" },
        h("span", { style: `display:inline-block;width:10px;height:10px;border:3px solid ${classColour(c)};margin-right:3px;vertical-align:-2px` }), names[c]))] : []));
    let text = `${p.label}: ${p.n} units. `;
    if (st.picked >= 0) text += p.classes ? `Unit ${st.picked} ${p.role} ${names[p.classes[st.picked]]}.` : `Unit ${st.picked}.`;
    else text += "Pick a unit (click it, or arrow keys on the gallery) to hear its class.";
    readout.say(text);
  }

  function attach(next, p) {
    const hadFocus = canvas && document.activeElement === canvas;
    if (canvas) canvas.replaceWith(next); else holder.append(next);
    canvas = next;
    pickByKeys(canvas, {
      label: "the gallery: pick a unit", count: () => panels[st.panel].n, columns: cols,
      get: () => st.picked, set: (i) => { st.picked = i; draw(); },
    });
    describe(canvas, `${p.title}. ${p.n} pictures of ${p.shape[0]}×${p.shape[1]} pixels in rows of ${cols}`
      + (p.classes ? `, each framed in the colour of the class it ${p.role}.` : ".") + " Arrow keys pick a unit.");
    canvas.addEventListener("click", (e) => {
      const b = canvas.getBoundingClientRect();
      const u = tileAt(panels[st.panel], e.clientX - b.left, e.clientY - b.top);
      if (u >= 0) { st.picked = u; draw(); }
    });
    if (hadFocus) canvas.focus();
  }

  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "unit_gallery", label: "Figure F16: the hidden units of the two networks as pictures" },
      (root, life) => renderGallery(root, model, life));
  },
};
