"""Material's script on demand (assets/javascripts/on-demand.js): a phone reads the page without
it and gets it at the first touch, key or scroll; a wide screen gets it at once; everything a
reader can do before it arrives (the colour scheme, the search shortcut, the search box) works."""
from __future__ import annotations

import re

import pytest

from conftest import open_context

pytestmark = pytest.mark.browser

BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
PERIOD = "/so-lieu/2022-2023/"


def bundle_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if BUNDLE.search(request.url) else None)
    return requests


def material_state(page) -> str | None:
    return page.evaluate("() => document.documentElement.getAttribute('data-khcn-material')")


def wait_until_ready(page) -> None:
    page.wait_for_function("() => document.documentElement.getAttribute('data-khcn-material') === 'ready'")


@pytest.fixture
def tab(browser):
    """tab(viewport) -> a page in a new context at that width ("360" or "desktop"), closed after."""
    contexts = []

    def open_tab(viewport: str):
        contexts.append(open_context(browser, viewport))
        return contexts[-1].new_page()

    yield open_tab
    for context in contexts:
        context.close()

def test_a_phone_reads_the_page_without_materials_script(tab, base_url):
    page = tab("360")
    requests = bundle_requests(page)
    page.goto(base_url + PERIOD, wait_until="networkidle")
    page.wait_for_timeout(300)
    assert requests == [] and material_state(page) is None
    # Drawn as it will stay: scripts run (the root's class says so), so the search button shows.
    assert page.evaluate("() => [...document.documentElement.classList].filter(c => c.endsWith('js'))") == ["js"]
    assert page.get_by_role("button", name="Mở ô tìm kiếm").is_visible()
    assert page.get_by_role("button", name="Chuyển sang nền tối").is_visible()


@pytest.mark.parametrize("activity", ["tap", "scroll", "key"])
def test_the_first_sign_of_activity_brings_materials_script(tab, base_url, activity):
    page = tab("360")
    requests = bundle_requests(page)
    page.goto(base_url + PERIOD, wait_until="networkidle")
    if activity == "tap":
        page.mouse.click(180, 500)
    elif activity == "scroll":
        page.mouse.wheel(0, 600)
    else:
        page.keyboard.press("Tab")
    wait_until_ready(page)
    assert len(requests) == 1
    # Material mounted its page components: the back-to-top button is its, shown on scrolling up.
    assert page.evaluate("() => typeof window.component$ === 'object'")
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -400)
    page.wait_for_function("() => !document.querySelector('.md-top').hidden")


def test_a_wide_screen_gets_materials_script_at_once(tab, base_url):
    page = tab("desktop")
    requests = bundle_requests(page)
    page.goto(base_url + PERIOD, wait_until="networkidle")
    wait_until_ready(page)
    assert len(requests) == 1
    # The sidebars scroll on their own, sized by Material's script.
    assert page.evaluate("() => document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').style.height") != ""


def test_a_phone_turned_wide_gets_materials_script(tab, base_url):
    page = tab("360")
    page.goto(base_url + PERIOD, wait_until="networkidle")
    assert material_state(page) is None
    page.set_viewport_size({"width": 1280, "height": 800})
    wait_until_ready(page)


@pytest.mark.parametrize("opened_by, query, found", [("shortcut", "hoi nghi", "nghị"), ("button", "lao cai", "lào cai")])
def test_a_phone_searches_from_the_first_key_or_tap(tab, base_url, opened_by, query, found):
    """"/" as the first key opens the search box (on-demand.js, Material's script not there yet to
    see it); so does the search button at the first tap; Material's search then answers."""
    page = tab("360")
    page.goto(base_url + "/", wait_until="networkidle")
    if opened_by == "shortcut":
        page.keyboard.press("/")
    else:
        page.get_by_role("button", name="Mở ô tìm kiếm").click()
    assert page.evaluate("() => document.getElementById('__search').checked")
    assert page.evaluate("() => document.activeElement.classList.contains('md-search__input')")
    assert page.get_by_role("button", name="Mở ô tìm kiếm").get_attribute("aria-expanded") == "true"
    page.keyboard.type(query)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert found in results.first.inner_text().lower()


def test_the_colour_scheme_switches_without_materials_script(tab, base_url):
    """palette.js alone: the switch, the choice kept, and Material's script, arriving after, agrees."""
    page = tab("desktop")
    page.emulate_media(color_scheme="light")
    page.route(BUNDLE, lambda route: route.abort())
    page.goto(base_url + "/", wait_until="networkidle")
    assert material_state(page) == "failed"
    page.get_by_role("button", name="Chuyển sang nền tối").click()
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate("() => document.querySelector('meta[name=color-scheme]').content") == "dark"
    page.unroute(BUNDLE)
    page.goto(base_url + PERIOD, wait_until="networkidle")
    wait_until_ready(page)
    page.wait_for_timeout(200)
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.get_by_role("button", name="Chuyển sang nền sáng").is_visible()
    assert not page.get_by_role("button", name="Chuyển sang nền tối").is_visible()


def test_a_phone_prints_the_closed_details_open_without_materials_script(tab, base_url):
    page = tab("360")
    page.goto(base_url + "/ban-tin/2023-04/", wait_until="networkidle")
    assert material_state(page) is None
    closed = "() => document.querySelectorAll('details:not([open])').length"
    before = page.evaluate(closed)
    assert before > 0  # the BibTeX block
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(closed) == 0
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(closed) == before
