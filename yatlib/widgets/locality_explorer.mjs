// F08 (mode "lazy") and F09 (mode "attribution"): a query point against a bank of Yat prototypes.
function render({ model, el }) {
  withStyle(el);
  el.classList.add("p1b-local");
  const mode = model.get("mode");
  const W = model.get("prototypes").flat(), Kmax = W.length / 2;
  const msgs = model.get("messages");
  const V = model.get("relu_v").flat(), c = model.get("relu_c");
  const b = model.get("b"), tau = model.get("tau"), lim = model.get("lim");
  const X = model.get("X");
  let q = model.get("query").slice(), eps = model.get("eps"), K = Kmax;
  const size = 340;
  const msg = h("div", { class: "yl-message" });
  const toPx = (x) => ((x + lim) / (2 * lim)) * size;
  const toPy = (v) => size - ((v + lim) / (2 * lim)) * size;
  const plane = svg("svg", { width: size, height: size, class: "p1b-plane", style: "border:1px solid #bbb;background:#fff;touch-action:none;cursor:crosshair" });
  const base = svg("g", {}), top = svg("g", {});
  plane.append(base, top);
  for (const p of X) base.append(svg("circle", { cx: toPx(p[0]), cy: toPy(p[1]), r: 1.8, fill: "#bbb" }));
  for (const t of [-2, -1, 0, 1, 2]) {
    if (Math.abs(t) >= lim) continue;
    base.append(svg("line", { x1: toPx(t), y1: 0, x2: toPx(t), y2: size, stroke: "#eee" }));
    base.append(svg("line", { x1: 0, y1: toPy(t), x2: size, y2: toPy(t), stroke: "#eee" }));
  }
  const axes = svg("text", { x: size - 24, y: size - 6, "font-size": 11, fill: "#666" }); axes.textContent = "x₁ →";
  const axes2 = svg("text", { x: 4, y: 12, "font-size": 11, fill: "#666" }); axes2.textContent = "↑ x₂";
  base.append(axes, axes2);
  const logMin = Math.log10(model.get("eps_min")), logMax = Math.log10(model.get("eps_max"));
  const epsSlider = labelledSlider("sharpness ε", { min: logMin, max: logMax, step: 0.01, value: Math.log10(eps),
    format: (v) => fmtNum(10 ** v, 2), onInput: (v) => { eps = 10 ** v; draw(); } });
  const kSlider = labelledSlider("prototypes in the layer", { min: 0, max: Kmax, step: 1, value: Kmax,
    format: (v) => String(v), onInput: (v) => { K = v; draw(); } });
  const read = h("div", { class: "p1b-readout", style: "font-variant-numeric: tabular-nums" });
  const side = h("div", { class: "p1b-side" });

  function moveTo(ev) {
    const r = plane.getBoundingClientRect();
    const px = ev.clientX - r.left, py = ev.clientY - r.top;
    q = [Math.max(-lim, Math.min(lim, -lim + (px / size) * 2 * lim)), Math.max(-lim, Math.min(lim, -lim + ((size - py) / size) * 2 * lim))];
    draw();
  }
  let dragging = false;
  plane.addEventListener("pointerdown", (ev) => { dragging = true; plane.setPointerCapture?.(ev.pointerId); moveTo(ev); });
  plane.addEventListener("pointermove", (ev) => { if (dragging) moveTo(ev); });
  plane.addEventListener("pointerup", () => { dragging = false; });

  function bars(shares, order) {
    const width = 290, rowH = 16;
    const box = svg("svg", { width, height: rowH * order.length + 4, class: "p1b-bars" });
    order.forEach((u, r) => {
      const w = Math.max(0, shares[u]) * (width - 110);
      box.append(svg("rect", { x: 60, y: r * rowH + 2, width: w, height: rowH - 4, fill: msgs[u] >= 0 ? "#e07b00" : "#2c6fbb" }));
      const t = svg("text", { x: 2, y: r * rowH + 13, "font-size": 11 }); t.textContent = `unit ${u + 1}`;
      const v = svg("text", { x: 64 + w, y: r * rowH + 13, "font-size": 11 }); v.textContent = `${(100 * shares[u]).toFixed(1)} %`;
      box.append(t, v);
    });
    return box;
  }

  function messageLine(shares, mix) {
    const width = 290, height = 46;
    const lo = Math.min(...msgs.slice(0, K)), hi = Math.max(...msgs.slice(0, K));
    const span = hi - lo || 1;
    const xs = (m) => 10 + ((m - lo) / span) * (width - 20);
    const box = svg("svg", { width, height, class: "p1b-mixline" });
    box.append(svg("line", { x1: 10, y1: 22, x2: width - 10, y2: 22, stroke: "#999" }));
    for (let u = 0; u < K; u++) box.append(svg("circle", { cx: xs(msgs[u]), cy: 22, r: 2 + 10 * Math.sqrt(shares[u]), fill: msgs[u] >= 0 ? "#e07b00" : "#2c6fbb", "fill-opacity": 0.45 }));
    box.append(svg("line", { x1: xs(mix), y1: 6, x2: xs(mix), y2: 38, stroke: "#000", "stroke-width": 2 }));
    const t = svg("text", { x: 10, y: 44, "font-size": 10, fill: "#555" }); t.textContent = `messages from ${fmtNum(lo)} to ${fmtNum(hi)}; black bar: the mix`;
    box.append(t);
    return box;
  }

  function draw() {
    top.replaceChildren();
    side.replaceChildren();
    epsSlider.set(Math.log10(eps)); kSlider.set(K);
    const qx = q[0], qy = q[1];
    if (!Number.isFinite(qx) || !Number.isFinite(qy) || !(eps > 0)) { showMessage(msg, "The query or ε is not a valid number."); return; }
    if (K === 0) {
      showMessage(msg, "No prototypes in the layer: nothing responds, so nothing is active and there is nothing to attribute. Raise “prototypes in the layer”.");
      read.textContent = "";
      top.append(svg("path", { d: `M${toPx(qx) - 7},${toPy(qy)}h14M${toPx(qx)},${toPy(qy) - 7}v14`, stroke: "#000", "stroke-width": 2.5, class: "p1b-query" }));
      return;
    }
    showMessage(msg, "");
    const Wk = W.slice(0, 2 * K);
    const phi = yatResponses2d(qx, qy, Wk, K, b, eps);
    const act = activeUnits(phi, tau);
    const shares = sharesOrNull(phi);
    let top1 = 0; for (let u = 0; u < K; u++) if (phi[u] > phi[top1]) top1 = u;
    for (let u = 0; u < K; u++) {
      const px = toPx(Wk[2 * u]), py = toPy(Wk[2 * u + 1]);
      const on = act.mask[u];
      if (on) top.append(svg("line", { x1: toPx(qx), y1: toPy(qy), x2: px, y2: py, stroke: "#c0392b", "stroke-width": 1, "stroke-opacity": 0.6 }));
      const r = mode === "attribution" && shares ? 3 + 14 * Math.sqrt(shares[u]) : 6;
      const fill = mode === "attribution" ? (msgs[u] >= 0 ? "#e07b00" : "#2c6fbb") : (on ? "#c0392b" : "#fff");
      top.append(svg("circle", { cx: px, cy: py, r, fill, "fill-opacity": mode === "attribution" ? 0.6 : 1, stroke: on ? "#c0392b" : "#888", "stroke-width": 1.5, class: on ? "p1b-on" : "p1b-off" }));
    }
    top.append(svg("path", { d: `M${toPx(qx) - 7},${toPy(qy)}h14M${toPx(qx)},${toPy(qy) - 7}v14`, stroke: "#000", "stroke-width": 2.5, class: "p1b-query" }));
    const nOn = act.mask.filter(Boolean).length;
    if (mode === "lazy") {
      const reluFrac = reluActiveFraction(qx, qy, V, c);
      read.textContent = `query (${qx.toFixed(2)}, ${qy.toFixed(2)}) · Yat: ${nOn} of ${K} prototypes active (${(100 * act.fraction).toFixed(0)} %), ` +
        `a unit counts as active when its response is at least ${Math.round(100 * tau)} % of the strongest · ReLU layer of ${c.length} random units: ` +
        `${(100 * reluFrac).toFixed(0)} % active (positive pre-activation)`;
      const order = Array.from({ length: K }, (_, u) => u).sort((a, z) => phi[z] - phi[a]);
      const shown = order.slice(0, 16);
      side.append(h("div", { class: "yl-caption" }, `The ${shown.length} strongest Yat responses at the query, as a share of the strongest:`));
      const rel = Array.from(phi, (v) => v / (phi[order[0]] || 1));
      side.append(bars(rel, shown));
      if (K > shown.length) side.append(h("div", { class: "yl-caption" }, `… and ${K - shown.length} weaker units.`));
    } else {
      if (!shares) { showMessage(msg, "Every prototype responds with exactly 0 here (the query is orthogonal to all of them with b = 0); the shares are undefined."); read.textContent = ""; return; }
      let mix = 0, sum = 0;
      for (let u = 0; u < K; u++) { mix += shares[u] * msgs[u]; sum += shares[u]; }
      const cap = capacity(qx, qy, b, eps);
      read.textContent = `query (${qx.toFixed(2)}, ${qy.toFixed(2)}) · shares sum to ${sum.toFixed(4)} · largest: unit ${top1 + 1} with ${(100 * shares[top1]).toFixed(1)} % · ` +
        `mixed message Σ aᵤ mᵤ = ${fmtNum(mix)} · capacity (‖x‖² + b)²/ε = ${fmtNum(cap)}`;
      const order = Array.from({ length: K }, (_, u) => u).sort((a, z) => shares[z] - shares[a]);
      side.append(h("div", { class: "yl-caption" }, "Shares aᵤ = φᵤ / Σφ (orange: votes for class 1, blue: class 0):"), bars(shares, order),
        h("div", { class: "yl-caption" }, "Each unit's message mᵤ (its vote for class 1 minus class 0), dot size by share:"), messageLine(shares, mix));
    }
  }
  el.append(h("div", { class: "yl-controls" }, epsSlider.root, kSlider.root, h("span", { class: "yl-caption" }, "click or drag to move the query ✚")),
    msg, h("div", { class: "yl-row" }, plane, side), read);
  draw();
}
export default { render };
