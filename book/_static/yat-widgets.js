// Loaded on widget pages after require.js and before html-manager's embed-amd.js
// (see nb_ipywidgets_js in _config.yml). html-manager first asks require.js for a
// widget module by name and only falls back to a CDN when that fails, so mapping
// every module we use to a file in _static keeps the page offline.
(function () {
  var staticRoot = document.currentScript.src.replace(/[^/]*$/, ""); // .../_static/
  window.requirejs.config({
    paths: {
      anywidget: staticRoot + "vendor/anywidget/index",
      // html-manager's webpack public path is derived from its module's require.js
      // URL; its icon fonts sit next to embed-amd.js.
      "@jupyter-widgets/html-manager/dist": staticRoot + "vendor/html-manager/dist",
      // The same for the modules embed-amd.js defines itself (@jupyter-widgets/base,
      // controls, ...): without a path their URL is relative to the page, and the icon
      // fonts their CSS asks for (FontAwesome) were fetched from notebooks/.../@jupyter-widgets/.
      "@jupyter-widgets": staticRoot + "vendor/html-manager/dist",
    },
  });
})();
