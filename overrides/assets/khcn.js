/* The header's menu and search buttons (overrides/partials/header.html).
   Material opens the drawer and the search box with labels for hidden checkboxes, which a
   keyboard cannot reach and a screen reader cannot tell open from closed. The buttons
   toggle the same checkboxes, so Material's own behaviour follows; aria-expanded tracks
   the checkbox, focus moves into the drawer or the search box when it opens, and Escape
   closes the drawer and returns to the menu button. */
(function () {
  "use strict";

  function buttons() {
    return Array.prototype.slice.call(document.querySelectorAll("button.khcn-toggle[data-khcn-for]"));
  }

  function toggleOf(button) {
    return document.getElementById(button.getAttribute("data-khcn-for"));
  }

  function sync() {
    buttons().forEach(function (button) {
      var box = toggleOf(button);
      if (box) button.setAttribute("aria-expanded", box.checked ? "true" : "false");
    });
  }

  // What to focus when a part opens: the first link of the drawer, the search input.
  var FOCUS_ON_OPEN = {
    __drawer: ".md-sidebar--primary a[href]",
    __search: ".md-search__input"
  };

  function setUp() {
    buttons().forEach(function (button) {
      button.addEventListener("click", function () {
        var box = toggleOf(button);
        if (!box) return;
        box.click();  // fires the change event Material listens to
        sync();
        var target = box.checked && document.querySelector(FOCUS_ON_OPEN[box.id]);
        if (target) target.focus();
      });
    });
    document.addEventListener("change", sync);
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var drawer = document.getElementById("__drawer");
      if (drawer && drawer.checked) {
        drawer.checked = false;
        sync();
        var menu = document.querySelector("button.khcn-toggle[data-khcn-for='__drawer']");
        if (menu) menu.focus();
      }
      // Material closes the search box itself, without a change event.
      window.setTimeout(sync, 0);
    });
    // Material also opens and closes the search box without a change event (a click on a
    // result, the "/" shortcut): check again after any click or key.
    document.addEventListener("click", function () { window.setTimeout(sync, 0); });
    document.addEventListener("keyup", function () { window.setTimeout(sync, 0); });
    sync();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

/* Some Vietnamese keyboards type tone marks as separate combining characters (Unicode NFD),
   while the pages and the search index are in NFC: the query is normalised as it is typed,
   before Material's search reads it. */
document.addEventListener("input", function (event) {
  var input = event.target;
  if (!input.classList || !input.classList.contains("md-search__input")) return;
  var nfc = input.value.normalize("NFC");
  if (nfc === input.value) return;
  var atEnd = input.selectionEnd === input.value.length;
  input.value = nfc;
  if (atEnd) input.setSelectionRange(nfc.length, nfc.length);
}, true);

/* Material selects the content tab an address's #fragment names with an inline script
   (partials/javascripts/content.html), which the Content-Security-Policy refuses: here. */
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();

/* Tables wider than their box (khcn.css fixes their first column): a line above each says that
   it scrolls sideways and how many columns it has, while it is wider than the box (a phone, a
   larger text size); it goes when the box is wide enough again. */
(function () {
  "use strict";
  function hintOf(box) {
    var previous = box.previousElementSibling;
    return previous && previous.classList.contains("khcn-scroll-hint") ? previous : null;
  }

  function update(box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    var hint = hintOf(box);
    if (wide && !hint) {
      var table = box.querySelector("table");
      var columns = table && table.rows.length ? table.rows[0].cells.length : 0;
      hint = document.createElement("p");
      hint.className = "khcn-scroll-hint";
      hint.textContent = "Bảng có " + columns + " cột: vuốt ngang để xem hết";
      box.parentNode.insertBefore(hint, box);
    } else if (!wide && hint) {
      hint.remove();
    }
  }

  function setUp() {
    var boxes = document.querySelectorAll(".khcn-scroll");
    if (!boxes.length) return;
    var observer = window.ResizeObserver ? new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { update(entry.target); });
    }) : null;
    Array.prototype.forEach.call(boxes, function (box) {
      // The observer's first report comes once the page is laid out: no layout forced here.
      if (observer) observer.observe(box);
      else update(box);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

/* Copy buttons (the citation's, partials/khcn/citation.html): the text of the element the button
   names is copied and "Đã sao chép" shows in Material's message box (the element its clipboard
   script uses), at the first tap, whether or not Material's script has arrived (on-demand.js). */
(function () {
  "use strict";
  var timer = null;
  // A live region from the start, so that a screen reader announces what is written in it later.
  var box = document.querySelector(".md-dialog");
  if (box) box.setAttribute("role", "status");

  function say(message) {
    var inner = box && box.querySelector(".md-dialog__inner");
    if (!inner) return;
    inner.textContent = message;
    box.classList.add("md-dialog--active");
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { box.classList.remove("md-dialog--active"); }, 2000);
  }

  function copyBySelection(element) {
    var selection = window.getSelection();
    var range = document.createRange();
    range.selectNodeContents(element);
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (refused) { done = false; }
    selection.removeAllRanges();
    return done;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-khcn-copy]");
    if (!button) return;
    var target = document.querySelector(button.getAttribute("data-khcn-copy"));
    if (!target) return;
    var text = target.innerText;
    var copied = function () { say("Đã sao chép"); };
    var failed = function () { say(copyBySelection(target) ? "Đã sao chép" : "Không chép được: hãy chọn và chép bằng tay"); };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(copied, failed);
    else failed();
  });
})();

/* Printing opens every closed <details> (the BibTeX block) and closes them again afterwards, as
   Material's script does: a phone may print before it has Material's script (on-demand.js). */
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
