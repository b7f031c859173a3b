// BoundaryWalk: blend item A into item B (t from 0 to 1) and run the trained Yat MLP in the browser.
// Shows the blend, its predicted class, the most active ("nearest") prototype, and a strip of the
// whole walk with the places where the class and the nearest prototype change.

function render({ model, el }) {
  withStyle(el);
  el.classList.add("p2b-walk");
  const K = model.get("n_units"), D = model.get("n_features"), C = model.get("n_classes");
  const W = decodeF32(model.get("prototypes_b64"));
  const A = decodeF32(model.get("weights_b64"));
  const bias = model.get("bias"), b = model.get("b"), eps = model.get("eps");
  const items = decodeU8(model.get("items_b64"));
  const names = model.get("class_names"), colors = model.get("class_colors");
  const protoCls = model.get("unit_classes"), labels = model.get("item_labels");
  const pairs = model.get("pairs");
  const N = labels.length, STEPS = 40;
  const ok = W.length === K * D && A.length === K * C && items.length === N * D && bias.length === C;

  const css = h("style", {}, `
    .p2b-walk canvas.pic { width: 112px; height: 112px; image-rendering: pixelated; border: 3px solid #ccc; }
    .p2b-walk .cell { display: flex; flex-direction: column; align-items: center; font-size: 12px; }
    .p2b-walk .pred { font-weight: 600; font-size: 15px; }
    .p2b-walk svg text { font: 11px system-ui, sans-serif; }`);
  const msg = h("div", { class: "yl-message" });
  const slider = labelledSlider("blend t (0 = item A, 1 = item B)", {
    min: 0, max: 1, step: 0.01, value: model.get("t"), format: (v) => v.toFixed(2),
    onInput: (v) => { model.set("t", v); model.save_changes(); drawBlend(); },
  });
  const newPair = h("button", { type: "button", class: "p2b-newpair" }, "a new pair of items");
  const pairLabel = h("span", { class: "yl-caption p2b-pairlabel" });
  const canvases = [0, 1, 2, 3].map(() => h("canvas", { class: "pic", width: 28, height: 28 }));
  const caps = [0, 1, 2, 3].map(() => h("div", {}));
  const pred = h("div", { class: "pred p2b-pred" });
  const row = h("div", { class: "yl-row" },
    ...["item A", "blend", "nearest prototype", "item B"].map((t, k) =>
      h("div", { class: "cell" }, h("div", {}, t), canvases[k], caps[k], k === 1 ? pred : null)));
  const strip = svg("svg", { width: 640, height: 92, viewBox: "0 0 640 92", class: "p2b-strip" });
  el.append(css, h("div", { class: "yl-controls" }, slider.root, newPair, pairLabel), msg, row,
    h("div", { class: "yl-caption" }, "The walk: top band = predicted class, bottom band = class of the nearest prototype; ticks mark where the nearest prototype changes, the red line where the predicted class flips."),
    strip);

  function paint(canvas, x, color) {
    const ctx = canvas.getContext("2d"), img = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = Math.round(255 * (1 - Math.max(0, Math.min(1, x[i]))));
      img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = v; img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    canvas.style.borderColor = color || "#ccc";
  }
  const item = (i) => items.subarray(i * D, (i + 1) * D);
  function pair() {
    const k = Number(model.get("pair_index"));
    if (!Array.isArray(pairs) || pairs.length === 0) return null;
    const p = pairs[((k % pairs.length) + pairs.length) % pairs.length];
    if (!p || p.length !== 2 || !(p[0] >= 0 && p[0] < N && p[1] >= 0 && p[1] < N)) return null;
    return p;
  }
  let walk = null;

  function drawWalk() {
    const p = pair();
    strip.replaceChildren();
    if (!ok || !p) { walk = null; return; }
    const [ia, ib] = p;
    const scaled = (i) => item(i);
    paint(canvases[0], Array.from(scaled(ia), (v) => v / 255), colors[labels[ia]]);
    paint(canvases[3], Array.from(scaled(ib), (v) => v / 255), colors[labels[ib]]);
    caps[0].textContent = names[labels[ia]];
    caps[3].textContent = names[labels[ib]];
    pairLabel.textContent = `pair ${((model.get("pair_index") % pairs.length) + pairs.length) % pairs.length + 1} of ${pairs.length}`;
    walk = walkBetween(item(ia), item(ib), STEPS, W, K, D, b, eps, A, bias, C);
    const x0 = 20, w = 600, bw = w / (STEPS + 1);
    for (let i = 0; i <= STEPS; i++) {
      strip.append(svg("rect", { x: x0 + i * bw, y: 10, width: bw + 0.5, height: 22, fill: colors[walk.preds[i]] },
        svg("title", {}, `t = ${walk.ts[i].toFixed(3)}: predicted ${names[walk.preds[i]]}`)));
      strip.append(svg("rect", { x: x0 + i * bw, y: 36, width: bw + 0.5, height: 22, fill: colors[protoCls[walk.tops[i]]], opacity: 0.75 },
        svg("title", {}, `t = ${walk.ts[i].toFixed(3)}: nearest prototype #${walk.tops[i]} (${names[protoCls[walk.tops[i]]]})`)));
    }
    for (const i of changePoints(walk.tops)) strip.append(svg("line", { x1: x0 + i * bw, x2: x0 + i * bw, y1: 34, y2: 62, stroke: "#000", "stroke-width": 2 }));
    for (const i of changePoints(walk.preds)) strip.append(svg("line", { class: "p2b-flip", x1: x0 + i * bw, x2: x0 + i * bw, y1: 4, y2: 62, stroke: "#d00", "stroke-width": 3 }));
    strip.append(svg("text", { x: x0, y: 76 }, "t = 0 (item A)"));
    strip.append(svg("text", { x: x0 + w, y: 76, "text-anchor": "end" }, "t = 1 (item B)"));
    strip.append(svg("line", { class: "p2b-now", x1: 0, x2: 0, y1: 2, y2: 66, stroke: "#222", "stroke-width": 1.5, "stroke-dasharray": "3 2" }));
  }

  function drawBlend() {
    const p = pair();
    if (!ok) { showMessage(msg, "The model data handed to this widget is incomplete; nothing to show."); return; }
    if (!p) { showMessage(msg, "No pair of items to walk between."); return; }
    const t = Number(model.get("t"));
    if (!Number.isFinite(t) || t < 0 || t > 1) { showMessage(msg, "Choose a blend t between 0 and 1."); return; }
    showMessage(msg, "");
    const x = blendItems(item(p[0]), item(p[1]), t, D);
    const r = forwardYatMlp(x, W, K, D, b, eps, A, bias, C);
    paint(canvases[1], x, colors[r.pred]);
    pred.textContent = `predicted: ${names[r.pred]}`;
    pred.style.color = colors[r.pred];
    caps[1].textContent = `t = ${t.toFixed(2)}`;
    paint(canvases[2], W.subarray(r.top * D, (r.top + 1) * D), colors[protoCls[r.top]]);
    caps[2].textContent = `prototype #${r.top} (detects ${names[protoCls[r.top]]})`;
    const now = strip.querySelector(".p2b-now");
    if (now) { const xx = 20 + 600 * (t * STEPS + 0.5) / (STEPS + 1); now.setAttribute("x1", xx); now.setAttribute("x2", xx); }
  }

  newPair.addEventListener("click", () => {
    model.set("pair_index", Number(model.get("pair_index")) + 1);
    model.save_changes();
    drawWalk(); drawBlend();
  });
  model.on("change:t", () => { slider.set(model.get("t")); drawBlend(); });
  model.on("change:pair_index", () => { drawWalk(); drawBlend(); });
  drawWalk();
  drawBlend();
}
export default { render };
