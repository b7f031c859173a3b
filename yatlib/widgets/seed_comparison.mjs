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

function renderSeeds(el, model, life) {
  const runs = model.get("runs").slice();
  const floor = Array.from(decodeF32(model.get("floor_b64")));
  const [H, W] = model.get("image_shape");
  const base = model.get("base_epochs"), maxEpochs = model.get("max_epochs");
  const floorMean = mean(floor);
  const st = { seed: model.get("seed"), epochs: model.get("epochs") };
  const pictures = new Map();  // run -> Uint8Array

  const message = h("div", { class: "yl-message" });
  const readout = liveRegion();
  const status = h("p", { class: "yl-live" });
  const seedButtons = buttonGroup("seed", SEED_LABELS, SEED_KEYS.indexOf(st.seed), (i) => choose(SEED_KEYS[i], st.epochs, 0));
  const lengths = [{ label: `1× (${base} epochs)`, value: base }, { label: `10× (${10 * base} epochs)`, value: 10 * base }]
    .filter((o) => o.value <= maxEpochs);
  const lengthButtons = buttonGroup("training length", lengths, lengths.findIndex((o) => o.value === st.epochs),
    (i) => choose(st.seed, lengths[i].value, 0));
  const slider = labelledSlider("training length in epochs", {
    min: 1, max: maxEpochs, step: 1, value: st.epochs, format: (v) => `${v} epochs`,
    onChange: life.add(debounce((v) => choose(st.seed, v, Math.sign(v - st.epochs)), 350)),
  });
  const COLS = 8, TILE = 34, GAP = 4;
  const galleryBox = h("figure", { class: "sc-gallery", style: "margin:0" });
  const chart = svg("svg", { class: "sc-chart" });
  const key = h("div", { class: "yl-caption sc-key" });
  const figure = h("div", { class: "yl-row" }, galleryBox, h("div", { style: "max-width:352px" }, chart, key));
  el.append(
    h("div", { class: "yl-controls" }, seedButtons.root, lengthButtons.root),
    h("div", { class: "yl-controls" }, slider.root),
    status, message, readout.root, figure,
    h("div", { class: "yl-toolbar" }, exportButton("prototype-seeds", () => figure)),
  );

  const precomputed = [...new Set(runs.map((r) => r.epochs))].sort((a, b) => a - b);
  const live = life.add(liveChannel(model, status, {
    noKernel: `Without a Python kernel, the training length snaps to the precomputed runs (${precomputed.join(" and ")} epochs).`,
    kernel: `Live: Python trains a run of any length from 1 to ${maxEpochs} epochs.`,
    say: readout.say,
  }));

  let asked = 0;  // the reader's latest choice
  const find = (seed, epochs) => runs.find((r) => r.seed === seed && r.epochs === epochs);

  /** Show the run for (seed, epochs): precomputed, trained live, or (no kernel) the nearest precomputed
   *  length in the direction the reader moved (so arrow keys step from one precomputed run to the next). */
  function choose(seed, epochs, direction) {
    if (!SEED_KEYS.includes(seed) || !(epochs >= 1 && epochs <= maxEpochs)) {
      showMessage(message, `Choose a seed and a training length from 1 to ${maxEpochs} epochs.`);
      return;
    }
    const ticket = ++asked;  // any new choice supersedes a computation still on its way
    const hit = find(seed, epochs);
    if (hit) { set(hit); return; }
    if (live.live) {
      seedButtons.set(SEED_KEYS.indexOf(seed));
      live.request({ seed, epochs }).then((res) => {
        const known = find(res.seed, res.epochs);
        if (!known) runs.push(res);
        if (ticket === asked) set(known || res);
      }).catch(() => {
        if (ticket !== asked) return;  // a newer request replaced this one
        slider.set(st.epochs); seedButtons.set(SEED_KEYS.indexOf(st.seed));
      });
      return;
    }
    const have = runs.filter((r) => r.seed === seed).map((r) => r.epochs).sort((a, b) => a - b);
    if (!have.length) { showMessage(message, `No precomputed run for the ${seed} seed.`); return; }
    let pick = null;
    if (direction > 0) pick = have.find((e) => e > st.epochs && e >= Math.min(epochs, have[have.length - 1]));
    if (direction < 0) pick = [...have].reverse().find((e) => e < st.epochs && e <= Math.max(epochs, have[0]));
    if (pick === null || pick === undefined) {
      pick = have.reduce((best, e) => (Math.abs(Math.log(e / epochs)) < Math.abs(Math.log(best / epochs)) ? e : best), have[0]);
    }
    set(find(seed, pick));
  }

  function set(run) {
    st.seed = run.seed; st.epochs = run.epochs;
    model.set("seed", run.seed); model.set("epochs", run.epochs); model.save_changes();
    draw();
  }

  function pixels(run) {
    if (!pictures.has(run)) pictures.set(run, decodeU8(run.pictures));
    return pictures.get(run);
  }

  function drawGallery(run, colour) {
    const px = pixels(run), K = Math.floor(px.length / (H * W));
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

  function drawHistogram(run, colour) {
    const all = runs.flatMap((r) => r.distances).concat(floor);
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

  function draw() {
    const run = find(st.seed, st.epochs);
    if (!run || run.distances.length === 0) {
      showMessage(message, "No run for this seed and training length.");
      return;
    }
    showMessage(message, "");
    seedButtons.set(SEED_KEYS.indexOf(run.seed));
    lengthButtons.set(lengths.findIndex((o) => o.value === run.epochs));
    slider.set(run.epochs);
    const colour = run.seed === "noise" ? classColour(3) : classColour(0);
    drawGallery(run, colour);
    drawHistogram(run, colour);
    const m = mean(run.distances);
    readout.say(`${SEED_NAMES[run.seed]} seed, ${run.epochs} epochs (${Number((run.epochs / base).toPrecision(3))}× the standard length): `
      + `test accuracy ${fmtPct(run.accuracy)}; mean distance to the nearest training image ${fmtNum(m, 3)} = `
      + `${fmtNum(m / floorMean, 3)}× the floor (${fmtNum(floorMean, 3)}).`);
  }
  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "seed_comparison", label: "Figure F24: prototypes seeded from images or from noise" },
      (root, life) => renderSeeds(root, model, life));
  },
};
