// Figure F05: be the optimiser. Place prototypes on a 2-D data set, set or auto-fit their readout,
// and watch the decision boundary. Bundled after dom.js, canvas.js, plane.js, kernels.js,
// linalg.js; everything is computed here, in the browser.

const F05_KERNELS = [["yat", "Yat"], ["gaussian", "Gaussian"]];
const coord = (v) => Number(v).toFixed(2);

// ---- state ----------------------------------------------------------------------

/** The data sets ({name: [{X, y}, ...]}), yatlib's answers ({name: {kernel, eps | sigma, W, alpha, acc}}) and the state. */
function optimiserState(model) {
  const data = model.get("datasets"), names = Object.keys(data);
  const st = { ds: model.get("dataset"), seed: 0, kernel: "yat", lg: Math.log10(0.5), le: Math.log10(0.1), b: 1, protos: [], lam: 1e-3, sel: -1 };
  if (!names.includes(st.ds)) st.ds = names[0];
  return { model, data, presets: model.get("presets"), names, st };
}

const kernelParams = (st) => ({ b: st.b, eps: 10 ** st.le, sigma: 10 ** st.lg });
const shownSample = (g) => g.data[g.st.ds][g.st.seed % g.data[g.st.ds].length];

/** The class of the data point nearest to (a, b): a new prototype votes for it. */
function voteAt(g, a, b) {
  const { X, y } = shownSample(g);
  let best = 0, bd = Infinity;
  X.forEach((x, i) => { const d = Math.hypot(x[0] - a, x[1] - b); if (d < bd) { bd = d; best = i; } });
  return y.length ? (y[best] ? 1 : -1) : 1;
}

function addPrototype(g, a, b) {
  const q = { x: a, y: b, a: voteAt(g, a, b) };
  g.st.protos.push(q);
  g.st.sel = g.st.protos.length - 1;
  rebuildSliders(g);
  return q;
}

function deletePrototype(g, u) {
  const st = g.st;
  if (!(u >= 0 && u < st.protos.length)) { showMessage(g.ui.msg, "No prototype is chosen: add one first."); return; }
  st.protos.splice(u, 1);
  st.sel = Math.min(st.sel, st.protos.length - 1);
  rebuildSliders(g); g.draw();
}

/** Keyboard path to a new prototype: the first free spot near the centre of the plane. */
function addFromKeyboard(g) {
  const spots = [[0, 0]];
  for (let r = 0.4; r <= 1.6; r += 0.4) for (let k = 0; k < 8; k++) spots.push([r * Math.cos(k * Math.PI / 4), r * Math.sin(k * Math.PI / 4)]);
  const free = spots.find(([a, b]) => g.st.protos.every((q) => Math.hypot(q.x - a, q.y - b) > 0.2)) || [0, 0];
  addPrototype(g, Math.round(free[0] * 100) / 100, Math.round(free[1] * 100) / 100);
  g.draw();
}

function autofit(g) {
  const st = g.st, { X, y } = shownSample(g), msg = g.ui.msg;
  if (!st.protos.length) { showMessage(msg, "Auto-fit needs at least one prototype: click on the plane or press “add a prototype”."); return; }
  const W = st.protos.map((p) => [p.x, p.y]);
  const Phi = designMatrix(X, W, st.kernel, kernelParams(st));
  const r = ridgeSolve(Phi, X.length, W.length, y.map((v) => 2 * v - 1), st.lam, true);
  if (!r.ok) { showMessage(msg, `Auto-fit failed: ${r.reason}. Move the prototypes or change the kernel width.`); return; }
  let m = 0;
  for (const a of r.alpha) m = Math.max(m, Math.abs(a));
  // a positive rescale keeps the sign of f (the boundary); it puts the α on the sliders' scale
  st.protos.forEach((p, u) => { p.a = m > 0 ? 1.5 * r.alpha[u] / m : 0; p.slider.set(p.a.toFixed(2)); });
  g.draw();
}

function loadPreset(g) {
  const st = g.st, pr = g.presets[st.ds];
  if (!pr) { showMessage(g.ui.msg, "No precomputed answer for this data set."); return; }
  st.kernel = pr.kernel; g.ui.selK.set(F05_KERNELS.findIndex((k) => k[0] === pr.kernel));
  if (pr.kernel === "yat") st.le = Math.log10(pr.eps); else st.lg = Math.log10(pr.sigma);
  st.seed = 0;
  st.protos = pr.W.map((w, u) => ({ x: w[0], y: w[1], a: pr.alpha[u] }));
  let m = 0; for (const q of st.protos) m = Math.max(m, Math.abs(q.a));
  for (const q of st.protos) q.a = m > 0 ? 1.5 * q.a / m : 0;
  st.sel = st.protos.length ? 0 : -1;
  rebuildSliders(g); g.draw();
}

// ---- controls -------------------------------------------------------------------

/** One α slider (and a delete button) per prototype. */
function rebuildSliders(g) {
  const st = g.st, protoBox = g.ui.protoBox;
  protoBox.replaceChildren();
  if (!st.protos.length) protoBox.append(h("div", { class: "yl-caption" }, "No prototypes yet."));
  st.protos.forEach((p, u) => {
    const s = labelledSlider(`α${u + 1}`, { min: -2, max: 2, step: 0.01, value: p.a, format: (v) => Number(v).toFixed(2), onInput: (v) => { p.a = v; st.sel = u; g.draw(); } });
    s.input.setAttribute("aria-label", `α of prototype ${u + 1}`);
    p.slider = s;
    protoBox.append(h("div", { class: "yl-controls" }, s.root, button("×", () => deletePrototype(g, u), { label: `delete prototype ${u + 1}` })));
  });
}

function optimiserControls(g) {
  const st = g.st, names = g.names;
  const selDs = selectControl("data set", names, names.indexOf(st.ds), (i) => { st.ds = names[i]; st.seed = 0; g.draw(); });
  const selK = selectControl("kernel", F05_KERNELS.map((k) => k[1]), 0, (i) => { st.kernel = F05_KERNELS[i][0]; g.draw(); });
  const sWidth = labelledSlider("unit width (σ for Gaussian, ε for Yat)", { min: -2, max: 0.5, step: 0.05, value: st.le,
    format: (v) => logFmt(10 ** v), onInput: (v) => { if (st.kernel === "yat") st.le = v; else st.lg = v; g.draw(); } });
  const picker = chipPicker("Chosen prototype", {
    labels: () => st.protos.map((_, u) => String(u + 1)),
    get: () => st.sel,
    set: (i) => { st.sel = i; g.draw(); },
  });
  const pickerBox = h("span", { class: "yl-controls", style: "margin:0" }, h("span", { class: "yl-label", "aria-hidden": "true" }, "chosen prototype:"), picker.root);
  return { selDs, selK, sWidth, picker, pickerBox };
}

/** The plane: arrow keys move the chosen prototype, Insert or + adds one, Delete removes it; the pointer adds and drags. */
function bindPlane(g, P, pair) {
  const st = g.st;
  const clampP = (v) => Math.max(P.lo, Math.min(P.hi, Math.round(v * 100) / 100));
  keyboardDrag(pair, {
    label: "Your classifier; arrow keys move the chosen prototype",
    get: () => (st.protos[st.sel] ? [st.protos[st.sel].x, st.protos[st.sel].y] : [0, 0]),
    set: ([a, b]) => {
      const q = st.protos[st.sel];
      if (!q) { showMessage(g.ui.msg, "No prototype is chosen: press “add a prototype” (or click the plane), then move it with the arrow keys."); return; }
      q.x = clampP(a); q.y = clampP(b); g.draw();
    },
    step: 0.05,
  });
  pair.addEventListener("keydown", (e) => {
    if (e.key === "Delete" || e.key === "Backspace") { e.preventDefault(); deletePrototype(g, st.sel); }
    else if (e.key === "Insert" || e.key === "+") { e.preventDefault(); addFromKeyboard(g); }
  });
  onPlanePointer(P, (a, b, ev) => {
    const tol = 0.12;
    let hit = -1;
    st.protos.forEach((q, u) => { if (Math.hypot(q.x - a, q.y - b) < tol) hit = u; });
    if (hit >= 0 && ev.shiftKey) { deletePrototype(g, hit); return null; }
    if (hit >= 0) { st.sel = hit; g.draw(); return (u, v) => { st.protos[hit].x = u; st.protos[hit].y = v; g.draw(); }; }
    const q = addPrototype(g, a, b);
    g.draw();
    return (u, v) => { q.x = u; q.y = v; g.draw(); };
  });
}

function layOutOptimiser(g, el) {
  const ui = g.ui, st = g.st;
  const figure = h("div", {}, ui.pair);
  el.append(
    h("div", { class: "yl-controls" }, ui.selDs.root, ui.selK.root, ui.sWidth.root),
    h("div", { class: "yl-controls" },
      button("auto-fit α", () => autofit(g)), button("resample", () => { st.seed += 1; g.draw(); }),
      button("clear", () => { st.protos = []; st.sel = -1; rebuildSliders(g); g.draw(); }),
      button("show yatlib's k-means answer", () => loadPreset(g))),
    h("div", { class: "yl-controls" }, button("add a prototype", () => addFromKeyboard(g)),
      button("delete the chosen prototype", () => deletePrototype(g, st.sel)), ui.pickerBox),
    h("div", { class: "p1-panels" }, figure, ui.protoBox), ui.msg, ui.readout.root,
    h("div", { class: "yl-caption" }, "Click empty space: add a prototype (it starts voting for the nearest point's class). Drag: move it. Shift-click or ×: delete. "
      + "With the keyboard: “add a prototype”, choose one with the arrow keys in the row of numbers, then focus the plane and move it with the arrow keys (Delete removes it). "
      + "The dark line is the decision boundary f = 0. Auto-fit solves the ridge least-squares problem for α (λ = 10⁻³ × mean diagonal of ΦᵀΦ) and rescales so the largest |α| is 1.5; "
      + "the rescale leaves the boundary where it is. Yat units use b = 1."),
    h("div", { class: "yl-toolbar" }, exportButton("be-the-optimiser", () => figure)));
}

// ---- drawing --------------------------------------------------------------------

/** The field f and its boundary f = 0; returns the accuracy (or null) and what to tell the reader. */
function paintClassifier(g, X, y) {
  const st = g.st, P = g.ui.P, p = kernelParams(st), K = st.protos.length, n = 64, t = theme();
  const W = st.protos.map((q) => [q.x, q.y]);
  const fAt = (a, b) => { let s = 0; for (let u = 0; u < K; u++) s += st.protos[u].a * kernelValue(st.kernel, [a, b], W[u], p); return s; };
  P.clear();
  const messages = [];
  const classes = new Set(y);
  if (classes.size < 2) messages.push("This sample has a single class: any f of that sign everywhere is 100 % right, so there is nothing to separate. Resample or pick another data set.");
  if (K === 0) {
    P.fill(t.panel);
    messages.push("No prototypes: click on empty space in the plane, or press “add a prototype”.");
    return { res: null, messages };
  }
  const v = P.sample(fAt, n);
  let m = 0, bad = false;
  for (let i = 0; i < n * n; i++) { if (!Number.isFinite(v[i])) bad = true; else m = Math.max(m, Math.abs(v[i])); }
  if (bad) messages.push("The field is not finite here; widen the units (raise the width).");
  P.paint(v, n, (z) => { const s = m > 0 ? z / m : 0; return signedMap(0.55 * Math.sign(s) * Math.sqrt(Math.abs(s))); });
  if (m > 0) P.zeroContour(v, n, t.fg, 2.5);
  if (m === 0 && !st.protos.every((q) => q.a === 0)) messages.push("f is zero everywhere in the picture: the units are too narrow to reach any point. Widen them.");
  if (st.protos.every((q) => q.a === 0)) messages.push("All α are zero: f = 0 everywhere and every point sits on the boundary (counted as wrong). Move an α slider or press auto-fit.");
  return { res: signAccuracy(X.map((x) => fAt(x[0], x[1])), y), messages };
}

/** The data points (misclassified ones crossed), the prototypes and a ring round the chosen one. */
function drawOptimiserMarks(g, X, y, res) {
  const st = g.st, P = g.ui.P, t = theme(), ink = signedInk();
  P.axes();
  const wrong = new Set(res ? res.wrong : []);
  X.forEach((x, i) => P.marker(x[0], x[1], { r: 3.2, fill: classColour(y[i] ? 1 : 0), stroke: ink.paper, lw: 0.8 }));
  if (res) X.forEach((x, i) => { if (wrong.has(i)) P.marker(x[0], x[1], { shape: "cross", r: 4, stroke: classColour(3), lw: 2 }); });
  st.protos.forEach((q, u) => {
    P.marker(q.x, q.y, { shape: "diamond", r: 8, fill: classColour(q.a >= 0 ? 1 : 0), stroke: ink.ink, lw: 2 });
    P.label(q.x, q.y, String(u + 1), { dx: 10, dy: -8 });
  });
  if (st.protos[st.sel]) P.marker(st.protos[st.sel].x, st.protos[st.sel].y, { r: 14, fill: "none", stroke: t.focus, lw: 2 });
}

function sayOptimiser(g, y, res, messages) {
  const st = g.st, ui = g.ui, K = st.protos.length, readout = ui.readout;
  const chosen = st.protos[st.sel];
  const chosenText = chosen ? ` Chosen: prototype ${st.sel + 1} at (${coord(chosen.x)}, ${coord(chosen.y)}), α = ${coord(chosen.a)}.` : "";
  const setting = `${st.ds} data, ${F05_KERNELS.find((k) => k[0] === st.kernel)[1]} kernel. `;
  if (res && Number.isFinite(res.acc)) {
    readout.root.classList.toggle("p1-good", res.acc >= 0.95);
    readout.say(`${setting}Accuracy ${(100 * res.acc).toFixed(1)} % — ${res.wrong.length} of ${y.length} points misclassified (red ×), `
      + `${K} prototype${K === 1 ? "" : "s"}.${chosenText}`);
  } else {
    readout.root.classList.remove("p1-good");
    readout.say(`${setting}Accuracy — (no classifier yet: click the plane to place a prototype).`);
  }
  showMessage(ui.msg, messages.join(" "));
  describe(ui.pair, `The ${st.ds} data (${y.length} points, class 0 blue, class 1 orange) on the plane from −2 to 2`
    + (K ? ` with ${K} prototypes, the decision boundary f = 0 and ${res ? res.wrong.length : 0} misclassified points marked ×.` : ", with no prototypes yet.")
    + " Arrow keys move the chosen prototype, Insert or + adds one, Delete removes it.");
}

function drawOptimiser(g) {
  const st = g.st, ui = g.ui, { X, y } = shownSample(g), K = st.protos.length;
  if (st.sel >= K) st.sel = K - 1;
  if (st.sel < 0 && K) st.sel = 0;
  ui.sWidth.set(st.kernel === "yat" ? st.le : st.lg);
  ui.selDs.set(g.names.indexOf(st.ds));
  const { res, messages } = paintClassifier(g, X, y);
  drawOptimiserMarks(g, X, y, res);
  ui.picker.draw();
  ui.pickerBox.hidden = K === 0;
  sayOptimiser(g, y, res, messages);
  g.model.set("accuracy", res && Number.isFinite(res.acc) ? res.acc : -1); g.model.save_changes();
}

function renderFigure(el, model, life) {
  const g = optimiserState(model);
  const msg = planeRoot(el);
  const P = planePanel({ size: 360, title: "sign f(x): the classifier you build", lo: -2, hi: 2 });
  g.ui = { msg, P, readout: liveRegion("yl-status p1-readout p1-acc"), protoBox: h("div", { class: "p1-protos" }), ...optimiserControls(g) };
  g.ui.pair = h("div", { class: "p1-pair" }, P.canvas);
  g.draw = timedDraw(el, () => drawOptimiser(g));
  bindPlane(g, P, g.ui.pair);
  layOutOptimiser(g, el);
  rebuildSliders(g); g.draw();
  return { redraw: g.draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "be_the_optimiser", label: "Figure F05: be the optimiser, place prototypes and fit the readout" }, (root, life) => renderFigure(root, model, life));
  },
};
