// Figure F25: prototypes moving through a map of the data (UMAP) while they train. The data is
// drawn once, faintly, by class; each run's prototypes are markers at the chosen snapshot, with
// their paths so far. A prototype can be picked (click, or arrow keys on the map) to follow it.

// ---- state ----------------------------------------------------------------------

function trajectoryState(model) {
  const dataXY = decodeF32(model.get("data_xy_b64"));
  const labels = decodeU8(model.get("data_labels_b64"));
  const seeds = model.get("seeds").map((s) => ({ ...s, xy: decodeF32(s.xy_b64) }));
  const steps = model.get("steps"), S = steps.length, N = labels.length;
  return { model, dataXY, labels, seeds, steps, S, N, names: model.get("class_names"), axis: model.get("axis_name"),
    st: { snapshot: Math.min(S - 1, Math.max(0, model.get("snapshot"))), show: model.get("show"), pick: null },  // pick: [seed, unit]
    ok: dataXY.length === 2 * N && S > 0 && seeds.every((s) => s.xy.length === S * s.n_units * 2),
    frame: null, moving: null };
}

/** position of prototype k of seed j at snapshot s */
const protoAt = (m, j, s, k) => { const K = m.seeds[j].n_units, o = 2 * (s * K + k); return [m.seeds[j].xy[o], m.seeds[j].xy[o + 1]]; };
const seedColour = (j) => [theme().fg, classColour(3), classColour(0), classColour(2)][j % 4];
const shownSeeds = (m) => m.seeds.map((_, j) => j).filter((j) => m.st.show === 0 || m.st.show === j + 1);
/** the prototypes that can be picked: every prototype of the shown seeds, seed by seed */
const pickable = (m) => shownSeeds(m).flatMap((j) => Array.from({ length: m.seeds[j].n_units }, (_, k) => [j, k]));
const pickIndex = (m) => (m.st.pick ? pickable(m).findIndex(([j, k]) => j === m.st.pick[0] && k === m.st.pick[1]) : -1);

/** The extent of everything drawn, padded: {lo, hi} of the data and of every snapshot. */
function mapBounds(m) {
  let lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
  const grow = (x, y) => { lo = [Math.min(lo[0], x), Math.min(lo[1], y)]; hi = [Math.max(hi[0], x), Math.max(hi[1], y)]; };
  for (let i = 0; i < m.N; i++) grow(m.dataXY[2 * i], m.dataXY[2 * i + 1]);
  m.seeds.forEach((s) => { for (let i = 0; i < s.xy.length; i += 2) grow(s.xy[i], s.xy[i + 1]); });
  const pad = [0.04 * (hi[0] - lo[0] || 1), 0.04 * (hi[1] - lo[1] || 1)];
  return { x: [lo[0] - pad[0], hi[0] + pad[0]], y: [lo[1] - pad[1], hi[1] + pad[1]] };
}

/** The mean distance of seed j's prototypes from their centre at snapshot s. */
function spread(m, j, s) {
  const K = m.seeds[j].n_units;
  let cx = 0, cy = 0;
  for (let k = 0; k < K; k++) { const [x, y] = protoAt(m, j, s, k); cx += x / K; cy += y / K; }
  let d = 0;
  for (let k = 0; k < K; k++) { const [x, y] = protoAt(m, j, s, k); d += Math.hypot(x - cx, y - cy) / K; }
  return d;
}

function setSnapshot(m, v) {
  m.st.snapshot = Math.min(m.S - 1, Math.max(0, Math.round(v)));
  m.ui.slider.set(m.st.snapshot);
  m.model.set("snapshot", m.st.snapshot); m.model.save_changes();
  drawMoving(m);
}

// ---- controls -------------------------------------------------------------------

function trajectoryControls(m, el) {
  const st = m.st, S = m.S;
  const slider = labelledSlider("snapshot", {
    min: 0, max: Math.max(0, S - 1), step: 1, value: st.snapshot, format: (v) => `training step ${m.steps[v]}`,
    onInput: (v) => { setSnapshot(m, v); },
  });
  const showButtons = buttonGroup("seeds shown", ["both seeds", ...m.seeds.map((s) => `${s.name} only`)], st.show, (i) => {
    st.show = i;
    if (st.pick && !shownSeeds(m).includes(st.pick[0])) st.pick = null;
    m.model.set("show", i); m.model.save_changes();
    drawMoving(m);
  });
  const play = button("▶ play", () => m.loop.toggle(), { label: "play the snapshots" });
  play.setAttribute("aria-pressed", "false");
  const map = svg("svg", { class: "tm-map" });
  const key = h("div", { class: "yl-caption tm-key" });
  const figure = h("div", {}, map, key);
  const ui = { message: h("div", { class: "yl-message" }), readout: liveRegion(), slider, showButtons, play, map, key };
  el.append(h("div", { class: "yl-controls" }, slider.root, play, showButtons.root), ui.message, ui.readout.root, figure,
    h("div", { class: "yl-toolbar" }, exportButton("prototype-trajectories", () => figure)));
  return ui;
}

/** Play steps through the snapshots (from the first again when at the last). */
function snapshotLoop(m, el, life) {
  const st = m.st, S = m.S, play = m.ui.play;
  const loop = life.add(animationLoop(el, () => {
    if (st.snapshot >= S - 1) return false;
    setSnapshot(m, st.snapshot + 1);
    return st.snapshot < S - 1;
  }, { fps: 6, onState: (on) => { play.textContent = on ? "❚❚ pause" : "▶ play"; play.setAttribute("aria-pressed", on ? "true" : "false"); } }));
  play.addEventListener("click", () => { if (!loop.playing && st.snapshot >= S - 1) setSnapshot(m, 0); }, { capture: true });
  return loop;
}

/** Pick a prototype to follow: arrow keys on the map, or a click near it. */
function bindPicking(m) {
  const map = m.ui.map, st = m.st;
  pickByKeys(map, {
    label: "the map: pick a prototype to follow",
    count: () => pickable(m).length,
    get: () => pickIndex(m),
    set: (i) => { st.pick = pickable(m)[i] || null; drawMoving(m); },
  });
  map.addEventListener("click", (e) => {
    const frame = m.frame;
    if (!frame) return;
    const box = map.getBoundingClientRect(), vb = map.viewBox.baseVal;
    const px = (e.clientX - box.left) * vb.width / box.width, py = (e.clientY - box.top) * vb.height / box.height;
    let best = -1, bd = 12;
    pickable(m).forEach(([j, k], i) => {
      const [x, y] = protoAt(m, j, st.snapshot, k);
      const d = Math.hypot(frame.x(x) - px, frame.y(y) - py);
      if (d < bd) { bd = d; best = i; }
    });
    st.pick = best >= 0 ? pickable(m)[best] : null;
    drawMoving(m);
  });
}

// ---- drawing --------------------------------------------------------------------

function drawStatic(m) {
  const { dataXY, labels, names, N } = m, ui = m.ui, bounds = mapBounds(m);
  const frame = m.frame = chartFrame(ui.map, {
    width: 640, height: 520, margin: { l: 48, b: 42 },
    x: { domain: bounds.x, label: `${m.axis} 1` },
    y: { domain: bounds.y, label: `${m.axis} 2` },
  });
  const paths = names.map(() => []);
  for (let i = 0; i < N; i++) {
    const x = frame.x(dataXY[2 * i]), y = frame.y(dataXY[2 * i + 1]);
    if (paths[labels[i]]) paths[labels[i]].push(`M${(x - 1.6).toFixed(1)},${y.toFixed(1)}a1.6,1.6 0 1,0 3.2,0a1.6,1.6 0 1,0 -3.2,0`);
  }
  paths.forEach((p, c) => frame.g.append(svg("path", { d: p.join(""), fill: classColour(c), opacity: isDark() ? 0.5 : 0.3, class: "tm-data" })));
  m.moving = svg("g", { class: "tm-moving" });
  frame.g.append(m.moving);
  ui.key.replaceChildren(
    h("span", {}, "data (faint dots), by class: "),
    ...names.map((n, c) => h("span", { style: "margin-right:10px;white-space:nowrap" },
      h("span", { style: `display:inline-block;width:10px;height:10px;border-radius:5px;background:${classColour(c)};margin-right:3px` }), n)),
    h("br"),
    ...m.seeds.map((s, j) => h("span", { style: "margin-right:14px" },
      h("span", { style: `color:${seedColour(j)};font-weight:700;margin-right:3px` }, j === 0 ? "●" : "✕"), `${s.name}: prototypes and their paths`)));
}

function marker(j, x, y, picked) {
  const col = seedColour(j), bg = theme().bg;
  if (j === 0) return svg("circle", { cx: x, cy: y, r: picked ? 5.5 : 4, fill: col, stroke: bg, "stroke-width": 1, class: "tm-proto" });
  const r = picked ? 5.5 : 4;
  return svg("path", { d: `M${x - r},${y - r}L${x + r},${y + r}M${x + r},${y - r}L${x - r},${y + r}`, stroke: col,
    "stroke-width": picked ? 3 : 2.2, class: "tm-proto" });
}

/** The SVG path of prototype k of seed j from the first snapshot to snapshot s. */
function pathTo(m, j, k, s) {
  let d = "";
  for (let t = 0; t <= s; t++) { const [x, y] = protoAt(m, j, t, k); d += `${t ? "L" : "M"}${m.frame.x(x).toFixed(1)},${m.frame.y(y).toFixed(1)}`; }
  return d;
}

function drawMoving(m) {
  const frame = m.frame, moving = m.moving;
  if (!frame) return;
  moving.replaceChildren();
  const s = m.st.snapshot, p = m.st.pick;
  for (const j of shownSeeds(m)) {
    let d = "";
    for (let k = 0; k < m.seeds[j].n_units; k++) d += pathTo(m, j, k, s);
    moving.append(svg("path", { d, fill: "none", stroke: seedColour(j), "stroke-width": 1, opacity: 0.55, class: "tm-path" }));
  }
  for (const j of shownSeeds(m)) {
    for (let k = 0; k < m.seeds[j].n_units; k++) {
      const [x, y] = protoAt(m, j, s, k);
      moving.append(marker(j, frame.x(x), frame.y(y), false));
    }
  }
  if (p) {
    const [j, k] = p;
    moving.append(svg("path", { d: pathTo(m, j, k, s), fill: "none", stroke: theme().focus, "stroke-width": 2.5, class: "tm-picked-path" }));
    const [x, y] = protoAt(m, j, s, k);
    moving.append(svg("circle", { cx: frame.x(x), cy: frame.y(y), r: 9, fill: "none", stroke: theme().focus, "stroke-width": 2.5, class: "tm-picked" }));
    moving.append(marker(j, frame.x(x), frame.y(y), true));
  }
  sayTrajectories(m);
}

function sayTrajectories(m) {
  const s = m.st.snapshot, p = m.st.pick, { seeds, steps } = m;
  let text = `Training step ${steps[s]} (snapshot ${s + 1} of ${m.S}). `
    + shownSeeds(m).map((j) => `${seeds[j].name}: the prototypes lie on average ${fmtNum(spread(m, j, s), 3)} map units from their centre`).join("; ") + ".";
  if (p) {
    const [j, k] = p, [x0, y0] = protoAt(m, j, 0, k), [x, y] = protoAt(m, j, s, k);
    text += ` Picked: ${seeds[j].name} prototype ${k}, ${fmtNum(Math.hypot(x - x0, y - y0), 3)} map units from where it started.`;
  }
  m.ui.readout.say(text);
  describe(m.ui.map, `A ${m.axis} map of ${m.N} training images (faint dots coloured by class) with the prototypes of `
    + shownSeeds(m).map((j) => seeds[j].name).join(" and ") + ` at training step ${steps[s]}, and their paths so far. `
    + "Arrow keys pick a prototype to follow.");
}

function drawTrajectories(m) {
  if (!m.ok) { showMessage(m.ui.message, "The map data handed to this figure is incomplete; nothing to show."); return; }
  showMessage(m.ui.message, "");
  m.ui.showButtons.set(m.st.show);
  drawStatic(m);
  drawMoving(m);
}

function renderTrajectories(el, model, life) {
  const m = trajectoryState(model);
  m.ui = trajectoryControls(m, el);
  m.loop = snapshotLoop(m, el, life);
  bindPicking(m);
  drawTrajectories(m);
  return { redraw: () => drawTrajectories(m) };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "trajectory_map", label: "Figure F25: prototypes moving through a map of the data" },
      (root, life) => renderTrajectories(root, model, life));
  },
};
