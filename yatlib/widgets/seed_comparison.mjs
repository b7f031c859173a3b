// Figure F24: the trained prototypes of a run seeded from images or from noise, and the
// histogram of their distances to the nearest training image against the data's own
// nearest-neighbour floor. The precomputed runs (1x and 10x the standard length) are drawn at
// once; with a kernel, any training length is trained by yatlib (live.js); without one, the
// length snaps to the precomputed runs and the widget says so.

const SEED_NAMES = { images: "image", noise: "noise" };
const SEED_LABELS = ["training images", "matched noise"];
const SEED_KEYS = ["images", "noise"];

/** Fraction of `values` in each of `n` equal bins of [lo, hi] (values outside are left out). */
function binFractions(values, lo, hi, n) {
  const out = new Array(n).fill(0), w = (hi - lo) / n;
  for (const v of values) {
    if (!(v >= lo && v <= hi)) continue;
    out[Math.min(n - 1, Math.floor((v - lo) / w))] += 1;
  }
  return out.map((c) => c / Math.max(1, values.length));
}

function mean(values) { return values.reduce((s, v) => s + v, 0) / Math.max(1, values.length); }

const SC = { cols: 8, tile: 34, gap: 4 };

// ---- state ----------------------------------------------------------------------

function seedState(model) {
  const runs = model.get("runs").slice();
  const floor = Array.from(decodeF32(model.get("floor_b64")));
  const [H, W] = model.get("image_shape");
  const base = model.get("base_epochs"), maxEpochs = model.get("max_epochs");
  return { model, runs, floor, H, W, base, maxEpochs, floorMean: mean(floor),
    st: { seed: model.get("seed"), epochs: model.get("epochs") },
    pictures: new Map(),  // run -> Uint8Array
    lengths: [{ label: `1× (${base} epochs)`, value: base }, { label: `10× (${10 * base} epochs)`, value: 10 * base }]
      .filter((o) => o.value <= maxEpochs),
    asked: 0 };           // the reader's latest choice
}

const findRun = (g, seed, epochs) => g.runs.find((r) => r.seed === seed && r.epochs === epochs);

/** Show the run for (seed, epochs): precomputed, trained live, or (no kernel) the nearest precomputed
 *  length in the direction the reader moved (so arrow keys step from one precomputed run to the next). */
function chooseRun(g, seed, epochs, direction) {
  if (!SEED_KEYS.includes(seed) || !(epochs >= 1 && epochs <= g.maxEpochs)) {
    showMessage(g.ui.message, `Choose a seed and a training length from 1 to ${g.maxEpochs} epochs.`);
    return;
  }
  const ticket = ++g.asked;  // any new choice supersedes a computation still on its way
  const hit = findRun(g, seed, epochs);
  if (hit) { showRun(g, hit); return; }
  if (g.live.live) { trainRun(g, seed, epochs, ticket); return; }
  const have = g.runs.filter((r) => r.seed === seed).map((r) => r.epochs).sort((a, b) => a - b);
  if (!have.length) { showMessage(g.ui.message, `No precomputed run for the ${seed} seed.`); return; }
  let pick = null;
  if (direction > 0) pick = have.find((e) => e > g.st.epochs && e >= Math.min(epochs, have[have.length - 1]));
  if (direction < 0) pick = [...have].reverse().find((e) => e < g.st.epochs && e <= Math.max(epochs, have[0]));
  if (pick === null || pick === undefined) {
    pick = have.reduce((best, e) => (Math.abs(Math.log(e / epochs)) < Math.abs(Math.log(best / epochs)) ? e : best), have[0]);
  }
  showRun(g, findRun(g, seed, pick));
}

/** Ask Python to train (seed, epochs); shown when it arrives unless the reader chose again. */
function trainRun(g, seed, epochs, ticket) {
  const ui = g.ui;
  ui.seedButtons.set(SEED_KEYS.indexOf(seed));
  g.live.request({ seed, epochs }).then((res) => {
    const known = findRun(g, res.seed, res.epochs);
    if (!known) g.runs.push(res);
    if (ticket === g.asked) showRun(g, known || res);
  }).catch(() => {
    if (ticket !== g.asked) return;  // a newer request replaced this one
    ui.slider.set(g.st.epochs); ui.seedButtons.set(SEED_KEYS.indexOf(g.st.seed));
  });
}

function showRun(g, run) {
  g.st.seed = run.seed; g.st.epochs = run.epochs;
  g.model.set("seed", run.seed); g.model.set("epochs", run.epochs); g.model.save_changes();
  drawSeeds(g);
}

function runPixels(g, run) {
  if (!g.pictures.has(run)) g.pictures.set(run, decodeU8(run.pictures));
  return g.pictures.get(run);
}

// ---- controls -------------------------------------------------------------------

function seedControls(g, life) {
  const st = g.st, lengths = g.lengths;
  const seedButtons = buttonGroup("seed", SEED_LABELS, SEED_KEYS.indexOf(st.seed), (i) => chooseRun(g, SEED_KEYS[i], st.epochs, 0));
  const lengthButtons = buttonGroup("training length", lengths, lengths.findIndex((o) => o.value === st.epochs),
    (i) => chooseRun(g, st.seed, lengths[i].value, 0));
  const slider = labelledSlider("training length in epochs", {
    min: 1, max: g.maxEpochs, step: 1, value: st.epochs, format: (v) => `${v} epochs`,
    onChange: life.add(debounce((v) => chooseRun(g, st.seed, v, Math.sign(v - st.epochs)), 350)),
  });
  return { message: h("div", { class: "yl-message" }), readout: liveRegion(), status: h("p", { class: "yl-live" }),
    seedButtons, lengthButtons, slider, galleryBox: h("figure", { class: "sc-gallery", style: "margin:0" }),
    chart: svg("svg", { class: "sc-chart" }), key: h("div", { class: "yl-caption sc-key" }) };
}

function layOutSeeds(ui, el) {
  const figure = h("div", { class: "yl-row" }, ui.galleryBox, h("div", { style: "max-width:352px" }, ui.chart, ui.key));
  el.append(
    h("div", { class: "yl-controls" }, ui.seedButtons.root, ui.lengthButtons.root),
    h("div", { class: "yl-controls" }, ui.slider.root),
    ui.status, ui.message, ui.readout.root, figure,
    h("div", { class: "yl-toolbar" }, exportButton("prototype-seeds", () => figure)),
  );
}

// ---- drawing --------------------------------------------------------------------

function drawSeedGallery(g, run, colour) {
  const { H, W } = g, { cols: COLS, tile: TILE, gap: GAP } = SC, galleryBox = g.ui.galleryBox;
  const px = runPixels(g, run), K = Math.floor(px.length / (H * W));
  const rows = Math.ceil(K / COLS);
  const { canvas, ctx } = sharpCanvas(COLS * (TILE + GAP) + GAP, rows * (TILE + GAP) + GAP, { class: "sc-pictures" });
  ctx.fillStyle = theme().bg;
  ctx.fillRect(0, 0, COLS * (TILE + GAP) + GAP, rows * (TILE + GAP) + GAP);
  const tones = pictureTones();
  for (let k = 0; k < K; k++) {
    const x = GAP + (k % COLS) * (TILE + GAP), y = GAP + Math.floor(k / COLS) * (TILE + GAP);
    drawPicture(ctx, pictureCanvas(px, k, [H, W], tones), x, y, TILE, { frame: theme().grid, lineWidth: 1 });
  }
  describe(canvas, `The ${K} trained prototypes of the ${SEED_NAMES[run.seed]}-seeded run after ${run.epochs} epochs, `
    + `as ${H}×${W} pictures (${run.seed === "noise" ? "seeded from noise" : "seeded from training images"}).`);
  galleryBox.style.maxWidth = `${COLS * (TILE + GAP) + GAP}px`;
  galleryBox.replaceChildren(canvas, h("figcaption", { class: "yl-caption" },
    `the ${K} prototypes (${H}×${W} pixels each) after ${run.epochs} epochs, ${SEED_NAMES[run.seed]} seed`));
  canvas.style.borderTop = `3px solid ${colour}`;
}

function drawHistogram(g, run, colour) {
  const { floor, floorMean } = g, { chart, key } = g.ui;
  const all = g.runs.flatMap((r) => r.distances).concat(floor);
  const hi = 1.05 * Math.max(...all), NB = 40;
  const fFloor = binFractions(floor, 0, hi, NB), fRun = binFractions(run.distances, 0, hi, NB);
  const top = Math.max(...fFloor, ...fRun) * 1.08 || 1;
  const frame = chartFrame(chart, {
    width: 352, height: 290, margin: { l: 50, r: 10 },
    x: { domain: [0, hi], label: "distance to the nearest training image" },
    y: { domain: [0, top], label: "fraction", format: (v) => `${Math.round(100 * v)}%` },
  });
  const t = frame.theme, w = hi / NB;
  const bars = (fr, fill, opacity, cls) => fr.forEach((v, i) => {
    if (!v) return;
    frame.g.append(svg("rect", { x: frame.x(i * w), y: frame.y(v), width: Math.max(0.5, frame.x((i + 1) * w) - frame.x(i * w) - 0.5),
      height: frame.y(0) - frame.y(v), fill, opacity, class: cls }));
  });
  bars(fFloor, t.muted, 0.45, "sc-floor-bar");
  bars(fRun, colour, 0.75, "sc-run-bar");
  vLine(frame, floorMean, { colour: t.fg, dash: "5 3", cls: "sc-floor-mean" });
  vLine(frame, mean(run.distances), { colour, dash: "2 2", cls: "sc-run-mean" });
  describe(chart, `Histogram of the distances of the ${run.distances.length} prototypes to their nearest training image `
    + `(mean ${fmtNum(mean(run.distances), 3)}), against the distances between training images and their nearest other `
    + `image (mean ${fmtNum(floorMean, 3)}, the floor).`);
  key.replaceChildren(
    h("span", {}, h("span", { style: `display:inline-block;width:12px;height:12px;background:${t.muted};opacity:.6;margin-right:4px` }),
      "data: a training image to its nearest other one, in pixel space (dashed: the mean, the floor)"), h("br"),
    h("span", {}, h("span", { style: `display:inline-block;width:12px;height:12px;background:${colour};margin-right:4px` }),
      `prototypes (${SEED_NAMES[run.seed]} seed): to their nearest training image (dotted: the mean)`));
}

function drawSeeds(g) {
  const ui = g.ui, run = findRun(g, g.st.seed, g.st.epochs);
  if (!run || run.distances.length === 0) {
    showMessage(ui.message, "No run for this seed and training length.");
    return;
  }
  showMessage(ui.message, "");
  ui.seedButtons.set(SEED_KEYS.indexOf(run.seed));
  ui.lengthButtons.set(g.lengths.findIndex((o) => o.value === run.epochs));
  ui.slider.set(run.epochs);
  const colour = run.seed === "noise" ? classColour(3) : classColour(0);
  drawSeedGallery(g, run, colour);
  drawHistogram(g, run, colour);
  const m = mean(run.distances);
  ui.readout.say(`${SEED_NAMES[run.seed]} seed, ${run.epochs} epochs (${Number((run.epochs / g.base).toPrecision(3))}× the standard length): `
    + `test accuracy ${fmtPct(run.accuracy)}; mean distance to the nearest training image ${fmtNum(m, 3)} = `
    + `${fmtNum(m / g.floorMean, 3)}× the floor (${fmtNum(g.floorMean, 3)}).`);
}

function renderSeeds(el, model, life) {
  const g = seedState(model);
  g.ui = seedControls(g, life);
  layOutSeeds(g.ui, el);
  const precomputed = [...new Set(g.runs.map((r) => r.epochs))].sort((a, b) => a - b);
  g.live = life.add(liveChannel(model, g.ui.status, {
    noKernel: `Without a Python kernel, the training length snaps to the precomputed runs (${precomputed.join(" and ")} epochs).`,
    kernel: `Live: Python trains a run of any length from 1 to ${g.maxEpochs} epochs.`,
    say: g.ui.readout.say,
  }));
  drawSeeds(g);
  return { redraw: () => drawSeeds(g) };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "seed_comparison", label: "Figure F24: prototypes seeded from images or from noise" },
      (root, life) => renderSeeds(root, model, life));
  },
};
