// Pure math for the Part I (b) widgets. Plain functions, no DOM, no exports: bundled after
// common.js and loaded by tests/unit/test_p1b_js.py in node to check them against yatlib.

/** Bilinear interpolation of a vector field sampled on an n x n grid of [lo, hi]^2
 * (row-major, y increasing by row, two numbers per node), at (px, py); clamps to the square.
 * Same rule as yatlib.forces.bilinear. Returns [fx, fy]. */
function p1bBilinear(field, lo, hi, n, px, py) {
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
function p1bFlowPath(field, lo, hi, n, x0, y0, steps, step) {
  let x = x0, y = y0;
  const path = [[x, y]];
  for (let s = 0; s < steps; s++) {
    const f = p1bBilinear(field, lo, hi, n, x, y);
    const norm = Math.hypot(f[0], f[1]);
    if (!(norm >= 1e-12)) break;
    x += step * f[0] / norm; y += step * f[1] / norm;
    if (!(x >= lo && x <= hi && y >= lo && y <= hi)) break;
    path.push([x, y]);
  }
  return path;
}

/** Yat responses of one 2-D query against K prototypes (flat [x0, y0, x1, y1, ...]), float64. */
function p1bYat(qx, qy, W, K, b, eps) {
  const out = new Float64Array(K);
  const qq = qx * qx + qy * qy;
  for (let u = 0; u < K; u++) {
    const wx = W[2 * u], wy = W[2 * u + 1];
    const dot = wx * qx + wy * qy;
    const d2 = Math.max(qq + wx * wx + wy * wy - 2 * dot, 0);
    out[u] = (dot + b) * (dot + b) / (d2 + eps);
  }
  return out;
}

/** Active Yat units: phi_u >= tau * max phi (none when every phi is 0). Same rule as
 * yatlib.locality.yat_active_fraction. Returns {mask: Array<boolean>, fraction}. */
function p1bYatActive(phi, tau) {
  let top = 0;
  for (const v of phi) top = Math.max(top, v);
  const mask = Array.from(phi, (v) => top > 0 && v >= tau * top);
  const count = mask.filter(Boolean).length;
  return { mask, fraction: phi.length ? count / phi.length : 0 };
}

/** Fraction of ReLU units with v_u . x + c_u > 0 (V flat [vx0, vy0, ...]). Same rule as
 * yatlib.locality.relu_active_fraction. */
function p1bReluActiveFraction(qx, qy, V, c) {
  const M = c.length;
  if (!M) return 0;
  let on = 0;
  for (let u = 0; u < M; u++) if (V[2 * u] * qx + V[2 * u + 1] * qy + c[u] > 0) on++;
  return on / M;
}

/** Shares a_u = phi_u / sum phi (null when there is nothing to share). Same as yatlib.locality.contributions. */
function p1bShares(phi) {
  let total = 0;
  for (const v of phi) total += v;
  if (!(phi.length > 0) || !(total > 0) || !Number.isFinite(total)) return null;
  return Array.from(phi, (v) => v / total);
}

/** Capacity (|x|^2 + b)^2 / eps of a unit centred at the query. Same as yatlib.locality.capacity. */
function p1bCapacity(qx, qy, b, eps) {
  const r = qx * qx + qy * qy + b;
  return r * r / eps;
}
