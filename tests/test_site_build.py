"""Small sites built from the records in a temporary folder and read back with BeautifulSoup.

Three sites: the records of tests/fixtures/records/ (the session's shared build); those records
plus provinces added only as YAML (Điện Biên, a member with a report; Dương with a report;
Đắk Lắk with no figures); and those records plus 30 synthetic provinces (size check), each
built once for this module.
"""
from __future__ import annotations

import re

import pytest

from site_helpers import (REPO, GoldenRefused, SiteProject, golden_update_wanted, nav_urls, normalise_html,
                          province_yaml, report_yaml, resolve)

GOLDEN = REPO / "tests" / "golden" / "so-lieu-2022-2023.html"
PERIOD = "/so-lieu/2022-2023/"

REAL_PROVINCE_ORDER = ["Bắc Kạn", "Cao Bằng", "Hà Giang", "Hòa Bình", "Lai Châu", "Lào Cai",
                       "Phú Thọ", "Thái Nguyên", "Tuyên Quang", "Vĩnh Phúc", "Yên Bái"]


@pytest.fixture(scope="module")
def real(built_site):
    return built_site


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    """New provinces added only as YAML files, and a content page heading with Đ."""
    project = SiteProject.copy(tmp_path_factory.mktemp("extended"))
    project.write("data/provinces/dien-bien.yml", province_yaml("dien-bien", "Điện Biên", "11"))
    project.write("data/reports/dien-bien/2022-2023.yml", report_yaml("dien-bien", {
        "phuong-tien-do-kiem-dinh": 1200, "don-vi-tu-cong-bo-tieu-chuan": 3,
        "ty-le-cap-tinh-nong-nghiep": 50.0}))
    project.write("data/provinces/duong.yml", province_yaml("duong", "Dương", "98", member=False))
    project.write("data/reports/duong/2022-2023.yml", report_yaml("duong", {"phuong-tien-do-kiem-dinh": 5}))
    project.write("data/provinces/dak-lak.yml", province_yaml("dak-lak", "Đắk Lắk", "66", member=False))
    project.append("content/index.md", "\n## Điện Biên\n\nMột mục thử có tên tỉnh.\n")
    # A period only one province has reported yet: its sum is that province's figure.
    project.write("data/periods/2024-2025.yml",
                  "id: 2024-2025\nlabel: Giai đoạn 2024–2025\nstart: 2024-01-01\nend: 2025-06-30\n")
    project.write("data/reports/lao-cai/2024-2025.yml", "province: lao-cai\nperiod: 2024-2025\n"
                  "source: \"2023-04\"\nfigures:\n  phuong-tien-do-kiem-dinh: 12000\n")
    project.write("data/totals/2024-2025.yml", "period: 2024-2025\nsource: \"2023-04\"\n"
                  "scope: [lao-cai, yen-bai]\nfigures:\n  phuong-tien-do-kiem-dinh: 12500\n")
    return project.build()


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """31 more provinces, each with a membership and a report: 30 for the standards group, the
    last one for research only."""
    project = SiteProject.copy(tmp_path_factory.mktemp("grown"))
    for n in range(1, 32):
        slug = f"tinh-thu-{n:02d}"
        project.write(f"data/provinces/{slug}.yml", province_yaml(slug, f"Tỉnh Thử {n:02d}", f"{40 + n}"))
        project.write(f"data/reports/{slug}/2022-2023.yml",
                      report_yaml(slug, {"phuong-tien-do-kiem-dinh": 100 * n} if n <= 30 else {"de-tai-du-an": 7}))
    return project.build()


# Reading tables -------------------------------------------------------------------------

def stats_tables(site, url):
    return site.content(url).select("figure.khcn-table")


def table_with_column(site, url, indicator_id):
    """The statistics table on a page whose header links to an indicator's page."""
    for figure in stats_tables(site, url):
        if figure.select_one(f'thead a[href$="chi-so/{indicator_id}/"]'):
            return figure
    raise AssertionError(f"{url}: no table has a column for {indicator_id}")


def cell(figure, row_label, indicator_id):
    """The <td> of a row (by its header text) under an indicator's column."""
    headers = figure.select("thead th")
    column = next(i for i, th in enumerate(headers) if th.select_one(f'a[href$="chi-so/{indicator_id}/"]'))
    for tr in figure.select("tbody tr"):
        if tr.th.get_text(strip=True) == row_label:
            return tr.find_all(["th", "td"])[column]
    raise AssertionError(f"no row {row_label!r}")


def sum_cell(figure, indicator_id):
    """The <td> of the computed sum row under an indicator's column."""
    return cell(figure, figure.select_one("tr.khcn-row-sum th").get_text(strip=True), indicator_id)


def row_labels(figure):
    return [tr.th.get_text(strip=True) for tr in figure.select("tbody tr")]


def member_notes(site):
    return site.content("/thanh-vien/").select(".khcn-note")


# Every record has its page ----------------------------------------------------------------

def test_every_record_has_its_page_at_a_stable_url(real, records):
    expected = {f"/tinh/{slug}/": f"Tỉnh {p.name}" for slug, p in records.provinces.items()}
    expected |= {f"/so-lieu/{pid}/": None for pid in records.periods}
    expected |= {f"/chi-so/{iid}/": ind.label for iid, ind in records.indicators.items()}
    expected |= {f"/ban-tin/{bid}/": b.title for bid, b in records.bulletins.items()}
    assert "/tinh/lao-cai/" in expected and "/ban-tin/2023-04/" in expected
    for url, heading in expected.items():
        assert real.file_for(url).is_file(), f"no page at {url}"
        if heading:
            assert real.content(url).h1.get_text(strip=True) == heading, url


def test_hubs_link_to_every_record(real, records):
    links = {resolve("/tinh/", a["href"])[0] for a in real.content("/tinh/").select("a[href]")}
    assert {f"/tinh/{slug}/" for slug in records.provinces} <= links
    links = {resolve("/so-lieu/", a["href"])[0] for a in real.content("/so-lieu/").select("a[href]")}
    assert {f"/chi-so/{i}/" for i in records.indicators} | {f"/so-lieu/{p}/" for p in records.periods} <= links
    links = {resolve("/ban-tin/", a["href"])[0] for a in real.content("/ban-tin/").select("a[href]")}
    assert {f"/ban-tin/{b}/" for b in records.bulletins} <= links


# Vietnamese formatting ----------------------------------------------------------------------

def test_figures_are_formatted_in_vietnamese(real):
    measuring = table_with_column(real, PERIOD, "phuong-tien-do-kiem-dinh")
    assert cell(measuring, "Tổng Khối công bố", "phuong-tien-do-kiem-dinh").get_text(strip=True) == "174.582"
    assert cell(measuring, "Vĩnh Phúc", "phuong-tien-do-kiem-dinh").get_text(strip=True) == "98.447"
    research = table_with_column(real, PERIOD, "ty-le-cap-tinh-nong-nghiep")
    assert cell(research, "Tổng Khối công bố", "ty-le-cap-tinh-nong-nghiep").get_text(strip=True) == "45,0%"
    assert "01/01/2024" in real.text("/ban-tin/2023-04/")
    assert "01/01/2022" in real.text(PERIOD)


def test_lower_bound_is_shown_as_such_with_its_key(real):
    basic = table_with_column(real, PERIOD, "kinh-phi-cap-co-so")
    assert cell(basic, "Phú Thọ", "kinh-phi-cap-co-so").get_text(strip=True) == "trên 2.000"
    assert "trên" in [dt.get_text(strip=True) for dt in basic.select(".khcn-key dt")]
    assert "trên 2.000" in real.text("/tinh/phu-tho/")


def test_not_reported_is_a_code_with_its_key_never_zero_or_blank(real):
    standards = table_with_column(real, PERIOD, "don-vi-tu-cong-bo-tieu-chuan")
    kbc = cell(standards, "Hà Giang", "don-vi-tu-cong-bo-tieu-chuan")
    assert kbc.get_text(strip=True) == "KBC"
    key = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
           for dt in standards.select(".khcn-key dt")}
    assert key["KBC"].startswith("không báo cáo")
    assert "KBC" in real.text("/tinh/ha-giang/")


def test_no_statistics_cell_is_blank_anywhere(real, extended):
    for site in (real, extended):
        for url in site.html_pages():
            for td in site.soup(url).select("figure.khcn-table td"):
                assert td.get_text(strip=True), f"{url}: blank cell in row {td.parent.th.get_text(strip=True)!r}"


def test_sum_of_an_indicator_that_is_not_summed_says_so(extended):
    research = table_with_column(extended, PERIOD, "ty-le-cap-tinh-nong-nghiep")
    assert cell(research, "Điện Biên", "ty-le-cap-tinh-nong-nghiep").get_text(strip=True) == "50,0%"
    total = sum_cell(research, "ty-le-cap-tinh-nong-nghiep")
    assert total.get_text(strip=True) == "không cộng"
    assert "không cộng" in [dt.get_text(strip=True) for dt in research.select(".khcn-key dt")]
    # No province reported: the sum is not reported either (not 0).
    assert sum_cell(research, "de-tai-du-an").get_text(strip=True) == "KBC"


def test_sum_over_provinces_that_did_not_all_report_is_marked(real):
    standards = table_with_column(real, PERIOD, "don-vi-tu-cong-bo-tieu-chuan")
    total = sum_cell(standards, "don-vi-tu-cong-bo-tieu-chuan")
    assert total.get_text(strip=True) == "698*" and total.sup.get_text() == "*"
    assert "*" in [dt.get_text(strip=True) for dt in standards.select(".khcn-key dt")]


def test_the_sum_row_says_how_many_and_which_provinces_it_adds_up(real):
    standards = table_with_column(real, PERIOD, "don-vi-tu-cong-bo-tieu-chuan")
    assert standards.select_one("tr.khcn-row-sum th").get_text(strip=True) == "Cộng 5 tỉnh (tính toán)"
    assert standards.select_one(".khcn-sum-scope").get_text(strip=True) == (
        "Dòng “Cộng 5 tỉnh (tính toán)” là tổng do trang web cộng từ số liệu của 5 tỉnh: Hà Giang, "
        "Lai Châu, Lào Cai, Phú Thọ và Vĩnh Phúc.")


def test_a_period_one_province_has_reported_says_its_sum_is_that_province(extended):
    # The bloc's total covers Lào Cai and Yên Bái; only Lào Cai has reported its own figures.
    table = table_with_column(extended, "/so-lieu/2024-2025/", "phuong-tien-do-kiem-dinh")
    assert row_labels(table) == ["Lào Cai", "Yên Bái", "Cộng 1 tỉnh (tính toán)", "Tổng Khối công bố"]
    assert table.select_one(".khcn-sum-scope").get_text(strip=True) == (
        "Dòng “Cộng 1 tỉnh (tính toán)” là tổng do trang web cộng từ số liệu của 1 tỉnh: Lào Cai; "
        "1 tỉnh còn lại trong bảng không có số liệu nào ở đây: Yên Bái.")


def test_a_sum_over_many_provinces_names_only_the_rows_it_leaves_out(grown):
    # 36 provinces: the note says "every province in the table" and names the one without a
    # figure here, instead of listing the table's rows again under it (period pages at 63 provinces).
    table = table_with_column(grown, PERIOD, "phuong-tien-do-kiem-dinh")
    assert len(row_labels(table)) == 36 + 2  # the sum row and the bloc's published total
    assert table.select_one(".khcn-sum-scope").get_text(strip=True) == (
        "Dòng “Cộng 35 tỉnh (tính toán)” là tổng do trang web cộng từ số liệu của 35 tỉnh: "
        "mọi tỉnh trong bảng trừ 1 tỉnh không có số liệu nào ở đây: Tỉnh Thử 31.")
    research = table_with_column(grown, PERIOD, "de-tai-du-an")
    assert research.select_one(".khcn-sum-scope").get_text(strip=True) == (  # the shorter list named
        "Dòng “Cộng 1 tỉnh (tính toán)” là tổng do trang web cộng từ số liệu của 1 tỉnh: Tỉnh Thử 31; "
        "35 tỉnh còn lại trong bảng không có số liệu nào ở đây.")


def test_only_the_rows_that_stand_out_carry_a_class(grown):
    # A class on each of 63 provinces' rows in eight tables was 12 KB of a period page.
    rows = table_with_column(grown, PERIOD, "phuong-tien-do-kiem-dinh").select("tbody tr")
    assert [tr.get("class") for tr in rows[-2:]] == [["khcn-row-sum"], ["khcn-row-published"]]
    assert all(tr.get("class") is None for tr in rows[:-2])
    assert all("\n" not in "".join(map(str, tr.contents)) for tr in rows)  # a row on one line


def test_note_where_a_published_total_disagrees(real):
    research = table_with_column(real, PERIOD, "de-tai-du-an")
    notes = " ".join(p.get_text(" ", strip=True) for p in research.select(".khcn-note"))
    assert "298" in notes and "308" in notes and "38" in notes and "270" in notes
    assert "“Đề tài, dự án cấp nhà nước”" in notes  # indicators by label, not by id
    assert "99,4%" in notes
    assert "298" in real.text("/chi-so/de-tai-du-an/") and "308" in real.text("/chi-so/de-tai-du-an/")


def test_every_table_has_caption_scoped_headers_unit_period_and_source(real, records):
    for url in real.html_pages():
        for table in real.content(url).select("table"):
            for th in table.select("th"):
                assert th.get("scope") in ("col", "row"), f"{url}: <th> without scope: {th}"
            # Tables from the records' templates; a Markdown table in content/ has no caption syntax.
            if table.find_parent(class_=re.compile(r"^khcn-")):
                assert table.caption and table.caption.get_text(strip=True), f"{url}: table without caption"
        for figure in stats_tables(real, url):
            headers = " ".join(th.get_text(" ", strip=True) for th in figure.select("th"))
            caption = figure.caption.get_text(" ", strip=True)
            assert re.search(r"\([^)]+\)", caption + headers), f"{url}: no unit in {caption!r}"
            assert any(p.label.lower() in (caption + headers).lower() for p in records.periods.values()), \
                f"{url}: no period in {caption!r}"
            source = figure.select_one(".khcn-source")
            assert source and source.get_text(strip=True).startswith("Nguồn:"), f"{url}: no source"


# Vietnamese order and slugs -----------------------------------------------------------------

def test_provinces_sorted_in_vietnamese_collation(real):
    index = [a.get_text(strip=True) for a in real.content("/tinh/").select("ul.khcn-list > li > a")]
    assert index == REAL_PROVINCE_ORDER
    history = [th.get_text(strip=True) for th in real.content("/thanh-vien/").select("#lich-su ~ div table tbody th")]
    assert history == [n for n in REAL_PROVINCE_ORDER if n not in ("Hòa Bình", "Thái Nguyên", "Yên Bái")]
    roster = [th.get_text(strip=True) for th in real.content("/thanh-vien/").select("table.khcn-roster tbody th")]
    assert roster == history  # the members before the 11th conference and the three it admitted
    rows = row_labels(table_with_column(real, PERIOD, "phuong-tien-do-kiem-dinh"))
    assert rows[:5] == ["Hà Giang", "Lai Châu", "Lào Cai", "Phú Thọ", "Vĩnh Phúc"]


def test_d_with_stroke_sorts_after_d(extended):
    index = [a.get_text(strip=True) for a in extended.content("/tinh/").select("ul.khcn-list > li > a")]
    assert index[:5] == ["Bắc Kạn", "Cao Bằng", "Dương", "Đắk Lắk", "Điện Biên"]
    rows = row_labels(table_with_column(extended, PERIOD, "phuong-tien-do-kiem-dinh"))
    assert rows[:3] == ["Dương", "Điện Biên", "Hà Giang"]


def test_slugs_and_heading_anchors_keep_vietnamese_letters(extended):
    assert extended.file_for("/tinh/dien-bien/").is_file()
    heading = extended.content("/").find("h2", string="Điện Biên")
    assert heading is not None and heading["id"] == "dien-bien"


# A province added only as YAML --------------------------------------------------------------

def test_new_province_from_yaml_alone_appears_everywhere(extended):
    members = extended.content("/thanh-vien/")
    today = [a.get_text(strip=True) for a in members.select("ul.khcn-members > li > a")]
    history = [a.get_text(strip=True) for a in members.select("table tbody th a")]
    assert "Điện Biên" in today and "Điện Biên" in history
    assert "Dương" not in today  # no membership, no place among the members
    assert "Điện Biên" in [a.get_text(strip=True) for a in extended.content("/").select("ul.khcn-members a")]
    measuring = table_with_column(extended, PERIOD, "phuong-tien-do-kiem-dinh")
    assert cell(measuring, "Điện Biên", "phuong-tien-do-kiem-dinh").get_text(strip=True) == "1.200"
    page = extended.content("/tinh/dien-bien/")
    assert page.h1.get_text(strip=True) == "Tỉnh Điện Biên"
    assert "1.200" in extended.text("/tinh/dien-bien/")
    assert extended.content("/chi-so/phuong-tien-do-kiem-dinh/").find("a", string="Điện Biên")
    # The published total no longer matches the provinces: the page says so.
    notes = " ".join(p.get_text(" ", strip=True) for p in measuring.select(".khcn-note"))
    assert "174.582" in notes
    assert "Đắk Lắk" in extended.text("/tinh/") and extended.file_for("/tinh/dak-lak/").is_file()
    # Nine member records against the eight the source counted after the XIth conference.
    notes = " ".join(p.get_text(" ", strip=True) for p in member_notes(extended))
    assert "8 thành viên" in notes and "9 thành viên" in notes


def test_member_count_agrees_with_the_source_without_a_note(real):
    assert not member_notes(real)


# Golden file ----------------------------------------------------------------------------------

def test_period_tables_match_the_golden_file(real, update_golden):
    """The rendered tables of /so-lieu/2022-2023/, reviewed like code.
    Regenerate with UPDATE_GOLDEN=1 after an intended change, and review the diff."""
    rendered = "\n".join(normalise_html(figure) for figure in stats_tables(real, PERIOD))
    if update_golden:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert GOLDEN.is_file(), f"missing {GOLDEN.relative_to(REPO)}: run with UPDATE_GOLDEN=1"
    assert rendered == GOLDEN.read_text(encoding="utf-8"), \
        "the tables changed; if intended, rerun with UPDATE_GOLDEN=1 and review the diff"


def test_update_golden_is_refused_where_ci_is_set():
    assert golden_update_wanted({"UPDATE_GOLDEN": "1"}) is True
    assert golden_update_wanted({"CI": "true"}) is False
    with pytest.raises(GoldenRefused, match="CI"):
        golden_update_wanted({"UPDATE_GOLDEN": "1", "CI": "true"})


# Size that does not grow with the records ---------------------------------------------------

def nav_targets(site, url):
    """Where the links in a page's <nav> elements go (same-page anchors left out)."""
    targets = set()
    for nav in site.soup(url).select("nav"):
        for a in nav.select("a[href]"):
            path, _ = resolve(url, a["href"])
            if path != url:
                targets.add(path)
    return targets


def test_navigation_config_lists_hub_pages_only():
    hubs = nav_urls()
    assert {"/", "/ban-tin/", "/thanh-vien/", "/so-lieu/", "/tinh/"} <= hubs
    assert not [url for url in hubs if re.match(r"/(tinh|so-lieu|chi-so|ban-tin)/.+/", url)], hubs


@pytest.mark.parametrize("url", ["/404.html", "/tinh/lao-cai/"])
def test_navigation_holds_hub_pages_only(grown, url):
    hubs = nav_urls(grown.root.parent / "mkdocs.yml")
    assert nav_targets(grown, url) <= hubs, nav_targets(grown, url) - hubs


def test_the_table_of_contents_has_every_section_and_no_indentation(real):
    # overrides/partials/toc-item.html: Material's markup on one line; the guide's 75 sections
    # were indented with 5 KB of spaces on the site's largest page.
    toc = real.soup("/huong-dan/").select_one("[data-md-component=toc]")
    items = toc.select("li.md-nav__item")
    headings = ["#" + h["id"] for h in real.content("/huong-dan/").select("h2[id], h3[id], h4[id]")]
    assert len(items) > 50 and [a["href"] for a in toc.select("a.md-nav__link")] == headings
    assert all("\n" not in str(li) and li.a.get_text() == li.a.get_text().strip() for li in items)


def test_page_frame_does_not_grow_with_the_records(real, grown):
    assert len(grown.html_pages()) >= len(real.html_pages()) + 30
    before = real.file_for("/404.html").stat().st_size
    after = grown.file_for("/404.html").stat().st_size
    assert abs(after - before) / before < 0.02, f"404 page grew from {before} to {after} bytes"
