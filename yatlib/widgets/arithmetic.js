// Pure functions of the painting-arithmetic widgets (no DOM, no exports): the ablation bars,
// the specificity of a knockout, the spread of the random draws, and unit numbers typed by the reader. Checked under node by tests/unit/test_arithmetic.py.

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
 * Unit numbers from text such as "3, 17, 40-45" or "#3 #17" (units 0..nUnits-1; nUnits 0: no upper
 * bound): {units} sorted without repeats, or {error} saying what is wrong in the reader's words.
 */
function parseUnits(text, nUnits) {
  const out = new Set();
  const parts = String(text).replace(/\s*[-–]\s*/g, "-").split(/[\s,;]+/).filter((p) => p.length);
  if (!parts.length) return { error: "Type the numbers of the units to knock out, e.g. 3, 17, 40-45." };
  const top = nUnits > 0 ? nUnits - 1 : Infinity;
  for (const p of parts) {
    const m = /^#?(\d+)(?:\s*[-–]\s*#?(\d+))?$/.exec(p);
    if (!m) return { error: `“${p}” is not a unit number; use whole numbers and ranges such as 40-45.` };
    const a = Number(m[1]), b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) return { error: `The range ${p} runs backwards; write it as ${b}-${a}.` };
    if (b > top) return { error: `There is no unit ${b}: the units are numbered 0 to ${top}.` };
    if (b - a > 10000) return { error: `The range ${p} is too long.` };
    for (let u = a; u <= b; u++) out.add(u);
  }
  return { units: [...out].sort((x, y) => x - y) };
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
