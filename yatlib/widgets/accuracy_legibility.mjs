// The accuracy-legibility plane of chapter "Closing the gap" (yatlib.widgets.accuracy_legibility).
// Every recipe is a point: x = legibility ratio of its prototypes, y = test accuracy; its ReLU twin is a
// square at the same width. Width buttons, a lever list and the points themselves choose a recipe; its
// prototypes are drawn beside the plane. All states arrive precomputed; a control only redraws.

const WIDTH_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"];

function pct(v) { return Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : "—"; }

/** The point of `points` at width index w and lever index l, or undefined. */
function findPoint(points, w, l) { return points.find((p) => p.width === w && p.lever === l); }

/** Axis ranges that hold every point (accuracy in [0, 1], legibility >= 0), with a margin. */
function planeRanges(points, goal) {
  const accs = points.flatMap((p) => [p.yat, p.relu]).filter(Number.isFinite);
  const legs = points.flatMap((p) => [p.legibility, p.relu_legibility]).filter(Number.isFinite);
  const aLo = Math.min(...accs), aHi = Math.max(...accs);
  const lHi = Math.max(goal.legibility * 1.3, ...legs);
  return { x: [0, lHi * 1.05], y: [Math.floor(aLo * 100 - 1) / 100, Math.ceil(aHi * 100 + 0.5) / 100] };
}

function render({ model, el }) {
  withStyle(el);
  const widths = model.get("widths");
  const levers = model.get("levers");
  const points = model.get("points");
  const reluPictures = model.get("relu_pictures") || {};
  const goal = model.get("goal");
  const message = h("div", { class: "yl-message", role: "status" });

  const widthGroup = h("span", { role: "radiogroup", "aria-label": "width (hidden units K)", class: "yl-switch" },
    h("span", { class: "yl-label" }, "width K "));
  const widthButtons = widths.map((k, i) => {
    const b = h("button", { type: "button", role: "radio", "aria-label": `width K = ${k}` }, String(k));
    b.addEventListener("click", () => choose(i, model.get("lever")));
    b.addEventListener("keydown", (e) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
      if (!step) return;
      e.preventDefault();
      const j = (i + step + widths.length) % widths.length;
      choose(j, model.get("lever"));
      widthButtons[j].focus();
    });
    widthGroup.append(b);
    return b;
  });
  const leverId = `yl-lever-${Math.random().toString(36).slice(2, 9)}`;
  const leverSelect = h("select", { id: leverId });
  levers.forEach((name, i) => leverSelect.append(h("option", { value: i }, name)));
  leverSelect.addEventListener("change", () => choose(model.get("width"), Number(leverSelect.value)));
  const twinBox = h("input", { type: "checkbox", id: `${leverId}-twin` });
  twinBox.addEventListener("change", () => { model.set("show_relu", twinBox.checked); model.save_changes(); draw(); });

  const readout = h("div", { class: "yl-readout", "aria-live": "polite", style: "font-weight:600;margin:4px 0" });
  const W = 440, H = 340, X0 = 56, X1 = W - 12, Y0 = H - 46, Y1 = 14;
  const plane = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", class: "yl-chart" });
  const galleryTitle = h("div", { class: "yl-caption", style: "margin-bottom:4px" });
  const gallery = h("div", { class: "yl-gallery", role: "img",
    style: "display:grid;grid-template-columns:repeat(6, 34px);gap:2px" });
  el.append(
    h("div", { class: "yl-controls" }, widthGroup,
      h("label", { for: leverId, class: "yl-label" }, "lever "), leverSelect,
      h("label", { class: "yl-label" }, twinBox, " show the ReLU twin's filters")),
    message, readout,
    h("div", { class: "yl-row" }, plane, h("div", {}, galleryTitle, gallery)),
  );

  const { x: xr, y: yr } = planeRanges(points, goal);
  const sx = (v) => X0 + (X1 - X0) * (v - xr[0]) / (xr[1] - xr[0]);
  const sy = (v) => Y0 - (Y0 - Y1) * (v - yr[0]) / (yr[1] - yr[0]);

  function choose(w, l) {
    model.set("width", w); model.set("lever", l); model.save_changes(); draw();
  }

  function text(x, y, s, attrs) { return svg("text", { x, y, "font-size": 11, fill: "currentColor", ...attrs }, document.createTextNode(s)); }

  function drawPlane(w, l, current) {
    plane.replaceChildren();
    for (let t = Math.ceil(yr[0] * 100); t <= yr[1] * 100; t += 1) {
      const y = sy(t / 100);
      plane.append(svg("line", { x1: X0, x2: X1, y1: y, y2: y, stroke: "#8884", "stroke-width": t % 2 ? 0.5 : 1 }));
      if (t % 2 === 0) plane.append(text(X0 - 6, y + 4, `${t} %`, { "text-anchor": "end" }));
    }
    for (let t = 0; t <= xr[1]; t += 0.5) {
      plane.append(text(sx(t), Y0 + 15, t.toFixed(1), { "text-anchor": "middle" }));
    }
    plane.append(text((X0 + X1) / 2, Y0 + 32, "legibility L (median distance to the nearest training image ÷ floor)",
      { "text-anchor": "middle", "font-size": 11 }));
    plane.append(text(14, (Y0 + Y1) / 2, "test accuracy", { "text-anchor": "middle", transform: `rotate(-90 14 ${(Y0 + Y1) / 2})` }));
    // the legibility threshold
    plane.append(svg("line", { x1: sx(goal.legibility), x2: sx(goal.legibility), y1: Y1, y2: Y0, stroke: "#888", "stroke-dasharray": "4 3" }));
    plane.append(text(sx(goal.legibility) + 4, Y1 + 10, `legible: L ≤ ${goal.legibility}`, { fill: "#777" }));
    // the goal region of the chosen recipe: L <= goal, accuracy >= its twin's - goal.gap
    if (current) {
      const top = sy(yr[1]), bottom = sy(Math.max(yr[0], current.relu - goal.gap / 100));
      plane.append(svg("rect", { x: sx(0), y: top, width: sx(goal.legibility) - sx(0), height: Math.max(0, bottom - top),
        fill: "#2ca02c", opacity: 0.12 }));
      plane.append(svg("line", { x1: X0, x2: X1, y1: sy(current.relu), y2: sy(current.relu), stroke: WIDTH_COLOURS[w % 6], "stroke-dasharray": "2 3" }));
    }
    // every recipe: faint unless at the chosen width
    points.forEach((p) => {
      const on = p.width === w;
      const col = WIDTH_COLOURS[p.width % 6];
      if (Number.isFinite(p.relu_legibility)) {
        plane.append(svg("rect", { x: sx(p.relu_legibility) - 4, y: sy(p.relu) - 4, width: 8, height: 8, fill: "none",
          stroke: col, "stroke-width": 1.5, opacity: on ? 0.9 : 0.2 }));
      }
      const dot = svg("circle", { cx: sx(p.legibility), cy: sy(p.yat), r: p.width === w && p.lever === l ? 7 : 4.5,
        fill: col, opacity: on ? 0.95 : 0.2, stroke: p.width === w && p.lever === l ? "currentColor" : "none", "stroke-width": 2,
        tabindex: on ? 0 : -1, role: "button", cursor: "pointer",
        "aria-label": `${levers[p.lever]}, K = ${widths[p.width]}: ${pct(p.yat)}, L ${p.legibility.toFixed(2)}` });
      dot.addEventListener("click", () => choose(p.width, p.lever));
      dot.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(p.width, p.lever); } });
      plane.append(dot);
    });
    // legend
    widths.forEach((k, i) => {
      plane.append(svg("circle", { cx: X1 - 150 + 36 * i, cy: Y0 - 12, r: 4.5, fill: WIDTH_COLOURS[i % 6] }));
      plane.append(text(X1 - 144 + 36 * i, Y0 - 8, String(k)));
    });
    plane.append(text(X1 - 150, Y0 - 26, "● Yat MLP   □ ReLU twin   (K =)", { "font-size": 10, fill: "#777" }));
  }

  function drawGallery(w, current) {
    const relu = model.get("show_relu");
    const pics = relu ? reluPictures[String(w)] : current && current.images;
    gallery.replaceChildren();
    if (!pics) {
      galleryTitle.textContent = relu ? "No ReLU filters were stored for this width." : "";
      gallery.setAttribute("aria-label", galleryTitle.textContent);
      return;
    }
    galleryTitle.textContent = relu
      ? `ReLU twin, K = ${widths[w]}: first-layer filters (each stretched to its range), first ${pics.length}`
      : `Yat MLP, K = ${widths[w]}, ${levers[current.lever]}: prototypes (first ${pics.length}), L = ${current.legibility.toFixed(2)}`;
    gallery.setAttribute("aria-label", galleryTitle.textContent);
    pics.forEach((src, i) => gallery.append(h("img", { src, width: 32, height: 32, alt: "",
      style: "image-rendering:pixelated;border:1px solid #8886" })));
  }

  function draw() {
    const w = Number(model.get("width")), l = Number(model.get("lever"));
    widthButtons.forEach((b, i) => {
      b.setAttribute("aria-checked", String(i === w)); b.style.fontWeight = i === w ? "700" : "400";
      b.tabIndex = i === w ? 0 : -1;
    });
    leverSelect.value = String(l);
    twinBox.checked = Boolean(model.get("show_relu"));
    const current = findPoint(points, w, l);
    if (!(w >= 0 && w < widths.length) || !(l >= 0 && l < levers.length)) {
      showMessage(message, "Choose a width and a lever from the controls above.");
    } else if (!current) {
      showMessage(message, `“${levers[l]}” was not measured at K = ${widths[w]} in this chapter (see the text for the points left out).`);
    } else showMessage(message, "");
    drawPlane(w, l, current);
    drawGallery(w, current);
    plane.setAttribute("aria-label", `Accuracy against legibility for ${points.length} recipes; chosen: ` +
      (current ? `${levers[l]} at K = ${widths[w]}` : "none"));
    readout.textContent = current
      ? `K = ${widths[w]}, ${levers[l]}: Yat ${pct(current.yat)}, ReLU twin ${pct(current.relu)} ` +
        `(gap ${(current.gap).toFixed(2)} pt), legibility ${current.legibility.toFixed(2)}` +
        `${current.legibility <= goal.legibility ? " (legible)" : " (not legible)"}; an epoch costs ` +
        `${(current.cost[0] / current.cost[1]).toFixed(2)}× the twin's`
      : "No recipe measured for this choice.";
  }
  model.on("change:width", draw);
  model.on("change:lever", draw);
  model.on("change:show_relu", draw);
  draw();
}

export default { render };
