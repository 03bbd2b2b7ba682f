/* Text size control ("Cỡ chữ"), as on the department's old portal: three real buttons in the
 * header (smaller, default, larger; on a phone, at the top of the page's text), the choice kept in localStorage across pages, and each
 * change announced through a polite live region. Loaded in <head> without `defer`, so the
 * stored size applies before the page is drawn; the buttons are added once the header exists.
 * Without JavaScript nothing is shown: the browser's own zoom still works. */
(function () {
  "use strict";
  var STEPS = [90, 100, 115, 130, 150];  // percent of the theme's text size
  var DEFAULT = 100;
  var KEY = "khcn.textSize";
  var root = document.documentElement;

  function stored() {
    try {
      var value = parseInt(window.localStorage.getItem(KEY), 10);
      return STEPS.indexOf(value) >= 0 ? value : DEFAULT;
    } catch (blocked) { return DEFAULT; }  // storage disabled: the size lasts for this page
  }

  function apply(size) {
    // readers.css scales the root font size by --khcn-text-scale when data-khcn-text is set.
    root.style.setProperty("--khcn-text-scale", String(size / 100));
    if (size === DEFAULT) root.removeAttribute("data-khcn-text");
    else root.setAttribute("data-khcn-text", String(size));
  }

  function save(size) {
    try { window.localStorage.setItem(KEY, String(size)); } catch (blocked) { /* not kept */ }
  }

  function button(label, text, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "khcn-textsize__button";
    b.title = label;
    // The name is the hidden words; the visible "A+" is a symbol, hidden from screen readers.
    var symbol = document.createElement("span");
    symbol.setAttribute("aria-hidden", "true");
    symbol.textContent = text;
    var name = document.createElement("span");
    name.className = "khcn-visually-hidden";
    name.textContent = label;
    b.append(symbol, name);
    b.addEventListener("click", onClick);
    return b;
  }

  function control() {
    var size = stored();
    var group = document.createElement("div");
    group.className = "khcn-textsize";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Cỡ chữ");
    var status = document.createElement("span");
    status.className = "khcn-visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var smaller = button("Giảm cỡ chữ", "A−", function () { change(-1); });
    var reset = button("Cỡ chữ mặc định", "A", function () { set(DEFAULT); });
    var larger = button("Tăng cỡ chữ", "A+", function () { change(1); });

    // At the smallest or largest size a button says it can do no more (aria-disabled) but
    // stays focusable: a disabled button loses the focus, which fell to the page's body.
    function mark() {
      smaller.setAttribute("aria-disabled", String(size === STEPS[0]));
      larger.setAttribute("aria-disabled", String(size === STEPS[STEPS.length - 1]));
      reset.setAttribute("aria-pressed", String(size === DEFAULT));
    }
    function set(next) {
      size = next;
      apply(size);
      save(size);
      mark();
      status.textContent = "Cỡ chữ " + size + "%";
    }
    function change(by) {
      var i = STEPS.indexOf(size) + by;
      if (i >= 0 && i < STEPS.length) set(STEPS[i]);
      else status.textContent = "Cỡ chữ " + size + "%, " + (by > 0 ? "lớn nhất" : "nhỏ nhất");
    }

    group.append(smaller, reset, larger, status);
    mark();
    return group;
  }

  // On a phone the header has no room for the three buttons next to the site's name: the
  // control goes to the top of the page's text instead (and back when the window widens).
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 37.4375em)") : null;

  // The class is set from <head>, before anything is drawn: readers.css keeps the control's
  // room at the top of the page, so the text does not jump down when the control arrives.
  function inPage() {
    var yes = !!(narrow && narrow.matches);
    root.classList.toggle("khcn-textsize-in-page", yes);
    return yes;
  }

  function place(group) {
    var content = document.querySelector(".md-content__inner");
    if (inPage() && content) {
      group.classList.add("khcn-textsize--page");
      content.insertBefore(group, content.firstChild);
      return;
    }
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    group.classList.remove("khcn-textsize--page");
    // Before the search button: the header's child that holds it (it may be nested).
    var search = header.querySelector("label[for='__search']");
    while (search && search.parentNode !== header) search = search.parentNode;
    header.insertBefore(group, search || null);
  }

  function mount() {
    if (document.querySelector(".khcn-textsize")) return;
    var group = control();
    place(group);
    if (narrow) {
      var replace = function () { place(group); };
      if (narrow.addEventListener) narrow.addEventListener("change", replace);
      else if (narrow.addListener) narrow.addListener(replace);  // older Safari
    }
  }

  apply(stored());
  inPage();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
