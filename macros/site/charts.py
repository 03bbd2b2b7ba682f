"""Charts drawn at build time, inlined as SVG: seen without JavaScript, and printed.

- A period's table with a row per province: one horizontal bar chart per indicator, a bar per
  province that reported it.
- An indicator's table: a line per province across the periods; with one period, bars.
Yes/no indicators and tables without a per-province breakdown get no chart: the table says it.

Each SVG has `role="img"`, a `<title>` and a `<desc>` that lists every value drawn (Vietnamese
number format) and the provinces that did not report, referenced by `aria-labelledby`.

The SVG is written here as text (a charting library cost a fifth of a large build, most of
it in features the site does not use): shapes carry classes only, styled once for the site
by `chart_css()` (assets/stylesheets/charts.css), coordinates have one decimal at most, and the
output depends on the data alone: no random id, no date. Text is never measured: widths are
estimated from the number of characters (`CHAR_WIDTH`), with room to spare.
"""
from __future__ import annotations

import hashlib
import math
import re
import textwrap
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from macros.records import formatting as fmt
from macros.site.opendata import TableDownload

# The site's colours (khcn.css): the theme's teal first; series n is drawn in COLORS[n].
COLORS = ("#0b5e55", "#b5520b", "#3c5a9a", "#7a3f8f", "#5b7d1a", "#a3273f", "#2d7f9e", "#8a6d00")
TEXT, SUBTLE, GRID = "#1f2a28", "#6b7a77", "#d3dbd9"
TITLE_SIZE, LABEL_SIZE, VALUE_SIZE = 15, 12, 11

# viewBox units. Narrower than the page, the chart scales up to its box (readers.css caps it);
# on a phone, 480 units across about 330 px keep the 12-unit labels at 8 px and more.
WIDTH = 480
PAD = 8
CHAR_WIDTH = 0.6  # a character's advance in ems, generous: the font is the reader's sans-serif
TITLE_LINE = 19
ROW, BAR = 34, 20  # a bar chart's row and bar heights
LINE = 14  # between the lines of a name that wraps
PLOT_HEIGHT = 220  # a line chart's plot area

# A chart stays readable on a phone and light whatever the size of the bloc: at most this many
# lines (each has a colour of the palette) and bars.
MAX_SERIES = 8
MAX_BARS = 12


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


# --- Drawing ---------------------------------------------------------------------------------

def _n(x: float) -> str:
    """A coordinate with one decimal at most: 12.0 -> '12', 7.25 -> '7.2'."""
    text = f"{x:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _width(text: str, size: float) -> float:
    """The estimated width of a text: no font is at hand at build time."""
    return len(text) * size * CHAR_WIDTH


def _text(css_class: str, x: float, y: float, text: str) -> str:
    return f'<text class="{css_class}" x="{_n(x)}" y="{_n(y)}">{escape(text)}</text>'


def nice_ticks(top: float, count: int = 5) -> list:
    """0 then round steps (1, 2 or 5 times a power of ten) up to `top` or just above, at
    most `count` steps: 98447 -> 0, 20000, ..., 100000. Whole numbers stay ints."""
    if top <= 0:
        return [0, 1]
    exponent = math.floor(math.log10(top / count))
    power = 10 ** exponent  # an int from 1 up, a float below
    step = next(m * power for m in (1, 2, 5, 10) if m * power * count >= top)
    steps = math.ceil(round(top / step, 9))  # 0.3 / 0.1 is 2.9999999999999996
    if step >= 1:
        return [int(step) * i for i in range(steps + 1)]
    return [round(step * i, -exponent) for i in range(steps + 1)]


def _ticks_that_fit(top: float, length: float) -> list:
    """The most ticks (5 down to 2 steps) whose labels do not touch along `length` units."""
    for count in (5, 4, 3):
        ticks = nice_ticks(top, count)
        widest = max(_width(fmt.number(t), LABEL_SIZE) for t in ticks)
        if length / (len(ticks) - 1) >= widest + 10:
            return ticks
    return nice_ticks(top, 2)


def shown_labels(count: int, spacing: float, label_width: float) -> list[int]:
    """Indexes of the x labels drawn: every k-th so that none overlaps the next, the first
    and the last always (the one before the last gives way when they would touch)."""
    if count <= 2:
        return list(range(count))
    every = max(1, math.ceil(label_width / spacing)) if spacing > 0 else count
    shown = list(range(0, count, every))
    if shown[-1] != count - 1:
        if count - 1 - shown[-1] < every and len(shown) > 1:
            shown.pop()
        shown.append(count - 1)
    return shown


_BRACKETS = re.compile(r"\([^()]{1,30}\)")


def _title(title: str) -> tuple[list[str], float]:
    """The title centred on lines that fit, and where the drawing below it starts."""
    per_line = int((WIDTH - 2 * PAD) / (TITLE_SIZE * CHAR_WIDTH))
    # The unit in brackets stays on one line: no-break spaces, which textwrap keeps.
    kept = _BRACKETS.sub(lambda m: m.group().replace(" ", "\u00a0"), title)
    lines = textwrap.wrap(kept, per_line, break_long_words=False) or [""]
    texts = [_text("title", WIDTH / 2, PAD + TITLE_SIZE + i * TITLE_LINE, line) for i, line in enumerate(lines)]
    return texts, PAD + len(lines) * TITLE_LINE + 8


def _svg(chart_id: str, kind: str, height: float, title: str, description: str, drawing: list[str]) -> str:
    """The chart's element: named by its <title> and <desc>; what is drawn is not read out."""
    labelled_by = quoteattr(f"{chart_id}-title {chart_id}-desc")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="khcn-svg-chart khcn-svg-chart--{kind}" '
            f'viewBox="0 0 {WIDTH} {_n(height)}" role="img" aria-labelledby={labelled_by}>'
            f'<title id={quoteattr(chart_id + "-title")}>{escape(title)}</title>'
            f'<desc id={quoteattr(chart_id + "-desc")}>{escape(description)}</desc>'
            f'<g aria-hidden="true">{"".join(drawing)}</g></svg>')


def _lines_of(text: str, width: float) -> list[str]:
    """A label on as many lines as it needs to fit `width`: never cut, a long name wraps."""
    return textwrap.wrap(text, max(1, int(width / (LABEL_SIZE * CHAR_WIDTH))), break_long_words=False) or [text]


def _bars_svg(chart_id: str, title: str, description: str, drawn: list[tuple[str, float]]) -> str:
    """Horizontal bars from 0, top-down in the table's order, the value at each bar's end.
    A row is ROW high, or more for a name that wraps (one longer than 40% of the width)."""
    drawing, top = _title(title)
    texts = [_number(value) for _, value in drawn]
    label_width = min(max(_width(label, LABEL_SIZE) for label, _ in drawn), WIDTH * 0.4)
    names = [_lines_of(label, label_width) for label, _ in drawn]
    heights = [max(ROW, LINE * len(lines) + 10) for lines in names]
    x0 = PAD + label_width + 6
    top_value = max(value for _, value in drawn)
    right = max(max(_width(t, VALUE_SIZE) for t in texts) + 4,
                _width(fmt.number(nice_ticks(top_value)[-1]), LABEL_SIZE) / 2)
    x1 = WIDTH - PAD - right
    ticks = _ticks_that_fit(top_value, x1 - x0)
    scale = (x1 - x0) / ticks[-1]
    bottom = top + sum(heights)
    drawing += _vertical_grid(ticks, x0, scale, top, bottom)
    y = top
    for (_, value), text, lines, height in zip(drawn, texts, names, heights):
        middle, length = y + height / 2, value * scale
        first = middle + 4 - (len(lines) - 1) * LINE / 2  # baseline of the name's first line
        bar = f'<rect class="s0" x="{_n(x0)}" y="{_n(middle - BAR / 2)}" width="{_n(length)}" height="{BAR}"/>'
        drawing.append('<g class="bar">' + "".join(_text("name", x0 - 6, first + i * LINE, line)
                                                   for i, line in enumerate(lines))
                       + bar + _text("value", x0 + length + 4, middle + 4, text) + "</g>")
        y += height
    return _svg(chart_id, "bar", bottom + 26 + PAD, title, description, drawing)


def _vertical_grid(ticks: list, x0: float, scale: float, top: float, bottom: float) -> list[str]:
    """Light gridlines at the ticks, labelled below; the line at 0 is the axis."""
    lines = "".join(f"M{_n(x0 + t * scale)} {_n(top)}V{_n(bottom)}" for t in ticks[1:])
    labels = [_text("tick", x0 + t * scale, bottom + 18, fmt.number(t)) for t in ticks]
    return [f'<path class="grid" d="{lines}"/>', f'<path class="axis" d="M{_n(x0)} {_n(top)}V{_n(bottom)}"/>',
            *labels]


def _lines_svg(chart_id: str, title: str, description: str, periods: list[str],
               series: list[tuple[str, list]]) -> str:
    """A line per series across the periods, broken where a value is missing; a dot at each value."""
    drawing, top = _title(title)
    ticks = nice_ticks(max((v for _, values in series for v in values if v is not None), default=0))
    tick_width = max(_width(fmt.number(t), LABEL_SIZE) for t in ticks)
    period_width = max(_width(p, LABEL_SIZE) for p in periods)
    x0 = max(PAD + tick_width + 8, PAD + period_width / 2)
    x1 = WIDTH - PAD - period_width / 2
    bottom = top + PLOT_HEIGHT
    spacing = (x1 - x0) / (len(periods) - 1) if len(periods) > 1 else 0
    xs = [x0 + i * spacing for i in range(len(periods))] if spacing else [(x0 + x1) / 2]
    y = lambda value: bottom - value / ticks[-1] * PLOT_HEIGHT  # noqa: E731
    drawing += _horizontal_grid(ticks, x0, x1, y)
    shown = shown_labels(len(periods), spacing, period_width + 8)
    drawing += [_text("tick", xs[i], bottom + 18, periods[i]) for i in shown]
    every_dot = spacing == 0 or spacing >= 12  # else the dots would merge into a thick line
    for number, (_, values) in enumerate(series):
        drawing += _series_paths(number, xs, [None if v is None else y(v) for v in values], every_dot)
    legend, end = _legend([name for name, _ in series], bottom + 34)
    return _svg(chart_id, "line", end + PAD, title, description, drawing + legend)


def _horizontal_grid(ticks: list, x0: float, x1: float, y) -> list[str]:
    lines = "".join(f"M{_n(x0)} {_n(y(t))}H{_n(x1)}" for t in ticks[1:])
    labels = [_text("tick ytick", x0 - 6, y(t) + 4, fmt.number(t)) for t in ticks]
    return [f'<path class="grid" d="{lines}"/>', f'<path class="axis" d="M{_n(x0)} {_n(y(0))}H{_n(x1)}"/>', *labels]


def _series_paths(number: int, xs: list[float], ys: list, every_dot: bool) -> list[str]:
    """The line (a new subpath after each gap) and its dots: zero-length strokes with round
    caps, one path for them all. Where the periods are too close for a dot at each value,
    only a value alone between gaps has one, so that it still shows."""
    line, dots = [], []
    for i, (x, y) in enumerate(zip(xs, ys)):
        if y is None:
            continue
        point = f"{_n(x)} {_n(y)}"
        after_gap = i == 0 or ys[i - 1] is None
        line.append(("M" if after_gap else "L") + point)
        if every_dot or (after_gap and (i + 1 == len(ys) or ys[i + 1] is None)):
            dots.append(f"M{point}h0")
    colour = f"s{number}"
    return [f'<path class="line nofill {colour}" d="{"".join(line)}"/>',
            f'<path class="dot nofill {colour}" d="{"".join(dots)}"/>']


def _legend(names: list[str], top: float) -> tuple[list[str], float]:
    """A swatch and the name of each series, in rows as wide as the chart; and its bottom."""
    drawing, x, y = [], PAD, top
    for number, name in enumerate(names):
        lines = _lines_of(name, WIDTH - 2 * PAD - 17)
        width = 17 + max(_width(line, LABEL_SIZE) for line in lines) + 14
        if x > PAD and x + width > WIDTH - PAD:
            x, y = PAD, y + 20
        drawing.append(f'<rect class="s{number}" x="{_n(x)}" y="{_n(y)}" width="12" height="12" rx="2"/>'
                       + "".join(_text("legend", x + 17, y + 10.5 + i * LINE, line) for i, line in enumerate(lines)))
        x += width
        if len(lines) > 1:  # a name on several lines has the row to itself
            x, y = WIDTH, y + (len(lines) - 1) * LINE
    return drawing, y + 14


def chart_css() -> str:
    """The charts' style, once for the site (assets/stylesheets/charts.css): colours by class,
    the page's font, and lighter text and gridlines in Material's dark scheme."""
    root = "svg.khcn-svg-chart"
    rules = [
        f"{root}{{--khcn-chart-text:{TEXT};--khcn-chart-subtle:{SUBTLE};--khcn-chart-grid:{GRID};"
        "font-family:inherit}",
        f'[data-md-color-scheme="slate"] {root}{{--khcn-chart-text:#e3e8e7;--khcn-chart-subtle:#a7b4b1;'
        "--khcn-chart-grid:#3e4a48}",
        f"{root} text{{fill:var(--khcn-chart-text);font-size:{LABEL_SIZE}px}}",
        f"{root} .title{{font-size:{TITLE_SIZE}px;text-anchor:middle}}",
        f"{root} .tick{{fill:var(--khcn-chart-subtle);text-anchor:middle}}",
        f"{root} .name,{root} .ytick{{text-anchor:end}}",
        f"{root} .value{{font-size:{VALUE_SIZE}px}}",
        f"{root} .grid{{fill:none;stroke:var(--khcn-chart-grid);stroke-width:1}}",
        f"{root} .axis{{fill:none;stroke:var(--khcn-chart-subtle);stroke-width:1}}",
        # A series' colour fills its bars and swatch, strokes its line and dots; the rules
        # after it win over it (as specific, later).
        *(f"{root} .s{n}{{fill:{colour};stroke:{colour}}}" for n, colour in enumerate(COLORS)),
        f"{root} rect[class]{{stroke:none}}",
        f"{root} .nofill{{fill:none}}",
        f"{root} .line{{stroke-width:2;stroke-linejoin:round;stroke-linecap:round}}",
        f"{root} .dot{{stroke-width:6;stroke-linecap:round}}",
    ]
    return "\n".join(rules) + "\n"


# --- Charts of the tables --------------------------------------------------------------------

def bar_chart(chart_id: str, title: str, labels: list[str], values: list, unit: str) -> Chart:
    """Horizontal bars, one per label (the MAX_BARS largest when there are more: the table
    has them all); labels without a value are listed as not reported."""
    drawn = [(label, value) for label, value in zip(labels, values) if value is not None]
    missing = [label for label, value in zip(labels, values) if value is None]
    if len(drawn) > MAX_BARS:
        largest = set(sorted(range(len(drawn)), key=lambda i: -drawn[i][1])[:MAX_BARS])
        drawn = [pair for i, pair in enumerate(drawn) if i in largest]
        title += f" – {MAX_BARS} tỉnh có số lớn nhất"
    description = f"Biểu đồ cột ({unit}): " + "; ".join(f"{l} {_number(v)}" for l, v in drawn) + "."
    if missing:
        description += " Không báo cáo: " + ", ".join(missing) + "."
    return Chart(chart_id, title, description, _bars_svg(chart_id, title, description, drawn))


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
    # many periods they would cover the lines.
    parts = [f"{name}: " + ", ".join(f"{p} {_number(v) or 'không báo cáo'}" for p, v in zip(periods, values))
             for name, values in series]
    description = f"Biểu đồ đường ({unit}) theo kỳ báo cáo. " + "; ".join(parts) + "."
    return Chart(chart_id, title, description, _lines_svg(chart_id, title, description, periods, series))


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
