/*
 * Search as a reader types: without tone marks (`ha giang` finds Hà Giang, `do luong` finds
 * đo lường), every word typed in each result, and the words found highlighted.
 *
 * Appended by macros/site/searchindex.py to Material's search worker
 * (assets/javascripts/workers/search.*.min.js in the built site), after the line that makes
 * lunr global and before any message reaches the worker.
 *
 * - Folded fields. The index declares three more fields (FOLDED below); as each entry is added
 *   to lunr they are filled from its title, text and hidden words: each word that carries a
 *   Vietnamese mark, folded to plain Latin letters (đ as d), and every other word replaced by
 *   filler that the pipeline drops. A folded title or text thus has its words at the same
 *   places as the title or text it mirrors, so a word found folded is highlighted where it is
 *   written. A query typed without marks matches the folded words; with marks, the words as
 *   written.
 * - Every word typed must be in a result (Material asks lunr for any of them: `ha giang` listed
 *   every page with "hai"). A word lunr drops from the index (a stop word) stays optional, and
 *   when no result holds every word, results holding some of them are listed.
 * - Material searches every word as a prefix (the last one is still being typed). A result
 *   holding a word exactly as typed ranks EXACT times higher for each such word, and there only
 *   that word is highlighted, not the longer words the prefix reaches ("do" marks "đo", not
 *   "doanh"). Once some results hold every word whole, only they are listed: in Vietnamese the
 *   longer words a prefix reaches are other words ("nghi" -> "nghiên", "nghĩa").
 * - lunr-languages' Vietnamese stop word filter is registered, so that lunr does not warn about
 *   it in every page's console.
 */
(function () {
  "use strict";
  var lunr = self.lunr;
  if (!lunr || !lunr.Builder || lunr.khcnFold) {
    return;
  }
  // Folded field <- the field it is made from; a folded field that mirrors a shown one
  // (`shown`) has its words at the same places, and its matches are highlighted there.
  var FOLDED = {
    khcnFoldTitle: { from: "title", shown: true },
    khcnFoldText: { from: "text", shown: true },
    khcnFoldMore: { from: "more", shown: false }
  };
  var SEPARATOR = /[\s\-–—,:!=\[\]()"\/]+/;
  var FILLER = "\uE000";  // a private-use character: never in a page's text
  var EXACT = 4;

  // One letter without its marks, đ as d; a character that does not fold to one letter stays.
  function foldLetter(letter) {
    if (letter === "đ") return "d";
    if (letter === "Đ") return "D";
    var base = letter.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return base.length === 1 ? base : letter;
  }

  function fold(text) {
    return text.normalize("NFC").replace(/[^\x00-\x7F]/g, foldLetter).toLowerCase();
  }

  function separator() {
    var source = (lunr.tokenizer.separator || SEPARATOR).source;
    return new RegExp("(" + source + ")");
  }

  // `text` with each word that carries a mark folded and every other word as filler, letter
  // for letter: the same words at the same places. Separators and the angle brackets that
  // Material's tokenizer reads as markup stay where they are.
  function mirror(text) {
    return String(text).split(separator()).map(function (word, i) {
      if (i % 2 || !word) return word;  // a separator
      var folded = word.replace(/[^\x00-\x7F]/g, foldLetter);
      return folded !== word ? folded : word.replace(/[^<>]/g, FILLER);
    }).join("");
  }

  // Filler holds a place and is never indexed.
  function dropFiller(token) {
    return token.toString().charAt(0) === FILLER ? undefined : token;
  }
  lunr.Pipeline.registerFunction(dropFiller, "khcnDropFiller");

  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (this.pipeline._stack.indexOf(dropFiller) < 0) this.pipeline.add(dropFiller);
    for (var field in FOLDED) {
      var from = doc[FOLDED[field].from];
      if (field in this._fields && doc[field] === undefined && typeof from === "string") {
        doc[field] = mirror(from);
      }
    }
    return add.call(this, doc, attributes);
  };

  // lunr.vi adds its stop word filter to the pipeline without registering it.
  var use = lunr.Builder.prototype.use;
  lunr.Builder.prototype.use = function (plugin) {
    var filter = lunr.vi && lunr.vi.stopWordFilter;
    if (plugin === lunr.vi && filter && !filter.label) {
      lunr.Pipeline.registerFunction(filter, "stopWordFilter-vi");
    }
    return use.apply(this, arguments);
  };

  // The words typed (lower case, NFC), as Material passes them: `ha* giang*`, `+x`, `-y`.
  function clauses(queryString) {
    return String(queryString).normalize("NFC").toLowerCase().split(/\s+/).filter(Boolean)
      .map(function (text) {
        var term = text.replace(/^[+-]/, "").replace(/^[^:]*:/, "").replace(/[~^]\d*$/, "").replace(/\*+$/, "");
        return { text: text, term: term, excluded: text.charAt(0) === "-", marked: text.charAt(0) === "+" };
      });
  }

  function isStopWord(term) {
    var filter = lunr.vi && lunr.vi.stopWordFilter;
    return !!filter && !filter(new lunr.Token(term));
  }

  // The query with every word required (`+ha* +giang*`), but stop words, which are not indexed.
  function requireAll(parts) {
    return parts.map(function (part) {
      return part.excluded || part.marked || !part.term || isStopWord(part.term) ? part.text : "+" + part.text;
    }).join(" ");
  }

  // Matches in a folded field that mirrors a shown one move to that field, each place once.
  function showFolded(metadata) {
    var seen = Object.create(null);
    Object.keys(metadata).forEach(function (term) {
      var fields = metadata[term];
      for (var field in FOLDED) {
        if (!fields[field]) continue;
        if (FOLDED[field].shown) {
          var target = FOLDED[field].from;
          fields[target] = fields[target] || { position: [] };
          fields[target].position = (fields[target].position || []).concat(fields[field].position || []);
        }
        delete fields[field];
      }
      Object.keys(fields).forEach(function (name) {
        var places = seen[name] = seen[name] || Object.create(null);
        fields[name].position = (fields[name].position || []).filter(function (place) {
          var fresh = !places[place];
          places[place] = true;
          return fresh;
        });
      });
    });
  }

  // A word typed whole is highlighted alone, not the longer words its prefix reaches.
  function keepExact(metadata, typed) {
    Object.keys(metadata).forEach(function (term) {
      if (typed.indexOf(term) >= 0) return;
      var reached = typed.some(function (word) { return term.indexOf(word) === 0 && word in metadata; });
      if (reached) delete metadata[term];
    });
  }

  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (queryString) {
    var parts = clauses(queryString);
    var typed = parts.filter(function (p) { return p.term && !p.excluded; }).map(function (p) { return p.term; });
    var indexed = typed.filter(function (term) { return !isStopWord(term); });
    var results = search.call(this, requireAll(parts));
    if (!results.length) results = search.call(this, queryString);  // none holds every word
    results.forEach(function (result) {
      var found = result.matchData.metadata;
      var exact = typed.filter(function (term) { return Object.prototype.hasOwnProperty.call(found, term); });
      result.score *= 1 + EXACT * exact.length;
      result.khcnWhole = indexed.length > 0 && indexed.every(function (term) { return term in found; });
      keepExact(found, typed);
      showFolded(found);
    });
    // Vietnamese words are syllables: what a prefix reaches beyond a whole word ("nghi" ->
    // "nghiên", "nghĩa") is another word. Once some results hold every word whole, only they are listed.
    if (results.some(function (result) { return result.khcnWhole; })) {
      results = results.filter(function (result) { return result.khcnWhole; });
    }
    return results.sort(function (a, b) { return b.score - a.score; });
  };
  lunr.khcnFold = fold;
  lunr.khcnMirror = mirror;
})();
