// Part I widgets. Bundled after common.js, p1_math.js and p1_plane.js; the Python class picks the
// figure with the `kind` traitlet. All computation happens here, in the browser.

const logFmt = (v) => Number(v).toPrecision(2);
function p1Timed(widget, fn) {
  return (...args) => {
    const t0 = performance.now();
    fn(...args);
    const dt = performance.now() - t0;
    widget.dataset.lastDrawMs = dt.toFixed(2);
  };
}
function root(el) {
  withStyle(el);
  el.append(h("style", {}, P1_CSS));
  const msg = h("div", { class: "yl-message" });
  return msg;
}
function finiteOr(v, fallback) { return Number.isFinite(v) ? v : fallback; }

// ---------------- F01: ReLU unit vs Yat unit ----------------
function renderReluVsYat(model, el) {
  const msg = root(el);
  const st = { theta: model.get("theta"), r: model.get("radius"), eps: model.get("eps") };
  const A = p1Plane({ size: 210, title: "ReLU unit  max(0, w·x)", lo: -3, hi: 3 });
  const B = p1Plane({ size: 210, title: "Yat unit  (w·x)² / (‖x−w‖² + ε)", lo: -3, hi: 3 });
  const ca = p1ColourBar(A.canvas.height, "ReLU"), cb = p1ColourBar(B.canvas.height, "Yat");
  const out = h("div", { class: "p1-readout" });
  const sTheta = labelledSlider("angle θ of w (degrees)", { min: 0, max: 360, step: 1, value: st.theta,
    format: (v) => `${v}°`, onInput: (v) => { st.theta = v; draw(); } });
  const sR = labelledSlider("length ‖w‖", { min: 0.2, max: 2.5, step: 0.05, value: st.r,
    format: (v) => v.toFixed(2), onInput: (v) => { st.r = v; draw(); } });
  const draw = p1Timed(el, () => {
    const th = st.theta * Math.PI / 180, w = [st.r * Math.cos(th), st.r * Math.sin(th)];
    const n = 72;
    const vr = A.sample((x, y) => Math.max(0, w[0] * x + w[1] * y), n);
    const vy = B.sample((x, y) => p1Kernel("yat", [x, y], w, { b: 0, eps: st.eps }), n);
    let mr = 0, my = 0;
    for (let i = 0; i < n * n; i++) { mr = Math.max(mr, vr[i]); my = Math.max(my, vy[i]); }
    for (const [P, v, m, cbar] of [[A, vr, mr, ca], [B, vy, my, cb]]) {
      P.clear(); P.paint(v, n, (z) => viridis(m > 0 ? z / m : 0)); P.axes();
      P.arrow(0, 0, w[0], w[1], "#fff"); P.marker(w[0], w[1], { r: 5, fill: "#e33", stroke: "#fff" });
      cbar.draw(0, m, viridis);
    }
    // how each grows along w's direction, outside the picture
    const far = [10 * Math.cos(th), 10 * Math.sin(th)];
    const reluFar = Math.max(0, w[0] * far[0] + w[1] * far[1]);
    const yatFar = p1Kernel("yat", far, w, { b: 0, eps: st.eps });
    const peak = (st.r * st.r) ** 2 / st.eps;
    out.innerHTML = "";
    out.append(`w = (${w[0].toFixed(2)}, ${w[1].toFixed(2)}). At 10·ŵ, far outside the picture: ReLU = ${fmtNum(reluFar)} `
      + `(and growing linearly), Yat = ${fmtNum(yatFar)} (levelling off at ‖w‖² = ${fmtNum(st.r * st.r)}, not growing). Yat peak at x = w: ${fmtNum(peak)}.`);
    model.set("theta", st.theta); model.set("radius", st.r); model.save_changes();
  });
  const onDown = (x, y) => {
    const r = Math.hypot(x, y);
    if (r < 0.05) { showMessage(msg, "w cannot be the zero vector: click away from the origin."); return null; }
    showMessage(msg, "");
    st.r = Math.min(2.5, Math.max(0.2, r)); st.theta = Math.round(((Math.atan2(y, x) * 180 / Math.PI) + 360) % 360);
    sTheta.set(st.theta); sR.set(st.r); draw();
    return (x2, y2) => onDown(x2, y2);
  };
  p1Pointer(A, onDown); p1Pointer(B, onDown);
  el.append(h("div", { class: "yl-controls" }, sTheta.root, sR.root),
    h("div", { class: "p1-panels" }, h("div", { class: "p1-pair" }, A.canvas, ca.canvas), h("div", { class: "p1-pair" }, B.canvas, cb.canvas)),
    msg, out, h("div", { class: "yl-caption" }, "Click or drag on either panel to place w (red dot); the arrow is w."));
  draw();
}

// ---------------- F02: Yat kernel section ----------------
function renderYatSection(model, el) {
  const msg = root(el);
  const st = { w: model.get("w").slice(), le: Math.log10(model.get("eps")), b: model.get("b") };
  const P = p1Plane({ size: 320, title: "K(x, W) = (W·x + b)² / (‖x − W‖² + ε)", lo: -3, hi: 3 });
  const cbar = p1ColourBar(P.canvas.height, "K(x, W)");
  const out = h("div", { class: "p1-readout" });
  const sx = labelledSlider("W, first coordinate", { min: -2.5, max: 2.5, step: 0.05, value: st.w[0], format: (v) => v.toFixed(2), onInput: (v) => { st.w[0] = v; draw(); } });
  const sy = labelledSlider("W, second coordinate", { min: -2.5, max: 2.5, step: 0.05, value: st.w[1], format: (v) => v.toFixed(2), onInput: (v) => { st.w[1] = v; draw(); } });
  const se = labelledSlider("sharpness floor ε", { min: -2, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; draw(); } });
  const sb = labelledSlider("bias b", { min: 0, max: 2, step: 0.05, value: st.b, format: (v) => v.toFixed(2), onInput: (v) => { st.b = v; draw(); } });
  const draw = p1Timed(el, () => {
    const eps = 10 ** st.le, n = 80, p = { b: st.b, eps };
    const v = P.sample((x, y) => p1Kernel("yat", [x, y], st.w, p), n);
    let m = 0, above = 0;
    for (let i = 0; i < n * n; i++) m = Math.max(m, v[i]);
    for (let i = 0; i < n * n; i++) if (v[i] > m / 2) above++;
    P.clear(); P.paint(v, n, (z) => viridis(m > 0 ? z / m : 0)); P.axes();
    P.marker(st.w[0], st.w[1], { shape: "diamond", r: 7, fill: "#e33", stroke: "#fff" });
    cbar.draw(0, m, viridis);
    const area = above / (n * n) * (P.hi - P.lo) ** 2;
    const ww = st.w[0] ** 2 + st.w[1] ** 2;
    if (ww + st.b === 0) showMessage(msg, "With W at the origin and b = 0 the numerator (W·x + b)² is zero everywhere: the unit never fires. Move W or raise b.");
    else showMessage(msg, "");
    out.textContent = `ε = ${logFmt(eps)}: value at W = (‖W‖² + b)²/ε = ${fmtNum((ww + st.b) ** 2 / eps)}; `
      + `area where K is above half its maximum: ${fmtNum(area, 2)} (smaller ε → smaller area, sharper unit).`;
    model.set("w", st.w.slice()); model.set("eps", eps); model.save_changes();
  });
  p1Pointer(P, (x, y) => { const f = (a, b) => { st.w = [a, b]; sx.set(a.toFixed(2)); sy.set(b.toFixed(2)); draw(); }; f(x, y); return f; });
  el.append(h("div", { class: "yl-controls" }, sx.root, sy.root, se.root, sb.root),
    h("div", { class: "p1-pair" }, P.canvas, cbar.canvas), msg, out,
    h("div", { class: "yl-caption" }, "Click or drag to move the prototype W (red diamond)."));
  draw();
}

// ---------------- F03: four kernels ----------------
function renderFourKernels(model, el) {
  const msg = root(el);
  const st = { x: model.get("x").slice(), w: model.get("w").slice(), sigma: 0.8, le: -1, b: 0.5, c: 1 };
  const names = [["gaussian", "Gaussian exp(−‖x−W‖²/2σ²)"], ["laplace", "Laplace exp(−‖x−W‖/σ)"],
    ["yat", "Yat (W·x+b)²/(‖x−W‖²+ε)"], ["polynomial", "Polynomial (W·x + c)²"]];
  const panels = names.map(([k, t]) => ({ k, P: p1Plane({ size: 200, title: t, lo: -3, hi: 3 }), cb: null, val: h("div", { class: "p1-readout" }) }));
  for (const q of panels) q.cb = p1ColourBar(q.P.canvas.height, "K");
  const sx = labelledSlider("input x, first coordinate", { min: -3, max: 3, step: 0.05, value: st.x[0], format: (v) => v.toFixed(2), onInput: (v) => { st.x[0] = v; draw(); } });
  const sy = labelledSlider("input x, second coordinate", { min: -3, max: 3, step: 0.05, value: st.x[1], format: (v) => v.toFixed(2), onInput: (v) => { st.x[1] = v; draw(); } });
  const ss = labelledSlider("width σ (Gaussian, Laplace)", { min: 0.2, max: 2, step: 0.05, value: st.sigma, format: (v) => v.toFixed(2), onInput: (v) => { st.sigma = v; draw(); } });
  const se = labelledSlider("ε (Yat)", { min: -2, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; draw(); } });
  const sb = labelledSlider("b (Yat)", { min: 0, max: 2, step: 0.05, value: st.b, format: (v) => v.toFixed(2), onInput: (v) => { st.b = v; draw(); } });
  const sc = labelledSlider("c (polynomial)", { min: 0, max: 3, step: 0.05, value: st.c, format: (v) => v.toFixed(2), onInput: (v) => { st.c = v; draw(); } });
  const draw = p1Timed(el, () => {
    const p = { sigma: st.sigma, eps: 10 ** st.le, b: st.b, c: st.c, degree: 2 }, n = 60;
    const lines = [];
    for (const q of panels) {
      const v = q.P.sample((a, b) => p1Kernel(q.k, [a, b], st.w, p), n);
      let m = 0;
      for (let i = 0; i < n * n; i++) m = Math.max(m, v[i]);
      q.P.clear(); q.P.paint(v, n, (z) => viridis(m > 0 ? z / m : 0)); q.P.axes();
      q.P.marker(st.w[0], st.w[1], { shape: "diamond", r: 6, fill: "#e33", stroke: "#fff" });
      q.P.marker(st.x[0], st.x[1], { r: 6, fill: "none", stroke: "#fff", lw: 3 });
      q.P.marker(st.x[0], st.x[1], { r: 6, fill: "none", stroke: "#000", lw: 1 });
      q.cb.draw(0, m, viridis);
      const kx = p1Kernel(q.k, st.x, st.w, p), far = p1Kernel(q.k, [st.w[0] * 5, st.w[1] * 5], st.w, p);
      q.val.textContent = `K(x, W) = ${fmtNum(kx)}   (at 5·W: ${fmtNum(far)})`;
      q.val.dataset.value = String(kx);
      lines.push(kx);
    }
    showMessage(msg, lines.every(Number.isFinite) ? "" : "A value is not finite: move x or change the parameters.");
    model.set("x", st.x.slice()); model.save_changes();
  });
  for (const q of panels) p1Pointer(q.P, (a, b) => { const f = (u, v) => { st.x = [u, v]; sx.set(u.toFixed(2)); sy.set(v.toFixed(2)); draw(); }; f(a, b); return f; });
  el.append(h("div", { class: "yl-controls" }, sx.root, sy.root, ss.root, se.root, sb.root, sc.root),
    h("div", { class: "p1-panels" }, panels.map((q) => h("div", {}, h("div", { class: "p1-pair" }, q.P.canvas, q.cb.canvas), q.val))),
    msg, h("div", { class: "yl-caption" }, "Red diamond: the centre W (the same in all four). Ring: the input x; click or drag on any panel to move it. Each panel has its own colour scale."));
  draw();
}

// ---------------- F04: a kernel layer in one picture ----------------
function renderKernelLayer(model, el) {
  const msg = root(el);
  const W = model.get("prototypes").map((p) => p.slice());
  const alpha = model.get("alpha").slice();
  const st = { x: model.get("x").slice(), le: Math.log10(model.get("eps")), b: model.get("b") };
  const P = p1Plane({ size: 320, title: "f(x) = Σ α_u K(x, W_u)", lo: -3, hi: 3 });
  const cbar = p1ColourBar(P.canvas.height, "f");
  const bars = p1Bars(330, 250, "α_u K(x, W_u) at the input, and their sum f");
  const out = h("div", { class: "p1-readout" });
  const sliders = alpha.map((a, u) => labelledSlider(`α of unit ${u + 1}`, { min: -2, max: 2, step: 0.05, value: a, format: (v) => v.toFixed(2), onInput: (v) => { alpha[u] = v; draw(); } }));
  const se = labelledSlider("ε (all units)", { min: -2, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; draw(); } });
  const draw = p1Timed(el, () => {
    const p = { b: st.b, eps: 10 ** st.le }, n = 72, K = W.length;
    const v = P.sample((a, b) => { let s = 0; for (let u = 0; u < K; u++) s += alpha[u] * p1Kernel("yat", [a, b], W[u], p); return s; }, n);
    let m = 0;
    for (let i = 0; i < n * n; i++) m = Math.max(m, Math.abs(v[i]));
    const contrib = W.map((w, u) => alpha[u] * p1Kernel("yat", st.x, w, p));
    const f = contrib.reduce((s, c) => s + c, 0);
    let best = -1, bestAbs = 0, tot = 0;
    contrib.forEach((c, u) => { tot += Math.abs(c); if (Math.abs(c) > bestAbs) { bestAbs = Math.abs(c); best = u; } });
    P.clear(); P.paint(v, n, (z) => diverging(m > 0 ? z / m : 0)); P.axes();
    if (m > 0) P.zeroContour(v, n, "#555", 1);
    W.forEach((w, u) => {
      P.marker(w[0], w[1], { shape: "diamond", r: u === best ? 9 : 7, fill: alpha[u] >= 0 ? "#d9822b" : "#3a6ea5", stroke: u === best ? "#000" : "#fff", lw: u === best ? 3 : 2 });
      const [px, py] = P.toPix(w[0], w[1]);
      P.ctx.fillStyle = "#000"; P.ctx.font = "bold 11px system-ui"; P.ctx.fillText(String(u + 1), px + 9, py - 7);
    });
    P.marker(st.x[0], st.x[1], { r: 7, fill: "none", stroke: "#fff", lw: 4 });
    P.marker(st.x[0], st.x[1], { r: 7, fill: "none", stroke: "#000", lw: 2 });
    cbar.draw(-m, m, diverging, true);
    bars.draw([...contrib, f], [...W.map((_, u) => String(u + 1)), "sum f"], { highlight: best, colours: [...contrib.map(() => null), "#555"] });
    if (alpha.every((a) => a === 0)) {
      showMessage(msg, "All α are zero: f = 0 everywhere, no unit contributes. Move an α slider.");
      out.textContent = "f(x) = 0";
    } else {
      showMessage(msg, "");
      out.textContent = `f(x) = ${fmtNum(f)}. Largest contribution: unit ${best + 1}, α·K = ${fmtNum(contrib[best])} `
        + `(${(100 * bestAbs / (tot || 1)).toFixed(0)} % of Σ|α_u K|).`;
    }
    out.dataset.best = String(best + 1);
    model.set("alpha", alpha.slice()); model.set("x", st.x.slice()); model.set("prototypes", W.map((w) => w.slice())); model.save_changes();
  });
  p1Pointer(P, (a, b) => {
    // grab a prototype if the press is on one, otherwise move the input x
    const tol = 0.18 * (P.hi - P.lo) / 6;
    let hit = -1;
    W.forEach((w, u) => { if (Math.hypot(w[0] - a, w[1] - b) < tol) hit = u; });
    if (hit >= 0) return (u, v) => { W[hit] = [u, v]; draw(); };
    const f = (u, v) => { st.x = [u, v]; draw(); };
    f(a, b); return f;
  });
  el.append(h("div", { class: "yl-controls" }, se.root),
    h("div", { class: "p1-panels" }, h("div", { class: "p1-pair" }, P.canvas, cbar.canvas), bars.canvas,
      h("div", { class: "p1-protos" }, sliders.map((s) => s.root))),
    msg, out, h("div", { class: "yl-caption" }, "Drag the ring (the input x) or a numbered diamond (a prototype). Orange: α > 0, blue: α < 0; grey line: f = 0. The black outline marks the unit that contributes most at x."));
  draw();
}

// ---------------- F05: be the optimiser ----------------
function renderGame(model, el) {
  const msg = root(el);
  const data = model.get("datasets");           // {name: [{X, y}, ...]}
  const presets = model.get("presets");         // {name: {kernel, param, W, alpha, acc}}
  const names = Object.keys(data);
  const st = { ds: model.get("dataset"), seed: 0, kernel: "yat", lg: Math.log10(0.5), le: Math.log10(0.1), b: 1, protos: [], lam: 1e-3 };
  if (!names.includes(st.ds)) st.ds = names[0];
  const P = p1Plane({ size: 360, title: "sign f(x): the classifier you build", lo: -2, hi: 2 });
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
    const Phi = p1Design(X, W, st.kernel, params());
    const r = ridgeSolve(Phi, X.length, W.length, y.map((v) => 2 * v - 1), st.lam, true);
    if (!r.ok) { showMessage(msg, `Auto-fit failed: ${r.reason}. Move the prototypes or change the kernel width.`); return; }
    let m = 0;
    for (const a of r.alpha) m = Math.max(m, Math.abs(a));
    // a positive rescale keeps the sign of f (the boundary); it puts the α on the sliders' scale
    st.protos.forEach((p, u) => { p.a = m > 0 ? 1.5 * r.alpha[u] / m : 0; p.slider.set(p.a.toFixed(2)); });
    st.lastFit = true;
    draw();
  }
  const draw = p1Timed(el, () => {
    const { X, y } = sample(), p = params(), K = st.protos.length, n = 64;
    sWidth.set(st.kernel === "yat" ? st.le : st.lg);
    const W = st.protos.map((q) => [q.x, q.y]);
    const fAt = (a, b) => { let s = 0; for (let u = 0; u < K; u++) s += st.protos[u].a * p1Kernel(st.kernel, [a, b], W[u], p); return s; };
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
      res = p1Accuracy(X.map((x) => fAt(x[0], x[1])), y);
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
  p1Pointer(P, (a, b, ev) => {
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

// ---------------- F14: a real kernel ----------------
function renderGram(model, el) {
  const msg = root(el);
  const st = { n: model.get("n_points"), b: 0.5, le: Math.log10(0.1), contrast: "negdist", seed: 1 };
  const P = p1Plane({ size: 220, title: "the points", lo: -3, hi: 3 });
  const chart = h("canvas", { width: 520, height: P.canvas.height, class: "p1-spec" });
  const out = h("div", { class: "p1-readout" });
  const sn = labelledSlider("number of points", { min: 2, max: 60, step: 1, value: st.n, onInput: (v) => { st.n = v; draw(); } });
  const sb = labelledSlider("bias b", { min: 0, max: 3, step: 0.05, value: st.b, format: (v) => v.toFixed(2), onInput: (v) => { st.b = v; draw(); } });
  const se = labelledSlider("ε", { min: -3, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; draw(); } });
  const sel = h("select", { "aria-label": "non-kernel to compare" }, h("option", { value: "negdist" }, "−‖x − y‖ (negative distance)"), h("option", { value: "tanh" }, "tanh(x·y − 1) (sigmoid 'kernel')"));
  sel.addEventListener("change", () => { st.contrast = sel.value; draw(); });
  const symlog = (v) => Math.sign(v) * Math.log10(1 + Math.abs(v) / 1e-6) / 6.000000434;
  const draw = p1Timed(el, () => {
    const rng = p1Rng(st.seed * 7919), X = [];
    for (let i = 0; i < st.n; i++) X.push([p1Normal(rng), p1Normal(rng)]);
    const ey = jacobiEigenvalues(p1Gram(X, "yat", { b: st.b, eps: 10 ** st.le }), st.n);
    const ec = jacobiEigenvalues(p1Gram(X, st.contrast, {}), st.n);
    P.clear(); P.paint(new Float64Array(1), 1, () => [250, 250, 250]); P.axes();
    X.forEach((x) => P.marker(x[0], x[1], { r: 3.5, fill: "#444", stroke: "#fff", lw: 1 }));
    const ctx = chart.getContext("2d"), Wd = chart.width, Ht = chart.height, m = { l: 58, r: 10, t: 20, b: 34 };
    ctx.clearRect(0, 0, Wd, Ht);
    const pw = Wd - m.l - m.r, ph = Ht - m.t - m.b, y0 = m.t + ph / 2;
    const ypix = (s) => y0 - s * ph / 2;
    ctx.font = "10px system-ui"; ctx.fillStyle = "#333"; ctx.strokeStyle = "#ccc";
    for (const [v, lab] of [[1, "+1"], [1e-3, "+10⁻³"], [1e-6, "+10⁻⁶"], [0, "0"], [-1e-6, "−10⁻⁶"], [-1e-3, "−10⁻³"], [-1, "−1"]]) {
      const yy = ypix(symlog(v));
      ctx.beginPath(); ctx.moveTo(m.l, yy); ctx.lineTo(m.l + pw, yy); ctx.stroke();
      ctx.textAlign = "right"; ctx.fillText(lab, m.l - 4, yy + 3);
    }
    ctx.strokeStyle = "#444"; ctx.beginPath(); ctx.moveTo(m.l, y0); ctx.lineTo(m.l + pw, y0); ctx.stroke();
    const series = [[ey, "#2a6fb0", "Yat"], [ec, "#c0392b", sel.options[sel.selectedIndex].text.split(" (")[0]]];
    let ok = true;
    const ratios = [];
    series.forEach(([ev, col], s) => {
      const top = Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
      if (!(top > 0) || !ev.every(Number.isFinite)) { ok = false; ratios.push(NaN); return; }
      ratios.push(ev[0] / top);
      ctx.fillStyle = col;
      ev.forEach((v, i) => {
        const xx = m.l + (i + 0.5) / ev.length * pw + (s ? 3 : -3);
        ctx.beginPath(); ctx.arc(xx, ypix(symlog(v / top)), 3, 0, 2 * Math.PI); ctx.fill();
      });
    });
    ctx.fillStyle = "#333"; ctx.textAlign = "center"; ctx.font = "bold 12px system-ui";
    ctx.fillText("eigenvalues λ / max|λ|, sorted (symmetric log scale)", m.l + pw / 2, 14);
    ctx.font = "11px system-ui"; ctx.fillText("eigenvalue index, smallest first", m.l + pw / 2, Ht - 8);
    ctx.textAlign = "left"; ctx.fillStyle = "#2a6fb0"; ctx.fillText("● Yat", m.l + 6, m.t + 12);
    ctx.fillStyle = "#c0392b"; ctx.fillText("● " + series[1][2], m.l + 50, m.t + 12);
    out.innerHTML = "";
    if (!ok) { showMessage(msg, "A Gram matrix is zero or not finite for these settings (e.g. all points at the origin with b = 0)."); }
    else showMessage(msg, "");
    const passY = ratios[0] >= -1e-6, passC = ratios[1] >= -1e-6;
    out.append(h("span", { class: passY ? "p1-good" : "p1-bad" }, `Yat: λ_min / λ_max = ${fmtNum(ratios[0])} ${passY ? "≥ 0 (within rounding): positive semi-definite" : "< 0"}`),
      h("br"), h("span", { class: passC ? "p1-good" : "p1-bad" }, `${series[1][2]}: λ_min / λ_max = ${fmtNum(ratios[1])} ${passC ? "≥ 0 for this draw" : "< 0: not a kernel"}`));
    out.dataset.yat = String(ratios[0]); out.dataset.contrast = String(ratios[1]);
  });
  el.append(h("div", { class: "yl-controls" }, sn.root, sb.root, se.root, h("label", {}, "compare with ", sel),
    h("button", { type: "button", onclick: () => { st.seed += 1; draw(); } }, "new random points")),
    h("div", { class: "p1-panels" }, P.canvas, chart), msg, out);
  draw();
}

const RENDERERS = { relu_vs_yat: renderReluVsYat, yat_section: renderYatSection, four_kernels: renderFourKernels,
  kernel_layer: renderKernelLayer, game: renderGame, gram: renderGram };

export default {
  render({ model, el }) {
    const kind = model.get("kind");
    el.dataset.p1 = kind;
    const fn = RENDERERS[kind];
    if (!fn) { el.textContent = `unknown Part I widget: ${kind}`; return; }
    try { fn(model, el); } catch (e) { el.append(h("div", { class: "yl-message", style: "display:block" }, `This figure could not be drawn: ${e.message}`)); }
  },
};
