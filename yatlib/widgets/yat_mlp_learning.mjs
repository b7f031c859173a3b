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

function renderFigure(el, model, life) {
  const datasets = model.get("datasets").map((d) => ({ name: d.name, X: Float64Array.from(decodeF32(d.X)), y: Int32Array.from(d.y) }));
  const lim = model.get("lim"), pythonSteps = model.get("python_steps");
  const pyRuns = model.get("runs").map(decodeRun);
  const start = model.get("start");
  const epsValues = EPS_VALUES.slice(), lrValues = LR_VALUES.slice();
  pyRuns.forEach((r) => { withValue(epsValues, r.eps0); withValue(lrValues, r.learning_rate); });
  const st = {
    dataset: start.dataset, K: start.units, eps0: start.eps0, seed: start.seed, lr: start.learning_rate,
    batch: start.batch_size, speed: 1, source: "python", picked: 0, kMax: 32,
  };
  let live = null, replay = null, playing = false, frames = 0, note = "";

  // ------------------------------------------------------------------ controls
  const message = h("div", { class: "yl-message" });
  const readout = liveRegion();
  const status = h("p", { class: "yl-live" });
  const dsSel = selectControl("data set", datasets.map((d) => d.name), Math.max(0, datasets.findIndex((d) => d.name === st.dataset)),
    (i) => { st.dataset = datasets[i].name; settingsChanged(); });
  dsSel.select.classList.add("f06-dataset");
  const kSlider = labelledSlider("prototypes K", { min: 4, max: 32, step: 1, value: st.K,
    onInput: (v) => { st.K = v; settingsChanged(); } });
  kSlider.input.classList.add("f06-units");
  const epsSlider = labelledSlider("starting ε", { min: 0, max: epsValues.length - 1, step: 1, value: epsValues.indexOf(st.eps0),
    format: (i) => String(epsValues[i]), onInput: (i) => { st.eps0 = epsValues[i]; settingsChanged(); } });
  epsSlider.input.classList.add("f06-eps");
  const lrSlider = labelledSlider("learning rate", { min: 0, max: lrValues.length - 1, step: 1, value: lrValues.indexOf(st.lr),
    format: (i) => String(lrValues[i]), onInput: (i) => { st.lr = lrValues[i]; settingsChanged(); } });
  const seedInput = h("input", { type: "number", min: 0, max: 2147483647, step: 1, value: st.seed, class: "f06-seed",
    "aria-label": "seed of the random start", style: "width:6em" });
  seedInput.addEventListener("change", () => {
    const v = Number(seedInput.value);
    if (!(seedInput.value.trim() !== "" && Number.isInteger(v) && v >= 0 && v <= 2147483647)) {
      note = "The seed must be a whole number from 0 to 2147483647.";
      seedInput.value = st.seed;
      draw(true);
      return;
    }
    st.seed = v; settingsChanged();
  });
  const reroll = button("re-roll", () => { st.seed = (st.seed + 1) % 2147483648; seedInput.value = st.seed; settingsChanged(); },
    { label: "re-roll: a new random start (the next seed)", cls: "f06-reroll" });
  const batchGroup = buttonGroup("batch", [`all ${datasets[0].y.length} points`, `mini-batches of ${MINI_BATCH}`], st.batch ? 1 : 0,
    (i) => { st.batch = i ? MINI_BATCH : null; settingsChanged(); });
  const sourceGroup = buttonGroup("run shown", ["trained in this browser", "replayed from Python"], 1, (i) => setSource(i ? "python" : "browser"));
  sourceGroup.root.classList.add("f06-source");
  const playBtn = button("▶ play", () => togglePlay(), { label: "play", cls: "f06-play" });
  const stepBtn = button("step", () => { loop.pause(); advance(1); draw(true); }, { label: "one training step", cls: "f06-step" });
  const resetBtn = button("reset", () => { loop.pause(); reset(); draw(true); }, { label: "reset to step 0", cls: "f06-reset" });
  const speedGroup = buttonGroup("speed", SPEEDS.map((s) => ({ label: `${s}×`, title: `${s} training step${s > 1 ? "s" : ""} per frame` })), 0,
    (i) => { st.speed = SPEEDS[i]; draw(true); });
  const snapSlider = labelledSlider("snapshot of Python's run", { min: 0, max: 1, step: 1, value: 0,
    format: (v) => (replay ? `step ${replay.run.steps[v]}` : String(v)), onInput: (v) => { loop.pause(); if (replay) { replay.k = v; draw(true); } } });
  snapSlider.root.classList.add("f06-snapshot");
  const pickNode = h("span", { class: "f06-pick", role: "slider", "aria-valuemin": 1,
    style: "padding:2px 6px;border:1px solid var(--yl-border);border-radius:4px" });
  pickByKeys(pickNode, { label: "chosen prototype", count: () => st.K, get: () => st.picked, set: (i) => { st.picked = i; draw(true); } });
  const pythonBtn = button("train this run in Python", () => trainInPython(), { cls: "f06-python" });
  pythonBtn.style.display = "none";

  const canvas = h("canvas", { width: SIZE + M.l + M.r, height: SIZE + M.t + M.b, class: "f06-plane", role: "img",
    style: "touch-action:none;display:block" });
  const ctx = canvas.getContext("2d");
  const off = document.createElement("canvas");
  off.width = GRID; off.height = GRID;
  const offCtx = off.getContext("2d"), img = offCtx.createImageData(GRID, GRID);
  const field = new Float32Array(GRID * GRID * 8);
  const legend = h("p", { class: "yl-caption" },
    "Background: the class the network predicts there, paler where it is unsure. Dots: the training points. ",
    "Diamonds: prototypes, filled with the colour of the class they vote for, each trailing the path it has travelled; ",
    "the one in a solid ring is the chosen prototype. Dashed rings: Python's run at the same step, where there is one. ",
    `Axes x₁ (right) and x₂ (up) span [−${lim}, ${lim}].`);
  const figure = h("div", { class: "f06-figure" }, canvas, legend);
  el.append(
    h("div", { class: "yl-controls" }, dsSel.root, kSlider.root, epsSlider.root, lrSlider.root),
    h("div", { class: "yl-controls" }, h("label", { class: "yl-slider" }, h("span", { class: "yl-label" }, "seed"), seedInput), reroll,
      batchGroup.root),
    h("div", { class: "yl-controls" }, sourceGroup.root, playBtn, stepBtn, resetBtn, speedGroup.root),
    h("div", { class: "yl-controls" }, snapSlider.root, h("span", {}, pickNode), pythonBtn),
    status, message, readout.root, figure,
    h("div", { class: "yl-toolbar" }, exportButton("yat-mlp-learning", () => figure)),
  );
  el.classList.add("f06-learning");

  const channel = life.add(liveChannel(model, status, {
    noKernel: "Your browser trains any setting; Python's runs are the ones recorded when the book was built (no Python kernel is connected).",
    kernel: "Live: Python can train any setting (K up to 64): press “train this run in Python”.",
    say: readout.say,
  }));
  channel.onLive((on) => {
    if (!on) return;
    pythonBtn.style.display = "";
    st.kMax = 64;
    kSlider.input.max = 64;
  });

  // ------------------------------------------------------------------ runs
  function decodeRun(r) {
    return { ...r, P: decodeF32(r.prototypes), A: decodeF32(r.readout), c: decodeF32(r.bias) };
  }
  const key = (s) => [s.dataset, s.units ?? s.K, s.eps0, s.seed, s.learning_rate ?? s.lr, s.batch_size ?? s.batch ?? "all"].join("|");
  const matching = () => { const k = key(st); let hit = null; for (const r of pyRuns) if (key(r) === k) hit = r; return hit; };
  const data = () => datasets.find((d) => d.name === st.dataset);

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

  function newLive() {
    const d = data();
    const tr = trainerCreate(d.X, d.y, { units: st.K, eps0: st.eps0, seed: st.seed, learningRate: st.lr,
      batchSize: st.batch || d.y.length, lim });
    live = { tr, key: key(st), paths: [Float64Array.from(tr.theta.subarray(0, 2 * st.K))], moved: false, stopped: "" };
    live.evaluation = trainerEvaluate(tr);
  }

  function reset() {
    if (st.source === "browser") newLive();
    else if (replay) replay.k = 0;
  }

  function settingsChanged() {
    loop.pause();
    st.picked = Math.min(st.picked, st.K - 1);
    note = "";
    newLive();
    const hit = matching();
    if (st.source === "python") {
      if (hit) replay = { run: hit, k: 0 };
      else {
        setSource("browser", false);
        note = channel.live
          ? "Python has no run for these settings yet, so your browser trains them; “train this run in Python” makes one."
          : "No run was recorded in Python for these settings, so your browser trains them: press play.";
      }
    }
    draw(true);
  }

  function setSource(source, redraw = true) {
    loop.pause();
    st.source = source;
    sourceGroup.set(source === "python" ? 1 : 0);
    note = "";
    if (source === "python") {
      const hit = matching();
      if (!hit) {
        st.source = "browser";
        sourceGroup.set(0);
        note = channel.live
          ? "Python has no run for these settings yet: press “train this run in Python”, or let your browser train it."
          : `Python's runs were recorded for ${describeRecorded()}. Choose one of them, or let your browser train these settings.`;
      } else if (!replay || replay.run !== hit) replay = { run: hit, k: 0 };
    } else if (!live || live.key !== key(st)) newLive();
    if (redraw) draw(true);
  }

  function describeRecorded() {
    const ds = [...new Set(pyRuns.map((r) => r.dataset))].join(", ");
    const eps = [...new Set(pyRuns.map((r) => r.eps0))].join(", ");
    const r0 = pyRuns[0];
    return `${ds} with starting ε ${eps} (K = ${r0.units}, seed ${r0.seed}, learning rate ${r0.learning_rate}, ${r0.batch_size ? "mini-batches" : "all points"})`;
  }

  function trainInPython() {
    const params = { dataset: st.dataset, units: st.K, eps0: st.eps0, seed: st.seed, learning_rate: st.lr,
      batch_size: st.batch, steps: Math.max(pythonSteps, live && live.tr.step ? Math.min(5000, Math.ceil(live.tr.step / 10) * 10) : 0) };
    channel.request(params).then((state) => {
      const r = decodeRun(state);
      pyRuns.push(r);
      // show it, trained, as the recorded runs are shown: play replays it (the read-out says "trained by Python just now")
      if (key(r) === key(st)) { replay = { run: r, k: r.steps.length - 1 }; setSource("python"); }
    }).catch(() => {});
  }

  // ------------------------------------------------------------------ playing
  function advance(n) {
    if (st.source === "python") {
      if (!replay) return false;
      const last = replay.run.steps.length - 1;
      if (replay.k >= last) return false;
      replay.k = Math.min(last, replay.k + n);
      return replay.k < last;
    }
    const tr = live.tr;
    for (let i = 0; i < n; i++) {
      if (tr.step >= MAX_STEPS) { live.stopped = `Stopped at ${MAX_STEPS} steps; press reset to start again.`; return false; }
      const loss = trainerStep(tr);
      live.paths.push(Float64Array.from(tr.theta.subarray(0, 2 * tr.K)));
      if (!Number.isFinite(loss) || !tr.theta.every(Number.isFinite)) {
        live.stopped = `The loss stopped being finite at step ${tr.step}: the learning rate is too large for this start. Lower it and press reset.`;
        return false;
      }
    }
    live.evaluation = trainerEvaluate(tr);
    return true;
  }

  let replayTick = 0;
  const loop = life.add(animationLoop(el, () => {
    const t0 = performance.now();
    let more;
    if (st.source === "python") {
      // a snapshot holds 10 steps: advance one every 10 / speed frames, as fast as the browser trains
      replayTick += st.speed;
      if (replayTick < 10) return true;
      replayTick = 0;
      more = advance(1);
    } else more = advance(st.speed);
    frames += 1;
    draw(false);
    el.dataset.frameMs = (performance.now() - t0).toFixed(2);   // training steps + field + drawing (read by the bench)
    return more;
  }, {
    fps: 120,
    onState: (on) => {
      playing = on;
      playBtn.textContent = on ? "❚❚ pause" : "▶ play";
      playBtn.setAttribute("aria-label", on ? "pause" : "play");
      readout.root.setAttribute("aria-live", on ? "off" : "polite");
      if (!on) draw(true);
    },
  }));

  function togglePlay() {
    if (!loop.playing) {
      if (st.source === "python" && replay && replay.k >= replay.run.steps.length - 1) replay.k = 0;
      if (st.source === "browser" && live.stopped) return draw(true);
    }
    loop.toggle();
  }

  // ------------------------------------------------------------------ drawing
  const toPx = (x) => M.l + (x + lim) / (2 * lim) * SIZE;
  const toPy = (y) => M.t + (lim - y) / (2 * lim) * SIZE;
  const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

  function paintField(theta, K, C) {
    trainerField(theta, K, C, GRID, lim, field);
    const t = theme(), bg = rgb(t.bg), cols = [];
    for (let c = 0; c < C; c++) cols.push(rgb(classColour(c)));
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

  function axes() {
    const t = theme();
    ctx.strokeStyle = t.border; ctx.lineWidth = 1;
    ctx.strokeRect(M.l + 0.5, M.t + 0.5, SIZE - 1, SIZE - 1);
    ctx.fillStyle = t.fg; ctx.font = "11px system-ui, sans-serif";
    for (let v = -Math.floor(lim); v <= Math.floor(lim); v++) {
      ctx.textAlign = "center"; ctx.fillText(String(v), toPx(v), M.t + SIZE + 14);
      ctx.textAlign = "right"; ctx.fillText(String(v), M.l - 6, toPy(v) + 4);
      ctx.beginPath(); ctx.moveTo(toPx(v), M.t + SIZE); ctx.lineTo(toPx(v), M.t + SIZE + 4);
      ctx.moveTo(M.l - 4, toPy(v)); ctx.lineTo(M.l, toPy(v)); ctx.stroke();
    }
    ctx.textAlign = "center"; ctx.fillText("x₁", M.l + SIZE / 2, M.t + SIZE + 29);
    ctx.save(); ctx.translate(12, M.t + SIZE / 2); ctx.rotate(-Math.PI / 2); ctx.fillText("x₂", 0, 0); ctx.restore();
  }

  function diamond(x, y, r) {
    ctx.beginPath(); ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
  }

  /** The current view: {theta, K, C, step, loss, accuracy, b, eps, paths: [Float64Array(2K)] , where}. */
  function view() {
    if (st.source === "python" && replay) {
      const r = replay.run, k = replay.k, K = r.units;
      const paths = [];
      for (let s = 0; s <= k; s++) paths.push(r.P.subarray(s * 2 * K, (s + 1) * 2 * K));
      return { theta: snapshotTheta(r, k), K, C: r.classes, step: r.steps[k], loss: r.loss[k], accuracy: r.accuracy[k],
        b: r.b[k], eps: r.eps[k], paths, where: r.source === "python" ? "trained by Python just now" : "recorded in Python when the book was built" };
    }
    const tr = live.tr, ke = trainerKernel(tr);
    return { theta: tr.theta, K: tr.K, C: tr.C, step: tr.step, loss: live.evaluation.loss, accuracy: live.evaluation.accuracy,
      b: ke.b, eps: ke.eps, paths: live.paths, where: live.moved ? "trained in this browser (a prototype moved by hand)" : "trained in this browser" };
  }

  /** Python's snapshot at the browser's current step, when a Python run has the browser's settings. */
  function comparison(v) {
    if (st.source !== "browser" || live.moved) return null;
    const r = matching();
    if (!r) return null;
    const k = r.steps.indexOf(v.step);
    if (k < 0) return { r, k: -1 };
    let diff = 0;
    for (let i = 0; i < 2 * v.K; i++) diff = Math.max(diff, Math.abs(r.P[k * 2 * v.K + i] - v.theta[i]));
    return { r, k, diff };
  }

  function draw(announce) {
    const t = theme(), v = view(), d = data();
    const K = v.K, C = v.C;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = t.bg; ctx.fillRect(0, 0, canvas.width, canvas.height);
    paintField(v.theta, K, C);
    axes();
    ctx.save();
    ctx.beginPath(); ctx.rect(M.l, M.t, SIZE, SIZE); ctx.clip();
    for (let i = 0; i < d.y.length; i++) {
      ctx.beginPath(); ctx.arc(toPx(d.X[2 * i]), toPy(d.X[2 * i + 1]), 3, 0, 2 * Math.PI);
      ctx.fillStyle = classColour(d.y[i]); ctx.fill();
      ctx.lineWidth = 0.8; ctx.strokeStyle = t.bg; ctx.stroke();
    }
    // paths: at most ~150 points each
    const n = v.paths.length, stride = Math.max(1, Math.ceil(n / 150));
    ctx.strokeStyle = t.fg; ctx.globalAlpha = 0.5; ctx.lineWidth = 1;
    ctx.beginPath();
    for (let u = 0; u < K; u++) {
      ctx.moveTo(toPx(v.paths[0][2 * u]), toPy(v.paths[0][2 * u + 1]));
      for (let s = stride; s < n; s += stride) ctx.lineTo(toPx(v.paths[s][2 * u]), toPy(v.paths[s][2 * u + 1]));
      ctx.lineTo(toPx(v.paths[n - 1][2 * u]), toPy(v.paths[n - 1][2 * u + 1]));
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
    const cmp = comparison(v);
    if (cmp && cmp.k >= 0) {
      ctx.setLineDash([3, 3]); ctx.strokeStyle = t.fg; ctx.lineWidth = 1.2;
      for (let u = 0; u < K; u++) {
        ctx.beginPath(); ctx.arc(toPx(cmp.r.P[cmp.k * 2 * K + 2 * u]), toPy(cmp.r.P[cmp.k * 2 * K + 2 * u + 1]), 10, 0, 2 * Math.PI); ctx.stroke();
      }
      ctx.setLineDash([]);
    }
    const L = trainerLayout(K, C);
    for (let u = 0; u < K; u++) {
      let vote = 0;
      for (let c = 1; c < C; c++) if (v.theta[L.A + u * C + c] > v.theta[L.A + u * C + vote]) vote = c;
      const x = toPx(v.theta[2 * u]), y = toPy(v.theta[2 * u + 1]);
      diamond(x, y, 6);
      ctx.fillStyle = classColour(vote); ctx.fill();
      ctx.lineWidth = 1.5; ctx.strokeStyle = t.fg; ctx.stroke();
      if (u === st.picked) {
        ctx.beginPath(); ctx.arc(x, y, 11, 0, 2 * Math.PI);
        ctx.lineWidth = 2.5; ctx.strokeStyle = t.focus; ctx.stroke();
      }
    }
    ctx.restore();

    // read-out
    showMessage(message, (st.source === "browser" && live.stopped) || note);
    const pu = Math.min(st.picked, K - 1), px = v.theta[2 * pu], py = v.theta[2 * pu + 1];
    let vote = 0;
    for (let c = 1; c < C; c++) if (v.theta[L.A + pu * C + c] > v.theta[L.A + pu * C + vote]) vote = c;
    pickNode.textContent = `prototype ${pu + 1} of ${K}`;
    pickNode.setAttribute("aria-valuemax", K);
    pickNode.setAttribute("aria-valuenow", pu + 1);
    pickNode.setAttribute("aria-valuetext", `prototype ${pu + 1} of ${K}`);
    let text = `step ${v.step} · loss ${fmtNum(v.loss)} · training accuracy ${fmtPct(v.accuracy)} · b = ${fmtNum(v.b)} · ε = ${fmtNum(v.eps)} · `
      + `${v.where} (${st.dataset}, K = ${K}, seed ${st.seed}, ${st.batch ? `mini-batches of ${st.batch}` : "all points each step"}); play runs ${st.speed} step${st.speed > 1 ? "s" : ""} per frame.`;
    if (cmp) {
      text += cmp.k >= 0
        ? ` Python's run at step ${v.step}: training accuracy ${fmtPct(cmp.r.accuracy[cmp.k])}; largest prototype difference ${fmtNum(cmp.diff, 2)}.`
        : ` Python's run has snapshots every ${cmp.r.steps[1] - cmp.r.steps[0] || 1} steps up to ${cmp.r.steps[cmp.r.steps.length - 1]}.`;
    }
    text += ` Chosen: prototype ${pu + 1} at (${fmtNum(px)}, ${fmtNum(py)}), voting for class ${vote}.`;
    if (announce || !playing || frames % 6 === 0) readout.say(text);
    canvas.setAttribute("aria-label", `The plane x₁, x₂ from −${lim} to ${lim}: the ${d.y.length} training points of ${st.dataset}, `
      + `the decision field of the network at step ${v.step} (training accuracy ${fmtPct(v.accuracy)}) and its ${K} prototypes with their paths. `
      + "Arrow keys move the chosen prototype (in a run trained in this browser).");
    // controls in step with the state
    kSlider.set(st.K); epsSlider.set(epsValues.indexOf(st.eps0)); lrSlider.set(lrValues.indexOf(st.lr));
    dsSel.set(datasets.findIndex((q) => q.name === st.dataset));
    batchGroup.set(st.batch ? 1 : 0);
    snapSlider.root.style.display = st.source === "python" ? "" : "none";   // (a .yl-slider is inline-flex: [hidden] would not hide it)
    if (replay) { snapSlider.input.max = replay.run.steps.length - 1; snapSlider.set(replay.k); }
    el.dataset.step = String(v.step);
    el.dataset.frames = String(frames);
    el.dataset.accuracy = String(v.accuracy);
  }

  // ------------------------------------------------------------------ moving a prototype
  function movePicked(x, y) {
    if (st.source !== "browser") {
      note = "A prototype can be moved in a run trained in this browser: choose “trained in this browser”.";
      draw(true);
      return;
    }
    const c = (z) => Math.max(-lim, Math.min(lim, z));
    live.tr.theta[2 * st.picked] = c(x);
    live.tr.theta[2 * st.picked + 1] = c(y);
    live.moved = true;
    live.paths.push(Float64Array.from(live.tr.theta.subarray(0, 2 * live.tr.K)));
    live.evaluation = trainerEvaluate(live.tr);
    draw(!playing);
  }
  moveByKeys(canvas, { label: "the plane", step: 0.05,
    get: () => { const v = view(); return [v.theta[2 * st.picked], v.theta[2 * st.picked + 1]]; },
    set: ([x, y]) => movePicked(x, y) });
  let dragging = false;
  const dataAt = (ev) => {
    const r = canvas.getBoundingClientRect();
    const px = (ev.clientX - r.left) * canvas.width / r.width, py = (ev.clientY - r.top) * canvas.height / r.height;
    return [px, py, -lim + (px - M.l) / SIZE * 2 * lim, lim - (py - M.t) / SIZE * 2 * lim];
  };
  canvas.addEventListener("pointerdown", (ev) => {
    const [px, py] = dataAt(ev), v = view();
    let best = -1, bd = 14;
    for (let u = 0; u < v.K; u++) {
      const dd = Math.hypot(toPx(v.theta[2 * u]) - px, toPy(v.theta[2 * u + 1]) - py);
      if (dd < bd) { bd = dd; best = u; }
    }
    if (best < 0) return;
    st.picked = best;
    dragging = st.source === "browser";
    if (dragging) { try { canvas.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic event */ } }
    draw(true);
    ev.preventDefault();
  });
  canvas.addEventListener("pointermove", (ev) => { if (dragging) { const [, , x, y] = dataAt(ev); movePicked(x, y); } });
  const endDrag = () => { dragging = false; };
  canvas.addEventListener("pointerup", endDrag);
  canvas.addEventListener("pointercancel", endDrag);

  // ------------------------------------------------------------------ start: Python's recorded run, trained
  newLive();
  const first = matching();
  if (first) replay = { run: first, k: first.steps.length - 1 };
  else setSource("browser", false);
  draw(true);
  return { redraw: () => draw(true) };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "yat_mlp_learning", label: "Figure F06: a Yat MLP learning in 2-D" }, (root, life) => renderFigure(root, model, life));
  },
};
