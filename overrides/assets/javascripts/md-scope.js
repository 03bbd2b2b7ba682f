/* Material for MkDocs' inline helper script (partials/javascripts/base.html of mkdocs-material
 * 9.8.2), as a file: the Content-Security-Policy of the site allows no inline script. Same code;
 * the scope, which Material writes into the script, comes from the tag's data-md-scope. */
__md_scope = new URL(document.currentScript.getAttribute("data-md-scope"), location),
__md_hash = e => [...e].reduce(((e, _) => (e << 5) - e + _.charCodeAt(0)), 0),
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e)),
__md_set = (e, _, t = localStorage, a = __md_scope) => { try { t.setItem(a.pathname + "." + e, JSON.stringify(_)) } catch (e) {} };

/* Not Material's: its script, which says that scripts run by turning the root's "no-js" class
 * into "js", now runs on demand (on-demand.js). The class is set here, before the first paint,
 * so that the page is drawn once, as it will stay (Material's CSS hides the search button under
 * "no-js", for one). */
document.documentElement.classList.replace("no-js", "js");
