"""The site's search worker (Material's, with macros/assets/search-fold.js appended) run in Node
on the built index: what the search dialog would list, without a browser's timing.

Marked `browser`: it needs Node, which `make test` installs with the browser tests' tools.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

HARNESS = Path(__file__).with_name("search_worker.js")


@pytest.fixture(scope="module")
def search(built_site):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: `make test` installs it with the browser tests' tools")

    def run(*queries: str, groups: bool = False) -> dict[str, list]:
        done = subprocess.run([node, str(HARNESS), str(built_site), *queries], capture_output=True,
                              text=True, timeout=120, check=True)
        run.logged = done.stderr
        key = "groups" if groups else "results"
        return {line["query"]: line[key] for line in map(json.loads, done.stdout.splitlines())}
    return run


@pytest.mark.parametrize("query, first", [
    ("ha giang", "tinh/ha-giang/"), ("Hà Giang", "tinh/ha-giang/"), ("lao cai", "tinh/lao-cai/"),
    ("Lào Cai", "tinh/lao-cai/"), ("phu tho", "tinh/phu-tho/"), ("thai nguyen", "tinh/thai-nguyen/")])
def test_a_province_typed_with_or_without_marks_comes_first(search, query, first):
    assert search(query)[query][0]["location"] == first


@pytest.mark.parametrize("query", ["hoi nghi", "hội nghị", "nghi"])
def test_a_word_typed_whole_ranks_above_words_it_only_begins(search, query):
    """Every word is searched as a prefix: "nghi" also reaches "nghiệp", a rarer word that
    would otherwise come first. Sections titled "Hội nghị" come before any "nghiệp" page."""
    titles = [re.sub(r"</?mark>", "", r["title"]) for r in search(query)[query] if r["score"] > 0]
    first_other = next((i for i, t in enumerate(titles) if "nghiệp" in t), len(titles))
    assert titles[0].startswith("Hội nghị") and first_other > titles.index("Hội nghị")


def test_words_without_marks_find_the_marked_ones(search):
    results = search("buc xa", "do luong")
    assert "bức xạ" in re.sub(r"</?mark>", "", results["buc xa"][0]["title"]).lower()
    assert any("đo lường" in re.sub(r"</?mark>", "", r["title"]).lower() for r in results["do luong"][:5])


def test_highlights_are_well_formed_whatever_the_query(search):
    """A word found both as written and folded is marked once, never a <mark> inside a <mark>."""
    for query, results in search("hội nghị", "hoi nghi", "nghi", "ha", "Hà Giang", "đo").items():
        for result in results:
            for shown in (result["title"], result["text"]):
                assert "<mark><mark>" not in shown and "mar<" not in shown, (query, shown)
                assert shown.count("<mark>") == shown.count("</mark>"), (query, shown)
                assert not re.search(r"<(?!/?mark>)", shown), (query, shown)


def test_a_word_only_in_the_rest_of_an_article_finds_it(search, built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    article = next(d for d in index["docs"] if "#bai-" in d["location"] and d.get("more"))
    word = next(w for w in article["more"].split() if len(w) > 3 and w.isalpha())
    assert article["location"] in [r["location"] for r in search(word)[word]]


# Queries a reader would type, with and without tone marks: provinces, topics, a year.
PRECISION_QUERIES = ["ha giang", "Hà Giang", "lao cai", "Lào Cai", "phu tho", "thai nguyen", "tuyen quang",
                     "do luong", "đo lường", "buc xa", "so huu tri tue", "sở hữu trí tuệ", "hoi nghi",
                     "hội nghị", "2023", "kiem dinh"]
MARK = re.compile(r"<mark>(.*?)</mark>")


def fold(text: str) -> str:
    """As search-fold.js folds: marks dropped, đ as d, lower case."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c))).lower()


def as_typed(word: str, query_word: str) -> str:
    """A word of a page compared with a query word: folded when the query word has no marks."""
    return word.lower() if fold(query_word) != query_word.lower() else fold(word)


def page_words(*texts: str) -> list[str]:
    return [w for t in texts for w in re.split(r"\W+", html.unescape(MARK.sub(r"\1", t))) if w]


def holds(entry: dict, query: str) -> bool:
    """Every word of the query is a whole word of the entry (title, text or its hidden words)."""
    words = page_words(entry["title"], entry.get("text", ""), entry.get("more", ""))
    return all(any(as_typed(w, q) == q.lower() for w in words) for q in query.split())


def marks_match(result: dict, query: str) -> bool:
    """Every highlighted word is a query word, and each query word shown is highlighted."""
    typed = [q.lower() for q in query.split()]
    marked = [html.unescape(m) for t in (result["title"], result["text"]) for m in MARK.findall(t)]
    if not all(any(as_typed(m, q) == q for q in typed) for m in marked):
        return False
    shown = page_words(result["title"], result["text"])
    return all(any(as_typed(m, q) == q for m in marked) for q in typed if any(as_typed(w, q) == q for w in shown))


def test_precision_at_5_of_queries_a_reader_types(search, built_site):
    """The first 5 pages listed hold every word typed (the page's best match, as the dialog shows
    it first), and their highlighting marks those words and no other."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {d["location"]: d for d in index["docs"]}
    report, failures = [], []
    for query, groups in search(*PRECISION_QUERIES, groups=True).items():
        best = [next(r for r in group if r["score"] > 0) for group in groups[:5]]
        held = [holds(entries[r["location"]], query) for r in best]
        marked = [marks_match(r, query) for r in best]
        report.append(f"{query!r:20} P@5 = {sum(held) / max(len(best), 1):.2f} "
                      f"({sum(held)}/{len(best)} of {len(groups)} pages), highlighting right in {sum(marked)}/{len(best)}")
        failures += [f"{query!r}: {r['location']} {r['title']!r} {r['text']!r} holds={h} marks={m}"
                     for r, h, m in zip(best, held, marked) if not (h and m)]
        assert best, f"{query!r}: no result"
    print("\n" + "\n".join(report))
    assert len(PRECISION_QUERIES) >= 10
    assert failures == [], "\n".join(report + failures)


def test_the_worker_logs_nothing(search):
    """lunr warned on every page that the Vietnamese stop word filter was not registered."""
    search("ha giang")
    assert search.logged == ""
