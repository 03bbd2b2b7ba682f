"""Numbers computed for the tables: rows, sums, published totals and the notes that go with them.

Templates only loop and format; everything they show is decided here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import formatting as fmt
from .records import Figure, Records
from .schema import Indicator, IndicatorGroup, Province

NOT_REPORTED = "KBC"  # "không báo cáo": shown instead of a number, never 0 or blank
STATUS_MARKS = {"provisional": "sb", "revised": "đc"}
STATUS_KEY = {
    NOT_REPORTED: "không báo cáo (nguồn không có số này; khác với số 0)",
    "sb": "số sơ bộ, có thể thay đổi",
    "đc": "số đã điều chỉnh",
    "trên": "số tối thiểu: nguồn ghi \"trên\" số này",
}


@dataclass
class Cell:
    text: str  # formatted for display
    mark: str | None = None  # status mark shown after the number
    reported: bool = True
    note: str | None = None
    value: object = None  # raw value, for downloads and sorting

    @property
    def css(self) -> str:
        return "khcn-kbc" if not self.reported else ""


@dataclass
class Row:
    label: str
    cells: list[Cell]
    link: str | None = None  # src_uri of the row's page
    kind: str = "province"  # "province", "sum" or "published"


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
    column_links: list[str | None] = field(default_factory=list)


def sorted_provinces(provinces) -> list[Province]:
    return sorted(provinces, key=lambda p: fmt.sort_key(p.name))


def format_value(indicator: Indicator, value, bloc_level: bool = False) -> str:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if indicator.value_type == "boolean" and bloc_level:
        return f"{fmt.number(value)} {indicator.total_unit or 'tỉnh'}"
    if indicator.value_type == "percent":
        return fmt.percent(value, 1)
    if indicator.value_type == "integer":
        return fmt.number(value, 0)
    return fmt.number(value)


def cell_for(indicator: Indicator, figure: Figure | None, bloc_level: bool = False) -> Cell:
    if figure is None or not figure.reported:
        return Cell(NOT_REPORTED, reported=False, note=figure.note if figure else None)
    text = format_value(indicator, figure.value, bloc_level)
    if figure.status == "lower_bound":
        text = f"trên {text}"
    return Cell(text, STATUS_MARKS.get(figure.status), note=figure.note, value=figure.value)


def summed_cell(indicator: Indicator, figures: list[Figure]) -> Cell:
    """The sum of the provinces' figures, computed here (not published)."""
    reported = [f for f in figures if f.reported]
    if not indicator.summed or not reported:
        return Cell("", reported=True, value=None)
    total = sum(int(f.value) if isinstance(f.value, bool) else f.value for f in reported)
    text = format_value(indicator, total, bloc_level=True)
    if any(f.status == "lower_bound" for f in reported):
        text = f"trên {text}"
    return Cell(text, value=total)


def notes_for(records: Records, subjects: set) -> list[str]:
    """Messages of the consistency warnings whose subject is one of `subjects`."""
    return [w.message for w in records.warnings if set(w.subjects) & subjects]


class FigureIndex:
    """Figures by (period, province, indicator), built once per build."""

    def __init__(self, records: Records):
        self.records = records
        self.by_key = {(f.period, f.province, f.indicator): f for f in records.figures}
        self.periods_with_figures = {f.period for f in records.figures}

    def get(self, period: str, province: str | None, indicator: str) -> Figure | None:
        return self.by_key.get((period, province, indicator))

    def provinces_in(self, period: str) -> list[Province]:
        """Provinces the period's tables show: those covered by the totals or reporting."""
        slugs = {f.province for f in self.records.figures if f.period == period and f.province}
        totals = self.records.totals.get(period)
        if totals:
            slugs |= set(totals.scope)
        return sorted_provinces(self.records.provinces[s] for s in slugs)

    def sources_of(self, figures: list[Figure]) -> list[str]:
        return sorted({f.source for f in figures if f is not None})


def group_table(index: FigureIndex, period_id: str, group: IndicatorGroup,
                only_source: str | None = None) -> Table | None:
    """One catalogue group for one period: provinces as rows, a sum row and the published row."""
    records = index.records
    period = records.periods[period_id]
    columns = [ind for ind in group.indicators if _has_any(index, period_id, ind, only_source)]
    if not columns:
        return None
    provinces = index.provinces_in(period_id)
    per_province = any(index.get(period_id, p.id, ind.id) for p in provinces for ind in columns)
    rows, used = [], []
    if per_province:
        for province in provinces:
            figures = [index.get(period_id, province.id, ind.id) for ind in columns]
            used += figures
            rows.append(Row(province.name, [cell_for(ind, f) for ind, f in zip(columns, figures)],
                            link=f"tinh/{province.id}.md"))
        rows.append(Row("Cộng các tỉnh (tính toán)", [summed_cell(ind, [
            index.get(period_id, p.id, ind.id) for p in provinces if index.get(period_id, p.id, ind.id)])
            for ind in columns], kind="sum"))
    published = [index.get(period_id, None, ind.id) for ind in columns]
    used += published
    if any(published):
        rows.append(Row("Khối công bố", [cell_for(ind, f, bloc_level=True)
                                          for ind, f in zip(columns, published)], kind="published"))
    table = Table(
        caption=f"{group.label}, {period.label}" + ("" if per_province else
                 " (nguồn chỉ công bố tổng của Khối, không chia theo tỉnh)"),
        columns=columns,
        column_labels=[f"{ind.label} ({ind.unit})" for ind in columns],
        rows=rows,
        column_links=[f"chi-so/{ind.id}.md" for ind in columns],
    )
    subjects = {("total", period_id, ind.id) for ind in columns}
    subjects |= {("parts", period_id, p, ind.id) for ind in columns for p in [None] + [x.id for x in provinces]}
    subjects |= {("shares", period_id, p, s.id) for s in records.catalogue.share_sets
                 if set(s.parts) & {ind.id for ind in columns} for p in [None] + [x.id for x in provinces]}
    table.notes = notes_for(records, subjects)
    table.sources = index.sources_of(used)
    table.keys = _keys_used(table)
    return table


def _has_any(index: FigureIndex, period_id: str, indicator: Indicator, only_source: str | None) -> bool:
    return any(f.period == period_id and f.indicator == indicator.id
               and (only_source is None or f.source == only_source)
               for f in index.records.figures)


def _keys_used(table: Table) -> list[tuple[str, str]]:
    marks = set()
    for row in table.rows:
        for cell in row.cells:
            if not cell.reported:
                marks.add(NOT_REPORTED)
            if cell.mark:
                marks.add(cell.mark)
            if cell.text.startswith("trên "):
                marks.add("trên")
    return [(mark, STATUS_KEY[mark]) for mark in STATUS_KEY if mark in marks]


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
        rows.append(Row(ind.label + f" ({ind.unit})", [cell_for(ind, f) for f in figures],
                        link=f"chi-so/{ind.id}.md", kind="indicator"))
    if not rows:
        return None
    periods = [index.records.periods[p] for p in period_ids]
    table = Table(caption=f"{group.label}: {province.name}", columns=[],
                  column_labels=[p.label for p in periods], rows=rows, row_header="Chỉ số",
                  column_links=[f"so-lieu/{p.id}.md" for p in periods])
    table.sources = index.sources_of(used)
    table.keys = _keys_used(table)
    return table


def indicator_table(index: FigureIndex, indicator: Indicator) -> Table | None:
    """One indicator: provinces as rows, periods as columns, then the bloc's rows."""
    records = index.records
    period_ids = sorted({f.period for f in records.figures if f.indicator == indicator.id},
                        key=lambda p: records.periods[p].start)
    if not period_ids:
        return None
    slugs = {f.province for f in records.figures if f.indicator == indicator.id and f.province}
    rows, used = [], []
    for province in sorted_provinces(records.provinces[s] for s in slugs):
        figures = [index.get(p, province.id, indicator.id) for p in period_ids]
        used += figures
        rows.append(Row(province.name, [cell_for(indicator, f) for f in figures],
                        link=f"tinh/{province.id}.md"))
    if rows:
        rows.append(Row("Cộng các tỉnh (tính toán)", [summed_cell(indicator, [
            f for f in (index.get(p, s, indicator.id) for s in slugs) if f]) for p in period_ids], kind="sum"))
    published = [index.get(p, None, indicator.id) for p in period_ids]
    used += published
    if any(published):
        rows.append(Row("Khối công bố", [cell_for(indicator, f, bloc_level=True) for f in published],
                        kind="published"))
    periods = [records.periods[p] for p in period_ids]
    unit = indicator.unit
    table = Table(caption=f"{indicator.label} ({unit}) theo tỉnh và kỳ", columns=[],
                  column_labels=[p.label for p in periods], rows=rows,
                  column_links=[f"so-lieu/{p.id}.md" for p in periods])
    table.notes = notes_for(records, {("total", p, indicator.id) for p in period_ids}
                            | {("parts", p, s, indicator.id) for p in period_ids for s in [None, *slugs]})
    table.sources = index.sources_of(used)
    table.keys = _keys_used(table)
    return table
