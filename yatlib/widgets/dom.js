// DOM helpers shared by every yatlib widget: the widget root (lazy start, theme, timing),
// named controls, the aria-live read-out, keyboard helpers, motion, PNG export and the base
// CSS. Plain functions, no imports, no exports: yatlib.widgets.bundle() concatenates the
// files a widget needs in front of its .mjs, after `const PALETTE = {...}` (yatlib.style).

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

/** Create an SVG element with attributes; string children become text. */
function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// ---------------------------------------------------------------- theme

/** True when the page shows a dark theme: the book's switch, JupyterLab's theme, or the OS setting. */
function isDark() {
  const html = document.documentElement, body = document.body;
  if (html && html.dataset.theme) return html.dataset.theme === "dark";            // the book (pydata theme)
  if (body && body.dataset.jpThemeLight) return body.dataset.jpThemeLight === "false";  // JupyterLab
  return Boolean(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
}

/** The colours of the current theme (PALETTE.themes.light or .dark): fg, muted, bg, grid, accent, ... */
function theme() { return PALETTE.themes[isDark() ? "dark" : "light"]; }

/** Colour of class c (the same in every figure of the book). */
function classColour(c) { return PALETTE.classes[((c % PALETTE.classes.length) + PALETTE.classes.length) % PALETTE.classes.length]; }

const _themeListeners = new Set();
let _themeStop = null;
/**
 * Call fn(dark) whenever the theme changes (the book's switch, JupyterLab's theme, the OS setting).
 * Returns a function that stops calling it; the page is watched while anyone listens.
 */
function onThemeChange(fn) {
  _themeListeners.add(fn);
  if (!_themeStop) _themeStop = _watchTheme();
  return () => {
    _themeListeners.delete(fn);
    if (_themeListeners.size || !_themeStop) return;
    _themeStop();
    _themeStop = null;
  };
}

/** Watch the page's theme for the listeners of onThemeChange; returns the function that stops watching. */
function _watchTheme() {
  let last = isDark();
  const fire = () => {
    const now = isDark();
    if (now === last) return;
    last = now;
    for (const f of [..._themeListeners]) f(now);
  };
  const mo = new MutationObserver(fire);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "data-mode"] });
  if (document.body) mo.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-light"] });
  const media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  if (media) media.addEventListener("change", fire);
  return () => { mo.disconnect(); if (media) media.removeEventListener("change", fire); };
}

// ---------------------------------------------------------------- the life of a view

/**
 * What one view of a widget started and must stop when anywidget removes it: model listeners,
 * observers, animation loops, timers. life.on(model, "change:x", fn) listens until the view goes;
 * life.add(thing) keeps `thing.dispose` (a liveChannel, an animationLoop, a debounced function) or
 * `thing` itself (a function) to call then, and returns `thing`; life.dispose() stops everything, newest first.
 */
function viewLife() {
  const stops = [];
  let disposed = false;
  const life = {
    add(thing) {
      const stop = typeof thing.dispose === "function" ? () => thing.dispose() : thing;
      if (disposed) stop(); else stops.push(stop);
      return thing;
    },
    on(model, event, fn) {
      model.on(event, fn);
      life.add(() => model.off(event, fn));
    },
    get disposed() { return disposed; },
    dispose() {
      if (disposed) return;
      disposed = true;
      while (stops.length) {
        try { stops.pop()(); } catch (e) { /* the view is going: a stop that fails must not keep the others */ }
      }
    },
  };
  return life;
}

// ---------------------------------------------------------------- the widget root

/**
 * Set up a widget in `el`: the accessible group name, the theme, and a lazy start.
 * `build(el, life)` runs once, when the widget first comes within 400 px of the viewport (all at once
 * where IntersectionObserver is missing); `life` (viewLife) takes what it starts. It may return
 * {redraw} to be called on a theme change. The root records when it has drawn (data-drawn-ms, for
 * the page-load measurement). Returns the view's cleanup, for `render` to return to anywidget.
 */
function mountWidget(el, { name, label }, build) {
  const life = viewLife();
  withStyle(el);
  el.dataset.widget = name;
  el.setAttribute("role", "group");
  // A label "Figure F15: the classifier built by hand" names the figure's id (data-figure, for tests and
  // links); a reader hears the rest, and the caption that follows gives the figure's number.
  const id = /^Figure (F\d+): (.+)$/.exec(label);
  if (id) el.dataset.figure = id[1];
  el.setAttribute("aria-label", id ? id[2].charAt(0).toUpperCase() + id[2].slice(1) : label);
  // In JupyterLab, the notebook's command-mode shortcuts (arrows, Home/End, Enter, Space, ...)
  // match any focused element of an output, so a slider or button would never get its keys.
  // Lumino skips its shortcuts for a focused element marked data-lm-suppress-shortcuts.
  const suppress = (e) => {
    if (e.target instanceof Element) e.target.setAttribute("data-lm-suppress-shortcuts", "true");
  };
  el.addEventListener("focusin", suppress);
  life.add(() => el.removeEventListener("focusin", suppress));
  const applyTheme = () => { el.dataset.ylTheme = isDark() ? "dark" : "light"; };
  applyTheme();
  let api = null;
  const start = () => {
    if (el.dataset.ready || life.disposed) return;
    el.dataset.ready = "1";
    el.style.minHeight = "";
    try {
      api = build(el, life) || null;
    } catch (e) {
      el.append(h("div", { class: "yl-message", style: "display:block" }, `This figure could not be drawn: ${e.message}`));
    }
    el.dataset.drawnMs = performance.now().toFixed(1);
  };
  life.add(onThemeChange(() => {
    if (!el.isConnected) return;
    applyTheme();
    if (api && typeof api.redraw === "function") api.redraw();
  }));
  if (typeof IntersectionObserver === "undefined") { start(); return life.dispose; }
  el.style.minHeight = "120px";
  const io = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) { io.disconnect(); start(); }
  }, { rootMargin: "400px 0px" });
  io.observe(el);
  life.add(() => io.disconnect());
  return life.dispose;
}

/** Wrap a draw function so the widget records how long each draw took (data-last-draw-ms). */
function timedDraw(el, fn) {
  return (...args) => {
    const t0 = performance.now();
    fn(...args);
    el.dataset.lastDrawMs = (performance.now() - t0).toFixed(2);
  };
}

// ---------------------------------------------------------------- read-outs and messages

/**
 * A polite live region: `say(text)` updates the visible read-out, and a screen reader announces it
 * when the reader pauses (polite regions are read after the current speech).
 */
function liveRegion(cls = "yl-status") {
  const node = h("p", { class: cls, role: "status", "aria-live": "polite", "aria-atomic": "true" });
  return {
    root: node,
    say(text) { if (node.textContent !== text) node.textContent = text; },
    get text() { return node.textContent; },
  };
}

/** Show a short message in a widget (for bad input): replaces the text of `node`. */
function showMessage(node, text) { node.textContent = text || ""; node.style.display = text ? "block" : "none"; }

/** Format a number for display, never printing NaN. */
function fmtNum(v, digits = 3) { return Number.isFinite(v) ? Number(v).toPrecision(digits) : "—"; }

/** A percentage with one decimal, "—" for a non-number. */
function fmtPct(v, digits = 1) { return Number.isFinite(v) ? `${(100 * v).toFixed(digits)} %` : "—"; }

// ---------------------------------------------------------------- controls (each with a name)

/**
 * A labelled range slider. onInput(value) runs on every move (drawing); onChange(value) when the
 * reader lets go or presses a key (work that should not run on every step, such as a kernel call).
 * Returns {root, input, set(v)}.
 */
function labelledSlider(label, { min, max, step, value, format, onInput, onChange }) {
  const fmt = format || ((v) => String(v));
  const out = h("output", { class: "yl-value" }, fmt(value));
  const input = h("input", { type: "range", min, max, step, value, "aria-label": label, "aria-valuetext": fmt(value) });
  input.addEventListener("input", () => {
    const v = Number(input.value);
    out.textContent = fmt(v);
    input.setAttribute("aria-valuetext", fmt(v));
    if (onInput) onInput(v);
  });
  if (onChange) input.addEventListener("change", () => onChange(Number(input.value)));
  const root = h("label", { class: "yl-slider" }, h("span", { class: "yl-label" }, label), input, out);
  return {
    root, input,
    set(v) { input.value = v; out.textContent = fmt(Number(v)); input.setAttribute("aria-valuetext", fmt(Number(v))); },
  };
}

/**
 * A group of toggle buttons, one pressed at a time (aria-pressed), named `label`.
 * options: array of strings or {label, value, title}. onPick(index) runs on a click, Enter or Space.
 * Returns {root, buttons, set(index)}.
 */
function buttonGroup(label, options, index, onPick) {
  const root = h("div", { class: "yl-buttons", role: "group", "aria-label": label }, h("span", { class: "yl-label", "aria-hidden": "true" }, label));
  const buttons = options.map((o, i) => {
    const text = typeof o === "string" ? o : o.label;
    const b = h("button", { type: "button", "aria-pressed": i === index ? "true" : "false", title: (o && o.title) || null }, text);
    b.addEventListener("click", () => { set(i); onPick(i); });
    root.append(b);
    return b;
  });
  function set(i) { buttons.forEach((b, j) => b.setAttribute("aria-pressed", j === i ? "true" : "false")); }
  return { root, buttons, set };
}

/** A labelled drop-down. options: array of strings or {label, value}. onPick(index). Returns {root, select, set(i)}. */
function selectControl(label, options, index, onPick) {
  const select = h("select", { "aria-label": label });
  options.forEach((o, i) => select.append(h("option", { value: i }, typeof o === "string" ? o : o.label)));
  select.value = String(index);
  select.addEventListener("change", () => onPick(Number(select.value)));
  const root = h("label", { class: "yl-select" }, h("span", { class: "yl-label" }, label), select);
  return { root, select, set(i) { select.value = String(i); } };
}

/** A plain button with visible text and an optional longer accessible name. */
function button(text, onClick, { label, cls } = {}) {
  return h("button", { type: "button", class: cls || null, "aria-label": label || null, onclick: onClick }, text);
}

// ---------------------------------------------------------------- keyboard

/**
 * Make `node` pick one of `count` items with the keyboard (arrow keys, Home, End) as well as the
 * pointer: it becomes focusable, named `label`. get() returns the current index, set(i) changes it.
 * columns > 1 makes Up/Down move by a row of a grid.
 */
function pickByKeys(node, { label, count, get, set, columns = 1 }) {
  node.tabIndex = 0;
  node.setAttribute("aria-label", `${label} (arrow keys choose)`);
  node.addEventListener("keydown", (e) => {
    const n = typeof count === "function" ? count() : count;
    if (!n) return;
    const i = get();
    const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -Infinity, End: Infinity };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const d = moves[e.key];
    const j = d === -Infinity ? 0 : d === Infinity ? n - 1 : Math.min(n - 1, Math.max(0, i + d));
    if (j !== i) set(j);
  });
}

/**
 * The keyboard equivalent of dragging a point on a canvas: `node` becomes focusable; arrow keys
 * move the point by `step` (Shift: 5 steps). get() returns [x, y]; set([x, y]) moves it.
 */
function moveByKeys(node, { label, get, set, step = 0.1 }) {
  node.tabIndex = 0;
  node.setAttribute("aria-label", label);
  node.addEventListener("keydown", (e) => {
    const d = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[e.key];
    if (!d) return;
    e.preventDefault();
    const k = e.shiftKey ? 5 * step : step;
    const [x, y] = get();
    set([x + d[0] * k, y + d[1] * k]);
  });
}

/** Give a canvas (or any drawing) a text alternative that says what it shows. */
function describe(node, text) {
  if (!node.hasAttribute("tabindex")) node.setAttribute("role", "img");
  node.setAttribute("aria-label", text);
}

// ---------------------------------------------------------------- motion

/** True when the reader asked the system for reduced motion. */
function prefersReducedMotion() {
  return Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
}

/**
 * A play/pause loop that calls step() `fps` times per second while playing and while `el` is on
 * screen (it pauses when scrolled out of view or when the tab is hidden). With reduced motion,
 * it steps at most twice per second. onState(playing) reports changes. Returns
 * {play(), pause(), toggle(), get playing(), dispose()}; dispose() stops it for good (give the loop
 * to the view's life: `life.add(animationLoop(...))`).
 */
function animationLoop(el, step, { fps = 20, onState } = {}) {
  let playing = false, visible = true, raf = 0, last = 0, disposed = false;
  const rate = () => (prefersReducedMotion() ? Math.min(fps, 2) : fps);
  const tick = (t) => {
    raf = 0;
    if (!playing) return;
    if (visible && !document.hidden && t - last >= 1000 / rate()) {
      last = t;
      if (step() === false) { api.pause(); return; }
    }
    raf = requestAnimationFrame(tick);
  };
  const io = typeof IntersectionObserver === "undefined" ? null
    : new IntersectionObserver((es) => { visible = es.some((e) => e.isIntersecting); });
  if (io) io.observe(el);
  const api = {
    play() { if (playing || disposed) return; playing = true; if (onState) onState(true); if (!raf) raf = requestAnimationFrame(tick); },
    pause() { if (!playing) return; playing = false; if (onState) onState(false); },
    toggle() { if (playing) api.pause(); else api.play(); },
    get playing() { return playing; },
    dispose() {
      disposed = true;
      playing = false;
      if (raf) cancelAnimationFrame(raf);
      raf = 0;
      if (io) io.disconnect();
    },
  };
  return api;
}

// ---------------------------------------------------------------- export

/**
 * Draw the canvases, SVGs and images inside `node` into one PNG, as laid out on screen,
 * on the theme's background. Returns a Promise of a canvas.
 */
async function renderPng(node, scale = 2) {
  const box = node.getBoundingClientRect();
  const out = document.createElement("canvas");
  out.width = Math.max(1, Math.round(box.width * scale));
  out.height = Math.max(1, Math.round(box.height * scale));
  const ctx = out.getContext("2d");
  ctx.scale(scale, scale);
  ctx.fillStyle = theme().bg;
  ctx.fillRect(0, 0, box.width, box.height);
  for (const item of node.querySelectorAll("canvas, svg, img")) {
    if (item.tagName.toLowerCase() !== "svg" && item.closest("svg")) continue;
    if (item.tagName.toLowerCase() === "svg" && item.parentElement && item.parentElement.closest("svg")) continue;
    const r = item.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const x = r.left - box.left, y = r.top - box.top;
    if (item instanceof HTMLCanvasElement || item instanceof HTMLImageElement) {
      ctx.drawImage(item, x, y, r.width, r.height);
      continue;
    }
    const clone = item.cloneNode(true);
    // CSS does not travel with a serialised SVG: write the computed colours of text as attributes
    const texts = item.querySelectorAll("text"), copies = clone.querySelectorAll("text");
    texts.forEach((t, i) => { copies[i].setAttribute("fill", getComputedStyle(t).fill); });
    clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    clone.setAttribute("width", r.width);
    clone.setAttribute("height", r.height);
    const src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(clone));
    const img = new Image();
    await new Promise((ok, fail) => { img.onload = ok; img.onerror = fail; img.src = src; });
    ctx.drawImage(img, x, y, r.width, r.height);
  }
  return out;
}

/** A "save as PNG" button that downloads the current view of `target()` as `<name>.png`. */
function exportButton(name, target) {
  const b = h("button", { type: "button", class: "yl-export", "aria-label": `Save as PNG: this figure, as ${name}.png` }, "Save as PNG");
  b.addEventListener("click", async () => {
    try {
      const canvas = await renderPng(target());
      const blob = await new Promise((ok) => canvas.toBlob(ok, "image/png"));
      const a = h("a", { href: URL.createObjectURL(blob), download: `${name}.png` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    } catch (e) {
      b.textContent = "Could not save the image";
    }
  });
  return b;
}

// ---------------------------------------------------------------- CSS

/** Base CSS of yatlib widgets (injected once per widget root). Colours come from the theme. */
const YL_CSS = `
.yl-widget { font: 14px/1.4 system-ui, sans-serif; color: var(--yl-fg); background: var(--yl-bg);
  border-radius: 6px; padding: 6px; }
.yl-widget .yl-row { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.yl-widget .yl-controls { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; margin: 6px 0; }
.yl-widget .yl-slider, .yl-widget .yl-select { display: inline-flex; align-items: center; gap: 6px; }
.yl-widget .yl-slider input { width: 160px; accent-color: var(--yl-accent); }
.yl-widget .yl-value { min-width: 3.5em; font-variant-numeric: tabular-nums; }
.yl-widget .yl-buttons { display: inline-flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.yl-widget .yl-label { color: var(--yl-fg); }
.yl-widget .yl-message { display: none; padding: 6px 10px; background: var(--yl-warn); color: var(--yl-fg);
  border-left: 3px solid var(--yl-warn-border); margin: 6px 0; }
.yl-widget button, .yl-widget select { font: inherit; padding: 3px 10px; border: 1px solid var(--yl-border); border-radius: 4px;
  background: var(--yl-panel); color: var(--yl-fg); cursor: pointer; }
.yl-widget button:hover { background: var(--yl-highlight); }
.yl-widget button[aria-pressed="true"] { background: var(--yl-highlight); border-color: var(--yl-accent); font-weight: 650; }
.yl-widget :focus-visible, .yl-widget canvas:focus, .yl-widget [tabindex="0"]:focus { outline: 3px solid var(--yl-focus); outline-offset: 2px; }
.yl-widget .yl-caption { color: var(--yl-muted); font-size: 12.5px; }
.yl-widget .yl-status { margin: 4px 0; font-variant-numeric: tabular-nums; }
.yl-widget .yl-export, .yl-widget .yl-cancel { font-size: 12px; padding: 1px 8px; }
.yl-widget .yl-toolbar { display: flex; justify-content: flex-end; gap: 6px; }
.yl-widget .yl-live { font-size: 12.5px; color: var(--yl-muted); }
.yl-widget progress { width: 140px; vertical-align: middle; }
.yl-widget svg text { fill: var(--yl-fg); }
@media (prefers-reduced-motion: reduce) { .yl-widget * { transition: none !important; animation: none !important; } }
`;

function _themeCss() {
  const vars = (t) => Object.entries(t).map(([k, v]) => `--yl-${k.replace(/[A-Z]/g, (m) => "-" + m.toLowerCase())}: ${v};`).join(" ");
  return `.yl-widget[data-yl-theme="light"], .yl-widget:not([data-yl-theme]) { ${vars(PALETTE.themes.light)} }\n`
    + `.yl-widget[data-yl-theme="dark"] { ${vars(PALETTE.themes.dark)} }\n`;
}

/** Mark `el` as a yatlib widget and add the base CSS (once per root). */
function withStyle(el) {
  el.classList.add("yl-widget");
  if (!el.querySelector(":scope > style.yl-base")) el.prepend(h("style", { class: "yl-base" }, _themeCss() + YL_CSS));
  return el;
}
