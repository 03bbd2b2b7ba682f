/* The colour scheme: the whole of it, without Material's palette component (partials/palette.html
 * has no data-md-component, so Material's script leaves it alone).
 *
 * Read with the header, before the page is drawn, it applies the scheme the reader chose with the
 * header's button (kept as Material keeps it, under "<site path>.__palette", so both read the same
 * choice), else the one their system prefers (the palette inputs' media queries, mkdocs.yml), and
 * shows the button that switches to the other scheme. The button then switches and keeps the
 * choice at once, whether or not Material's script has arrived (on a phone it arrives at the first
 * touch: on-demand.js); the focus moves to the button shown in its place.
 *
 * Why not Material's component: on every page load it marks the body "switching" (which restyles
 * the whole page twice) and reads the header's computed style, a third of Material's start-up on
 * a long table page. The header is the same colour in both schemes: the page's theme-color
 * <meta> (main.html) holds for both. A file, not an inline script: the Content-Security-Policy
 * forbids inline scripts. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script ? new URL("../../", script.src) : new URL("/", location.href);
  var KEY = root.pathname + ".__palette";
  var inputs = Array.prototype.slice.call(
    document.querySelectorAll("form.md-header__option input[name='__palette'][data-md-color-media]"));
  if (!inputs.length) return;

  function colorOf(input) {
    return {
      media: input.getAttribute("data-md-color-media"),
      scheme: input.getAttribute("data-md-color-scheme"),
      primary: input.getAttribute("data-md-color-primary"),
      accent: input.getAttribute("data-md-color-accent")
    };
  }

  function chosen() {
    try {
      var value = JSON.parse(localStorage.getItem(KEY));
      if (value && typeof value.index === "number" && inputs[value.index]) return value.index;
    } catch (blocked) { /* storage disabled or unreadable: the system decides */ }
    return -1;
  }

  function preferred() {
    for (var i = 0; i < inputs.length; i++) {
      var media = inputs[i].getAttribute("data-md-color-media");
      if (media && window.matchMedia && matchMedia(media).matches) return i;
    }
    return 0;
  }

  function apply(index) {
    var color = colorOf(inputs[index]);
    inputs[index].checked = true;
    ["scheme", "primary", "accent"].forEach(function (key) {
      if (color[key]) document.body.setAttribute("data-md-color-" + key, color[key]);
    });
    // The button after each radio button switches to the next scheme: shown while its own is on.
    inputs.forEach(function (input, i) {
      var button = input.nextElementSibling;
      if (button && button.classList.contains("khcn-palette")) button.hidden = i !== index;
    });
    var meta = document.querySelector("meta[name='color-scheme']");
    if (!meta) {
      meta = document.createElement("meta");
      meta.name = "color-scheme";
      document.head.appendChild(meta);
    }
    meta.content = color.scheme === "slate" ? "dark" : "light";
  }

  function save(index) {
    try {
      localStorage.setItem(KEY, JSON.stringify({ index: index, color: colorOf(inputs[index]) }));
    } catch (blocked) { /* not kept: the choice lasts for this page */ }
  }

  var current = chosen();
  apply(current >= 0 ? current : preferred());

  // No choice of the reader's yet: the page follows the system when it changes its preference.
  if (window.matchMedia) {
    inputs.forEach(function (input) {
      var query = matchMedia(input.getAttribute("data-md-color-media"));
      var follow = function () { if (chosen() < 0) apply(preferred()); };
      if (query.addEventListener) query.addEventListener("change", follow);
      else if (query.addListener) query.addListener(follow);  // older Safari
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.khcn-palette");
    if (!button) return;
    var next = document.getElementById(button.getAttribute("data-khcn-for"));
    var index = inputs.indexOf(next);
    if (index < 0) return;
    apply(index);
    save(index);
    var shown = document.querySelector("button.khcn-palette:not([hidden])");
    if (shown) shown.focus();
  });
})();
