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

from macros.site import opendata
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

def data_files(site) -> list:
    return sorted(p for p in (site.root / "du-lieu").rglob("*") if p.suffix in (".csv", ".json"))


def table_files(site) -> list:
    return [p for p in data_files(site) if p.suffix == ".csv" and not p.name.startswith("danh-muc-")]


def csv_lines(path) -> list[tuple]:
    """The lines of a file after its header, as tuples of text."""
    return [tuple(r) for r in list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))[1:]]


def figure_texts(records) -> list[tuple]:
    """Every figure in the layout, as the CSV writer writes it (None empty, numbers as text)."""
    text = opendata.to_csv(opendata.figure_lines(records), opendata.COLUMNS).decode("utf-8-sig")
    return [tuple(r) for r in list(csv.reader(io.StringIO(text, newline="")))[1:]]


def test_every_file_has_the_one_layout_with_vietnamese_names(site):
    for path in table_files(site):
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 byte order mark"
        header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert header == ["Kỳ báo cáo", "Tỉnh", "Chỉ số", "Giá trị", "Đơn vị", "Trạng thái", "Ghi chú",
                          "Nguồn", "Mã kỳ", "Mã tỉnh", "Mã chỉ số", "Giá trị đã công bố", "Mã đính chính"], path
    assert not [p for p in data_files(site) if p.suffix == ".json" and p.name != "datapackage.json"
                and p.name != "bo-cuc.json"], "a table as JSON repeats its CSV"


def test_a_line_names_the_province_indicator_and_period_in_vietnamese(site, records):
    lines = csv_lines(site.root / "du-lieu" / "tinh" / "lao-cai.csv")
    line = next(l for l in lines if l[opendata.COLUMNS.index("Mã chỉ số")] == "phuong-tien-do-kiem-dinh")
    assert line[:8] == ("Giai đoạn 2022–2023", "Lào Cai", "Phương tiện đo được kiểm định", "11442",
                        "phương tiện đo", "chính xác", "", "Bản tin KH&CN số 4 năm 2023")
    statuses = {l[5] for p in table_files(site) for l in csv_lines(p)}
    assert statuses <= {"chính xác", "số tối thiểu", "sơ bộ", "đã điều chỉnh", "không báo cáo"}
    assert "không báo cáo" in statuses and "số tối thiểu" in statuses


def test_every_figure_is_in_a_period_file_an_indicator_file_and_a_province_file(site, records):
    """Each of the three views holds every figure once (a province's file has no bloc totals),
    as the records have it, and nothing else: the files repeat no line of their own view."""
    figures = figure_texts(records)
    views = {"period": [], "indicator": [], "province": []}
    for path in table_files(site):
        folder = path.relative_to(site.root / "du-lieu").parts[0]
        view = {"chi-so": "indicator", "tinh": "province"}.get(folder, "period")
        views[view] += csv_lines(path)
    assert sorted(views["period"]) == sorted(figures)
    assert sorted(views["indicator"]) == sorted(figures)
    assert sorted(views["province"]) == sorted(f for f in figures if f[9] != "tong-khoi")


def test_values_are_raw_numbers_and_a_figure_not_reported_is_empty(site):
    for path in table_files(site):
        for line in csv_lines(path):
            value, status = line[3], line[5]
            assert re.fullmatch(r"-?\d+(\.\d+)?", value) if status != "không báo cáo" else value == "", (path, line)


def test_datapackage_passes_frictionless_validate(site):
    package = site.root / "du-lieu" / "datapackage.json"
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", str(package)],
                            capture_output=True, text=True, cwd=package.parent)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, ensure_ascii=False, indent=1)[:3000]
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    paths = {r["path"] for r in descriptor["resources"]}
    assert paths == {p.relative_to(package.parent).as_posix() for p in data_files(site) if p.suffix == ".csv"}
    schema = json.loads((package.parent / "bo-cuc.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in schema["fields"]}
    assert schema["missingValues"] == [""] and fields["Giá trị"]["type"] == "number"
    assert fields["Trạng thái"]["constraints"]["enum"] == ["chính xác", "số tối thiểu", "sơ bộ", "đã điều chỉnh",
                                                          "không báo cáo"]
    assert descriptor["licenses"][0]["title"] == "Creative Commons Ghi công 4.0 Quốc tế"


def test_statistics_pages_link_downloads_and_carry_dataset_jsonld(site):
    for url in (f"/so-lieu/{PERIOD}/", "/chi-so/de-tai-du-an/", "/tinh/lao-cai/"):
        soup = site.soup(url)
        tables = soup.select("figure.khcn-table")
        assert tables, url
        downloads = soup.select(".khcn-table + .khcn-downloads, .khcn-table + .khcn-charts + .khcn-downloads")
        assert len(downloads) == len(tables), url
        for block in downloads:
            hrefs = [a["href"] for a in block.select("a")]
            assert any(h.endswith(".csv") for h in hrefs) and any(h.endswith("datapackage.json") for h in hrefs), url
            if url.startswith("/tinh/"):  # a province's tables share its file, and say so
                assert "Tải số liệu (mọi bảng của tỉnh): CSV" in block.get_text(), block
        datasets = [json.loads(s.string) for s in soup.select('head script[type="application/ld+json"]')]
        datasets = [d for d in datasets if d.get("@type") == "Dataset"]
        assert len(datasets) == len(tables), url
        for dataset in datasets:
            assert [d["encodingFormat"] for d in dataset["distribution"]] == ["text/csv"]
            assert "not_reported" not in dataset["description"]
            for d in dataset["distribution"]:  # relative to the page: the file exists
                assert (site.file_for(url).parent / d["contentUrl"]).resolve().is_file(), d


def test_open_data_page_lists_every_file_in_vietnamese(site, records):
    page = site.content("/du-lieu/")
    text = " ".join(page.get_text(" ").split())
    hrefs = {a["href"] for a in page.select("a[href]")}
    listed = {h for h in hrefs if not h.startswith("http")}
    # A period's tables are linked under each table on its page, which the page links to.
    for item in page.select("li[id^='ky-']"):
        period_url = "/so-lieu/" + item["id"].removeprefix("ky-") + "/"
        listed |= {"../" + resolve(period_url, a["href"])[0].removeprefix("/du-lieu/")
                   for a in site.content(period_url).select(".khcn-downloads a[href$='.csv']")}
    files = {"../" + p.relative_to(site.root / "du-lieu").as_posix() for p in data_files(site)
             if p.name != "bo-cuc.json"}
    listed = {h if h.startswith("../") else "../" + h for h in listed}
    assert not files - listed, sorted(files - listed)[:10]
    assert len(page.select("li[id^='ky-']")) == len(records.periods)
    for english in ("exact", "lower_bound", "not_reported", "provisional", "revised", "Attribution",
                    "International"):
        assert english not in text, english
    licence = page.find("a", rel="license")
    assert licence.get_text() == "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)" and licence["href"].endswith("deed.vi")
    for column in opendata.COLUMNS:
        assert column in text
    for status in ("chính xác", "số tối thiểu", "sơ bộ", "đã điều chỉnh", "không báo cáo"):
        assert status in text


def test_the_reference_lists_are_vietnamese(site, records):
    indicators = csv_lines(site.root / "du-lieu" / "danh-muc-chi-so.csv")
    assert len(indicators) == len(records.indicators)
    assert {l[5] for l in indicators} <= {"số nguyên", "số thập phân", "tỉ lệ %", "có/không"}
    assert {l[6] for l in indicators} == {"có", "không"}
    provinces = csv_lines(site.root / "du-lieu" / "danh-muc-tinh.csv")
    assert ("lao-cai", "Lào Cai", records.provinces["lao-cai"].code) in provinces


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


def test_the_feed_holds_the_latest_20_issues_and_names_its_stylesheet():
    """A bloc of 25 years of issues: the feed has the 20 newest, newest first, and a browser is
    told how to show it (feed.css); every issue stays listed on the site."""
    from types import SimpleNamespace as Record

    from macros.site import feed as feed_module
    bulletins = {f"{2000 + n}-01": Record(id=f"{2000 + n}-01", title=f"Bản tin KH&CN số 1 năm {2000 + n}",
                                          date=dt.date(2000 + n, 3, 1), publisher="Sở KH&CN", number=1,
                                          year=2000 + n, articles=[])
                 for n in range(25)}
    def path(target):  # as MkDocs publishes a page: ban-tin/2024-01.md at ban-tin/2024-01/
        src = target.src_uri
        return src.removesuffix("index.md").removesuffix(".md") + "/" if src.endswith(".md") else src
    site = Record(records=Record(bulletins=bulletins, bloc=Record(name="Khối")), urls=Record(path=path))
    document = feed_module.atom_feed(site, "https://khcn.example/")
    assert document.splitlines()[1] == b'<?xml-stylesheet type="text/css" href="assets/stylesheets/feed.css"?>'
    parsed = feedparser.parse(document)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.links[0].href == "https://khcn.example/feed.xml"
    assert [e.link for e in parsed.entries] == [f"https://khcn.example/ban-tin/{2024 - n}-01/" for n in range(20)]
    assert parsed.feed.updated.startswith("2024-03-01")


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
