// Figure F16: galleries of hidden units (Yat prototypes, ReLU filters), one per panel, switched by
// buttons. A unit is picked with the pointer or the arrow keys, and the read-out names its class.

const UG = { tile: 44, gap: 6 };

// ---- state ----------------------------------------------------------------------

function galleryState(model) {
  const panels = model.get("panels");
  return { model, blocks: model.get("pictures").map((b) => decodeU8(b)), panels, names: model.get("class_names"),
    cols: model.get("ncols"), st: { panel: Math.min(panels.length - 1, Math.max(0, model.get("panel"))), picked: -1 },
    canvas: null };
}

/** The unit whose tile is at (x, y) on panel p's canvas, or -1. */
function tileAt(g, p, x, y) {
  const { tile: TILE, gap: GAP } = UG, cols = g.cols;
  const c = Math.floor((x - GAP / 2) / (TILE + GAP)), r = Math.floor((y - GAP / 2) / (TILE + GAP));
  const u = r * cols + c;
  return c >= 0 && c < cols && r >= 0 && u < p.n ? u : -1;
}

// ---- controls -------------------------------------------------------------------

function galleryControls(g, el) {
  const st = g.st, panels = g.panels;
  const buttons = buttonGroup("hidden units shown", panels.map((p) => p.label), st.panel, (i) => {
    st.panel = i;
    if (st.picked >= panels[i].n) st.picked = -1;
    g.model.set("panel", i); g.model.save_changes();
    drawGallery(g);
  });
  const ui = { message: h("div", { class: "yl-message" }), readout: liveRegion(), buttons,
    title: h("div", { class: "ug-title", style: "font-weight:650;margin:4px 0" }), holder: h("div", { class: "ug-holder" }),
    key: h("div", { class: "yl-caption ug-key" }) };
  const figure = h("div", {}, ui.title, ui.holder, ui.key);
  el.append(h("div", { class: "yl-controls" }, buttons.root), ui.message, ui.readout.root, figure,
    h("div", { class: "yl-toolbar" }, exportButton("hidden-units", () => figure)));
  return ui;
}

/** Put the new canvas of panel p in place (keeping the focus): arrow keys or a click pick a unit. */
function attachGallery(g, next, p) {
  const st = g.st, panels = g.panels, cols = g.cols;
  const hadFocus = g.canvas && document.activeElement === g.canvas;
  if (g.canvas) g.canvas.replaceWith(next); else g.ui.holder.append(next);
  const canvas = g.canvas = next;
  pickByKeys(canvas, {
    label: "the gallery: pick a unit", count: () => panels[st.panel].n, columns: cols,
    get: () => st.picked, set: (i) => { st.picked = i; drawGallery(g); },
  });
  describe(canvas, `${p.title}. ${p.n} pictures of ${p.shape[0]}×${p.shape[1]} pixels in rows of ${cols}`
    + (p.classes ? `, each framed in the colour of the class it ${p.role}.` : ".") + " Arrow keys pick a unit.");
  canvas.addEventListener("click", (e) => {
    const b = canvas.getBoundingClientRect();
    const u = tileAt(g, panels[st.panel], e.clientX - b.left, e.clientY - b.top);
    if (u >= 0) { st.picked = u; drawGallery(g); }
  });
  if (hadFocus) canvas.focus();
}

// ---- drawing --------------------------------------------------------------------

/** Panel p's pictures on a new canvas, framed by class, the picked one ringed. */
function paintGallery(g, p, px) {
  const { tile: TILE, gap: GAP } = UG, cols = g.cols, [H, W] = p.shape;
  const width = Math.min(cols, p.n) * (TILE + GAP) + GAP, height = Math.ceil(p.n / cols) * (TILE + GAP) + GAP;
  const made = sharpCanvas(width, height, { class: "ug-gallery" });
  const ctx = made.ctx, t = theme(), tones = pictureTones();
  ctx.fillStyle = t.bg; ctx.fillRect(0, 0, width, height);
  for (let u = 0; u < p.n; u++) {
    const x = GAP + (u % cols) * (TILE + GAP), y = GAP + Math.floor(u / cols) * (TILE + GAP);
    drawPicture(ctx, pictureCanvas(px, u, [H, W], tones), x, y, TILE,
      { frame: p.classes ? classColour(p.classes[u]) : t.grid, lineWidth: p.classes ? 3 : 1 });
  }
  if (g.st.picked >= 0) {
    const u = g.st.picked, x = GAP + (u % cols) * (TILE + GAP), y = GAP + Math.floor(u / cols) * (TILE + GAP);
    ctx.strokeStyle = t.focus; ctx.lineWidth = 2.5;
    ctx.strokeRect(x - 5, y - 5, TILE + 10, TILE + 10);
  }
  return made.canvas;
}

function sayGallery(g, p) {
  const names = g.names, picked = g.st.picked;
  const present = p.classes ? [...new Set(p.classes)].sort((a, b) => a - b) : [];
  g.ui.key.replaceChildren(...(present.length ? [h("span", {}, `frame colour: the class each unit ${p.role}: `),
    ...present.map((c) => h("span", { style: "margin-right:10px;white-space:nowrap" },
      h("span", { style: `display:inline-block;width:10px;height:10px;border:3px solid ${classColour(c)};margin-right:3px;vertical-align:-2px` }), names[c]))] : []));
  let text = `${p.label}: ${p.n} units. `;
  if (picked >= 0) text += p.classes ? `Unit ${picked} ${p.role} ${names[p.classes[picked]]}.` : `Unit ${picked}.`;
  else text += "Pick a unit (click it, or arrow keys on the gallery) to hear its class.";
  g.ui.readout.say(text);
}

function drawGallery(g) {
  const p = g.panels[g.st.panel], ui = g.ui;
  const px = p && g.blocks[p.pictures];
  const [H, W] = p ? p.shape : [0, 0];
  if (!p || !px || px.length !== p.n * H * W) { showMessage(ui.message, "The pictures handed to this figure are incomplete."); return; }
  showMessage(ui.message, "");
  ui.buttons.set(g.st.panel);
  ui.title.textContent = p.title;
  attachGallery(g, paintGallery(g, p, px), p);
  sayGallery(g, p);
}

function renderGallery(el, model, life) {
  const g = galleryState(model);
  g.ui = galleryControls(g, el);
  drawGallery(g);
  return { redraw: () => drawGallery(g) };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "unit_gallery", label: "Figure F16: the hidden units of the two networks as pictures" },
      (root, life) => renderGallery(root, model, life));
  },
};
