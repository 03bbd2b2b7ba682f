"""Numbers computed for the tables: rows, sums, published totals and the notes that go with them.

Templates only loop and format; everything they show is decided here.
"""
from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from macros.records import formatting as fmt
from macros.records.model import Figure, Records
from macros.records.schema import Indicator, IndicatorGroup, Province
from macros.site.urls import Address, address

# Codes shown in a cell instead of a number, and marks shown after one. Each table lists
# the codes and marks it uses in a key under it: a cell is never blank and never a bare 0.
NOT_REPORTED = "KBC"  # "không báo cáo"
NOT_SUMMED = "không cộng"
LOWER_BOUND = "trên"
PARTIAL_SUM = "*"
STATUS_MARKS = {"provisional": "sb", "revised": "đc"}
STATUS_KEY = {
    NOT_REPORTED: "không báo cáo (nguồn không có số này; khác với số 0)",
    "sb": "số sơ bộ, có thể thay đổi",
    "đc": "số đã điều chỉnh",
    LOWER_BOUND: "số tối thiểu: nguồn ghi \"trên\" số này",
    PARTIAL_SUM: "chỉ cộng các tỉnh có số liệu; tỉnh không báo cáo (KBC) không được tính",
    NOT_SUMMED: "chỉ số này không cộng theo tỉnh (ví dụ tỉ lệ %)",
}

SUM_ROW = "Cộng các tỉnh (tính toán)"  # in an indicator's table: each period sums its own provinces


def sum_row_label(count: int) -> str:
    """The sum row of a period's table says how many provinces it adds up."""
    return f"Cộng {count} tỉnh (tính toán)"


NAMED_ROWS = 10  # up to this many rows, the sum's note names both the provinces it adds and the others


def sum_scope(covered: list[Province], silent: list[Province]) -> str:
    """Which provinces a period table's sum adds up, and which rows add nothing to it. In a
    larger table only the shorter of the two lists is named, the other being the rest of the
    table's rows: the same provinces, without the rows listed again under each of a period
    page's tables (at 63 provinces, 5 KB of the page)."""
    text = f"Dòng “{sum_row_label(len(covered))}” là tổng do trang web cộng từ số liệu của {len(covered)} tỉnh: "
    if len(covered) + len(silent) > NAMED_ROWS and len(silent) < len(covered):
        if not silent:
            return text + "mọi tỉnh trong bảng."
        return text + f"mọi tỉnh trong bảng trừ {len(silent)} tỉnh không có số liệu nào ở đây: {names(silent)}."
    text += names(covered)
    if silent and len(covered) + len(silent) > NAMED_ROWS:
        return text + f"; {len(silent)} tỉnh còn lại trong bảng không có số liệu nào ở đây."
    if silent:
        text += f"; {len(silent)} tỉnh còn lại trong bảng không có số liệu nào ở đây: {names(silent)}"
    return text + "."


def names(provinces: list[Province]) -> str:
    shown = [p.name for p in provinces]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " và " + shown[-1]
PUBLISHED_ROW = "Tổng Khối công bố"


@dataclass
class Cell:
    text: str  # formatted for display
    mark: str | None = None  # status mark shown after the number
    reported: bool = True
    note: str | None = None
    value: object = None  # raw value, for downloads and sorting
    lower_bound: bool = False
    summed: bool = True  # False: the indicator is not summed across provinces
    published: object = None  # an erratum corrected it: the value as the issue published it
    erratum: str | None = None  # the id of that erratum
    correction: str | None = None  # shown beside a value as published: the corrected one, and when

    @property
    def css(self) -> str:
        if not self.reported:
            return "khcn-kbc"
        return "" if self.summed else "khcn-na"

    @property
    def codes(self) -> set[str]:
        """The key entries this cell needs under its table."""
        codes = {self.mark} if self.mark else set()
        if not self.reported:
            codes.add(NOT_REPORTED)
        if self.lower_bound:
            codes.add(LOWER_BOUND)
        if not self.summed:
            codes.add(NOT_SUMMED)
        return codes


@dataclass
class Row:
    label: str
    cells: list[Cell]
    link: Address | None = None  # the row's page
    kind: str = "province"  # "province", "indicator", "sum" or "published"

    @property
    def css(self) -> str:
        """Only the rows that stand out carry a class: at 63 provinces a class on every
        province's row, in each of a period page's eight tables, was 12 KB of the page."""
        return f"khcn-row-{self.kind}" if self.kind in ("sum", "published") else ""


@dataclass
class Table:
    caption: str
    columns: list[Indicator]
    column_labels: list[str]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    keys: list[tuple[str, str]] = field(default_factory=list)
    row_header: str = "Tỉnh"
    column_links: list[Address | None] = field(default_factory=list)
    cell_notes: list[str] = field(default_factory=list)
    label: str = ""  # short name, for a list of the page's tables
    sum_scope: str = ""  # which provinces the sum row adds up (a period's table)
    anchor: str | None = None  # stable id of the table on its page
    excerpt: bool = False  # a bulletin's part of a period table: its charts are on the period page

    def finish(self, index: "FigureIndex", used: list, notes: list[str] = ()) -> "Table":
        """Sources, key and notes, once the rows are known."""
        self.sources = index.sources_of(used)
        self.notes = list(notes)
        codes = set().union(*(cell.codes for row in self.rows for cell in row.cells))
        self.keys = [(code, meaning) for code, meaning in STATUS_KEY.items() if code in codes]
        self.cell_notes = [f"{row.label} – {label}: {cell.note}" for row in self.rows
                           for label, cell in zip(self.column_labels, row.cells) if cell.note]
        return self


def sorted_provinces(provinces) -> list[Province]:
    return sorted(provinces, key=lambda p: fmt.sort_key(p.name))


def format_value(indicator: Indicator, value, bloc_level: bool = False, decimals: int | None = None) -> str:
    # Babel's formatting was a fifth of the build, and a figure is shown on up to four pages
    # (period, bulletin, province, indicator): each distinct value is formatted once.
    return _formatted(indicator.value_type, indicator.total_unit, value, bloc_level, decimals)


@functools.lru_cache(maxsize=1 << 16, typed=True)  # typed: True, 1 and 1.0 are formatted apart
def _formatted(value_type: str, total_unit: str | None, value, bloc_level: bool, decimals: int | None) -> str:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if value_type == "boolean" and bloc_level:
        return f"{fmt.number(value)} {total_unit or 'tỉnh'}"
    if value_type == "percent":
        return fmt.percent(value, 1)
    if value_type == "integer":
        return fmt.number(value, 0)
    return fmt.number(value, decimals)


def cell_for(indicator: Indicator, figure: Figure | None, bloc_level: bool = False) -> Cell:
    if figure is None or not figure.reported:
        return Cell(NOT_REPORTED, reported=False, note=figure.note if figure else None)
    text = format_value(indicator, figure.value, bloc_level)
    lower_bound = figure.status == "lower_bound"
    if lower_bound:
        text = f"{LOWER_BOUND} {text}"
    return Cell(text, STATUS_MARKS.get(figure.status), note=figure.note, value=figure.value,
                lower_bound=lower_bound)


def _value_of(published):
    return published.get("value") if isinstance(published, dict) else published


def published_figure(figure: Figure, published) -> Figure:
    """A figure as an issue published it, before an erratum corrected it."""
    if isinstance(published, dict):
        return dataclasses.replace(figure, value=published.get("value"), status=published.get("status", "exact"),
                                   note=published.get("note"))
    return dataclasses.replace(figure, value=published)


def corrected_cell(indicator: Indicator, figure: Figure | None, fix, bloc_level: bool = False) -> Cell:
    """A figure as it stands, marked as revised when an erratum corrected it, with the value as
    published in its note (the period, province and indicator pages)."""
    cell = cell_for(indicator, figure, bloc_level)
    if fix is None or figure is None:
        return cell
    published = format_value(indicator, _value_of(fix.published), bloc_level)
    note = (f"đính chính ngày {fmt.date(fix.erratum.date)}: số bản tin {fix.issue} đã công bố là {published}")
    cell.mark = cell.mark or STATUS_MARKS["revised"]
    cell.note = f"{cell.note}; {note}" if cell.note else note
    cell.published, cell.erratum = _value_of(fix.published), fix.erratum.id
    return cell


def published_cell(indicator: Indicator, figure: Figure | None, fix, bloc_level: bool = False) -> Cell:
    """A figure as the issue published it (its bulletin page), with its correction beside it."""
    cell = cell_for(indicator, figure, bloc_level)
    if fix is None or figure is None:
        return cell
    corrected = format_value(indicator, _value_of(fix.corrected), bloc_level)
    cell.correction = f"đính chính ngày {fmt.date(fix.erratum.date)}: {corrected}"
    cell.published, cell.erratum = _value_of(fix.published), fix.erratum.id
    return cell


def summed_cell(indicator: Indicator, figures: list[Figure | None]) -> Cell:
    """The sum of the provinces' figures (one per province row, None where absent), computed here."""
    if not indicator.summed:
        return Cell(NOT_SUMMED, summed=False)
    reported = [f for f in figures if f is not None and f.reported]
    if not reported:
        return Cell(NOT_REPORTED, reported=False)
    total = sum(int(f.value) if isinstance(f.value, bool) else f.value for f in reported)
    # A sum has the places of its most precise part, not binary noise.
    decimals = max(fmt.decimals_of(f.value) for f in reported)
    text = format_value(indicator, round(total, decimals), bloc_level=True, decimals=decimals)
    lower_bound = any(f.status == "lower_bound" for f in reported)
    if lower_bound:
        text = f"{LOWER_BOUND} {text}"
    partial = PARTIAL_SUM if len(reported) < len(figures) else None
    return Cell(text, partial, value=total, lower_bound=lower_bound)


def _quoted(indicator: Indicator) -> str:
    return f"“{indicator.label}”"


def note_for(records: Records, index: "FigureIndex", warning) -> str:
    """A consistency warning as a reader's note: indicators by label, numbers formatted."""
    subject = warning.subjects[0]
    if subject[0] != "parts":
        return warning.message
    _, period, province, indicator_id = subject
    whole = records.indicators[indicator_id]
    parts = [(records.indicators[p], index.get(period, province, p)) for p in whole.parts]
    shown = " cộng ".join(f"{_quoted(ind)} ({fmt.number(f.value)})" for ind, f in parts)
    total = sum(f.value for _, f in parts)
    published = index.get(period, province, indicator_id).value
    if whole.parts_complete:
        rule = "các phần này chia hết tổng nên phải cộng lại bằng đúng tổng"
    else:
        rule = ("đây là các phần “trong đó” của tổng: cộng lại có thể nhỏ hơn tổng (phần còn lại "
                "thuộc loại khác) nhưng không thể lớn hơn")
    return (f"số đã công bố của {_quoted(whole)} là {fmt.number(published)}, nhưng {shown} "
            f"bằng {fmt.number(total)}; {rule}")


def notes_for(records: Records, index: "FigureIndex", subjects: set) -> list[str]:
    """Notes for the consistency warnings whose subject is one of `subjects`."""
    return [note_for(records, index, w) for w in records.warnings if set(w.subjects) & subjects]


class FigureIndex:
    """Figures by (period, province, indicator), built once per build."""

    def __init__(self, records: Records):
        self.records = records
        self.by_key = {(f.period, f.province, f.indicator): f for f in records.figures}
        # Figures an erratum corrected (macros/archive/register.py): shown as revised, and as
        # published on the corrected issue's page.
        self.corrections = getattr(records.archive, "figure_corrections", None) or {}
        self.periods_with_figures = {f.period for f in records.figures}
        self.provinces_by_period = defaultdict(set)
        self.sources_by_column = defaultdict(set)  # (period, indicator) -> sources
        self.periods_by_indicator = defaultdict(set)
        self.provinces_by_indicator = defaultdict(set)
        self.periods_by_province = defaultdict(set)
        # group_table's results: the period page and the open data catalogue show the same tables.
        self.group_tables: dict[tuple, Table | None] = {}
        for f in records.figures:
            self.sources_by_column[(f.period, f.indicator)].add(f.source)
            self.periods_by_indicator[f.indicator].add(f.period)
            if f.province:
                self.provinces_by_period[f.period].add(f.province)
                self.provinces_by_indicator[f.indicator].add(f.province)
                self.periods_by_province[f.province].add(f.period)

    def get(self, period: str, province: str | None, indicator: str) -> Figure | None:
        return self.by_key.get((period, province, indicator))

    def correction(self, period: str, province: str | None, indicator: str, issue: str | None = None):
        """The erratum's correction of a figure (of the given issue's figures only, when named)."""
        fix = self.corrections.get((period, province, indicator))
        return fix if fix is not None and issue in (None, fix.issue) else None

    def as_published(self, period: str, province: str | None, indicator: str, issue: str) -> Figure | None:
        """A figure as the issue published it: before any erratum of that issue corrected it."""
        figure = self.get(period, province, indicator)
        fix = self.correction(period, province, indicator, issue)
        return published_figure(figure, fix.published) if figure is not None and fix is not None else figure

    def provinces_in(self, period: str) -> list[Province]:
        """Provinces the period's tables show: those covered by the totals or reporting."""
        slugs = set(self.provinces_by_period[period])
        totals = self.records.totals.get(period)
        if totals:
            slugs |= set(totals.scope)
        return sorted_provinces(self.records.provinces[s] for s in slugs)

    def has_column(self, period: str, indicator: str, only_source: str | None = None) -> bool:
        sources = self.sources_by_column.get((period, indicator), set())
        return bool(sources) if only_source is None else only_source in sources

    def sources_of(self, figures: list[Figure]) -> list[str]:
        return sorted({f.source for f in figures if f is not None})


def _figure_subjects(records: Records, period_id: str, indicator_ids: set, province_ids: list) -> set:
    """The warning subjects that concern these indicators in this period."""
    levels = [None, *province_ids]
    subjects = {("total", period_id, i) for i in indicator_ids}
    subjects |= {("parts", period_id, p, i) for i in indicator_ids for p in levels}
    subjects |= {("shares", period_id, p, s.id) for s in records.catalogue.share_sets
                 if set(s.parts) & indicator_ids for p in levels}
    return subjects


def group_table(index: FigureIndex, period_id: str, group: IndicatorGroup,
                only_source: str | None = None) -> Table | None:
    """One catalogue group for one period: provinces as rows, a sum row and the published row
    (computed once per build)."""
    key = (period_id, group.id, only_source)
    if key not in index.group_tables:
        index.group_tables[key] = _group_table(index, period_id, group, only_source)
    return index.group_tables[key]


def _group_table(index: FigureIndex, period_id: str, group: IndicatorGroup,
                 only_source: str | None) -> Table | None:
    records = index.records
    period = records.periods[period_id]
    columns = [ind for ind in group.indicators if index.has_column(period_id, ind.id, only_source)]
    if not columns:
        return None
    provinces = index.provinces_in(period_id)
    # A bulletin's excerpt shows its figures as it published them, each correction beside
    # them; the period page shows them as corrected, marked.
    if only_source is None:
        get, cell = index.get, corrected_cell
    else:
        get, cell = functools.partial(index.as_published, issue=only_source), published_cell
    fix = functools.partial(index.correction, issue=only_source)
    per_province = any(get(period_id, p.id, ind.id) for p in provinces for ind in columns)
    rows, used, scope = [], [], ""
    if per_province:
        covered = []
        for province in provinces:
            figures = [get(period_id, province.id, ind.id) for ind in columns]
            used += figures
            if any(f is not None and f.reported for f in figures):
                covered.append(province)
            rows.append(Row(province.name, [cell(ind, f, fix(period_id, province.id, ind.id))
                                            for ind, f in zip(columns, figures)],
                            link=address("province", province.id)))
        rows.append(Row(sum_row_label(len(covered)),
                        [summed_cell(ind, [get(period_id, p.id, ind.id) for p in provinces])
                         for ind in columns], kind="sum"))
        scope = sum_scope(covered, [p for p in provinces if p not in covered])
    published = [get(period_id, None, ind.id) for ind in columns]
    used += published
    if any(published):
        rows.append(Row(PUBLISHED_ROW, [cell(ind, f, fix(period_id, None, ind.id), bloc_level=True)
                                        for ind, f in zip(columns, published)], kind="published"))
    caption = f"{group.label}, {fmt.in_sentence(period.label)}"
    if not per_province:
        caption += " (nguồn chỉ công bố tổng của Khối, không chia theo tỉnh)"
    table = Table(caption=caption, columns=columns, label=group.label, anchor=f"nhom-{group.id}",
                  excerpt=only_source is not None,
                  column_labels=[f"{ind.label} ({ind.unit})" for ind in columns], rows=rows,
                  row_header="Tỉnh" if per_province else "Phạm vi", sum_scope=scope,
                  column_links=[address("indicator", ind.id) for ind in columns])
    subjects = _figure_subjects(records, period_id, {ind.id for ind in columns}, [p.id for p in provinces])
    return table.finish(index, used, notes_for(records, index, subjects))


def period_tables(index: FigureIndex, period_id: str, only_source: str | None = None) -> list[Table]:
    tables = [group_table(index, period_id, g, only_source) for g in index.records.catalogue.groups]
    return [t for t in tables if t is not None]


def province_table(index: FigureIndex, province: Province, group: IndicatorGroup,
                   period_ids: list[str]) -> Table | None:
    """One province, one group: indicators as rows, periods as columns."""
    rows, used = [], []
    for ind in group.indicators:
        figures = [index.get(p, province.id, ind.id) for p in period_ids]
        if not any(figures):
            continue
        used += figures
        rows.append(Row(f"{ind.label} ({ind.unit})",
                        [corrected_cell(ind, f, index.correction(p, province.id, ind.id))
                         for p, f in zip(period_ids, figures)],
                        link=address("indicator", ind.id), kind="indicator"))
    if not rows:
        return None
    periods = [index.records.periods[p] for p in period_ids]
    table = Table(caption=f"{group.label}, tỉnh {province.name}, theo kỳ báo cáo", columns=[],
                  column_labels=[p.label for p in periods], rows=rows, row_header="Chỉ số (đơn vị)",
                  column_links=[address("period", p.id) for p in periods])
    return table.finish(index, used)


def indicator_table(index: FigureIndex, indicator: Indicator, recent: int | None = None) -> Table | None:
    """One indicator: provinces as rows, periods as columns (the `recent` latest, when given:
    older ones are on their period pages, so the page does not grow with the archive),
    then the bloc's rows."""
    records = index.records
    period_ids = sorted(index.periods_by_indicator.get(indicator.id, ()), key=lambda p: records.periods[p].start)
    if recent:
        period_ids = period_ids[-recent:]
    if not period_ids:
        return None
    provinces = sorted_provinces(records.provinces[s] for s in index.provinces_by_indicator[indicator.id]
                                 if any(index.get(p, s, indicator.id) for p in period_ids))
    rows, used = [], []
    for province in provinces:
        figures = [index.get(p, province.id, indicator.id) for p in period_ids]
        used += figures
        rows.append(Row(province.name, [corrected_cell(indicator, f, index.correction(p, province.id, indicator.id))
                                        for p, f in zip(period_ids, figures)],
                        link=address("province", province.id)))
    if rows and indicator.summed:
        rows.append(Row(SUM_ROW, [summed_cell(indicator, [index.get(p, s.id, indicator.id) for s in provinces])
                                  for p in period_ids], kind="sum"))
    published = [index.get(p, None, indicator.id) for p in period_ids]
    used += published
    if any(published):
        rows.append(Row(PUBLISHED_ROW, [corrected_cell(indicator, f, index.correction(p, None, indicator.id),
                                                       bloc_level=True) for p, f in zip(period_ids, published)],
                        kind="published"))
    periods = [records.periods[p] for p in period_ids]
    table = Table(caption=f"{indicator.label} ({indicator.unit}) theo tỉnh và kỳ báo cáo", columns=[],
                  column_labels=[p.label for p in periods], rows=rows,
                  row_header="Tỉnh" if provinces else "Phạm vi",
                  column_links=[address("period", p.id) for p in periods])
    subjects = set().union(*(_figure_subjects(records, p, {indicator.id}, [s.id for s in provinces])
                             for p in period_ids))
    return table.finish(index, used, notes_for(records, index, subjects))


def key_figures(index: FigureIndex, period_id: str) -> list[tuple]:
    """The bloc's published totals for a period, the first of each catalogue group:
    (indicator, formatted number, unit, figure)."""
    figures = []
    for group in index.records.catalogue.groups:
        for indicator in group.indicators:
            figure = index.get(period_id, None, indicator.id)
            if figure is None or not figure.reported:
                continue
            if indicator.value_type == "boolean":  # the bloc counts provinces
                text, unit = fmt.number(figure.value), indicator.total_unit or "tỉnh"
            else:
                text, unit = cell_for(indicator, figure).text, indicator.unit
            figures.append((indicator, text, unit, figure))
            break
    return figures
