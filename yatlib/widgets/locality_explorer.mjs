// Figures F08 (mode "lazy") and F09 (mode "attribution"): a query point against a bank of Yat
// prototypes: which ones respond (and how a ReLU layer compares), or the exact share of each.
// Bundled after dom.js, canvas.js, plane.js, kernels.js.

const LX_SIZE = 320;   // the plane and the bars side by side in the book's column
const LX_CSS = `.yl-widget .lx-plane { border: 1px solid var(--yl-border); touch-action: none; cursor: crosshair; }
.yl-widget .lx-readout { font-variant-numeric: tabular-nums; }
.yl-widget .lx-side { width: 300px; }`;

// ---- state ----------------------------------------------------------------------

function localityState(model) {
  const W = model.get("prototypes").flat();
  return { mode: model.get("mode"), W, Kmax: W.length / 2, msgs: model.get("messages"), V: model.get("relu_v").flat(),
    c: model.get("relu_c"), b: model.get("b"), tau: model.get("tau"), lim: model.get("lim"), X: model.get("X"),
    logMin: Math.log10(model.get("eps_min")), logMax: Math.log10(model.get("eps_max")),
    st: { q: model.get("query").slice(), eps: model.get("eps"), K: W.length / 2, pick: 0 },
    order: [] };   // units in the order the bars show them
}

const lxPx = (g, x) => ((x + g.lim) / (2 * g.lim)) * LX_SIZE;
const lxPy = (g, v) => LX_SIZE - ((v + g.lim) / (2 * g.lim)) * LX_SIZE;

function setQuery(g, p) {
  const clampQ = (v) => Math.max(-g.lim, Math.min(g.lim, Math.round(v * 100) / 100));
  g.st.q = [clampQ(p[0]), clampQ(p[1])];
  g.draw();
}

/** What the layer does at the query: responses phi, the active set, the shares and the strongest unit. */
function respond(g) {
  const st = g.st, K = st.K, [qx, qy] = st.q;
  const Wk = g.W.slice(0, 2 * K);
  const phi = yatResponses2d(qx, qy, Wk, K, g.b, st.eps);
  let top1 = 0; for (let u = 0; u < K; u++) if (phi[u] > phi[top1]) top1 = u;
  return { K, qx, qy, Wk, phi, act: activeUnits(phi, g.tau), shares: sharesOrNull(phi), top1 };
}

// ---- controls -------------------------------------------------------------------

function localityControls(g) {
  const st = g.st;
  const epsSlider = labelledSlider("sharpness ε", { min: g.logMin, max: g.logMax, step: 0.01, value: Math.log10(st.eps),
    format: (v) => fmtNum(10 ** v, 2), onInput: (v) => { st.eps = 10 ** v; g.draw(); } });
  const kSlider = labelledSlider("prototypes in the layer", { min: 0, max: g.Kmax, step: 1, value: g.Kmax,
    format: (v) => String(v), onInput: (v) => { st.K = v; g.draw(); } });
  const barsBox = h("div", { class: "lx-bars-box" });
  pickByKeys(barsBox, { label: g.mode === "lazy" ? "Strongest responses: pick a unit" : "Shares: pick a unit",
    count: () => g.order.length, get: () => Math.max(0, g.order.indexOf(st.pick)), set: (i) => { st.pick = g.order[i]; g.draw(); } });
  barsBox.setAttribute("role", "application");
  barsBox.setAttribute("aria-roledescription", "unit picker");
  return { msg: h("div", { class: "yl-message", role: "alert" }), readout: liveRegion("yl-status lx-readout"), epsSlider, kSlider,
    side: h("div", { class: "lx-side" }), barsBox };
}

/** The plane (an SVG with a base layer drawn once per theme and a top layer drawn on every change). */
function localityPlane(g) {
  const plane = svg("svg", { width: LX_SIZE, height: LX_SIZE, class: "lx-plane", "aria-hidden": "true" });
  const base = svg("g", {}), top = svg("g", {});
  plane.append(base, top);
  const moveTo = (ev) => {
    const r = plane.getBoundingClientRect();
    const px = (ev.clientX - r.left) * LX_SIZE / r.width, py = (ev.clientY - r.top) * LX_SIZE / r.height;
    setQuery(g, [-g.lim + (px / LX_SIZE) * 2 * g.lim, -g.lim + ((LX_SIZE - py) / LX_SIZE) * 2 * g.lim]);
  };
  let dragging = false;
  plane.addEventListener("pointerdown", (ev) => { dragging = true; try { plane.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic */ } moveTo(ev); });
  plane.addEventListener("pointermove", (ev) => { if (dragging) moveTo(ev); });
  plane.addEventListener("pointerup", () => { dragging = false; });
  const planeBox = h("div", { class: "lx-plane-box" }, plane);
  keyboardDrag(planeBox, { label: "The plane; arrow keys move the query", get: () => g.st.q.slice(), set: (p) => setQuery(g, p), step: 0.05 });
  return { base, top, planeBox };
}

// ---- drawing --------------------------------------------------------------------

function paintBase(g) {
  const t = theme(), base = g.ui.base, lim = g.lim;
  base.replaceChildren();
  for (const tk of [-2, -1, 0, 1, 2]) {
    if (Math.abs(tk) >= lim) continue;
    base.append(svg("line", { x1: lxPx(g, tk), y1: 0, x2: lxPx(g, tk), y2: LX_SIZE, stroke: t.grid }));
    base.append(svg("line", { x1: 0, y1: lxPy(g, tk), x2: LX_SIZE, y2: lxPy(g, tk), stroke: t.grid }));
  }
  for (const p of g.X) base.append(svg("circle", { cx: lxPx(g, p[0]), cy: lxPy(g, p[1]), r: 1.8, fill: t.muted, "fill-opacity": 0.6 }));
  base.append(svg("text", { x: LX_SIZE - 28, y: LX_SIZE - 6, "font-size": 11, fill: t.fg }, "x₁ →"));
  base.append(svg("text", { x: 4, y: 12, "font-size": 11, fill: t.fg }, "↑ x₂"));
}

function bars(g, values, units, colourOf) {
  const t = theme(), width = 290, rowH = 16, pick = g.st.pick;
  const box = svg("svg", { width, height: rowH * units.length + 4, class: "lx-bars", "aria-hidden": "true" });
  units.forEach((u, r) => {
    const w = Math.max(0, values[u]) * (width - 110);
    if (u === pick) box.append(svg("rect", { x: 0, y: r * rowH + 1, width, height: rowH - 2, fill: t.highlight }));
    box.append(svg("rect", { x: 60, y: r * rowH + 2, width: w, height: rowH - 4, fill: colourOf(u) }));
    box.append(svg("text", { x: 2, y: r * rowH + 13, "font-size": 11, "font-weight": u === pick ? 700 : 400 }, `unit ${u + 1}`));
    box.append(svg("text", { x: 64 + w, y: r * rowH + 13, "font-size": 11 }, `${(100 * values[u]).toFixed(1)} %`));
  });
  return box;
}

function messageLine(msgs, shares, mix, K) {
  const t = theme(), width = 290, height = 46;
  const lo = Math.min(...msgs.slice(0, K)), hi = Math.max(...msgs.slice(0, K));
  const span = hi - lo || 1;
  const xs = (m) => 10 + ((m - lo) / span) * (width - 20);
  const box = svg("svg", { width, height, class: "lx-mixline" });
  box.append(svg("line", { x1: 10, y1: 22, x2: width - 10, y2: 22, stroke: t.border }));
  for (let u = 0; u < K; u++) box.append(svg("circle", { cx: xs(msgs[u]), cy: 22, r: 2 + 10 * Math.sqrt(shares[u]), fill: classColour(msgs[u] >= 0 ? 1 : 0), "fill-opacity": 0.45 }));
  box.append(svg("line", { x1: xs(mix), y1: 6, x2: xs(mix), y2: 38, stroke: t.fg, "stroke-width": 2 }));
  box.append(svg("text", { x: 10, y: 44, "font-size": 10 }, `messages from ${fmtNum(lo)} to ${fmtNum(hi)}; the bar: the mix`));
  describe(box, `Messages of the units on a line from ${fmtNum(lo)} to ${fmtNum(hi)}, dot size by share; the mix ${fmtNum(mix)} is marked by a bar.`);
  return box;
}

function queryMark(g) {
  const t = theme(), [qx, qy] = g.st.q;
  g.ui.top.append(svg("path", { d: `M${lxPx(g, qx) - 7},${lxPy(g, qy)}h14M${lxPx(g, qx)},${lxPy(g, qy) - 7}v14`, stroke: t.fg, "stroke-width": 2.5, class: "lx-query" }));
}

/** The prototypes (active ones joined to the query, or sized by share), the picked one ringed, the query. */
function drawUnits(g, r) {
  const t = theme(), red = classColour(3), top = g.ui.top, { K, qx, qy, Wk, act, shares } = r, attribution = g.mode === "attribution";
  for (let u = 0; u < K; u++) {
    const px = lxPx(g, Wk[2 * u]), py = lxPy(g, Wk[2 * u + 1]);
    const on = act.mask[u];
    if (on) top.append(svg("line", { x1: lxPx(g, qx), y1: lxPy(g, qy), x2: px, y2: py, stroke: red, "stroke-width": 1, "stroke-opacity": 0.6 }));
    const rad = attribution && shares ? 3 + 14 * Math.sqrt(shares[u]) : 6;
    const fill = attribution ? classColour(g.msgs[u] >= 0 ? 1 : 0) : (on ? red : t.bg);
    top.append(svg("circle", { cx: px, cy: py, r: rad, fill, "fill-opacity": attribution ? 0.6 : 1, stroke: on ? red : t.muted, "stroke-width": 1.5, class: on ? "lx-on" : "lx-off" }));
  }
  const pu = g.st.pick;
  top.append(svg("circle", { cx: lxPx(g, Wk[2 * pu]), cy: lxPy(g, Wk[2 * pu + 1]), r: attribution && shares ? 6 + 14 * Math.sqrt(shares[pu]) : 10,
    fill: "none", stroke: t.focus, "stroke-width": 2, "stroke-dasharray": "3 2", class: "lx-picked" }));
  queryMark(g);
}

/** F08: the strongest responses as bars, the active set, and a ReLU layer's active fraction. */
function drawLazy(g, r, where, keepFocus) {
  const t = theme(), red = classColour(3), st = g.st, ui = g.ui, { K, qx, qy, phi, act, top1 } = r;
  const nOn = act.mask.filter(Boolean).length;
  const reluFrac = reluActiveFraction(qx, qy, g.V, g.c);
  const shown = Array.from({ length: K }, (_, u) => u).sort((a, z) => phi[z] - phi[a]).slice(0, 16);
  if (!shown.includes(st.pick)) st.pick = shown[0];
  g.order = shown;
  const rel = Array.from(phi, (v) => v / (phi[top1] || 1));
  ui.side.append(h("div", { class: "yl-caption" }, `The ${shown.length} strongest Yat responses at the query, as a share of the strongest (active ones in red):`));
  ui.barsBox.replaceChildren(bars(g, rel, shown, (u) => (act.mask[u] ? red : t.muted)));
  ui.side.append(ui.barsBox);
  if (keepFocus) ui.barsBox.focus({ preventScroll: true });
  if (K > shown.length) ui.side.append(h("div", { class: "yl-caption" }, `… and ${K - shown.length} weaker units.`));
  ui.readout.say(`${where} · Yat: ${nOn} of ${K} prototypes active (${(100 * act.fraction).toFixed(0)} %), `
    + `a unit counts as active when its response is at least ${Math.round(100 * g.tau)} % of the strongest · ReLU layer of ${g.c.length} random units: `
    + `${(100 * reluFrac).toFixed(0)} % active (positive pre-activation) · picked: unit ${st.pick + 1}, response ${(100 * rel[st.pick]).toFixed(1)} % of the strongest, `
    + `${act.mask[st.pick] ? "active" : "not active"}.`);
  describe(ui.planeBox, `The plane from −${g.lim} to ${g.lim} with ${K} prototypes and the ${where}; ${nOn} prototypes are active and joined to the query by lines. Arrow keys move the query (Shift: faster).`);
}

/** F09: the shares as bars, the messages on a line with their mix, and the capacity. */
function drawAttribution(g, r, where, keepFocus) {
  const st = g.st, ui = g.ui, msgs = g.msgs, { K, qx, qy, shares, top1 } = r;
  if (!shares) {
    g.order = [];
    showMessage(ui.msg, "Every prototype responds with exactly 0 here (the query is orthogonal to all of them with b = 0); the shares are undefined.");
    ui.readout.say(`${where}: every response is 0, the shares are undefined.`);
    return;
  }
  let mix = 0, sum = 0;
  for (let u = 0; u < K; u++) { mix += shares[u] * msgs[u]; sum += shares[u]; }
  const cap = capacity(qx, qy, g.b, st.eps);
  g.order = Array.from({ length: K }, (_, u) => u).sort((a, z) => shares[z] - shares[a]);
  ui.barsBox.replaceChildren(bars(g, shares, g.order, (u) => classColour(msgs[u] >= 0 ? 1 : 0)));
  ui.side.append(h("div", { class: "yl-caption" }, "Shares aᵤ = φᵤ / Σφ (orange: votes for class 1, blue: class 0):"), ui.barsBox,
    h("div", { class: "yl-caption" }, "Each unit's message μᵤ (its vote for class 1 minus class 0), dot size by share:"), messageLine(msgs, shares, mix, K));
  if (keepFocus) ui.barsBox.focus({ preventScroll: true });
  ui.readout.say(`${where} · shares sum to ${sum.toFixed(4)} · largest: unit ${top1 + 1} with ${(100 * shares[top1]).toFixed(1)} % · `
    + `mixed message Σ aᵤ μᵤ = ${fmtNum(mix)} · capacity (‖x‖² + b)²/ε = ${fmtNum(cap)} · picked: unit ${st.pick + 1}, share ${(100 * shares[st.pick]).toFixed(1)} %, message ${fmtNum(msgs[st.pick])}.`);
  describe(ui.planeBox, `The plane from −${g.lim} to ${g.lim} with the ${K} prototypes of the trained network drawn by share and the ${where}; unit ${top1 + 1} holds the largest share. Arrow keys move the query (Shift: faster).`);
}

function drawLocality(g) {
  const st = g.st, ui = g.ui;
  const keepFocus = ui.barsBox.contains(document.activeElement);  // the bars are taken out and put back below
  ui.top.replaceChildren();
  ui.side.replaceChildren();
  ui.epsSlider.set(Math.log10(st.eps)); ui.kSlider.set(st.K);
  const [qx, qy] = st.q, K = st.K;
  const where = `query (${qx.toFixed(2)}, ${qy.toFixed(2)})`;
  if (!Number.isFinite(qx) || !Number.isFinite(qy) || !(st.eps > 0)) { showMessage(ui.msg, "The query or ε is not a valid number."); return; }
  if (K === 0) {
    g.order = [];
    showMessage(ui.msg, "No prototypes in the layer: nothing responds, so nothing is active and there is nothing to attribute. Raise “prototypes in the layer”.");
    ui.readout.say(`${where}: no prototypes in the layer.`);
    queryMark(g);
    describe(ui.planeBox, `The plane from −${g.lim} to ${g.lim} with the ${where} and no prototypes. Arrow keys move the query (Shift: faster).`);
    return;
  }
  showMessage(ui.msg, "");
  if (!(st.pick < K)) st.pick = 0;
  const r = respond(g);
  drawUnits(g, r);
  if (g.mode === "lazy") drawLazy(g, r, where, keepFocus);
  else drawAttribution(g, r, where, keepFocus);
}

function renderFigure(el, model, life) {
  el.append(h("style", {}, LX_CSS));
  const g = localityState(model);
  g.ui = { ...localityControls(g), ...localityPlane(g) };
  g.draw = timedDraw(el, () => drawLocality(g));
  const ui = g.ui;
  function redraw() { paintBase(g); g.draw(); }
  const figure = h("div", { class: "yl-row" }, ui.planeBox, ui.side);
  el.append(h("div", { class: "yl-controls" }, ui.epsSlider.root, ui.kSlider.root,
    h("span", { class: "yl-caption" }, "click or drag to move the query ✚, or focus the plane and use the arrow keys; pick a unit in the bars with the arrow keys")),
    ui.msg, figure, ui.readout.root, h("div", { class: "yl-toolbar" }, exportButton(g.mode === "lazy" ? "lazy-loading" : "exact-attribution", () => figure)));
  redraw();
  return { redraw };
}

export default {
  render({ model, el }) {
    const lazy = model.get("mode") === "lazy";
    return mountWidget(el, { name: "locality_explorer",
      label: lazy ? "Figure F08: which prototypes answer a query (lazy loading)" : "Figure F09: the exact share of each prototype (attribution)" },
    (root, life) => renderFigure(root, model, life));
  },
};
