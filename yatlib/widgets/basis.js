// The privileged basis in the browser: a two-layer network with a rotation Q(θ) slipped into its
// hidden layer, and a Yat layer whose data and prototypes are rotated together. The same formulas
// as yatlib.basis (givens_rotation, forward, yat_activations); tests/unit/test_js_basis.py runs
// these functions under node and compares them with yatlib. No DOM, no exports.

/** Q(θ) h for the block rotation of yatlib.basis.givens_rotation: each coordinate pair (0, 1),
 *  (2, 3), ... turned by θ (transpose: by −θ); an odd last coordinate is left alone. */
function rotatePairs(hv, theta, transpose = false) {
  const c = Math.cos(theta), s = transpose ? -Math.sin(theta) : Math.sin(theta);
  const out = Float64Array.from(hv);
  for (let i = 0; i + 1 < hv.length; i += 2) {
    out[i] = c * hv[i] - s * hv[i + 1];
    out[i + 1] = s * hv[i] + c * hv[i + 1];
  }
  return out;
}

/**
 * First output of W2 Qᵀ σ(Q(W1 x + c1)) + c2 for one 2-D input (x1, x2), with Q = Q(θ) and σ the
 * identity (relu = false) or ReLU. net = {W1: [H][2], c1: [H], W2: [O][H], c2: [O]} (as yatlib.basis.TwoLayerNet).
 */
function rotatedNetOutput(net, x1, x2, theta, relu) {
  const H = net.c1.length;
  const hv = new Float64Array(H);
  for (let j = 0; j < H; j++) hv[j] = net.W1[j][0] * x1 + net.W1[j][1] * x2 + net.c1[j];
  const q = rotatePairs(hv, theta);
  if (relu) for (let j = 0; j < H; j++) q[j] = Math.max(q[j], 0);
  const back = rotatePairs(q, theta, true);
  let y = net.c2[0];
  for (let j = 0; j < H; j++) y += net.W2[0][j] * back[j];
  return y;
}

/** (x, y) turned by the angle θ: R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]]. */
function rotate2d(x, y, theta) {
  const c = Math.cos(theta), s = Math.sin(theta);
  return [c * x - s * y, s * x + c * y];
}

/** Σ_u a_u φ_u(x) with the prototypes W (flat [x0, y0, x1, y1, ...]) turned by θ, where
 *  φ_u(x) = (w_u·x + b)² / (‖x − w_u‖² + ε) (yatlib.basis.yat_activations with R on the prototypes only). */
function rotatedYatReadout(x1, x2, W, a, b, eps, theta) {
  let f = 0;
  for (let u = 0; u < a.length; u++) {
    const [wx, wy] = rotate2d(W[2 * u], W[2 * u + 1], theta);
    const dot = wx * x1 + wy * x2;
    const d2 = Math.max((x1 - wx) ** 2 + (x2 - wy) ** 2, 0);
    f += a[u] * (dot + b) * (dot + b) / (d2 + eps);
  }
  return f;
}
