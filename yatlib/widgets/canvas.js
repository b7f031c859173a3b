// Colour maps, decoding of base64 arrays, and painting a grid of values on a canvas.
// Plain functions, no imports, no exports.

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

/** Decode base64 of little-endian float32 bytes (yatlib.images.float32_b64) into a Float32Array. */
function decodeF32(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

/** Decode base64 into a Uint8Array (pixels of the items, 0..255). */
function decodeU8(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
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
