"""The SVG writer of the charts (macros/site/charts.py): ticks, escaping, gaps, labels, coordinates.

The charts on the built pages are checked in test_readers.py and, in Chromium, in tests/browser.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from macros.site import charts

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


def test_svg_is_an_image_named_by_its_title_and_description_only():
    root = parsed(charts.bar_chart("khcn-chart-t", "Chỉ số", ["A", "B"], [1, 2.5], "đơn vị"))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("aria-labelledby") == "khcn-chart-t-title khcn-chart-t-desc"
    assert re.fullmatch(r"0 0 \d+ \d+(\.\d)?", root.get("viewBox"))
    assert root.get("width") is None and root.get("height") is None  # sized by readers.css
    assert [(c.tag, c.get("id")) for c in root][:2] == [(f"{SVG}title", "khcn-chart-t-title"),
                                                       (f"{SVG}desc", "khcn-chart-t-desc")]
    assert root[2].get("aria-hidden") == "true"  # what is drawn is not read twice
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}style"))


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
        drawing = parsed(chart)[2]
        values = [v for e in drawing.iter() for k, v in e.attrib.items() if k != "class"]
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


def test_the_shared_style_colours_every_series_and_names_the_site_colours():
    css = charts.chart_css()
    for number, colour in enumerate(charts.COLORS):
        assert f".s{number}{{fill:{colour};stroke:{colour}}}" in css
    assert charts.COLORS[0] == "#0b5e55" and "#1f2a28" in css and "#6b7a77" in css
    assert "font-family:inherit" in css and "slate" in css
