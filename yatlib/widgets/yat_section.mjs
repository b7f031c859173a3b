// Figure F02: one section x -> κ(x, w) of the Yat kernel. Bundled after dom.js, canvas.js,
// plane.js, kernels.js; everything is computed here, in the browser.

function renderFigure(el, model) {
  const msg = planeRoot(el);
  const st = { w: model.get("w").slice(), le: Math.log10(model.get("eps")), b: model.get("b") };
  const P = planePanel({ size: 320, title: "κ(x, w) = (w·x + b)² / (‖x − w‖² + ε)", lo: -3, hi: 3 });
  const cbar = colourBar(P.canvas.height, "κ(x, w)");
  const readout = liveRegion("yl-status p1-readout");
  const coord = (v) => Number(v).toFixed(2);
  const sx = labelledSlider("w, first coordinate", { min: -2.5, max: 2.5, step: 0.05, value: st.w[0], format: coord, onInput: (v) => { st.w[0] = v; draw(); } });
  const sy = labelledSlider("w, second coordinate", { min: -2.5, max: 2.5, step: 0.05, value: st.w[1], format: coord, onInput: (v) => { st.w[1] = v; draw(); } });
  const se = labelledSlider("sharpness floor ε", { min: -2, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; draw(); } });
  const sb = labelledSlider("bias b", { min: 0, max: 2, step: 0.05, value: st.b, format: coord, onInput: (v) => { st.b = v; draw(); } });
  const clampW = (v) => Math.max(-2.5, Math.min(2.5, Math.round(v * 100) / 100));
  function placeW(x, y) {
    st.w = [clampW(x), clampW(y)];
    sx.set(st.w[0]); sy.set(st.w[1]);
    draw();
  }
  const pair = h("div", { class: "p1-pair" }, P.canvas, cbar.canvas);
  keyboardDrag(pair, { label: "Kernel section; arrow keys move the prototype w", get: () => st.w.slice(), set: ([x, y]) => placeW(x, y), step: 0.05 });

  const draw = timedDraw(el, () => {
    const eps = 10 ** st.le, n = 80, p = { b: st.b, eps }, ink = mapInk();
    const v = P.sample((x, y) => kernelValue("yat", [x, y], st.w, p), n);
    let m = 0, above = 0;
    for (let i = 0; i < n * n; i++) m = Math.max(m, v[i]);
    for (let i = 0; i < n * n; i++) if (v[i] > m / 2) above++;
    P.clear(); P.paint(v, n, (z) => viridis(m > 0 ? z / m : 0)); P.axes();
    P.marker(st.w[0], st.w[1], { shape: "diamond", r: 7, fill: classColour(3), stroke: ink.paper });
    // the maximum over the plane, (‖w‖² + b)²/ε + ‖w‖², at x* = (1 + ε/(‖w‖² + b))·w (yatlib.kernel_maximum.yat_maximum; b ≥ 0 here)
    const ww = st.w[0] ** 2 + st.w[1] ** 2, s = ww + st.b, atW = s * s / eps, top = atW + ww;
    const xs = s > 0 ? [(1 + eps / s) * st.w[0], (1 + eps / s) * st.w[1]] : [0, 0];
    if (s > 0 && Math.abs(xs[0]) <= 3 && Math.abs(xs[1]) <= 3) {
      P.marker(xs[0], xs[1], { r: 5, fill: "none", stroke: ink.paper, lw: 3 });
      P.marker(xs[0], xs[1], { r: 5, fill: "none", stroke: ink.ink, lw: 1 });
    }
    cbar.draw(0, m, viridis);
    const area = above / (n * n) * (P.hi - P.lo) ** 2;
    if (s === 0) {
      showMessage(msg, "With w at the origin and b = 0 the numerator (w·x + b)² is zero everywhere: the unit never fires. Move w or raise b.");
      readout.say(`w = (0.00, 0.00), b = 0: κ is zero everywhere.`);
    } else {
      showMessage(msg, "");
      readout.say(`w = (${coord(st.w[0])}, ${coord(st.w[1])}), ε = ${logFmt(eps)}, b = ${coord(st.b)}: value at w = (‖w‖² + b)²/ε = ${fmtNum(atW)}; `
        + `maximum = value at w + ‖w‖² = ${fmtNum(top)}, at x* = (1 + ε/(‖w‖² + b))·w = (${coord(xs[0])}, ${coord(xs[1])})`
        + `${Math.abs(xs[0]) <= 3 && Math.abs(xs[1]) <= 3 ? " (ring)" : ", outside the picture"}; `
        + `area where κ is above half its largest value in the picture: ${fmtNum(area, 2)} (smaller ε → smaller area, sharper unit).`);
    }
    describe(pair, `Heat map of the Yat kernel κ(x, w) over the plane from −3 to 3, with the prototype w = (${coord(st.w[0])}, ${coord(st.w[1])}) as a red diamond `
      + `and its maximum, just beyond w, as a ring; largest value in the picture ${fmtNum(m)}, above half of it on an area of ${fmtNum(area, 2)}. Arrow keys move w (Shift: faster).`);
    model.set("w", st.w.slice()); model.set("eps", eps); model.set("b", st.b); model.save_changes();
  });
  onPlanePointer(P, (x, y) => { placeW(x, y); return (a, b) => placeW(a, b); });
  const figure = h("div", {}, pair);
  el.append(h("div", { class: "yl-controls" }, sx.root, sy.root, se.root, sb.root), figure, msg, readout.root,
    h("div", { class: "yl-caption" }, "Click or drag to move the prototype w (red diamond); the ring marks the maximum of κ, just beyond w. Or focus the plane and use the arrow keys."),
    h("div", { class: "yl-toolbar" }, exportButton("yat-kernel-section", () => figure)));
  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    mountWidget(el, { name: "yat_section", label: "Figure F02: one section of the Yat kernel" }, (root) => renderFigure(root, model));
  },
};
