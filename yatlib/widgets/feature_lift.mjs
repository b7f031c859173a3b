// Figure F10: the kernel trick, made spatial. Points rise to t·s(x)/max|s| above the flat plane
// z = 0, riding on the score sheet; the conic s(x) = 0 lies on the floor. A small 3-D view on a
// canvas (orthographic, painter's order), turned by dragging or with the arrow keys.
// Bundled after dom.js, canvas.js, plane.js.

const LIFT_VIEW = { az: -135, el: 30 };

const FL_W = 600, FL_H = 460;

// ---- state ----------------------------------------------------------------------

function liftState(model) {
  const views = model.get("views"), lim = model.get("lim"), floor = model.get("floor");
  // world (x, y, z) -> normalised box: x, y in [-1, 1], z scaled so the box is 0.7 as tall as wide
  const zTop = 1.25, zBot = floor - 0.05;
  return { model, views, lim, floor, zTop, zs: 1.4 / (zTop - zBot), zc: (zTop + zBot) / 2,
    st: { k: Math.max(0, Math.min(views.length - 1, model.get("dataset"))), t: model.get("lift"), ...LIFT_VIEW } };
}

function turn(g, az, el2) {
  g.st.az = ((az % 360) + 540) % 360 - 180;
  g.st.el = Math.max(5, Math.min(90, el2));
  g.draw();
}

/** A world point (x, y, z) on the canvas: [px, py, depth]. */
function project(g, x, y, z) {
  const a = g.st.az * Math.PI / 180, e = g.st.el * Math.PI / 180;
  const X = x / g.lim, Y = y / g.lim, Z = (z - g.zc) * g.zs;
  const x1 = X * Math.cos(a) - Y * Math.sin(a), y1 = X * Math.sin(a) + Y * Math.cos(a);
  const s = 0.3 * Math.min(FL_W, FL_H);
  return [FL_W / 2 + s * x1, FL_H / 2 - s * (y1 * Math.sin(e) + Z * Math.cos(e)), -y1 * Math.cos(e) + Z * Math.sin(e)];
}

// ---- controls -------------------------------------------------------------------

function liftControls(g) {
  const st = g.st;
  const canvas = h("canvas", { width: FL_W, height: FL_H, class: "fl-view", style: "touch-action:none;cursor:grab;max-width:100%" });
  const dsButtons = buttonGroup("data set", g.views.map((v) => v.name), st.k, (i) => { st.k = i; g.draw(); });
  const lift = labelledSlider("lift amount", { min: 0, max: 1, step: 0.05, value: st.t, format: (v) => Number(v).toFixed(2),
    onInput: (v) => { st.t = v; g.draw(); } });
  const box = h("div", { class: "fl-box" }, canvas);
  keyboardDrag(box, { label: "3-D view; arrow keys turn it", get: () => [st.az, st.el], set: ([a, e]) => turn(g, a, e), step: 5 });
  let drag = null;
  canvas.addEventListener("pointerdown", (ev) => { drag = [ev.clientX, ev.clientY, st.az, st.el]; try { canvas.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic */ } });
  canvas.addEventListener("pointermove", (ev) => { if (drag) turn(g, drag[2] + 0.4 * (ev.clientX - drag[0]), drag[3] + 0.4 * (ev.clientY - drag[1])); });
  const end = () => { drag = null; };
  canvas.addEventListener("pointerup", end); canvas.addEventListener("pointercancel", end);
  return { canvas, ctx: canvas.getContext("2d"), readout: liveRegion("yl-status fl-readout"), dsButtons, lift, box };
}

// ---- drawing --------------------------------------------------------------------

/** Painter's order for a view from above: what lies below the flat plane z = 0, then the plane
 *  (translucent), then what lies above it; each group sorted far to near. Returns {below, plane, above}. */
function liftPrimitives(g, v, tt, t) {
  const ctx = g.ui.ctx, lim = g.lim, floor = g.floor, P = (...q) => project(g, ...q);
  const below = [], above = [];
  const add = (z, prim) => (z < 0 ? below : above).push(prim);
  const quadPrim = (pts, fill) => {
    const p = pts.map((q) => P(...q));
    return { d: p.reduce((s, q) => s + q[2], 0) / p.length, paint() {
      ctx.beginPath(); p.forEach((q, i) => (i ? ctx.lineTo(q[0], q[1]) : ctx.moveTo(q[0], q[1]))); ctx.closePath();
      ctx.fillStyle = fill; ctx.fill();
    } };
  };
  const segment = (a, b, colour, width) => {
    const p = P(...a), q = P(...b);
    add((a[2] + b[2]) / 2, { d: (p[2] + q[2]) / 2 + 1e-3, paint() { ctx.strokeStyle = colour; ctx.lineWidth = width; ctx.beginPath(); ctx.moveTo(p[0], p[1]); ctx.lineTo(q[0], q[1]); ctx.stroke(); } });
  };
  const plane = quadPrim([[-lim, -lim, 0], [lim, -lim, 0], [lim, lim, 0], [-lim, lim, 0]], rgbCss(hexRgb(t.muted), 0.22));
  // the score sheet, at the current lift
  const grid = v.grid, n = grid.length;
  for (let r = 0; r + 1 < n; r++) for (let c = 0; c + 1 < n; c++) {
    const z = (rr, cc) => tt * v.sheet[rr * n + cc];
    const mean = (z(r, c) + z(r, c + 1) + z(r + 1, c) + z(r + 1, c + 1)) / 4;
    add(mean, quadPrim([[grid[c], grid[r], z(r, c)], [grid[c + 1], grid[r], z(r, c + 1)], [grid[c + 1], grid[r + 1], z(r + 1, c + 1)], [grid[c], grid[r + 1], z(r + 1, c)]],
      rgbCss(signedMap(tt > 0 ? mean / tt : 0), 0.35)));
  }
  // the conic on the floor, and where the flat plane cuts the sheet
  for (const line of v.conic) for (let i = 0; i + 1 < line.length; i++) {
    segment([line[i][0], line[i][1], floor], [line[i + 1][0], line[i + 1][1], floor], t.fg, 2.5);
    if (tt > 0) segment([line[i][0], line[i][1], 0], [line[i + 1][0], line[i + 1][1], 0], t.fg, 1.2);
  }
  // the points
  v.X.forEach((p, i) => {
    const zp = tt * v.height[i], q = P(p[0], p[1], zp);
    add(zp, { d: q[2] + 2e-3, paint() { ctx.beginPath(); ctx.arc(q[0], q[1], 3, 0, 2 * Math.PI); ctx.fillStyle = classColour(v.y[i]); ctx.fill();
      ctx.strokeStyle = t.bg; ctx.lineWidth = 0.6; ctx.stroke(); } });
  });
  below.sort((p, q) => p.d - q.d); above.sort((p, q) => p.d - q.d);
  return [...below, plane, ...above];
}

/** The floor's frame and the vertical axis at the leftmost corner, behind everything; returns that corner. */
function drawLiftBox(g, t) {
  const ctx = g.ui.ctx, lim = g.lim, c4 = [[-lim, -lim], [lim, -lim], [lim, lim], [-lim, lim]];
  ctx.strokeStyle = t.border; ctx.lineWidth = 1; ctx.beginPath();
  c4.forEach(([x, y], i) => { const p = project(g, x, y, g.floor); if (i) ctx.lineTo(p[0], p[1]); else ctx.moveTo(p[0], p[1]); });
  ctx.closePath(); ctx.stroke();
  const corner = c4.reduce((best, q) => (project(g, q[0], q[1], 0)[0] < project(g, best[0], best[1], 0)[0] ? q : best));   // the leftmost corner
  const zb = project(g, corner[0], corner[1], g.floor), zt = project(g, corner[0], corner[1], g.zTop);
  ctx.beginPath(); ctx.moveTo(zb[0], zb[1]); ctx.lineTo(zt[0], zt[1]); ctx.stroke();
  return corner;
}

/** Axis labels on top, with a halo in the background colour, and the title. Returns the title. */
function drawLiftLabels(g, v, t, corner) {
  const ctx = g.ui.ctx, lim = g.lim, zt = project(g, corner[0], corner[1], g.zTop);
  const label = (text, x, y, align) => {
    ctx.textAlign = align; ctx.lineWidth = 3; ctx.strokeStyle = t.bg; ctx.strokeText(text, x, y); ctx.fillStyle = t.fg; ctx.fillText(text, x, y);
  };
  ctx.font = "11px system-ui, sans-serif";
  for (const zv of [-1, 0, 1]) { const p = project(g, corner[0], corner[1], zv); label(String(zv), p[0] - 4, p[1] + 4, "right"); }
  label("lift × quadratic score", zt[0], zt[1] - 8, "center");
  const xl = project(g, 0, -lim * 1.15, g.floor), yl = project(g, lim * 1.15, 0, g.floor);
  label("x₁", xl[0], xl[1], "center"); label("x₂", yl[0], yl[1], "center");
  const title = `${v.name}: the plane in feature space classifies ${fmtPct(v.accuracy)} of the points`;
  ctx.fillStyle = t.fg; ctx.font = "bold 13px system-ui, sans-serif"; ctx.textAlign = "left";
  ctx.fillText(title, 8, 18);
  return title;
}

function sayLift(g, v, tt, title) {
  let up1 = 0, n1 = 0, down0 = 0, n0 = 0;
  v.y.forEach((c, i) => { if (c) { n1++; if (v.height[i] > 0) up1++; } else { n0++; if (v.height[i] < 0) down0++; } });
  const where = tt > 0
    ? `Lift ${tt.toFixed(2)}: ${up1} of ${n1} class-1 points rise above the flat plane, ${down0} of ${n0} class-0 points sink below it.`
    : "Lift 0: every point lies on the flat plane z = 0.";
  g.ui.readout.say(`${title}. ${where} View from azimuth ${Math.round(g.st.az)}°, elevation ${Math.round(g.st.el)}°.`);
  describe(g.ui.box, `3-D view of the ${v.name} data (${v.y.length} points, class 0 blue, class 1 orange) over the square from −${g.lim} to ${g.lim}: `
    + `the flat plane z = 0, the translucent score sheet at lift ${tt.toFixed(2)}, and the curve s(x) = 0 on the floor. ${where} Arrow keys turn the view (Shift: faster).`);
}

function drawLift(g) {
  const t = theme(), st = g.st, ui = g.ui, v = g.views[st.k], tt = Number(st.t);
  ui.dsButtons.set(st.k); ui.lift.set(tt);
  if (!(tt >= 0 && tt <= 1)) { showMessage(ui.msg, "The lift amount must be between 0 and 1."); return; }
  showMessage(ui.msg, "");
  const prims = liftPrimitives(g, v, tt, t);
  ui.ctx.clearRect(0, 0, FL_W, FL_H);
  const corner = drawLiftBox(g, t);
  for (const p of prims) p.paint();
  const title = drawLiftLabels(g, v, t, corner);
  sayLift(g, v, tt, title);
  g.model.set("dataset", st.k); g.model.set("lift", tt); g.model.save_changes();
}

function renderFigure(el, model, life) {
  const msg = planeRoot(el);
  const g = liftState(model);
  g.ui = { msg, ...liftControls(g) };
  g.draw = timedDraw(el, () => drawLift(g));
  const ui = g.ui, figure = h("div", {}, ui.box);
  el.append(h("div", { class: "yl-controls" }, ui.dsButtons.root, ui.lift.root, button("reset the view", () => turn(g, LIFT_VIEW.az, LIFT_VIEW.el))),
    figure, msg, ui.readout.root,
    h("div", { class: "yl-caption" }, "Drag the picture, or focus it and use the arrow keys, to turn the view."),
    h("div", { class: "yl-toolbar" }, exportButton("feature-lift", () => figure)));
  g.draw();
  return { redraw: g.draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "feature_lift", label: "Figure F10: the kernel trick, made spatial" }, (root, life) => renderFigure(root, model, life));
  },
};
