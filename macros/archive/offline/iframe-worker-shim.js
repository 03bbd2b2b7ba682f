/*
 * Web Worker stand-in for pages opened from file://, where browsers refuse `new Worker(url)`.
 * Written for the archived snapshots of this site (macros/archive/snapshot.py copies it into the
 * offline site); it plays the role of the `iframe-worker` script that Material's offline
 * plugin would otherwise load from unpkg.com, so the snapshot makes no request outside itself.
 *
 * The worker script runs in a hidden iframe of the same page. Its globals (`postMessage`,
 * `importScripts`) are set from here, not by an inline script in the frame: the frame inherits
 * the site's Content-Security-Policy, which refuses inline scripts. Messages to the worker are
 * dispatched on the iframe's window; the worker's postMessage hands a copy of its message to
 * this IFrameWorker, on a later task, as a worker's message would arrive. importScripts loads
 * scripts one after another and returns a Promise, which Material's search worker awaits;
 * `IFrameWorker` on the parent window tells that worker where its lunr files are.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof EventTarget !== "function") {
    return;
  }

  function copy(data) {
    return typeof structuredClone === "function" ? structuredClone(data) : data;
  }

  function loadScript(frameDocument, url) {
    return new Promise(function (resolve, reject) {
      var script = frameDocument.createElement("script");
      script.src = new URL(url, document.baseURI).href;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("importScripts: " + url)); };
      frameDocument.body.appendChild(script);
    });
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      document.body.appendChild(this.frame);
      var scope = this.frame.contentWindow;
      var worker = this;
      scope.postMessage = function (data) {
        var message = copy(data);
        setTimeout(function () { worker.deliver(message); }, 0);
      };
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (previous, next) {
          return previous.then(function () { return loadScript(scope.document, next); });
        }, Promise.resolve());
      };
      this.ready = loadScript(scope.document, url);
    }

    deliver(data) {
      var message = new MessageEvent("message", { data: data });
      this.dispatchEvent(message);
      if (typeof this.onmessage === "function") {
        this.onmessage(message);
      }
    }

    postMessage(data) {
      var frame = this.frame;
      var message = copy(data);
      this.ready.then(function () {
        if (frame && frame.contentWindow) {
          frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: message }));
        }
      });
    }

    terminate() {
      if (this.frame) this.frame.remove();
      this.frame = null;
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
