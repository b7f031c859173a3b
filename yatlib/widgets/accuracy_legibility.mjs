// Figure F29: the accuracy-legibility plane of chapter "Closing the gap".
// Every recipe is a dot (x: legibility ratio L of its prototypes, y: test accuracy), its ReLU twin a
// square of the same colour (the width). Width buttons, a lever list, and the plane itself (click, or
// arrow keys when it has focus) choose a recipe; its prototypes, or its twin's filters, are drawn beside
// the plane. Every state arrives precomputed (yatlib.widgets.accuracy_legibility): a control only redraws.

/** The point at width index w and lever index l, or undefined. */
function alFind(points, w, l) { return points.find((p) => p.width === w && p.lever === l); }

/** The levers measured at width index w, in lever order. */
function alLeversAt(points, w) { return points.filter((p) => p.width === w).map((p) => p.lever).sort((a, b) => a - b); }

/** Axis domains that hold every point: legibility from 0, accuracy in whole points. */
function alDomains(points, goal) {
  const accs = points.flatMap((p) => [p.yat, p.relu]).filter(Number.isFinite);
  const legs = points.flatMap((p) => [p.legibility, p.relu_legibility]).filter(Number.isFinite);
  const lo = Math.floor(100 * Math.min(...accs) - 0.5) / 100, hi = Math.ceil(100 * Math.max(...accs) + 0.5) / 100;
  return { x: [0, Math.max(goal.legibility * 1.3, ...legs) * 1.05], y: [lo, hi] };
}

/** For a pair (w, l) that was not measured: keep the control just used, move the other one to the
 *  nearest measured value (from "width": the first lever at w; from "lever": the nearest width with l). */
function alNearest(points, w, l, from) {
  if (from === "width") {
    const at = alLeversAt(points, w);
    return at.length ? { width: w, lever: at[0] } : null;
  }
  const ws = points.filter((p) => p.lever === l).map((p) => p.width).sort((a, b) => Math.abs(a - w) - Math.abs(b - w) || a - b);
  return ws.length ? { width: ws[0], lever: l } : null;
}

// ---- state ----------------------------------------------------------------------

function planeState(model) {
  const widths = model.get("widths"), points = model.get("points"), goal = model.get("goal");
  return { model, widths, levers: model.get("levers"), points, reluPictures: model.get("relu_pictures") || {}, goal,
    colours: widths.map((k, i) => classColour(i)),   // the book's palette, width i in colour i
    dom: alDomains(points, goal),
    st: { w: model.get("width"), l: model.get("lever"), relu: model.get("show_relu"), note: "" } };
}

/** A width or a lever that was not measured together with the current choice moves the other
 *  control to the nearest measured pair, and the message says so (which points the chapter left out). */
function chooseRecipe(g, w, l, from) {
  const { points, levers, widths, st } = g;
  if (!Number.isInteger(w) || !Number.isInteger(l)) return;
  st.note = "";
  if (!alFind(points, w, l) && from) {
    const fixed = alNearest(points, w, l, from);
    if (fixed) {
      st.note = `“${levers[l]}” was not measured at K = ${widths[w]} in this chapter (the text says which points ` +
        `were left out and why); showing ${from === "width" ? `“${levers[fixed.lever]}”` : `K = ${widths[fixed.width]}`}.`;
      w = fixed.width; l = fixed.lever;
    }
  }
  st.w = w; st.l = l;
  g.model.set("width", w); g.model.set("lever", l); g.model.save_changes();
  drawRecipes(g);
}

// ---- controls -------------------------------------------------------------------

function planeControls(g, el) {
  const { widths, levers, points, st, colours } = g;
  const widthCtl = buttonGroup("width K", widths.map((k) => ({ label: String(k), title: `${k} hidden units` })), st.w,
    (i) => chooseRecipe(g, i, st.l, "width"));
  const leverCtl = selectControl("lever", levers, st.l, (i) => chooseRecipe(g, st.w, i, "lever"));
  const galleryCtl = buttonGroup("gallery", ["Yat prototypes", "ReLU twin's filters"], st.relu ? 1 : 0, (i) => {
    st.relu = i === 1; g.model.set("show_relu", st.relu); g.model.save_changes(); drawRecipes(g);
  });
  const plane = svg("svg", { class: "al-plane" });
  pickByKeys(plane, {
    label: "accuracy–legibility plane: the recipes at this width",
    count: () => alLeversAt(points, st.w).length,
    get: () => Math.max(0, alLeversAt(points, st.w).indexOf(st.l)),
    set: (j) => chooseRecipe(g, st.w, alLeversAt(points, st.w)[j]),
  });
  const galleryTitle = h("p", { class: "yl-caption", style: "margin:0 0 4px 0;max-width:230px" });
  const gallery = h("div", { class: "al-gallery", style: "display:grid;grid-template-columns:repeat(6, 34px);gap:2px" });
  const key = h("p", { class: "yl-caption", style: "margin:2px 0" },
    "● Yat MLP, □ its ReLU twin; colour = width: ",
    ...widths.map((k, i) => h("span", { style: "margin-right:10px;white-space:nowrap" },
      h("span", { "aria-hidden": "true", style: `color:${colours[i]};font-size:16px` }, "● "), `K = ${k}`)));
  const figure = h("div", {}, key, h("div", { class: "yl-row" }, plane, h("div", {}, galleryTitle, gallery)));
  const ui = { message: h("div", { class: "yl-message" }), readout: liveRegion(), widthCtl, leverCtl, galleryCtl, plane, galleryTitle, gallery };
  el.append(
    h("div", { class: "yl-controls" }, widthCtl.root, leverCtl.root, galleryCtl.root),
    ui.message, ui.readout.root, figure,
    h("div", { class: "yl-toolbar" }, exportButton("accuracy-legibility", () => figure)),
  );
  return ui;
}

// ---- drawing --------------------------------------------------------------------

/** One recipe: its ReLU twin as a square, the recipe as a dot (larger and ringed when chosen; a click chooses it). */
function drawRecipe(g, frame, p) {
  const { st, colours, widths, levers } = g, t = frame.theme;
  const on = p.width === st.w, chosen = on && p.lever === st.l, col = colours[p.width];
  if (Number.isFinite(p.relu_legibility)) {
    const s = svg("rect", { x: frame.x(p.relu_legibility) - 4, y: frame.y(p.relu) - 4, width: 8, height: 8, fill: "none",
      stroke: col, "stroke-width": 1.5, opacity: on ? 0.95 : 0.25, class: "al-twin" });
    s.append(svg("title", {}, `ReLU twin, K = ${widths[p.width]}: ${fmtPct(p.relu)}`));
    frame.g.append(s);
  }
  const dot = svg("circle", { cx: frame.x(p.legibility), cy: frame.y(p.yat), r: chosen ? 7.5 : 4.5, fill: col,
    opacity: on ? 0.95 : 0.25, stroke: chosen ? t.fg : "none", "stroke-width": 2,
    class: chosen ? "al-dot al-chosen" : "al-dot", "data-width": widths[p.width], "data-lever": p.lever,
    style: "cursor:pointer" });
  dot.append(svg("title", {}, `${levers[p.lever]}, K = ${widths[p.width]}: ${fmtPct(p.yat)}, L ${p.legibility.toFixed(2)}`));
  dot.addEventListener("click", () => chooseRecipe(g, p.width, p.lever));
  frame.g.append(dot);
}

function drawRecipePlane(g, current) {
  const { points, goal, dom, st, colours, widths, levers } = g, plane = g.ui.plane;
  const frame = chartFrame(plane, {
    width: 470, height: 350, margin: { l: 66 },
    x: { domain: dom.x, label: "legibility L (distance to the nearest training image ÷ floor)" },
    y: { domain: dom.y, label: "test accuracy", format: (v) => `${+(100 * v).toFixed(1)}%` },
  });
  const t = frame.theme;
  if (current) {   // the goal for the chosen recipe: L <= goal and at most goal.gap points below its twin
    const y0 = frame.y(Math.max(dom.y[0], current.relu - goal.gap / 100)), y1 = frame.y(dom.y[1]);
    frame.g.append(svg("rect", { x: frame.x(0), y: y1, width: frame.x(goal.legibility) - frame.x(0),
      height: Math.max(0, y0 - y1), fill: classColour(2), opacity: 0.13, class: "al-goal" }));
    hLine(frame, current.relu, { colour: colours[st.w], dash: "2 3" });
  }
  vLine(frame, goal.legibility, { colour: t.muted, dash: "5 4" });
  frame.g.append(svg("text", { x: frame.x(goal.legibility) + 4, y: frame.top + 12, "font-size": 11, fill: t.muted },
    `legible: L ≤ ${goal.legibility}`));
  const order = points.map((p, i) => i).sort((a, b) => (points[a].width === st.w) - (points[b].width === st.w));
  for (const i of order) drawRecipe(g, frame, points[i]);   // the chosen width is drawn last, on top
  describe(plane, `Test accuracy against legibility for ${points.length} recipes, coloured by width; ` +
    (current ? `chosen: ${levers[st.l]} at K = ${widths[st.w]}. Arrow keys move between the recipes of this width.`
      : "no recipe chosen."));
}

function drawRecipeGallery(g, current) {
  const { st, widths, levers } = g, { gallery, galleryTitle } = g.ui;
  const pics = st.relu ? g.reluPictures[String(st.w)] : current && current.images;
  gallery.replaceChildren();
  if (!pics) {
    galleryTitle.textContent = st.relu ? "No ReLU filters were stored for this width." : "";
    return;
  }
  galleryTitle.textContent = st.relu
    ? `ReLU twin, K = ${widths[st.w]}: the first ${pics.length} first-layer filters, each stretched to its range`
    : `Yat MLP, K = ${widths[st.w]}, ${levers[st.l]}: the first ${pics.length} prototypes (L = ${current.legibility.toFixed(2)})`;
  describe(gallery, galleryTitle.textContent);
  const t = theme();
  for (const src of pics) {
    gallery.append(h("img", { src, width: 32, height: 32, alt: "", style: `image-rendering:pixelated;border:1px solid ${t.grid}` }));
  }
}

function drawRecipes(g) {
  const { st, widths, levers, goal } = g, ui = g.ui;
  ui.widthCtl.set(st.w);
  ui.leverCtl.set(st.l);
  ui.galleryCtl.set(st.relu ? 1 : 0);
  const current = alFind(g.points, st.w, st.l);
  if (!(st.w >= 0 && st.w < widths.length) || !(st.l >= 0 && st.l < levers.length)) {
    showMessage(ui.message, "Choose a width and a lever with the controls above.");
  } else if (!current) {
    showMessage(ui.message, `“${levers[st.l]}” was not measured at K = ${widths[st.w]} in this chapter (the text says which points were left out and why).`);
  } else showMessage(ui.message, st.note || "");
  drawRecipePlane(g, current);
  drawRecipeGallery(g, current);
  ui.readout.say(current
    ? `K = ${widths[st.w]}, ${levers[st.l]}: Yat ${fmtPct(current.yat)}, ReLU twin ${fmtPct(current.relu)}, ` +
      `gap ${current.gap.toFixed(2)} points; legibility ${current.legibility.toFixed(2)} ` +
      `(${current.legibility <= goal.legibility ? "legible" : "not legible"}); ` +
      `${current.gap <= goal.gap && current.legibility <= goal.legibility ? "meets" : "misses"} the goal; ` +
      `an epoch costs ${(current.cost[0] / current.cost[1]).toFixed(2)}× the twin's.`
    : `No recipe measured for ${levers[st.l]} at K = ${widths[st.w]}.`);
}

function renderPlane(el, model, life) {
  const g = planeState(model);
  g.ui = planeControls(g, el);
  drawRecipes(g);
  return { redraw: () => drawRecipes(g) };
}

export default {
  render({ model, el }) {
    return mountWidget(el, { name: "accuracy_legibility", label: "Figure F29: accuracy against legibility, every recipe and its ReLU twin" },
      (root, life) => renderPlane(root, model, life));
  },
};
