// F12: a stage stepper through a tiny transformer block (numbers from yatlib.transformer).
function render({ model, el }) {
  withStyle(el);
  el.classList.add("p1b-stages");
  const stages = model.get("stages");
  const msg = h("div", { class: "yl-message" });
  if (!stages.length) { el.append(msg); showMessage(msg, "No stages to show."); return; }
  let k = 0;
  const crumbs = h("div", { class: "p1b-crumbs", style: "display:flex;flex-wrap:wrap;gap:4px;margin:4px 0" });
  const prev = h("button", { class: "p1b-prev" }, "◀ previous stage");
  const next = h("button", { class: "p1b-next" }, "next stage ▶");
  const slider = labelledSlider("stage", { min: 1, max: stages.length, step: 1, value: 1, format: (v) => `${v} of ${stages.length}`, onInput: (v) => { k = v - 1; draw(); } });
  const body = h("div", { class: "p1b-stage-body" });

  function table(t) {
    const vals = t.values;
    let m = 0; for (const v of vals) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
    const rows = [];
    for (let i = 0; i < t.rows; i++) {
      const cells = [h("th", { style: "font-weight:normal;color:#777;padding:0 4px" }, `${i + 1}`)];
      for (let j = 0; j < t.cols; j++) {
        const v = vals[i * t.cols + j];
        const [r, g, bb] = diverging(m > 0 ? v / m : 0);
        cells.push(h("td", { style: `background:rgb(${r},${g},${bb});padding:1px 4px;text-align:right;min-width:3.2em` }, fmtNum(v, 2)));
      }
      rows.push(h("tr", {}, cells));
    }
    return h("div", { class: "p1b-tensor", style: "margin:4px 12px 8px 0" },
      h("div", {}, h("b", {}, t.name), `  shape ${t.rows} × ${t.cols}`),
      h("table", { style: "border-collapse:collapse;font-size:11px;font-variant-numeric:tabular-nums" }, rows));
  }

  function draw() {
    k = Math.max(0, Math.min(stages.length - 1, k));
    slider.set(k + 1);
    prev.disabled = k === 0; next.disabled = k === stages.length - 1;
    crumbs.replaceChildren(...stages.map((s, i) => h("span", {
      style: `padding:2px 6px;border-radius:3px;font-size:12px;${i === k ? "background:#c0392b;color:#fff" : "background:#eee;color:#333"}`,
    }, `${i + 1}. ${s.title}`)));
    const s = stages[k];
    body.replaceChildren(
      h("div", { class: "p1b-formula", style: "font-family:monospace;font-size:14px;margin:6px 0" }, s.formula),
      h("div", { class: "yl-row" }, s.tensors.map(table)),
      h("div", { class: "p1b-note" }, s.note));
  }
  prev.addEventListener("click", () => { k -= 1; draw(); });
  next.addEventListener("click", () => { k += 1; draw(); });
  el.append(h("div", { class: "yl-controls" }, prev, next, slider.root), crumbs, msg, body);
  draw();
}
export default { render };
