// DOM helpers shared by every yatlib widget: elements, labelled controls, messages,
// number formatting and the widgets' base CSS. Plain functions, no imports, no exports:
// yatlib.widgets.bundle() concatenates the files a widget needs in front of its .mjs.

/** Create a DOM element: h("div", {class: "x", style: "..."}, child, "text", ...). */
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** Create an SVG element with attributes. */
function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  for (const c of children.flat()) if (c) node.append(c);
  return node;
}

/** A labelled range slider; calls onInput(value) on every move. Returns {root, input, set(v)}. */
function labelledSlider(label, { min, max, step, value, format, onInput }) {
  const fmt = format || ((v) => String(v));
  const out = h("span", { class: "yl-value" }, fmt(value));
  const input = h("input", { type: "range", min, max, step, value, "aria-label": label });
  input.addEventListener("input", () => { const v = Number(input.value); out.textContent = fmt(v); onInput(v); });
  const root = h("label", { class: "yl-slider" }, h("span", { class: "yl-label" }, label), input, out);
  return { root, input, set(v) { input.value = v; out.textContent = fmt(Number(v)); } };
}

/** Show a short message in a widget (for bad input): replaces the text of `node`. */
function showMessage(node, text) { node.textContent = text || ""; node.style.display = text ? "block" : "none"; }

/** Format a number for display, never printing NaN. */
function fmtNum(v, digits = 3) { return Number.isFinite(v) ? Number(v).toPrecision(digits) : "—"; }

/** Minimal shared CSS for yatlib widgets (injected once per widget root). */
const YL_CSS = `
.yl-widget { font: 14px/1.4 system-ui, sans-serif; color: #222; }
.yl-widget .yl-row { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.yl-widget .yl-controls { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: center; margin: 6px 0; }
.yl-widget .yl-slider { display: inline-flex; align-items: center; gap: 6px; }
.yl-widget .yl-slider input { width: 160px; }
.yl-widget .yl-value { min-width: 3.5em; font-variant-numeric: tabular-nums; }
.yl-widget .yl-message { display: none; padding: 6px 10px; background: #fff4e0; border-left: 3px solid #e69500; margin: 6px 0; }
.yl-widget button { padding: 3px 10px; border: 1px solid #888; border-radius: 4px; background: #f6f6f6; cursor: pointer; }
.yl-widget button:hover { background: #eaeaea; }
.yl-widget .yl-caption { color: #555; font-size: 12px; }
`;

function withStyle(el) {
  el.classList.add("yl-widget");
  el.append(h("style", {}, YL_CSS));
  return el;
}
