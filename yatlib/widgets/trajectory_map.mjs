// Figure F25: prototypes moving through a map of the data (UMAP) while they train. The data is
// drawn once, faintly, by class; each run's prototypes are markers at the chosen snapshot, with
// their paths so far. A prototype can be picked (click, or arrow keys on the map) to follow it.

function renderTrajectories(el, model, life) {
  const dataXY = decodeF32(model.get("data_xy_b64"));
  const labels = decodeU8(model.get("data_labels_b64"));
  const seeds = model.get("seeds").map((s) => ({ ...s, xy: decodeF32(s.xy_b64) }));
  const steps = model.get("steps"), S = steps.length;
  const names = model.get("class_names"), axis = model.get("axis_name");
  const N = labels.length;
  const st = { snapshot: Math.min(S - 1, Math.max(0, model.get("snapshot"))), show: model.get("show"), pick: null };  // pick: [seed, unit]
  const ok = dataXY.length === 2 * N && S > 0 && seeds.every((s) => s.xy.length === S * s.n_units * 2);

  // position of prototype k of seed j at snapshot s
  const at = (j, s, k) => { const K = seeds[j].n_units, o = 2 * (s * K + k); return [seeds[j].xy[o], seeds[j].xy[o + 1]]; };
  const seedColour = (j) => [theme().fg, classColour(3), classColour(0), classColour(2)][j % 4];
  const shown = () => seeds.map((_, j) => j).filter((j) => st.show === 0 || st.show === j + 1);
  // the prototypes that can be picked: every prototype of the shown seeds, seed by seed
  const pickable = () => shown().flatMap((j) => Array.from({ length: seeds[j].n_units }, (_, k) => [j, k]));

  const message = h("div", { class: "yl-message" });
  const readout = liveRegion();
  const slider = labelledSlider("snapshot", {
    min: 0, max: Math.max(0, S - 1), step: 1, value: st.snapshot, format: (v) => `training step ${steps[v]}`,
    onInput: (v) => { setSnapshot(v); },
  });
  const showButtons = buttonGroup("seeds shown", ["both seeds", ...seeds.map((s) => `${s.name} only`)], st.show, (i) => {
    st.show = i;
    if (st.pick && !shown().includes(st.pick[0])) st.pick = null;
    model.set("show", i); model.save_changes();
    drawMoving();
  });
  const play = button("▶ play", () => loop.toggle(), { label: "play the snapshots" });
  play.setAttribute("aria-pressed", "false");
  const map = svg("svg", { class: "tm-map" });
  const key = h("div", { class: "yl-caption tm-key" });
  const figure = h("div", {}, map, key);
  el.append(h("div", { class: "yl-controls" }, slider.root, play, showButtons.root), message, readout.root, figure,
    h("div", { class: "yl-toolbar" }, exportButton("prototype-trajectories", () => figure)));

  const loop = life.add(animationLoop(el, () => {
    if (st.snapshot >= S - 1) return false;
    setSnapshot(st.snapshot + 1);
    return st.snapshot < S - 1;
  }, { fps: 6, onState: (on) => { play.textContent = on ? "❚❚ pause" : "▶ play"; play.setAttribute("aria-pressed", on ? "true" : "false"); } }));
  play.addEventListener("click", () => { if (!loop.playing && st.snapshot >= S - 1) setSnapshot(0); }, { capture: true });

  // the extent of everything drawn, padded
  let lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
  const grow = (x, y) => { lo = [Math.min(lo[0], x), Math.min(lo[1], y)]; hi = [Math.max(hi[0], x), Math.max(hi[1], y)]; };
  for (let i = 0; i < N; i++) grow(dataXY[2 * i], dataXY[2 * i + 1]);
  seeds.forEach((s) => { for (let i = 0; i < s.xy.length; i += 2) grow(s.xy[i], s.xy[i + 1]); });
  const pad = [0.04 * (hi[0] - lo[0] || 1), 0.04 * (hi[1] - lo[1] || 1)];

  let frame = null, moving = null;
  function drawStatic() {
    frame = chartFrame(map, {
      width: 640, height: 520, margin: { l: 48, b: 42 },
      x: { domain: [lo[0] - pad[0], hi[0] + pad[0]], label: `${axis} 1` },
      y: { domain: [lo[1] - pad[1], hi[1] + pad[1]], label: `${axis} 2` },
    });
    const paths = names.map(() => []);
    for (let i = 0; i < N; i++) {
      const x = frame.x(dataXY[2 * i]), y = frame.y(dataXY[2 * i + 1]);
      if (paths[labels[i]]) paths[labels[i]].push(`M${(x - 1.6).toFixed(1)},${y.toFixed(1)}a1.6,1.6 0 1,0 3.2,0a1.6,1.6 0 1,0 -3.2,0`);
    }
    paths.forEach((p, c) => frame.g.append(svg("path", { d: p.join(""), fill: classColour(c), opacity: isDark() ? 0.5 : 0.3, class: "tm-data" })));
    moving = svg("g", { class: "tm-moving" });
    frame.g.append(moving);
    key.replaceChildren(
      h("span", {}, "data (faint dots), by class: "),
      ...names.map((n, c) => h("span", { style: "margin-right:10px;white-space:nowrap" },
        h("span", { style: `display:inline-block;width:10px;height:10px;border-radius:5px;background:${classColour(c)};margin-right:3px` }), n)),
      h("br"),
      ...seeds.map((s, j) => h("span", { style: "margin-right:14px" },
        h("span", { style: `color:${seedColour(j)};font-weight:700;margin-right:3px` }, j === 0 ? "●" : "✕"), `${s.name}: prototypes and their paths`)));
  }

  function marker(j, x, y, picked) {
    const col = seedColour(j), bg = theme().bg;
    if (j === 0) return svg("circle", { cx: x, cy: y, r: picked ? 5.5 : 4, fill: col, stroke: bg, "stroke-width": 1, class: "tm-proto" });
    const r = picked ? 5.5 : 4;
    return svg("path", { d: `M${x - r},${y - r}L${x + r},${y + r}M${x + r},${y - r}L${x - r},${y + r}`, stroke: col,
      "stroke-width": picked ? 3 : 2.2, class: "tm-proto" });
  }

  function pickedPair() { return st.pick; }
  const pickIndex = () => (st.pick ? pickable().findIndex(([j, k]) => j === st.pick[0] && k === st.pick[1]) : -1);

  function drawMoving() {
    if (!frame) return;
    moving.replaceChildren();
    const s = st.snapshot, p = pickedPair();
    for (const j of shown()) {
      let d = "";
      for (let k = 0; k < seeds[j].n_units; k++) {
        for (let t = 0; t <= s; t++) {
          const [x, y] = at(j, t, k);
          d += `${t ? "L" : "M"}${frame.x(x).toFixed(1)},${frame.y(y).toFixed(1)}`;
        }
      }
      moving.append(svg("path", { d, fill: "none", stroke: seedColour(j), "stroke-width": 1, opacity: 0.55, class: "tm-path" }));
    }
    for (const j of shown()) {
      for (let k = 0; k < seeds[j].n_units; k++) {
        const [x, y] = at(j, s, k);
        moving.append(marker(j, frame.x(x), frame.y(y), false));
      }
    }
    if (p) {
      const [j, k] = p;
      let d = "";
      for (let t = 0; t <= s; t++) { const [x, y] = at(j, t, k); d += `${t ? "L" : "M"}${frame.x(x).toFixed(1)},${frame.y(y).toFixed(1)}`; }
      moving.append(svg("path", { d, fill: "none", stroke: theme().focus, "stroke-width": 2.5, class: "tm-picked-path" }));
      const [x, y] = at(j, s, k);
      moving.append(svg("circle", { cx: frame.x(x), cy: frame.y(y), r: 9, fill: "none", stroke: theme().focus, "stroke-width": 2.5, class: "tm-picked" }));
      moving.append(marker(j, frame.x(x), frame.y(y), true));
    }
    say();
  }

  function spread(j, s) {
    const K = seeds[j].n_units;
    let cx = 0, cy = 0;
    for (let k = 0; k < K; k++) { const [x, y] = at(j, s, k); cx += x / K; cy += y / K; }
    let m = 0;
    for (let k = 0; k < K; k++) { const [x, y] = at(j, s, k); m += Math.hypot(x - cx, y - cy) / K; }
    return m;
  }

  function say() {
    const s = st.snapshot, p = pickedPair();
    let text = `Training step ${steps[s]} (snapshot ${s + 1} of ${S}). `
      + shown().map((j) => `${seeds[j].name}: the prototypes lie on average ${fmtNum(spread(j, s), 3)} map units from their centre`).join("; ") + ".";
    if (p) {
      const [j, k] = p, [x0, y0] = at(j, 0, k), [x, y] = at(j, s, k);
      text += ` Picked: ${seeds[j].name} prototype ${k}, ${fmtNum(Math.hypot(x - x0, y - y0), 3)} map units from where it started.`;
    }
    readout.say(text);
    describe(map, `A ${axis} map of ${N} training images (faint dots coloured by class) with the prototypes of `
      + shown().map((j) => seeds[j].name).join(" and ") + ` at training step ${steps[s]}, and their paths so far. `
      + "Arrow keys pick a prototype to follow.");
  }

  function setSnapshot(v) {
    st.snapshot = Math.min(S - 1, Math.max(0, Math.round(v)));
    slider.set(st.snapshot);
    model.set("snapshot", st.snapshot); model.save_changes();
    drawMoving();
  }

  pickByKeys(map, {
    label: "the map: pick a prototype to follow",
    count: () => pickable().length,
    get: pickIndex,
    set: (i) => { st.pick = pickable()[i] || null; drawMoving(); },
  });
  map.addEventListener("click", (e) => {
    if (!frame) return;
    const box = map.getBoundingClientRect(), vb = map.viewBox.baseVal;
    const px = (e.clientX - box.left) * vb.width / box.width, py = (e.clientY - box.top) * vb.height / box.height;
    let best = -1, bd = 12;
    pickable().forEach(([j, k], i) => {
      const [x, y] = at(j, st.snapshot, k);
      const d = Math.hypot(frame.x(x) - px, frame.y(y) - py);
      if (d < bd) { bd = d; best = i; }
    });
    st.pick = best >= 0 ? pickable()[best] : null;
    drawMoving();
  });

  function draw() {
    if (!ok) { showMessage(message, "The map data handed to this figure is incomplete; nothing to show."); return; }
    showMessage(message, "");
    showButtons.set(st.show);
    drawStatic();
    drawMoving();
  }
  draw();
  return { redraw: draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "trajectory_map", label: "Figure F25: prototypes moving through a map of the data" },
      (root, life) => renderTrajectories(root, model, life));
  },
};
