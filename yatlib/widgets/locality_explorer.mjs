// Figures F08 (mode "lazy") and F09 (mode "attribution"): a query point against a bank of Yat
// prototypes: which ones respond (and how a ReLU layer compares), or the exact share of each.
// Bundled after dom.js, canvas.js, plane.js, kernels.js.

function renderFigure(el, model) {
  el.append(h("style", {}, `.yl-widget .lx-plane { border: 1px solid var(--yl-border); touch-action: none; cursor: crosshair; }
.yl-widget .lx-readout { font-variant-numeric: tabular-nums; }
.yl-widget .lx-side { width: 300px; }`));
  const mode = model.get("mode");
  const W = model.get("prototypes").flat(), Kmax = W.length / 2;
  const msgs = model.get("messages");
  const V = model.get("relu_v").flat(), c = model.get("relu_c");
  const b = model.get("b"), tau = model.get("tau"), lim = model.get("lim");
  const X = model.get("X");
  const st = { q: model.get("query").slice(), eps: model.get("eps"), K: Kmax, pick: 0 };
  const size = 320;   // the plane and the bars side by side in the book's column
  const msg = h("div", { class: "yl-message", role: "alert" });
  const readout = liveRegion("yl-status lx-readout");
  const toPx = (x) => ((x + lim) / (2 * lim)) * size;
  const toPy = (v) => size - ((v + lim) / (2 * lim)) * size;
  const plane = svg("svg", { width: size, height: size, class: "lx-plane", "aria-hidden": "true" });
  const base = svg("g", {}), top = svg("g", {});
  plane.append(base, top);
  function paintBase() {
    const t = theme();
    base.replaceChildren();
    for (const tk of [-2, -1, 0, 1, 2]) {
      if (Math.abs(tk) >= lim) continue;
      base.append(svg("line", { x1: toPx(tk), y1: 0, x2: toPx(tk), y2: size, stroke: t.grid }));
      base.append(svg("line", { x1: 0, y1: toPy(tk), x2: size, y2: toPy(tk), stroke: t.grid }));
    }
    for (const p of X) base.append(svg("circle", { cx: toPx(p[0]), cy: toPy(p[1]), r: 1.8, fill: t.muted, "fill-opacity": 0.6 }));
    base.append(svg("text", { x: size - 28, y: size - 6, "font-size": 11, fill: t.fg }, "x₁ →"));
    base.append(svg("text", { x: 4, y: 12, "font-size": 11, fill: t.fg }, "↑ x₂"));
  }
  const logMin = Math.log10(model.get("eps_min")), logMax = Math.log10(model.get("eps_max"));
  const epsSlider = labelledSlider("sharpness ε", { min: logMin, max: logMax, step: 0.01, value: Math.log10(st.eps),
    format: (v) => fmtNum(10 ** v, 2), onInput: (v) => { st.eps = 10 ** v; draw(); } });
  const kSlider = labelledSlider("prototypes in the layer", { min: 0, max: Kmax, step: 1, value: Kmax,
    format: (v) => String(v), onInput: (v) => { st.K = v; draw(); } });
  const side = h("div", { class: "lx-side" });
  const barsBox = h("div", { class: "lx-bars-box" });
  let order = [];            // units in the order the bars show them
  pickByKeys(barsBox, { label: mode === "lazy" ? "Strongest responses: pick a unit" : "Shares: pick a unit",
    count: () => order.length, get: () => Math.max(0, order.indexOf(st.pick)), set: (i) => { st.pick = order[i]; draw(); } });
  barsBox.setAttribute("role", "application");
  barsBox.setAttribute("aria-roledescription", "unit picker");

  const clampQ = (v) => Math.max(-lim, Math.min(lim, Math.round(v * 100) / 100));
  function setQuery(p) { st.q = [clampQ(p[0]), clampQ(p[1])]; draw(); }
  function moveTo(ev) {
    const r = plane.getBoundingClientRect();
    const px = (ev.clientX - r.left) * size / r.width, py = (ev.clientY - r.top) * size / r.height;
    setQuery([-lim + (px / size) * 2 * lim, -lim + ((size - py) / size) * 2 * lim]);
  }
  let dragging = false;
  plane.addEventListener("pointerdown", (ev) => { dragging = true; try { plane.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic */ } moveTo(ev); });
  plane.addEventListener("pointermove", (ev) => { if (dragging) moveTo(ev); });
  plane.addEventListener("pointerup", () => { dragging = false; });
  const planeBox = h("div", { class: "lx-plane-box" }, plane);
  keyboardDrag(planeBox, { label: "The plane; arrow keys move the query", get: () => st.q.slice(), set: setQuery, step: 0.05 });

  function bars(values, units, colourOf) {
    const t = theme(), width = 290, rowH = 16;
    const box = svg("svg", { width, height: rowH * units.length + 4, class: "lx-bars", "aria-hidden": "true" });
    units.forEach((u, r) => {
      const w = Math.max(0, values[u]) * (width - 110);
      if (u === st.pick) box.append(svg("rect", { x: 0, y: r * rowH + 1, width, height: rowH - 2, fill: t.highlight }));
      box.append(svg("rect", { x: 60, y: r * rowH + 2, width: w, height: rowH - 4, fill: colourOf(u) }));
      box.append(svg("text", { x: 2, y: r * rowH + 13, "font-size": 11, "font-weight": u === st.pick ? 700 : 400 }, `unit ${u + 1}`));
      box.append(svg("text", { x: 64 + w, y: r * rowH + 13, "font-size": 11 }, `${(100 * values[u]).toFixed(1)} %`));
    });
    return box;
  }

  function messageLine(shares, mix, K) {
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

  function queryMark() {
    const t = theme(), [qx, qy] = st.q;
    top.append(svg("path", { d: `M${toPx(qx) - 7},${toPy(qy)}h14M${toPx(qx)},${toPy(qy) - 7}v14`, stroke: t.fg, "stroke-width": 2.5, class: "lx-query" }));
  }

  const draw = timedDraw(el, () => {
    const t = theme(), red = classColour(3);
    const keepFocus = barsBox.contains(document.activeElement);  // the bars are taken out and put back below
    top.replaceChildren();
    side.replaceChildren();
    epsSlider.set(Math.log10(st.eps)); kSlider.set(st.K);
    const [qx, qy] = st.q, K = st.K;
    const where = `query (${qx.toFixed(2)}, ${qy.toFixed(2)})`;
    if (!Number.isFinite(qx) || !Number.isFinite(qy) || !(st.eps > 0)) { showMessage(msg, "The query or ε is not a valid number."); return; }
    if (K === 0) {
      order = [];
      showMessage(msg, "No prototypes in the layer: nothing responds, so nothing is active and there is nothing to attribute. Raise “prototypes in the layer”.");
      readout.say(`${where}: no prototypes in the layer.`);
      queryMark();
      describe(planeBox, `The plane from −${lim} to ${lim} with the ${where} and no prototypes. Arrow keys move the query (Shift: faster).`);
      return;
    }
    showMessage(msg, "");
    if (!(st.pick < K)) st.pick = 0;
    const Wk = W.slice(0, 2 * K);
    const phi = yatResponses2d(qx, qy, Wk, K, b, st.eps);
    const act = activeUnits(phi, tau);
    const shares = sharesOrNull(phi);
    let top1 = 0; for (let u = 0; u < K; u++) if (phi[u] > phi[top1]) top1 = u;
    for (let u = 0; u < K; u++) {
      const px = toPx(Wk[2 * u]), py = toPy(Wk[2 * u + 1]);
      const on = act.mask[u];
      if (on) top.append(svg("line", { x1: toPx(qx), y1: toPy(qy), x2: px, y2: py, stroke: red, "stroke-width": 1, "stroke-opacity": 0.6 }));
      const r = mode === "attribution" && shares ? 3 + 14 * Math.sqrt(shares[u]) : 6;
      const fill = mode === "attribution" ? classColour(msgs[u] >= 0 ? 1 : 0) : (on ? red : t.bg);
      top.append(svg("circle", { cx: px, cy: py, r, fill, "fill-opacity": mode === "attribution" ? 0.6 : 1, stroke: on ? red : t.muted, "stroke-width": 1.5, class: on ? "lx-on" : "lx-off" }));
    }
    const pu = st.pick;
    top.append(svg("circle", { cx: toPx(Wk[2 * pu]), cy: toPy(Wk[2 * pu + 1]), r: mode === "attribution" && shares ? 6 + 14 * Math.sqrt(shares[pu]) : 10,
      fill: "none", stroke: t.focus, "stroke-width": 2, "stroke-dasharray": "3 2", class: "lx-picked" }));
    queryMark();
    const nOn = act.mask.filter(Boolean).length;
    if (mode === "lazy") {
      const reluFrac = reluActiveFraction(qx, qy, V, c);
      order = Array.from({ length: K }, (_, u) => u).sort((a, z) => phi[z] - phi[a]);
      const shown = order.slice(0, 16);
      if (!shown.includes(st.pick)) st.pick = shown[0];
      order = shown;
      const rel = Array.from(phi, (v) => v / (phi[top1] || 1));
      side.append(h("div", { class: "yl-caption" }, `The ${shown.length} strongest Yat responses at the query, as a share of the strongest (active ones in red):`));
      barsBox.replaceChildren(bars(rel, shown, (u) => (act.mask[u] ? red : t.muted)));
      side.append(barsBox);
      if (keepFocus) barsBox.focus({ preventScroll: true });
      if (K > shown.length) side.append(h("div", { class: "yl-caption" }, `… and ${K - shown.length} weaker units.`));
      readout.say(`${where} · Yat: ${nOn} of ${K} prototypes active (${(100 * act.fraction).toFixed(0)} %), `
        + `a unit counts as active when its response is at least ${Math.round(100 * tau)} % of the strongest · ReLU layer of ${c.length} random units: `
        + `${(100 * reluFrac).toFixed(0)} % active (positive pre-activation) · picked: unit ${st.pick + 1}, response ${(100 * rel[st.pick]).toFixed(1)} % of the strongest, `
        + `${act.mask[st.pick] ? "active" : "not active"}.`);
      describe(planeBox, `The plane from −${lim} to ${lim} with ${K} prototypes and the ${where}; ${nOn} prototypes are active and joined to the query by lines. Arrow keys move the query (Shift: faster).`);
    } else {
      if (!shares) {
        order = [];
        showMessage(msg, "Every prototype responds with exactly 0 here (the query is orthogonal to all of them with b = 0); the shares are undefined.");
        readout.say(`${where}: every response is 0, the shares are undefined.`);
        return;
      }
      let mix = 0, sum = 0;
      for (let u = 0; u < K; u++) { mix += shares[u] * msgs[u]; sum += shares[u]; }
      const cap = capacity(qx, qy, b, st.eps);
      order = Array.from({ length: K }, (_, u) => u).sort((a, z) => shares[z] - shares[a]);
      barsBox.replaceChildren(bars(shares, order, (u) => classColour(msgs[u] >= 0 ? 1 : 0)));
      side.append(h("div", { class: "yl-caption" }, "Shares aᵤ = φᵤ / Σφ (orange: votes for class 1, blue: class 0):"), barsBox,
        h("div", { class: "yl-caption" }, "Each unit's message μᵤ (its vote for class 1 minus class 0), dot size by share:"), messageLine(shares, mix, K));
      if (keepFocus) barsBox.focus({ preventScroll: true });
      readout.say(`${where} · shares sum to ${sum.toFixed(4)} · largest: unit ${top1 + 1} with ${(100 * shares[top1]).toFixed(1)} % · `
        + `mixed message Σ aᵤ μᵤ = ${fmtNum(mix)} · capacity (‖x‖² + b)²/ε = ${fmtNum(cap)} · picked: unit ${st.pick + 1}, share ${(100 * shares[st.pick]).toFixed(1)} %, message ${fmtNum(msgs[st.pick])}.`);
      describe(planeBox, `The plane from −${lim} to ${lim} with the ${K} prototypes of the trained network drawn by share and the ${where}; unit ${top1 + 1} holds the largest share. Arrow keys move the query (Shift: faster).`);
    }
  });
  function redraw() { paintBase(); draw(); }
  const figure = h("div", { class: "yl-row" }, planeBox, side);
  el.append(h("div", { class: "yl-controls" }, epsSlider.root, kSlider.root,
    h("span", { class: "yl-caption" }, "click or drag to move the query ✚, or focus the plane and use the arrow keys; pick a unit in the bars with the arrow keys")),
    msg, figure, readout.root, h("div", { class: "yl-toolbar" }, exportButton(mode === "lazy" ? "lazy-loading" : "exact-attribution", () => figure)));
  redraw();
  return { redraw };
}

export default {
  render({ model, el }) {
    const lazy = model.get("mode") === "lazy";
    mountWidget(el, { name: "locality_explorer",
      label: lazy ? "Figure F08: which prototypes answer a query (lazy loading)" : "Figure F09: the exact share of each prototype (attribution)" },
    (root) => renderFigure(root, model));
  },
};
