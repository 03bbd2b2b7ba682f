"""The search index: light to download, and searchable without tone marks.

Material's search plugin writes `search/search_index.json`, one entry per section of a page
(the part under a heading with an id) holding its title and all its text. A reader's browser
downloads the file the first time they search and builds a lunr index from it. After the
plugin has written it (on_post_build; the offline plugin, which turns it into
search_index.js, runs later), each entry is rewritten:

- `text`, what a search result shows: plain text, without the title repeated, cut at a word
  boundary after at most LEDE characters (the first lines of an article, a page's intro);
- `more`, a field that is searched but never shown: the MORE_WORDS words of the rest of the
  section that are rarest across the whole site (names, places, topics: the words that tell a
  section apart; lunr matches words, not phrases, so word order is not needed);
- a section with no text of its own under a heading that several pages share is left out.

An entry's size is thus bounded whatever the length of the page, and the index grows with the
number of sections, not with the amount of text. Tables, charts, citations and navigation
lists are left out by the templates (`data-search-exclude`, or put back after the plugin read
the page).

Searching without tone marks is done in the browser: macros/site/assets/search-fold.js is appended
to Material's search worker and fills three more fields of each entry (FOLD_FIELDS) with the
marked words of its title, text and `more`, folded (đ as d), each at the place of the word it
folds so that a word found folded is highlighted as written; the folded title counts like the
title. The same script requires every typed word in a result and ranks whole words first.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

LEDE = 100  # characters of a section's text that a search result shows: about three lines on a phone
MORE_WORDS = 8  # rarest words of the rest of the section, searched but not shown
FIELD, FIELD_BOOST = "more", 1.0  # counts like the text, well below the title's 1000
# Filled in the reader's browser by search-fold.js: the folded words of the title, the text, `more`.
FOLD_FIELDS = {"khcnFoldTitle": 1000.0, "khcnFoldText": 1.0, "khcnFoldMore": FIELD_BOOST}
FOLD_SCRIPT = Path(__file__).parent / "assets" / "search-fold.js"
FOLD_MARK = "khcnFold"  # in the script: a worker already patched is left alone

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_PUNCTUATION = ".;?…“”‘’'\"«»"


def plain(text: str) -> str:
    """The text of an entry without its HTML tags, one space between words, NFC."""
    return unicodedata.normalize("NFC", _SPACE.sub(" ", _TAG.sub(" ", text)).strip())


def words(text: str, separator: re.Pattern) -> list[str]:
    """Lower-case words as lunr cuts them (the search plugin's separator), punctuation trimmed."""
    found = []
    for word in separator.split(text.lower()):
        word = word.strip(_PUNCTUATION)
        if word:
            found.append(word)
    return found


def lede(text: str, limit: int = LEDE) -> tuple[str, str]:
    """(what is shown, the rest): `text` cut at the last space before `limit` characters."""
    if len(text) <= limit:
        return text, ""
    cut = text.rfind(" ", 0, limit + 1)
    if cut <= 0:
        cut = limit
    return text[:cut].rstrip(" ,;:") + " …", text[cut:].strip()


def _without_title(text: str, title: str) -> str:
    """A page's first section often starts with its own title (the h1): said once is enough."""
    title = plain(title)
    if title and text.startswith(title):
        return text[len(title):].lstrip(" .:")
    return text


def compact(index: dict, lede_length: int = LEDE, more_words: int = MORE_WORDS) -> dict:
    """The index with each entry's text cut to its lede and the rarest other words in `more`."""
    if FIELD in index["config"].get("fields", {}):
        return index  # compacted already (its config declares `more`)
    separator = re.compile(index["config"]["separator"])
    docs = index["docs"]
    for doc in docs:  # search-fold.js folds the title letter for letter: composed letters only
        doc["title"] = unicodedata.normalize("NFC", doc.get("title", ""))
    texts = [_without_title(plain(doc.get("text", "")), doc.get("title", "")) for doc in docs]
    # In how many entries each word appears: the fewer, the better it tells an entry apart.
    frequency = Counter(word for text in texts for word in set(words(text, separator)))
    for doc, text in zip(docs, texts):
        shown, rest = lede(text, lede_length)
        doc["text"] = shown
        if not rest:
            continue
        known = set(words(f"{doc.get('title', '')} {shown}", separator))
        candidates: dict[str, None] = {}
        for word in words(html.unescape(rest), separator):  # `more` is never shown: no entities
            if word not in known:
                candidates.setdefault(word, None)
        rarest = sorted(candidates, key=lambda w: frequency[w])[:more_words]  # stable: first seen first
        if rarest:
            order = {w: i for i, w in enumerate(candidates)}
            doc[FIELD] = " ".join(sorted(rarest, key=order.__getitem__))
    fields = index["config"].setdefault("fields", {})
    fields[FIELD] = {"boost": FIELD_BOOST}
    fields.update({name: {"boost": boost} for name, boost in FOLD_FIELDS.items()})
    pages_by_title: dict[str, set[str]] = {}
    for doc in docs:
        pages_by_title.setdefault(doc.get("title", ""), set()).add(doc["location"].split("#")[0])
    # A section with no text of its own under a heading several pages share ("Số liệu" above a
    # province's tables, which are not indexed) would be a result that tells the reader nothing.
    index["docs"] = [doc for doc in docs if "#" not in doc["location"] or doc["text"] or doc.get(FIELD)
                     or len(pages_by_title[doc.get("title", "")]) < 2]
    return index


def patch_worker(site_dir: Path) -> list[Path]:
    """Append the folding script to Material's search worker(s) in the built site, once."""
    script = FOLD_SCRIPT.read_text(encoding="utf-8")
    patched = []
    for worker in sorted((Path(site_dir) / "assets" / "javascripts" / "workers").glob("search.*.min.js")):
        code = worker.read_text(encoding="utf-8")
        if FOLD_MARK not in code:
            worker.write_text(code.rstrip("\n") + "\n" + script, encoding="utf-8")
        patched.append(worker)
    return patched


def write_search_index(site_dir: Path) -> Path | None:
    """Rewrite `search/search_index.json` under `site_dir` compacted, and patch the worker;
    None when the site has no search index."""
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return None
    index = compact(json.loads(path.read_text(encoding="utf-8")))
    # Compact JSON, as the search plugin writes it: every reader who searches downloads it.
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    if not patch_worker(site_dir):
        raise FileNotFoundError("không thấy tệp search.*.min.js của Material trong "
                                f"{site_dir}/assets/javascripts/workers: không tìm được khi gõ không dấu")
    return path
