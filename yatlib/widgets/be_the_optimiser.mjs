// Figure F05: be the optimiser. Bundled after dom.js, canvas.js, plane.js, kernels.js, linalg.js;
// everything is computed here, in the browser.

function renderFigure(model, el) {
  const msg = planeRoot(el);
  const data = model.get("datasets");           // {name: [{X, y}, ...]}
  const presets = model.get("presets");         // {name: {kernel, param, W, alpha, acc}}
  const names = Object.keys(data);
  const st = { ds: model.get("dataset"), seed: 0, kernel: "yat", lg: Math.log10(0.5), le: Math.log10(0.1), b: 1, protos: [], lam: 1e-3 };
  if (!names.includes(st.ds)) st.ds = names[0];
  const P = planePanel({ size: 360, title: "sign f(x): the classifier you build", lo: -2, hi: 2 });
  const acc = h("div", { class: "p1-readout p1-acc" });
  const protoBox = h("div", { class: "p1-protos" });
  const selDs = h("select", { "aria-label": "data set" }, names.map((n) => h("option", { value: n }, n)));
  selDs.value = st.ds;
  const selK = h("select", { "aria-label": "kernel" }, h("option", { value: "yat" }, "Yat"), h("option", { value: "gaussian" }, "Gaussian"));
  const sWidth = labelledSlider("unit width (σ for Gaussian, ε for Yat)", { min: -2, max: 0.5, step: 0.05, value: st.le,
    format: (v) => logFmt(10 ** v), onInput: (v) => { if (st.kernel === "yat") st.le = v; else st.lg = v; draw(); } });
  const btn = (label, fn) => h("button", { type: "button", onclick: fn }, label);
  const params = () => ({ b: st.b, eps: 10 ** st.le, sigma: 10 ** st.lg });
  const sample = () => data[st.ds][st.seed % data[st.ds].length];
  function rebuildSliders() {
    protoBox.innerHTML = "";
    if (!st.protos.length) protoBox.append(h("div", { class: "yl-caption" }, "No prototypes yet."));
    st.protos.forEach((p, u) => {
      const s = labelledSlider(`α${u + 1}`, { min: -2, max: 2, step: 0.01, value: p.a, format: (v) => v.toFixed(2), onInput: (v) => { p.a = v; draw(); } });
      p.slider = s;
      protoBox.append(h("div", { class: "yl-controls" }, s.root, btn("×", () => { st.protos.splice(u, 1); rebuildSliders(); draw(); })));
    });
  }
  function autofit() {
    const { X, y } = sample();
    if (!st.protos.length) { showMessage(msg, "Auto-fit needs at least one prototype: click on the plane to add one."); return; }
    const W = st.protos.map((p) => [p.x, p.y]);
    const Phi = designMatrix(X, W, st.kernel, params());
    const r = ridgeSolve(Phi, X.length, W.length, y.map((v) => 2 * v - 1), st.lam, true);
    if (!r.ok) { showMessage(msg, `Auto-fit failed: ${r.reason}. Move the prototypes or change the kernel width.`); return; }
    let m = 0;
    for (const a of r.alpha) m = Math.max(m, Math.abs(a));
    // a positive rescale keeps the sign of f (the boundary); it puts the α on the sliders' scale
    st.protos.forEach((p, u) => { p.a = m > 0 ? 1.5 * r.alpha[u] / m : 0; p.slider.set(p.a.toFixed(2)); });
    st.lastFit = true;
    draw();
  }
  const draw = timedDraw(el, () => {
    const { X, y } = sample(), p = params(), K = st.protos.length, n = 64;
    sWidth.set(st.kernel === "yat" ? st.le : st.lg);
    const W = st.protos.map((q) => [q.x, q.y]);
    const fAt = (a, b) => { let s = 0; for (let u = 0; u < K; u++) s += st.protos[u].a * kernelValue(st.kernel, [a, b], W[u], p); return s; };
    P.clear();
    let messages = [];
    const classes = new Set(y);
    if (classes.size < 2) messages.push("This sample has a single class: any f of that sign everywhere is 100 % right, so there is nothing to separate. Resample or pick another data set.");
    let res = null;
    if (K === 0) {
      P.paint(new Float64Array(1), 1, () => [245, 245, 245]);
      messages.push("No prototypes: click on empty space in the plane to add one.");
    } else {
      const v = P.sample(fAt, n);
      let m = 0, bad = false;
      for (let i = 0; i < n * n; i++) { if (!Number.isFinite(v[i])) bad = true; else m = Math.max(m, Math.abs(v[i])); }
      if (bad) messages.push("The field is not finite here; widen the units (raise the width).");
      P.paint(v, n, (z) => { const t = m > 0 ? z / m : 0; const c = diverging(Math.sign(t) * Math.sqrt(Math.abs(t))); return c.map((q) => Math.round(255 - 0.6 * (255 - q))); });
      if (m > 0) P.zeroContour(v, n, "#111", 2.5);
      if (m === 0 && !st.protos.every((q) => q.a === 0)) messages.push("f is zero everywhere in the picture: the units are too narrow to reach any point. Widen them.");
      if (st.protos.every((q) => q.a === 0)) messages.push("All α are zero: f = 0 everywhere and every point sits on the boundary (counted as wrong). Move an α slider or press auto-fit.");
      res = signAccuracy(X.map((x) => fAt(x[0], x[1])), y);
    }
    P.axes();
    const wrong = new Set(res ? res.wrong : []);
    X.forEach((x, i) => P.marker(x[0], x[1], { r: 3.2, fill: P1_CLASS[y[i] ? 1 : 0], stroke: "#fff", lw: 0.8 }));
    if (res) X.forEach((x, i) => { if (wrong.has(i)) P.marker(x[0], x[1], { shape: "cross", r: 4, stroke: "#c00", lw: 2 }); });
    st.protos.forEach((q, u) => {
      P.marker(q.x, q.y, { shape: "diamond", r: 8, fill: q.a >= 0 ? P1_CLASS[1] : P1_CLASS[0], stroke: "#000", lw: 2 });
      const [px, py] = P.toPix(q.x, q.y);
      P.ctx.fillStyle = "#000"; P.ctx.font = "bold 11px system-ui"; P.ctx.fillText(String(u + 1), px + 10, py - 8);
    });
    acc.innerHTML = "";
    if (res && Number.isFinite(res.acc)) {
      acc.append(h("span", { class: res.acc >= 0.95 ? "p1-good" : "" }, `Accuracy ${(100 * res.acc).toFixed(1)} %`),
        ` — ${res.wrong.length} of ${y.length} points misclassified (red ×), ${K} prototype${K === 1 ? "" : "s"}.`);
    } else acc.append("Accuracy — (no classifier yet)");
    showMessage(msg, messages.join(" "));
    model.set("accuracy", res && Number.isFinite(res.acc) ? res.acc : -1); model.save_changes();
  });
  onPlanePointer(P, (a, b, ev) => {
    const tol = 0.12;
    let hit = -1;
    st.protos.forEach((q, u) => { if (Math.hypot(q.x - a, q.y - b) < tol) hit = u; });
    if (hit >= 0 && ev.shiftKey) { st.protos.splice(hit, 1); rebuildSliders(); draw(); return null; }
    if (hit >= 0) return (u, v) => { st.protos[hit].x = u; st.protos[hit].y = v; draw(); };
    // a new prototype votes for the class of the nearest data point
    const { X, y } = sample();
    let best = 0, bd = Infinity;
    X.forEach((x, i) => { const d = Math.hypot(x[0] - a, x[1] - b); if (d < bd) { bd = d; best = i; } });
    const q = { x: a, y: b, a: y.length ? (y[best] ? 1 : -1) : 1 };
    st.protos.push(q); rebuildSliders(); draw();
    return (u, v) => { q.x = u; q.y = v; draw(); };
  });
  selDs.addEventListener("change", () => { st.ds = selDs.value; st.seed = 0; draw(); });
  selK.addEventListener("change", () => { st.kernel = selK.value; draw(); });
  const controls = h("div", { class: "yl-controls" },
    h("label", {}, "data set ", selDs), h("label", {}, "kernel ", selK), sWidth.root,
    btn("auto-fit α", autofit), btn("resample", () => { st.seed += 1; draw(); }),
    btn("clear", () => { st.protos = []; rebuildSliders(); draw(); }),
    btn("show yatlib's k-means answer", () => {
      const pr = presets[st.ds];
      if (!pr) { showMessage(msg, "No precomputed answer for this data set."); return; }
      st.kernel = pr.kernel; selK.value = pr.kernel;
      if (pr.kernel === "yat") st.le = Math.log10(pr.eps); else st.lg = Math.log10(pr.sigma);
      st.seed = 0;
      st.protos = pr.W.map((w, u) => ({ x: w[0], y: w[1], a: pr.alpha[u] }));
      let m = 0; for (const q of st.protos) m = Math.max(m, Math.abs(q.a));
      for (const q of st.protos) q.a = m > 0 ? 1.5 * q.a / m : 0;
      rebuildSliders(); draw();
    }));
  el.append(controls, h("div", { class: "p1-panels" }, P.canvas, protoBox), msg, acc,
    h("div", { class: "yl-caption" }, "Click empty space: add a prototype (it starts voting for the nearest point's class). Drag: move it. Shift-click or ×: delete. Black line: the decision boundary f = 0. Auto-fit solves the ridge least-squares problem for α (λ = 10⁻³ × mean diagonal of ΦᵀΦ) and rescales so the largest |α| is 1.5; the rescale leaves the boundary where it is. Yat units use b = 1."));
  rebuildSliders(); draw();
}

export default {
  render({ model, el }) {
    el.dataset.widget = "be_the_optimiser";
    try { renderFigure(model, el); } catch (e) {
      el.append(h("div", { class: "yl-message", style: "display:block" }, `This figure could not be drawn: ${e.message}`));
    }
  },
};
