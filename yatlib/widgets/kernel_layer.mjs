// Figure F04: a kernel layer in one picture, f(x) = Σ α_u κ(x, w_u), with the contribution of
// each unit at the input. Bundled after dom.js, canvas.js, plane.js, kernels.js; computed here.

const coord = (v) => Number(v).toFixed(2);
const itemName = (i) => (i < 0 ? "the input x" : `prototype ${i + 1}`);

// ---- state ----------------------------------------------------------------------

function layerState(model) {
  const W = model.get("prototypes").map((p) => p.slice());
  return { model, W, alpha: model.get("alpha").slice(), K: W.length,
    st: { x: model.get("x").slice(), le: Math.log10(model.get("eps")), b: model.get("b"), sel: -1 } };
}

/** The chosen item: the input x (sel -1) or a prototype. */
const selectedItem = (g) => (g.st.sel < 0 ? g.st.x : g.W[g.st.sel]);

function moveSelected(g, a, b) {
  const P = g.ui.P, clampP = (v) => Math.max(P.lo, Math.min(P.hi, Math.round(v * 100) / 100));
  const p = [clampP(a), clampP(b)];
  if (g.st.sel < 0) g.st.x = p; else g.W[g.st.sel] = p;
  g.draw();
}

/** The field f on the plane, each unit's contribution at x, their sum, and the unit that contributes most. */
function layerField(g, n) {
  const { W, alpha, K, st } = g, P = g.ui.P, p = { b: st.b, eps: 10 ** st.le };
  const v = P.sample((a, b) => { let s = 0; for (let u = 0; u < K; u++) s += alpha[u] * kernelValue("yat", [a, b], W[u], p); return s; }, n);
  let m = 0;
  for (let i = 0; i < n * n; i++) m = Math.max(m, Math.abs(v[i]));
  const contrib = W.map((w, u) => alpha[u] * kernelValue("yat", st.x, w, p));
  const f = contrib.reduce((s, c) => s + c, 0);
  let best = -1, bestAbs = 0, tot = 0;
  contrib.forEach((c, u) => { tot += Math.abs(c); if (Math.abs(c) > bestAbs) { bestAbs = Math.abs(c); best = u; } });
  return { v, m, contrib, f, best, bestAbs, tot };
}

// ---- controls -------------------------------------------------------------------

function layerControls(g) {
  const { alpha, W, st } = g;
  const P = planePanel({ size: 320, title: "f(x) = Σ α_u κ(x, w_u)", lo: -3, hi: 3 });
  const cbar = colourBar(P.canvas.height, "f");
  const bars = barChart(330, 250, "α_u κ(x, w_u) at the input, and their sum f");
  const sliders = alpha.map((a, u) => labelledSlider(`α of unit ${u + 1}`, { min: -2, max: 2, step: 0.05, value: a, format: coord,
    onInput: (v) => { alpha[u] = v; g.draw(); } }));
  const se = labelledSlider("ε (all units)", { min: -2, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; g.draw(); } });
  const picker = chipPicker("What the arrow keys move on the plane", {
    labels: () => ["input x", ...W.map((_, u) => `prototype ${u + 1}`)],
    get: () => st.sel + 1,
    set: (i) => { st.sel = i - 1; g.draw(); },
  });
  const pair = h("div", { class: "p1-pair" }, P.canvas, cbar.canvas);
  return { P, cbar, bars, readout: liveRegion("yl-status p1-readout"), sliders, se, picker, pair };
}

/** Arrow keys on the plane move the chosen item; the pointer grabs a prototype, or moves x; a bar picks its unit. */
function bindLayer(g) {
  const { P, pair, bars } = g.ui, { W, st, K } = g;
  keyboardDrag(pair, { label: "The field f; arrow keys move the chosen item", get: () => selectedItem(g).slice(), set: ([a, b]) => moveSelected(g, a, b), step: 0.05 });
  bars.canvas.addEventListener("click", (ev) => {
    const r = bars.canvas.getBoundingClientRect();
    const i = bars.barAt((ev.clientX - r.left) * bars.canvas.width / r.width, K + 1);
    if (i >= 0 && i < K) { st.sel = i; g.draw(); }
  });
  onPlanePointer(P, (a, b) => {
    // grab a prototype if the press is on one, otherwise move the input x
    const tol = 0.18 * (P.hi - P.lo) / 6;
    let hit = -1;
    W.forEach((w, u) => { if (Math.hypot(w[0] - a, w[1] - b) < tol) hit = u; });
    st.sel = hit;
    if (hit >= 0) { g.draw(); return (u, v) => moveSelected(g, u, v); }
    moveSelected(g, a, b);
    return (u, v) => moveSelected(g, u, v);
  });
}

function layOutLayer(g, el) {
  const ui = g.ui, figure = h("div", { class: "p1-panels" }, ui.pair, ui.bars.canvas);
  el.append(h("div", { class: "yl-controls" }, ui.se.root),
    h("div", { class: "yl-controls" }, h("span", { class: "yl-label", "aria-hidden": "true" }, "arrow keys on the plane move:"), ui.picker.root),
    h("div", { class: "p1-panels" }, figure, h("div", { class: "p1-protos" }, ui.sliders.map((s) => s.root))),
    ui.msg, ui.readout.root,
    h("div", { class: "yl-caption" }, "Drag the ring (the input x) or a numbered diamond (a prototype), or choose one above and move it with the arrow keys on the plane. "
      + "Orange: α > 0, blue: α < 0; grey line: f = 0. The dark outline marks the unit that contributes most at x; the ring in the focus colour marks the chosen item."),
    h("div", { class: "yl-toolbar" }, exportButton("kernel-layer", () => figure)));
}

// ---- drawing --------------------------------------------------------------------

/** The field, its zero line, the prototypes (the largest contributor outlined), the input ring and the chosen item. */
function drawLayerPlane(g, r, n) {
  const { W, alpha, st } = g, P = g.ui.P, t = theme(), ink = signedInk(), { v, m, best } = r;
  P.clear(); P.paint(v, n, (z) => signedMap(m > 0 ? z / m : 0)); P.axes();
  if (m > 0) P.zeroContour(v, n, t.muted, 1);
  W.forEach((w, u) => {
    P.marker(w[0], w[1], { shape: "diamond", r: u === best ? 9 : 7, fill: classColour(alpha[u] >= 0 ? 1 : 0),
      stroke: u === best ? ink.ink : ink.paper, lw: u === best ? 3 : 2 });
    P.label(w[0], w[1], String(u + 1));
  });
  P.marker(st.x[0], st.x[1], { r: 7, fill: "none", stroke: ink.paper, lw: 4 });
  P.marker(st.x[0], st.x[1], { r: 7, fill: "none", stroke: ink.ink, lw: 2 });
  const s = selectedItem(g);
  P.marker(s[0], s[1], { r: 13, fill: "none", stroke: t.focus, lw: 2 });
}

function sayLayer(g, r) {
  const { W, alpha, st } = g, ui = g.ui, { m, contrib, f, best, bestAbs, tot } = r;
  const selText = st.sel < 0 ? `the input x = (${coord(st.x[0])}, ${coord(st.x[1])})`
    : `prototype ${st.sel + 1} at (${coord(W[st.sel][0])}, ${coord(W[st.sel][1])}), α = ${coord(alpha[st.sel])}, α·κ = ${fmtNum(contrib[st.sel])}`;
  if (alpha.every((a) => a === 0)) {
    showMessage(ui.msg, "All α are zero: f = 0 everywhere, no unit contributes. Move an α slider.");
    ui.readout.say(`f(x) = 0 everywhere. Arrow keys move ${itemName(st.sel)}.`);
  } else {
    showMessage(ui.msg, "");
    ui.readout.say(`f(x) = ${fmtNum(f)}. Largest contribution: unit ${best + 1}, α·κ = ${fmtNum(contrib[best])} `
      + `(${(100 * bestAbs / (tot || 1)).toFixed(0)} % of Σ|α_u κ|). Chosen: ${selText}.`);
  }
  ui.readout.root.dataset.best = String(best + 1);
  describe(ui.pair, `Field f over the plane from −3 to 3 (orange positive, blue negative, largest |f| ${fmtNum(m)}), its zero line, six numbered prototypes `
    + `and the input ring at (${coord(st.x[0])}, ${coord(st.x[1])}); unit ${best + 1} contributes most there. Arrow keys move ${itemName(st.sel)} (Shift: faster).`);
  describe(ui.bars.canvas, `Bars of each unit's contribution at the input: ${contrib.map((c, u) => `${u + 1}: ${fmtNum(c)}`).join(", ")}; their sum f = ${fmtNum(f)}.`);
}

function drawLayer(g) {
  const n = 72, t = theme(), ui = g.ui, { W, alpha, st } = g;
  const r = layerField(g, n);
  drawLayerPlane(g, r, n);
  ui.cbar.draw(-r.m, r.m, signedMap, true);
  ui.bars.draw([...r.contrib, r.f], [...W.map((_, u) => String(u + 1)), "sum f"], { highlight: r.best, colours: [...r.contrib.map(() => null), t.muted] });
  ui.picker.draw();
  sayLayer(g, r);
  g.model.set("alpha", alpha.slice()); g.model.set("x", st.x.slice()); g.model.set("prototypes", W.map((w) => w.slice())); g.model.save_changes();
}

function renderFigure(el, model, life) {
  const msg = planeRoot(el);
  const g = layerState(model);
  g.ui = { msg, ...layerControls(g) };
  g.draw = timedDraw(el, () => drawLayer(g));
  bindLayer(g);
  layOutLayer(g, el);
  g.draw();
  return { redraw: g.draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "kernel_layer", label: "Figure F04: a kernel layer as a weighted sum of bumps" }, (root, life) => renderFigure(root, model, life));
  },
};
