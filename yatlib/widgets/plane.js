// A square 2-D plane on a canvas (axes, markers, arrows, contours), a colour bar, a bar chart,
// pointer and keyboard handling, and theme-aware colour helpers. Plain functions, no exports.
// Used by the Part I widgets; needs dom.js and canvas.js. Every colour is read from theme(),
// classColour() or PALETTE when a panel is drawn, so a redraw after a theme change recolours it.

// ---------------------------------------------------------------- colours

/** "#rrggbb" -> [r, g, b] (0..255). */
function hexRgb(hex) {
  const s = String(hex).replace("#", "");
  const v = s.length === 3 ? s.split("").map((c) => c + c).join("") : s;
  return [0, 2, 4].map((i) => parseInt(v.slice(i, i + 2), 16));
}

/** [r, g, b] -> "rgb(r,g,b)" (or "rgba(...)" with an alpha). */
function rgbCss(c, alpha) {
  return alpha === undefined ? `rgb(${c[0]},${c[1]},${c[2]})` : `rgba(${c[0]},${c[1]},${c[2]},${alpha})`;
}

/** Linear mix of two [r, g, b] colours, t = 0 gives a, t = 1 gives b. */
function mixRgb(a, b, t) { return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * t)); }

/** `hex` mixed with the theme's background: t = 1 is the colour itself, t = 0 the background
 *  (for fills behind text: keep t <= 0.55 so the theme's text stays readable on it). */
function tint(hex, t) { return rgbCss(mixRgb(hexRgb(theme().bg), hexRgb(hex), t)); }

/**
 * A signed colour map that follows the theme, t in [-1, 1]: class 0's colour for negative values,
 * the theme's background at 0, class 1's colour for positive values (blue / orange in the book).
 */
function signedMap(t) {
  const v = Number.isFinite(t) ? Math.max(-1, Math.min(1, t)) : 0;
  const bg = hexRgb(theme().bg);
  return v >= 0 ? mixRgb(bg, hexRgb(classColour(1)), v) : mixRgb(bg, hexRgb(classColour(0)), -v);
}

/** Ink for marks drawn on top of a colour map (the map looks the same in both themes, so the
 *  marks do too): `paper` (light) and `ink` (dark), from the light theme of PALETTE. */
function mapInk() { return { paper: PALETTE.themes.light.bg, ink: PALETTE.themes.light.fg }; }

/** The ink for marks on a signed map, which shows the theme's background at 0: the theme's text colour. */
function signedInk() { const t = theme(); return { paper: t.bg, ink: t.fg }; }

// ---------------------------------------------------------------- the plane

/** A plane showing [lo, hi]^2 with axes; returns an object with drawing and coordinate helpers. */
function planePanel({ size = 260, lo = -3, hi = 3, title = "", xlabel = "x₁", ylabel = "x₂" } = {}) {
  const m = { l: 38, r: 8, t: 20, b: 32 };
  const canvas = h("canvas", { width: size + m.l + m.r, height: size + m.t + m.b, class: "p1-plane" });
  canvas.style.touchAction = "none";
  const ctx = canvas.getContext("2d");
  const P = {
    canvas, ctx, size, lo, hi, title, m, xlabel, ylabel,
    toPix(x, y) { return [m.l + (x - lo) / (hi - lo) * size, m.t + (hi - y) / (hi - lo) * size]; },
    toData(px, py) { return [lo + (px - m.l) / size * (hi - lo), hi - (py - m.t) / size * (hi - lo)]; },
    inside(px, py) { return px >= m.l && px <= m.l + size && py >= m.t && py <= m.t + size; },
    /** Clamp a point into the square. */
    clamp([x, y]) { return [Math.max(lo, Math.min(hi, x)), Math.max(lo, Math.min(hi, y))]; },
    /** Evaluate fn(x, y) on an n x n grid, row 0 at the top; returns Float64Array. */
    sample(fn, n = 64) {
      const v = new Float64Array(n * n);
      for (let r = 0; r < n; r++) {
        const y = hi - (r + 0.5) / n * (hi - lo);
        for (let c = 0; c < n; c++) v[r * n + c] = fn(lo + (c + 0.5) / n * (hi - lo), y);
      }
      return v;
    },
    clear() { ctx.clearRect(0, 0, canvas.width, canvas.height); },
    paint(values, n, colour) {
      paintGrid(canvas, values, n, n, colour, { x: m.l, y: m.t, w: size, h: size });
    },
    /** Fill the square with one colour (an empty plane). */
    fill(colour) { ctx.save(); ctx.fillStyle = colour; ctx.fillRect(m.l, m.t, size, size); ctx.restore(); },
    axes() { _planeAxes(P); },
    marker(x, y, opts = {}) { _planeMarker(P, x, y, opts); },
    /** A label next to a data point, with a halo in `paper` so it reads on any background. */
    label(x, y, text, opts = {}) { _planeLabel(P, x, y, text, opts); },
    arrow(x0, y0, x1, y1, colour) { _planeArrow(P, x0, y0, x1, y1, colour); },
    /** Draw the zero level set of grid values (n x n, row 0 at top) with linear interpolation. */
    zeroContour(values, n, colour, lw = 2) { _planeZeroContour(P, values, n, colour, lw); },
  };
  return P;
}

/** The plane's frame, five ticks per axis with their values, the axis labels and the title. */
function _planeAxes(P) {
  const { ctx, m, size, lo, hi } = P, t = theme();
  ctx.save();
  ctx.strokeStyle = t.border; ctx.lineWidth = 1;
  ctx.strokeRect(m.l, m.t, size, size);
  ctx.fillStyle = t.fg; ctx.font = "11px system-ui, sans-serif";
  const step = (hi - lo) / 4;
  for (let k = 0; k <= 4; k++) {
    const v = lo + k * step;
    const [px] = P.toPix(v, 0), [, py] = P.toPix(0, v);
    ctx.beginPath(); ctx.moveTo(px, m.t + size); ctx.lineTo(px, m.t + size + 4); ctx.stroke();
    ctx.beginPath(); ctx.moveTo(m.l - 4, py); ctx.lineTo(m.l, py); ctx.stroke();
    ctx.textAlign = "center"; ctx.fillText(+v.toFixed(1), px, m.t + size + 15);
    ctx.textAlign = "right"; ctx.fillText(+v.toFixed(1), m.l - 6, py + 4);
  }
  ctx.textAlign = "center"; ctx.fillText(P.xlabel, m.l + size / 2, m.t + size + 29);
  ctx.save(); ctx.translate(10, m.t + size / 2); ctx.rotate(-Math.PI / 2); ctx.fillText(P.ylabel, 0, 0); ctx.restore();
  ctx.font = "bold 12px system-ui, sans-serif"; ctx.fillText(P.title, m.l + size / 2, 14);
  ctx.restore();
}

/** A mark at a data point: a circle (fill "none" for a ring), a square, a diamond or a cross. */
function _planeMarker(P, x, y, { shape = "circle", r = 6, fill, stroke, lw = 2 } = {}) {
  const ctx = P.ctx, t = theme();
  const [px, py] = P.toPix(x, y);
  ctx.save(); ctx.lineWidth = lw; ctx.strokeStyle = stroke || t.fg; ctx.fillStyle = fill || t.bg;
  ctx.beginPath();
  if (shape === "cross") {
    ctx.moveTo(px - r, py - r); ctx.lineTo(px + r, py + r); ctx.moveTo(px + r, py - r); ctx.lineTo(px - r, py + r);
    ctx.stroke();
  } else if (shape === "square") {
    ctx.rect(px - r, py - r, 2 * r, 2 * r); ctx.fill(); ctx.stroke();
  } else if (shape === "diamond") {
    ctx.moveTo(px, py - r); ctx.lineTo(px + r, py); ctx.lineTo(px, py + r); ctx.lineTo(px - r, py); ctx.closePath();
    ctx.fill(); ctx.stroke();
  } else { ctx.arc(px, py, r, 0, 2 * Math.PI); if (fill !== "none") ctx.fill(); ctx.stroke(); }
  ctx.restore();
}

function _planeLabel(P, x, y, text, { ink, paper, dx = 9, dy = -7 } = {}) {
  const ctx = P.ctx, t = theme();
  const [px, py] = P.toPix(x, y);
  ctx.save(); ctx.font = "bold 11px system-ui, sans-serif"; ctx.textAlign = "left";
  ctx.lineWidth = 3; ctx.strokeStyle = paper || t.bg; ctx.strokeText(text, px + dx, py + dy);
  ctx.fillStyle = ink || t.fg; ctx.fillText(text, px + dx, py + dy);
  ctx.restore();
}

function _planeArrow(P, x0, y0, x1, y1, colour) {
  const ctx = P.ctx;
  const [a, b] = P.toPix(x0, y0), [c, d] = P.toPix(x1, y1);
  const ang = Math.atan2(d - b, c - a);
  ctx.save(); ctx.strokeStyle = colour || theme().fg; ctx.fillStyle = colour || theme().fg; ctx.lineWidth = 2;
  ctx.beginPath(); ctx.moveTo(a, b); ctx.lineTo(c, d); ctx.stroke();
  ctx.beginPath(); ctx.moveTo(c, d);
  ctx.lineTo(c - 9 * Math.cos(ang - 0.4), d - 9 * Math.sin(ang - 0.4));
  ctx.lineTo(c - 9 * Math.cos(ang + 0.4), d - 9 * Math.sin(ang + 0.4)); ctx.closePath(); ctx.fill();
  ctx.restore();
}

function _planeZeroContour(P, values, n, colour, lw) {
  const { ctx, m, size } = P, cell = size / n;
  const cx = (c) => m.l + (c + 0.5) * cell, cy = (r) => m.t + (r + 0.5) * cell;
  ctx.save(); ctx.strokeStyle = colour || theme().fg; ctx.lineWidth = lw; ctx.beginPath();
  for (let r = 0; r < n - 1; r++) {
    for (let c = 0; c < n - 1; c++) {
      const v = [values[r * n + c], values[r * n + c + 1], values[(r + 1) * n + c + 1], values[(r + 1) * n + c]];
      const corners = [[cx(c), cy(r)], [cx(c + 1), cy(r)], [cx(c + 1), cy(r + 1)], [cx(c), cy(r + 1)]];
      const pts = [];
      for (let e = 0; e < 4; e++) {
        const a = v[e], b = v[(e + 1) % 4];
        if ((a > 0) !== (b > 0)) {
          const t = a / (a - b), p0 = corners[e], p1 = corners[(e + 1) % 4];
          pts.push([p0[0] + t * (p1[0] - p0[0]), p0[1] + t * (p1[1] - p0[1])]);
        }
      }
      for (let k = 0; k + 1 < pts.length; k += 2) { ctx.moveTo(pts[k][0], pts[k][1]); ctx.lineTo(pts[k + 1][0], pts[k + 1][1]); }
    }
  }
  ctx.stroke(); ctx.restore();
}

/** A vertical colour bar canvas: draw(vmin, vmax, colourOfT, diverging) with t in [0, 1] (or [-1, 1] if diverging). */
function colourBar(height, label) {
  const canvas = h("canvas", { width: 56, height: height, class: "p1-cbar" });
  const ctx = canvas.getContext("2d");
  describe(canvas, `colour scale of ${label}`);
  return {
    canvas,
    draw(vmin, vmax, colourOfT, diverging = false) {
      const t = theme();
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      const top = 20, bot = height - 32, x0 = 4, w = 12;
      for (let yy = top; yy <= bot; yy++) {
        const s = 1 - (yy - top) / (bot - top);
        ctx.fillStyle = rgbCss(colourOfT(diverging ? 2 * s - 1 : s)); ctx.fillRect(x0, yy, w, 1);
      }
      ctx.strokeStyle = t.border; ctx.strokeRect(x0, top, w, bot - top);
      ctx.fillStyle = t.fg; ctx.font = "10px system-ui, sans-serif"; ctx.textAlign = "left";
      ctx.fillText(fmtNum(vmax, 3), x0 + w + 3, top + 4);
      ctx.fillText(fmtNum((vmin + vmax) / 2, 3), x0 + w + 3, (top + bot) / 2 + 4);
      ctx.fillText(fmtNum(vmin, 3), x0 + w + 3, bot + 4);
      ctx.fillText(label, 2, 12);
      describe(canvas, `colour scale of ${label}, from ${fmtNum(vmin, 3)} to ${fmtNum(vmax, 3)}`);
    },
  };
}

/** Bar chart of signed values on a canvas: draw(values, labels, {highlight, colours}). Bars are
 *  class 1's colour when positive and class 0's when negative unless `colours[i]` is given. */
function barChart(width, height, title) {
  const canvas = h("canvas", { width, height, class: "p1-bars" });
  const ctx = canvas.getContext("2d");
  const m = { l: 44, r: 8, t: 22, b: 30 };
  const api = {
    canvas,
    /** Index of the bar under canvas pixel x (or -1). */
    barAt(px, n) {
      const bw = (width - m.l - m.r) / Math.max(n, 1), i = Math.floor((px - m.l) / bw);
      return i >= 0 && i < n ? i : -1;
    },
    draw(values, labels, { highlight = -1, colours = [] } = {}) {
      const t = theme();
      ctx.clearRect(0, 0, width, height);
      const n = values.length, pw = width - m.l - m.r, ph = height - m.t - m.b;
      let vmax = 1e-12;
      for (const v of values) if (Number.isFinite(v)) vmax = Math.max(vmax, Math.abs(v));
      const y0 = m.t + ph / 2, sc = (ph / 2) / vmax, bw = pw / Math.max(n, 1);
      ctx.fillStyle = t.fg; ctx.font = "bold 12px system-ui, sans-serif"; ctx.textAlign = "center";
      ctx.fillText(title, m.l + pw / 2, 14);
      ctx.font = "10px system-ui, sans-serif";
      for (let i = 0; i < n; i++) {
        const v = Number.isFinite(values[i]) ? values[i] : 0;
        const x = m.l + i * bw + bw * 0.15, hgt = v * sc;
        ctx.fillStyle = colours[i] || classColour(v >= 0 ? 1 : 0);
        ctx.fillRect(x, hgt >= 0 ? y0 - hgt : y0, bw * 0.7, Math.abs(hgt));
        if (i === highlight) {
          ctx.strokeStyle = t.fg; ctx.lineWidth = 2.5;
          ctx.strokeRect(x - 2, (hgt >= 0 ? y0 - hgt : y0) - 2, bw * 0.7 + 4, Math.abs(hgt) + 4);
        }
        ctx.fillStyle = t.fg; ctx.textAlign = "center";
        ctx.font = i === highlight ? "bold 11px system-ui, sans-serif" : "10px system-ui, sans-serif";
        ctx.fillText(labels[i], x + bw * 0.35, height - m.b + 14);
      }
      ctx.strokeStyle = t.border; ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(m.l, y0); ctx.lineTo(m.l + pw, y0); ctx.moveTo(m.l, m.t); ctx.lineTo(m.l, m.t + ph); ctx.stroke();
      ctx.font = "10px system-ui, sans-serif"; ctx.textAlign = "right";
      ctx.fillText(fmtNum(vmax, 2), m.l - 4, m.t + 4); ctx.fillText("0", m.l - 4, y0 + 4); ctx.fillText(fmtNum(-vmax, 2), m.l - 4, m.t + ph + 4);
    },
  };
  return api;
}

// ---------------------------------------------------------------- pointer and keyboard

/** Pointer handling on a plane: onDown(x, y, ev) -> returns a drag callback (x, y) or null. */
function onPlanePointer(P, onDown) {
  let drag = null;
  const pos = (ev) => {
    const r = P.canvas.getBoundingClientRect();
    const px = (ev.clientX - r.left) * P.canvas.width / r.width, py = (ev.clientY - r.top) * P.canvas.height / r.height;
    return [px, py];
  };
  P.canvas.addEventListener("pointerdown", (ev) => {
    const [px, py] = pos(ev);
    if (!P.inside(px, py)) return;
    const [x, y] = P.toData(px, py);
    drag = onDown(x, y, ev) || null;
    if (drag) { try { P.canvas.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic event */ } }
    ev.preventDefault();
  });
  P.canvas.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const [px, py] = pos(ev);
    const [x, y] = P.toData(px, py);
    drag(Math.max(P.lo, Math.min(P.hi, x)), Math.max(P.lo, Math.min(P.hi, y)));
  });
  const end = () => { drag = null; };
  P.canvas.addEventListener("pointerup", end);
  P.canvas.addEventListener("pointercancel", end);
}

/**
 * The keyboard equivalent of dragging on `node` (a canvas, an svg or a box around several):
 * it becomes a focusable "application" region in which the arrow keys move a point (moveByKeys;
 * Shift: five steps). `label` names the region and says what the keys do; `describe` later
 * replaces it with a text of what the region currently shows (keep the key help in it).
 */
function keyboardDrag(node, { label, get, set, step = 0.1 }) {
  moveByKeys(node, { label, get, set, step });
  node.setAttribute("role", "application");
  node.setAttribute("aria-roledescription", "interactive figure");
}

// ---------------------------------------------------------------- CSS and small helpers

const PLANE_CSS = `
.yl-widget [hidden] { display: none !important; }
.yl-widget .p1-panels { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: flex-start; }
.yl-widget .p1-pair { display: inline-flex; align-items: flex-start; }
.yl-widget canvas.p1-plane[tabindex] { cursor: crosshair; }  /* only a plane the reader can act on */
.yl-widget .p1-readout { font-variant-numeric: tabular-nums; margin: 4px 0; }
.yl-widget .p1-protos { display: flex; flex-direction: column; gap: 2px; max-height: 330px; overflow-y: auto; }
.yl-widget .p1-protos .yl-slider input { width: 120px; }
.yl-widget select { padding: 2px 4px; }
.yl-widget .p1-good { font-weight: 650; }
.yl-widget .p1-bad { font-weight: 650; text-decoration: underline; }
.yl-widget .p1-chips { display: inline-flex; flex-wrap: wrap; gap: 3px; align-items: center; padding: 2px; border-radius: 4px; }
.yl-widget .p1-chips span { padding: 1px 7px; border: 1px solid var(--yl-border); border-radius: 10px; cursor: pointer; }
.yl-widget .p1-chips span[aria-selected="true"] { background: var(--yl-highlight); border-color: var(--yl-accent); font-weight: 650; }
`;

/** Two significant digits (for log-scale slider read-outs). */
const logFmt = (v) => Number(v).toPrecision(2);

/** Add the Part I CSS to a widget root (after mountWidget has styled it); returns a message box. */
function planeRoot(el) {
  withStyle(el);
  if (!el.querySelector(":scope > style.p1-css")) el.append(h("style", { class: "p1-css" }, PLANE_CSS));
  return h("div", { class: "yl-message", role: "alert" });
}

function finiteOr(v, fallback) { return Number.isFinite(v) ? v : fallback; }

/**
 * A row of selectable chips ("1", "2", ...) picked with the arrow keys (pickByKeys) or the pointer.
 * labels() returns the chip texts; get() the selected index; set(i) selects. Returns {root, draw()}.
 */
function chipPicker(label, { labels, get, set }) {
  const root = h("div", { class: "p1-chips", role: "listbox", "aria-orientation": "horizontal" });
  pickByKeys(root, { label, count: () => labels().length, get, set: (i) => { set(i); draw(); } });
  root.addEventListener("click", (ev) => {
    const i = Number(ev.target && ev.target.dataset ? ev.target.dataset.index : NaN);
    if (Number.isInteger(i)) { set(i); draw(); }
  });
  const uid = `p1chip-${Math.random().toString(36).slice(2, 9)}`;
  function draw() {
    const L = labels(), k = get();
    root.hidden = L.length === 0;
    root.replaceChildren(...L.map((t, i) => h("span", { id: `${uid}-${i}`, role: "option",
      "aria-selected": i === k ? "true" : "false", "data-index": i }, t)));
    if (k >= 0 && k < L.length) root.setAttribute("aria-activedescendant", `${uid}-${k}`);
    else root.removeAttribute("aria-activedescendant");
  }
  return { root, draw };
}
