// Figure F10: the kernel trick, made spatial. Points rise to t·s(x)/max|s| above the flat plane
// z = 0, riding on the score sheet; the conic s(x) = 0 lies on the floor. A small 3-D view on a
// canvas (orthographic, painter's order), turned by dragging or with the arrow keys.
// Bundled after dom.js, canvas.js, plane.js.

const LIFT_VIEW = { az: -135, el: 30 };

function renderFigure(el, model, life) {
  const msg = planeRoot(el);
  const views = model.get("views"), lim = model.get("lim"), floor = model.get("floor");
  const st = { k: Math.max(0, Math.min(views.length - 1, model.get("dataset"))), t: model.get("lift"), ...LIFT_VIEW };
  const Wd = 600, Ht = 460;
  const canvas = h("canvas", { width: Wd, height: Ht, class: "fl-view", style: "touch-action:none;cursor:grab;max-width:100%" });
  const ctx = canvas.getContext("2d");
  const readout = liveRegion("yl-status fl-readout");
  const dsButtons = buttonGroup("data set", views.map((v) => v.name), st.k, (i) => { st.k = i; draw(); });
  const lift = labelledSlider("lift amount", { min: 0, max: 1, step: 0.05, value: st.t, format: (v) => Number(v).toFixed(2),
    onInput: (v) => { st.t = v; draw(); } });
  const box = h("div", { class: "fl-box" }, canvas);
  keyboardDrag(box, { label: "3-D view; arrow keys turn it", get: () => [st.az, st.el], set: ([a, e]) => turn(a, e), step: 5 });

  function turn(az, el2) {
    st.az = ((az % 360) + 540) % 360 - 180;
    st.el = Math.max(5, Math.min(90, el2));
    draw();
  }
  let drag = null;
  canvas.addEventListener("pointerdown", (ev) => { drag = [ev.clientX, ev.clientY, st.az, st.el]; try { canvas.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic */ } });
  canvas.addEventListener("pointermove", (ev) => { if (drag) turn(drag[2] + 0.4 * (ev.clientX - drag[0]), drag[3] + 0.4 * (ev.clientY - drag[1])); });
  const end = () => { drag = null; };
  canvas.addEventListener("pointerup", end); canvas.addEventListener("pointercancel", end);

  // world (x, y, z) -> normalised box: x, y in [-1, 1], z scaled so the box is 0.7 as tall as wide
  const zTop = 1.25, zBot = floor - 0.05, zs = 1.4 / (zTop - zBot), zc = (zTop + zBot) / 2;
  function project(x, y, z) {
    const a = st.az * Math.PI / 180, e = st.el * Math.PI / 180;
    const X = x / lim, Y = y / lim, Z = (z - zc) * zs;
    const x1 = X * Math.cos(a) - Y * Math.sin(a), y1 = X * Math.sin(a) + Y * Math.cos(a);
    const s = 0.3 * Math.min(Wd, Ht);
    return [Wd / 2 + s * x1, Ht / 2 - s * (y1 * Math.sin(e) + Z * Math.cos(e)), -y1 * Math.cos(e) + Z * Math.sin(e)];
  }

  const draw = timedDraw(el, () => {
    const t = theme(), v = views[st.k], tt = Number(st.t);
    dsButtons.set(st.k); lift.set(tt);
    if (!(tt >= 0 && tt <= 1)) { showMessage(msg, "The lift amount must be between 0 and 1."); return; }
    showMessage(msg, "");
    // painter's order for a view from above: what lies below the flat plane z = 0, then the plane
    // (translucent), then what lies above it; each group sorted far to near
    const below = [], above = [];
    const add = (z, prim) => (z < 0 ? below : above).push(prim);
    const quadPrim = (pts, fill) => {
      const p = pts.map((q) => project(...q));
      return { d: p.reduce((s, q) => s + q[2], 0) / p.length, paint() {
        ctx.beginPath(); p.forEach((q, i) => (i ? ctx.lineTo(q[0], q[1]) : ctx.moveTo(q[0], q[1]))); ctx.closePath();
        ctx.fillStyle = fill; ctx.fill();
      } };
    };
    const segment = (a, b, colour, width) => {
      const p = project(...a), q = project(...b);
      add((a[2] + b[2]) / 2, { d: (p[2] + q[2]) / 2 + 1e-3, paint() { ctx.strokeStyle = colour; ctx.lineWidth = width; ctx.beginPath(); ctx.moveTo(p[0], p[1]); ctx.lineTo(q[0], q[1]); ctx.stroke(); } });
    };
    const plane = quadPrim([[-lim, -lim, 0], [lim, -lim, 0], [lim, lim, 0], [-lim, lim, 0]], rgbCss(hexRgb(t.muted), 0.22));
    // the score sheet, at the current lift
    const g = v.grid, n = g.length;
    for (let r = 0; r + 1 < n; r++) for (let c = 0; c + 1 < n; c++) {
      const z = (rr, cc) => tt * v.sheet[rr * n + cc];
      const mean = (z(r, c) + z(r, c + 1) + z(r + 1, c) + z(r + 1, c + 1)) / 4;
      add(mean, quadPrim([[g[c], g[r], z(r, c)], [g[c + 1], g[r], z(r, c + 1)], [g[c + 1], g[r + 1], z(r + 1, c + 1)], [g[c], g[r + 1], z(r + 1, c)]],
        rgbCss(signedMap(tt > 0 ? mean / tt : 0), 0.35)));
    }
    // the conic on the floor, and where the flat plane cuts the sheet
    for (const line of v.conic) for (let i = 0; i + 1 < line.length; i++) {
      segment([line[i][0], line[i][1], floor], [line[i + 1][0], line[i + 1][1], floor], t.fg, 2.5);
      if (tt > 0) segment([line[i][0], line[i][1], 0], [line[i + 1][0], line[i + 1][1], 0], t.fg, 1.2);
    }
    // the points
    v.X.forEach((p, i) => {
      const zp = tt * v.height[i], q = project(p[0], p[1], zp);
      add(zp, { d: q[2] + 2e-3, paint() { ctx.beginPath(); ctx.arc(q[0], q[1], 3, 0, 2 * Math.PI); ctx.fillStyle = classColour(v.y[i]); ctx.fill();
        ctx.strokeStyle = t.bg; ctx.lineWidth = 0.6; ctx.stroke(); } });
    });
    ctx.clearRect(0, 0, Wd, Ht);
    // the floor's frame and the axes, behind everything
    const c4 = [[-lim, -lim], [lim, -lim], [lim, lim], [-lim, lim]];
    ctx.strokeStyle = t.border; ctx.lineWidth = 1; ctx.beginPath();
    c4.forEach(([x, y], i) => { const p = project(x, y, floor); if (i) ctx.lineTo(p[0], p[1]); else ctx.moveTo(p[0], p[1]); });
    ctx.closePath(); ctx.stroke();
    const corner = c4.reduce((best, q) => (project(q[0], q[1], 0)[0] < project(best[0], best[1], 0)[0] ? q : best));   // the leftmost corner
    const zb = project(corner[0], corner[1], floor), zt = project(corner[0], corner[1], zTop);
    ctx.beginPath(); ctx.moveTo(zb[0], zb[1]); ctx.lineTo(zt[0], zt[1]); ctx.stroke();
    below.sort((p, q) => p.d - q.d); above.sort((p, q) => p.d - q.d);
    for (const p of [...below, plane, ...above]) p.paint();
    // axis labels on top, with a halo in the background colour
    const label = (text, x, y, align) => {
      ctx.textAlign = align; ctx.lineWidth = 3; ctx.strokeStyle = t.bg; ctx.strokeText(text, x, y); ctx.fillStyle = t.fg; ctx.fillText(text, x, y);
    };
    ctx.font = "11px system-ui, sans-serif";
    for (const zv of [-1, 0, 1]) { const p = project(corner[0], corner[1], zv); label(String(zv), p[0] - 4, p[1] + 4, "right"); }
    label("lift × quadratic score", zt[0], zt[1] - 8, "center");
    const xl = project(0, -lim * 1.15, floor), yl = project(lim * 1.15, 0, floor);
    label("x₁", xl[0], xl[1], "center"); label("x₂", yl[0], yl[1], "center");
    const title = `${v.name}: the plane in feature space classifies ${fmtPct(v.accuracy)} of the points`;
    ctx.fillStyle = t.fg; ctx.font = "bold 13px system-ui, sans-serif"; ctx.textAlign = "left";
    ctx.fillText(title, 8, 18);
    let up1 = 0, n1 = 0, down0 = 0, n0 = 0;
    v.y.forEach((c, i) => { if (c) { n1++; if (v.height[i] > 0) up1++; } else { n0++; if (v.height[i] < 0) down0++; } });
    const where = tt > 0
      ? `Lift ${tt.toFixed(2)}: ${up1} of ${n1} class-1 points rise above the flat plane, ${down0} of ${n0} class-0 points sink below it.`
      : "Lift 0: every point lies on the flat plane z = 0.";
    readout.say(`${title}. ${where} View from azimuth ${Math.round(st.az)}°, elevation ${Math.round(st.el)}°.`);
    describe(box, `3-D view of the ${v.name} data (${v.y.length} points, class 0 blue, class 1 orange) over the square from −${lim} to ${lim}: `
      + `the flat plane z = 0, the translucent score sheet at lift ${tt.toFixed(2)}, and the curve s(x) = 0 on the floor. ${where} Arrow keys turn the view (Shift: faster).`);
    model.set("dataset", st.k); model.set("lift", tt); model.save_changes();
  });
  const figure = h("div", {}, box);
  el.append(h("div", { class: "yl-controls" }, dsButtons.root, lift.root, button("reset the view", () => turn(LIFT_VIEW.az, LIFT_VIEW.el))),
    figure, msg, readout.root,
    h("div", { class: "yl-caption" }, "Drag the picture, or focus it and use the arrow keys, to turn the view."),
    h("div", { class: "yl-toolbar" }, exportButton("feature-lift", () => figure)));
  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "feature_lift", label: "Figure F10: the kernel trick, made spatial" }, (root, life) => renderFigure(root, model, life));
  },
};
