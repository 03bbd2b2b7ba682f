"""Readers' small things on the built site (issue 15, item 7), read back with an HTML parser: the
editors' guide off the tabs but in the footer and beside the edit button, the /chi-so/ index,
a province page that says which groups it has no figures for, and the title card a shared
link shows (Open Graph)."""
from __future__ import annotations

import json
import struct

import pytest

from macros.site import social

# A page of each kind, and the picture its shared link shows.
KINDS = {"/": "trang-chu", "/ban-tin/": "ban-tin", "/ban-tin/2023-04/": "ban-tin", "/thanh-vien/": "thanh-vien",
         "/hoi-nghi/": "hoi-nghi", "/hoi-nghi/11/": "hoi-nghi", "/so-lieu/": "so-lieu",
         "/so-lieu/2022-2023/": "so-lieu", "/chi-so/": "chi-so", "/chi-so/phuong-tien-do-kiem-dinh/": "chi-so",
         "/tinh/": "tinh", "/tinh/ha-giang/": "tinh", "/du-lieu/": "du-lieu", "/luu-tru/": "luu-tru",
         "/huong-dan/": "trang-chu"}


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


def og(site, url) -> dict[str, str]:
    head = site.soup(url).head
    tags = {m["property"]: m["content"] for m in head.select("meta[property]")}
    tags.update({m["name"]: m["content"] for m in head.select("meta[name^='twitter:'], meta[name=description]")})
    return tags


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("url, picture", KINDS.items())
def test_a_shared_link_shows_a_title_a_description_and_the_picture_of_its_kind(site, url, picture):
    tags = og(site, url)
    title = site.soup(url).title.get_text()
    assert tags["og:title"] and title.startswith(tags["og:title"]), (tags["og:title"], title)
    assert tags["og:description"] and tags["og:description"] == tags["description"]
    assert tags["og:image"].endswith(f"assets/images/og/{picture}.png")
    image = (site.file_for(url).parent / tags["og:image"]).resolve()  # relative: no address known
    assert image.is_file() and png_size(image) == social.IMAGE_SIZE == (1200, 630)
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630") and tags["og:image:alt"]
    assert tags["og:locale"] == "vi_VN" and tags["twitter:card"] == "summary_large_image"
    assert "og:url" not in tags  # the site's address is unknown in this build
    assert tags["og:type"] == ("article" if url == "/ban-tin/2023-04/" else "website")


def test_descriptions_come_from_the_records(site):
    assert og(site, "/ban-tin/2023-04/")["og:description"].startswith(
        "Bản tin KH&CN số 4 năm 2023, Sở Khoa học và Công nghệ tỉnh Hà Giang: Hợp tác phát triển")
    assert og(site, "/tinh/lao-cai/")["og:description"].startswith("Tỉnh Lào Cai: Sở Khoa học và Công nghệ")
    assert "giai đoạn 2022–2023" in og(site, "/so-lieu/2022-2023/")["og:description"]
    assert og(site, "/chi-so/phuong-tien-do-kiem-dinh/")["og:description"].startswith(
        "Phương tiện đo được kiểm định (phương tiện đo): ")


def test_every_picture_is_committed_and_named(site):
    for name in set(social.IMAGE_OF.values()):
        assert png_size(site.root / social.IMAGE_FOLDER / f"{name}.png") == social.IMAGE_SIZE
        assert name in social.PICTURES


def tabs(site, url) -> list[str]:
    return [" ".join(a.get_text().split()) for a in site.soup(url).select(".md-tabs__link")]


def test_the_guide_is_not_a_tab_but_is_in_the_footer_and_beside_the_edit_button(site):
    assert "Hướng dẫn" not in tabs(site, "/") and tabs(site, "/")[0] == "Trang chủ"
    for url in ("/", "/tinh/lao-cai/", "/so-lieu/2022-2023/", "/du-lieu/"):
        page = site.soup(url)
        footer = page.select_one(".md-footer").find("a", string="Hướng dẫn cho người biên tập")
        beside = page.select_one("a.khcn-guide-link[aria-label='Hướng dẫn sửa trang']")
        assert footer and beside, url
        assert beside.find_previous_sibling("a", rel="edit") is not None  # next to "Sửa trang này"
        for href in (footer["href"], beside["href"]):
            assert (site.file_for(url).parent / href / "index.html").resolve() == site.file_for("/huong-dan/").resolve()


def test_the_guide_comes_after_readers_pages_in_search(site):
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    boosts = {d["location"].split("#")[0]: d.get("boost", 1) for d in index["docs"]}
    assert boosts["huong-dan/"] < 1 and boosts["tinh/lao-cai/"] == 1


def test_the_indicator_index_lists_every_indicator_under_the_statistics_tab(site, records):
    page = site.content("/chi-so/")
    links = {a["href"].strip("./").rstrip("/") for a in page.select("li a[href]")}
    assert links == set(records.indicators)
    assert [h.get_text() for h in page.select("h2")] == [g.label for g in records.catalogue.groups]
    assert "1 kỳ có số liệu, gần nhất giai đoạn 2022–2023" in " ".join(page.get_text(" ").split())
    active = site.soup("/chi-so/").select_one(".md-tabs__item--active a")
    assert " ".join(active.get_text().split()) == "Số liệu" and active["aria-current"] == "true"
    assert site.content("/so-lieu/").find("a", href="../chi-so/")


def test_the_drawer_marks_the_section_of_a_generated_page(site):
    """On a phone the menu is the navigation drawer: the section of the page is marked there too."""
    for url, section in (("/tinh/lao-cai/", "Các tỉnh"), ("/chi-so/phuong-tien-do-kiem-dinh/", "Số liệu"),
                         ("/so-lieu/2022-2023/", "Số liệu"), ("/ban-tin/2023-04/", "Bản tin KH&CN")):
        marked = site.soup(url).select(".md-sidebar--primary a.md-nav__link--active")
        assert [(" ".join(a.get_text().split()), a["aria-current"]) for a in marked] == [(section, "true")], url
    own = site.soup("/tinh/").select(".md-sidebar--primary a.md-nav__link--active")
    assert [a.get("aria-current") for a in own] == ["page"]


def test_a_province_page_names_the_groups_it_has_no_figures_for(site, records):
    text = " ".join(site.content("/tinh/ha-giang/").get_text(" ").split())
    others = [g.label for g in records.catalogue.groups if g.id != "tieu-chuan-do-luong-chat-luong"]
    assert (f"Tỉnh Hà Giang không có số liệu (không báo cáo) trong giai đoạn 2022–2023 cho {len(others)} "
            f"nhóm chỉ số khác: {'; '.join(others)}.") in text
    for item in site.content("/tinh/ha-giang/").select("dd li, dd"):  # a meeting is named once a line
        line = item.get_text(" ")
        assert line.count("Hội nghị lần thứ XI (2023)") <= 1, line


def test_every_page_runs_materials_script_on_demand_and_the_palette_itself(site):
    """Material's <script> tags are placeholders (main.html) that on-demand.js, right after them,
    runs; its palette component is not mounted (palette.js is the colour scheme); the class that
    says scripts run is set in the <head> (md-scope.js), not by Material's script."""
    for url in site.html_pages():
        soup = site.soup(url)
        scripts = soup.find_all("script")
        sources = [s.get("src", "") for s in scripts]
        assert not [s for s in sources if "/bundle." in s], f"{url}: Material's script loads with the page"
        placeholders = [s for s in scripts if s.get("type") == "text/x-khcn-on-demand"]
        assert [p["data-src"].rsplit("/", 1)[-1][:7] for p in placeholders] == ["bundle."], url
        loader = next(i for i, s in enumerate(sources) if s.endswith("assets/javascripts/on-demand.js"))
        assert scripts.index(placeholders[-1]) < loader, f"{url}: on-demand.js before the placeholders"
        assert not soup.select("[data-md-component=palette]"), url
        assert any(s.endswith("assets/javascripts/md-scope.js") for s in (t.get("src", "") for t in soup.head.find_all("script"))), url
