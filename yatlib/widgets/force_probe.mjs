// Figure F07: the force of the loss on a probe prototype (left) and on a ReLU unit's weight vector
// (right). The fields were computed with jax.grad on a grid (yatlib.forces); here they are
// interpolated (fields.js). Bundled after dom.js, canvas.js, fields.js.

function renderFigure(el, model) {
  el.append(h("style", {}, `.yl-widget .ff-panel { border: 1px solid var(--yl-border); touch-action: none; cursor: crosshair; }
.yl-widget .ff-read { font-variant-numeric: tabular-nums; }`));
  const lo = model.get("lo"), hi = model.get("hi"), n = model.get("n");
  const yatField = decodeF32(model.get("yat_field"));
  const reluField = decodeF32(model.get("relu_field"));
  const X = model.get("X"), y = model.get("y"), others = model.get("others");
  const size = 320;   // two panels side by side in the book's column
  const msg = h("div", { class: "yl-message", role: "alert" });
  const readout = liveRegion("yl-status ff-read");
  let probe = model.get("probe").slice();
  const toPx = (x) => ((x - lo) / (hi - lo)) * size;
  const toPy = (v) => size - ((v - lo) / (hi - lo)) * size;
  const fromPx = (px, py) => [lo + (px / size) * (hi - lo), lo + ((size - py) / size) * (hi - lo)];
  const clamp = (v) => Math.max(lo, Math.min(hi, Math.round(v * 100) / 100));

  function maxNorm(F) { let m = 0; for (let i = 0; i < F.length; i += 2) m = Math.max(m, Math.hypot(F[i], F[i + 1])); return m || 1; }
  const yatMax = maxNorm(yatField), reluMax = maxNorm(reluField);
  let deadShare = 0;
  for (let i = 0; i < reluField.length; i += 2) if (reluField[i] === 0 && reluField[i + 1] === 0) deadShare += 2 / reluField.length;

  function panel(title, F, fmax, withData, cls) {
    const root = svg("svg", { width: size, height: size, class: `ff-panel ${cls}`, "aria-hidden": "true" });
    const base = svg("g", {}), top = svg("g", {});
    root.append(base, top);
    /** The field and the data: drawn again on a theme change. */
    function paintBase() {
      const t = theme();
      base.replaceChildren();
      const cell = size / (n - 1);
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
        const fx = F[2 * (j * n + i)], fy = F[2 * (j * n + i) + 1];
        const m = Math.hypot(fx, fy);
        const cx = toPx(lo + (i * (hi - lo)) / (n - 1)), cy = toPy(lo + (j * (hi - lo)) / (n - 1));
        if (m === 0) { base.append(svg("rect", { x: cx - cell / 2, y: cy - cell / 2, width: cell, height: cell, fill: t.grid, class: "ff-dead" })); continue; }
        if ((i + j) % 2) continue;
        const len = 0.9 * cell * Math.sqrt(m / fmax) * 1.4;
        const x2 = cx + len * fx / m, y2 = cy - len * fy / m;
        base.append(svg("line", { x1: cx, y1: cy, x2, y2, stroke: t.muted, "stroke-width": 1 }));
        base.append(svg("circle", { cx: x2, cy: y2, r: 1.2, fill: t.muted }));
      }
      if (withData) {
        for (let k = 0; k < y.length; k++) base.append(svg("circle", { cx: toPx(X[k][0]), cy: toPy(X[k][1]), r: 2.4, fill: classColour(y[k]), "fill-opacity": 0.85 }));
        for (const o of others) base.append(svg("rect", { x: toPx(o[0]) - 3, y: toPy(o[1]) - 3, width: 6, height: 6, fill: "none", stroke: t.fg, "stroke-opacity": 0.7 }));
      }
      base.append(svg("text", { x: 6, y: 16, "font-size": 12, fill: t.fg }, title));
    }
    let dragging = false;
    const move = (ev) => {
      const r = root.getBoundingClientRect();
      const p = fromPx((ev.clientX - r.left) * size / r.width, (ev.clientY - r.top) * size / r.height);
      setProbe(p);
    };
    root.addEventListener("pointerdown", (ev) => { dragging = true; try { root.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic */ } move(ev); });
    root.addEventListener("pointermove", (ev) => { if (dragging) move(ev); });
    root.addEventListener("pointerup", () => { dragging = false; });
    return { root, top, F, fmax, paintBase };
  }

  const left = panel("Yat prototype position (x₁, x₂)", yatField, yatMax, true, "ff-yat-panel");
  const right = panel("ReLU unit weight vector (ω₁, ω₂)", reluField, reluMax, false, "ff-relu-panel");
  const step = (hi - lo) / 200;
  const sx = labelledSlider("probe x₁", { min: lo, max: hi, step, value: probe[0], format: (v) => Number(v).toFixed(2), onInput: (v) => setProbe([v, probe[1]]) });
  const sy = labelledSlider("probe x₂", { min: lo, max: hi, step, value: probe[1], format: (v) => Number(v).toFixed(2), onInput: (v) => setProbe([probe[0], v]) });
  const panels = h("div", { class: "yl-row ff-panels" }, left.root, right.root);
  keyboardDrag(panels, { label: "Force fields; arrow keys move the probe", get: () => probe.slice(), set: setProbe, step: 0.05 });

  function setProbe(p) {
    if (!p.every(Number.isFinite)) { showMessage(msg, "The probe position is not a number: choose a point inside the square."); return; }
    probe = [clamp(p[0]), clamp(p[1])];
    draw();
  }

  function drawProbe(pan, name) {
    const t = theme(), red = classColour(3);
    pan.top.replaceChildren();
    const f = bilinear(pan.F, lo, hi, n, probe[0], probe[1]);
    const m = Math.hypot(f[0], f[1]);
    const path = flowPath(pan.F, lo, hi, n, probe[0], probe[1], 80, (hi - lo) / 100);
    pan.top.append(svg("polyline", { points: path.map((p) => `${toPx(p[0])},${toPy(p[1])}`).join(" "), fill: "none", stroke: red, "stroke-width": 1.5, "stroke-dasharray": "4 3" }));
    const px = toPx(probe[0]), py = toPy(probe[1]);
    if (m > 0) {
      const len = 40 * Math.sqrt(Math.min(1, m / pan.fmax)) + 8;
      pan.top.append(svg("line", { x1: px, y1: py, x2: px + len * f[0] / m, y2: py - len * f[1] / m, stroke: red, "stroke-width": 3 }));
    }
    pan.top.append(svg("circle", { cx: px, cy: py, r: 6, fill: m > 0 ? red : t.muted, stroke: t.bg, "stroke-width": 1.5, class: "ff-probe" }));
    const end = path[path.length - 1];
    return {
      m, end,
      text: m > 0
        ? `${name}: force ${fmtNum(m)} (${fmtNum(100 * m / pan.fmax, 2)} % of the largest on the grid); following it leads to (${end[0].toFixed(2)}, ${end[1].toFixed(2)}).`
        : `${name}: force exactly 0 here. The unit is off on every data point: it is dead and gradient descent cannot move it.`,
    };
  }

  const draw = timedDraw(el, () => {
    showMessage(msg, "");
    sx.set(probe[0]); sy.set(probe[1]);
    const a = drawProbe(left, "Yat prototype"), b = drawProbe(right, "ReLU unit");
    readout.say(`Probe at (${probe[0].toFixed(2)}, ${probe[1].toFixed(2)}). ${a.text} ${b.text}`);
    describe(panels, `Two force fields on the square from ${lo} to ${hi}, arrows showing the direction of −∇L. Left: a Yat prototype moved to the probe `
      + `(${probe[0].toFixed(2)}, ${probe[1].toFixed(2)}), next to the moons data; the force there is ${a.m > 0 ? fmtNum(a.m) : "0"}. `
      + `Right: a ReLU unit's weight vector; the shaded region, ${Math.round(100 * deadShare)} % of the square, has exactly zero force; at the probe the force is ${b.m > 0 ? fmtNum(b.m) : "exactly 0"}. `
      + "Arrow keys move the probe (Shift: faster).");
    model.set("probe", probe.slice()); model.save_changes();
  });
  function redraw() { left.paintBase(); right.paintBase(); draw(); }
  const figure = h("div", {}, panels);
  el.append(h("div", { class: "yl-controls" }, sx.root, sy.root, h("span", { class: "yl-caption" }, "or click / drag in either panel, or focus the panels and use the arrow keys")),
    msg, figure, readout.root, h("div", { class: "yl-toolbar" }, exportButton("force-probe", () => figure)));
  redraw();
  return { redraw };
}

export default {
  render({ model, el }) {
    mountWidget(el, { name: "force_probe", label: "Figure F07: the force on a probe prototype, and on a dead ReLU unit" }, (root) => renderFigure(root, model));
  },
};
