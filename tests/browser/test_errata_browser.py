"""A figure an erratum corrected, in Chromium on a 360px phone: on its issue's page the value as
published with the correction beside it (a link to the erratum on /luu-tru/), on the province's
page the corrected value marked đc; the tables still let every number be read beside its row
(as tests/browser/test_tables_browser.py requires of the fixture's pages, which have no erratum)."""
from __future__ import annotations

import pytest

from conftest import _serve
from test_archive import build_corrected
from test_tables_browser import MEASURE

pytestmark = pytest.mark.browser

ANCHOR = "dinh-chinh-2023-04-lao-cai-do-kiem"


@pytest.fixture(scope="module")
def corrected_url(tmp_path_factory):
    """The fixture's site with 2023-04 archived and Lào Cai's instruments corrected 11442 -> 11443."""
    server, url = _serve(build_corrected(tmp_path_factory.mktemp("corrected")).root)
    yield url
    server.shutdown()
    server.server_close()


def on_a_phone(page, viewports, settled, url: str) -> None:
    page.set_viewport_size(viewports["360"])
    page.goto(url, wait_until="networkidle")
    settled(page)
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth"), "the page scrolls sideways"
    for table in page.evaluate(MEASURE):
        assert table["firstWidth"] + table["widest"] <= table["room"] + 1, table
        assert table["clipped"] == 0, table


def test_the_issue_page_shows_the_correction_beside_the_published_figure(new_page, viewports, settled,
                                                                         corrected_url):
    page = new_page
    on_a_phone(page, viewports, settled, corrected_url + "/ban-tin/2023-04/")
    link = page.locator("td a.khcn-correction")
    assert link.count() == 1
    assert link.inner_text() == "đính chính ngày 01/03/2024: 11.443"
    cell = page.locator("td", has=page.locator("a.khcn-correction"))
    assert cell.inner_text().startswith("11.442")
    link.scroll_into_view_if_needed()
    assert link.is_visible()
    link.click()
    page.wait_for_url(f"**/luu-tru/#{ANCHOR}")
    assert page.locator(f"#{ANCHOR}").is_visible()


def test_the_province_page_shows_the_corrected_figure_marked(new_page, viewports, settled, corrected_url):
    page = new_page
    on_a_phone(page, viewports, settled, corrected_url + "/tinh/lao-cai/")
    cell = page.locator("td", has=page.locator("sup.khcn-mark", has_text="đc"))
    assert cell.count() == 1
    assert cell.inner_text().startswith("11.443")
    assert "số bản tin 2023-04 đã công bố là 11.442" in cell.get_attribute("title")
