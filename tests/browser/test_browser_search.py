"""The search dialog, as a reader uses it: open it, type a province's name, follow a result."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser



def is_lao_cai_page(url: str) -> bool:
    """The province page, whatever highlight query (?h=) or anchor the result adds."""
    return urlsplit(url).path == "/tinh/lao-cai/"


def open_search(page, viewport: str) -> None:
    """Focus the search box the way a reader would at that width."""
    if viewport == "360":
        # On a phone the box is behind the magnifier button in the header.
        page.get_by_role("button", name="Mở ô tìm kiếm").click()
    else:
        page.get_by_role("textbox", name="Tìm trong bản tin, tỉnh và số liệu").click()


@pytest.fixture(params=["desktop", "360"])
def search_page(request, new_page, base_url, settled, viewports):
    new_page.set_viewport_size(viewports[request.param])
    new_page.goto(base_url + "/", wait_until="networkidle")
    settled(new_page)
    open_search(new_page, request.param)
    return new_page


RESULT_LINKS = ".md-search-result__list .md-search-result__link"


def type_query(page, text: str) -> None:
    page.keyboard.type(text, delay=20)
    page.locator(RESULT_LINKS).first.wait_for()


def result_hrefs(page) -> list[str]:
    # Read in one go: the list is re-rendered while the last letters are still being searched.
    return page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.getAttribute('href') || '')")


def test_search_finds_lao_cai(search_page):
    type_query(search_page, "Lào Cai")
    assert search_page.locator(".md-search__input").input_value() == "Lào Cai"
    # Results follow the typing: wait (up to the timeout, then fail) for the province page.
    search_page.wait_for_function(
        """sel => [...document.querySelectorAll(sel)].some(a => new URL(a.href).pathname === '/tinh/lao-cai/')""",
        arg=RESULT_LINKS)
    assert any(is_lao_cai_page(h) for h in result_hrefs(search_page)), result_hrefs(search_page)


def test_search_result_leads_to_the_province_page(search_page):
    type_query(search_page, "Lào Cai")
    result = search_page.locator(RESULT_LINKS).filter(
        has_text="Tỉnh Lào Cai").first
    result.click()
    search_page.wait_for_url(is_lao_cai_page)
    assert search_page.get_by_role("heading", level=1).inner_text() == "Tỉnh Lào Cai"


def test_search_dialog_has_a_name_and_no_axe_violation(search_page, axe_report):
    type_query(search_page, "Lào Cai")
    dialog = search_page.get_by_role("dialog", name="Tìm kiếm trên trang web")
    assert dialog.count() == 1
    assert axe_report(search_page) == ""


def test_search_stays_on_loopback(search_page):
    type_query(search_page, "Lào Cai")
    log = search_page.khcn_log
    assert (log.outside_requests, log.failed_requests, log.unexpected_console_errors()) == ([], [], [])
