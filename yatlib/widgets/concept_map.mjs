// Figure F21: the concept map. Every prototype is drawn as its picture at its place in a 2-D
// layout (PCA or UMAP), framed in the colour of its class. The reader picks a prototype with the
// pointer or the arrow keys (left to right across the map) and hears its class and its nearest
// neighbours on the map; zoom with the buttons or +, − and 0, centred on the picked prototype.

const CM = { width: 640, height: 560, m: { l: 50, r: 12, t: 12, b: 42 }, tile: 40, zoomStep: 1.5, maxZoom: 8 };

function renderConceptMap(el, model, life) {
  const [H, W] = model.get("image_shape");
  const px = decodeU8(model.get("pictures_b64"));
  const classes = model.get("classes"), names = model.get("class_names"), role = model.get("class_role");
  const layouts = model.get("layouts");
  const K = classes.length;
  const ok = px.length === K * H * W && layouts.every((l) => l.xy.length === K);
  const st = { layout: Math.min(layouts.length - 1, Math.max(0, model.get("layout"))), picked: -1, zoom: 1, cx: 0, cy: 0 };

  const message = h("div", { class: "yl-message" });
  const readout = liveRegion();
  const layoutButtons = buttonGroup("layout", layouts.map((l) => l.name), st.layout, (i) => {
    st.layout = i; model.set("layout", i); model.save_changes(); resetView(); draw();
  });
  const zoomIn = button("zoom in", () => zoomBy(CM.zoomStep), { label: "zoom in (key +)" });
  const zoomOut = button("zoom out", () => zoomBy(1 / CM.zoomStep), { label: "zoom out (key −)" });
  const reset = button("reset view", () => { resetView(); draw(); }, { label: "reset view (key 0)" });
  const { canvas, ctx } = sharpCanvas(CM.width, CM.height, { class: "cm-map" });
  const key = h("div", { class: "yl-caption cm-key" });
  const figure = h("div", {}, canvas, key);
  el.append(h("div", { class: "yl-controls" }, layoutButtons.root, h("span", { class: "yl-buttons" }, zoomIn, zoomOut, reset)),
    message, readout.root, figure, h("div", { class: "yl-toolbar" }, exportButton("concept-map", () => figure)));

  const xy = () => layouts[st.layout].xy;
  const plot = { x0: CM.m.l, y0: CM.m.t, w: CM.width - CM.m.l - CM.m.r, h: CM.height - CM.m.t - CM.m.b };
  function extent() {
    const p = xy();
    const xs = p.map((q) => q[0]), ys = p.map((q) => q[1]);
    return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
  }
  // data -> pixels, equal scale on both axes, centred on (cx, cy)
  function scale() {
    const e = extent(), sx = (e.x1 - e.x0) || 1, sy = (e.y1 - e.y0) || 1;
    return st.zoom * Math.min((plot.w - CM.tile - 8) / sx, (plot.h - CM.tile - 8) / sy);
  }
  const toPx = (x, y, s) => [plot.x0 + plot.w / 2 + (x - st.cx) * s, plot.y0 + plot.h / 2 - (y - st.cy) * s];
  function resetView() {
    const e = extent();
    st.zoom = 1; st.cx = (e.x0 + e.x1) / 2; st.cy = (e.y0 + e.y1) / 2;
  }
  function centreOnPicked() {
    if (st.picked < 0) return;
    if (st.zoom <= 1) { resetView(); return; }
    [st.cx, st.cy] = xy()[st.picked];
  }
  function zoomBy(f) {
    st.zoom = Math.min(CM.maxZoom, Math.max(1, st.zoom * f));
    if (st.zoom <= 1) resetView(); else centreOnPicked();
    draw();
  }
  // left-to-right order of the prototypes on the current layout (for the arrow keys)
  const order = () => Array.from({ length: K }, (_, u) => u).sort((a, b) => xy()[a][0] - xy()[b][0] || xy()[a][1] - xy()[b][1] || a - b);
  function neighbours(u, n = 2) {
    const p = xy();
    return Array.from({ length: K }, (_, v) => v).filter((v) => v !== u)
      .sort((a, b) => Math.hypot(p[a][0] - p[u][0], p[a][1] - p[u][1]) - Math.hypot(p[b][0] - p[u][0], p[b][1] - p[u][1]))
      .slice(0, n);
  }

  const pictures = [];
  let tonesFor = null;
  function picture(u) {
    const dark = isDark();
    if (tonesFor !== dark) { pictures.length = 0; tonesFor = dark; }
    if (!pictures[u]) pictures[u] = pictureCanvas(px, u, [H, W], pictureTones());
    return pictures[u];
  }

  function drawAxes(s) {
    const t = theme();
    ctx.save();
    ctx.strokeStyle = t.border; ctx.fillStyle = t.fg; ctx.lineWidth = 1; ctx.font = "11.5px system-ui, sans-serif";
    ctx.strokeRect(plot.x0, plot.y0, plot.w, plot.h);
    const [xa, ya] = [st.cx - plot.w / 2 / s, st.cy - plot.h / 2 / s], [xb, yb] = [st.cx + plot.w / 2 / s, st.cy + plot.h / 2 / s];
    ctx.textAlign = "center";
    for (const v of niceTicks(xa, xb, 6)) {
      const [x] = toPx(v, 0, s);
      ctx.beginPath(); ctx.moveTo(x, plot.y0 + plot.h); ctx.lineTo(x, plot.y0 + plot.h + 4); ctx.stroke();
      ctx.fillText(fmtTick(v), x, plot.y0 + plot.h + 16);
    }
    ctx.textAlign = "right";
    for (const v of niceTicks(ya, yb, 6)) {
      const [, y] = toPx(0, v, s);
      ctx.beginPath(); ctx.moveTo(plot.x0 - 4, y); ctx.lineTo(plot.x0, y); ctx.stroke();
      ctx.fillText(fmtTick(v), plot.x0 - 6, y + 4);
    }
    ctx.textAlign = "center"; ctx.font = "12.5px system-ui, sans-serif";
    const name = layouts[st.layout].name;
    ctx.fillText(`${name} 1`, plot.x0 + plot.w / 2, CM.height - 6);
    ctx.translate(13, plot.y0 + plot.h / 2); ctx.rotate(-Math.PI / 2); ctx.fillText(`${name} 2`, 0, 0);
    ctx.restore();
  }

  function draw() {
    if (!ok || !layouts.length) { showMessage(message, "The prototypes or their layouts handed to this figure do not fit; nothing to show."); return; }
    showMessage(message, "");
    layoutButtons.set(st.layout);
    const e0 = extent();
    reset.disabled = st.zoom <= 1 && st.cx === (e0.x0 + e0.x1) / 2 && st.cy === (e0.y0 + e0.y1) / 2;  // nothing to reset
    const t = theme(), s = scale(), T = CM.tile;
    ctx.clearRect(0, 0, CM.width, CM.height);
    ctx.fillStyle = t.bg; ctx.fillRect(0, 0, CM.width, CM.height);
    drawAxes(s);
    ctx.save();
    ctx.beginPath(); ctx.rect(plot.x0 + 1, plot.y0 + 1, plot.w - 2, plot.h - 2); ctx.clip();
    const p = xy();
    for (let u = 0; u < K; u++) {
      if (u === st.picked) continue;
      const [x, y] = toPx(p[u][0], p[u][1], s);
      drawPicture(ctx, picture(u), x - T / 2, y - T / 2, T, { frame: classColour(classes[u]), lineWidth: 3 });
    }
    if (st.picked >= 0) {
      const u = st.picked, [x, y] = toPx(p[u][0], p[u][1], s);
      drawPicture(ctx, picture(u), x - T * 0.6, y - T * 0.6, 1.2 * T, { frame: classColour(classes[u]), lineWidth: 4 });
      ctx.strokeStyle = t.focus; ctx.lineWidth = 2.5;
      ctx.strokeRect(x - T * 0.6 - 6, y - T * 0.6 - 6, 1.2 * T + 12, 1.2 * T + 12);
    }
    ctx.restore();
    const present = [...new Set(classes)].sort((a, b) => a - b);
    key.replaceChildren(h("span", {}, `frame colour: the class each prototype ${role}: `),
      ...present.map((c) => h("span", { style: "margin-right:10px;white-space:nowrap" },
        h("span", { style: `display:inline-block;width:10px;height:10px;border:3px solid ${classColour(c)};margin-right:3px;vertical-align:-2px` }), names[c])));
    const name = layouts[st.layout].name, zoom = st.zoom > 1 ? `zoomed ${Number(st.zoom.toPrecision(3))}×` : "whole map";
    let text = `${name} layout, ${zoom}. `;
    if (st.picked >= 0) {
      const u = st.picked;
      text += `Unit ${u} ${role} ${names[classes[u]]}; its nearest neighbours on this map: `
        + neighbours(u).map((v) => `unit ${v} (${names[classes[v]]})`).join(" and ") + ".";
    } else {
      text += "Pick a prototype (click it, or arrow keys on the map) to hear its class.";
    }
    readout.say(text);
    describe(canvas, `The ${K} prototypes as pictures at their places in the ${name} layout, each framed in the colour of the `
      + `class it ${role}. Arrow keys step through them from left to right; +, − and 0 zoom.`);
  }

  pickByKeys(canvas, {
    label: "the concept map: pick a prototype",
    count: K,
    get: () => (st.picked < 0 ? -1 : order().indexOf(st.picked)),
    set: (i) => { st.picked = order()[i]; centreOnPicked(); draw(); },
  });
  canvas.addEventListener("keydown", (e) => {
    const f = { "+": CM.zoomStep, "=": CM.zoomStep, "-": 1 / CM.zoomStep, "−": 1 / CM.zoomStep, "_": 1 / CM.zoomStep }[e.key];
    if (f) { e.preventDefault(); zoomBy(f); }
    else if (e.key === "0") { e.preventDefault(); resetView(); draw(); }
  });
  // pointer: click picks the picture under it, drag pans a zoomed map, double-click resets the view
  let drag = null;
  const local = (e) => { const b = canvas.getBoundingClientRect(); return [(e.clientX - b.left) * CM.width / b.width, (e.clientY - b.top) * CM.height / b.height]; };
  canvas.addEventListener("pointerdown", (e) => { drag = { at: local(e), cx: st.cx, cy: st.cy, moved: false }; });
  canvas.addEventListener("pointermove", (e) => {
    if (!drag || st.zoom <= 1) return;
    const [x, y] = local(e), s = scale();
    if (Math.hypot(x - drag.at[0], y - drag.at[1]) > 3) drag.moved = true;
    if (!drag.moved) return;
    st.cx = drag.cx - (x - drag.at[0]) / s; st.cy = drag.cy + (y - drag.at[1]) / s;
    draw();
  });
  canvas.addEventListener("pointerup", (e) => {
    const d = drag; drag = null;
    if (!d || d.moved) return;
    const [mx, my] = local(e), s = scale(), p = xy(), T = CM.tile;
    const hits = Array.from({ length: K }, (_, u) => u).filter((u) => {
      const [x, y] = toPx(p[u][0], p[u][1], s);
      return Math.abs(mx - x) <= T / 2 + 2 && Math.abs(my - y) <= T / 2 + 2;
    });
    if (!hits.length) return;
    const [x0, y0] = [mx, my];
    st.picked = hits.includes(st.picked) && hits.length === 1 ? st.picked : hits.sort((a, b) => {
      const [ax, ay] = toPx(p[a][0], p[a][1], s), [bx, by] = toPx(p[b][0], p[b][1], s);
      return Math.hypot(ax - x0, ay - y0) - Math.hypot(bx - x0, by - y0);
    })[0];
    draw();
  });
  canvas.addEventListener("dblclick", () => { resetView(); draw(); });

  resetView();
  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "concept_map", label: "Figure F21: the concept map of the prototypes" }, (root, life) => renderConceptMap(root, model, life));
  },
};
