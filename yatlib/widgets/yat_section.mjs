// Figure F02: one section x -> K(x, W) of the Yat kernel. Bundled after dom.js, canvas.js,
// plane.js, kernels.js; everything is computed here, in the browser.

function renderFigure(el, model, life) {
  const msg = planeRoot(el);
  const st = { w: model.get("w").slice(), le: Math.log10(model.get("eps")), b: model.get("b") };
  const P = planePanel({ size: 320, title: "K(x, W) = (W·x + b)² / (‖x − W‖² + ε)", lo: -3, hi: 3 });
  const cbar = colourBar(P.canvas.height, "K(x, W)");
  const readout = liveRegion("yl-status p1-readout");
  const coord = (v) => Number(v).toFixed(2);
  const sx = labelledSlider("W, first coordinate", { min: -2.5, max: 2.5, step: 0.05, value: st.w[0], format: coord, onInput: (v) => { st.w[0] = v; draw(); } });
  const sy = labelledSlider("W, second coordinate", { min: -2.5, max: 2.5, step: 0.05, value: st.w[1], format: coord, onInput: (v) => { st.w[1] = v; draw(); } });
  const se = labelledSlider("sharpness floor ε", { min: -2, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; draw(); } });
  const sb = labelledSlider("bias b", { min: 0, max: 2, step: 0.05, value: st.b, format: coord, onInput: (v) => { st.b = v; draw(); } });
  const clampW = (v) => Math.max(-2.5, Math.min(2.5, Math.round(v * 100) / 100));
  function placeW(x, y) {
    st.w = [clampW(x), clampW(y)];
    sx.set(st.w[0]); sy.set(st.w[1]);
    draw();
  }
  const pair = h("div", { class: "p1-pair" }, P.canvas, cbar.canvas);
  keyboardDrag(pair, { label: "Kernel section; arrow keys move the prototype W", get: () => st.w.slice(), set: ([x, y]) => placeW(x, y), step: 0.05 });

  const draw = timedDraw(el, () => {
    const eps = 10 ** st.le, n = 80, p = { b: st.b, eps }, ink = mapInk();
    const v = P.sample((x, y) => kernelValue("yat", [x, y], st.w, p), n);
    let m = 0, above = 0;
    for (let i = 0; i < n * n; i++) m = Math.max(m, v[i]);
    for (let i = 0; i < n * n; i++) if (v[i] > m / 2) above++;
    P.clear(); P.paint(v, n, (z) => viridis(m > 0 ? z / m : 0)); P.axes();
    P.marker(st.w[0], st.w[1], { shape: "diamond", r: 7, fill: classColour(3), stroke: ink.paper });
    cbar.draw(0, m, viridis);
    const area = above / (n * n) * (P.hi - P.lo) ** 2;
    const ww = st.w[0] ** 2 + st.w[1] ** 2;
    if (ww + st.b === 0) {
      showMessage(msg, "With W at the origin and b = 0 the numerator (W·x + b)² is zero everywhere: the unit never fires. Move W or raise b.");
      readout.say(`W = (0.00, 0.00), b = 0: K is zero everywhere.`);
    } else {
      showMessage(msg, "");
      readout.say(`W = (${coord(st.w[0])}, ${coord(st.w[1])}), ε = ${logFmt(eps)}, b = ${coord(st.b)}: value at W = (‖W‖² + b)²/ε = ${fmtNum((ww + st.b) ** 2 / eps)}; `
        + `area where K is above half its maximum: ${fmtNum(area, 2)} (smaller ε → smaller area, sharper unit).`);
    }
    describe(pair, `Heat map of the Yat kernel K(x, W) over the plane from −3 to 3, with the prototype W = (${coord(st.w[0])}, ${coord(st.w[1])}) as a red diamond; `
      + `largest value ${fmtNum(m)}, above half of it on an area of ${fmtNum(area, 2)}. Arrow keys move W (Shift: faster).`);
    model.set("w", st.w.slice()); model.set("eps", eps); model.set("b", st.b); model.save_changes();
  });
  onPlanePointer(P, (x, y) => { placeW(x, y); return (a, b) => placeW(a, b); });
  const figure = h("div", {}, pair);
  el.append(h("div", { class: "yl-controls" }, sx.root, sy.root, se.root, sb.root), figure, msg, readout.root,
    h("div", { class: "yl-caption" }, "Click or drag to move the prototype W (red diamond), or focus the plane and use the arrow keys."),
    h("div", { class: "yl-toolbar" }, exportButton("yat-kernel-section", () => figure)));
  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "yat_section", label: "Figure F02: one section of the Yat kernel" }, (root, life) => renderFigure(root, model, life));
  },
};
