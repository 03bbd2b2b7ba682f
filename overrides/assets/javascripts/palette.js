/* The colour scheme, applied as the header is read, before the page is drawn: the one the reader
 * chose with the header's button (kept by Material under "<site path>.__palette"), else the one
 * their system prefers (the palette inputs' media queries, mkdocs.yml). Material's own inline
 * script does the first; a file, so that the site's Content-Security-Policy can forbid inline
 * scripts. Material's bundle takes over once loaded. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script ? new URL("../../", script.src) : new URL("/", location.href);
  var chosen = null;
  try {
    chosen = JSON.parse(localStorage.getItem(root.pathname + ".__palette"));
  } catch (blocked) { /* storage disabled or unreadable: the system decides */ }
  var inputs = document.querySelectorAll("[data-md-component='palette'] input[data-md-color-media]");
  var color = chosen && chosen.color;
  if (!color || color.media === "(prefers-color-scheme)") {
    for (var i = 0; i < inputs.length; i++) {
      var media = inputs[i].getAttribute("data-md-color-media");
      if (media && window.matchMedia && matchMedia(media).matches) {
        color = {
          scheme: inputs[i].getAttribute("data-md-color-scheme"),
          primary: inputs[i].getAttribute("data-md-color-primary"),
          accent: inputs[i].getAttribute("data-md-color-accent")
        };
        break;
      }
    }
  }
  if (!color) return;
  for (var key in color) {
    if (key !== "media" && color[key]) document.body.setAttribute("data-md-color-" + key, color[key]);
  }
})();
