"""The dark scheme in Chromium: chosen by the reader's system, switched by the header's button and
kept across pages, and accessible (axe-core, WCAG AA contrast included) on every main page kind."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MAIN_PAGES = ["/", "/ban-tin/2023-04/", "/so-lieu/2022-2023/", "/tinh/ha-giang/", "/du-lieu/"]


def scheme(page) -> str:
    return page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")


def background(page) -> str:
    return page.evaluate("() => getComputedStyle(document.body).backgroundColor")


@pytest.fixture
def context(browser):
    """A new browser context; the tests choose the scheme the system prefers."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN", service_workers="block")
    yield context
    context.close()


@pytest.mark.parametrize("viewport", ["desktop", "360"])
@pytest.mark.parametrize("path", MAIN_PAGES)
def test_a_reader_whose_system_prefers_dark_gets_an_accessible_dark_page(context, base_url, viewports, settled,
                                                                         axe_report, path, viewport):
    page = context.new_page()
    page.set_viewport_size(viewports[viewport])
    page.emulate_media(color_scheme="dark")
    page.goto(base_url + path, wait_until="networkidle")
    settled(page)
    assert scheme(page) == "slate" and background(page) == "rgb(30, 41, 40)"
    report = axe_report(page)
    assert report == "", report


def test_the_dark_scheme_applies_before_the_bundle_runs(context, base_url):
    """palette.js, read with the header, sets the scheme: the first frame is already dark."""
    page = context.new_page()
    page.emulate_media(color_scheme="dark")
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(base_url + "/", wait_until="domcontentloaded")
    assert scheme(page) == "slate"


def test_the_header_button_switches_the_scheme_and_the_choice_is_kept(context, base_url):
    page = context.new_page()
    page.emulate_media(color_scheme="light")
    page.goto(base_url + "/", wait_until="networkidle")
    assert scheme(page) == "khcn"
    page.get_by_role("button", name="Chuyển sang nền tối").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(base_url + "/so-lieu/2022-2023/", wait_until="domcontentloaded")
    assert scheme(page) == "slate"  # kept, and applied before the bundle
    page.unroute("**/assets/javascripts/bundle.*.min.js")
    page.reload(wait_until="networkidle")
    page.get_by_role("button", name="Chuyển sang nền sáng").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'khcn'")
    page.reload(wait_until="networkidle")
    assert scheme(page) == "khcn"


@pytest.mark.parametrize("key", ["Enter", " "])
def test_the_button_switches_once_by_keyboard_and_keeps_the_focus(context, base_url, key):
    page = context.new_page()
    page.emulate_media(color_scheme="light")
    page.goto(base_url + "/", wait_until="networkidle")
    page.get_by_role("button", name="Chuyển sang nền tối").focus()
    page.keyboard.press(key)
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_timeout(200)  # a second switch, if Enter were handled twice, would have happened
    assert scheme(page) == "slate"
    focused = page.evaluate("""() => { const e = document.activeElement;
        return [e.getAttribute('aria-label'), e.getBoundingClientRect().width > 0]; }""")
    assert focused == ["Chuyển sang nền sáng", True]
