// "The network explains itself" (figure F18). Bundled after dom.js, canvas.js, kernels.js and classifier.js.
// Everything is computed here, in the browser, from the trained weights and the items' pixels.

// A picture of shape [rows, cols] from values[offset .. offset + rows*cols): grey levels from `range`
// ([lo, hi], dark = high) or, with minmax, from the picture's own range.
function drawPicture(canvas, values, offset, shape, range, minmax) {
  const [rows, cols] = shape, D = rows * cols;
  const ctx = canvas.getContext("2d");
  const img = ctx.createImageData(cols, rows);
  let [lo, hi] = range;
  if (minmax) {
    lo = Infinity; hi = -Infinity;
    for (let d = 0; d < D; d++) { const v = values[offset + d]; if (v < lo) lo = v; if (v > hi) hi = v; }
  }
  if (!(hi > lo)) hi = lo + 1;
  for (let d = 0; d < D; d++) {
    const t = Math.max(0, Math.min(1, (values[offset + d] - lo) / (hi - lo)));
    const g = Math.round(255 * (1 - t));
    img.data[4 * d] = g; img.data[4 * d + 1] = g; img.data[4 * d + 2] = g; img.data[4 * d + 3] = 255;
  }
  const tmp = document.createElement("canvas");
  tmp.width = cols; tmp.height = rows;
  tmp.getContext("2d").putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(tmp, 0, 0, canvas.width, canvas.height);
}

const P2A_CSS = `
.p2a-explain .p2a-main { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
.p2a-explain .p2a-item canvas { border: 1px solid #999; }
.p2a-explain .p2a-verdict { font-weight: 600; margin-top: 4px; max-width: 170px; }
.p2a-explain .p2a-verdict.abstain { color: #b35900; }
.p2a-explain .p2a-top { display: grid; grid-template-columns: auto auto 150px auto; gap: 4px 8px; align-items: center; }
.p2a-explain .p2a-top canvas { border: 3px solid #ccc; }
.p2a-explain .p2a-bar { height: 12px; background: #4a78b5; }
.p2a-explain .p2a-bar.dim { background: #bbb; }
.p2a-explain .p2a-sum { grid-column: 1 / span 4; font-size: 12px; color: #444; }
.p2a-explain input[type=number] { width: 5.5em; }
.p2a-explain .p2a-seg button.on { background: #2d5f9a; color: white; border-color: #2d5f9a; }
`;

function render({ model, el }) {
  withStyle(el);
  el.classList.add("p2a-explain");
  el.append(h("style", {}, P2A_CSS));

  const K = model.get("n_units"), D = model.get("n_features"), C = model.get("n_classes");
  const shape = model.get("image_shape"), range = model.get("pixel_range");
  const W = decodeF32(model.get("prototypes"));
  const A = decodeF32(model.get("readout"));
  const bias = model.get("bias");
  const b = model.get("b"), eps = model.get("eps");
  const names = model.get("class_names");
  const protoClass = model.get("proto_classes");
  const protoShows = model.get("proto_shows") || [];
  const palette = model.get("class_colors");
  const colors = (c) => palette[c % palette.length];
  const [insideName, outsideName] = model.get("set_names");
  const outsideNames = model.get("outside_class_names");
  // items arrive as bytes k (value k/255) or as float32 values, exactly either way
  const decodeSet = (role) => model.get(`${role}_encoding`) === "f32"
    ? { pixels: decodeF32(model.get(`${role}_pixels`)), scale: 1 }
    : { pixels: decodeU8(model.get(`${role}_pixels`)), scale: 255 };
  const sets = {
    inside: { ...decodeSet("inside"), labels: model.get("inside_labels"),
              title: insideName, labelText: (y) => names[y] },
    outside: { ...decodeSet("outside"), labels: model.get("outside_labels"),
               title: `${outsideName} (never seen)`, labelText: (y) => outsideNames[y] },
  };
  for (const s of Object.values(sets)) {
    s.n = s.labels.length;
    s.max = maxMatches(s.pixels, s.n, W, K, D, b, eps, s.scale);
  }
  const [tauLo, tauHi] = model.get("tau_range");
  const taus = geomspace(tauLo, tauHi, 121);
  const curve = abstentionTradeoff(Array.from(sets.inside.max), Array.from(sets.outside.max), taus);

  // ---- controls -------------------------------------------------------------
  const message = h("div", { class: "yl-message p2a-message" });
  const setButtons = {};
  const seg = h("span", { class: "p2a-seg" }, h("span", { class: "yl-label" }, "input set "));
  for (const [key, label] of [["inside", insideName], ["outside", outsideName]]) {
    setButtons[key] = h("button", { type: "button", "data-set": key, onclick: () => { model.set("dataset", key); model.set("index", 0); model.save_changes(); } }, label);
    seg.append(setButtons[key]);
  }
  const filter = h("select", { class: "p2a-filter", "aria-label": "which items" },
    h("option", { value: "all" }, "all items"),
    h("option", { value: "accepted" }, "only items it accepts"),
    h("option", { value: "abstained" }, "only items it abstains on"));
  filter.addEventListener("change", () => { model.set("filter", filter.value); model.set("index", 0); model.save_changes(); });

  const itemSlider = h("input", { type: "range", min: 0, max: 1, step: 1, value: 0, class: "p2a-item-slider", "aria-label": "test item" });
  const itemBox = h("input", { type: "number", class: "p2a-item-box", step: 1, "aria-label": "item number" });
  itemSlider.addEventListener("input", () => { model.set("index", Number(itemSlider.value)); model.save_changes(); });
  itemBox.addEventListener("change", () => {
    const v = itemBox.value.trim() === "" ? NaN : Number(itemBox.value);
    model.set("index", Number.isInteger(v) ? v : -1); model.save_changes();
  });

  const lg = (t) => Math.log10(t);
  const tauSlider = h("input", { type: "range", min: lg(tauLo), max: lg(tauHi), step: (lg(tauHi) - lg(tauLo)) / 200, class: "p2a-tau-slider", "aria-label": "threshold tau" });
  const tauBox = h("input", { type: "number", class: "p2a-tau-box", step: "any", "aria-label": "threshold value" });
  tauSlider.addEventListener("input", () => {
    const v = Math.min(tauHi, Math.max(tauLo, Math.pow(10, Number(tauSlider.value))));  // no rounding past the ends
    model.set("tau", v); model.save_changes();
  });
  tauBox.addEventListener("change", () => {
    const v = tauBox.value.trim() === "" ? NaN : Number(tauBox.value);
    model.set("tau", Number.isFinite(v) ? v : -1); model.save_changes();
  });

  const controls = h("div", { class: "yl-controls" }, seg, filter,
    h("label", { class: "yl-slider" }, h("span", { class: "yl-label" }, "test item"), itemSlider, itemBox),
    h("label", { class: "yl-slider" }, h("span", { class: "yl-label" }, "threshold τ"), tauSlider, tauBox));

  // ---- panels -------------------------------------------------------------
  const aspect = shape[1] / shape[0];  // pictures keep their shape: 112 (56) pixels high
  const itemCanvas = h("canvas", { width: Math.round(112 * aspect), height: 112 });
  const itemInfo = h("div", { class: "yl-caption p2a-item-info" });
  const verdict = h("div", { class: "p2a-verdict" });
  const matchInfo = h("div", { class: "yl-caption p2a-match" });
  const itemPanel = h("div", { class: "p2a-item" }, h("div", { class: "yl-caption" }, "the input"), itemCanvas, itemInfo, verdict, matchInfo);
  const topGrid = h("div", { class: "p2a-top" });
  const topPanel = h("div", {}, h("div", { class: "yl-caption" }, "the prototypes with the largest shares a_u"), topGrid);
  const curveSvg = svg("svg", { width: 300, height: 260, class: "p2a-curve", viewBox: "0 0 300 260" });
  const curveText = h("div", { class: "yl-caption p2a-curve-text", style: "max-width: 300px" });
  const curvePanel = h("div", {}, h("div", { class: "yl-caption" }, `accept ${insideName} vs reject ${outsideName}, as τ varies`), curveSvg, curveText);
  const main = h("div", { class: "p2a-main" }, itemPanel, topPanel);
  el.append(controls, message, h("div", { class: "p2a-main" }, main, curvePanel));

  // ---- trade-off curve (static path, moving marker) -------------------------
  const X0 = 45, Y0 = 215, PW = 235, PH = 195;
  const px = (r) => X0 + r * PW, py = (a) => Y0 - a * PH;
  curveSvg.append(
    svg("rect", { x: X0, y: Y0 - PH, width: PW, height: PH, fill: "#fafafa", stroke: "#999" }),
    svg("path", { d: taus.map((_, i) => `${i ? "L" : "M"}${px(curve.rejected[i]).toFixed(1)},${py(curve.accepted[i]).toFixed(1)}`).join(""), fill: "none", stroke: "#2d5f9a", "stroke-width": 2 }));
  for (const v of [0, 0.5, 1]) {
    const tx = svg("text", { x: px(v), y: Y0 + 14, "text-anchor": "middle", "font-size": 11 }); tx.textContent = `${v * 100}%`;
    const ty = svg("text", { x: X0 - 4, y: py(v) + 4, "text-anchor": "end", "font-size": 11 }); ty.textContent = `${v * 100}%`;
    curveSvg.append(tx, ty);
  }
  const xl = svg("text", { x: X0 + PW / 2, y: Y0 + 32, "text-anchor": "middle", "font-size": 12 }); xl.textContent = `${outsideName} rejected`;
  const yl = svg("text", { x: 12, y: Y0 - PH / 2, "text-anchor": "middle", "font-size": 12, transform: `rotate(-90 12 ${Y0 - PH / 2})` }); yl.textContent = `${insideName} accepted`;
  const marker = svg("circle", { r: 6, fill: "#e4572e", stroke: "white", "stroke-width": 1.5, class: "p2a-marker" });
  curveSvg.append(xl, yl, marker);

  function visibleItems(set, tau) {
    const f = model.get("filter");
    const out = [];
    for (let i = 0; i < set.n; i++) {
      if (f === "accepted" && !(set.max[i] >= tau)) continue;
      if (f === "abstained" && !(set.max[i] < tau)) continue;
      out.push(i);
    }
    return out;
  }

  function update() {
    const key = model.get("dataset") in sets ? model.get("dataset") : "inside";
    const set = sets[key];
    for (const [k, btn] of Object.entries(setButtons)) btn.classList.toggle("on", k === key);
    filter.value = model.get("filter");
    const tau = model.get("tau");
    const problems = [];
    const tauOk = Number.isFinite(tau) && tau >= tauLo && tau <= tauHi;
    if (!tauOk) problems.push(`The threshold τ must be a number between ${fmtNum(tauLo, 3)} and ${fmtNum(tauHi, 3)}; type one in that range or use the slider.`);
    const t = tauOk ? tau : NaN;
    if (tauOk) { tauSlider.value = lg(tau); if (document.activeElement !== tauBox) tauBox.value = Number(tau.toPrecision(4)); }

    // trade-off marker
    if (tauOk) {
      const acc = sets.inside.max.reduce((s, m) => s + (m >= t ? 1 : 0), 0) / sets.inside.n;
      const rej = sets.outside.max.reduce((s, m) => s + (m < t ? 1 : 0), 0) / sets.outside.n;
      marker.setAttribute("cx", px(rej)); marker.setAttribute("cy", py(acc)); marker.style.display = "";
      curveText.textContent = `At τ = ${fmtNum(t, 3)} the model accepts ${(100 * acc).toFixed(1)}% of the ${sets.inside.n} items of ${insideName} and rejects ${(100 * rej).toFixed(1)}% of the ${sets.outside.n} of ${outsideName}.`;
    } else { marker.style.display = "none"; curveText.textContent = ""; }

    const items = tauOk ? visibleItems(set, t) : [];
    if (tauOk && items.length === 0) problems.push(`No item of ${set.title} matches this selection at τ = ${fmtNum(t, 3)}: the selection is empty. Choose "all items" or move τ.`);
    itemSlider.max = Math.max(0, items.length - 1);
    const idx = model.get("index");
    if (items.length > 0 && !(Number.isInteger(idx) && idx >= 0 && idx < items.length))
      problems.push(`No item selected: pick an item number between 0 and ${items.length - 1}.`);
    showMessage(message, problems.join(" "));
    if (problems.length) { main.style.visibility = "hidden"; return; }
    main.style.visibility = "visible";
    itemSlider.value = idx;
    if (document.activeElement !== itemBox) itemBox.value = idx;
    itemBox.min = 0; itemBox.max = items.length - 1;

    const i = items[idx];
    const x = itemPixels(set.pixels, i, D, set.scale);
    const ex = explainItem(x, W, K, D, b, eps, A, bias, C);
    drawPicture(itemCanvas, x, 0, shape, range, false);
    itemInfo.textContent = `${set.title}, #${i}: ${set.labelText(set.labels[i])}`;
    const abstains = ex.maxMatch < t;
    verdict.classList.toggle("abstain", abstains);
    verdict.textContent = abstains ? "“I don't recognise this.”" : `prediction: ${names[ex.pred]}`;
    verdict.dataset.prediction = String(ex.pred);
    verdict.dataset.abstains = String(abstains);
    matchInfo.textContent = `best match max φ = ${fmtNum(ex.maxMatch, 4)} ${abstains ? "<" : "≥"} τ = ${fmtNum(t, 3)}` +
      (abstains ? ` (the vote would have said ${names[ex.pred]})` : "");
    matchInfo.dataset.maxMatch = String(ex.maxMatch);

    topGrid.replaceChildren();
    const nTop = Math.max(1, Math.min(K, model.get("top_n")));
    let shown = 0;
    const maxShare = ex.shares[ex.order[0]];
    for (const u of ex.order.slice(0, nTop)) {
      const c = h("canvas", { width: Math.round(56 * aspect), height: 56, style: `border-color: ${colors(protoClass[u])}` });
      drawPicture(c, W, u * D, shape, range, true);
      const s = ex.shares[u];
      shown += s;
      topGrid.append(c, h("span", {}, `unit ${u}`, h("br"), h("span", { class: "yl-caption" },
          protoShows.length === K ? `shows ${names[protoShows[u]]} · votes ${names[protoClass[u]]}` : `votes ${names[protoClass[u]]}`)),
        h("div", { class: "p2a-bar", style: `width: ${(150 * s / maxShare).toFixed(1)}px` }),
        h("span", { class: "p2a-share", "data-unit": u, "data-share": String(s) }, `${(100 * s).toFixed(1)}%`));
    }
    const rest = Math.max(0, 1 - shown);
    let total = 0;
    for (const v of ex.shares) total += v;
    topGrid.append(h("span", {}), h("span", {}, `the other ${K - nTop}`),
      h("div", { class: "p2a-bar dim", style: `width: ${(150 * Math.min(1, rest / maxShare)).toFixed(1)}px` }),
      h("span", { class: "p2a-rest" }, `${(100 * rest).toFixed(1)}%`),
      h("span", { class: "p2a-sum", "data-total": String(total) }, `all ${K} shares add up to ${total.toFixed(4)}`));
  }

  for (const ev of ["dataset", "index", "tau", "filter"]) model.on(`change:${ev}`, update);
  update();
}

export default { render };
