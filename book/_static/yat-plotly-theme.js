// The book's plotly figures follow its light/dark switch. Loaded on pages with plotly figures
// (book/_ext/yat_offline.py), after an inline `window.YAT_PLOTLY_THEMES = {light, dark}` that the
// build writes from yatlib.style.plotly_layout(), so the colours are defined once, in yatlib.
// At load and whenever html[data-theme] changes (pydata-sphinx-theme's theme button), every
// plotly figure gets the theme's fonts, backgrounds and grid colours with Plotly.relayout; the
// trace colours (the class colours) stay as they are, the same in both themes.
(function () {
  "use strict";
  var themes = window.YAT_PLOTLY_THEMES;
  if (!themes) return;

  function current() {
    return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
  }

  // {a: {b: 1}} -> {"a.b": 1}, the attribute strings Plotly.relayout takes.
  function flatten(obj, prefix, out) {
    Object.keys(obj).forEach(function (k) {
      var v = obj[k], key = prefix ? prefix + "." + k : k;
      if (v && typeof v === "object" && !Array.isArray(v)) flatten(v, key, out);
      else out[key] = v;
    });
    return out;
  }

  // The relayout update of one figure: the "xaxis" and "yaxis" settings go to every x and y
  // axis the figure has (xaxis2, yaxis3, ... in subplots).
  function update(gd, layout) {
    var full = gd._fullLayout || {}, out = {};
    Object.keys(layout).forEach(function (k) {
      var v = layout[k], m = /^([xy])axis$/.exec(k);
      if (!m) {
        if (v && typeof v === "object") flatten(v, k, out);
        else out[k] = v;
        return;
      }
      var axes = Object.keys(full).filter(function (a) { return new RegExp("^" + m[1] + "axis\\d*$").test(a); });
      (axes.length ? axes : [k]).forEach(function (a) { flatten(v, a, out); });
    });
    return out;
  }

  function apply(gd) {
    var want = current();
    if (!window.Plotly || !gd._fullLayout || gd.dataset.yatTheme === want) return;
    gd.dataset.yatTheme = want;
    window.Plotly.relayout(gd, update(gd, themes[want]));
  }

  function applyAll() {
    document.querySelectorAll("div.plotly-graph-div").forEach(function (gd) {
      if (gd._fullLayout) apply(gd);
      else if (typeof gd.on === "function" && !gd.dataset.yatThemeWaiting) {
        gd.dataset.yatThemeWaiting = "1";
        gd.on("plotly_afterplot", function () { apply(gd); });
      }
    });
  }

  new MutationObserver(applyAll).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  if (document.readyState === "complete") applyAll();
  else window.addEventListener("load", applyAll);
})();
