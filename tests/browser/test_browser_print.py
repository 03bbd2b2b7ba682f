"""A bulletin page printed: the document alone, full width, tables whole, no link addresses.

The print layout is also saved as tests/output/print/ban-tin-2023-04.pdf to look at.
"""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

BULLETIN = "/ban-tin/2023-04/"
PDF = Path(__file__).resolve().parents[1] / "output" / "print" / "ban-tin-2023-04.pdf"
# The printable width of an A4 page with the stylesheet's margins, in CSS pixels (96 dpi).
A4_PRINTABLE = {"width": round((210 - 2 * 14) / 25.4 * 96), "height": 1000}
SCREEN_ONLY = {
    "header": ".md-header",
    "tabs": ".md-tabs",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "search": ".md-search",
    "footer": ".md-footer",
    "back to top": ".md-top",
}


@pytest.fixture
def printed(new_page, base_url, settled):
    new_page.set_viewport_size(A4_PRINTABLE)
    new_page.goto(base_url + BULLETIN, wait_until="networkidle")
    new_page.emulate_media(media="print")
    settled(new_page)
    return new_page


@pytest.mark.parametrize("part", SCREEN_ONLY)
def test_print_hides_the_screen_furniture(printed, part):
    assert printed.locator(SCREEN_ONLY[part]).first.is_hidden()


def test_print_shows_the_bulletin(printed):
    assert printed.get_by_role("heading", level=1).is_visible()
    assert printed.locator(".khcn-table").first.is_visible()


def test_print_uses_the_full_width(printed):
    content = printed.locator(".md-content").bounding_box()
    assert content["x"] <= 1 and content["width"] >= A4_PRINTABLE["width"] - 2


def test_print_does_not_cut_tables(printed):
    cut = printed.evaluate("""() => [...document.querySelectorAll('.khcn-scroll')]
        .filter(box => box.scrollWidth > box.clientWidth + 1 || getComputedStyle(box).overflowX !== 'visible')
        .map(box => box.getAttribute('aria-label'))""")
    assert cut == []


def test_print_adds_no_link_addresses(printed):
    generated = printed.evaluate("""() => [...document.querySelectorAll('.md-content a[href]')]
        .map(a => getComputedStyle(a, '::after').content)
        .filter(content => content !== 'none' && content !== 'normal')""")
    assert generated == []


def test_print_keeps_link_text_plain(printed):
    link = printed.locator(".md-content a[href]").first
    assert link.evaluate("a => getComputedStyle(a).textDecorationLine") == "none"


def test_print_to_pdf(printed):
    PDF.parent.mkdir(parents=True, exist_ok=True)
    printed.pdf(path=str(PDF), format="A4", print_background=True, prefer_css_page_size=True)
    assert PDF.read_bytes().startswith(b"%PDF")
