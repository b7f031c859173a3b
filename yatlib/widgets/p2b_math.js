// Pure math of the Part II (chapters 5-8) widgets. Plain functions, no imports, no exports;
// bundled after common.js (it uses yatActivations) and loaded by tests/unit/test_p2b_js.py.

/** Decode base64 of raw bytes into a Uint8Array (pixels stored as uint8, 0..255). */
function p2bDecodeU8(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The blend (1 - t) a + t b of two uint8 images (length D), scaled to [0, 1]. */
function p2bBlend(a, b, t, D) {
  const x = new Float64Array(D);
  for (let d = 0; d < D; d++) x[d] = ((1 - t) * a[d] + t * b[d]) / 255;
  return x;
}

/**
 * Forward pass of a Yat MLP on one input: phi = yat(x, W), logits = phi A + c.
 * W is K*D row-major, A is K*C row-major, bias has C entries.
 * Returns {phi, logits, pred (argmax logits), top (argmax phi)}.
 */
function p2bForward(x, W, K, D, b, eps, A, bias, C) {
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
function p2bWalk(a, b, n, W, K, D, bb, eps, A, bias, C) {
  const ts = [], preds = [], tops = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const r = p2bForward(p2bBlend(a, b, t, D), W, K, D, bb, eps, A, bias, C);
    ts.push(t); preds.push(r.pred); tops.push(r.top);
  }
  return { ts, preds, tops };
}

/** Indices i >= 1 where seq[i] differs from seq[i - 1]. */
function p2bChanges(seq) {
  const out = [];
  for (let i = 1; i < seq.length; i++) if (seq[i] !== seq[i - 1]) out.push(i);
  return out;
}
