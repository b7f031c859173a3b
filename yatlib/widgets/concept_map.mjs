// Figure F21: the concept map. Every prototype is drawn as its picture at its place in a 2-D
// layout (PCA or UMAP), framed in the colour of its class. The reader picks a prototype with the
// pointer or the arrow keys (left to right across the map) and hears its class and its nearest
// neighbours on the map; zoom with the buttons or +, − and 0, centred on the picked prototype.

const CM = { width: 640, height: 560, m: { l: 50, r: 12, t: 12, b: 42 }, tile: 40, zoomStep: 1.5, maxZoom: 8 };

const CM_PLOT = { x0: CM.m.l, y0: CM.m.t, w: CM.width - CM.m.l - CM.m.r, h: CM.height - CM.m.t - CM.m.b };

// ---- state ----------------------------------------------------------------------

function conceptState(model) {
  const [H, W] = model.get("image_shape");
  const px = decodeU8(model.get("pictures_b64"));
  const classes = model.get("classes"), layouts = model.get("layouts");
  const K = classes.length;
  return { model, H, W, px, classes, names: model.get("class_names"), role: model.get("class_role"), layouts, K,
    ok: px.length === K * H * W && layouts.every((l) => l.xy.length === K),
    st: { layout: Math.min(layouts.length - 1, Math.max(0, model.get("layout"))), picked: -1, zoom: 1, cx: 0, cy: 0 },
    pictures: [], tonesFor: null };
}

const mapXY = (m) => m.layouts[m.st.layout].xy;

function mapExtent(m) {
  const p = mapXY(m);
  const xs = p.map((q) => q[0]), ys = p.map((q) => q[1]);
  return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}

/** Pixels per data unit: equal scale on both axes. */
function mapScale(m) {
  const e = mapExtent(m), sx = (e.x1 - e.x0) || 1, sy = (e.y1 - e.y0) || 1;
  return m.st.zoom * Math.min((CM_PLOT.w - CM.tile - 8) / sx, (CM_PLOT.h - CM.tile - 8) / sy);
}

/** data -> pixels, centred on (cx, cy) */
const mapPx = (m, x, y, s) => [CM_PLOT.x0 + CM_PLOT.w / 2 + (x - m.st.cx) * s, CM_PLOT.y0 + CM_PLOT.h / 2 - (y - m.st.cy) * s];

function resetView(m) {
  const e = mapExtent(m);
  m.st.zoom = 1; m.st.cx = (e.x0 + e.x1) / 2; m.st.cy = (e.y0 + e.y1) / 2;
}

function centreOnPicked(m) {
  if (m.st.picked < 0) return;
  if (m.st.zoom <= 1) { resetView(m); return; }
  [m.st.cx, m.st.cy] = mapXY(m)[m.st.picked];
}

function zoomBy(m, f) {
  m.st.zoom = Math.min(CM.maxZoom, Math.max(1, m.st.zoom * f));
  if (m.st.zoom <= 1) resetView(m); else centreOnPicked(m);
  drawMap(m);
}

/** left-to-right order of the prototypes on the current layout (for the arrow keys) */
const leftToRight = (m) => { const p = mapXY(m); return Array.from({ length: m.K }, (_, u) => u).sort((a, b) => p[a][0] - p[b][0] || p[a][1] - p[b][1] || a - b); };

function neighbours(m, u, n = 2) {
  const p = mapXY(m);
  return Array.from({ length: m.K }, (_, v) => v).filter((v) => v !== u)
    .sort((a, b) => Math.hypot(p[a][0] - p[u][0], p[a][1] - p[u][1]) - Math.hypot(p[b][0] - p[u][0], p[b][1] - p[u][1]))
    .slice(0, n);
}

/** The picture of prototype u in the theme's tones (made again when the theme changes). */
function mapPicture(m, u) {
  const dark = isDark();
  if (m.tonesFor !== dark) { m.pictures.length = 0; m.tonesFor = dark; }
  if (!m.pictures[u]) m.pictures[u] = pictureCanvas(m.px, u, [m.H, m.W], pictureTones());
  return m.pictures[u];
}

// ---- controls -------------------------------------------------------------------

function conceptControls(m, el) {
  const st = m.st;
  const message = h("div", { class: "yl-message" });
  const readout = liveRegion();
  const layoutButtons = buttonGroup("layout", m.layouts.map((l) => l.name), st.layout, (i) => {
    st.layout = i; m.model.set("layout", i); m.model.save_changes(); resetView(m); drawMap(m);
  });
  const zoomIn = button("zoom in", () => zoomBy(m, CM.zoomStep), { label: "zoom in (key +)" });
  const zoomOut = button("zoom out", () => zoomBy(m, 1 / CM.zoomStep), { label: "zoom out (key −)" });
  const reset = button("reset view", () => { resetView(m); drawMap(m); }, { label: "reset view (key 0)" });
  const { canvas, ctx } = sharpCanvas(CM.width, CM.height, { class: "cm-map" });
  const key = h("div", { class: "yl-caption cm-key" });
  const figure = h("div", {}, canvas, key);
  el.append(h("div", { class: "yl-controls" }, layoutButtons.root, h("span", { class: "yl-buttons" }, zoomIn, zoomOut, reset)),
    message, readout.root, figure, h("div", { class: "yl-toolbar" }, exportButton("concept-map", () => figure)));
  return { message, readout, layoutButtons, reset, canvas, ctx, key };
}

/** Arrow keys pick (left to right), +, − and 0 zoom. */
function bindMapKeys(m) {
  const { canvas } = m.ui, st = m.st;
  pickByKeys(canvas, {
    label: "the concept map: pick a prototype",
    count: m.K,
    get: () => (st.picked < 0 ? -1 : leftToRight(m).indexOf(st.picked)),
    set: (i) => { st.picked = leftToRight(m)[i]; centreOnPicked(m); drawMap(m); },
  });
  canvas.addEventListener("keydown", (e) => {
    const f = { "+": CM.zoomStep, "=": CM.zoomStep, "-": 1 / CM.zoomStep, "−": 1 / CM.zoomStep, "_": 1 / CM.zoomStep }[e.key];
    if (f) { e.preventDefault(); zoomBy(m, f); }
    else if (e.key === "0") { e.preventDefault(); resetView(m); drawMap(m); }
  });
}

/** The prototype whose picture is under the pointer at (mx, my), the picked one first, else the nearest; -1 for none. */
function pictureAt(m, mx, my) {
  const s = mapScale(m), p = mapXY(m), T = CM.tile;
  const hits = Array.from({ length: m.K }, (_, u) => u).filter((u) => {
    const [x, y] = mapPx(m, p[u][0], p[u][1], s);
    return Math.abs(mx - x) <= T / 2 + 2 && Math.abs(my - y) <= T / 2 + 2;
  });
  if (!hits.length) return -1;
  return hits.includes(m.st.picked) && hits.length === 1 ? m.st.picked : hits.sort((a, b) => {
    const [ax, ay] = mapPx(m, p[a][0], p[a][1], s), [bx, by] = mapPx(m, p[b][0], p[b][1], s);
    return Math.hypot(ax - mx, ay - my) - Math.hypot(bx - mx, by - my);
  })[0];
}

/** Pointer: click picks the picture under it, drag pans a zoomed map, double-click resets the view. */
function bindMapPointer(m) {
  const { canvas } = m.ui, st = m.st;
  let drag = null;
  const local = (e) => { const b = canvas.getBoundingClientRect(); return [(e.clientX - b.left) * CM.width / b.width, (e.clientY - b.top) * CM.height / b.height]; };
  canvas.addEventListener("pointerdown", (e) => { drag = { at: local(e), cx: st.cx, cy: st.cy, moved: false }; });
  canvas.addEventListener("pointermove", (e) => {
    if (!drag || st.zoom <= 1) return;
    const [x, y] = local(e), s = mapScale(m);
    if (Math.hypot(x - drag.at[0], y - drag.at[1]) > 3) drag.moved = true;
    if (!drag.moved) return;
    st.cx = drag.cx - (x - drag.at[0]) / s; st.cy = drag.cy + (y - drag.at[1]) / s;
    drawMap(m);
  });
  canvas.addEventListener("pointerup", (e) => {
    const d = drag; drag = null;
    if (!d || d.moved) return;
    const [mx, my] = local(e), u = pictureAt(m, mx, my);
    if (u < 0) return;
    st.picked = u;
    drawMap(m);
  });
  canvas.addEventListener("dblclick", () => { resetView(m); drawMap(m); });
}

// ---- drawing --------------------------------------------------------------------

function drawMapAxes(m, s) {
  const t = theme(), ctx = m.ui.ctx, plot = CM_PLOT, st = m.st;
  ctx.save();
  ctx.strokeStyle = t.border; ctx.fillStyle = t.fg; ctx.lineWidth = 1; ctx.font = "11.5px system-ui, sans-serif";
  ctx.strokeRect(plot.x0, plot.y0, plot.w, plot.h);
  const [xa, ya] = [st.cx - plot.w / 2 / s, st.cy - plot.h / 2 / s], [xb, yb] = [st.cx + plot.w / 2 / s, st.cy + plot.h / 2 / s];
  ctx.textAlign = "center";
  for (const v of niceTicks(xa, xb, 6)) {
    const [x] = mapPx(m, v, 0, s);
    ctx.beginPath(); ctx.moveTo(x, plot.y0 + plot.h); ctx.lineTo(x, plot.y0 + plot.h + 4); ctx.stroke();
    ctx.fillText(fmtTick(v), x, plot.y0 + plot.h + 16);
  }
  ctx.textAlign = "right";
  for (const v of niceTicks(ya, yb, 6)) {
    const [, y] = mapPx(m, 0, v, s);
    ctx.beginPath(); ctx.moveTo(plot.x0 - 4, y); ctx.lineTo(plot.x0, y); ctx.stroke();
    ctx.fillText(fmtTick(v), plot.x0 - 6, y + 4);
  }
  ctx.textAlign = "center"; ctx.font = "12.5px system-ui, sans-serif";
  const name = m.layouts[st.layout].name;
  ctx.fillText(`${name} 1`, plot.x0 + plot.w / 2, CM.height - 6);
  ctx.translate(13, plot.y0 + plot.h / 2); ctx.rotate(-Math.PI / 2); ctx.fillText(`${name} 2`, 0, 0);
  ctx.restore();
}

/** Every prototype's picture at its place, the picked one larger, on top and ringed. */
function drawMapPictures(m, s, t) {
  const ctx = m.ui.ctx, plot = CM_PLOT, T = CM.tile, p = mapXY(m), picked = m.st.picked;
  ctx.save();
  ctx.beginPath(); ctx.rect(plot.x0 + 1, plot.y0 + 1, plot.w - 2, plot.h - 2); ctx.clip();
  for (let u = 0; u < m.K; u++) {
    if (u === picked) continue;
    const [x, y] = mapPx(m, p[u][0], p[u][1], s);
    drawPicture(ctx, mapPicture(m, u), x - T / 2, y - T / 2, T, { frame: classColour(m.classes[u]), lineWidth: 3 });
  }
  if (picked >= 0) {
    const u = picked, [x, y] = mapPx(m, p[u][0], p[u][1], s);
    drawPicture(ctx, mapPicture(m, u), x - T * 0.6, y - T * 0.6, 1.2 * T, { frame: classColour(m.classes[u]), lineWidth: 4 });
    ctx.strokeStyle = t.focus; ctx.lineWidth = 2.5;
    ctx.strokeRect(x - T * 0.6 - 6, y - T * 0.6 - 6, 1.2 * T + 12, 1.2 * T + 12);
  }
  ctx.restore();
}

/** The colour key, the read-out and the map's text alternative. */
function sayMap(m) {
  const { classes, names, role, K, st } = m, ui = m.ui;
  const present = [...new Set(classes)].sort((a, b) => a - b);
  ui.key.replaceChildren(h("span", {}, `frame colour: the class each prototype ${role}: `),
    ...present.map((c) => h("span", { style: "margin-right:10px;white-space:nowrap" },
      h("span", { style: `display:inline-block;width:10px;height:10px;border:3px solid ${classColour(c)};margin-right:3px;vertical-align:-2px` }), names[c])));
  const name = m.layouts[st.layout].name, zoom = st.zoom > 1 ? `zoomed ${Number(st.zoom.toPrecision(3))}×` : "whole map";
  let text = `${name} layout, ${zoom}. `;
  if (st.picked >= 0) {
    const u = st.picked;
    text += `Unit ${u} ${role} ${names[classes[u]]}; its nearest neighbours on this map: `
      + neighbours(m, u).map((v) => `unit ${v} (${names[classes[v]]})`).join(" and ") + ".";
  } else {
    text += "Pick a prototype (click it, or arrow keys on the map) to hear its class.";
  }
  ui.readout.say(text);
  describe(ui.canvas, `The ${K} prototypes as pictures at their places in the ${name} layout, each framed in the colour of the `
    + `class it ${role}. Arrow keys step through them from left to right; +, − and 0 zoom.`);
}

function drawMap(m) {
  const ui = m.ui, st = m.st;
  if (!m.ok || !m.layouts.length) { showMessage(ui.message, "The prototypes or their layouts handed to this figure do not fit; nothing to show."); return; }
  showMessage(ui.message, "");
  ui.layoutButtons.set(st.layout);
  const e0 = mapExtent(m);
  ui.reset.disabled = st.zoom <= 1 && st.cx === (e0.x0 + e0.x1) / 2 && st.cy === (e0.y0 + e0.y1) / 2;  // nothing to reset
  const t = theme(), s = mapScale(m), ctx = ui.ctx;
  ctx.clearRect(0, 0, CM.width, CM.height);
  ctx.fillStyle = t.bg; ctx.fillRect(0, 0, CM.width, CM.height);
  drawMapAxes(m, s);
  drawMapPictures(m, s, t);
  sayMap(m);
}

function renderConceptMap(el, model, life) {
  const m = conceptState(model);
  m.ui = conceptControls(m, el);
  bindMapKeys(m);
  bindMapPointer(m);
  resetView(m);
  drawMap(m);
  return { redraw: () => drawMap(m) };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "concept_map", label: "Figure F21: the concept map of the prototypes" }, (root, life) => renderConceptMap(root, model, life));
  },
};
