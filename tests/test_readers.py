"""Readers' features (issue 7): open data files, the Atom feed, the search index, charts.

The session's shared build of the site is read back; one more build checks that the feed
is the same on every build.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import feedparser
import pytest

from macros.site.searchindex import FOLD_MARK, FOLD_SCRIPT, LEDE, MORE_WORDS, compact, lede, write_search_index
from site_helpers import SiteProject, resolve

PERIOD = "2022-2023"


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


def read_csv(path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 byte order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def number(text: str):
    return float(text) if text else None


def expected(value):
    return float(int(value) if isinstance(value, bool) else value)


# --- Open data -------------------------------------------------------------------------------

def test_period_csv_round_trips_to_the_records(site, records):
    rows = read_csv(site.root / "du-lieu" / PERIOD / "so-lieu.csv")
    figures = [f for f in records.figures if f.period == PERIOD]
    assert len(rows) == len(figures)
    by_key = {(r["province"] or None, r["indicator"]): r for r in rows}
    for f in figures:
        row = by_key[(f.province, f.indicator)]
        assert row["status"] == f.status
        if f.reported:
            assert number(row["value"]) == expected(f.value), (f.province, f.indicator)
        else:
            assert row["value"] == "", "a figure not reported must not be written as a number"


def test_every_table_csv_matches_the_records(site, records):
    """Each cell of each table's CSV is the record's number, or explicitly not reported."""
    index = {(f.period, f.province, f.indicator): f for f in records.figures}
    checked = 0
    for path in (site.root / "du-lieu").rglob("*.csv"):
        if path.name in ("so-lieu.csv", "chi-so.csv", "tinh.csv"):
            continue
        for row in read_csv(path):
            assert row["status"] in {"exact", "lower_bound", "provisional", "revised", "not_reported",
                                     "computed", "computed_partial", "not_summed"}, row
            if row["row_id"] in ("cong-cac-tinh",) or row["status"] == "not_summed":
                continue
            province = None if row["row_id"] == "tong-khoi" else row["row_id"]
            period = row["column_id"] if row["column_id"] in records.periods else PERIOD
            if row["row_id"] in records.indicators:  # a province's table: rows are indicators
                province = path.parent.name
            figure = index.get((period, province, row["indicator"]))
            if row["status"] == "not_reported":
                assert row["value"] == "" and (figure is None or not figure.reported), (path.name, row)
            else:
                assert number(row["value"]) == expected(figure.value), (path.name, row)
            checked += 1
    assert checked > 100


def test_csv_values_are_raw_numbers(site):
    text = (site.root / "du-lieu" / PERIOD / "so-lieu.csv").read_text(encoding="utf-8-sig")
    values = [row["value"] for row in csv.DictReader(io.StringIO(text))]
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", v) for v in values if v), "formatted numbers in the CSV"


def test_table_json_matches_its_csv(site):
    for path in (site.root / "du-lieu" / "chi-so").glob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        rows = read_csv(path.with_suffix(".csv"))
        assert document["licence"]["name"] == "CC-BY-4.0"
        assert [number(r["value"]) for r in rows] == [
            None if r["value"] is None else float(r["value"]) for r in document["rows"]]


def test_datapackage_passes_frictionless_validate(site):
    package = site.root / "du-lieu" / PERIOD / "datapackage.json"
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", str(package)],
                            capture_output=True, text=True, cwd=package.parent)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, ensure_ascii=False, indent=1)[:3000]
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    figures = descriptor["resources"][0]["schema"]
    assert figures["missingValues"] == [""]
    assert {f["name"]: f["type"] for f in figures["fields"]}["value"] == "number"
    assert "unit" in {f["name"] for f in figures["fields"]}


def test_statistics_pages_link_downloads_and_carry_dataset_jsonld(site):
    for url in (f"/so-lieu/{PERIOD}/", "/chi-so/de-tai-du-an/"):
        soup = site.soup(url)
        tables = soup.select("figure.khcn-table")
        assert tables, url
        downloads = soup.select(".khcn-table + .khcn-downloads, .khcn-table + .khcn-charts + .khcn-downloads")
        assert len(downloads) == len(tables), url
        for block in downloads:
            hrefs = [a["href"] for a in block.select("a")]
            assert any(h.endswith(".csv") for h in hrefs) and any(h.endswith(".json") for h in hrefs), url
        datasets = [json.loads(s.string) for s in soup.select('head script[type="application/ld+json"]')]
        datasets = [d for d in datasets if d.get("@type") == "Dataset"]
        assert len(datasets) == len(tables), url
        for dataset in datasets:
            formats = {d["encodingFormat"] for d in dataset["distribution"]}
            assert formats == {"text/csv", "application/json"}
            assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
            for d in dataset["distribution"]:  # relative to the page: the file exists
                assert (site.file_for(url).parent / d["contentUrl"]).resolve().is_file(), d


def test_open_data_page_lists_every_download_with_its_licence(site, records):
    page = site.content("/du-lieu/")
    hrefs = {a["href"] for a in page.select("a[href]")}
    files = {p.relative_to(site.root / "du-lieu").as_posix()
             for p in (site.root / "du-lieu").rglob("*") if p.suffix in (".csv", ".json")}
    listed = {h for h in hrefs if not h.startswith("http")}
    # A period is one line (its package lists its tables), so the page does not grow with
    # the years; each table's JSON is linked under the table on the period's page.
    for package in [h for h in listed if h.endswith("datapackage.json")]:
        folder = package.rsplit("/", 1)[0]
        resources = json.loads((site.root / "du-lieu" / package).read_text(encoding="utf-8"))["resources"]
        listed |= {f"{folder}/{r['path']}" for r in resources}
        period_page = site.content(f"/so-lieu/{folder}/")
        listed |= {f"{folder}/{a['href'].rsplit('/', 1)[-1]}" for a in period_page.select(".khcn-downloads a[href$='.json']")}
    missing = {f for f in files if f not in listed}
    assert not missing, sorted(missing)[:10]
    assert len(page.select("li[id^='ky-']")) == len(records.periods)
    assert "CC BY 4.0" in page.get_text()


# --- Feed ------------------------------------------------------------------------------------

def test_feed_parses_with_the_issue_dates(site, records):
    feed = feedparser.parse((site.root / "feed.xml").read_bytes(),
                            response_headers={"content-location": "http://example.test/feed.xml",
                                              "content-type": "application/atom+xml"})
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    entries = {e.link: e for e in feed.entries}
    assert len(entries) == len(records.bulletins)
    for bulletin in records.bulletins.values():
        entry = entries[f"http://example.test/ban-tin/{bulletin.id}/"]
        assert entry.title == bulletin.title
        issued = dt.datetime.combine(bulletin.date, dt.time(), dt.timezone(dt.timedelta(hours=7)))
        for parsed in (entry.published_parsed, entry.updated_parsed):  # feedparser gives UTC
            assert dt.datetime(*parsed[:6], tzinfo=dt.timezone.utc) == issued


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    return SiteProject.copy(tmp_path_factory.mktemp("readers-again")).build()


def test_feed_is_the_same_on_every_build(site, rebuilt):
    again = rebuilt
    assert (again.root / "feed.xml").read_bytes() == (site.root / "feed.xml").read_bytes()


def test_every_page_links_the_feed(site):
    for url in ("/", "/ban-tin/", f"/so-lieu/{PERIOD}/", "/du-lieu/"):
        links = site.soup(url).select('head link[rel="alternate"][type="application/atom+xml"]')
        assert len(links) == 1, url
        assert (site.file_for(url).parent / links[0]["href"]).resolve() == (site.root / "feed.xml").resolve()


# --- The search index ------------------------------------------------------------------------

SEPARATOR = r'[\s\-,:!=\[\]()"/]+'


def index_of(*docs):
    return {"config": {"separator": SEPARATOR, "fields": {"title": {"boost": 1000}}},
            "docs": [dict(location=f"p{n}/", **doc) for n, doc in enumerate(docs)]}


def test_lede_cuts_at_a_word_boundary_and_says_so():
    text = "Sở Khoa học và Công nghệ tỉnh Lào Cai tổ chức hội nghị"
    assert lede(text, 20) == ("Sở Khoa học và Công …", "nghệ tỉnh Lào Cai tổ chức hội nghị")
    assert lede(text, 200) == (text, "")
    assert lede("x" * 30, 10) == ("x" * 10 + " …", "x" * 20)  # one long word: cut inside it


def test_compact_entry_shows_its_lede_and_keeps_the_rarest_other_words_searchable():
    common = "kết quả hợp tác khoa học công nghệ "
    index = compact(index_of(
        {"title": "Tỉnh Lào Cai", "text": "<p>Tỉnh Lào Cai " + common * 3 + "trồng sâm Ngọc Linh.</p>"},
        {"title": "Tỉnh Phú Thọ", "text": "<p>" + common * 4 + "</p>"}), lede_length=60, more_words=3)
    first = index["docs"][0]
    assert first["text"] == "kết quả hợp tác khoa học công nghệ kết quả hợp tác khoa học …"  # title not repeated
    # Words of the rest that are in one entry only come first; the order is the text's.
    assert first["more"] == "trồng sâm ngọc"
    assert index["config"]["fields"]["more"] == {"boost": 1.0}
    assert "more" not in compact(index_of({"title": "T", "text": "ngắn"}))["docs"][0]


def test_an_empty_section_under_a_heading_many_pages_share_is_left_out():
    index = index_of({"title": "Số liệu", "text": ""}, {"title": "Số liệu", "text": ""},
                     {"title": "Hội nghị", "text": ""}, {"title": "Số liệu", "text": "Chưa có số liệu."},
                     {"title": "Trang", "text": ""})
    for n, doc in enumerate(index["docs"][:4]):
        doc["location"] = f"p{n}/#muc"
    kept = [(d["location"], d["title"]) for d in compact(index)["docs"]]
    # Kept: a heading of one page only, a section with text, a page's own entry.
    assert kept == [("p2/#muc", "Hội nghị"), ("p3/#muc", "Số liệu"), ("p4/", "Trang")]


def test_compact_is_deterministic_and_drops_tags_but_keeps_entities():
    doc = {"title": "KH&amp;CN", "text": "<p>Sở KH&amp;CN &lt;b&gt; <code>data/</code></p>"}
    once = compact(index_of(dict(doc)))
    assert once["docs"][0]["text"] == "Sở KH&amp;CN &lt;b&gt; data/"
    assert compact(index_of(dict(doc))) == once


def test_built_search_index_is_compact_and_the_worker_folds_tone_marks(site):
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    assert all(len(d["text"]) <= LEDE + 2 and "<" not in d["text"] for d in docs)
    assert all(len(d.get("more", "").split()) <= MORE_WORDS for d in docs)
    assert not any("fold" in d for d in docs) and "more" in index["config"]["fields"]
    assert {"khcnFoldTitle", "khcnFoldText"} <= set(index["config"]["fields"])  # filled by the worker
    workers = list((site.root / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert len(workers) == 1 and workers[0].read_text(encoding="utf-8").endswith(FOLD_SCRIPT.read_text(encoding="utf-8"))


def test_each_bulletin_article_is_a_search_result_and_boilerplate_is_not(site, records):
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"]: d for d in index["docs"]}
    for bulletin in records.bulletins.values():
        for number, article in enumerate(bulletin.articles, start=1):
            assert locations[f"ban-tin/{bulletin.id}/#bai-{number}"]["title"] == article.title
        sections = {loc.split("#")[1] for loc in locations if loc.startswith(f"ban-tin/{bulletin.id}/#")}
        assert sections == {f"bai-{n}" for n in range(1, len(bulletin.articles) + 1)}  # no Nguồn, Trích dẫn…
    assert not [loc for loc, d in locations.items() if d["text"].startswith("Các kỳ trước")]


def test_writing_the_index_twice_patches_the_worker_once(site, tmp_path):
    import shutil
    copy = tmp_path / "site"
    shutil.copytree(site.root / "search", copy / "search")
    shutil.copytree(site.root / "assets" / "javascripts" / "workers", copy / "assets" / "javascripts" / "workers")
    before = next((copy / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    index_before = (copy / "search" / "search_index.json").read_text(encoding="utf-8")
    write_search_index(copy)
    write_search_index(copy)
    after = next((copy / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    assert after == before and after.count(FOLD_MARK) == before.count(FOLD_MARK) > 0
    assert (copy / "search" / "search_index.json").read_text(encoding="utf-8") == index_before


# --- Charts ----------------------------------------------------------------------------------

def charts(site, url):
    return site.content(url).select("figure.khcn-chart")


def test_every_chart_has_a_title_a_text_and_its_svg_file(site):
    seen = 0
    for url in site.html_pages():
        for chart in charts(site, url):
            title = chart.select_one("figcaption").get_text()
            assert title.strip(), url
            image = chart.select_one("[role=img]")
            if image is not None:  # a line chart: an image named by its title and every value
                title_id, desc_id = image["aria-labelledby"].split()
                assert chart.find(id=title_id).get_text() == title and chart.find(id=desc_id).get_text()
            else:  # bars: the names and values are text
                assert [len(li.select("span")) for li in chart.select(".khcn-bars li")] == \
                    [2] * len(chart.select(".khcn-bars li")) > []
            assert not chart.find("script") and not chart.select("[style]"), "no script, no inline style"
            link = chart.find("a", string="Tải biểu đồ (SVG)")
            path, _ = resolve(url, link["href"])
            svg = ET.parse(site.file_for(path)).getroot()
            assert svg.find("{http://www.w3.org/2000/svg}title").text == title
            seen += 1
    assert seen > 0


def test_period_page_has_a_bar_chart_for_each_summed_indicator_reported_by_two_provinces(site, records):
    page = charts(site, f"/so-lieu/{PERIOD}/")
    reported: dict[str, int] = {}
    for f in records.figures:
        if f.period == PERIOD and f.province and f.reported and not isinstance(f.value, bool):
            reported[f.indicator] = reported.get(f.indicator, 0) + 1
    expected = [i.label for i in records.indicators.values() if i.summed and reported.get(i.id, 0) >= 2]
    assert [c.select_one("figcaption").get_text().split(" (")[0] for c in page] == expected
    text = " ".join(" ".join(c.get_text(" ").split()) for c in page)
    assert "Lào Cai 656" in text and "Không báo cáo: Hà Giang." in text
    assert "Nguồn: Bản tin KH&CN số 4 năm 2023." in text
    measuring = charts(site, "/chi-so/phuong-tien-do-kiem-dinh/")
    assert "Vĩnh Phúc 98.447" in " ".join(measuring[0].get_text(" ").split())


def test_charts_are_deterministic(site, rebuilt):
    again = rebuilt
    url = f"/so-lieu/{PERIOD}/"
    assert [str(s) for s in charts(again, url)] == [str(s) for s in charts(site, url)]
    for svg in (site.root / "bieu-do").rglob("*.svg"):
        assert svg.read_bytes() == (again.root / svg.relative_to(site.root)).read_bytes(), svg


def test_a_chart_of_many_provinces_draws_the_largest_and_says_so():
    from bs4 import BeautifulSoup

    from macros.site import charts as charts_module
    labels = [f"Tỉnh {n:02d}" for n in range(30)]
    bar = charts_module.bar_chart("khcn-chart-t", "Chỉ số", labels, list(range(30)), "đơn vị")
    svg = BeautifulSoup(bar.svg, "html.parser")
    assert len(svg.select("g.bar")) == len(BeautifulSoup(bar.html, "html.parser").select("li")) \
        == charts_module.MAX_BARS == 12
    assert bar.title == "Chỉ số – 12 tỉnh có số lớn nhất"
    assert "Tỉnh 29 29" in bar.description and "Tỉnh 17 17" not in bar.description
    series = [(f"Tỉnh {n:02d}", [n, n + 1]) for n in range(20)]
    line = charts_module.line_chart("khcn-chart-l", "Chỉ số", ["2022", "2023"], series, "đơn vị")
    assert len(BeautifulSoup(line.svg, "html.parser").select("path.line.nofill")) == charts_module.MAX_SERIES == 8
    assert "Tỉnh 19:" in line.description and "Tỉnh 11:" not in line.description
    assert len(bar.html) < 1500  # a few bytes a bar: a period page has many charts


def test_a_bulletin_links_to_the_charts_on_the_period_page_instead_of_repeating_them(site, records):
    bulletin = next(iter(records.bulletins))
    page = site.content(f"/ban-tin/{bulletin}/")
    assert page.select(".khcn-table") and not page.select(".khcn-chart")
    links = [a["href"] for a in page.select(".khcn-downloads a") if a.get_text() == "Bảng đầy đủ và biểu đồ"]
    assert links and all(h.startswith(f"../../so-lieu/{PERIOD}/#nhom-") for h in links)
    period_page = site.content(f"/so-lieu/{PERIOD}/")
    for href in links:
        assert period_page.select_one(f"#{href.rsplit('#', 1)[1]}"), href
    assert period_page.select(".khcn-chart")
