/*
 * Web Worker stand-in for pages opened from file://, where browsers refuse `new Worker(url)`.
 * Written for the archived snapshots of this site (macros/archive/snapshot.py copies it into the
 * offline site); it plays the role of the `iframe-worker` script that Material's offline
 * plugin would otherwise load from unpkg.com, so the snapshot makes no request outside itself.
 *
 * The worker script runs in a hidden iframe of the same page. Messages to the worker are
 * dispatched on the iframe's window; the worker's postMessage posts to this window.
 * importScripts loads scripts one after another and returns a Promise, which Material's
 * search worker awaits; `window.IFrameWorker` tells that worker where its lunr files are.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof EventTarget !== "function") {
    return;
  }

  var runtime =
    "postMessage = function (data) { parent.postMessage(data, '*'); };\n" +
    "importScripts = function () {\n" +
    "  var urls = Array.prototype.slice.call(arguments);\n" +
    "  return urls.reduce(function (previous, url) {\n" +
    "    return previous.then(function () {\n" +
    "      return new Promise(function (resolve, reject) {\n" +
    "        var script = document.createElement('script');\n" +
    "        script.src = url;\n" +
    "        script.onload = function () { resolve(); };\n" +
    "        script.onerror = function () { reject(new Error('importScripts: ' + url)); };\n" +
    "        document.body.appendChild(script);\n" +
    "      });\n" +
    "    });\n" +
    "  }, Promise.resolve());\n" +
    "};\n";

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      document.body.appendChild(this.frame);
      var scope = this.frame.contentWindow;
      scope.document.open();
      scope.document.write(
        "<!doctype html><html><body><script>" + runtime + "</scr" + "ipt>" +
        "<script src=\"" + String(url).replace(/"/g, "&quot;") + "\"></scr" + "ipt></body></html>");
      scope.document.close();
      this.ready = new Promise(function (resolve) { scope.onload = resolve; });
      this.relay = this.relay.bind(this);
      window.addEventListener("message", this.relay);
    }

    relay(event) {
      if (!this.frame || event.source !== this.frame.contentWindow) {
        return;
      }
      var message = new MessageEvent("message", { data: event.data });
      this.dispatchEvent(message);
      if (typeof this.onmessage === "function") {
        this.onmessage(message);
      }
    }

    postMessage(data) {
      var frame = this.frame;
      this.ready.then(function () {
        if (frame.contentWindow) {
          frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: data }));
        }
      });
    }

    terminate() {
      window.removeEventListener("message", this.relay);
      this.frame.remove();
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
