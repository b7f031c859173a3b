// F06: replay of recorded Yat-MLP training runs (snapshots computed by yatlib.forces.train_with_snapshots).
const P1B_CLASS = ["#2c6fbb", "#e07b00"];

/** Decode base64 bytes written by training_player._u8_b64 into probabilities in [0, 1]. */
function decodeProbabilities(b64) {
  const bin = atob(b64);
  const out = new Float32Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i) / 255;
  return out;
}

function render({ model, el }) {
  withStyle(el);
  el.classList.add("p1b-player");
  const runs = model.get("runs");
  const data = model.get("data");
  const grid = model.get("grid");
  const lim = model.get("lim");
  const size = 380;
  const msg = h("div", { class: "yl-message" });
  if (!runs.length) { el.append(msg); showMessage(msg, "No training runs were recorded."); return; }
  const datasets = [...new Set(runs.map((r) => r.dataset))];
  const epsValues = [...new Set(runs.map((r) => r.eps0))].sort((a, b) => a - b);
  const decoded = new Map();
  const get = (r) => {
    if (!decoded.has(r)) decoded.set(r, { field: decodeProbabilities(r.field), protos: decodeF32(r.prototypes) });
    return decoded.get(r);
  };
  let ds = datasets[0], eps0 = epsValues[Math.floor(epsValues.length / 2)], k = 0, timer = null;
  const current = () => runs.find((r) => r.dataset === ds && r.eps0 === eps0);

  const dsSel = h("select", { "aria-label": "data set", class: "p1b-dataset" },
    datasets.map((d) => h("option", { value: d }, d)));
  const epsSel = h("select", { "aria-label": "starting epsilon", class: "p1b-eps" },
    epsValues.map((e) => h("option", { value: String(e) }, `ε₀ = ${e}`)));
  epsSel.value = String(eps0);
  const playBtn = h("button", { class: "p1b-play" }, "▶ play");
  const prevBtn = h("button", { class: "p1b-prev", title: "previous snapshot" }, "◀");
  const nextBtn = h("button", { class: "p1b-next", title: "next snapshot" }, "▶|");
  const slider = labelledSlider("training snapshot", {
    min: 0, max: current().steps.length - 1, step: 1, value: 0,
    format: (v) => `${v}`, onInput: (v) => { stop(); k = v; draw(); } });
  const canvas = h("canvas", { width: size, height: size, style: `position:absolute;left:0;top:0;width:${size}px;height:${size}px` });
  const overlay = svg("svg", { width: size, height: size, style: "position:absolute;left:0;top:0" });
  const box = h("div", { style: `position:relative;width:${size}px;height:${size}px;border:1px solid #bbb` }, canvas, overlay);
  const status = h("div", { class: "p1b-status", style: "font-variant-numeric: tabular-nums" });
  const legend = h("div", { class: "yl-caption" },
    "Background: the network's probability of class 1 (blue 0, orange 1). Dots: data. ",
    "Black-edged diamonds: prototypes, with the path each has travelled. Axes x₁ (right) and x₂ (up) span ",
    `[−${lim}, ${lim}].`);

  const toPx = (x) => ((x + lim) / (2 * lim)) * size;
  const toPy = (y) => size - ((y + lim) / (2 * lim)) * size;

  function stop() { if (timer) { clearInterval(timer); timer = null; playBtn.textContent = "▶ play"; } }
  function play() {
    if (timer) { stop(); return; }
    const r = current();
    if (k >= r.steps.length - 1) k = 0;
    playBtn.textContent = "❚❚ pause";
    timer = setInterval(() => {
      if (k >= current().steps.length - 1) { stop(); return; }
      k += 1; draw();
    }, 160);
  }

  function draw() {
    const r = current();
    if (!r) { showMessage(msg, `No run recorded for ${ds} with ε₀ = ${eps0}.`); return; }
    showMessage(msg, "");
    const S = r.steps.length, K = r.units;
    k = Math.max(0, Math.min(S - 1, k));
    slider.input.max = S - 1; slider.set(k);
    const { field, protos } = get(r);
    // field rows have y increasing; the canvas's row 0 is the top, so flip rows.
    const img = new Float32Array(grid * grid);
    for (let row = 0; row < grid; row++)
      for (let c = 0; c < grid; c++) img[row * grid + c] = 2 * field[k * grid * grid + (grid - 1 - row) * grid + c] - 1;
    paintGrid(canvas, img, grid, grid, (t) => diverging(t * 0.8));
    overlay.replaceChildren();
    const d = data[ds];
    for (let i = 0; i < d.y.length; i++)
      overlay.append(svg("circle", { cx: toPx(d.X[i][0]), cy: toPy(d.X[i][1]), r: 2.6, fill: P1B_CLASS[d.y[i]], stroke: "white", "stroke-width": 0.6 }));
    for (let u = 0; u < K; u++) {
      const pts = [];
      for (let s = 0; s <= k; s++) pts.push(`${toPx(protos[(s * K + u) * 2])},${toPy(protos[(s * K + u) * 2 + 1])}`);
      overlay.append(svg("polyline", { points: pts.join(" "), fill: "none", stroke: "#222", "stroke-width": 1, "stroke-opacity": 0.5 }));
      const px = toPx(protos[(k * K + u) * 2]), py = toPy(protos[(k * K + u) * 2 + 1]);
      overlay.append(svg("path", { d: `M${px},${py - 6}L${px + 6},${py}L${px},${py + 6}L${px - 6},${py}Z`, fill: "#fff", stroke: "#000", "stroke-width": 1.6, class: "p1b-proto" }));
    }
    status.textContent = `step ${r.steps[k]} of ${r.steps[S - 1]}  ·  training accuracy ${(100 * r.accuracy[k]).toFixed(1)} %  ·  b = ${fmtNum(r.b[k])}  ·  ε = ${fmtNum(r.eps[k])}`;
  }

  dsSel.addEventListener("change", () => { stop(); ds = dsSel.value; k = 0; draw(); });
  epsSel.addEventListener("change", () => { stop(); eps0 = Number(epsSel.value); k = 0; draw(); });
  playBtn.addEventListener("click", play);
  prevBtn.addEventListener("click", () => { stop(); k -= 1; draw(); });
  nextBtn.addEventListener("click", () => { stop(); k += 1; draw(); });
  el.append(h("div", { class: "yl-controls" }, h("label", {}, "data set ", dsSel), h("label", {}, "starting ε ", epsSel),
    playBtn, prevBtn, nextBtn, slider.root), msg, box, status, legend);
  draw();
  return () => stop();
}
export default { render };
