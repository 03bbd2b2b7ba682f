/*
 * Search without tone marks: `ha giang` finds Hà Giang, `do luong` finds đo lường.
 *
 * Appended by macros/site/searchindex.py to Material's search worker
 * (assets/javascripts/workers/search.*.min.js in the built site), after the line that makes
 * lunr global and before any message reaches the worker. The index declares two more fields
 * (FIELDS below); as each entry is added to lunr, they are filled with the entry's words that
 * carry Vietnamese marks, folded to plain Latin letters (đ as d), each once: its title's words
 * count like the title, the others like the text. A query typed without marks matches them; a
 * query with marks matches the words as written. Material shows and highlights only the title
 * and the text, so a result found without marks is shown as it is written. Words typed whole
 * rank above words they only begin (see EXACT below).
 */
(function () {
  "use strict";
  var lunr = self.lunr;
  if (!lunr || !lunr.Builder || lunr.khcnFold) {
    return;
  }
  // Folded field <- the entry's fields it is made from (searchindex.py declares the first).
  var FIELDS = { khcnFoldTitle: ["title"], khcnFoldText: ["text", "more"] };
  var SEPARATOR = /[\s\-,:!=\[\]()"\/]+/;

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // The words of `text` that change when folded, folded, each once, in order.
  function foldedWords(text) {
    var seen = Object.create(null);
    var found = [];
    var words = text.replace(/<[^>]*>/g, " ").normalize("NFC")
      .split(lunr.tokenizer.separator || SEPARATOR);
    for (var i = 0; i < words.length; i++) {
      var word = words[i].toLowerCase();
      var folded = fold(word);
      if (folded !== word && !seen[folded]) {
        seen[folded] = true;
        found.push(folded);
      }
    }
    return found.join(" ");
  }

  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    for (var field in FIELDS) {
      if (field in this._fields && doc[field] === undefined) {
        doc[field] = foldedWords(FIELDS[field].map(function (name) { return doc[name] || ""; }).join(" "));
      }
    }
    return add.call(this, doc, attributes);
  };
  lunr.khcnFold = fold;

  // Material searches every word typed as a prefix ("hoi nghi" as hoi* nghi*), and lunr weighs
  // every word a prefix reaches alike: the rarer "nghiệp" outranked "Hội nghị". A result that
  // holds a word typed exactly (as written or folded) is ranked up, EXACT times for each word.
  var EXACT = 4;
  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (queryString) {
    var results = search.call(this, queryString);
    var typed = [];
    String(queryString).normalize("NFC").toLowerCase().split(/\s+/).forEach(function (term) {
      if (!term || term.charAt(0) === "-") return;  // a word the reader excluded
      term = term.replace(/^\+/, "").replace(/^[^:]*:/, "").replace(/[~^]\d*$/, "").replace(/\*+$/, "");
      if (term) typed.push(term);
    });
    if (!typed.length) return results;
    results.forEach(function (result) {
      var found = result.matchData.metadata;
      var exact = typed.filter(function (term) { return Object.prototype.hasOwnProperty.call(found, term); });
      result.score *= 1 + EXACT * exact.length;
    });
    return results.sort(function (a, b) { return b.score - a.score; });
  };
})();
