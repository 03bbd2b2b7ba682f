"""Keyboard use: every stop of the Tab key is on screen, and the menu and search open by key.

On a narrow screen Material's navigation drawer and search box are off-canvas; the theme
keeps them out of the tab order until opened, and makes their header buttons operable.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Where the focus is: its name, and whether its box lies inside the viewport.
FOCUS_JS = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const r = e.getBoundingClientRect();
    const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
        && r.left < innerWidth && r.top < innerHeight && getComputedStyle(e).visibility === 'visible';
    const name = (e.getAttribute('aria-label') || e.textContent || e.getAttribute('title') || '').trim();
    return {tag: e.tagName, name: name.slice(0, 50), onScreen};
}"""
TAB_STOPS = 25


@pytest.fixture
def open_at(new_page, base_url, settled, viewports):
    def load(path: str, viewport: str):
        new_page.set_viewport_size(viewports[viewport])
        new_page.goto(base_url + path, wait_until="networkidle")
        settled(new_page)
        return new_page
    return load


@pytest.mark.parametrize("viewport", ["desktop", "360"])
@pytest.mark.parametrize("path", ["/", "/tinh/lao-cai/", "/so-lieu/2022-2023/"])
def test_every_tab_stop_is_on_screen(open_at, path, viewport):
    page = open_at(path, viewport)
    off_screen = []
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if focus is None:
            break
        if not focus["onScreen"]:
            off_screen.append(f"{focus['tag']} {focus['name']!r}")
    assert off_screen == []


@pytest.mark.parametrize("url", ["/tinh/lao-cai/", "/"])
def test_skip_link_comes_first_and_reaches_the_content(open_at, url):
    page = open_at(url, "360")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Bỏ qua, đến nội dung chính"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    # The start of the content: the page's first heading and introduction come after it.
    assert page.evaluate("""() => !!(document.activeElement.compareDocumentPosition(
        document.querySelector('.md-content h1')) & Node.DOCUMENT_POSITION_FOLLOWING)""")


def test_menu_button_opens_and_closes_the_drawer_by_keyboard(open_at):
    page = open_at("/tinh/lao-cai/", "360")
    menu = page.get_by_role("button", name="Mở danh mục các trang")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    page.locator(".md-sidebar--primary").get_by_role("link", name="Các tỉnh").wait_for(state="visible")
    page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
    page.keyboard.press("Escape")
    assert page.evaluate("document.getElementById('__drawer').checked") is False
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Mở danh mục các trang"
    assert menu.get_attribute("aria-expanded") == "false"


def test_search_button_opens_the_search_box_by_keyboard(open_at):
    page = open_at("/tinh/", "360")
    search = page.get_by_role("button", name="Mở ô tìm kiếm")
    search.focus()
    page.keyboard.press("Enter")
    box = page.get_by_role("textbox", name="Tìm trong bản tin, tỉnh và số liệu")
    box.wait_for(state="visible")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    assert search.get_attribute("aria-expanded") == "true"
    page.keyboard.type("Lào Cai", delay=20)
    page.locator(".md-search-result__link").first.wait_for()
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__search').checked")
    assert search.get_attribute("aria-expanded") == "false"
