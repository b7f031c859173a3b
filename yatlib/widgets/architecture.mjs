// Figure F26: the painting-arithmetic network as a diagram of blocks, from the three input
// images to the painted answer. Pick a block with the pointer or the arrow keys; the read-out
// says its name and shape, the panel below what it computes. Needs dom.js in front.

const ARCH_W = 900, ARCH_H = 300;
// x and width of each column of the diagram: inputs, encoders, z, Yat layer, decoder, answer
const ARCH_COLS = [[8, 104], [148, 132], [318, 100], [456, 130], [626, 126], [790, 104]];
const ARCH_ROWS = [[44, 62], [122, 62], [200, 62]];   // y and height of the three input rows
const ARCH_SPAN = { 2: [84, 138], 3: [58, 190], 4: [84, 138], 5: [118, 70] };  // y and height of a block across the rows

const ARCH_CSS = `
.arch-diagram .arch-svg { max-width: 100%; height: auto; }
.arch-diagram .arch-block { cursor: pointer; }
.arch-diagram .arch-panel { max-width: 880px; margin-top: 4px; }
.arch-diagram .arch-panel .arch-panel-title { margin: 2px 0; font-size: 15px; font-weight: 600; }
.arch-diagram .arch-panel p { margin: 2px 0; }
`;

let _archCounter = 0;

// ---- state ----------------------------------------------------------------------

function architectureState(model) {
  const blocks = model.get("blocks") || [];
  return { model, blocks, nParams: model.get("n_params"), uid: `arch${++_archCounter}`, picked: model.get("block"),
    ok: blocks.length > 0 && blocks.every((b) => b.column >= 0 && b.column < ARCH_COLS.length
      && (b.row === null || (b.row >= 0 && b.row < ARCH_ROWS.length))) };
}

/** Rectangle {x, y, w, h} of a block in the drawing. */
function blockBox(b) {
  const [x, w] = ARCH_COLS[b.column];
  const [y, hgt] = b.row === null ? ARCH_SPAN[b.column] || [84, 138] : ARCH_ROWS[b.row];
  return { x, y, w, h: hgt };
}

/** Pairs [i, j]: block i feeds block j (next column, same row, or a block across the rows). */
function blockEdges(blocks) {
  const out = [];
  blocks.forEach((a, i) => blocks.forEach((b, j) => {
    if (b.column === a.column + 1 && (a.row === null || b.row === null || a.row === b.row)) out.push([i, j]);
  }));
  return out;
}

/** The shape as drawn inside a block: what comes out. */
function shortShape(b) {
  const parts = String(b.shape).split("→");
  return parts[parts.length - 1].trim();
}

function pickBlock(g, i) {
  if (!(i >= 0 && i < g.blocks.length)) return;
  g.picked = i;
  g.model.set("block", i); g.model.save_changes();
  drawArchitecture(g);
}

// ---- controls -------------------------------------------------------------------

function architectureControls(g, el) {
  const drawing = svg("svg", { class: "arch-svg", viewBox: `0 0 ${ARCH_W} ${ARCH_H}`, width: ARCH_W, height: ARCH_H });
  const panelTitle = h("p", { class: "arch-panel-title" });
  const panelDetail = h("p", { class: "arch-panel-detail" });
  const panelParams = h("p", { class: "yl-caption arch-panel-params" });
  const panel = h("div", { class: "arch-panel" }, panelTitle, panelDetail, panelParams);
  const figure = h("div", { class: "arch-figure" }, drawing);
  const ui = { message: h("div", { class: "yl-message" }), readout: liveRegion(), drawing, panelTitle, panelDetail, panelParams };
  el.append(ui.message, ui.readout.root, figure, panel,
    h("div", { class: "yl-toolbar" }, exportButton("painting-network", () => figure)));
  pickByKeys(drawing, { label: "the network's blocks: pick one", count: g.blocks.length, get: () => g.picked, set: (i) => pickBlock(g, i) });
  return ui;
}

// ---- drawing --------------------------------------------------------------------

/** The arrows between blocks (the arrowhead marker first), under the title. */
function drawEdges(g, t) {
  const { drawing } = g.ui, blocks = g.blocks, marker = `${g.uid}-arrow`;
  drawing.append(svg("defs", {}, svg("marker", { id: marker, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7,
    markerHeight: 7, orient: "auto-start-reverse" }, svg("path", { d: "M0,0 L10,5 L0,10 z", fill: t.muted }))));
  drawing.append(svg("text", { x: 8, y: 20, "font-size": 14, "font-weight": 600, fill: t.fg },
    `Painting arithmetic: ${g.nParams.toLocaleString("en-US")} parameters. Pick a block for its shape.`));
  for (const [i, j] of blockEdges(blocks)) {
    const a = blockBox(blocks[i]), b = blockBox(blocks[j]);
    const y0 = a.y + a.h / 2, y1 = blocks[j].row === null && blocks[i].row !== null
      ? Math.min(b.y + b.h - 12, Math.max(b.y + 12, y0)) : b.y + b.h / 2;
    drawing.append(svg("line", { x1: a.x + a.w, y1: y0, x2: b.x - 2, y2: y1, stroke: t.muted, "stroke-width": 1.6,
      "marker-end": `url(#${marker})`, class: "arch-edge" }));
  }
}

/** One block per box, the picked one highlighted; a click picks it. */
function drawBlocks(g, t) {
  const { drawing } = g.ui;
  g.blocks.forEach((b, i) => {
    const r = blockBox(b), on = i === g.picked, yat = b.name === "Yat layer";
    const grp = svg("g", { class: "arch-block", "data-block": i, "aria-hidden": "true" });
    grp.append(svg("title", {}, `${b.name}: ${b.shape}`));
    grp.append(svg("rect", { x: r.x, y: r.y, width: r.w, height: r.h, rx: 6, fill: on ? t.highlight : t.panel,
      stroke: on ? t.accent : yat ? t.fg : t.border, "stroke-width": on ? 3 : yat ? 2 : 1.2 }));
    const cx = r.x + r.w / 2, cy = r.y + r.h / 2;
    grp.append(svg("text", { x: cx, y: cy - 3, "text-anchor": "middle", "font-size": 13, "font-weight": on ? 700 : 500, fill: t.fg }, b.label));
    grp.append(svg("text", { x: cx, y: cy + 14, "text-anchor": "middle", "font-size": 11, fill: t.muted }, shortShape(b)));
    grp.addEventListener("click", () => { pickBlock(g, i); drawing.focus(); });
    drawing.append(grp);
  });
}

/** The panel below the diagram, the read-out and the diagram's text alternative. */
function sayBlock(g) {
  const ui = g.ui, blocks = g.blocks, b = blocks[g.picked];
  const params = b.params > 0 ? `${b.params.toLocaleString("en-US")} parameters`
    : b.name.startsWith("encoder") ? "shares its weights with the encoder of digit a" : "no parameters";
  ui.panelTitle.textContent = `${b.name}: ${b.shape}`;
  ui.panelDetail.textContent = `${b.detail.charAt(0).toUpperCase()}${b.detail.slice(1)}.`;
  ui.panelParams.textContent = params;
  ui.readout.say(`${b.name}: ${b.shape} (block ${g.picked + 1} of ${blocks.length}; ${params}).`);
  describe(ui.drawing, "Diagram of the painting network, from left to right: "
    + blocks.map((x) => `${x.name} (${x.shape})`).join(", then ")
    + `. Picked: ${b.name}. Arrow keys pick another block.`);
}

function drawArchitecture(g) {
  if (!g.ok) { showMessage(g.ui.message, "The blocks handed to this figure are incomplete; nothing to draw."); return; }
  showMessage(g.ui.message, "");
  const t = theme();
  g.ui.drawing.replaceChildren();
  drawEdges(g, t);
  drawBlocks(g, t);
  sayBlock(g);
}

function renderArchitecture(el, model, life) {
  el.classList.add("arch-diagram");
  el.append(h("style", {}, ARCH_CSS));
  const g = architectureState(model);
  g.ui = architectureControls(g, el);
  drawArchitecture(g);
  return { redraw: () => drawArchitecture(g) };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "architecture", label: "Figure F26: the painting-arithmetic network, block by block" },
      (root, life) => renderArchitecture(root, model, life));
  },
};
