// Kernels and Yat activations in the browser: the same formulas as yatlib.kernels,
// yatlib.locality and yatlib.ridge. No DOM, no exports; tests/unit/test_*_js.py run these
// functions under node and compare them with yatlib.

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

/** Kernel value K(x, w) for 2-D (or any-D) arrays x, w. name: yat|gaussian|laplace|polynomial|negdist|tanh. */
function kernelValue(name, x, w, p) {
  let dot = 0, xx = 0, ww = 0;
  for (let d = 0; d < x.length; d++) { dot += x[d] * w[d]; xx += x[d] * x[d]; ww += w[d] * w[d]; }
  const d2 = Math.max(xx + ww - 2 * dot, 0);
  switch (name) {
    case "yat": return (dot + p.b) * (dot + p.b) / (d2 + p.eps);
    case "gaussian": return Math.exp(-d2 / (2 * p.sigma * p.sigma));
    case "laplace": return Math.exp(-Math.sqrt(d2) / p.sigma);
    case "polynomial": return Math.pow(dot + p.c, p.degree || 2);
    case "negdist": return -Math.sqrt(d2);
    case "tanh": return Math.tanh((p.a === undefined ? 1 : p.a) * dot + (p.c === undefined ? -1 : p.c));
    case "relu": return Math.max(dot + (p.bias || 0), 0);
    default: throw new Error("unknown kernel " + name);
  }
}

/** Design matrix Phi[i*K + u] = K(X_i, W_u) for point lists X (n x 2) and W (K x 2). */
function designMatrix(X, W, name, p) {
  const n = X.length, K = W.length, Phi = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let u = 0; u < K; u++) Phi[i * K + u] = kernelValue(name, X[i], W[u], p);
  return Phi;
}

/** Gram matrix G[i*n + j] = K(X_i, X_j). */
function gramMatrix(X, name, p) { return designMatrix(X, X, name, p); }

/** Accuracy of sign(f) against labels y in {0,1}; f = 0 counts as wrong. Returns {acc, wrong[]}. */
function signAccuracy(f, y) {
  let right = 0;
  const wrong = [];
  for (let i = 0; i < y.length; i++) {
    const ok = (y[i] === 1 && f[i] > 0) || (y[i] === 0 && f[i] < 0);
    if (ok) right++; else wrong.push(i);
  }
  return { acc: y.length ? right / y.length : NaN, wrong };
}

/** Yat responses of one 2-D query against K prototypes (flat [x0, y0, x1, y1, ...]), float64. */
function yatResponses2d(qx, qy, W, K, b, eps) {
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
function activeUnits(phi, tau) {
  let top = 0;
  for (const v of phi) top = Math.max(top, v);
  const mask = Array.from(phi, (v) => top > 0 && v >= tau * top);
  const count = mask.filter(Boolean).length;
  return { mask, fraction: phi.length ? count / phi.length : 0 };
}

/** Fraction of ReLU units with v_u . x + c_u > 0 (V flat [vx0, vy0, ...]). Same rule as
 * yatlib.locality.relu_active_fraction. */
function reluActiveFraction(qx, qy, V, c) {
  const M = c.length;
  if (!M) return 0;
  let on = 0;
  for (let u = 0; u < M; u++) if (V[2 * u] * qx + V[2 * u + 1] * qy + c[u] > 0) on++;
  return on / M;
}

/** Shares a_u = phi_u / sum phi (null when there is nothing to share). Same as yatlib.locality.contributions. */
function sharesOrNull(phi) {
  let total = 0;
  for (const v of phi) total += v;
  if (!(phi.length > 0) || !(total > 0) || !Number.isFinite(total)) return null;
  return Array.from(phi, (v) => v / total);
}

/** Capacity (|x|^2 + b)^2 / eps of a unit centred at the query. Same as yatlib.locality.capacity. */
function capacity(qx, qy, b, eps) {
  const r = qx * qx + qy * qy + b;
  return r * r / eps;
}
