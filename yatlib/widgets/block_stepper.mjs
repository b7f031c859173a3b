// Figure F12: a stage stepper through a tiny transformer block (numbers from yatlib.transformer).
// Bundled after dom.js, canvas.js, plane.js. The tensors are HTML tables (read by screen readers);
// "Save as PNG" paints the current stage on a canvas kept out of view.

const BS_CSS = `.yl-widget .bs-formula { font-family: ui-monospace, monospace; font-size: 14px; margin: 6px 0; }
.yl-widget .bs-tensor { margin: 4px 12px 8px 0; }
.yl-widget .bs-tensor table { border-collapse: collapse; font-size: 11px; font-variant-numeric: tabular-nums; }
.yl-widget .bs-tensor th { font-weight: normal; color: var(--yl-muted); padding: 0 4px; }
.yl-widget .bs-tensor td { padding: 1px 4px; text-align: right; min-width: 3.2em; color: var(--yl-fg); }
.yl-widget .bs-print { position: absolute; left: -100000px; top: 0; }`;

const absMax = (vals) => { let m = 0; for (const v of vals) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v)); return m; };
const cellColour = (v, m) => tint(classColour(v >= 0 ? 1 : 0), m > 0 ? 0.55 * Math.min(1, Math.abs(v) / m) : 0);

/** A tensor as an HTML table (rows are tokens), cells tinted by sign and size. */
function tensorTable(t) {
  const m = absMax(t.values);
  const rows = [h("tr", {}, h("th", { scope: "col" }, "token"), ...Array.from({ length: t.cols }, (_, j) => h("th", { scope: "col" }, String(j + 1))))];
  for (let i = 0; i < t.rows; i++) {
    const cells = [h("th", { scope: "row" }, `${i + 1}`)];
    for (let j = 0; j < t.cols; j++) {
      const v = t.values[i * t.cols + j];
      cells.push(h("td", { style: `background:${cellColour(v, m)}` }, fmtNum(v, 2)));
    }
    rows.push(h("tr", {}, cells));
  }
  return h("div", { class: "bs-tensor" },
    h("div", {}, h("b", {}, t.name), `  shape ${t.rows} × ${t.cols}`),
    h("table", {}, h("caption", { class: "yl-caption", style: "text-align:left" }, `${t.name}: rows are tokens`), rows));
}

function goStage(g, k) { g.k = Math.max(0, Math.min(g.stages.length - 1, k)); g.draw(); }

function stepperControls(g) {
  const stages = g.stages;
  const prev = button("◀ previous stage", () => goStage(g, g.k - 1), { cls: "bs-prev" });
  const next = button("next stage ▶", () => goStage(g, g.k + 1), { cls: "bs-next" });
  const slider = labelledSlider("stage", { min: 1, max: stages.length, step: 1, value: 1, format: (v) => `${v} of ${stages.length}`, onInput: (v) => goStage(g, v - 1) });
  const crumbs = chipPicker("Stages of the block", { labels: () => stages.map((s, i) => `${i + 1}. ${s.title}`), get: () => g.k, set: (i) => goStage(g, i) });
  const printCanvas = h("canvas", { width: 10, height: 10 });
  return { readout: liveRegion("yl-status bs-readout"), prev, next, slider, crumbs, body: h("div", { class: "bs-stage-body" }),
    printCanvas, print: h("div", { class: "bs-print", "aria-hidden": "true" }, printCanvas) };
}

function drawStage(g) {
  const k = g.k, s = g.stages[k], ui = g.ui;
  ui.slider.set(k + 1);
  ui.prev.disabled = k === 0; ui.next.disabled = k === g.stages.length - 1;
  ui.crumbs.draw();
  ui.body.replaceChildren(
    h("div", { class: "bs-formula" }, s.formula),
    h("div", { class: "yl-row" }, s.tensors.map(tensorTable)),
    h("div", { class: "bs-note" }, s.note));
  ui.readout.say(`Stage ${k + 1} of ${g.stages.length}: ${s.title}. ${s.formula}. Tensors: ${s.tensors.map((t) => `${t.name} ${t.rows} × ${t.cols}`).join(", ")}.`);
}

/** The note's words in lines of at most `width` pixels. */
function wrapWords(ctx, text, width) {
  const lines = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.length ? lines[lines.length - 1] : null;
    if (last !== null && ctx.measureText(`${last} ${word}`).width <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The current stage on a canvas (for "Save as PNG"): formula, each tensor as coloured cells with values, the note. */
function paintPrint(g) {
  const t = theme(), s = g.stages[g.k], cw = 46, ch = 18, pad = 12, printCanvas = g.ui.printCanvas;
  const widths = s.tensors.map((x) => (x.cols + 1) * cw);
  const W = Math.max(560, widths.reduce((a, b) => a + b + pad, pad));
  const ctx = printCanvas.getContext("2d");
  ctx.font = "11px system-ui, sans-serif";
  const lines = wrapWords(ctx, s.note, W - 2 * pad);
  const H = 60 + Math.max(...s.tensors.map((x) => (x.rows + 1) * ch)) + 20 + 15 * lines.length;
  printCanvas.width = W; printCanvas.height = H;
  ctx.fillStyle = t.bg; ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = t.fg; ctx.font = "bold 13px system-ui, sans-serif"; ctx.textAlign = "left";
  ctx.fillText(`${g.k + 1}. ${s.title}`, pad, 18);
  ctx.font = "13px ui-monospace, monospace"; ctx.fillText(s.formula, pad, 38);
  let x0 = pad;
  s.tensors.forEach((x, n) => {
    const m = absMax(x.values);
    ctx.font = "bold 11px system-ui, sans-serif"; ctx.fillStyle = t.fg; ctx.textAlign = "left";
    ctx.fillText(`${x.name}  ${x.rows} × ${x.cols}`, x0, 58);
    for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) {
      const v = x.values[i * x.cols + j], cx = x0 + (j + 1) * cw, cy = 62 + i * ch;
      ctx.fillStyle = cellColour(v, m); ctx.fillRect(cx, cy, cw - 2, ch - 2);
      ctx.fillStyle = t.fg; ctx.font = "10px system-ui, sans-serif"; ctx.textAlign = "right";
      ctx.fillText(fmtNum(v, 2), cx + cw - 5, cy + 12);
    }
    x0 += widths[n] + pad;
  });
  ctx.fillStyle = t.muted; ctx.font = "11px system-ui, sans-serif"; ctx.textAlign = "left";
  lines.forEach((line, i) => ctx.fillText(line, pad, H - 12 - 15 * (lines.length - 1 - i)));
  return g.ui.print;
}

function renderFigure(el, model, life) {
  planeRoot(el);
  el.append(h("style", {}, BS_CSS));
  const stages = model.get("stages");
  const msg = h("div", { class: "yl-message", role: "alert" });
  if (!stages.length) { el.append(msg); showMessage(msg, "No stages to show."); return null; }
  const g = { stages, k: 0 };
  g.ui = stepperControls(g);
  g.draw = timedDraw(el, () => drawStage(g));
  const ui = g.ui;
  el.append(h("div", { class: "yl-controls" }, ui.prev, ui.next, ui.slider.root), h("div", { class: "yl-controls" }, ui.crumbs.root),
    msg, ui.body, ui.readout.root, ui.print, h("div", { class: "yl-toolbar" }, exportButton("transformer-block-stage", () => paintPrint(g))));
  g.draw();
  return { redraw: g.draw };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "block_stepper", label: "Figure F12: the stages of a transformer block" }, (root, life) => renderFigure(root, model, life));
  },
};
