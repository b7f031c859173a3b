// Figure F28: per-operator answer accuracy before and after knocking out named units.
// Needs dom.js (h, svg, withStyle, showMessage) and arithmetic.js (ablationBars, randomSpread) in front.

const ARITH_OPS = ["+", "−", "×", "÷"];
const ARITH_OP_COLORS = ["#4c78a8", "#f58518", "#e45756", "#54a24b"];

function render({ model, el }) {
  withStyle(el);
  el.classList.add("arith-ablation");
  const howLabels = model.get("how_labels");
  const subsetRow = h("div", { class: "yl-controls" }, h("span", {}, "knock out the units tagged:"));
  const howRow = h("div", { class: "yl-controls" }, h("span", {}, "how:"));
  const subsetButtons = ARITH_OPS.map((op, i) => {
    const b = h("button", { "data-subset": i, type: "button" }, op);
    b.addEventListener("click", () => { model.set("subset", i); model.save_changes(); draw(); });
    subsetRow.append(b);
    return b;
  });
  const howButtons = howLabels.map((lab, i) => {
    const b = h("button", { "data-how": i, type: "button" }, lab);
    b.addEventListener("click", () => { model.set("how", i); model.save_changes(); draw(); });
    howRow.append(b);
    return b;
  });
  const message = h("div", { class: "yl-message" });
  const W = 560, H = 300, left = 50, bottom = 40, top = 20;
  const chart = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, class: "arith-chart" });
  const summary = h("div", { class: "arith-summary yl-caption" });
  el.append(subsetRow, howRow, message, chart, summary);

  function draw() {
    const subset = model.get("subset"), how = model.get("how");
    subsetButtons.forEach((b, i) => { b.style.fontWeight = i === subset ? "700" : "400"; b.style.background = i === subset ? "#dde7f5" : ""; });
    howButtons.forEach((b, i) => { b.style.fontWeight = i === how ? "700" : "400"; b.style.background = i === how ? "#dde7f5" : ""; });
    while (chart.firstChild) chart.removeChild(chart.firstChild);
    const table = { baseline: model.get("baseline"), after: model.get("after"), n_how: howLabels.length };
    const sizes = model.get("sizes");
    const bars = ablationBars(table, subset, how);
    if (!bars) { showMessage(message, "Pick an operator and an intervention."); summary.textContent = ""; return; }
    if (!(sizes[subset] > 0)) {
      showMessage(message, `No unit of this model is tagged ${ARITH_OPS[subset]}: there is nothing to knock out.`);
      summary.textContent = ""; return;
    }
    showMessage(message, "");
    const plotH = H - top - bottom, y = (v) => top + plotH * (1 - v / 100);
    for (const t of [0, 25, 50, 75, 100]) {
      chart.append(svg("line", { x1: left, x2: W - 10, y1: y(t), y2: y(t), stroke: "#ddd" }));
      const lab = svg("text", { x: left - 6, y: y(t) + 4, "text-anchor": "end", "font-size": 11, fill: "#555" });
      lab.textContent = `${t}%`; chart.append(lab);
    }
    const yl = svg("text", { x: 12, y: top + plotH / 2, "font-size": 12, fill: "#333", transform: `rotate(-90 12 ${top + plotH / 2})`, "text-anchor": "middle" });
    yl.textContent = "answer accuracy (reader)"; chart.append(yl);
    const groupW = (W - left - 20) / ARITH_OPS.length;
    for (let o = 0; o < ARITH_OPS.length; o++) {
      const gx = left + o * groupW + groupW * 0.15, bw = groupW * 0.3;
      chart.append(svg("rect", { x: gx, y: y(bars.before[o]), width: bw, height: y(0) - y(bars.before[o]), fill: "#bbb", class: "bar-before" }));
      chart.append(svg("rect", { x: gx + bw + 4, y: y(bars.after[o]), width: bw, height: y(0) - y(bars.after[o]), fill: ARITH_OP_COLORS[o], class: "bar-after", "data-value": bars.after[o].toFixed(2) }));
      const spread = how === 2 && model.get("n_draws") > 0 ? randomSpread(model.get("random_low"), model.get("random_high"), subset, o) : null;
      if (spread) {
        const cx = gx + bw + 4 + bw / 2;
        for (const [x1, x2, y1, y2] of [[cx, cx, y(spread.low), y(spread.high)], [cx - 5, cx + 5, y(spread.low), y(spread.low)],
                                         [cx - 5, cx + 5, y(spread.high), y(spread.high)]]) {
          chart.append(svg("line", { x1, x2, y1, y2, stroke: "#222", "stroke-width": 1.5, class: "bar-spread",
            "data-low": spread.low.toFixed(2), "data-high": spread.high.toFixed(2) }));
        }
      }
      const d = svg("text", { x: gx + bw + 2, y: Math.min(y(bars.before[o]), y(bars.after[o])) - 5, "text-anchor": "middle", "font-size": 12, "font-weight": o === subset ? 700 : 400, fill: "#222", class: "bar-change" });
      d.textContent = `${bars.change[o] >= 0 ? "+" : "−"}${Math.abs(bars.change[o]).toFixed(1)} pt`;
      chart.append(d);
      const xl = svg("text", { x: gx + bw + 2, y: H - bottom + 18, "text-anchor": "middle", "font-size": 13, fill: "#222" });
      xl.textContent = `${ARITH_OPS[o]} problems`; chart.append(xl);
    }
    const legend = svg("text", { x: W - 12, y: 14, "text-anchor": "end", "font-size": 11, fill: "#555" });
    legend.textContent = "grey: intact model · colour: after the knockout"; chart.append(legend);
    const nDraws = model.get("n_draws");
    const own = how === 2 ? randomSpread(model.get("random_low"), model.get("random_high"), subset, subset) : null;
    summary.textContent = `${sizes[subset]} units tagged ${ARITH_OPS[subset]}, knocked out as: ${howLabels[how]}. ` +
      `${ARITH_OPS[subset]} accuracy ${bars.before[subset].toFixed(1)}% → ${bars.after[subset].toFixed(1)}% ` +
      `(${bars.change[subset] >= 0 ? "+" : "−"}${Math.abs(bars.change[subset]).toFixed(1)} pt)` +
      (own && nDraws > 0 ? `, the mean of ${nDraws} random draws; whiskers: lowest to highest draw ` +
        `(${ARITH_OPS[subset]}: ${own.low.toFixed(1)}% to ${own.high.toFixed(1)}%).` : ".");
  }
  model.on("change:subset", draw);
  model.on("change:how", draw);
  draw();
}

export default { render };
