// Pure math of the "network explains itself" widget (Part II, chapter 4).
// Plain functions, no imports, no exports: bundled after common.js (which defines
// yatActivations) and loaded as-is by tests/unit/test_p2a_js.py under node.
// The formulas are those of yatlib.explain.

/** Decode base64 into a Uint8Array (pixels of the items, 0..255). */
function p2aDecodeU8(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Item i of a uint8 pixel block (N*D bytes) as a Float64Array in [0, 1] (pixel k -> k/255). */
function p2aItem(pixels, i, D) {
  const x = new Float64Array(D);
  const o = i * D;
  for (let d = 0; d < D; d++) x[d] = pixels[o + d] / 255;
  return x;
}

/** Shares a_u = phi_u / sum_v phi_v (equal shares if every phi is 0). */
function p2aShares(phi) {
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
function p2aExplain(x, W, K, D, b, eps, A, bias, C) {
  const phi = yatActivations(x, W, K, D, b, eps);
  const shares = p2aShares(phi);
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

/** Max-match of every item of a pixel block (N items of D pixels). */
function p2aMaxMatches(pixels, N, W, K, D, b, eps) {
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const phi = yatActivations(p2aItem(pixels, i, D), W, K, D, b, eps);
    let m = -Infinity;
    for (const v of phi) if (v > m) m = v;
    out[i] = m;
  }
  return out;
}

/** For each tau: fraction of in-distribution max-matches >= tau (accepted) and of
 *  out-of-distribution ones < tau (rejected). */
function p2aTradeoff(maxIn, maxOut, taus) {
  const accepted = taus.map((t) => maxIn.reduce((s, m) => s + (m >= t ? 1 : 0), 0) / maxIn.length);
  const rejected = taus.map((t) => maxOut.reduce((s, m) => s + (m < t ? 1 : 0), 0) / maxOut.length);
  return { accepted, rejected };
}

/** n log-spaced thresholds from lo to hi (both > 0). */
function p2aGeomspace(lo, hi, n) {
  const a = Math.log(lo), z = Math.log(hi);
  return Array.from({ length: n }, (_, i) => Math.exp(a + (z - a) * i / (n - 1)));
}
