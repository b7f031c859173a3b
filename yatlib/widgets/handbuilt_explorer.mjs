// Figure F15: prototype pictures per class and test accuracy vs prototypes per class.
// Data arrive precomputed (yatlib.widgets.handbuilt_explorer); moving a control only redraws.

function render({ model, el }) {
  withStyle(el);
  const sources = model.get("sources");
  const names = model.get("class_names");
  const colours = model.get("class_colors");
  const article = model.get("article") || {};
  const maxCount = sources[0].counts.length;
  const message = h("div", { class: "yl-message" });

  const slider = labelledSlider("prototypes per class", {
    min: 1, max: maxCount, step: 1, value: model.get("count"),
    onInput: (v) => { model.set("count", v); model.save_changes(); draw(); },
  });
  const switches = h("span", { class: "yl-switch", role: "radiogroup", "aria-label": "prototype source" });
  sources.forEach((s, i) => {
    const b = h("button", { type: "button", "data-source": i }, s.name);
    b.addEventListener("click", () => { model.set("source", i); model.save_changes(); draw(); });
    switches.append(b);
  });
  const readout = h("div", { class: "yl-readout", style: "font-weight:600;margin:4px 0" });
  const gallery = h("div", { class: "yl-gallery", style: "display:grid;gap:2px;align-items:center" });
  const chart = svg("svg", { width: 420, height: 300, viewBox: "0 0 420 300", class: "yl-chart" });
  el.append(
    h("div", { class: "yl-controls" }, slider.root, switches),
    message, readout,
    h("div", { class: "yl-row" }, gallery, chart),
  );

  const X0 = 52, X1 = 400, Y0 = 260, Y1 = 20;
  const xScale = (n) => X0 + (X1 - X0) * (n - 1) / Math.max(1, maxCount - 1);
  const yScale = (a) => Y0 - (Y0 - Y1) * a;  // accuracy in [0, 1]
  function path(values) {
    return values.map((v, i) => `${i ? "L" : "M"}${xScale(i + 1).toFixed(1)},${yScale(v).toFixed(1)}`).join("");
  }

  function drawChart(src, n) {
    chart.replaceChildren();
    for (let t = 0; t <= 10; t += 2) {  // y grid and labels
      const y = yScale(t / 10);
      chart.append(svg("line", { x1: X0, x2: X1, y1: y, y2: y, stroke: "#e5e5e5" }));
      chart.append(svg("text", { x: X0 - 6, y: y + 4, "text-anchor": "end", "font-size": 11 }, document.createTextNode(`${t * 10}%`)));
    }
    for (let c = 1; c <= maxCount; c += (maxCount > 10 ? 2 : 1)) {
      chart.append(svg("text", { x: xScale(c), y: Y0 + 16, "text-anchor": "middle", "font-size": 11 }, document.createTextNode(String(c))));
    }
    chart.append(svg("text", { x: (X0 + X1) / 2, y: Y0 + 34, "text-anchor": "middle", "font-size": 12 }, document.createTextNode("prototypes per class")));
    chart.append(svg("text", { x: 14, y: (Y0 + Y1) / 2, "text-anchor": "middle", "font-size": 12, transform: `rotate(-90 14 ${(Y0 + Y1) / 2})` }, document.createTextNode("test accuracy")));
    const lines = [["sum", "#1f77b4", "sum-vote"], ["nearest", "#d62728", "nearest prototype"]];
    sources.forEach((s, i) => {
      const active = i === src;
      for (const [key, col] of lines) {
        chart.append(svg("path", { d: path(s[key]), fill: "none", stroke: col, "stroke-width": active ? 2.5 : 1.2,
          "stroke-dasharray": active ? null : "4 3", opacity: active ? 1 : 0.45 }));
      }
    });
    for (const [key, col] of lines) {  // the article's reference values
      for (const [cnt, acc] of Object.entries(article[key] || {})) {
        chart.append(svg("circle", { cx: xScale(Number(cnt)), cy: yScale(acc), r: 5, fill: "none", stroke: col, "stroke-width": 1.5 }));
      }
    }
    chart.append(svg("line", { x1: xScale(n), x2: xScale(n), y1: Y1, y2: Y0, stroke: "#444", "stroke-dasharray": "2 2", class: "yl-marker" }));
    lines.forEach(([key, col, label], k) => {
      chart.append(svg("circle", { cx: xScale(n), cy: yScale(sources[src][key][n - 1]), r: 4, fill: col }));
      chart.append(svg("line", { x1: X0 + 10, x2: X0 + 30, y1: Y0 - 40 + 16 * k, y2: Y0 - 40 + 16 * k, stroke: col, "stroke-width": 2.5 }));
      chart.append(svg("text", { x: X0 + 36, y: Y0 - 36 + 16 * k, "font-size": 11 }, document.createTextNode(label)));
    });
    chart.append(svg("text", { x: X0 + 10, y: Y0 - 52, "font-size": 10, fill: "#666" },
      document.createTextNode("solid: selected source · dashed: the other · circles: the article")));
  }

  function draw() {
    const n = Number(model.get("count"));
    const src = Number(model.get("source"));
    if (!(n >= 1 && n <= maxCount) || !sources[src]) {
      showMessage(message, `Choose between 1 and ${maxCount} prototypes per class.`);
      return;
    }
    showMessage(message, "");
    slider.set(n);
    switches.querySelectorAll("button").forEach((b, i) => { b.style.fontWeight = i === src ? "700" : "400"; b.setAttribute("aria-pressed", i === src); });
    const s = sources[src];
    readout.textContent = `${n} per class (${n * names.length} prototypes): sum-vote ${(100 * s.sum[n - 1]).toFixed(1)} %, nearest prototype ${(100 * s.nearest[n - 1]).toFixed(1)} %`;
    gallery.style.gridTemplateColumns = `88px repeat(${n}, 30px)`;
    gallery.replaceChildren();
    names.forEach((name, c) => {
      gallery.append(h("span", { style: `font-size:11px;color:${colours[c]};text-align:right;padding-right:4px` }, name));
      for (let j = 0; j < n; j++) {
        gallery.append(h("img", { src: s.images[c][j], width: 28, height: 28, alt: `${name} prototype ${j + 1}`,
          style: `border:1px solid ${colours[c]};image-rendering:pixelated` }));
      }
    });
    drawChart(src, n);
  }
  model.on("change:count", draw);
  model.on("change:source", draw);
  draw();
}

export default { render };
