"""Charts in Chromium: their words are at least 12 CSS px on a 360px phone and grow with the text
size control, labels never overlap, and under each chart the provinces that did not report, the
source and the SVG file. Line charts need many periods: they are checked on a small synthetic bloc."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.browser

# Each piece of text shown in a chart: its size as drawn (an SVG text's font size times the
# scale of its SVG), its box, and whether it is a label of an axis.
CHART_TEXT = """() => {
    const out = [];
    for (const chart of document.querySelectorAll('.khcn-chart')) {
        const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const element = node.parentElement;
            if (!node.data.trim() || element.closest('[hidden]') || !element.getClientRects().length) continue;
            const matrix = element instanceof SVGElement ? element.getScreenCTM() : null;
            const box = element.getBoundingClientRect();
            out.push({text: node.data.trim().slice(0, 40), chart: chart.id,
                      size: parseFloat(getComputedStyle(element).fontSize) * (matrix ? Math.abs(matrix.d) : 1),
                      axis: !!element.closest('.khcn-ticks, .khcn-lines__x'),
                      box: [box.left, box.top, box.right, box.bottom]});
        }
    }
    return out;
}"""
REAL = ["/so-lieu/2022-2023/", "/chi-so/phuong-tien-do-kiem-dinh/"]
SYNTHETIC = ["/so-lieu/1997/", "/chi-so/phuong-tien-do-kiem-dinh/"]


def texts(page) -> list[dict]:
    found = page.evaluate(CHART_TEXT)
    assert found, page.url
    return found


def open_at(page, url, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(url, wait_until="networkidle")
    page.evaluate("() => localStorage.removeItem('khcn.textSize')")
    page.reload(wait_until="networkidle")


def overlapping(found: list[dict]) -> list[tuple[str, str]]:
    """Pairs of axis labels of the same chart whose boxes overlap."""
    labels = [t for t in found if t["axis"]]
    return [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
            if a["chart"] == b["chart"] and a["box"][0] < b["box"][2] - 0.5 and b["box"][0] < a["box"][2] - 0.5
            and a["box"][1] < b["box"][3] - 0.5 and b["box"][1] < a["box"][3] - 0.5]


@pytest.mark.parametrize("site, path", [("real", p) for p in REAL] + [("synthetic", p) for p in SYNTHETIC])
def test_chart_text_is_12px_or_more_on_a_phone_and_grows_with_the_text_size(
        new_page, base_url, synthetic_url, site, path):
    page = new_page
    open_at(page, (base_url if site == "real" else synthetic_url) + path, 360)
    before = texts(page)
    small = [(t["text"], round(t["size"], 1)) for t in before if t["size"] < 12]
    assert small == [], small
    page.get_by_role("button", name="Tăng cỡ chữ", exact=True).click()
    after = {(t["chart"], t["text"]): t["size"] for t in texts(page)}
    ratios = {round(after[(t["chart"], t["text"])] / t["size"], 2) for t in before if (t["chart"], t["text"]) in after}
    assert ratios == {1.15}, ratios


@pytest.mark.parametrize("width", [360, 1366])
@pytest.mark.parametrize("clicks", [0, 3])
def test_axis_labels_never_overlap(new_page, base_url, synthetic_url, width, clicks):
    page = new_page
    for url in [base_url + p for p in REAL] + [synthetic_url + p for p in SYNTHETIC]:
        open_at(page, url, width)
        for _ in range(clicks):  # 150 %, the largest text size
            page.get_by_role("button", name="Tăng cỡ chữ", exact=True).click()
        found = texts(page)
        assert overlapping(found) == [], url
        charts = {t["chart"] for t in found}
        # The first and last labels of each axis are always shown.
        assert all(sum(t["axis"] and t["chart"] == c for t in found) >= 2 for c in charts), url


def test_under_a_chart_the_missing_provinces_the_source_and_the_svg_file(new_page, base_url):
    page = new_page
    page.goto(base_url + "/so-lieu/2022-2023/", wait_until="networkidle")
    charts = page.locator(".khcn-chart")
    assert charts.count() >= 2
    first = charts.first
    assert first.get_by_text("Không báo cáo: Hà Giang.").is_visible()
    assert first.get_by_text("Nguồn: Bản tin KH&CN số 4 năm 2023.").is_visible()
    for index in range(charts.count()):
        chart = charts.nth(index)
        link = chart.get_by_role("link", name="Tải biểu đồ (SVG)")
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.ok and "svg" in response.headers["content-type"]
        svg = ET.fromstring(response.body())
        title = svg.find("{http://www.w3.org/2000/svg}title").text
        assert title == chart.locator("figcaption").inner_text()
        assert link.get_attribute("download") is not None
