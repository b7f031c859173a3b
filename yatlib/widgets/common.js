// Shared helpers for yatlib widgets. Plain functions, no imports, no exports:
// yatlib.widgets.bundle() prepends this file to a widget's module.

/** Create a DOM element: h("div", {class: "x", style: "..."}, child, "text", ...). */
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** Create an SVG element with attributes. */
function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  for (const c of children.flat()) if (c) node.append(c);
  return node;
}

/** A labelled range slider; calls onInput(value) on every move. Returns {root, input, set(v)}. */
function labelledSlider(label, { min, max, step, value, format, onInput }) {
  const fmt = format || ((v) => String(v));
  const out = h("span", { class: "yl-value" }, fmt(value));
  const input = h("input", { type: "range", min, max, step, value, "aria-label": label });
  input.addEventListener("input", () => { const v = Number(input.value); out.textContent = fmt(v); onInput(v); });
  const root = h("label", { class: "yl-slider" }, h("span", { class: "yl-label" }, label), input, out);
  return { root, input, set(v) { input.value = v; out.textContent = fmt(Number(v)); } };
}

/** Decode base64 of little-endian float32 bytes (yatlib.images.float32_b64) into a Float32Array. */
function decodeF32(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

/** Viridis colour map, t in [0, 1] -> [r, g, b] (0..255), by linear interpolation of 9 stops. */
const VIRIDIS = [[68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
  [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37]];
function viridis(t) { return interpolateStops(VIRIDIS, t); }

/** Diverging blue-white-orange map, t in [-1, 1]. */
const DIVERGING = [[49, 84, 140], [120, 150, 190], [247, 247, 247], [236, 160, 90], [200, 90, 20]];
function diverging(t) { return interpolateStops(DIVERGING, (Math.max(-1, Math.min(1, t)) + 1) / 2); }

function interpolateStops(stops, t) {
  if (!Number.isFinite(t)) return [200, 200, 200];
  const x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((k) => Math.round(stops[i][k] + f * (stops[i + 1][k] - stops[i][k])));
}

/**
 * Paint a row-major grid of values (ny rows x nx cols, row 0 at the top) with colour(t) onto
 * `canvas`, stretched over the rectangle `dest` = {x, y, w, h} (default: the whole canvas, cleared first).
 */
function paintGrid(canvas, values, nx, ny, colour, dest) {
  const ctx = canvas.getContext("2d");
  const img = ctx.createImageData(nx, ny);
  for (let i = 0; i < nx * ny; i++) {
    const [r, g, b] = colour(values[i]);
    img.data[4 * i] = r; img.data[4 * i + 1] = g; img.data[4 * i + 2] = b; img.data[4 * i + 3] = 255;
  }
  const tmp = document.createElement("canvas");
  tmp.width = nx; tmp.height = ny;
  tmp.getContext("2d").putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  const d = dest || { x: 0, y: 0, w: canvas.width, h: canvas.height };
  if (!dest) ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(tmp, d.x, d.y, d.w, d.h);
}

/** Show a short message in a widget (for bad input): replaces the text of `node`. */
function showMessage(node, text) { node.textContent = text || ""; node.style.display = text ? "block" : "none"; }

/** Format a number for display, never printing NaN. */
function fmtNum(v, digits = 3) { return Number.isFinite(v) ? Number(v).toPrecision(digits) : "—"; }

/**
 * Yat activations of one input x (length D) against K prototypes stored row-major in W (K*D),
 * phi_u = (w_u . x + b)^2 / (||x - w_u||^2 + eps). Returns a Float64Array of length K.
 * Same formula as yatlib.kernels.yat (squared distance clamped at 0).
 */
function yatActivations(x, W, K, D, b, eps) {
  const out = new Float64Array(K);
  let xx = 0;
  for (let d = 0; d < D; d++) xx += x[d] * x[d];
  for (let u = 0; u < K; u++) {
    let dot = 0, ww = 0;
    const o = u * D;
    for (let d = 0; d < D; d++) { const w = W[o + d]; dot += w * x[d]; ww += w * w; }
    const d2 = Math.max(xx + ww - 2 * dot, 0);
    out[u] = (dot + b) * (dot + b) / (d2 + eps);
  }
  return out;
}

/** Minimal shared CSS for yatlib widgets (injected once per widget root). */
const YL_CSS = `
.yl-widget { font: 14px/1.4 system-ui, sans-serif; color: #222; }
.yl-widget .yl-row { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.yl-widget .yl-controls { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: center; margin: 6px 0; }
.yl-widget .yl-slider { display: inline-flex; align-items: center; gap: 6px; }
.yl-widget .yl-slider input { width: 160px; }
.yl-widget .yl-value { min-width: 3.5em; font-variant-numeric: tabular-nums; }
.yl-widget .yl-message { display: none; padding: 6px 10px; background: #fff4e0; border-left: 3px solid #e69500; margin: 6px 0; }
.yl-widget button { padding: 3px 10px; border: 1px solid #888; border-radius: 4px; background: #f6f6f6; cursor: pointer; }
.yl-widget button:hover { background: #eaeaea; }
.yl-widget .yl-caption { color: #555; font-size: 12px; }
`;
function withStyle(el) {
  el.classList.add("yl-widget");
  el.append(h("style", {}, YL_CSS));
  return el;
}
