// Figure F14: eigenvalues of the Yat Gram matrix of random points, next to a similarity that is
// not a kernel. Bundled after dom.js, chart.js, canvas.js, plane.js, kernels.js, linalg.js;
// everything is computed here, in the browser.

/** Symmetric log scale, linear between ±1e-6: maps [-1, 1] onto [-1, 1]. */
const symlog = (v) => Math.sign(v) * Math.log10(1 + Math.abs(v) / 1e-6) / Math.log10(1 + 1 / 1e-6);

const GS_CONTRASTS = [["negdist", "−‖x − y‖ (negative distance)", "−‖x − y‖"], ["tanh", "tanh(x·y − 1) (sigmoid 'kernel')", "tanh(x·y − 1)"]];
const GS_TICKS = [[1, "+1"], [1e-2, "+10⁻²"], [1e-4, "+10⁻⁴"], [0, "0"], [-1e-4, "−10⁻⁴"], [-1e-2, "−10⁻²"], [-1, "−1"]];

// ---- state ----------------------------------------------------------------------

/** The points of the current seed and the eigenvalues of both Gram matrices, smallest first. */
function spectra(st) {
  const rng = seededRng(st.seed * 7919), X = [];
  for (let i = 0; i < st.n; i++) X.push([normalSample(rng), normalSample(rng)]);
  const [ck] = GS_CONTRASTS[st.contrast];
  return { X, ey: jacobiEigenvalues(gramMatrix(X, "yat", { b: st.b, eps: 10 ** st.le }), st.n),
    ec: jacobiEigenvalues(gramMatrix(X, ck, {}), st.n) };
}

// ---- controls -------------------------------------------------------------------

function spectrumControls(g) {
  const st = g.st;
  const sn = labelledSlider("number of points", { min: 2, max: 60, step: 1, value: st.n, onInput: (v) => { st.n = v; g.draw(); } });
  const sb = labelledSlider("bias b", { min: 0, max: 3, step: 0.05, value: st.b, format: (v) => Number(v).toFixed(2), onInput: (v) => { st.b = v; g.draw(); } });
  const se = labelledSlider("ε", { min: -3, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; g.draw(); } });
  const sel = selectControl("compare with", GS_CONTRASTS.map((c) => c[1]), 0, (i) => { st.contrast = i; g.draw(); });
  const chart = svg("svg", { class: "gs-chart" });
  const chartBox = h("div", { class: "gs-chart-box" }, chart);
  pickByKeys(chartBox, { label: "Eigenvalues: pick one", count: () => st.n, get: () => st.pick, set: (i) => { st.pick = i; g.draw(); } });
  chartBox.setAttribute("role", "application");
  chartBox.setAttribute("aria-roledescription", "eigenvalue picker");
  return { P: planePanel({ size: 220, title: "the points", lo: -3, hi: 3 }), chart, chartBox, readout: liveRegion("yl-status p1-readout"),
    sn, sb, se, sel };
}

// ---- drawing --------------------------------------------------------------------

/** Both spectra, each divided by its largest |λ|, on a symmetric log axis; returns {ok, ratios, scaled}. */
function drawSpectra(g, ey, ec, t) {
  const st = g.st, ui = g.ui, [, , cshort] = GS_CONTRASTS[st.contrast];
  const tickLabel = new Map(GS_TICKS.map(([v, l]) => [symlog(v).toFixed(6), l]));
  const frame = chartFrame(ui.chart, {
    width: 520, height: ui.P.canvas.height, margin: { l: 62, t: 26 }, title: "eigenvalues λ / max|λ|, sorted (symmetric log scale)",
    x: { domain: [0.5, st.n + 0.5], label: "eigenvalue index, smallest first", ticks: niceTicks(1, st.n, 6).filter((v) => Number.isInteger(v) && v >= 1) },
    y: { domain: [-1.02, 1.02], ticks: GS_TICKS.map(([v]) => symlog(v)), format: (v) => tickLabel.get(v.toFixed(6)) || "" },
  });
  hLine(frame, 0, { colour: t.border, dash: null });
  const series = [[ey, classColour(0), "Yat", -0.15], [ec, classColour(3), cshort, 0.15]];
  const ratios = [], scaled = [];
  let ok = true;
  for (const [ev, col, , off] of series) {
    const topAbs = Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
    if (!(topAbs > 0) || !ev.every(Number.isFinite)) { ok = false; ratios.push(NaN); scaled.push([]); continue; }
    ratios.push(ev[0] / topAbs);
    const s = Array.from(ev, (v) => v / topAbs);
    scaled.push(s);
    pointSeries(frame, s.map((_, i) => i + 1 + off), s.map(symlog), { colour: col, r: 3 });
  }
  vLine(frame, st.pick + 1, { colour: t.focus, cls: "gs-picked" });
  legend(frame, [{ label: "Yat", colour: classColour(0), marker: true }, { label: cshort, colour: classColour(3), marker: true }], { x: frame.right - 120, y: frame.bottom - 34 });
  return { ok, ratios, scaled };
}

function saySpectra(g, { ok, ratios, scaled }) {
  const st = g.st, ui = g.ui, [, , cshort] = GS_CONTRASTS[st.contrast];
  if (!ok) showMessage(ui.msg, "A Gram matrix is zero or not finite for these settings (e.g. all points at the origin with b = 0).");
  else showMessage(ui.msg, "");
  const passY = ratios[0] >= -1e-6, passC = ratios[1] >= -1e-6;
  const pickText = ok ? ` Eigenvalue ${st.pick + 1} of ${st.n} (smallest first): Yat ${fmtNum(scaled[0][st.pick])}, ${cshort} ${fmtNum(scaled[1][st.pick])} (each divided by its largest |λ|).` : "";
  ui.readout.say(`Yat: λ_min / λ_max = ${fmtNum(ratios[0])} ${passY ? "≥ 0 (within rounding): positive semi-definite" : "< 0"}. `
    + `${cshort}: λ_min / λ_max = ${fmtNum(ratios[1])} ${passC ? "≥ 0 for this draw" : "< 0: not a kernel"}.${pickText}`);
  ui.readout.root.dataset.yat = String(ratios[0]); ui.readout.root.dataset.contrast = String(ratios[1]);
  describe(ui.chartBox, `Eigenvalues of the two Gram matrices of ${st.n} points, each divided by its largest absolute value, smallest first, on a symmetric log axis: `
    + `Yat (blue) from ${fmtNum(ratios[0])} up to 1, ${cshort} (red) from ${fmtNum(ratios[1])}. Arrow keys pick an eigenvalue to read.`);
}

function drawSpectrum(g) {
  const t = theme(), st = g.st, P = g.ui.P;
  const { X, ey, ec } = spectra(st);
  P.clear(); P.fill(t.panel); P.axes();
  X.forEach((x) => P.marker(x[0], x[1], { r: 3.5, fill: t.fg, stroke: t.bg, lw: 1 }));
  describe(P.canvas, `${st.n} random points drawn from a standard normal distribution on the plane from −3 to 3.`);
  if (!(st.pick < st.n)) st.pick = st.n - 1;
  saySpectra(g, drawSpectra(g, ey, ec, t));
}

function renderFigure(el, model, life) {
  const msg = planeRoot(el);
  const g = { st: { n: model.get("n_points"), b: 0.5, le: Math.log10(0.1), contrast: 0, seed: 1, pick: 0 } };
  g.ui = { msg, ...spectrumControls(g) };
  g.draw = timedDraw(el, () => drawSpectrum(g));
  const ui = g.ui, figure = h("div", { class: "p1-panels" }, ui.P.canvas, ui.chartBox);
  el.append(h("div", { class: "yl-controls" }, ui.sn.root, ui.sb.root, ui.se.root, ui.sel.root,
    button("new random points", () => { g.st.seed += 1; g.draw(); })),
  figure, msg, ui.readout.root, h("div", { class: "yl-toolbar" }, exportButton("gram-spectrum", () => figure)));
  g.draw();
  return { redraw: g.draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "gram_spectrum", label: "Figure F14: eigenvalues of a Yat Gram matrix and of a similarity that is not a kernel" },
      (root, life) => renderFigure(root, model, life));
  },
};
