"""The one fingerprint of what a figure shows, for the browser tests of the static book and of JupyterLab.

``FIGURE_SIGNATURE_JS(root)`` hashes the pixels of every canvas and the markup of the figure
without its controls, value labels, live read-outs and plotly's own slider, menus and hover layer
(and without ``aria-*``, ``data-*`` and ``tabindex`` attributes), so operating a control changes it
only when the picture changes. ``READOUT_JS(root)`` is the text of the live read-out(s).
``WIDGET_SIGNATURE_JS(root)`` is the figure's fingerprint with what the widget says (its read-outs
and messages, not its "computing" status): JupyterLab's tests ask whether a widget answered at all.
``PLOTLY_SIGNATURE_JS(gd)`` adds a plotly figure's traces and layout (a 3-D or WebGL trace draws on
a canvas whose pixels cannot be read back), without the state of its own sliders and menus.
"""

from __future__ import annotations

FIGURE_SIGNATURE_JS = """(root) => {
  const parts = [];
  for (const c of root.querySelectorAll('canvas')) {
    try { parts.push(c.width + 'x' + c.height + c.toDataURL()); } catch (e) { parts.push('unreadable canvas'); }
  }
  const clone = root.cloneNode(true);
  clone.querySelectorAll('style, script, input, select, option, button, output, textarea, .yl-controls, .yl-buttons, '
    + '.yl-slider, .yl-select, .yl-value, .yl-label, [role=slider]:not(svg):not(canvas), .yl-status, .yl-live, '
    + '.yl-message, .yl-toolbar, [aria-live], .slider-container, .updatemenu-container, .hoverlayer')
    .forEach((n) => n.remove());
  for (const n of [clone, ...clone.querySelectorAll('*')]) {
    for (const a of [...n.attributes]) {
      if (n === clone || a.name.startsWith('aria-') || a.name.startsWith('data-') || a.name === 'tabindex') {
        n.removeAttribute(a.name);
      }
    }
  }
  parts.push(clone.outerHTML);
  const s = parts.join('|');
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
  return (h >>> 0).toString(16) + ':' + s.length;
}"""

READOUT_JS = """(root) => [...root.querySelectorAll('.yl-status')].map((n) => n.textContent).join(' | ')"""

WIDGET_SIGNATURE_JS = """(root) => {
  const said = [...root.querySelectorAll('.yl-status, .yl-message, [aria-live]:not(.yl-live)')]
    .map((n) => n.textContent.replace(/\\s+/g, ' ').trim()).join(' | ');
  return (FIGURE_SIGNATURE)(root) + '|' + said;
}""".replace("FIGURE_SIGNATURE", FIGURE_SIGNATURE_JS)

PLOTLY_SIGNATURE_JS = """(gd) => {
  const layout = Object.assign({}, gd.layout || {});
  delete layout.sliders; delete layout.updatemenus;
  const s = JSON.stringify(gd.data || []) + JSON.stringify(layout);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
  return (h >>> 0).toString(16) + ':' + (WIDGET_SIGNATURE)(gd);
}""".replace("WIDGET_SIGNATURE", WIDGET_SIGNATURE_JS)
