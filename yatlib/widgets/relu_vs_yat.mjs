// Figure F01: ReLU unit vs Yat unit. Bundled after dom.js, canvas.js, plane.js, kernels.js, linalg.js;
// everything is computed here, in the browser.

function renderFigure(model, el) {
  const msg = planeRoot(el);
  const st = { theta: model.get("theta"), r: model.get("radius"), eps: model.get("eps") };
  const A = planePanel({ size: 210, title: "ReLU unit  max(0, w·x)", lo: -3, hi: 3 });
  const B = planePanel({ size: 210, title: "Yat unit  (w·x)² / (‖x−w‖² + ε)", lo: -3, hi: 3 });
  const ca = colourBar(A.canvas.height, "ReLU"), cb = colourBar(B.canvas.height, "Yat");
  const out = h("div", { class: "p1-readout" });
  const sTheta = labelledSlider("angle θ of w (degrees)", { min: 0, max: 360, step: 1, value: st.theta,
    format: (v) => `${v}°`, onInput: (v) => { st.theta = v; draw(); } });
  const sR = labelledSlider("length ‖w‖", { min: 0.2, max: 2.5, step: 0.05, value: st.r,
    format: (v) => v.toFixed(2), onInput: (v) => { st.r = v; draw(); } });
  const draw = timedDraw(el, () => {
    const th = st.theta * Math.PI / 180, w = [st.r * Math.cos(th), st.r * Math.sin(th)];
    const n = 72;
    const vr = A.sample((x, y) => Math.max(0, w[0] * x + w[1] * y), n);
    const vy = B.sample((x, y) => kernelValue("yat", [x, y], w, { b: 0, eps: st.eps }), n);
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
    const yatFar = kernelValue("yat", far, w, { b: 0, eps: st.eps });
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
  onPlanePointer(A, onDown); onPlanePointer(B, onDown);
  el.append(h("div", { class: "yl-controls" }, sTheta.root, sR.root),
    h("div", { class: "p1-panels" }, h("div", { class: "p1-pair" }, A.canvas, ca.canvas), h("div", { class: "p1-pair" }, B.canvas, cb.canvas)),
    msg, out, h("div", { class: "yl-caption" }, "Click or drag on either panel to place w (red dot); the arrow is w."));
  draw();
}

export default {
  render({ model, el }) {
    el.dataset.widget = "relu_vs_yat";
    try { renderFigure(model, el); } catch (e) {
      el.append(h("div", { class: "yl-message", style: "display:block" }, `This figure could not be drawn: ${e.message}`));
    }
  },
};
