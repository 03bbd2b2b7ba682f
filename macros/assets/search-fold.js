/*
 * Search without tone marks: `ha giang` finds Hà Giang, `do luong` finds đo lường.
 *
 * Appended by macros/searchindex.py to Material's search worker
 * (assets/javascripts/workers/search.*.min.js in the built site), after the line that makes
 * lunr global and before any message reaches the worker. Every word lunr indexes that carries
 * Vietnamese marks is indexed twice: as written, and folded to plain Latin letters (đ as d).
 * Both share the word's position, so a result found without marks still highlights the
 * marked word. A query typed with marks matches only the marked words, as before.
 */
(function () {
  "use strict";
  var lunr = self.lunr;
  if (!lunr || !lunr.Builder || lunr.khcnFold) {
    return;
  }

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function foldToken(token) {
    var word = token.toString();
    var folded = fold(word);
    if (folded === word) {
      return token;
    }
    return [token, token.clone(function () { return folded; })];
  }
  lunr.Pipeline.registerFunction(foldToken, "khcnFold");

  // Material sets up the pipeline from its config and the language plugin, then adds the
  // documents: the folding step goes last, once, when the first document is added.
  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (this.pipeline._stack.indexOf(foldToken) < 0) {
      this.pipeline.add(foldToken);
    }
    return add.call(this, doc, attributes);
  };
  lunr.khcnFold = fold;
})();
