"""Charts drawn at build time with pygal, inlined as SVG: seen without JavaScript, and printed.

- A period's table with a row per province: one horizontal bar chart per indicator, a bar per
  province that reported it.
- An indicator's table: a line per province across the periods; with one period, bars.
Yes/no indicators and tables without a per-province breakdown get no chart: the table says it.

Each SVG has `role="img"`, a `<title>` and a `<desc>` that lists every value drawn (Vietnamese
number format) and the provinces that did not report, referenced by `aria-labelledby`. The
output is deterministic: pygal's random chart id is replaced by one derived from the file path
and the indicator, and pygal's comment (which carries the build date) is dropped.
"""
from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pygal
from pygal.style import Style

from . import formatting as fmt
from .opendata import TableDownload

SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

# The site's colours (khcn.css): the theme's teal first.
STYLE = Style(background="transparent", plot_background="transparent", font_family="inherit",
              foreground="#1f2a28", foreground_strong="#1f2a28", foreground_subtle="#6b7a77",
              colors=("#0b5e55", "#b5520b", "#3c5a9a", "#7a3f8f", "#5b7d1a", "#a3273f", "#2d7f9e",
                      "#8a6d00"),
              title_font_size=15, label_font_size=12, major_label_font_size=12, value_font_size=11,
              legend_font_size=12)
OPTIONS = dict(style=STYLE, js=[], disable_xml_declaration=True, truncate_label=-1,
               truncate_legend=-1, print_values=True, width=640, dynamic_print_values=False)


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    svg: str  # markup of the <svg> element, ready to inline


def _number(value) -> str:
    return fmt.number(value) if value is not None else ""


def _chart_id(path: str, key: str) -> str:
    return "khcn-chart-" + hashlib.sha1(f"{path}#{key}".encode()).hexdigest()[:10]


def _accessible_svg(chart, chart_id: str, title: str, description: str) -> str:
    """pygal's SVG with a fixed id, role=img, our <title> and <desc>, and nothing else to read.

    pygal's own titles and descriptions (tooltip data of every bar and axis label), its
    script and its comments are dropped, its <style> is shared by all charts (`chart_css`),
    and coordinates keep one decimal: a chart of 50 provinces shrinks from 35 KB to a third."""
    chart.uuid = chart_id.removeprefix("chart-")
    root = ET.fromstring(chart.render(is_unicode=True))  # the parser drops comments
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    root.attrib.pop("width", None)
    root.attrib.pop("height", None)
    root.attrib.pop("id", None)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in _DROPPED:
                parent.remove(child)
        for name, value in parent.attrib.items():  # coordinates only, never the text drawn
            parent.set(name, _DECIMALS.sub(lambda m: m.group(1), value))
    for position, (tag, text) in enumerate((("title", title), ("desc", description))):
        element = ET.Element(f"{{{SVG}}}{tag}", id=f"{chart_id}-{tag}")
        element.text = text
        root.insert(position, element)
    return ET.tostring(root, encoding="unicode")


_DROPPED = {f"{{{SVG}}}{tag}" for tag in ("title", "desc", "script", "style", "defs")}
_DECIMALS = re.compile(r"(\d+\.\d)\d+")

# A chart stays readable on a phone and light whatever the size of the bloc: at most this many
# lines (each has a colour of the palette) and bars.
MAX_SERIES = 8
MAX_BARS = 12


def chart_css() -> str:
    """The style pygal writes into each chart, once for the site, scoped by the charts' class."""
    chart = pygal.Line(**OPTIONS)
    chart.uuid = "khcn-shared"
    for number in range(MAX_SERIES):
        chart.add(str(number), [1, 2])
    style = ET.fromstring(chart.render(is_unicode=True)).find(f"{{{SVG}}}defs/{{{SVG}}}style")
    return style.text.replace("#chart-khcn-shared", "svg.pygal-chart")


def _parent(root: ET.Element, child: ET.Element) -> ET.Element:
    return next(element for element in root.iter() if child in list(element))


def bar_chart(chart_id: str, title: str, labels: list[str], values: list, unit: str) -> Chart:
    """Horizontal bars, one per label (the MAX_BARS largest when there are more: the table
    has them all); labels without a value are listed as not reported."""
    drawn = [(label, value) for label, value in zip(labels, values) if value is not None]
    missing = [label for label, value in zip(labels, values) if value is None]
    if len(drawn) > MAX_BARS:
        largest = set(sorted(range(len(drawn)), key=lambda i: -drawn[i][1])[:MAX_BARS])
        drawn = [pair for i, pair in enumerate(drawn) if i in largest]
        title += f" – {MAX_BARS} tỉnh có số lớn nhất"
    chart = pygal.HorizontalBar(title=title, show_legend=False, value_formatter=_number,
                                height=120 + 34 * len(drawn), **OPTIONS)
    # pygal draws the first bar at the bottom: reversed, the chart reads top-down like the table.
    chart.x_labels = [label for label, _ in reversed(drawn)]
    chart.add(unit, [value for _, value in reversed(drawn)])
    description = f"Biểu đồ cột ({unit}): " + "; ".join(f"{l} {_number(v)}" for l, v in drawn) + "."
    if missing:
        description += " Không báo cáo: " + ", ".join(missing) + "."
    return Chart(chart_id, title, description, _accessible_svg(chart, chart_id, title, description))


def line_chart(chart_id: str, title: str, periods: list[str], series: list[tuple[str, list]],
               unit: str) -> Chart:
    """A line per series across the periods, a gap where a period has no value: the MAX_SERIES
    series with the largest latest value when there are more (the table has them all)."""
    if len(series) > MAX_SERIES:
        latest = lambda values: next((v for v in reversed(values) if v is not None), 0)  # noqa: E731
        kept = set(sorted(range(len(series)), key=lambda i: -latest(series[i][1]))[:MAX_SERIES])
        series = [item for i, item in enumerate(series) if i in kept]
        title += f" – {MAX_SERIES} tỉnh có số lớn nhất kỳ gần nhất"
    # Values are not printed on the lines (the description and the table have them): across
    # many periods they would cover the lines, and drawing them was most of a chart's cost.
    chart = pygal.Line(title=title, value_formatter=_number, height=420, legend_at_bottom=True,
                       allow_interruptions=True, **{**OPTIONS, "print_values": False})
    chart.x_labels = periods
    for name, values in series:
        chart.add(name, values)
    parts = [f"{name}: " + ", ".join(f"{p} {_number(v) or 'không báo cáo'}" for p, v in zip(periods, values))
             for name, values in series]
    description = f"Biểu đồ đường ({unit}) theo kỳ báo cáo. " + "; ".join(parts) + "."
    return Chart(chart_id, title, description, _accessible_svg(chart, chart_id, title, description))


def _value(cell):
    if not cell.reported or isinstance(cell.value, bool) or cell.value is None:
        return None
    return cell.value


def period_charts(records, download: TableDownload) -> list[Chart]:
    """One chart per table: the group's first indicator (catalogue order) that two or more
    provinces reported, so pages stay light; every column is in the table and its download."""
    table = download.table
    rows = [row for row in table.rows if row.kind == "province"]
    if len(rows) < 2:
        return []
    period = records.periods[download.period]
    for column, indicator in enumerate(table.columns):
        values = [_value(row.cells[column]) for row in rows]
        if indicator.value_type == "boolean" or sum(v is not None for v in values) < 2:
            continue
        title = f"{indicator.label} ({indicator.unit}), {fmt.in_sentence(period.label)}"
        return [bar_chart(_chart_id(download.path, indicator.id), title,
                          [row.label for row in rows], values, indicator.unit)]
    return []


def indicator_charts(records, download: TableDownload) -> list[Chart]:
    indicator = records.indicators[download.indicator]
    table = download.table
    rows = [row for row in table.rows if row.kind == "province"]
    if indicator.value_type == "boolean" or len(rows) < 1:
        return []
    series = [(row.label, [_value(cell) for cell in row.cells]) for row in rows]
    if sum(v is not None for _, values in series for v in values) < 2:
        return []
    chart_id = _chart_id(download.path, indicator.id)
    if len(table.column_labels) == 1:
        title = f"{indicator.label} ({indicator.unit}), {fmt.in_sentence(table.column_labels[0])}"
        return [bar_chart(chart_id, title, [n for n, _ in series], [v[0] for _, v in series], indicator.unit)]
    title = f"{indicator.label} ({indicator.unit}) theo kỳ báo cáo"
    return [line_chart(chart_id, title, table.column_labels, series, indicator.unit)]


def charts_for(records, download: TableDownload) -> list[Chart]:
    """The charts drawn under one table (none for a province's own table)."""
    if download.kind == "period":
        return period_charts(records, download)
    if download.kind == "indicator":
        return indicator_charts(records, download)
    return []
