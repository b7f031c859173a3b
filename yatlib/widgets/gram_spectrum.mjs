// Figure F14: eigenvalues of the Yat Gram matrix of random points, next to a similarity that is
// not a kernel. Bundled after dom.js, chart.js, canvas.js, plane.js, kernels.js, linalg.js;
// everything is computed here, in the browser.

/** Symmetric log scale, linear between ±1e-6: maps [-1, 1] onto [-1, 1]. */
const symlog = (v) => Math.sign(v) * Math.log10(1 + Math.abs(v) / 1e-6) / Math.log10(1 + 1 / 1e-6);

function renderFigure(el, model, life) {
  const msg = planeRoot(el);
  const contrasts = [["negdist", "−‖x − y‖ (negative distance)", "−‖x − y‖"], ["tanh", "tanh(x·y − 1) (sigmoid 'kernel')", "tanh(x·y − 1)"]];
  const st = { n: model.get("n_points"), b: 0.5, le: Math.log10(0.1), contrast: 0, seed: 1, pick: 0 };
  const P = planePanel({ size: 220, title: "the points", lo: -3, hi: 3 });
  const chart = svg("svg", { class: "gs-chart" });
  const chartBox = h("div", { class: "gs-chart-box" }, chart);
  const readout = liveRegion("yl-status p1-readout");
  const sn = labelledSlider("number of points", { min: 2, max: 60, step: 1, value: st.n, onInput: (v) => { st.n = v; draw(); } });
  const sb = labelledSlider("bias b", { min: 0, max: 3, step: 0.05, value: st.b, format: (v) => Number(v).toFixed(2), onInput: (v) => { st.b = v; draw(); } });
  const se = labelledSlider("ε", { min: -3, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; draw(); } });
  const sel = selectControl("compare with", contrasts.map((c) => c[1]), 0, (i) => { st.contrast = i; draw(); });
  pickByKeys(chartBox, { label: "Eigenvalues: pick one", count: () => st.n, get: () => st.pick, set: (i) => { st.pick = i; draw(); } });
  chartBox.setAttribute("role", "application");
  chartBox.setAttribute("aria-roledescription", "eigenvalue picker");
  const ticks = [[1, "+1"], [1e-2, "+10⁻²"], [1e-4, "+10⁻⁴"], [0, "0"], [-1e-4, "−10⁻⁴"], [-1e-2, "−10⁻²"], [-1, "−1"]];
  const tickLabel = new Map(ticks.map(([v, l]) => [symlog(v).toFixed(6), l]));

  const draw = timedDraw(el, () => {
    const t = theme();
    const rng = seededRng(st.seed * 7919), X = [];
    for (let i = 0; i < st.n; i++) X.push([normalSample(rng), normalSample(rng)]);
    const [ck, , cshort] = contrasts[st.contrast];
    const ey = jacobiEigenvalues(gramMatrix(X, "yat", { b: st.b, eps: 10 ** st.le }), st.n);
    const ec = jacobiEigenvalues(gramMatrix(X, ck, {}), st.n);
    P.clear(); P.fill(t.panel); P.axes();
    X.forEach((x) => P.marker(x[0], x[1], { r: 3.5, fill: t.fg, stroke: t.bg, lw: 1 }));
    describe(P.canvas, `${st.n} random points drawn from a standard normal distribution on the plane from −3 to 3.`);
    if (!(st.pick < st.n)) st.pick = st.n - 1;
    const frame = chartFrame(chart, {
      width: 520, height: P.canvas.height, margin: { l: 62, t: 26 }, title: "eigenvalues λ / max|λ|, sorted (symmetric log scale)",
      x: { domain: [0.5, st.n + 0.5], label: "eigenvalue index, smallest first", ticks: niceTicks(1, st.n, 6).filter((v) => Number.isInteger(v) && v >= 1) },
      y: { domain: [-1.02, 1.02], ticks: ticks.map(([v]) => symlog(v)), format: (v) => tickLabel.get(v.toFixed(6)) || "" },
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
    if (!ok) showMessage(msg, "A Gram matrix is zero or not finite for these settings (e.g. all points at the origin with b = 0).");
    else showMessage(msg, "");
    const passY = ratios[0] >= -1e-6, passC = ratios[1] >= -1e-6;
    const pickText = ok ? ` Eigenvalue ${st.pick + 1} of ${st.n} (smallest first): Yat ${fmtNum(scaled[0][st.pick])}, ${cshort} ${fmtNum(scaled[1][st.pick])} (each divided by its largest |λ|).` : "";
    readout.say(`Yat: λ_min / λ_max = ${fmtNum(ratios[0])} ${passY ? "≥ 0 (within rounding): positive semi-definite" : "< 0"}. `
      + `${cshort}: λ_min / λ_max = ${fmtNum(ratios[1])} ${passC ? "≥ 0 for this draw" : "< 0: not a kernel"}.${pickText}`);
    readout.root.dataset.yat = String(ratios[0]); readout.root.dataset.contrast = String(ratios[1]);
    describe(chartBox, `Eigenvalues of the two Gram matrices of ${st.n} points, each divided by its largest absolute value, smallest first, on a symmetric log axis: `
      + `Yat (blue) from ${fmtNum(ratios[0])} up to 1, ${cshort} (red) from ${fmtNum(ratios[1])}. Arrow keys pick an eigenvalue to read.`);
  });
  const figure = h("div", { class: "p1-panels" }, P.canvas, chartBox);
  el.append(h("div", { class: "yl-controls" }, sn.root, sb.root, se.root, sel.root,
    button("new random points", () => { st.seed += 1; draw(); })),
  figure, msg, readout.root, h("div", { class: "yl-toolbar" }, exportButton("gram-spectrum", () => figure)));
  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "gram_spectrum", label: "Figure F14: eigenvalues of a Yat Gram matrix and of a similarity that is not a kernel" },
      (root, life) => renderFigure(root, model, life));
  },
};
