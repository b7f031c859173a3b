// Figure F06: a Yat MLP learning on 2-D data. Bundled after dom.js, canvas.js, live.js, linalg.js
// and yat_trainer.js. The browser trains with yat_trainer.js (the algorithm of
// yatlib.toy_training, float64, the same seeded start); runs made in Python (recorded when the
// book was built, or trained now by a kernel) are replayed snapshot by snapshot and drawn as
// the comparison for the browser's run with the same settings.

const EPS_VALUES = [0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10];
const LR_VALUES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
const SPEEDS = [1, 2, 5, 10];            // training steps per frame
const MINI_BATCH = 20;
const MAX_STEPS = 3000;                  // the browser stops here (the paths are kept in memory)
const GRID = 56;                         // cells per side of the decision field
const SIZE = 420, M = { l: 40, r: 10, t: 10, b: 34 };

/** Insert v into a sorted list of values if it is not there; returns the list. */
function withValue(list, v) {
  if (!list.some((x) => x === v)) { list.push(v); list.sort((a, b) => a - b); }
  return list;
}

/** A Python run as it travels (base64 arrays) with its arrays decoded. */
function decodeRun(r) {
  return { ...r, P: decodeF32(r.prototypes), A: decodeF32(r.readout), c: decodeF32(r.bias) };
}

/** The settings of a run (Python's names) or of the figure's state (st), as one comparable key. */
const runKey = (s) => [s.dataset, s.units ?? s.K, s.eps0, s.seed, s.learning_rate ?? s.lr, s.batch_size ?? s.batch ?? "all"].join("|");

/** theta (the trainer's layout) of snapshot k of a Python run. */
function snapshotTheta(r, k) {
  const K = r.units, C = r.classes, L = trainerLayout(K, C), theta = new Float64Array(L.size);
  for (let i = 0; i < 2 * K; i++) theta[L.W + i] = r.P[k * 2 * K + i];
  for (let i = 0; i < K * C; i++) theta[L.A + i] = r.A[k * K * C + i];
  for (let i = 0; i < C; i++) theta[L.c + i] = r.c[k * C + i];
  theta[L.rawB] = trainerSoftplusInverse(r.b[k]);
  theta[L.rawEps] = trainerSoftplusInverse(r.eps[k]);
  return theta;
}

// ------------------------------------------------------------------ state

/** The figure's data and state: the browser's run (live), the replayed Python run (replay), the settings (st). */
function learningState(model) {
  const datasets = model.get("datasets").map((d) => ({ name: d.name, X: Float64Array.from(decodeF32(d.X)), y: Int32Array.from(d.y) }));
  const pyRuns = model.get("runs").map(decodeRun);
  const start = model.get("start");
  const epsValues = EPS_VALUES.slice(), lrValues = LR_VALUES.slice();
  pyRuns.forEach((r) => { withValue(epsValues, r.eps0); withValue(lrValues, r.learning_rate); });
  const st = {
    dataset: start.dataset, K: start.units, eps0: start.eps0, seed: start.seed, lr: start.learning_rate,
    batch: start.batch_size, speed: 1, source: "python", picked: 0, kMax: 32,
  };
  return { datasets, lim: model.get("lim"), pythonSteps: model.get("python_steps"), pyRuns, epsValues, lrValues, st,
    live: null, replay: null, playing: false, frames: 0, note: "", replayTick: 0 };
}

const matchingRun = (f) => { const k = runKey(f.st); let hit = null; for (const r of f.pyRuns) if (runKey(r) === k) hit = r; return hit; };
const shownData = (f) => f.datasets.find((d) => d.name === f.st.dataset);

function newLive(f) {
  const st = f.st, d = shownData(f);
  const tr = trainerCreate(d.X, d.y, { units: st.K, eps0: st.eps0, seed: st.seed, learningRate: st.lr,
    batchSize: st.batch || d.y.length, lim: f.lim });
  f.live = { tr, key: runKey(st), paths: [Float64Array.from(tr.theta.subarray(0, 2 * st.K))], moved: false, stopped: "" };
  f.live.evaluation = trainerEvaluate(tr);
}

function resetRun(f) {
  if (f.st.source === "browser") newLive(f);
  else if (f.replay) f.replay.k = 0;
}

function settingsChanged(f) {
  f.loop.pause();
  f.st.picked = Math.min(f.st.picked, f.st.K - 1);
  f.note = "";
  newLive(f);
  const hit = matchingRun(f);
  if (f.st.source === "python") {
    if (hit) f.replay = { run: hit, k: 0 };
    else {
      setSource(f, "browser", false);
      f.note = f.channel.live
        ? "Python has no run for these settings yet, so your browser trains them; “train this run in Python” makes one."
        : "No run was recorded in Python for these settings, so your browser trains them: press play.";
    }
  }
  draw(f, true);
}

function setSource(f, source, redraw = true) {
  const st = f.st;
  f.loop.pause();
  st.source = source;
  f.ui.sourceGroup.set(source === "python" ? 1 : 0);
  f.note = "";
  if (source === "python") {
    const hit = matchingRun(f);
    if (!hit) {
      st.source = "browser";
      f.ui.sourceGroup.set(0);
      f.note = f.channel.live
        ? "Python has no run for these settings yet: press “train this run in Python”, or let your browser train it."
        : `Python's runs were recorded for ${describeRecorded(f.pyRuns)}. Choose one of them, or let your browser train these settings.`;
    } else if (!f.replay || f.replay.run !== hit) f.replay = { run: hit, k: 0 };
  } else if (!f.live || f.live.key !== runKey(st)) newLive(f);
  if (redraw) draw(f, true);
}

function describeRecorded(pyRuns) {
  const ds = [...new Set(pyRuns.map((r) => r.dataset))].join(", ");
  const eps = [...new Set(pyRuns.map((r) => r.eps0))].join(", ");
  const r0 = pyRuns[0];
  return `${ds} with starting ε ${eps} (K = ${r0.units}, seed ${r0.seed}, learning rate ${r0.learning_rate}, ${r0.batch_size ? "mini-batches" : "all points"})`;
}

function trainInPython(f) {
  const st = f.st, live = f.live;
  const params = { dataset: st.dataset, units: st.K, eps0: st.eps0, seed: st.seed, learning_rate: st.lr,
    batch_size: st.batch, steps: Math.max(f.pythonSteps, live && live.tr.step ? Math.min(5000, Math.ceil(live.tr.step / 10) * 10) : 0) };
  f.channel.request(params).then((state) => {
    const r = decodeRun(state);
    f.pyRuns.push(r);
    // show it, trained, as the recorded runs are shown: play replays it (the read-out says "trained by Python just now")
    if (runKey(r) === runKey(f.st)) { f.replay = { run: r, k: r.steps.length - 1 }; setSource(f, "python"); }
  }).catch(() => {});
}

// ------------------------------------------------------------------ playing

function advance(f, n) {
  if (f.st.source === "python") {
    const replay = f.replay;
    if (!replay) return false;
    const last = replay.run.steps.length - 1;
    if (replay.k >= last) return false;
    replay.k = Math.min(last, replay.k + n);
    return replay.k < last;
  }
  const live = f.live, tr = live.tr;
  for (let i = 0; i < n; i++) {
    if (tr.step >= MAX_STEPS) { live.stopped = `Stopped at ${MAX_STEPS} steps; press reset to start again.`; return false; }
    const loss = trainerStep(tr);
    live.paths.push(Float64Array.from(tr.theta.subarray(0, 2 * tr.K)));
    if (!Number.isFinite(loss) || !tr.theta.every(Number.isFinite)) {
      live.stopped = `The loss stopped being finite at step ${tr.step}: the learning rate is too large for this start. Lower it and press reset.`;
      return false;
    }
  }
  f.live.evaluation = trainerEvaluate(tr);
  return true;
}

/** One frame of play: training steps (or a replayed snapshot) and a drawing. */
function playFrame(f, el) {
  const t0 = performance.now();
  let more;
  if (f.st.source === "python") {
    // a snapshot holds 10 steps: advance one every 10 / speed frames, as fast as the browser trains
    f.replayTick += f.st.speed;
    if (f.replayTick < 10) return true;
    f.replayTick = 0;
    more = advance(f, 1);
  } else more = advance(f, f.st.speed);
  f.frames += 1;
  draw(f, false);
  el.dataset.frameMs = (performance.now() - t0).toFixed(2);   // training steps + field + drawing (read by the bench)
  return more;
}

function playLoop(f, el) {
  const { playBtn } = f.ui;
  return animationLoop(el, () => playFrame(f, el), {
    fps: 120,
    onState: (on) => {
      f.playing = on;
      playBtn.textContent = on ? "❚❚ pause" : "▶ play";
      playBtn.setAttribute("aria-label", on ? "pause" : "play");
      f.ui.readout.root.setAttribute("aria-live", on ? "off" : "polite");
      if (!on) draw(f, true);
    },
  });
}

function togglePlay(f) {
  if (!f.loop.playing) {
    if (f.st.source === "python" && f.replay && f.replay.k >= f.replay.run.steps.length - 1) f.replay.k = 0;
    if (f.st.source === "browser" && f.live.stopped) return draw(f, true);
  }
  f.loop.toggle();
}

// ------------------------------------------------------------------ controls

function settingsControls(f) {
  const st = f.st, { datasets, epsValues, lrValues } = f;
  const dsSel = selectControl("data set", datasets.map((d) => d.name), Math.max(0, datasets.findIndex((d) => d.name === st.dataset)),
    (i) => { st.dataset = datasets[i].name; settingsChanged(f); });
  dsSel.select.classList.add("f06-dataset");
  const kSlider = labelledSlider("prototypes K", { min: 4, max: 32, step: 1, value: st.K,
    onInput: (v) => { st.K = v; settingsChanged(f); } });
  kSlider.input.classList.add("f06-units");
  const epsSlider = labelledSlider("starting ε", { min: 0, max: epsValues.length - 1, step: 1, value: epsValues.indexOf(st.eps0),
    format: (i) => String(epsValues[i]), onInput: (i) => { st.eps0 = epsValues[i]; settingsChanged(f); } });
  epsSlider.input.classList.add("f06-eps");
  const lrSlider = labelledSlider("learning rate", { min: 0, max: lrValues.length - 1, step: 1, value: lrValues.indexOf(st.lr),
    format: (i) => String(lrValues[i]), onInput: (i) => { st.lr = lrValues[i]; settingsChanged(f); } });
  const seedInput = h("input", { type: "number", min: 0, max: 2147483647, step: 1, value: st.seed, class: "f06-seed",
    "aria-label": "seed of the random start", style: "width:6em" });
  seedInput.addEventListener("change", () => {
    const v = Number(seedInput.value);
    if (!(seedInput.value.trim() !== "" && Number.isInteger(v) && v >= 0 && v <= 2147483647)) {
      f.note = "The seed must be a whole number from 0 to 2147483647.";
      seedInput.value = st.seed;
      draw(f, true);
      return;
    }
    st.seed = v; settingsChanged(f);
  });
  const reroll = button("re-roll", () => { st.seed = (st.seed + 1) % 2147483648; seedInput.value = st.seed; settingsChanged(f); },
    { label: "re-roll: a new random start (the next seed)", cls: "f06-reroll" });
  const batchGroup = buttonGroup("batch", [`all ${datasets[0].y.length} points`, `mini-batches of ${MINI_BATCH}`], st.batch ? 1 : 0,
    (i) => { st.batch = i ? MINI_BATCH : null; settingsChanged(f); });
  return { dsSel, kSlider, epsSlider, lrSlider, seedInput, reroll, batchGroup };
}

function playControls(f) {
  const st = f.st;
  const sourceGroup = buttonGroup("run shown", ["trained in this browser", "replayed from Python"], 1, (i) => setSource(f, i ? "python" : "browser"));
  sourceGroup.root.classList.add("f06-source");
  const playBtn = button("▶ play", () => togglePlay(f), { label: "play", cls: "f06-play" });
  const stepBtn = button("step", () => { f.loop.pause(); advance(f, 1); draw(f, true); }, { label: "one training step", cls: "f06-step" });
  const resetBtn = button("reset", () => { f.loop.pause(); resetRun(f); draw(f, true); }, { label: "reset to step 0", cls: "f06-reset" });
  const speedGroup = buttonGroup("speed", SPEEDS.map((s) => ({ label: `${s}×`, title: `${s} training step${s > 1 ? "s" : ""} per frame` })), 0,
    (i) => { st.speed = SPEEDS[i]; draw(f, true); });
  const snapSlider = labelledSlider("snapshot of Python's run", { min: 0, max: 1, step: 1, value: 0,
    format: (v) => (f.replay ? `step ${f.replay.run.steps[v]}` : String(v)),
    onInput: (v) => { f.loop.pause(); if (f.replay) { f.replay.k = v; draw(f, true); } } });
  snapSlider.root.classList.add("f06-snapshot");
  const pickNode = h("span", { class: "f06-pick", role: "slider", "aria-valuemin": 1,
    style: "padding:2px 6px;border:1px solid var(--yl-border);border-radius:4px" });
  pickByKeys(pickNode, { label: "chosen prototype", count: () => st.K, get: () => st.picked, set: (i) => { st.picked = i; draw(f, true); } });
  const pythonBtn = button("train this run in Python", () => trainInPython(f), { cls: "f06-python" });
  pythonBtn.style.display = "none";
  return { sourceGroup, playBtn, stepBtn, resetBtn, speedGroup, snapSlider, pickNode, pythonBtn };
}

/** The plane's canvas, and the small canvas the decision field is painted in before it is scaled up. */
function learningCanvas(lim) {
  const canvas = h("canvas", { width: SIZE + M.l + M.r, height: SIZE + M.t + M.b, class: "f06-plane", role: "img",
    style: "touch-action:none;display:block" });
  const off = document.createElement("canvas");
  off.width = GRID; off.height = GRID;
  const offCtx = off.getContext("2d");
  const legend = h("p", { class: "yl-caption" },
    "Background: the class the network predicts there, paler where it is unsure. Dots: the training points. ",
    "Diamonds: prototypes, filled with the colour of the class they vote for, each trailing the path it has travelled; ",
    "the one in a solid ring is the chosen prototype. Dashed rings: Python's run at the same step, where there is one. ",
    `Axes x₁ (right) and x₂ (up) span [−${lim}, ${lim}].`);
  return { canvas, ctx: canvas.getContext("2d"), off, offCtx, img: offCtx.createImageData(GRID, GRID),
    field: new Float32Array(GRID * GRID * 8), figure: h("div", { class: "f06-figure" }, canvas, legend) };
}

function learningControls(f, el) {
  const ui = { message: h("div", { class: "yl-message" }), readout: liveRegion(), status: h("p", { class: "yl-live" }),
    ...settingsControls(f), ...playControls(f), ...learningCanvas(f.lim) };
  el.append(
    h("div", { class: "yl-controls" }, ui.dsSel.root, ui.kSlider.root, ui.epsSlider.root, ui.lrSlider.root),
    h("div", { class: "yl-controls" }, h("label", { class: "yl-slider" }, h("span", { class: "yl-label" }, "seed"), ui.seedInput), ui.reroll,
      ui.batchGroup.root),
    h("div", { class: "yl-controls" }, ui.sourceGroup.root, ui.playBtn, ui.stepBtn, ui.resetBtn, ui.speedGroup.root),
    h("div", { class: "yl-controls" }, ui.snapSlider.root, h("span", {}, ui.pickNode), ui.pythonBtn),
    ui.status, ui.message, ui.readout.root, ui.figure,
    h("div", { class: "yl-toolbar" }, exportButton("yat-mlp-learning", () => ui.figure)),
  );
  el.classList.add("f06-learning");
  return ui;
}

function learningChannel(f, model, life) {
  const channel = life.add(liveChannel(model, f.ui.status, {
    noKernel: "Your browser trains any setting; Python's runs are the ones recorded when the book was built (no Python kernel is connected).",
    kernel: "Live: Python can train any setting (K up to 64): press “train this run in Python”.",
    say: f.ui.readout.say,
  }));
  channel.onLive((on) => {
    if (!on) return;
    f.ui.pythonBtn.style.display = "";
    f.st.kMax = 64;
    f.ui.kSlider.input.max = 64;
  });
  return channel;
}

// ------------------------------------------------------------------ drawing

const toPx = (f, x) => M.l + (x + f.lim) / (2 * f.lim) * SIZE;
const toPy = (f, y) => M.t + (f.lim - y) / (2 * f.lim) * SIZE;
const rgbOf = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

function paintField(f, theta, K, C) {
  const { ctx, off, offCtx, img, field } = f.ui;
  trainerField(theta, K, C, GRID, f.lim, field);
  const t = theme(), bg = rgbOf(t.bg), cols = [];
  for (let c = 0; c < C; c++) cols.push(rgbOf(classColour(c)));
  for (let i = 0; i < GRID * GRID; i++) {
    let best = 0;
    for (let c = 1; c < C; c++) if (field[i * C + c] > field[i * C + best]) best = c;
    const p = field[i * C + best], s = 0.45 * Math.max(0, Math.min(1, (p - 1 / C) / (1 - 1 / C)));
    const col = Number.isFinite(p) ? cols[best] : bg;
    for (let k = 0; k < 3; k++) img.data[4 * i + k] = Math.round(bg[k] + s * (col[k] - bg[k]));
    img.data[4 * i + 3] = 255;
  }
  offCtx.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, M.l, M.t, SIZE, SIZE);
}

function drawAxes(f) {
  const t = theme(), ctx = f.ui.ctx, lim = f.lim;
  ctx.strokeStyle = t.border; ctx.lineWidth = 1;
  ctx.strokeRect(M.l + 0.5, M.t + 0.5, SIZE - 1, SIZE - 1);
  ctx.fillStyle = t.fg; ctx.font = "11px system-ui, sans-serif";
  for (let v = -Math.floor(lim); v <= Math.floor(lim); v++) {
    ctx.textAlign = "center"; ctx.fillText(String(v), toPx(f, v), M.t + SIZE + 14);
    ctx.textAlign = "right"; ctx.fillText(String(v), M.l - 6, toPy(f, v) + 4);
    ctx.beginPath(); ctx.moveTo(toPx(f, v), M.t + SIZE); ctx.lineTo(toPx(f, v), M.t + SIZE + 4);
    ctx.moveTo(M.l - 4, toPy(f, v)); ctx.lineTo(M.l, toPy(f, v)); ctx.stroke();
  }
  ctx.textAlign = "center"; ctx.fillText("x₁", M.l + SIZE / 2, M.t + SIZE + 29);
  ctx.save(); ctx.translate(12, M.t + SIZE / 2); ctx.rotate(-Math.PI / 2); ctx.fillText("x₂", 0, 0); ctx.restore();
}

function diamond(ctx, x, y, r) {
  ctx.beginPath(); ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
}

/** The current view: {theta, K, C, step, loss, accuracy, b, eps, paths: [Float64Array(2K)] , where}. */
function currentView(f) {
  if (f.st.source === "python" && f.replay) {
    const r = f.replay.run, k = f.replay.k, K = r.units;
    const paths = [];
    for (let s = 0; s <= k; s++) paths.push(r.P.subarray(s * 2 * K, (s + 1) * 2 * K));
    return { theta: snapshotTheta(r, k), K, C: r.classes, step: r.steps[k], loss: r.loss[k], accuracy: r.accuracy[k],
      b: r.b[k], eps: r.eps[k], paths, where: r.source === "python" ? "trained by Python just now" : "recorded in Python when the book was built" };
  }
  const live = f.live, tr = live.tr, ke = trainerKernel(tr);
  return { theta: tr.theta, K: tr.K, C: tr.C, step: tr.step, loss: live.evaluation.loss, accuracy: live.evaluation.accuracy,
    b: ke.b, eps: ke.eps, paths: live.paths, where: live.moved ? "trained in this browser (a prototype moved by hand)" : "trained in this browser" };
}

/** Python's snapshot at the browser's current step, when a Python run has the browser's settings. */
function comparison(f, v) {
  if (f.st.source !== "browser" || f.live.moved) return null;
  const r = matchingRun(f);
  if (!r) return null;
  const k = r.steps.indexOf(v.step);
  if (k < 0) return { r, k: -1 };
  let diff = 0;
  for (let i = 0; i < 2 * v.K; i++) diff = Math.max(diff, Math.abs(r.P[k * 2 * v.K + i] - v.theta[i]));
  return { r, k, diff };
}

/** The class prototype u votes for (the largest of its readout row). */
function votedClass(theta, L, C, u) {
  let vote = 0;
  for (let c = 1; c < C; c++) if (theta[L.A + u * C + c] > theta[L.A + u * C + vote]) vote = c;
  return vote;
}

/** The training points and the prototypes' paths (at most ~150 points each). */
function drawPointsAndPaths(f, v, d, t) {
  const ctx = f.ui.ctx, K = v.K;
  for (let i = 0; i < d.y.length; i++) {
    ctx.beginPath(); ctx.arc(toPx(f, d.X[2 * i]), toPy(f, d.X[2 * i + 1]), 3, 0, 2 * Math.PI);
    ctx.fillStyle = classColour(d.y[i]); ctx.fill();
    ctx.lineWidth = 0.8; ctx.strokeStyle = t.bg; ctx.stroke();
  }
  const n = v.paths.length, stride = Math.max(1, Math.ceil(n / 150));
  ctx.strokeStyle = t.fg; ctx.globalAlpha = 0.5; ctx.lineWidth = 1;
  ctx.beginPath();
  for (let u = 0; u < K; u++) {
    ctx.moveTo(toPx(f, v.paths[0][2 * u]), toPy(f, v.paths[0][2 * u + 1]));
    for (let s = stride; s < n; s += stride) ctx.lineTo(toPx(f, v.paths[s][2 * u]), toPy(f, v.paths[s][2 * u + 1]));
    ctx.lineTo(toPx(f, v.paths[n - 1][2 * u]), toPy(f, v.paths[n - 1][2 * u + 1]));
  }
  ctx.stroke();
  ctx.globalAlpha = 1;
}

/** Python's prototypes at the same step (dashed rings), then the prototypes as diamonds. */
function drawPrototypes(f, v, cmp, t) {
  const ctx = f.ui.ctx, K = v.K, C = v.C;
  if (cmp && cmp.k >= 0) {
    ctx.setLineDash([3, 3]); ctx.strokeStyle = t.fg; ctx.lineWidth = 1.2;
    for (let u = 0; u < K; u++) {
      ctx.beginPath(); ctx.arc(toPx(f, cmp.r.P[cmp.k * 2 * K + 2 * u]), toPy(f, cmp.r.P[cmp.k * 2 * K + 2 * u + 1]), 10, 0, 2 * Math.PI); ctx.stroke();
    }
    ctx.setLineDash([]);
  }
  const L = trainerLayout(K, C);
  for (let u = 0; u < K; u++) {
    const vote = votedClass(v.theta, L, C, u);
    const x = toPx(f, v.theta[2 * u]), y = toPy(f, v.theta[2 * u + 1]);
    diamond(ctx, x, y, 6);
    ctx.fillStyle = classColour(vote); ctx.fill();
    ctx.lineWidth = 1.5; ctx.strokeStyle = t.fg; ctx.stroke();
    if (u === f.st.picked) {
      ctx.beginPath(); ctx.arc(x, y, 11, 0, 2 * Math.PI);
      ctx.lineWidth = 2.5; ctx.strokeStyle = t.focus; ctx.stroke();
    }
  }
}

function drawPlane(f, v, d, cmp) {
  const t = theme(), { canvas, ctx } = f.ui;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = t.bg; ctx.fillRect(0, 0, canvas.width, canvas.height);
  paintField(f, v.theta, v.K, v.C);
  drawAxes(f);
  ctx.save();
  ctx.beginPath(); ctx.rect(M.l, M.t, SIZE, SIZE); ctx.clip();
  drawPointsAndPaths(f, v, d, t);
  drawPrototypes(f, v, cmp, t);
  ctx.restore();
}

/** The read-out, the chosen prototype's node and the canvas's text alternative. */
function sayLearning(f, v, d, cmp, announce) {
  const st = f.st, ui = f.ui, K = v.K, C = v.C;
  showMessage(ui.message, (st.source === "browser" && f.live.stopped) || f.note);
  const pu = Math.min(st.picked, K - 1), px = v.theta[2 * pu], py = v.theta[2 * pu + 1];
  const vote = votedClass(v.theta, trainerLayout(K, C), C, pu);
  ui.pickNode.textContent = `prototype ${pu + 1} of ${K}`;
  ui.pickNode.setAttribute("aria-valuemax", K);
  ui.pickNode.setAttribute("aria-valuenow", pu + 1);
  ui.pickNode.setAttribute("aria-valuetext", `prototype ${pu + 1} of ${K}`);
  let text = `step ${v.step} · loss ${fmtNum(v.loss)} · training accuracy ${fmtPct(v.accuracy)} · b = ${fmtNum(v.b)} · ε = ${fmtNum(v.eps)} · `
    + `${v.where} (${st.dataset}, K = ${K}, seed ${st.seed}, ${st.batch ? `mini-batches of ${st.batch}` : "all points each step"}); play runs ${st.speed} step${st.speed > 1 ? "s" : ""} per frame.`;
  if (cmp) {
    text += cmp.k >= 0
      ? ` Python's run at step ${v.step}: training accuracy ${fmtPct(cmp.r.accuracy[cmp.k])}; largest prototype difference ${fmtNum(cmp.diff, 2)}.`
      : ` Python's run has snapshots every ${cmp.r.steps[1] - cmp.r.steps[0] || 1} steps up to ${cmp.r.steps[cmp.r.steps.length - 1]}.`;
  }
  text += ` Chosen: prototype ${pu + 1} at (${fmtNum(px)}, ${fmtNum(py)}), voting for class ${vote}.`;
  if (announce || !f.playing || f.frames % 6 === 0) ui.readout.say(text);
  ui.canvas.setAttribute("aria-label", `The plane x₁, x₂ from −${f.lim} to ${f.lim}: the ${d.y.length} training points of ${st.dataset}, `
    + `the decision field of the network at step ${v.step} (training accuracy ${fmtPct(v.accuracy)}) and its ${K} prototypes with their paths. `
    + "Arrow keys move the chosen prototype (in a run trained in this browser).");
}

/** The controls in step with the state, and the data attributes the tests and the bench read. */
function syncLearning(f, v, el) {
  const st = f.st, ui = f.ui;
  ui.kSlider.set(st.K); ui.epsSlider.set(f.epsValues.indexOf(st.eps0)); ui.lrSlider.set(f.lrValues.indexOf(st.lr));
  ui.dsSel.set(f.datasets.findIndex((q) => q.name === st.dataset));
  ui.batchGroup.set(st.batch ? 1 : 0);
  ui.snapSlider.root.style.display = st.source === "python" ? "" : "none";   // (a .yl-slider is inline-flex: [hidden] would not hide it)
  if (f.replay) { ui.snapSlider.input.max = f.replay.run.steps.length - 1; ui.snapSlider.set(f.replay.k); }
  el.dataset.step = String(v.step);
  el.dataset.frames = String(f.frames);
  el.dataset.accuracy = String(v.accuracy);
}

function draw(f, announce) {
  const v = currentView(f), d = shownData(f), cmp = comparison(f, v);
  drawPlane(f, v, d, cmp);
  sayLearning(f, v, d, cmp, announce);
  syncLearning(f, v, f.el);
}

// ------------------------------------------------------------------ moving a prototype

function movePicked(f, x, y) {
  if (f.st.source !== "browser") {
    f.note = "A prototype can be moved in a run trained in this browser: choose “trained in this browser”.";
    draw(f, true);
    return;
  }
  const live = f.live, c = (z) => Math.max(-f.lim, Math.min(f.lim, z));
  live.tr.theta[2 * f.st.picked] = c(x);
  live.tr.theta[2 * f.st.picked + 1] = c(y);
  live.moved = true;
  live.paths.push(Float64Array.from(live.tr.theta.subarray(0, 2 * live.tr.K)));
  live.evaluation = trainerEvaluate(live.tr);
  draw(f, !f.playing);
}

/** Pick a prototype with the pointer and drag it, or move the chosen one with the arrow keys. */
function bindMoves(f) {
  const canvas = f.ui.canvas, st = f.st, lim = f.lim;
  moveByKeys(canvas, { label: "the plane", step: 0.05,
    get: () => { const v = currentView(f); return [v.theta[2 * st.picked], v.theta[2 * st.picked + 1]]; },
    set: ([x, y]) => movePicked(f, x, y) });
  let dragging = false;
  const dataAt = (ev) => {
    const r = canvas.getBoundingClientRect();
    const px = (ev.clientX - r.left) * canvas.width / r.width, py = (ev.clientY - r.top) * canvas.height / r.height;
    return [px, py, -lim + (px - M.l) / SIZE * 2 * lim, lim - (py - M.t) / SIZE * 2 * lim];
  };
  canvas.addEventListener("pointerdown", (ev) => {
    const [px, py] = dataAt(ev), v = currentView(f);
    let best = -1, bd = 14;
    for (let u = 0; u < v.K; u++) {
      const dd = Math.hypot(toPx(f, v.theta[2 * u]) - px, toPy(f, v.theta[2 * u + 1]) - py);
      if (dd < bd) { bd = dd; best = u; }
    }
    if (best < 0) return;
    st.picked = best;
    dragging = st.source === "browser";
    if (dragging) { try { canvas.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic event */ } }
    draw(f, true);
    ev.preventDefault();
  });
  canvas.addEventListener("pointermove", (ev) => { if (dragging) { const [, , x, y] = dataAt(ev); movePicked(f, x, y); } });
  const endDrag = () => { dragging = false; };
  canvas.addEventListener("pointerup", endDrag);
  canvas.addEventListener("pointercancel", endDrag);
}

// ------------------------------------------------------------------ the figure

function renderFigure(el, model, life) {
  const f = learningState(model);
  f.el = el;
  f.ui = learningControls(f, el);
  f.channel = learningChannel(f, model, life);
  f.loop = life.add(playLoop(f, el));
  bindMoves(f);
  // start: Python's recorded run, trained
  newLive(f);
  const first = matchingRun(f);
  if (first) f.replay = { run: first, k: first.steps.length - 1 };
  else setSource(f, "browser", false);
  draw(f, true);
  return { redraw: () => draw(f, true) };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "yat_mlp_learning", label: "Figure F06: a Yat MLP learning in 2-D" }, (root, life) => renderFigure(root, model, life));
  },
};
