// F07: the force of the loss on a probe prototype (left) and on a ReLU unit's weight vector (right).
// The fields were computed with jax.grad on a grid (yatlib.forces); here they are interpolated.
const P1B_FCLASS = ["#2c6fbb", "#e07b00"];

function render({ model, el }) {
  withStyle(el);
  el.classList.add("p1b-force");
  const lo = model.get("lo"), hi = model.get("hi"), n = model.get("n");
  const yatField = decodeF32(model.get("yat_field"));
  const reluField = decodeF32(model.get("relu_field"));
  const X = model.get("X"), y = model.get("y"), others = model.get("others");
  const size = 330;
  const msg = h("div", { class: "yl-message" });
  let probe = model.get("probe").slice();
  const toPx = (x) => ((x - lo) / (hi - lo)) * size;
  const toPy = (v) => size - ((v - lo) / (hi - lo)) * size;
  const fromPx = (px, py) => [lo + (px / size) * (hi - lo), lo + ((size - py) / size) * (hi - lo)];

  function maxNorm(F) { let m = 0; for (let i = 0; i < F.length; i += 2) m = Math.max(m, Math.hypot(F[i], F[i + 1])); return m || 1; }
  const yatMax = maxNorm(yatField), reluMax = maxNorm(reluField);

  function panel(title, F, fmax, withData, cls) {
    const root = svg("svg", { width: size, height: size, class: cls, style: "border:1px solid #bbb;background:#fff;touch-action:none;cursor:crosshair" });
    const base = svg("g", {}), top = svg("g", {});
    root.append(base, top);
    const cell = size / (n - 1);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
      const fx = F[2 * (j * n + i)], fy = F[2 * (j * n + i) + 1];
      const m = Math.hypot(fx, fy);
      const cx = toPx(lo + (i * (hi - lo)) / (n - 1)), cy = toPy(lo + (j * (hi - lo)) / (n - 1));
      if (m === 0) { base.append(svg("rect", { x: cx - cell / 2, y: cy - cell / 2, width: cell, height: cell, fill: "#d9d9d9" })); continue; }
      if ((i + j) % 2) continue;
      const len = 0.9 * cell * Math.sqrt(m / fmax) * 1.4;
      const ux = fx / m, uy = fy / m;
      const x2 = cx + len * ux, y2 = cy - len * uy;
      base.append(svg("line", { x1: cx, y1: cy, x2, y2, stroke: "#7a7a7a", "stroke-width": 1 }));
      base.append(svg("circle", { cx: x2, cy: y2, r: 1.2, fill: "#7a7a7a" }));
    }
    if (withData) {
      for (let k = 0; k < y.length; k++) base.append(svg("circle", { cx: toPx(X[k][0]), cy: toPy(X[k][1]), r: 2.4, fill: P1B_FCLASS[y[k]], "fill-opacity": 0.8 }));
      for (const o of others) base.append(svg("rect", { x: toPx(o[0]) - 3, y: toPy(o[1]) - 3, width: 6, height: 6, fill: "none", stroke: "#555" }));
    }
    const label = svg("text", { x: 6, y: 16, "font-size": 12, fill: "#333" });
    label.textContent = title;
    base.append(label);
    let dragging = false;
    const move = (ev) => {
      const r = root.getBoundingClientRect();
      const p = fromPx(ev.clientX - r.left, ev.clientY - r.top);
      probe = [Math.max(lo, Math.min(hi, p[0])), Math.max(lo, Math.min(hi, p[1]))];
      draw();
    };
    root.addEventListener("pointerdown", (ev) => { dragging = true; root.setPointerCapture?.(ev.pointerId); move(ev); });
    root.addEventListener("pointermove", (ev) => { if (dragging) move(ev); });
    root.addEventListener("pointerup", () => { dragging = false; });
    return { root, top, F, fmax };
  }

  const left = panel("Yat prototype position (x₁, x₂)", yatField, yatMax, true, "p1b-yat-panel");
  const right = panel("ReLU unit weight vector (v₁, v₂)", reluField, reluMax, false, "p1b-relu-panel");
  const readYat = h("div", { class: "p1b-read-yat", style: "font-variant-numeric: tabular-nums" });
  const readRelu = h("div", { class: "p1b-read-relu", style: "font-variant-numeric: tabular-nums" });
  const sx = labelledSlider("probe x₁", { min: lo, max: hi, step: (hi - lo) / 200, value: probe[0], format: (v) => v.toFixed(2), onInput: (v) => { probe[0] = v; draw(); } });
  const sy = labelledSlider("probe x₂", { min: lo, max: hi, step: (hi - lo) / 200, value: probe[1], format: (v) => v.toFixed(2), onInput: (v) => { probe[1] = v; draw(); } });

  function drawProbe(pan, read, name) {
    pan.top.replaceChildren();
    const f = bilinear(pan.F, lo, hi, n, probe[0], probe[1]);
    const m = Math.hypot(f[0], f[1]);
    const path = flowPath(pan.F, lo, hi, n, probe[0], probe[1], 80, (hi - lo) / 100);
    pan.top.append(svg("polyline", { points: path.map((p) => `${toPx(p[0])},${toPy(p[1])}`).join(" "), fill: "none", stroke: "#c0392b", "stroke-width": 1.5, "stroke-dasharray": "4 3" }));
    const px = toPx(probe[0]), py = toPy(probe[1]);
    if (m > 0) {
      const len = 40 * Math.sqrt(Math.min(1, m / pan.fmax)) + 8;
      pan.top.append(svg("line", { x1: px, y1: py, x2: px + len * f[0] / m, y2: py - len * f[1] / m, stroke: "#c0392b", "stroke-width": 3 }));
    }
    pan.top.append(svg("circle", { cx: px, cy: py, r: 6, fill: m > 0 ? "#c0392b" : "#555", stroke: "#fff", "stroke-width": 1.5, class: "p1b-probe" }));
    read.textContent = m > 0
      ? `${name}: force ${fmtNum(m)} (${fmtNum(100 * m / pan.fmax, 2)} % of the largest on the grid); the dashed path is where it would drift.`
      : `${name}: force exactly 0 here. The unit is off on every data point: it is dead and gradient descent cannot move it.`;
  }

  function draw() {
    if (!probe.every(Number.isFinite)) { showMessage(msg, "The probe position is not a number."); return; }
    showMessage(msg, "");
    sx.set(probe[0]); sy.set(probe[1]);
    drawProbe(left, readYat, "Yat prototype");
    drawProbe(right, readRelu, "ReLU unit");
  }
  el.append(h("div", { class: "yl-controls" }, sx.root, sy.root, h("span", { class: "yl-caption" }, "or click / drag in either panel")),
    msg, h("div", { class: "yl-row" }, left.root, right.root), readYat, readRelu);
  draw();
}
export default { render };
