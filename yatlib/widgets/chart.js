// Small SVG charts that follow the book's theme: a frame with labelled axes (linear, log or
// categories), lines, points, bars, error bars, reference lines and a legend. Colours are read
// from theme() and PALETTE when drawn, so a redraw after a theme change recolours everything.
// Needs dom.js. No exports.

/** About n round tick values covering [lo, hi]. */
function niceTicks(lo, hi, n = 5) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, n);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || 10 * mag;
  const out = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** Powers of ten (and 2, 5 between them when the range is short) covering [lo, hi] > 0. */
function logTicks(lo, hi) {
  const out = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of (Math.log10(hi / lo) < 2.5 ? [1, 2, 5] : [1])) {
      const v = m * 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
    }
  }
  return out;
}

function _scale(axis, a, b) {
  if (axis.categories) {
    const n = axis.categories.length, w = (b - a) / n;
    const f = (i) => a + w * (i + 0.5);
    f.band = w;
    return f;
  }
  const [d0, d1] = axis.domain;
  if (axis.log) {
    const l0 = Math.log10(d0), l1 = Math.log10(d1);
    return (v) => a + (b - a) * (Math.log10(v) - l0) / (l1 - l0);
  }
  return (v) => a + (b - a) * (v - d0) / ((d1 - d0) || 1);
}

/**
 * Clear `svgEl` and draw a chart frame. x and y: {domain: [lo, hi], label, log, format, ticks}
 * or {categories: [...], label}. Returns {x(v), y(v), left, right, top, bottom, g, svg}.
 */
function chartFrame(svgEl, { width = 420, height = 280, margin = {}, x, y, title }) {
  const t = theme();
  const m = { l: 56, r: 14, t: title ? 26 : 12, b: 46, ...margin };
  svgEl.replaceChildren();
  svgEl.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svgEl.setAttribute("width", width);
  svgEl.setAttribute("height", height);
  svgEl.classList.add("yl-chart");
  const left = m.l, right = width - m.r, top = m.t, bottom = height - m.b;
  const fx = _scale(x, left, right), fy = _scale(y, bottom, top);
  const g = svg("g", {});
  const text = (attrs, s) => svg("text", { "font-size": 11.5, fill: t.fg, ...attrs }, s);
  // y grid and ticks
  if (!y.categories) {
    const ticks = y.ticks || (y.log ? logTicks(...y.domain) : niceTicks(...y.domain));
    for (const v of ticks) {
      g.append(svg("line", { x1: left, x2: right, y1: fy(v), y2: fy(v), stroke: t.grid }));
      g.append(text({ x: left - 6, y: fy(v) + 4, "text-anchor": "end" }, (y.format || fmtTick)(v)));
    }
  } else {
    y.categories.forEach((c, i) => g.append(text({ x: left - 6, y: fy(i) + 4, "text-anchor": "end" }, c)));
  }
  if (!x.categories) {
    const ticks = x.ticks || (x.log ? logTicks(...x.domain) : niceTicks(...x.domain));
    for (const v of ticks) {
      g.append(svg("line", { x1: fx(v), x2: fx(v), y1: bottom, y2: bottom + 4, stroke: t.border }));
      g.append(text({ x: fx(v), y: bottom + 17, "text-anchor": "middle" }, (x.format || fmtTick)(v)));
    }
  } else {
    x.categories.forEach((c, i) => g.append(text({ x: fx(i), y: bottom + 17, "text-anchor": "middle" }, c)));
  }
  g.append(svg("line", { x1: left, x2: right, y1: bottom, y2: bottom, stroke: t.border }));
  g.append(svg("line", { x1: left, x2: left, y1: top, y2: bottom, stroke: t.border }));
  if (x.label) g.append(text({ x: (left + right) / 2, y: height - 8, "text-anchor": "middle", "font-size": 12.5 }, x.label));
  if (y.label) {
    const cy = (top + bottom) / 2;
    g.append(text({ x: 14, y: cy, "text-anchor": "middle", "font-size": 12.5, transform: `rotate(-90 14 ${cy})` }, y.label));
  }
  if (title) g.append(text({ x: left, y: 16, "font-size": 13, "font-weight": 600 }, title));
  svgEl.append(g);
  return { x: fx, y: fy, left, right, top, bottom, g, svg: svgEl, theme: t };
}

/** Tick labels: integers plainly, others with up to 3 significant digits. */
function fmtTick(v) {
  if (Number.isInteger(v) && Math.abs(v) < 1e5) return String(v);
  const a = Math.abs(v);
  return a >= 1e4 || (a > 0 && a < 1e-3) ? v.toExponential(0) : String(Number(v.toPrecision(3)));
}

/** A polyline through (xs[i], ys[i]), skipping non-finite values. */
function lineSeries(frame, xs, ys, { colour, width = 2, dash = null, opacity = 1, cls = null } = {}) {
  let d = "", pen = false;
  xs.forEach((xv, i) => {
    const yv = ys[i];
    if (!Number.isFinite(xv) || !Number.isFinite(yv)) { pen = false; return; }
    d += `${pen ? "L" : "M"}${frame.x(xv).toFixed(1)},${frame.y(yv).toFixed(1)}`;
    pen = true;
  });
  const p = svg("path", { d, fill: "none", stroke: colour || frame.theme.accent, "stroke-width": width,
    "stroke-dasharray": dash, opacity, class: cls });
  frame.g.append(p);
  return p;
}

/** Markers at (xs[i], ys[i]); titles[i] (optional) is a tooltip. */
function pointSeries(frame, xs, ys, { colour, r = 4, fill = null, cls = null, titles = null } = {}) {
  const out = [];
  xs.forEach((xv, i) => {
    if (!Number.isFinite(xv) || !Number.isFinite(ys[i])) return;
    const c = svg("circle", { cx: frame.x(xv), cy: frame.y(ys[i]), r, fill: fill === null ? (colour || frame.theme.accent) : fill,
      stroke: colour || frame.theme.accent, "stroke-width": 1.5, class: cls });
    if (titles && titles[i]) c.append(svg("title", {}, titles[i]));
    frame.g.append(c);
    out.push(c);
  });
  return out;
}

/** Vertical bars from `base` (default 0) to values[i] at category i; offset and width in band units. */
function barSeries(frame, values, { colour, offset = 0, width = 0.7, base = 0, cls = null, titles = null } = {}) {
  const band = frame.x.band || 20;
  return values.map((v, i) => {
    const col = Array.isArray(colour) ? colour[i] : colour || frame.theme.accent;
    const x0 = frame.x(i) + (offset - width / 2) * band, y0 = frame.y(Math.max(v, base)), y1 = frame.y(Math.min(v, base));
    const r = svg("rect", { x: x0, y: y0, width: width * band, height: Math.max(0, y1 - y0), fill: col, class: cls,
      "data-value": Number.isFinite(v) ? v.toFixed(3) : "" });
    if (titles && titles[i]) r.append(svg("title", {}, titles[i]));
    frame.g.append(r);
    return r;
  });
}

/** Error bars from lo[i] to hi[i] at data positions xs[i] (category indices on a category axis,
 *  shifted by `offset` bands, as barSeries). */
function errorBars(frame, xs, lo, hi, { colour, cap = 4, offset = 0, cls = null } = {}) {
  const col = colour || frame.theme.fg, band = frame.x.band || 0;
  xs.forEach((xv, i) => {
    if (!Number.isFinite(lo[i]) || !Number.isFinite(hi[i])) return;
    const x = frame.x(xv) + offset * band;
    const g = svg("g", { stroke: col, "stroke-width": 1.5, class: cls, "data-lo": lo[i].toFixed(3), "data-hi": hi[i].toFixed(3) });
    g.append(svg("line", { x1: x, x2: x, y1: frame.y(lo[i]), y2: frame.y(hi[i]) }));
    g.append(svg("line", { x1: x - cap, x2: x + cap, y1: frame.y(lo[i]), y2: frame.y(lo[i]) }));
    g.append(svg("line", { x1: x - cap, x2: x + cap, y1: frame.y(hi[i]), y2: frame.y(hi[i]) }));
    frame.g.append(g);
  });
}

/** A vertical reference line at data value x. */
function vLine(frame, x, { colour, dash = "3 3", cls = null } = {}) {
  const l = svg("line", { x1: frame.x(x), x2: frame.x(x), y1: frame.top, y2: frame.bottom, stroke: colour || frame.theme.muted,
    "stroke-dasharray": dash, class: cls });
  frame.g.append(l);
  return l;
}

/** A horizontal reference line at data value y. */
function hLine(frame, y, { colour, dash = "3 3", cls = null } = {}) {
  const l = svg("line", { x1: frame.left, x2: frame.right, y1: frame.y(y), y2: frame.y(y), stroke: colour || frame.theme.muted,
    "stroke-dasharray": dash, class: cls });
  frame.g.append(l);
  return l;
}

/** A legend: items [{label, colour, dash, marker}] stacked from (x, y) in SVG units. */
function legend(frame, items, { x, y } = {}) {
  const x0 = x === undefined ? frame.left + 10 : x, y0 = y === undefined ? frame.top + 8 : y;
  items.forEach((it, i) => {
    const yy = y0 + 16 * i;
    if (it.marker) frame.g.append(svg("circle", { cx: x0 + 10, cy: yy, r: 4, fill: it.fill || it.colour, stroke: it.colour }));
    else frame.g.append(svg("line", { x1: x0, x2: x0 + 20, y1: yy, y2: yy, stroke: it.colour, "stroke-width": 2.5, "stroke-dasharray": it.dash || null }));
    frame.g.append(svg("text", { x: x0 + 26, y: yy + 4, "font-size": 11.5, fill: frame.theme.fg }, it.label));
  });
}
