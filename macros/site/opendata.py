"""Open data: every statistics table as CSV and JSON, a Frictionless data package per period.

Files live under `du-lieu/` in the built site (their addresses: macros/site/urls.py, FILES):
- `du-lieu/<period>/<group>.csv|json`: a period's table of one indicator group;
- `du-lieu/chi-so/<indicator>.csv|json`: an indicator across provinces and periods;
- `du-lieu/tinh/<province>/<group>.csv|json`: a province's indicators of one group, all periods;
- `du-lieu/<period>/datapackage.json`: the period's figures (`so-lieu.csv`), the indicators and
  provinces they refer to, and the period's tables, described with Table Schema.

Tables are long ("tidy"): one line per cell, the raw number (never formatted: a dot for
decimals, no thousands separator; true/false as 1/0), its unit and its status, so a figure that
was not reported is explicit (`not_reported`, value left empty) and never read as 0. CSV files
are UTF-8 with a byte order mark, so spreadsheet programs show Vietnamese letters.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path, PurePosixPath

from macros.site import aggregate
from macros.records import formatting as fmt
from macros.site.aggregate import Cell, Row, Table
from macros.site.urls import Address, address

LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
MISSING = [""]
# Codes of the status column: the records' statuses, and those of the rows computed here.
STATUS_OF_MARK = {"sb": "provisional", "đc": "revised"}
COMPUTED, COMPUTED_PARTIAL, NOT_SUMMED = "computed", "computed_partial", "not_summed"
STATUSES = ["exact", "lower_bound", "provisional", "revised", "not_reported",
            COMPUTED, COMPUTED_PARTIAL, NOT_SUMMED]
ROW_IDS = {"sum": "cong-cac-tinh", "published": "tong-khoi"}

TABLE_FIELDS = [
    ("row_id", "string", "Mã hàng: mã tỉnh, mã chỉ số, cong-cac-tinh (tổng tính toán) hoặc tong-khoi (tổng Khối công bố)"),
    ("row", "string", "Tên hàng như trên bảng"),
    ("column_id", "string", "Mã cột: mã chỉ số hoặc mã kỳ báo cáo"),
    ("column", "string", "Tên cột như trên bảng"),
    ("indicator", "string", "Mã chỉ số của ô"),
    ("value", "number", "Giá trị gốc (dấu chấm thập phân; có/không ghi 1/0); trống khi không có số"),
    ("unit", "string", "Đơn vị của giá trị"),
    ("status", "string", "Trạng thái: " + ", ".join(STATUSES)),
]
FIGURE_FIELDS = [
    ("period", "string", "Mã kỳ báo cáo"),
    ("province", "string", "Mã tỉnh; trống với số tổng của Khối"),
    ("indicator", "string", "Mã chỉ số"),
    ("value", "number", "Giá trị gốc (có/không ghi 1/0); trống khi không báo cáo"),
    ("unit", "string", "Đơn vị của giá trị"),
    ("status", "string", "Trạng thái: " + ", ".join(STATUSES[:5])),
    ("note", "string", "Ghi chú của số liệu"),
    ("source", "string", "Mã nguồn (bản tin hoặc văn bản)"),
]


@dataclass
class TableDownload:
    """One table's files: a CSV and a JSON file at the `<kind>_table` address (macros/site/urls.py)."""
    table: Table
    kind: str  # "period", "indicator" or "province"
    keys: tuple[str, ...]  # the file's keys: (period, group), (indicator,) or (province, group)
    period: str | None = None
    indicator: str | None = None

    def file(self, format: str) -> Address:
        return address(f"{self.kind}_table", *self.keys, format)

    @property
    def csv(self) -> Address:
        return self.file("csv")

    @property
    def json(self) -> Address:
        return self.file("json")

    @property
    def path(self) -> str:
        """The files' path without extension, under the site root: names the table's charts."""
        return self.csv.src_uri.removesuffix(".csv")


def raw(value):
    """A number as written in the files: booleans 1/0, sums without binary noise."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return round(value, fmt.MAX_DECIMALS)
    return value


def cell_status(row: Row, cell: Cell) -> str:
    if not cell.summed:
        return NOT_SUMMED
    if not cell.reported:
        return "not_reported"
    if row.kind == "sum":
        return COMPUTED_PARTIAL if cell.mark == aggregate.PARTIAL_SUM else COMPUTED
    if cell.lower_bound:
        return "lower_bound"
    return STATUS_OF_MARK.get(cell.mark, "exact")


def _id_of(link: Address | None) -> str | None:
    """The record a row's or column's page is about: address("province", "ha-giang") -> 'ha-giang'."""
    return link.key if link else None


def table_rows(records, download: TableDownload) -> list[dict]:
    """The table's cells, one dict per cell, in reading order."""
    table, lines = download.table, []
    indicators = records.indicators
    for row in table.rows:
        row_id = ROW_IDS.get(row.kind) or _id_of(row.link)
        for label, link, cell in zip(table.column_labels, table.column_links, row.cells):
            column_id = _id_of(link)
            indicator_id = download.indicator or (row_id if row.kind == "indicator" else column_id)
            indicator = indicators[indicator_id]
            bloc = row.kind in ROW_IDS and indicator.value_type == "boolean"
            unit = (indicator.total_unit or "tỉnh") if bloc else indicator.unit
            value = raw(cell.value) if cell.reported and cell.summed else None
            lines.append({"row_id": row_id, "row": row.label, "column_id": column_id, "column": label,
                          "indicator": indicator_id, "value": value, "unit": unit,
                          "status": cell_status(row, cell)})
    return lines


def to_csv(rows: list[dict], fields: list[str]) -> bytes:
    """UTF-8 with a byte order mark, CRLF line ends (RFC 4180); None as an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # writes None as an empty cell
    writer.writerow(fields)
    writer.writerows(map(itemgetter(*fields), rows))
    return out.getvalue().encode("utf-8-sig")


def _schema(fields) -> dict:
    schema = {"fields": [{"name": n, "type": t, "description": d} for n, t, d in fields],
              "missingValues": MISSING}
    for field in schema["fields"]:
        if field["name"] == "status":
            field["constraints"] = {"enum": STATUSES}
    return schema


def table_json(records, download: TableDownload, rows: list[dict]) -> bytes:
    table = download.table
    document = {"title": table.caption, "licence": LICENCE, "publisher": records.bloc.name,
                "sources": [records.source_title(s) for s in table.sources], "notes": table.notes,
                "schema": _schema(TABLE_FIELDS), "rows": rows}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def catalogue(site) -> dict[str, TableDownload]:
    """Every statistics table the site shows, by caption (unique), with its files' path."""
    index, records = site.index, site.records
    downloads: list[TableDownload] = []
    periods = sorted(index.periods_with_figures, key=lambda p: records.periods[p].start)
    for period in periods:
        for group in records.catalogue.groups:
            table = aggregate.group_table(index, period, group)
            if table:
                downloads.append(TableDownload(table, "period", (period, group.id), period))
    for indicator in records.indicators.values():
        table = aggregate.indicator_table(index, indicator)
        if table:
            downloads.append(TableDownload(table, "indicator", (indicator.id,), indicator=indicator.id))
    for province in aggregate.sorted_provinces(records.provinces.values()):
        own = [p for p in periods if province.id in index.provinces_by_period[p]]
        for group in records.catalogue.groups:
            table = own and aggregate.province_table(index, province, group, own)
            if table:
                downloads.append(TableDownload(table, "province", (province.id, group.id)))
    by_caption: dict[str, TableDownload] = {}
    for download in downloads:
        if download.table.caption in by_caption:
            raise ValueError(f"hai bảng cùng tiêu đề \"{download.table.caption}\": "
                             f"{by_caption[download.table.caption].path} và {download.path}")
        by_caption[download.table.caption] = download
    return by_caption


def figures_by_period(records) -> dict[str, list]:
    """Every figure, grouped by period, in one pass over the records."""
    grouped: dict[str, list] = {}
    for figure in records.figures:
        grouped.setdefault(figure.period, []).append(figure)
    return grouped


def figure_rows(records, period: str, figures=None) -> list[dict]:
    """The period's figures as published, bloc totals first, then provinces by name."""
    indicators = records.indicators
    order = {ind: i for i, ind in enumerate(indicators)}
    if figures is None:
        figures = [f for f in records.figures if f.period == period]
    figures = sorted(figures,
                     key=lambda f: (f.province is not None, fmt.sort_key(f.province or ""), order[f.indicator]))
    rows = []
    for f in figures:
        indicator = indicators[f.indicator]
        bloc_count = f.province is None and indicator.value_type == "boolean"
        rows.append({"period": f.period, "province": f.province, "indicator": f.indicator,
                     "value": raw(f.value) if f.reported else None,
                     "unit": (indicator.total_unit or "tỉnh") if bloc_count else indicator.unit,
                     "status": f.status, "note": f.note, "source": f.source})
    return rows


def indicator_rows(records) -> list[dict]:
    return [{"id": ind.id, "label": ind.label, "group": records.group_of(ind.id).id, "unit": ind.unit,
             "total_unit": ind.total_unit, "value_type": ind.value_type, "summed": "true" if ind.summed else "false"}
            for ind in records.indicators.values()]


def province_rows(records) -> list[dict]:
    return [{"id": p.id, "name": p.name, "code": p.code}
            for p in aggregate.sorted_provinces(records.provinces.values())]


INDICATOR_FIELDS = [("id", "string", "Mã chỉ số"), ("label", "string", "Tên chỉ số"),
                    ("group", "string", "Mã nhóm chỉ số"), ("unit", "string", "Đơn vị của tỉnh"),
                    ("total_unit", "string", "Đơn vị của tổng Khối, nếu khác"),
                    ("value_type", "string", "Kiểu giá trị: integer, decimal, percent, boolean"),
                    ("summed", "boolean", "Cộng các tỉnh thành tổng của Khối")]
PROVINCE_FIELDS = [("id", "string", "Mã tỉnh"), ("name", "string", "Tên tỉnh"),
                   ("code", "string", "Mã đơn vị hành chính")]


def _resource(name: str, path: str, title: str, fields, **extra) -> dict:
    schema = _schema(fields)
    schema.update(extra)
    return {"name": name, "path": path, "title": title, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": schema}


def datapackage(records, period: str, tables: list[TableDownload], period_figures=None) -> dict:
    label = records.periods[period].label
    figures = _resource("so-lieu", _name("period_figures", period), f"Số liệu {fmt.in_sentence(label)}", FIGURE_FIELDS,
                        foreignKeys=[{"fields": "indicator", "reference": {"resource": "chi-so", "fields": "id"}},
                                     {"fields": "province", "reference": {"resource": "tinh", "fields": "id"}}])
    resources = [figures,
                 _resource("chi-so", _name("package_indicators", period), "Các chỉ số", INDICATOR_FIELDS, primaryKey=["id"]),
                 _resource("tinh", _name("package_provinces", period), "Các tỉnh", PROVINCE_FIELDS, primaryKey=["id"])]
    for download in tables:
        name = download.keys[-1]  # the group: the table's file is beside datapackage.json
        resources.append(_resource(f"bang-{name}", f"{name}.csv", download.table.caption, TABLE_FIELDS))
    return {"profile": "tabular-data-package", "name": f"khcn-so-lieu-{period}",
            "title": f"{records.bloc.short_name}: số liệu {fmt.in_sentence(label)}",
            "licenses": [LICENCE], "resources": resources,
            "sources": [{"title": records.source_title(s)}
                        for s in sorted({f.source for f in (records.figures if period_figures is None else period_figures)
                                         if f.period == period})]}


def _name(kind: str, period: str) -> str:
    """A file of the period's data package, by its name in the package's folder."""
    return PurePosixPath(address(kind, period).src_uri).name


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_all(site, downloads: dict[str, TableDownload], site_dir: Path) -> list[Path]:
    """Every table's CSV and JSON, and each period's data package; returns the files written."""
    records, out, written = site.records, Path(site_dir), []
    for download in downloads.values():
        rows = table_rows(records, download)
        csv_file, json_file = out / download.csv.src_uri, out / download.json.src_uri
        _write(csv_file, to_csv(rows, [f[0] for f in TABLE_FIELDS]))
        _write(json_file, table_json(records, download, rows))
        written += [csv_file, json_file]
    tables_by_period: dict[str, list[TableDownload]] = {}
    for download in downloads.values():
        if download.period:
            tables_by_period.setdefault(download.period, []).append(download)
    figures = figures_by_period(records)
    # The same two files in every period's package: made once.
    indicators_csv = to_csv(indicator_rows(records), [f[0] for f in INDICATOR_FIELDS])
    provinces_csv = to_csv(province_rows(records), [f[0] for f in PROVINCE_FIELDS])
    for period in sorted(tables_by_period):
        file = lambda kind: out / address(kind, period).src_uri  # noqa: E731
        tables, period_figures = tables_by_period[period], figures.get(period, [])
        _write(file("period_figures"), to_csv(figure_rows(records, period, period_figures),
                                              [f[0] for f in FIGURE_FIELDS]))
        _write(file("package_indicators"), indicators_csv)
        _write(file("package_provinces"), provinces_csv)
        package = json.dumps(datapackage(records, period, tables, period_figures), ensure_ascii=False, indent=1)
        _write(file("period_package"), package.encode("utf-8"))
        written += [file(kind) for kind in ("period_figures", "package_indicators", "package_provinces",
                                            "period_package")]
    return written
