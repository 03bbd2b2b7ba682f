"""Search without tone marks: `ha giang` finds Hà Giang, `do luong` finds đo lường.

Material's search worker builds its lunr index in the browser from `search/search_index.json`,
with one lunr field per entry of `config.fields` (Material's `integrations/search/_/index.ts`).
After the search plugin has written that file, each document gets one more field, `fold`: its
words that carry Vietnamese marks, folded to plain Latin letters (đ -> d) and listed once. A
query typed without marks matches that field; a query with marks matches `title` and `text` as
before. Results still show the text with its marks: Material displays only `title`, `text` and
`tags`. Words are split by the same separator as the search plugin, so they are found whole.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

FIELD = "fold"
# Matches on the folded words count like matches in the text, well below the title's 1000.
FIELD_BOOST = 1.0
_TAG = re.compile(r"<[^>]+>")
_PUNCTUATION = ".;?…“”‘’'\"«»"


def fold(text: str) -> str:
    """'Đo lường Hà Giang' -> 'do luong ha giang': no tone or vowel marks, đ as d, lower case."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def folded_words(text: str, separator: re.Pattern) -> list[str]:
    """The words of `text` that change when folded, folded, each once, in order of appearance."""
    plain = unicodedata.normalize("NFC", _TAG.sub(" ", text))
    seen: dict[str, None] = {}
    for word in separator.split(plain):
        word = word.strip(_PUNCTUATION)
        folded = fold(word)
        if folded and folded != word.lower():
            seen.setdefault(folded, None)
    return list(seen)


def add_folded_field(index: dict) -> dict:
    """The search index with the `fold` field declared in its config and filled in each document."""
    separator = re.compile(index["config"]["separator"])
    index["config"].setdefault("fields", {})[FIELD] = {"boost": FIELD_BOOST}
    for doc in index["docs"]:
        words = folded_words(f"{doc.get('title', '')} {doc.get('text', '')}", separator)
        if words:
            doc[FIELD] = " ".join(words)
    return index


def fold_search_index(site_dir: Path) -> Path | None:
    """Rewrite `search/search_index.json` under `site_dir` with the folded field; None if absent."""
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return None
    index = add_folded_field(json.loads(path.read_text(encoding="utf-8")))
    # Compact, as the search plugin writes it: the index is downloaded by every reader who searches.
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path
