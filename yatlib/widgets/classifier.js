// A trained Yat MLP classifier in the browser: forward pass, the explanation as a vote,
// max-match abstention, and walks between two items. Same formulas as yatlib.explain and
// yatlib.blend. Needs kernels.js (yatActivations). No DOM, no exports.

/** Item i of a pixel block (N*D values) as a Float64Array, each value divided by `scale`:
 *  uint8 pixels k with scale 255 give k/255 in [0, 1]; float32 values with scale 1 stay as they are. */
function itemPixels(pixels, i, D, scale = 255) {
  const x = new Float64Array(D);
  const o = i * D;
  for (let d = 0; d < D; d++) x[d] = pixels[o + d] / scale;
  return x;
}

/** Shares a_u = phi_u / sum_v phi_v (equal shares if every phi is 0). */
function voteShares(phi) {
  let total = 0;
  for (const v of phi) total += v;
  const out = new Float64Array(phi.length);
  for (let u = 0; u < phi.length; u++) out[u] = total > 0 ? phi[u] / total : 1 / phi.length;
  return out;
}

/**
 * Explain one input: activations, shares, logits z_c = sum_u phi_u A[u, c] + bias_c,
 * prediction, max-match and the units ordered by share (largest first).
 * W: K*D prototypes row-major; A: K*C readout row-major (yatlib's readout.kernel).
 */
function explainItem(x, W, K, D, b, eps, A, bias, C) {
  const phi = yatActivations(x, W, K, D, b, eps);
  const shares = voteShares(phi);
  const logits = new Float64Array(C);
  for (let c = 0; c < C; c++) logits[c] = bias[c];
  for (let u = 0; u < K; u++) for (let c = 0; c < C; c++) logits[c] += phi[u] * A[u * C + c];
  let pred = 0;
  for (let c = 1; c < C; c++) if (logits[c] > logits[pred]) pred = c;
  let maxMatch = -Infinity;
  for (const v of phi) if (v > maxMatch) maxMatch = v;
  const order = Array.from({ length: K }, (_, u) => u).sort((p, q) => shares[q] - shares[p] || p - q);
  return { phi, shares, logits, pred, maxMatch, order };
}

/** Max-match of every item of a pixel block (N items of D values, divided by `scale` as in itemPixels). */
function maxMatches(pixels, N, W, K, D, b, eps, scale = 255) {
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const phi = yatActivations(itemPixels(pixels, i, D, scale), W, K, D, b, eps);
    let m = -Infinity;
    for (const v of phi) if (v > m) m = v;
    out[i] = m;
  }
  return out;
}

/** For each tau: fraction of in-distribution max-matches >= tau (accepted) and of
 *  out-of-distribution ones < tau (rejected). */
function abstentionTradeoff(maxIn, maxOut, taus) {
  const accepted = taus.map((t) => maxIn.reduce((s, m) => s + (m >= t ? 1 : 0), 0) / maxIn.length);
  const rejected = taus.map((t) => maxOut.reduce((s, m) => s + (m < t ? 1 : 0), 0) / maxOut.length);
  return { accepted, rejected };
}

/** n log-spaced thresholds from lo to hi (both > 0). */
function geomspace(lo, hi, n) {
  const a = Math.log(lo), z = Math.log(hi);
  return Array.from({ length: n }, (_, i) => Math.exp(a + (z - a) * i / (n - 1)));
}

/** The blend (1 - t) a + t b of two uint8 images (length D), scaled to [0, 1]. */
function blendItems(a, b, t, D) {
  const x = new Float64Array(D);
  for (let d = 0; d < D; d++) x[d] = ((1 - t) * a[d] + t * b[d]) / 255;
  return x;
}

/**
 * Forward pass of a Yat MLP on one input: phi = yat(x, W), logits = phi A + c.
 * W is K*D row-major, A is K*C row-major, bias has C entries.
 * Returns {phi, logits, pred (argmax logits), top (argmax phi)}.
 */
function forwardYatMlp(x, W, K, D, b, eps, A, bias, C) {
  const phi = yatActivations(x, W, K, D, b, eps);
  const logits = new Float64Array(C);
  for (let c = 0; c < C; c++) logits[c] = bias[c];
  for (let u = 0; u < K; u++) for (let c = 0; c < C; c++) logits[c] += phi[u] * A[u * C + c];
  let pred = 0, top = 0;
  for (let c = 1; c < C; c++) if (logits[c] > logits[pred]) pred = c;
  for (let u = 1; u < K; u++) if (phi[u] > phi[top]) top = u;
  return { phi, logits, pred, top };
}

/** Walk from item a to item b in n + 1 equal steps of t: predicted class and most active prototype at each t. */
function walkBetween(a, b, n, W, K, D, bb, eps, A, bias, C) {
  const ts = [], preds = [], tops = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const r = forwardYatMlp(blendItems(a, b, t, D), W, K, D, bb, eps, A, bias, C);
    ts.push(t); preds.push(r.pred); tops.push(r.top);
  }
  return { ts, preds, tops };
}

/** Indices i >= 1 where seq[i] differs from seq[i - 1]. */
function changePoints(seq) {
  const out = [];
  for (let i = 1; i < seq.length; i++) if (seq[i] !== seq[i - 1]) out.push(i);
  return out;
}
