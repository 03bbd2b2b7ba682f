"""The "Trích dẫn" block of a bulletin page in Chromium: it wraps on a phone, its Vietnamese
letters are drawn whole in the fonts the page actually gets, and one button beside it copies it."""
from __future__ import annotations

import pytest

from pixels import ink_box

pytestmark = pytest.mark.browser

PAGE = "/ban-tin/2023-04/"
BLOCKS = {"citation": "#trich-dan-van-ban", "bibtex": "#trich-dan-bibtex code"}


@pytest.mark.parametrize("viewport", ["360", "desktop"])
def test_the_citation_wraps_inside_the_page(new_page, base_url, viewports, viewport):
    page = new_page
    page.set_viewport_size(viewports[viewport])
    page.goto(base_url + PAGE, wait_until="networkidle")
    text = page.locator(BLOCKS["citation"])
    text.scroll_into_view_if_needed()
    fits = text.evaluate("e => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= innerWidth")
    assert fits, "the citation runs past its box or the screen"
    assert text.evaluate("e => e.getClientRects().length && e.getBoundingClientRect().height") > 40  # wrapped
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth")


@pytest.mark.parametrize("block", BLOCKS)
def test_letters_with_two_marks_are_drawn_whole(new_page, base_url, block, settled):
    """'ố' is drawn in the element's own font as one letter: its ink no wider than 'ô' (in
    DejaVu Sans Mono, Debian's monospace, the acute fell beside the letter: "sô´")."""
    page = new_page
    page.goto(base_url + PAGE, wait_until="networkidle")
    page.locator(".khcn-bibtex summary").click()
    settled(page)
    widths = {}
    for letter in ("ô", "ố", "ộ", "ữ", "ể"):
        sample = page.evaluate("""([selector, letter]) => {
            const span = document.createElement('span');
            span.className = 'khcn-glyph-sample';
            span.textContent = letter;
            span.style.cssText = 'font-size:48px;padding:12px 24px;display:inline-block;line-height:1.4';
            document.querySelector(selector).append(span);
            return true; }""", [BLOCKS[block], letter])
        assert sample
        box = ink_box(page.locator(".khcn-glyph-sample").last.screenshot())
        page.evaluate("() => document.querySelector('.khcn-glyph-sample').remove()")
        widths[letter] = box[2] - box[0]
    for letter in ("ố", "ộ", "ữ", "ể"):
        assert widths[letter] <= widths["ô"] * 1.25, (block, widths)


def test_one_button_beside_the_citation_copies_it(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    try:
        page.goto(base_url + PAGE, wait_until="networkidle")
        text = page.locator(BLOCKS["citation"])
        buttons = page.get_by_role("button", name="Chép trích dẫn")
        assert buttons.count() == 1
        button, box = buttons.first.bounding_box(), text.bounding_box()
        # Beside the text, in the same block: to its right, starting on its first line.
        assert button["x"] >= box["x"] + box["width"] - 1 and abs(button["y"] - box["y"]) < 24
        assert button["x"] + button["width"] <= 360
        buttons.first.click()
        page.get_by_text("Đã sao chép").wait_for()
        assert page.evaluate("() => navigator.clipboard.readText()") == text.inner_text()
    finally:
        context.close()
