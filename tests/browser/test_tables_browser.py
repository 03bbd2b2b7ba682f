"""Statistics tables on a 360px phone, measured in Chromium: every number can be read beside the
name of its row, a line says when a table scrolls sideways, and titles keep "2022–2023" whole."""
from __future__ import annotations

import pytest

from pixels import png_pixels

pytestmark = pytest.mark.browser

PAGES = ["/so-lieu/2022-2023/", "/chi-so/phuong-tien-do-kiem-dinh/", "/tinh/lao-cai/", "/ban-tin/2023-04/"]

MEASURE = """() => [...document.querySelectorAll('.khcn-table .khcn-scroll')].map(box => {
    const table = box.querySelector('table');
    const rows = [...table.rows];
    const firstWidth = Math.max(...rows.map(r => r.cells[0].getBoundingClientRect().width));
    const widest = Math.max(0, ...rows.flatMap(r => [...r.cells].slice(1).map(c => c.getBoundingClientRect().width)));
    const hint = box.previousElementSibling && box.previousElementSibling.matches('.khcn-scroll-hint')
        ? box.previousElementSibling : null;
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    box.scrollLeft = box.scrollWidth;
    const edge = box.getBoundingClientRect();
    const inner = edge.left + box.clientLeft;
    const firsts = rows.map(r => r.cells[0].getBoundingClientRect());
    const lasts = rows.map(r => r.cells[r.cells.length - 1].getBoundingClientRect());
    const result = {
        caption: table.caption.textContent.slice(0, 50), scrolls, columns: rows[0].cells.length,
        room: box.clientWidth, firstWidth, widest,
        hint: hint && hint.getBoundingClientRect().height > 0 ? hint.textContent : null,
        firstStays: firsts.every(f => Math.abs(f.left - inner) <= 1),
        lastShown: lasts.every((l, i) => l.right <= edge.right + 1 && l.left >= firsts[i].right - 1),
        clipped: [...table.querySelectorAll('td')].filter(td => td.scrollWidth > td.clientWidth + 1).length,
    };
    box.scrollLeft = 0;
    return result;
})"""


@pytest.mark.parametrize("path", PAGES)
def test_every_number_is_read_beside_its_row_on_a_phone(new_page, base_url, viewports, settled, path):
    page = new_page
    page.set_viewport_size(viewports["360"])
    page.goto(base_url + path, wait_until="networkidle")
    settled(page)
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth"), "the page scrolls sideways"
    tables = page.evaluate(MEASURE)
    assert tables, path
    for table in tables:
        # The fixed first column and any column of numbers fit side by side in the box.
        assert table["firstWidth"] + table["widest"] <= table["room"] + 1, table
        assert table["clipped"] == 0, table
        if table["scrolls"]:
            assert table["hint"] == f"Bảng có {table['columns']} cột: vuốt ngang để xem hết", table
            assert table["firstStays"] and table["lastShown"], table
        else:
            assert table["hint"] is None, table


def test_the_scroll_line_goes_when_the_table_fits(new_page, base_url, viewports):
    page = new_page
    page.set_viewport_size(viewports["360"])
    page.goto(base_url + "/so-lieu/2022-2023/", wait_until="networkidle")
    assert page.locator(".khcn-scroll-hint").count() > 0
    page.set_viewport_size({"width": 1600, "height": 900})
    page.wait_for_function("() => document.querySelectorAll('.khcn-scroll-hint').length === 0")


def edge_shade(page, box) -> int:
    """How much darker the box's right edge (a strip 6px wide, its full height) is with the box's
    backgrounds than without them: the shade khcn.css draws there, text and borders cancelled."""
    b = box.bounding_box()
    clip = {"x": b["x"] + b["width"] - 7, "y": b["y"], "width": 6, "height": b["height"]}

    def darkness() -> int:
        rows = png_pixels(page.screenshot(clip=clip))
        return sum(255 - min(pixel) for row in rows for pixel in row)

    shaded = darkness()
    box.evaluate("b => { b.style.backgroundImage = 'none'; }")
    plain = darkness()
    box.evaluate("b => { b.style.backgroundImage = ''; }")
    return shaded - plain


@pytest.mark.parametrize("width", [360, 1280])
def test_the_shaded_right_edge_shows_only_while_columns_remain_there(new_page, base_url, width):
    """khcn.css shades a table's right edge while it can scroll further right: not on a table that
    fits, nor on one scrolled to its end."""
    page = new_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + "/so-lieu/2022-2023/", wait_until="networkidle")
    boxes = page.locator(".khcn-table .khcn-scroll")
    seen = {"wide": 0, "fits": 0}
    for i in range(boxes.count()):
        box = boxes.nth(i)
        box.scroll_into_view_if_needed()
        hidden = box.evaluate("b => b.scrollWidth - b.clientWidth")
        wide = hidden > 1
        seen["wide" if wide else "fits"] += 1
        if wide:
            # The cover that ends the content (2.5rem wide, opaque on its right half) lies over the
            # shadow once less than 1.25rem is left to scroll: the last millimetres go unshaded.
            if hidden > 20:
                assert edge_shade(page, box) > 500, f"table {i}: no shade while {hidden}px remain to the right"
            box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        assert edge_shade(page, box) < 50, f"table {i}: shaded, with no column left to the right"
    assert seen["wide" if width == 360 else "fits"] > 0, seen


@pytest.mark.parametrize("width", [360, 390, 414])
@pytest.mark.parametrize("path, selector", [("/so-lieu/2022-2023/", "h1"), ("/so-lieu/2022-2023/", "caption"),
                                            ("/ban-tin/2023-04/", "h2")])
def test_a_span_of_years_is_not_broken_across_lines(new_page, base_url, width, path, selector):
    page = new_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + path, wait_until="networkidle")
    spans = page.evaluate("""selector => [...document.querySelectorAll('.md-content ' + selector)]
        .flatMap(e => { const range = document.createRange();
            const node = [...e.querySelectorAll('*'), e].flatMap(n => [...n.childNodes])
                .find(t => t.nodeType === 3 && /\\d{4}–\\d{4}/.test(t.data));
            if (!node) return [];
            const at = node.data.search(/\\d{4}–\\d{4}/);
            range.setStart(node, at); range.setEnd(node, at + 9);
            return [new Set([...range.getClientRects()].map(r => Math.round(r.top))).size]; })""", selector)
    assert spans and all(lines == 1 for lines in spans), spans
