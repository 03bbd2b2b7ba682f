"""The charts (macros/site/charts.py): the SVG file's ticks, escaping, gaps, labels, coordinates;
the HTML drawn on the page (bars, periods shown by the box's width).

The charts on the built pages are checked in test_readers.py and, in Chromium, in tests/browser.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from macros.site import charts
from macros.site.urls import address

SVG = "{http://www.w3.org/2000/svg}"


def parsed(chart: charts.Chart) -> ET.Element:
    """The chart read by a strict XML parser: it fails on anything not escaped."""
    return ET.fromstring(chart.svg)


def texts(root: ET.Element, css_class: str) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text") if css_class in t.get("class").split()]


def paths(root: ET.Element, css_class: str) -> list[ET.Element]:
    return [p for p in root.iter(f"{SVG}path") if css_class in p.get("class").split()]


@pytest.mark.parametrize("top, ticks", [
    (98447, [0, 20000, 40000, 60000, 80000, 100000]),
    (656, [0, 200, 400, 600, 800]),
    (100, [0, 20, 40, 60, 80, 100]),
    (45.5, [0, 10, 20, 30, 40, 50]),
    (0.7, [0, 0.2, 0.4, 0.6, 0.8]),
    (0.1 + 0.2, [0, 0.1, 0.2, 0.3]),  # binary noise does not add a step
    (3, [0, 1, 2, 3]),
    (0, [0, 1]),  # all zero: an axis from 0 to 1
])
def test_ticks_are_round_steps_from_zero(top, ticks):
    assert charts.nice_ticks(top) == ticks


def test_bar_chart_ticks_are_labelled_in_vietnamese_number_format():
    chart = charts.bar_chart("khcn-chart-t", "Phương tiện đo", ["Vĩnh Phúc", "Phú Thọ"], [98447, 40505],
                             "phương tiện đo")
    root = parsed(chart)
    assert texts(root, "tick") == ["0", "20.000", "40.000", "60.000", "80.000", "100.000"]
    assert texts(root, "value") == ["98.447", "40.505"]
    assert texts(root, "name") == ["Vĩnh Phúc", "Phú Thọ"]  # top-down, in the table's order


def drawing(root: ET.Element) -> ET.Element:
    return root.find(f"{SVG}g")


def test_svg_file_is_an_image_named_by_its_title_and_description_with_its_own_style():
    root = parsed(charts.bar_chart("khcn-chart-t", "Chỉ số", ["A", "B"], [1, 2.5], "đơn vị"))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("aria-labelledby") == "khcn-chart-t-title khcn-chart-t-desc"
    assert re.fullmatch(r"0 0 \d+ \d+(\.\d)?", root.get("viewBox"))
    assert root.get("width") is None and root.get("height") is None  # scales to where it is put
    assert [(c.tag, c.get("id")) for c in root][:3] == [(f"{SVG}title", "khcn-chart-t-title"),
                                                       (f"{SVG}desc", "khcn-chart-t-desc"), (f"{SVG}style", None)]
    assert drawing(root).get("aria-hidden") == "true"  # what is drawn is not read twice
    assert not list(root.iter(f"{SVG}script"))
    style = root.find(f"{SVG}style").text
    assert "#0b5e55" in style and "sans-serif" in style  # used alone: the site's colours, a font


def test_svg_file_names_the_missing_and_the_source_under_the_chart():
    chart = charts.bar_chart("khcn-chart-t", "Chỉ số", ["A", "B", "C"], [1, None, 3], "đơn vị",
                             "Bản tin KH&CN số 4 năm 2023", address("indicator_chart", "x"))
    assert chart.missing == ("B",) and chart.file.src_uri == "bieu-do/chi-so/x.svg"
    assert texts(parsed(chart), "note") == ["Không báo cáo: B.", "Nguồn: Bản tin KH&CN số 4 năm 2023."]


def test_text_is_escaped():
    label = 'Tỉnh <&"> \'x\''
    bar = charts.bar_chart("khcn-chart-t", f"Chỉ số {label}", [label, "B"], [3, 4], "đơn vị")
    root = parsed(bar)
    assert texts(root, "name")[0] == label
    assert root.find(f"{SVG}title").text == f"Chỉ số {label}"
    assert label in root.find(f"{SVG}desc").text
    line = charts.line_chart("khcn-chart-l", "Chỉ số", ["2022", "2023 <b>"], [(label, [1, 2])], "đơn vị")
    root = parsed(line)
    assert texts(root, "legend") == [label] and texts(root, "tick")[-1] == "2023 <b>"


def test_a_missing_value_breaks_the_line_and_a_value_alone_is_a_dot():
    series = [("Hà Giang", [1, 2, None, 4, 5]), ("Lào Cai", [None, 3, None, None, None])]
    root = parsed(charts.line_chart("khcn-chart-l", "Chỉ số", ["1", "2", "3", "4", "5"], series, "đơn vị"))
    lines = paths(root, "line")
    assert [re.findall(r"[ML]", p.get("d")) for p in lines] == [["M", "L", "M", "L"], ["M"]]
    assert all("nofill" in p.get("class").split() for p in lines)
    dots = paths(root, "dot")
    assert [p.get("d").count("h0") for p in dots] == [4, 1]
    assert lines[1].get("class").split()[-1] == dots[1].get("class").split()[-1] == "s1"  # the palette's second


def test_with_many_periods_every_kth_x_label_is_shown_with_the_first_and_last():
    periods = [f"Năm {1990 + i}" for i in range(60)]
    series = [(f"Tỉnh {n}", [float(i * n) for i in range(60)]) for n in range(8)]
    root = parsed(charts.line_chart("khcn-chart-l", "Chỉ số", periods, series, "đơn vị"))
    labels = [t for t in root.iter(f"{SVG}text") if t.get("class") == "tick"]
    shown = [t.text for t in labels]
    assert shown[0] == "Năm 1990" and shown[-1] == "Năm 2049" and 3 <= len(shown) < 12
    xs = [float(t.get("x")) for t in labels]
    width = len("Năm 2049") * charts.LABEL_SIZE * charts.CHAR_WIDTH
    assert all(b - a >= width for a, b in zip(xs, xs[1:]))  # no two labels touch
    assert xs[-1] + width / 2 <= charts.WIDTH


@pytest.mark.parametrize("count, every, expected", [
    (5, 1, [0, 1, 2, 3, 4]),
    (10, 3, [0, 3, 6, 9]),
    (11, 3, [0, 3, 6, 10]),  # 9 gives way to the last
    (12, 3, [0, 3, 6, 11]),
    (2, 5, [0, 1]),
])
def test_shown_labels(count, every, expected):
    assert charts.shown_labels(count, 10, 10 * every) == expected


def test_coordinates_have_one_decimal_at_most():
    bar = charts.bar_chart("khcn-chart-t", "Chỉ số", [f"Tỉnh {n}" for n in range(7)],
                           [n / 3 for n in range(7)], "đơn vị")
    line = charts.line_chart("khcn-chart-l", "Chỉ số", [str(y) for y in range(2001, 2014)],
                             [("A", [y / 7 for y in range(13)]), ("B", [None, 1 / 3] * 6 + [2])], "đơn vị")
    for chart in (bar, line):
        values = [v for e in drawing(parsed(chart)).iter() for k, v in e.attrib.items() if k != "class"]
        assert values and not [v for v in values if re.search(r"\d\.\d\d", v)]
        assert not re.search(r"\d\.\d\d", parsed(chart).get("viewBox"))


def test_bars_start_at_zero_and_are_as_long_as_their_value():
    root = parsed(charts.bar_chart("khcn-chart-t", "Chỉ số", ["A", "B", "C"], [0, 50, 100], "đơn vị"))
    bars = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert bars[0] == 0 and bars[2] == pytest.approx(2 * bars[1], abs=0.1)
    assert len({r.get("x") for r in root.iter(f"{SVG}rect")}) == 1
    zeros = parsed(charts.bar_chart("khcn-chart-z", "Chỉ số", ["A", "B"], [0, 0], "đơn vị"))
    assert texts(zeros, "value") == ["0", "0"] and texts(zeros, "tick") == ["0", "1"]


def test_charts_are_deterministic_and_grow_with_the_rows():
    draw = lambda n: charts.bar_chart("khcn-chart-t", "Chỉ số", [f"T{i}" for i in range(n)],  # noqa: E731
                                      list(range(n)), "đơn vị")
    assert draw(5).svg == draw(5).svg
    height = lambda chart: float(parsed(chart).get("viewBox").split()[3])  # noqa: E731
    assert height(draw(6)) - height(draw(5)) == charts.ROW


def test_the_shared_style_colours_every_series_on_both_schemes():
    css = charts.chart_css()
    for number, (light, dark) in enumerate(zip(charts.COLORS, charts.DARK_COLORS)):
        assert f"--khcn-s{number}:{light}" in css and f"--khcn-s{number}:{dark}" in css
        assert f".khcn-chart .s{number}{{fill:var(--khcn-s{number});stroke:var(--khcn-s{number})}}" in css
    assert charts.COLORS[0] == "#0b5e55" and '[data-md-color-scheme="slate"]' in css
    assert ".p0{--khcn-bar:0%}" in css and ".p100{--khcn-bar:100%}" in css
    assert "font-size:.75rem" in css  # the page's text size: it follows the text size control


# --- On the page ----------------------------------------------------------------------------

def soup(html: str):
    from bs4 import BeautifulSoup
    return BeautifulSoup(html, "html.parser")


def test_bars_on_the_page_are_a_list_of_names_and_values_in_the_tables_order():
    chart = charts.bar_chart("khcn-chart-t", "Phương tiện đo", ["Vĩnh Phúc", "Hà Giang", "Phú Thọ"],
                             [98447, None, 40505], "phương tiện đo")
    rows = soup(chart.html).select(".khcn-bars li")
    assert [[s.get_text() for s in li.select("span")] for li in rows] == [["Vĩnh Phúc", "98.447"],
                                                                          ["Phú Thọ", "40.505"]]
    assert [li["class"] for li in rows] == [["p98"], ["p41"]]  # of the axis's 100.000
    ticks = soup(chart.html).select(".khcn-ticks span")
    assert [(t.get_text(), t["class"]) for t in ticks] == [("0", ["x0"]), ("50.000", ["x50", "inner", "mid"]),
                                                            ("100.000", ["x100"])]
    assert not soup(chart.html).select("[style]")  # the Content-Security-Policy allows no inline style


def test_a_value_above_zero_is_drawn_however_small():
    chart = charts.bar_chart("khcn-chart-t", "Chỉ số", ["A", "B", "C"], [1000, 1, 0], "đơn vị")
    assert [li["class"] for li in soup(chart.html).select("li")] == [["p100"], ["p1"], ["p0"]]


def test_a_line_chart_is_an_image_described_by_every_value():
    series = [("Hà Giang", [1, 2, None]), ("Lào Cai", [None, None, None])]
    chart = charts.line_chart("khcn-chart-l", "Chỉ số", ["2021", "2022", "2023"], series, "đơn vị")
    page = soup(chart.html)
    image = page.select_one("[role=img]")
    assert image["aria-labelledby"] == "khcn-chart-l-title khcn-chart-l-desc"
    desc = page.select_one("#khcn-chart-l-desc")
    assert desc.has_attr("hidden") and "Hà Giang: 2021 1, 2022 2, 2023 không báo cáo" in desc.get_text()
    assert chart.missing == ("Lào Cai",) and "Lào Cai" not in page.select_one(".khcn-legend").get_text()
    assert page.select_one("svg[viewbox]")["preserveaspectratio"] == "none"


@pytest.mark.parametrize("count", [2, 5, 12, 31, 60])
def test_a_wider_box_shows_more_period_labels_and_never_two_that_touch(count):
    periods = [f"Năm {1990 + i}" for i in range(count)]
    classes = charts._label_widths(periods)
    assert classes[0] == classes[-1] == ""  # the first and the last, always
    label = len(periods[0]) * charts.CHAR_WIDTH
    for width in charts.LABEL_WIDTHS:
        shown = [i for i, c in enumerate(classes) if not c or (c != " wx" and int(c[2:]) <= width)]
        spacing = width / (count - 1)
        # Neighbours are a label and a half apart at least (the end labels are anchored at the ends).
        assert all((b - a) * spacing >= 1.5 * label for a, b in zip(shown, shown[1:])), (width, shown)
        wider = [w for w in charts.LABEL_WIDTHS if w > width]
        if wider:  # a wider box keeps every label a narrower one shows
            more = [i for i, c in enumerate(classes) if not c or (c != " wx" and int(c[2:]) <= wider[0])]
            assert set(shown) <= set(more)


def test_a_bar_carries_its_values_status_mark_and_the_chart_says_what_it_means():
    chart = charts.bar_chart("khcn-chart-t", "Chỉ số", ["A", "B", "C"], [1, 2, 3], "đơn vị",
                             marks=[None, "đc", "sb"])
    assert [li.get_text(" ") for li in soup(chart.html).select("li")] == ["A 1", "B 2 đc", "C 3 sb"]
    assert chart.marks == ("sb: số sơ bộ, có thể thay đổi", "đc: số đã điều chỉnh")
    assert "B 2 đc; C 3 sb." in chart.description
    texts = [t.text for t in parsed(chart).iter("{http://www.w3.org/2000/svg}text")]
    assert "2 đc" in texts and "đc: số đã điều chỉnh." in texts


def test_a_line_chart_names_its_marked_points():
    series = [("Hà Giang", [1, 2]), ("Lào Cai", [3, 4])]
    chart = charts.line_chart("khcn-chart-l", "Chỉ số", ["2022", "2023"], series, "đơn vị",
                              marks={("Lào Cai", "2023"): "đc"})
    assert chart.marks == ("đc: số đã điều chỉnh (Lào Cai 2023)",)
    assert "Lào Cai: 2022 3, 2023 4 đc." in chart.description
