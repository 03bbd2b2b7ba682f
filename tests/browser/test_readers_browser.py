"""Readers' features in headless Chromium: search without tone marks, the text size control."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.records.project import read_mkdocs_config


pytestmark = pytest.mark.browser

RESULTS = ".md-search-result__list .md-search-result__link"
SEPARATOR = next(p["search"] for p in read_mkdocs_config(Path(__file__).resolve().parents[2])["plugins"]
                 if isinstance(p, dict) and "search" in p)["separator"]


@pytest.mark.parametrize("query, page", [("ha giang", "/tinh/ha-giang/"), ("phu tho", "/tinh/phu-tho/"),
                                         ("do luong", "/chi-so/phuong-tien-do-kiem-dinh/"), ("Hà Giang", "/tinh/ha-giang/")])
def test_search_without_tone_marks_lists_the_page(new_page, base_url, settled, query, page):
    new_page.goto(base_url + "/", wait_until="networkidle")
    settled(new_page)
    new_page.get_by_role("textbox", name="Tìm trong bản tin, tỉnh và số liệu").click()
    new_page.keyboard.type(query, delay=20)
    # Results update as each letter is typed: wait for the page's link (fails on the timeout).
    link = new_page.locator(f"{RESULTS}[href^='{base_url}{page}']").first
    link.wait_for()
    assert new_page.locator(".md-search__input").input_value() == query


def font_size(page) -> float:
    return page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")


def test_text_size_control_changes_the_font_size_and_is_remembered(new_page, base_url, settled, axe_report):
    page = new_page
    page.goto(base_url + "/so-lieu/2022-2023/", wait_until="networkidle")
    settled(page)
    page.evaluate("() => localStorage.removeItem('khcn.textSize')")
    page.reload(wait_until="networkidle")
    before = font_size(page)
    larger = page.get_by_role("button", name="Tăng cỡ chữ", exact=True)
    larger.focus()  # a real button, reached and pressed with the keyboard
    page.keyboard.press("Enter")
    assert font_size(page) > before
    # The names are read, not shown: the spans that hold them are 1px boxes.
    assert page.evaluate("""() => [...document.querySelectorAll('.khcn-textsize .khcn-visually-hidden')]
        .every(e => e.getBoundingClientRect().width <= 1)""")
    assert page.get_by_role("status").filter(has_text="Cỡ chữ").inner_text() == "Cỡ chữ 115%"
    enlarged = font_size(page)
    page.goto(base_url + "/tinh/ha-giang/", wait_until="networkidle")
    assert font_size(page) == pytest.approx(enlarged)
    page.get_by_role("button", name="Giảm cỡ chữ").click()
    page.get_by_role("button", name="Giảm cỡ chữ").click()
    assert font_size(page) < before
    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    assert font_size(page) == pytest.approx(before)
    assert axe_report(page) == ""
    assert page.khcn_log.outside_requests == []


def test_search_typed_with_combining_tone_marks_finds_the_page(new_page, base_url, settled):
    new_page.goto(base_url + "/", wait_until="networkidle")
    settled(new_page)
    new_page.get_by_role("textbox", name="Tìm trong bản tin, tỉnh và số liệu").click()
    typed = "Phu\u0301 Tho\u0323"  # "Phú Thọ" as base letters followed by combining tone marks
    assert typed != "Phú Thọ"
    new_page.keyboard.insert_text(typed)  # one input event, as a keyboard's composition ends
    new_page.keyboard.press("End")  # and a key released: Material searches on keyup
    link = new_page.locator(f"{RESULTS}[href^='{base_url}/tinh/phu-tho/']").first
    link.wait_for()
    assert new_page.locator(".md-search__input").input_value() == "Phú Thọ"


def test_a_word_beyond_the_shown_lines_still_finds_the_article(new_page, base_url, built_site, settled):
    """The index shows an article's first lines; its rarest other words (`more`) are searched too."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    article = next(d for d in index["docs"] if "#bai-" in d["location"] and d.get("more"))
    word = next(w for w in article["more"].split() if len(w) > 3 and w.isalpha())
    new_page.goto(base_url + "/", wait_until="networkidle")
    settled(new_page)
    new_page.get_by_role("textbox", name="Tìm trong bản tin, tỉnh và số liệu").click()
    new_page.keyboard.type(word, delay=20)
    new_page.locator(f"{RESULTS}[href^='{base_url}/{article['location'].split('#')[0]}']").first.wait_for()


@pytest.fixture
def worker_page(new_page, built_site):
    """A blank page that ran the built site's search worker (lunr with search-fold.js) as a script."""
    worker = next((built_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    new_page.set_content("<!doctype html><title>t</title>")
    new_page.add_script_tag(content=worker.read_text(encoding="utf-8"))
    return new_page


@pytest.mark.parametrize("text, folded", [("hà giang", "ha giang"), ("phú thọ", "phu tho"),
                                          ("đo lường", "do luong"), ("ĐIỆN BIÊN", "dien bien"),
                                          ("ha\u0300 giang", "ha giang"), ("ươ ỹ", "uo y")])
def test_the_worker_folds_words_as_the_reader_types_them(worker_page, text, folded):
    """macros/site/assets/search-fold.js in the browser."""
    assert worker_page.evaluate("t => self.lunr.khcnFold(t)", text) == folded


def test_a_folded_field_keeps_each_word_at_its_place(worker_page):
    """Words with marks folded, the others filler of the same length, separators and markup kept:
    a word found folded is highlighted where it is written."""
    text = "Sở KH&amp;CN Hà Giang, 2022–2023 <code>đo</code> x>y"
    worker_page.evaluate("s => { self.lunr.tokenizer.separator = new RegExp(s); }", SEPARATOR)  # as Material does
    mirror = worker_page.evaluate("t => self.lunr.khcnMirror(t)", text)
    assert len(mirror) == len(text)
    assert mirror.replace("\ue000", "_") == "So _________ Ha _____, ____–____ <code>do</____> _>_"


LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => { for (const e of list.getEntries()) total += e.value; })
        .observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


def test_on_a_phone_the_text_size_control_is_on_the_page_and_the_name_is_whole(
        new_page, base_url, settled, viewports, axe_report):
    page = new_page
    page.set_viewport_size(viewports["360"])
    page.goto(base_url + "/so-lieu/2022-2023/", wait_until="networkidle")
    settled(page)
    # The site's name takes two lines in the header instead of being cut to "Khối hợp …".
    assert page.evaluate("""() => { const e = document.querySelector('.md-header__topic .md-ellipsis');
        return e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1; }""")
    group = page.locator(".md-content__inner > .khcn-textsize")
    assert group.count() == 1 and page.locator(".md-header .khcn-textsize").count() == 0
    # Its room is kept from the first paint: nothing moves when it arrives.
    assert page.evaluate(LAYOUT_SHIFT) < 0.01
    page.get_by_role("button", name="Tăng cỡ chữ", exact=True).click()
    assert page.get_by_role("status").filter(has_text="Cỡ chữ").inner_text() == "Cỡ chữ 115%"
    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    # Wider again (a phone turned sideways, a window resized): back in the header.
    page.set_viewport_size(viewports["desktop"])
    page.wait_for_function("() => document.querySelector('.md-header .khcn-textsize') !== null")
    page.set_viewport_size(viewports["360"])
    page.wait_for_function("() => document.querySelector('.md-content__inner > .khcn-textsize') !== null")
    assert axe_report(page) == ""


def test_at_the_largest_size_a_plus_keeps_the_focus(new_page, base_url, settled, axe_report):
    """A+ became disabled at 150 %, and a disabled button drops the focus to the page's body."""
    page = new_page
    page.goto(base_url + "/tinh/lao-cai/", wait_until="networkidle")
    page.evaluate("() => localStorage.removeItem('khcn.textSize')")
    page.reload(wait_until="networkidle")
    settled(page)
    larger = page.get_by_role("button", name="Tăng cỡ chữ", exact=True)
    larger.focus()
    for _ in range(4):  # 115, 130, 150, then once more at the largest
        page.keyboard.press("Enter")
    focused = page.evaluate("() => document.activeElement.title")
    assert focused == "Tăng cỡ chữ" and larger.get_attribute("aria-disabled") == "true"
    assert page.get_by_role("status").filter(has_text="Cỡ chữ").inner_text() == "Cỡ chữ 150%, lớn nhất"
    assert page.evaluate("() => document.documentElement.getAttribute('data-khcn-text')") == "150"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # A−, reached by keyboard from A+
    assert larger.get_attribute("aria-disabled") == "false"
    assert axe_report(page) == ""


def test_the_phone_menu_marks_the_section_of_the_page(new_page, base_url, viewports, settled):
    page = new_page
    page.set_viewport_size(viewports["360"])
    page.goto(base_url + "/tinh/lao-cai/", wait_until="networkidle")
    settled(page)
    page.get_by_role("button", name="Mở danh mục các trang").click()
    drawer = page.locator(".md-sidebar--primary")
    marked = drawer.locator("a[aria-current]")
    marked.wait_for(state="visible")
    assert marked.count() == 1 and " ".join(marked.inner_text().split()) == "Các tỉnh"
    colours = page.evaluate("""() => [...document.querySelectorAll('.md-sidebar--primary .md-nav__list a.md-nav__link')]
        .map(a => [a.textContent.trim(), getComputedStyle(a).color])""")
    others = {colour for name, colour in colours if name != "Các tỉnh"}
    assert dict(colours)["Các tỉnh"] not in others  # shown apart, not only announced
