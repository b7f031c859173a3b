// A Yat MLP trained in the browser on 2-D data: the same algorithm, step for step, as
// yatlib.toy_training (Python, float64). Plain functions, no DOM, no exports; bundled after
// linalg.js (seededRng, the seeded generator both languages implement). tests/unit/
// test_js_trainer.py runs these functions under node and compares every step with yatlib.
//
// Model: phi_u(x) = (w_u . x + b)^2 / (||x - w_u||^2 + eps), logits z = phi(x) A + c,
// b = softplus(raw_b), eps = softplus(raw_eps). Loss: mean softmax cross-entropy over a batch.
// Parameters live in one Float64Array theta = [W (K x 2), A (K x C), c (C), raw_b, raw_eps];
// Adam (as optax.adam: b1 0.9, b2 0.999, eps 1e-8) updates theta in place.

const ADAM_B1 = 0.9, ADAM_B2 = 0.999, ADAM_EPS = 1e-8;

/** softplus(x) = log(1 + e^x), without overflow. */
function trainerSoftplus(x) { return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)); }

/** Inverse of softplus, log(e^y - 1), for y > 0. */
function trainerSoftplusInverse(y) { return Math.log(Math.expm1(y)); }

/** The logistic function, the derivative of softplus. */
function trainerSigmoid(x) { return 1 / (1 + Math.exp(-x)); }

/** Offsets of the parameter blocks in theta for K units and C classes. */
function trainerLayout(K, C) {
  const A = 2 * K, c = A + K * C, rawB = c + C, rawEps = rawB + 1;
  return { W: 0, A, c, rawB, rawEps, size: rawEps + 1 };
}

/**
 * The starting parameters drawn from seededRng(seed), in this order: the prototypes, row by row,
 * uniform on [-lim, lim]^2; the readout A, row by row, uniform on [-sqrt(3/K), sqrt(3/K)]
 * (the variance 1/K of a LeCun start); c = 0; b = b0 and eps = eps0 through softplus.
 * Returns {theta, rng}: the generator continues with the mini-batches.
 */
function trainerInitialParameters(K, C, eps0, seed, lim, b0) {
  const L = trainerLayout(K, C), theta = new Float64Array(L.size), rng = seededRng(seed);
  for (let i = 0; i < 2 * K; i++) theta[L.W + i] = -lim + 2 * lim * rng();
  const a = Math.sqrt(3 / K);
  for (let i = 0; i < K * C; i++) theta[L.A + i] = a * (2 * rng() - 1);
  theta[L.rawB] = trainerSoftplusInverse(b0);
  theta[L.rawEps] = trainerSoftplusInverse(eps0);
  return { theta, rng };
}

/**
 * Mean cross-entropy of the rows `idx` of X (flat, N x 2) with labels y, and its gradient with
 * respect to theta (written into `grad`, which is zeroed first). Returns {loss, correct}.
 * Hand-written backward pass: with p = softmax(z) and dz = (p - onehot(y)) / B,
 * dA = phi^T dz, dc = sum dz, dphi = dz A^T; phi = s^2 / d with s = w.x + b, d = ||x - w||^2 + eps:
 * ds = 2 s dphi / d, dd = -phi dphi / d; dw = ds x + 2 dd (w - x); db = sum ds, deps = sum dd,
 * then through softplus: d raw = d value * sigmoid(raw).
 */
function trainerLossGrad(theta, K, C, X, y, idx, grad) {
  const L = trainerLayout(K, C);
  const b = trainerSoftplus(theta[L.rawB]), eps = trainerSoftplus(theta[L.rawEps]);
  const B = idx.length;
  grad.fill(0);
  const phi = new Float64Array(K), s = new Float64Array(K), den = new Float64Array(K);
  const z = new Float64Array(C), dz = new Float64Array(C);
  let loss = 0, correct = 0, gb = 0, ge = 0;
  for (let k = 0; k < B; k++) {
    const n = idx[k], x0 = X[2 * n], x1 = X[2 * n + 1];
    for (let u = 0; u < K; u++) {
      const w0 = theta[2 * u], w1 = theta[2 * u + 1];
      const e0 = x0 - w0, e1 = x1 - w1;
      s[u] = w0 * x0 + w1 * x1 + b;
      den[u] = e0 * e0 + e1 * e1 + eps;
      phi[u] = s[u] * s[u] / den[u];
    }
    let best = 0;
    for (let c = 0; c < C; c++) {
      let v = theta[L.c + c];
      for (let u = 0; u < K; u++) v += phi[u] * theta[L.A + u * C + c];
      z[c] = v;
      if (v > z[best]) best = c;
    }
    if (best === y[n]) correct++;
    let zmax = z[0];
    for (let c = 1; c < C; c++) if (z[c] > zmax) zmax = z[c];
    let total = 0;
    for (let c = 0; c < C; c++) { dz[c] = Math.exp(z[c] - zmax); total += dz[c]; }
    loss += Math.log(total) + zmax - z[y[n]];
    for (let c = 0; c < C; c++) dz[c] = (dz[c] / total - (c === y[n] ? 1 : 0)) / B;
    for (let c = 0; c < C; c++) grad[L.c + c] += dz[c];
    for (let u = 0; u < K; u++) {
      let dphi = 0;
      for (let c = 0; c < C; c++) {
        grad[L.A + u * C + c] += phi[u] * dz[c];
        dphi += dz[c] * theta[L.A + u * C + c];
      }
      const ds = 2 * s[u] * dphi / den[u], dd = -phi[u] * dphi / den[u];
      const w0 = theta[2 * u], w1 = theta[2 * u + 1];
      grad[2 * u] += ds * x0 + 2 * dd * (w0 - x0);
      grad[2 * u + 1] += ds * x1 + 2 * dd * (w1 - x1);
      gb += ds;
      ge += dd;
    }
  }
  grad[L.rawB] = gb * trainerSigmoid(theta[L.rawB]);
  grad[L.rawEps] = ge * trainerSigmoid(theta[L.rawEps]);
  return { loss: loss / B, correct };
}

/** One Adam step on theta in place (optax.adam's formula); t is the step number after this one (1, 2, ...). */
function adamUpdate(theta, grad, m, v, t, lr) {
  const c1 = 1 - Math.pow(ADAM_B1, t), c2 = 1 - Math.pow(ADAM_B2, t);
  for (let i = 0; i < theta.length; i++) {
    const g = grad[i];
    m[i] = (1 - ADAM_B1) * g + ADAM_B1 * m[i];
    v[i] = (1 - ADAM_B2) * (g * g) + ADAM_B2 * v[i];
    theta[i] -= lr * ((m[i] / c1) / (Math.sqrt(v[i] / c2) + ADAM_EPS));
  }
}

/**
 * A trainer for data X (flat Float64Array, N x 2) and labels y (Int32Array, classes 0..C-1).
 * opts: {units K, eps0, seed, learningRate, batchSize (N or more: full batch), lim, b0, theta}.
 * `theta` (optional) replaces the seeded start (the generator is still drawn from, so mini-batches
 * stay those of `seed`).
 */
function trainerCreate(X, y, opts) {
  const N = y.length, K = opts.units;
  let C = 2;
  for (let i = 0; i < N; i++) C = Math.max(C, y[i] + 1);
  const lim = opts.lim === undefined ? 2.2 : opts.lim, b0 = opts.b0 === undefined ? 1 : opts.b0;
  const start = trainerInitialParameters(K, C, opts.eps0, opts.seed, lim, b0);
  const theta = opts.theta ? Float64Array.from(opts.theta) : start.theta;
  const bs = Math.min(opts.batchSize || N, N);
  const perm = new Int32Array(N), rows = new Int32Array(N);
  for (let i = 0; i < N; i++) { perm[i] = i; rows[i] = i; }
  return {
    X, y, N, K, C, lim, theta, rng: start.rng, lr: opts.learningRate, batchSize: bs, perm, rows, cursor: 0,
    m: new Float64Array(theta.length), v: new Float64Array(theta.length), grad: new Float64Array(theta.length),
    scratch: new Float64Array(theta.length),
    step: 0, layout: trainerLayout(K, C),
  };
}

/**
 * The rows of the next batch: every row, in order, for a full batch; otherwise consecutive slices
 * of a permutation that is reshuffled (Fisher-Yates with the seeded generator) at the start of each
 * epoch; an epoch has floor(N / batchSize) batches (the rest of the permutation is skipped).
 */
function trainerNextBatch(tr) {
  const { N, batchSize: bs, perm } = tr;
  if (bs >= N) return tr.rows;
  if (tr.cursor === 0) {
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(tr.rng() * (i + 1));
      const t = perm[i]; perm[i] = perm[j]; perm[j] = t;
    }
  }
  const idx = perm.slice(tr.cursor, tr.cursor + bs);
  tr.cursor += bs;
  if (tr.cursor + bs > N) tr.cursor = 0;
  return idx;
}

/** One training step: a batch, the loss and its gradient, one Adam update. Returns the batch loss. */
function trainerStep(tr) {
  const idx = trainerNextBatch(tr);
  const { loss } = trainerLossGrad(tr.theta, tr.K, tr.C, tr.X, tr.y, idx, tr.grad);
  tr.step += 1;
  adamUpdate(tr.theta, tr.grad, tr.m, tr.v, tr.step, tr.lr);
  return loss;
}

/** Loss and accuracy on all the training data (no update). */
function trainerEvaluate(tr) {
  const r = trainerLossGrad(tr.theta, tr.K, tr.C, tr.X, tr.y, tr.rows, tr.scratch);
  return { loss: r.loss, accuracy: r.correct / tr.N };
}

/** The current b and eps. */
function trainerKernel(tr) { return { b: trainerSoftplus(tr.theta[tr.layout.rawB]), eps: trainerSoftplus(tr.theta[tr.layout.rawEps]) }; }

/**
 * Class probabilities of the network with parameters theta on the centres of a G x G grid over
 * [-lim, lim]^2, row 0 at the top (largest x2). Writes G*G*C numbers into `out` (Float32Array).
 */
function trainerField(theta, K, C, G, lim, out) {
  const L = trainerLayout(K, C);
  const b = trainerSoftplus(theta[L.rawB]), eps = trainerSoftplus(theta[L.rawEps]);
  const z = new Float64Array(C), cell = 2 * lim / G;
  for (let r = 0; r < G; r++) {
    const x1 = lim - (r + 0.5) * cell;
    for (let q = 0; q < G; q++) {
      const x0 = -lim + (q + 0.5) * cell;
      for (let c = 0; c < C; c++) z[c] = theta[L.c + c];
      for (let u = 0; u < K; u++) {
        const w0 = theta[2 * u], w1 = theta[2 * u + 1];
        const e0 = x0 - w0, e1 = x1 - w1, s = w0 * x0 + w1 * x1 + b;
        const phi = s * s / (e0 * e0 + e1 * e1 + eps);
        for (let c = 0; c < C; c++) z[c] += phi * theta[L.A + u * C + c];
      }
      let zmax = z[0];
      for (let c = 1; c < C; c++) if (z[c] > zmax) zmax = z[c];
      let total = 0;
      for (let c = 0; c < C; c++) { z[c] = Math.exp(z[c] - zmax); total += z[c]; }
      const o = (r * G + q) * C;
      for (let c = 0; c < C; c++) out[o + c] = z[c] / total;
    }
  }
  return out;
}
