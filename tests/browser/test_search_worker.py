"""The site's search worker (Material's, with macros/assets/search-fold.js appended) run in Node
on the built index: what the search dialog would list, without a browser's timing.

Marked `browser`: it needs Node, which `make test` installs with the browser tests' tools.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

HARNESS = Path(__file__).with_name("search_worker.js")


@pytest.fixture(scope="module")
def search(built_site):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: `make test` installs it with the browser tests' tools")

    def run(*queries: str) -> dict[str, list[dict]]:
        out = subprocess.run([node, str(HARNESS), str(built_site), *queries], capture_output=True,
                             text=True, timeout=120, check=True).stdout
        return {line["query"]: line["results"] for line in map(json.loads, out.splitlines())}
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
