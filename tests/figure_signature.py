"""The fingerprint of what a figure shows, for the browser tests of the static book.

``FIGURE_SIGNATURE_JS(root)`` hashes the pixels of every canvas and the markup of the figure
without its controls, value labels, live read-outs and plotly's own slider, menus and hover layer
(and without ``aria-*``, ``data-*`` and ``tabindex`` attributes), so operating a control changes it
only when the picture changes. ``READOUT_JS(root)`` is the text of the live read-out(s).
JupyterLab's tests (``tests/lab/driver.py``) keep a fingerprint of their own: they ask whether a
widget answered at all, so they also count its text (a message, a read-out) and its SVG's attributes.
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
