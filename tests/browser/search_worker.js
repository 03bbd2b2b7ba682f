// Material's search worker of a built site, run in Node: `node search_worker.js SITE QUERY...`
// prints, for each query, the results as the search dialog would list them (JSON lines:
// {"query", "results": [{"location", "score", "title", "text"}], "groups": [[...], ...]}): the
// dialog lists one group per page, its best match first; `results` is the groups one after
// another. The worker is the site's own file, with what macros/site/searchindex.py appended to
// it; lunr's language files are read from the site the way the worker asks for them. Whatever
// the worker logs (lunr's warnings included) goes to stderr, where the tests look for it.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, ...queries] = process.argv.slice(2);
const workers = path.join(site, "assets", "javascripts", "workers");
const worker = fs.readdirSync(workers).find((name) => /^search\..*\.min\.js$/.test(name));
let onMessage = null;
const posted = [];
const scope = {
  console: { log: console.error, warn: console.error, error: console.error },  // stderr: not results
  setTimeout, URL,
  addEventListener(type, handler) { if (type === "message") onMessage = handler; },
  postMessage(message) { posted.push(message); },
  importScripts(...urls) {
    for (const url of urls) {
      const rel = url.slice(url.indexOf("/lunr/") + "/lunr/".length);
      vm.runInContext(fs.readFileSync(path.join(site, "assets", "javascripts", "lunr", rel), "utf8"), scope);
    }
  },
};
scope.self = scope;
scope.location = { href: `http://localhost/assets/javascripts/workers/${worker}` };
vm.createContext(scope);
vm.runInContext(fs.readFileSync(path.join(workers, worker), "utf8"), scope);

(async () => {
  const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"));
  await onMessage({ data: { type: 0, data: { ...index, options: { suggest: false } } } });
  for (const query of queries) {
    posted.length = 0;
    await onMessage({ data: { type: 2, data: query } });
    const reply = posted.find((message) => message && message.type === 3);
    const shown = (item) => ({ location: item.location, score: item.score, title: item.title, text: item.text });
    const groups = reply.data.items.map((group) => group.map(shown));
    process.stdout.write(JSON.stringify({ query, results: groups.flat(), groups }) + "\n");
  }
})().catch((error) => { console.error(error); process.exit(1); });
