"""Charts drawn at build time: seen without JavaScript, printed, and downloadable as SVG.

- A period's table with a row per province: a horizontal bar chart for each summed indicator
  that two or more provinces reported, a bar per province (the MAX_BARS largest).
- An indicator's table: a line per province across the periods; with one period, bars.
Yes/no indicators and tables without a per-province breakdown get no chart: the table says it.

On the page a chart is HTML: its words are text in the page's font, sized in rem, so they are
as large as the page's text on a phone and follow the text size control; only the shapes are
SVG, sized in percent of their box (bars, gridlines, lines in a viewBox stretched to the plot,
strokes that keep their width). Under it, the template names the provinces that did not report,
the source and the SVG file. A bar chart is a list a screen reader reads (name, value); a line
chart is an image named by its title and a description that lists every value.

The SVG file is drawn in a viewBox of WIDTH units with its own style, to be used anywhere: text
is never measured, widths are estimated from the number of characters (`CHAR_WIDTH`), with room
to spare. Shapes carry classes only; coordinates have one decimal at most; the output depends on
the data alone: no random id, no date.
"""
from __future__ import annotations

import hashlib
import math
import re
import textwrap
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from macros.records import formatting as fmt
from macros.site.aggregate import STATUS_KEY, STATUS_MARKS
from macros.site.opendata import TableDownload
from macros.site.urls import Address, address

# The site's colours (khcn.css): the theme's teal first; series n is drawn in COLORS[n].
COLORS = ("#0b5e55", "#b5520b", "#3c5a9a", "#7a3f8f", "#5b7d1a", "#a3273f", "#2d7f9e", "#8a6d00")
# The same series on the dark scheme: lighter, each 4.5:1 and more on its background.
DARK_COLORS = ("#5fc4b6", "#f0a35e", "#9db6ee", "#d29be3", "#a9cf63", "#f28ca0", "#72c7e6", "#e3c453")
TEXT, SUBTLE, GRID = "#1f2a28", "#5c6b68", "#d3dbd9"
TITLE_SIZE, LABEL_SIZE, VALUE_SIZE = 15, 12, 11

# viewBox units of the SVG file.
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
    description: str  # every value drawn, in words
    html: str  # the chart on the page, under its title (the template prints the title)
    svg: str  # the SVG file, with its own style
    missing: tuple[str, ...] = ()  # the rows that did not report, named under the chart
    file: Address | None = None  # the SVG file (macros/site/urls.py: period_chart, indicator_chart)
    marks: tuple[str, ...] = ()  # what each status mark after a value means ("đc: số đã điều chỉnh")


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


def _svg(chart_id: str, kind: str, height: float, title: str, description: str, drawing: list[str],
         notes: tuple[str, ...] = ()) -> str:
    """The SVG file: named by its <title> and <desc>, what is drawn not read out, then the notes
    under the chart (who did not report, the source), and its own style: it is used alone."""
    for note in notes:
        for line in _lines_of(note, WIDTH - 2 * PAD):
            height += LINE + 2
            drawing.append(_text("note", PAD, height, line))
    height += PAD if notes else 0
    labelled_by = quoteattr(f"{chart_id}-title {chart_id}-desc")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="khcn-svg-chart khcn-svg-chart--{kind}" '
            f'viewBox="0 0 {WIDTH} {_n(height)}" role="img" aria-labelledby={labelled_by}>'
            f'<title id={quoteattr(chart_id + "-title")}>{escape(title)}</title>'
            f'<desc id={quoteattr(chart_id + "-desc")}>{escape(description)}</desc>'
            f'<style>{_svg_css()}</style>'
            f'<g aria-hidden="true">{"".join(drawing)}</g></svg>')


def _lines_of(text: str, width: float) -> list[str]:
    """A label on as many lines as it needs to fit `width`: never cut, a long name wraps."""
    return textwrap.wrap(text, max(1, int(width / (LABEL_SIZE * CHAR_WIDTH))), break_long_words=False) or [text]


def _bars_svg(chart_id: str, title: str, description: str, drawn: list[tuple[str, float]], texts: list[str],
              notes: tuple[str, ...] = ()) -> str:
    """Horizontal bars from 0, top-down in the table's order, the value at each bar's end.
    A row is ROW high, or more for a name that wraps (one longer than 40% of the width)."""
    drawing, top = _title(title)
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
    return _svg(chart_id, "bar", bottom + 26, title, description, drawing, notes)


def _vertical_grid(ticks: list, x0: float, scale: float, top: float, bottom: float) -> list[str]:
    """Light gridlines at the ticks, labelled below; the line at 0 is the axis."""
    lines = "".join(f"M{_n(x0 + t * scale)} {_n(top)}V{_n(bottom)}" for t in ticks[1:])
    labels = [_text("tick", x0 + t * scale, bottom + 18, fmt.number(t)) for t in ticks]
    return [f'<path class="grid" d="{lines}"/>', f'<path class="axis" d="M{_n(x0)} {_n(top)}V{_n(bottom)}"/>',
            *labels]


def _lines_svg(chart_id: str, title: str, description: str, periods: list[str],
               series: list[tuple[str, list]], notes: tuple[str, ...] = ()) -> str:
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
    return _svg(chart_id, "line", end, title, description, drawing + legend, notes)


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


def _svg_css() -> str:
    """The SVG file's own style: the site's colours and a sans-serif font."""
    root = "svg.khcn-svg-chart"
    rules = [
        f"{root}{{font-family:system-ui,'Segoe UI',Roboto,'Noto Sans','DejaVu Sans',sans-serif;background:#fff}}",
        f"{root} text{{fill:{TEXT};font-size:{LABEL_SIZE}px}}",
        f"{root} .title{{font-size:{TITLE_SIZE}px;text-anchor:middle}}",
        f"{root} .tick,{root} .note{{fill:{SUBTLE}}}",
        f"{root} .tick{{text-anchor:middle}}",
        f"{root} .name,{root} .ytick{{text-anchor:end}}",
        f"{root} .value{{font-size:{VALUE_SIZE}px}}",
        f"{root} .grid{{fill:none;stroke:{GRID};stroke-width:1}}",
        f"{root} .axis{{fill:none;stroke:{SUBTLE};stroke-width:1}}",
        # A series' colour fills its bars and swatch, strokes its line and dots; the rules
        # after it win over it (as specific, later).
        *(f"{root} .s{n}{{fill:{colour};stroke:{colour}}}" for n, colour in enumerate(COLORS)),
        f"{root} rect[class]{{stroke:none}}",
        f"{root} .nofill{{fill:none}}",
        f"{root} .line{{stroke-width:2;stroke-linejoin:round;stroke-linecap:round}}",
        f"{root} .dot{{stroke-width:6;stroke-linecap:round}}",
    ]
    return "".join(rules)


# Widths (in the chart's em) from which a period label of a line chart is shown, by class:
# `.w20` shows from 20em up (khcn-x-label thinning by container query, see chart_css).
LABEL_WIDTHS = (12, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80)


def chart_css() -> str:
    """The charts' style on the page, once for the site (assets/stylesheets/charts.css): text
    in rem (it follows the text size control), the series' colours as custom properties that
    the dark scheme changes, thinner axes and fewer labels in a narrow box (container queries)."""
    light = ";".join(f"--khcn-s{n}:{c}" for n, c in enumerate(COLORS))
    dark = ";".join(f"--khcn-s{n}:{c}" for n, c in enumerate(DARK_COLORS))
    rules = [
        f".khcn-chart{{{light};--khcn-chart-text:var(--md-default-fg-color);"
        "--khcn-chart-subtle:var(--khcn-muted);--khcn-chart-grid:var(--md-default-fg-color--lightest);"
        "container:khcn-chart/inline-size;font-size:.75rem}",
        f'[data-md-color-scheme="slate"] .khcn-chart{{{dark}}}',
        ".md-typeset .khcn-chart__title{margin:0 0 .5em;font-size:1.1em;font-weight:700;font-style:normal;line-height:1.35;"
        "color:var(--khcn-chart-text)}",
        ".md-typeset .khcn-chart>p{margin:.4em 0 0;font-size:1em;color:var(--khcn-chart-subtle)}",  # notes
        ".khcn-chart svg{overflow:visible}",
        ".khcn-chart text{fill:currentcolor;font-size:1em}",
        *(f".khcn-chart .s{n}{{fill:var(--khcn-s{n});stroke:var(--khcn-s{n})}}" for n in range(len(COLORS))),
        ".khcn-chart rect[class]{stroke:none}",
        ".khcn-chart .nofill{fill:none}",
        # Bars: a grid of name, bar and value; rows share its columns (subgrid). In the middle
        # column, a row's ::before is the track (gridlines) and its ::after the bar, as long as
        # the row's class says (.p0 to .p100).
        ".khcn-bars{display:grid;grid-template-columns:fit-content(40%) minmax(5em,1fr) max-content;"
        "column-gap:.6em;color:var(--khcn-chart-subtle)}",
        ".md-typeset .khcn-bars ul,.md-typeset .khcn-bars li{margin:0;padding:0;list-style:none}",
        ".md-typeset .khcn-bars ul,.md-typeset .khcn-bars li{display:grid;grid-column:1/-1;grid-template-columns:subgrid}",
        ".md-typeset .khcn-bars li{align-items:center;color:var(--khcn-chart-text)}",
        ".khcn-bars li>span{grid-row:1;padding:.25em 0;line-height:1.25}",
        ".khcn-bars li>:first-child{grid-column:1;text-align:right}",
        ".khcn-bars li>:last-child{grid-column:3;font-variant-numeric:tabular-nums}",
        ".md-typeset .khcn-bars li::before,.md-typeset .khcn-bars li::after{content:'';grid-column:2;grid-row:1;"
        "position:static;margin:0;-webkit-print-color-adjust:exact;print-color-adjust:exact}",
        ".md-typeset .khcn-bars li::before{align-self:stretch;min-height:1.7em;border-left:1px solid var(--khcn-chart-subtle);"
        "background:linear-gradient(to right,var(--khcn-chart-grid) 1px,transparent 1px) 0 0/var(--khcn-step) 100%}",
        ".md-typeset .khcn-bars li::after{height:1em;width:var(--khcn-bar);background:var(--khcn-s0)}",
        *(f".khcn-steps-{n}{{--khcn-step:{100 / n:.4g}%}}" for n in range(1, 5)),
        "".join(f".p{n}{{--khcn-bar:{n}%}}" for n in range(101)),
        ".khcn-bars .khcn-ticks{grid-column:2;position:relative;height:1.6em;color:var(--khcn-chart-subtle)}",
        ".khcn-ticks span{position:absolute;top:.2em;white-space:nowrap;transform:translateX(-50%)}",
        ".khcn-ticks .x0{left:0;transform:none}.khcn-ticks .x100{right:0;transform:none}",
        "".join(f".khcn-ticks .x{n}{{left:{n}%}}" for n in (25, 33, 50, 67, 75)),
        ".khcn-lines__x text{fill:var(--khcn-chart-subtle)}",
        ".khcn-chart .a0{text-anchor:start}.khcn-chart .a1{text-anchor:middle}.khcn-chart .a2{text-anchor:end}",
        "@container khcn-chart (max-width:36em){.khcn-ticks .inner:not(.mid){display:none}}",
        "@container khcn-chart (max-width:26em){.khcn-ticks .inner{display:none}}",
        # Lines: a plot whose viewBox stretches to its box, strokes and dots that keep their width,
        # the value labels over the gridlines at the left, the periods below.
        ".khcn-lines{color:var(--khcn-chart-subtle)}",
        ".khcn-lines__area{position:relative;height:13em;margin-top:1.4em}",
        ".khcn-lines__area svg{position:absolute;inset:0;width:100%;height:100%}",
        ".khcn-lines path{fill:none;vector-effect:non-scaling-stroke}",
        ".khcn-lines .grid{stroke:var(--khcn-chart-grid);stroke-width:1}",
        ".khcn-lines .axis{stroke:var(--khcn-chart-subtle);stroke-width:1}",
        ".khcn-lines .line{stroke-width:2;stroke-linejoin:round;stroke-linecap:round}",
        ".khcn-lines .dot{stroke-width:7;stroke-linecap:round}",
        ".khcn-lines__y text{fill:var(--khcn-chart-subtle);paint-order:stroke;"
        "stroke:var(--md-default-bg-color);stroke-width:3px;stroke-linejoin:round}",
        ".khcn-lines .khcn-lines__x{display:block;width:100%;height:1.8em}",  # over Material's svg height
        *(f".khcn-lines__x .w{w}{{display:none}}@container khcn-chart (min-width:{w}em){{.khcn-lines__x .w{w}{{display:inline}}}}"
          for w in LABEL_WIDTHS),
        ".khcn-lines__x .wx{display:none}",
        ".md-typeset ul.khcn-legend{display:flex;flex-wrap:wrap;gap:.2em 1em;margin:.6em 0 0;padding:0;list-style:none}",
        ".md-typeset .khcn-legend li{margin:0;display:flex;align-items:center;gap:.35em;color:var(--khcn-chart-text)}",
        ".khcn-legend svg{width:.9em;height:.9em;flex:none}",
    ]
    return "\n".join(rules) + "\n"


# --- The charts on the page -------------------------------------------------------------------

def _percent(share: float) -> str:
    return _n(100 * share) + "%"


def _tick_labels(ticks: list) -> str:
    """The value labels under the bars, each at its share of the axis (a class: the steps are
    1 to 4); on a narrow box only the ends and the middle one, or the ends (CSS)."""
    last, middle = len(ticks) - 1, (len(ticks) - 1) / 2
    spans = []
    for i, tick in enumerate(ticks):
        kind = "" if i in (0, last) else " inner mid" if i == middle else " inner"
        spans.append(f'<span class="x{round(100 * i / last)}{kind}">{fmt.number(tick)}</span>')
    return "".join(spans)


def _bars_html(drawn: list[tuple[str, float]], texts: list[str]) -> str:
    """A list of name, bar and value in the table's order, and the axis's labels under it. A bar
    is drawn by its row's pseudo-elements, its length in whole percent of the axis given by the
    row's class (charts.css): no inline style (the site's Content-Security-Policy), and a few
    bytes a bar on a period page with many charts."""
    ticks = nice_ticks(max(value for _, value in drawn), 4)
    rows = "".join(f'<li class="p{_whole_percent(value / ticks[-1])}"><span>{escape(label)}</span>'
                   f'<span>{escape(text)}</span></li>'
                   for (label, value), text in zip(drawn, texts))
    return (f'<div class="khcn-bars khcn-steps-{len(ticks) - 1}"><ul>{rows}</ul>'
            f'<div class="khcn-ticks" aria-hidden="true">{_tick_labels(ticks)}</div></div>')


def _whole_percent(share: float) -> int:
    """A bar's length in whole percent: a value above zero gets 1 at least, so that it shows."""
    return max(round(100 * share), 1 if share > 0 else 0)


def _label_widths(periods: list[str]) -> list[str]:
    """For each period label of a line chart, the class that shows it from a box wide enough
    that it does not touch its neighbours: every k-th label (k a power of two, so that the labels
    of a wider box include those of a narrower one), the first and the last always."""
    count = len(periods)
    label = max(len(p) for p in periods) * CHAR_WIDTH  # in em
    classes = []
    for i in range(count):
        if i in (0, count - 1):
            classes.append("")
            continue
        stride = 1
        while i % (stride * 2) == 0 and count - 1 - i >= stride * 2:
            stride *= 2
        needed = 1.6 * label * (count - 1) / stride  # the end labels are anchored at the ends
        fits = next((w for w in LABEL_WIDTHS if w >= needed), None)
        classes.append(f" w{fits}" if fits else " wx")
    return classes


def _lines_html(chart_id: str, periods: list[str], series: list[tuple[str, list]], description: str) -> str:
    """The plot (a viewBox of 1000 × 1000 stretched to its box), its value labels, the periods
    under it and the legend; an image named by the chart's title and description."""
    ticks = nice_ticks(max((v for _, values in series for v in values if v is not None), default=0), 4)
    count = len(periods)
    xs = [i / (count - 1) * 1000 if count > 1 else 500 for i in range(count)]
    y = lambda value: 1000 - value / ticks[-1] * 1000  # noqa: E731
    grid = "".join(f"M0 {_n(y(t))}H1000" for t in ticks[1:])
    drawing = [f'<path class="grid" d="{grid}"/>', '<path class="axis" d="M0 1000H1000"/>']
    for number, (_, values) in enumerate(series):
        drawing += _series_paths(number, xs, [None if v is None else y(v) for v in values], count <= 12)
    values = "".join(f'<text x="0" y="{_percent(1 - t / ticks[-1])}" dy="-.35em">{fmt.number(t)}</text>'
                     for t in ticks[1:])
    anchors = ["a0" if i == 0 and count > 1 else "a2" if i == count - 1 and count > 1 else "a1"
               for i in range(count)]
    labels = "".join(f'<text class="{anchor}{shown}" x="{_percent(x / 1000)}" y="1.3em">{escape(p)}</text>'
                     for p, x, anchor, shown in zip(periods, xs, anchors, _label_widths(periods)))
    legend = "".join(f'<li><svg aria-hidden="true"><rect class="s{n}" width="100%" height="100%" rx="2"/></svg>'
                     f"{escape(name)}</li>" for n, (name, _) in enumerate(series))
    return (f'<div class="khcn-lines" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
            f'<div class="khcn-lines__area"><svg viewBox="0 0 1000 1000" preserveAspectRatio="none">'
            f'{"".join(drawing)}</svg><svg class="khcn-lines__y">{values}</svg></div>'
            f'<svg class="khcn-lines__x">{labels}</svg></div>'
            f'<p hidden id="{chart_id}-desc">{escape(description)}</p>'
            f'<ul class="khcn-legend" aria-hidden="true">{legend}</ul>')


# --- Charts of the tables --------------------------------------------------------------------

def _notes(missing: list[str], source: str, marks: tuple[str, ...] = ()) -> tuple[str, ...]:
    notes = (f"Không báo cáo: {', '.join(missing)}.",) if missing else ()
    notes += tuple(f"{key}." for key in marks)
    return notes + ((f"Nguồn: {source}.",) if source else ())


def _with_mark(text: str, mark: str | None) -> str:
    return f"{text} {mark}" if mark else text


def _mark_keys(marks) -> tuple[str, ...]:
    """What the marks used in a chart mean, in the order of the tables' key."""
    used = set(marks)
    return tuple(f"{mark}: {STATUS_KEY[mark]}" for mark in STATUS_MARKS.values() if mark in used)


def _status_mark(cell) -> str | None:
    """A cell's status mark (revised, provisional) when it has one: a chart shows it after the value."""
    return cell.mark if cell.mark in STATUS_MARKS.values() else None


def bar_chart(chart_id: str, title: str, labels: list[str], values: list, unit: str,
              source: str = "", file: Address | None = None, marks: list | None = None) -> Chart:
    """Horizontal bars, one per label (the MAX_BARS largest when there are more: the table
    has them all); labels without a value are named as not reported. `marks`, beside
    `values`, puts a status mark after a value (đc for one an erratum corrected), as the
    table does, with its meaning under the chart."""
    marks = marks or [None] * len(values)
    kept = [i for i, value in enumerate(values) if value is not None]
    missing = [label for label, value in zip(labels, values) if value is None]
    if len(kept) > MAX_BARS:
        kept = sorted(sorted(kept, key=lambda i: -values[i])[:MAX_BARS])
        title += f" – {MAX_BARS} tỉnh có số lớn nhất"
    drawn = [(labels[i], values[i]) for i in kept]
    texts = [_with_mark(_number(values[i]), marks[i]) for i in kept]
    keys = _mark_keys(marks[i] for i in kept)
    description = f"Biểu đồ cột ({unit}): " + "; ".join(f"{l} {t}" for (l, _), t in zip(drawn, texts)) + "."
    if missing:
        description += " Không báo cáo: " + ", ".join(missing) + "."
    if keys:
        description += " " + " ".join(f"{key}." for key in keys)
    return Chart(chart_id, title, description, _bars_html(drawn, texts),
                 _bars_svg(chart_id, title, description, drawn, texts, _notes(missing, source, keys)),
                 tuple(missing), file, keys)


def line_chart(chart_id: str, title: str, periods: list[str], series: list[tuple[str, list]],
               unit: str, source: str = "", file: Address | None = None, marks: dict | None = None) -> Chart:
    """A line per series across the periods, a gap where a period has no value: the MAX_SERIES
    series with the largest latest value when there are more (the table has them all). A series
    without any value is not drawn: it is named as not reported. `marks` maps (series name,
    period) to a status mark: the description puts it after the value, and a line under the
    chart names the marked points (a line has no printed values to mark)."""
    marks = marks or {}
    missing = [name for name, values in series if all(v is None for v in values)]
    series = [item for item in series if item[0] not in missing]
    if len(series) > MAX_SERIES:
        latest = lambda values: next((v for v in reversed(values) if v is not None), 0)  # noqa: E731
        kept = set(sorted(range(len(series)), key=lambda i: -latest(series[i][1]))[:MAX_SERIES])
        series = [item for i, item in enumerate(series) if i in kept]
        title += f" – {MAX_SERIES} tỉnh có số lớn nhất kỳ gần nhất"
    # Values are not printed on the lines (the description and the table have them): across
    # many periods they would cover the lines.
    said = lambda name, p, v: _with_mark(_number(v), marks.get((name, p))) if v is not None else "không báo cáo"  # noqa: E731
    parts = [f"{name}: " + ", ".join(f"{p} {said(name, p, v)}" for p, v in zip(periods, values))
             for name, values in series]
    description = f"Biểu đồ đường ({unit}) theo kỳ báo cáo. " + "; ".join(parts) + "."
    if missing:
        description += " Không báo cáo: " + ", ".join(missing) + "."
    keys = _marked_points(marks, [name for name, _ in series], periods)
    if keys:
        description += " " + " ".join(f"{key}." for key in keys)
    return Chart(chart_id, title, description, _lines_html(chart_id, periods, series, description),
                 _lines_svg(chart_id, title, description, periods, series, _notes(missing, source, keys)),
                 tuple(missing), file, keys)


def _marked_points(marks: dict, names: list[str], periods: list[str]) -> tuple[str, ...]:
    """For each mark used on a drawn line: what it means and which points carry it."""
    keys = []
    for mark in STATUS_MARKS.values():
        points = [f"{name} {period}" for name in names for period in periods if marks.get((name, period)) == mark]
        if points:
            keys.append(f"{mark}: {STATUS_KEY[mark]} ({', '.join(points)})")
    return tuple(keys)


def _value(cell):
    if not cell.reported or isinstance(cell.value, bool) or cell.value is None:
        return None
    return cell.value


def period_charts(records, download: TableDownload, source: str = "") -> list[Chart]:
    """A chart for each summed indicator of the table that two or more provinces reported
    (yes/no indicators excepted); every column is in the table and its download."""
    table = download.table
    rows = [row for row in table.rows if row.kind == "province"]
    if len(rows) < 2:
        return []
    period = records.periods[download.period]
    charts = []
    for column, indicator in enumerate(table.columns):
        values = [_value(row.cells[column]) for row in rows]
        if not indicator.summed or indicator.value_type == "boolean" or sum(v is not None for v in values) < 2:
            continue
        title = f"{indicator.label} ({indicator.unit}), {fmt.in_sentence(period.label)}"
        charts.append(bar_chart(_chart_id(download.path, indicator.id), title, [row.label for row in rows],
                                values, indicator.unit, source, address("period_chart", period.id, indicator.id),
                                [_status_mark(row.cells[column]) for row in rows]))
    return charts


def indicator_charts(records, download: TableDownload, source: str = "") -> list[Chart]:
    indicator = records.indicators[download.indicator]
    table = download.table
    rows = [row for row in table.rows if row.kind == "province"]
    if indicator.value_type == "boolean" or len(rows) < 1:
        return []
    series = [(row.label, [_value(cell) for cell in row.cells]) for row in rows]
    if sum(v is not None for _, values in series for v in values) < 2:
        return []
    chart_id = _chart_id(download.path, indicator.id)
    file = address("indicator_chart", indicator.id)
    if len(table.column_labels) == 1:
        title = f"{indicator.label} ({indicator.unit}), {fmt.in_sentence(table.column_labels[0])}"
        return [bar_chart(chart_id, title, [n for n, _ in series], [v[0] for _, v in series], indicator.unit,
                          source, file, [_status_mark(row.cells[0]) for row in rows])]
    title = f"{indicator.label} ({indicator.unit}) theo kỳ báo cáo"
    marks = {(row.label, period): _status_mark(cell)
             for row in rows for period, cell in zip(table.column_labels, row.cells) if _status_mark(cell)}
    return [line_chart(chart_id, title, table.column_labels, series, indicator.unit, source, file, marks)]


def charts_for(records, download: TableDownload, source: str = "") -> list[Chart]:
    """The charts drawn under one table (none for a province's own table); `source` is the
    table's source as a reader cites it, written in the SVG files."""
    if download.kind == "period":
        return period_charts(records, download, source)
    if download.kind == "indicator":
        return indicator_charts(records, download, source)
    return []


def write_files(charts, site_dir) -> int:
    """Each chart's SVG file under the built site; how many were written."""
    from pathlib import Path
    count = 0
    for chart in charts:
        path = Path(site_dir) / chart.file.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + chart.svg + "\n", encoding="utf-8")
        count += 1
    return count
