// Vector fields sampled on a grid: bilinear interpolation and flow paths (as yatlib.forces).
// No DOM, no exports.

/** Bilinear interpolation of a vector field sampled on an n x n grid of [lo, hi]^2
 * (row-major, y increasing by row, two numbers per node), at (px, py); clamps to the square.
 * Same rule as yatlib.forces.bilinear. Returns [fx, fy]. */
function bilinear(field, lo, hi, n, px, py) {
  const h = (hi - lo) / (n - 1);
  const gx = Math.min(Math.max((px - lo) / h, 0), n - 1);
  const gy = Math.min(Math.max((py - lo) / h, 0), n - 1);
  const i = Math.min(Math.floor(gx), n - 2), j = Math.min(Math.floor(gy), n - 2);
  const fx = gx - i, fy = gy - j;
  const at = (r, c, k) => field[2 * (r * n + c) + k];
  const out = [0, 0];
  for (let k = 0; k < 2; k++) {
    out[k] = (1 - fx) * (1 - fy) * at(j, i, k) + fx * (1 - fy) * at(j, i + 1, k)
      + (1 - fx) * fy * at(j + 1, i, k) + fx * fy * at(j + 1, i + 1, k);
  }
  return out;
}

/** Follow the interpolated field from (x0, y0) in steps of fixed length `step` along F/|F|;
 * stop where |F| < 1e-12 or outside the square. Same rule as yatlib.forces.flow_path. */
function flowPath(field, lo, hi, n, x0, y0, steps, step) {
  let x = x0, y = y0;
  const path = [[x, y]];
  for (let s = 0; s < steps; s++) {
    const f = bilinear(field, lo, hi, n, x, y);
    const norm = Math.hypot(f[0], f[1]);
    if (!(norm >= 1e-12)) break;
    x += step * f[0] / norm; y += step * f[1] / norm;
    if (!(x >= lo && x <= hi && y >= lo && y <= hi)) break;
    path.push([x, y]);
  }
  return path;
}
