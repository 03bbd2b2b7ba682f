/* Material's script on demand (main.html turns its <script> tags into placeholders of type
 * "text/x-khcn-on-demand"; this file runs them).
 *
 * What Material's script does for a reader: the search box's results, the back-to-top button,
 * the header's title while scrolling, and on a wide screen the sidebars that scroll on their own
 * and follow the reading. Nothing of it is needed to read a page, and on a phone it costs the most:
 * evaluating it and mounting its components blocked the main thread for 0.5-1 s on a mid-range
 * phone (Lighthouse's mobile CPU) after the text was shown, while a tap would have waited.
 *
 * So a narrow screen (under 60em, where Material draws the navigation as a drawer and no sidebar)
 * gets it at the reader's first sign of activity: a touch, a click, a key, the focus entering the
 * page, a scroll or the mouse wheel. A wider screen (a desktop, a tablet on its side: sidebars that
 * need the script to be usable) gets it as soon as the page is parsed, as before; so does a phone
 * turned into a wide one. Until then the page is whole: palette.js keeps the colour scheme,
 * khcn.js the menu and the buttons, textsize.js the text size, all without Material's script.
 *
 * The first key may be one of Material's search shortcuts ("/", "s", "f"): it opens the search box
 * here, as Material would, since its script is not there yet to see it. */
(function () {
  "use strict";
  var placeholders = Array.prototype.slice.call(document.querySelectorAll("script[type='text/x-khcn-on-demand']"));
  if (!placeholders.length) return;
  var EVENTS = ["pointerdown", "touchstart", "keydown", "focusin", "scroll", "wheel"];
  var wide = window.matchMedia ? window.matchMedia("(min-width: 60em)") : { matches: true };
  var requested = false;

  function stopListening() {
    EVENTS.forEach(function (type) { window.removeEventListener(type, onActivity, true); });
    if (wide.removeEventListener) wide.removeEventListener("change", onWide);
  }

  // Each placeholder in turn, in order, as the <script> tags they stand for would have run.
  function run(index) {
    if (index >= placeholders.length) {
      // Material mounts its page components on DOMContentLoaded, which has passed: tell it.
      if (window.document$ && typeof window.document$.next === "function") window.document$.next(document);
      document.documentElement.setAttribute("data-khcn-material", "ready");
      return;
    }
    var script = document.createElement("script");
    script.src = placeholders[index].getAttribute("data-src");
    script.onload = function () { run(index + 1); };
    script.onerror = function () { document.documentElement.setAttribute("data-khcn-material", "failed"); };
    document.body.appendChild(script);
  }

  function load() {
    if (requested) return;
    requested = true;
    stopListening();
    document.documentElement.setAttribute("data-khcn-material", "loading");
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { run(0); }, { once: true });
    } else {
      run(0);
    }
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
  }

  function onActivity(event) {
    if (event.type === "keydown" && !event.ctrlKey && !event.metaKey && !event.altKey &&
        ["/", "s", "f", "S", "F"].indexOf(event.key) >= 0 && !typing(event.target)) {
      var toggle = document.getElementById("__search");
      var input = document.querySelector(".md-search__input");
      if (toggle && input) {
        event.preventDefault();
        if (!toggle.checked) toggle.click();  // a change event, which khcn.js follows
        input.focus();
      }
    }
    load();
  }

  function onWide() {
    if (wide.matches) load();
  }

  if (wide.matches) {
    load();
    return;
  }
  EVENTS.forEach(function (type) { window.addEventListener(type, onActivity, { capture: true, passive: type !== "keydown" }); });
  if (wide.addEventListener) wide.addEventListener("change", onWide);
})();
