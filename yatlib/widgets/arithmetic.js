// Pure functions of the painting-arithmetic widgets (no DOM, no exports): the ablation bars
// and the specificity of a knockout. Checked under node by tests/unit/test_arithmetic.py.

/**
 * Bars of the ablation figure for one subset and one intervention.
 * table = {baseline: [4], after: flat [S*H*4] (subset, how, operator), n_how: H}.
 * Returns {before: [4], after: [4], change: [4]} in percentage points, or null when out of range.
 */
function ablationBars(table, subset, how) {
  const nOps = table.baseline.length;
  const nHow = table.n_how;
  const nSub = table.after.length / (nHow * nOps);
  if (!Number.isInteger(subset) || !Number.isInteger(how) || subset < 0 || subset >= nSub || how < 0 || how >= nHow) {
    return null;
  }
  const before = [], after = [], change = [];
  for (let o = 0; o < nOps; o++) {
    const b = 100 * table.baseline[o];
    const a = 100 * table.after[(subset * nHow + how) * nOps + o];
    before.push(b); after.push(a); change.push(a - b);
  }
  return { before, after, change };
}

/** Ratio of the targeted drop (how = 0, whole rows) to the random drop (how = 2) on the subset's own operator. */
function specificity(table, subset) {
  const rows = ablationBars(table, subset, 0);
  const rand = ablationBars(table, subset, 2);
  if (!rows || !rand) return NaN;
  const target = -rows.change[subset];
  const random = -rand.change[subset];
  return random > 0 ? target / random : Infinity;
}

/**
 * Lowest and highest accuracy (in %) over the random draws, for one subset and one operator.
 * low, high: flat [4 subsets * 4 operators] in [0, 1]. Returns null when there are no draws or the index is out of range.
 */
function randomSpread(low, high, subset, op) {
  const i = subset * 4 + op;
  if (!Array.isArray(low) || !Array.isArray(high) || !(i >= 0 && i < low.length && i < high.length)) return null;
  if (!Number.isFinite(low[i]) || !Number.isFinite(high[i])) return null;
  return { low: 100 * low[i], high: 100 * high[i] };
}
