// Figure F02: Yat kernel section. Bundled after dom.js, canvas.js, plane.js, kernels.js, linalg.js;
// everything is computed here, in the browser.

function renderFigure(model, el) {
  const msg = planeRoot(el);
  const st = { w: model.get("w").slice(), le: Math.log10(model.get("eps")), b: model.get("b") };
  const P = planePanel({ size: 320, title: "K(x, W) = (W·x + b)² / (‖x − W‖² + ε)", lo: -3, hi: 3 });
  const cbar = colourBar(P.canvas.height, "K(x, W)");
  const out = h("div", { class: "p1-readout" });
  const sx = labelledSlider("W, first coordinate", { min: -2.5, max: 2.5, step: 0.05, value: st.w[0], format: (v) => v.toFixed(2), onInput: (v) => { st.w[0] = v; draw(); } });
  const sy = labelledSlider("W, second coordinate", { min: -2.5, max: 2.5, step: 0.05, value: st.w[1], format: (v) => v.toFixed(2), onInput: (v) => { st.w[1] = v; draw(); } });
  const se = labelledSlider("sharpness floor ε", { min: -2, max: 1, step: 0.05, value: st.le, format: (v) => logFmt(10 ** v), onInput: (v) => { st.le = v; draw(); } });
  const sb = labelledSlider("bias b", { min: 0, max: 2, step: 0.05, value: st.b, format: (v) => v.toFixed(2), onInput: (v) => { st.b = v; draw(); } });
  const draw = timedDraw(el, () => {
    const eps = 10 ** st.le, n = 80, p = { b: st.b, eps };
    const v = P.sample((x, y) => kernelValue("yat", [x, y], st.w, p), n);
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
  onPlanePointer(P, (x, y) => { const f = (a, b) => { st.w = [a, b]; sx.set(a.toFixed(2)); sy.set(b.toFixed(2)); draw(); }; f(x, y); return f; });
  el.append(h("div", { class: "yl-controls" }, sx.root, sy.root, se.root, sb.root),
    h("div", { class: "p1-pair" }, P.canvas, cbar.canvas), msg, out,
    h("div", { class: "yl-caption" }, "Click or drag to move the prototype W (red diamond)."));
  draw();
}

export default {
  render({ model, el }) {
    el.dataset.widget = "yat_section";
    try { renderFigure(model, el); } catch (e) {
      el.append(h("div", { class: "yl-message", style: "display:block" }, `This figure could not be drawn: ${e.message}`));
    }
  },
};
