// Small dense linear algebra and a seeded random generator for the widgets: ridge solves,
// symmetric eigenvalues (Jacobi). No DOM, no exports; checked against numpy by the node tests.

/**
 * Ridge readout alpha = (Phi^T Phi + lam_eff I)^{-1} Phi^T t, Phi row-major n x K.
 * relative: lam_eff = lam * trace(Phi^T Phi) / K (as yatlib.ridge.solve). Gaussian elimination with
 * partial pivoting. Returns {alpha, ok, reason}; alpha is all zeros when Phi = 0.
 */
function ridgeSolve(Phi, n, K, t, lam, relative) {
  const A = new Float64Array(K * K), r = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    for (let u = 0; u < K; u++) {
      const pu = Phi[i * K + u];
      r[u] += pu * t[i];
      for (let v = u; v < K; v++) A[u * K + v] += pu * Phi[i * K + v];
    }
  }
  for (let u = 0; u < K; u++) for (let v = 0; v < u; v++) A[u * K + v] = A[v * K + u];
  let tr = 0;
  for (let u = 0; u < K; u++) tr += A[u * K + u];
  const scale = relative ? tr / K : 1;
  if (!(scale > 0) || !Number.isFinite(scale)) return { alpha: new Float64Array(K), ok: false, reason: "no prototype responds to any point" };
  for (let u = 0; u < K; u++) A[u * K + u] += lam * scale;
  // solve A alpha = r
  const M = A, x = r;
  for (let c = 0; c < K; c++) {
    let piv = c, best = Math.abs(M[c * K + c]);
    for (let q = c + 1; q < K; q++) { const v = Math.abs(M[q * K + c]); if (v > best) { best = v; piv = q; } }
    if (!(best > 0)) return { alpha: new Float64Array(K), ok: false, reason: "singular system" };
    if (piv !== c) {
      for (let k = 0; k < K; k++) { const tmp = M[c * K + k]; M[c * K + k] = M[piv * K + k]; M[piv * K + k] = tmp; }
      const tmp = x[c]; x[c] = x[piv]; x[piv] = tmp;
    }
    for (let q = c + 1; q < K; q++) {
      const f = M[q * K + c] / M[c * K + c];
      if (f === 0) continue;
      for (let k = c; k < K; k++) M[q * K + k] -= f * M[c * K + k];
      x[q] -= f * x[c];
    }
  }
  const alpha = new Float64Array(K);
  for (let c = K - 1; c >= 0; c--) {
    let s = x[c];
    for (let k = c + 1; k < K; k++) s -= M[c * K + k] * alpha[k];
    alpha[c] = s / M[c * K + c];
  }
  for (let u = 0; u < K; u++) if (!Number.isFinite(alpha[u])) return { alpha: new Float64Array(K), ok: false, reason: "the solve overflowed" };
  return { alpha, ok: true, reason: "" };
}

/**
 * Eigenvalues of a symmetric n x n matrix (row-major array), cyclic Jacobi rotations.
 * Returns a Float64Array sorted ascending.
 */
function jacobiEigenvalues(G, n) {
  const A = Float64Array.from(G);
  let norm = 0;
  for (let i = 0; i < n * n; i++) norm += A[i] * A[i];
  const tol = 1e-30 * Math.max(norm, 1e-300);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p * n + q] * A[p * n + q];
    if (off <= tol) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const app = A[p * n + p], aqq = A[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p], akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k], aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
      }
    }
  }
  const ev = new Float64Array(n);
  for (let i = 0; i < n; i++) ev[i] = A[i * n + i];
  return ev.sort();
}

/** Seeded uniform RNG in [0, 1) (mulberry32). */
function seededRng(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal from a uniform RNG (Box-Muller). */
function normalSample(rng) {
  const u = Math.max(rng(), 1e-12), v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
