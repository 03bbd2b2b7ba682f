"""Open data: every statistics table as CSV, in one layout, with a Frictionless data package.

Files live under `du-lieu/` in the built site (their addresses: macros/site/urls.py, FILES):
- `du-lieu/<period>/<group>.csv`: a period's table of one indicator group (under the tables of
  the period page and the bulletins);
- `du-lieu/chi-so/<indicator>.csv`: an indicator across provinces and periods;
- `du-lieu/tinh/<province>.csv`: a province's figures, all indicators and periods (its page's
  tables share it);
- `du-lieu/danh-muc-chi-so.csv`, `du-lieu/danh-muc-tinh.csv`: the codes and what they name;
- `du-lieu/datapackage.json`: every file, and `du-lieu/bo-cuc.json`, the layout's Table Schema,
  written once for all of them.

One layout (LAYOUT), documented on /du-lieu/ and in the schema: a line per figure, in
Vietnamese (period, province, indicator as a reader knows them, the raw number, its unit, its
status as a word, its note and source), then the codes for programs. The raw number is never
formatted (a dot for decimals, no thousands separator; yes/no as 1/0); a figure not reported is
an empty value with the status "không báo cáo", never 0. CSV files are UTF-8 with a byte order
mark, so spreadsheet programs show Vietnamese letters.

Every figure is in three files, its period's table, its indicator's and its province's (a bloc
total in the first two), and nowhere else: no JSON copy of a table, no whole-period file that
its tables already make, no sum row (the file's lines add up to it). So the open data is about
three times one CSV of every figure (`figure_lines`), whatever the size of the bloc.
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
from macros.site.aggregate import Row, Table
from macros.site.urls import OPEN_DATA, Address, address

# The licence, as readers see it in Vietnamese (the same as the footer's).
LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Ghi công 4.0 Quốc tế",
           "path": "https://creativecommons.org/licenses/by/4.0/deed.vi"}
MISSING = [""]
# The records' statuses, in the files as Vietnamese words, with what each means on /du-lieu/.
STATUSES = ["exact", "lower_bound", "provisional", "revised", "not_reported"]
STATUS_TEXT = {"exact": "chính xác", "lower_bound": "số tối thiểu", "provisional": "sơ bộ",
               "revised": "đã điều chỉnh", "not_reported": "không báo cáo"}
STATUS_MEANING = {
    "exact": "số như nguồn công bố",
    "lower_bound": "nguồn ghi “trên” số này",
    "provisional": "số sơ bộ, có thể thay đổi",
    "revised": "số đã được nguồn điều chỉnh",
    "not_reported": "nguồn ghi rõ không có số này; ô để trống, không phải số 0",
}
# The bloc's figures: their name in the files and their code (the published row of a table).
BLOC_NAME, BLOC_CODE = aggregate.PUBLISHED_ROW, "tong-khoi"

# The one layout of every CSV file: a line per figure (a cell of a table), Vietnamese names
# first, codes for programs next; last, for a figure an erratum corrected, the value as published
# and the erratum. (name, Table Schema type, meaning)
LAYOUT = [
    ("Kỳ báo cáo", "string", "Tên kỳ báo cáo"),
    ("Tỉnh", "string", f"Tên tỉnh; “{BLOC_NAME}” với số tổng của Khối"),
    ("Chỉ số", "string", "Tên chỉ số"),
    ("Giá trị", "number", "Số gốc: dấu chấm thập phân, không phân cách hàng nghìn; có/không ghi 1/0; "
                          "trống khi không có số"),
    ("Đơn vị", "string", "Đơn vị của giá trị"),
    ("Trạng thái", "string", "; ".join(f"{STATUS_TEXT[s]}: {STATUS_MEANING[s]}" for s in STATUSES)),
    ("Ghi chú", "string", "Ghi chú của số liệu"),
    ("Nguồn", "string", "Bản tin hoặc văn bản công bố số liệu"),
    ("Mã kỳ", "string", "Mã kỳ báo cáo, cho chương trình máy tính"),
    ("Mã tỉnh", "string", f"Mã tỉnh (danh-muc-tinh.csv); {BLOC_CODE} với số tổng của Khối"),
    ("Mã chỉ số", "string", "Mã chỉ số (danh-muc-chi-so.csv)"),
    ("Giá trị đã công bố", "number", "Khi một đính chính đã sửa số liệu: số như số bản tin đã công bố "
                                     "(Giá trị là số đã đính chính); trống nếu không"),
    ("Mã đính chính", "string", "Mã của đính chính đã sửa số liệu (trang Lưu trữ); trống nếu không"),
]
COLUMNS = [name for name, _, _ in LAYOUT]
# The reference lists, once for the whole site.
INDICATOR_LIST = [("Mã chỉ số", "string", "Mã chỉ số"), ("Chỉ số", "string", "Tên chỉ số"),
                  ("Nhóm", "string", "Nhóm chỉ số"), ("Đơn vị", "string", "Đơn vị của tỉnh"),
                  ("Đơn vị của tổng Khối", "string", "Đơn vị của tổng Khối, nếu khác"),
                  ("Kiểu giá trị", "string", "số nguyên, số thập phân, tỉ lệ %, có/không"),
                  ("Cộng theo tỉnh", "string", "có: tổng Khối là tổng các tỉnh")]
PROVINCE_LIST = [("Mã tỉnh", "string", "Mã tỉnh"), ("Tỉnh", "string", "Tên tỉnh"),
                 ("Mã đơn vị hành chính", "string", "Mã đơn vị hành chính")]
VALUE_TYPES = {"integer": "số nguyên", "decimal": "số thập phân", "percent": "tỉ lệ %", "boolean": "có/không"}


@dataclass
class TableDownload:
    """One table's CSV file, at the `<kind>_table` address (macros/site/urls.py)."""
    table: Table
    kind: str  # "period", "indicator" or "province"
    keys: tuple[str, ...]  # the file's keys: (period, group), (indicator,) or (province, group)
    period: str | None = None
    indicator: str | None = None

    @property
    def csv(self) -> Address:
        return address(f"{self.kind}_table", *self.keys, "csv")

    @property
    def path(self) -> str:
        """The file's path without extension, under the site root: names the table's charts."""
        return self.csv.src_uri.removesuffix(".csv")


def raw(value):
    """A number as written in the files: booleans 1/0, sums without binary noise."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return round(value, fmt.MAX_DECIMALS)
    return value


def _unit(indicator, bloc: bool) -> str:
    """A yes/no indicator's bloc figure counts provinces."""
    return (indicator.total_unit or "tỉnh") if bloc and indicator.value_type == "boolean" else indicator.unit


def figure_line(records, figure) -> tuple:
    """One figure in the layout (LAYOUT). A figure an erratum corrected (macros/archive/errata.py)
    is revised: its value is the corrected one, with the value as published and the erratum."""
    indicator, bloc = records.indicators[figure.indicator], figure.province is None
    name, code = (BLOC_NAME, BLOC_CODE) if bloc else (records.provinces[figure.province].name, figure.province)
    corrections = getattr(records.archive, "figure_corrections", None) or {}
    fix = corrections.get((figure.period, figure.province, figure.indicator))
    status = "revised" if fix is not None else figure.status
    published = raw(aggregate.published_figure(figure, fix.published).value) if fix is not None else None
    return (records.periods[figure.period].label, name, indicator.label,
            raw(figure.value) if figure.reported else None, _unit(indicator, bloc), STATUS_TEXT[status],
            figure.note, records.source_title(figure.source), figure.period, code, indicator.id,
            published, fix.erratum.id if fix is not None else None)


def _cell_keys(download: TableDownload, row: Row, column: int) -> tuple[str, str | None, str]:
    """(period, province, indicator) of a table's cell: the table's kind says which is which."""
    table = download.table
    province = row.link.key if row.kind == "province" else None
    if download.kind == "period":
        return download.period, province, table.columns[column].id
    period = table.column_links[column].key
    if download.kind == "indicator":
        return period, province, download.indicator
    return period, download.keys[0], row.link.key  # a province's table: its rows are indicators


def table_lines(records, index, download: TableDownload) -> list[tuple]:
    """The table's figures in the layout, in reading order: every figure of the records the
    table shows, one the source gave as not reported included. What the table adds to the
    records is not repeated in its file: the sum row (the file's province lines add up to it),
    and the cells no source has anything for (a province that sent no report), which have no
    line among the records either."""
    lines = []
    for row in download.table.rows:
        if row.kind == "sum":
            continue
        for column in range(len(row.cells)):
            figure = index.get(*_cell_keys(download, row, column))
            if figure is not None:
                lines.append(figure_line(records, figure))
    return lines


def figure_lines(records) -> list[tuple]:
    """Every figure of the records in the layout: the yardstick the open data is measured
    against (bench/build_bench.py), and what the tables' files are checked with (tests)."""
    return [figure_line(records, f) for f in records.figures]


def to_csv(lines, columns: list[str]) -> bytes:
    """UTF-8 with a byte order mark, CRLF line ends (RFC 4180); None as an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # writes None as an empty cell
    writer.writerow(columns)
    writer.writerows(lines)
    return out.getvalue().encode("utf-8-sig")


def table_schema(fields=LAYOUT) -> dict:
    """Table Schema of the layout (or of a reference list)."""
    schema = {"fields": [{"name": n, "type": t, "description": d} for n, t, d in fields],
              "missingValues": MISSING}
    for field in schema["fields"]:
        if field["name"] == "Trạng thái":
            field["constraints"] = {"enum": [STATUS_TEXT[s] for s in STATUSES]}
    return schema


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
                downloads.append(TableDownload(table, "province", (province.id,)))  # one file a province
    by_caption: dict[str, TableDownload] = {}
    for download in downloads:
        if download.table.caption in by_caption:
            raise ValueError(f"hai bảng cùng tiêu đề \"{download.table.caption}\": "
                             f"{by_caption[download.table.caption].path} và {download.path}")
        by_caption[download.table.caption] = download
    return by_caption


def indicator_list(records) -> list[tuple]:
    return [(ind.id, ind.label, records.group_of(ind.id).label, ind.unit, ind.total_unit,
             VALUE_TYPES[ind.value_type], "có" if ind.summed else "không")
            for ind in records.indicators.values()]


def province_list(records) -> list[tuple]:
    return [(p.id, p.name, p.code) for p in aggregate.sorted_provinces(records.provinces.values())]


def _files(downloads) -> dict[str, list[TableDownload]]:
    """The tables written into each file, in the catalogue's order: a table has a file of its
    own, but a province's tables share the province's file."""
    files: dict[str, list[TableDownload]] = {}
    for download in downloads:
        files.setdefault(download.csv.src_uri, []).append(download)
    return files


def _resource_name(path: str) -> str:
    """'du-lieu/2004/nghien-cuu.csv' -> '2004-nghien-cuu': a package's names are slugs."""
    return PurePosixPath(path).relative_to(OPEN_DATA).with_suffix("").as_posix().replace("/", "-")


def datapackage(records, files: dict[str, list[TableDownload]]) -> dict:
    """The open data's Frictionless data package: every file, each table's in the layout that
    `bo-cuc.json` describes once for all of them, and the two reference lists."""
    root = PurePosixPath(OPEN_DATA)
    schema = PurePosixPath(address("schema").src_uri).relative_to(root).as_posix()
    resources = []
    for path, tables in files.items():
        province = tables[0].keys[0] if tables[0].kind == "province" else None
        title = f"Số liệu của tỉnh {records.provinces[province].name}" if province else tables[0].table.caption
        resources.append({"name": _resource_name(path), "path": PurePosixPath(path).relative_to(root).as_posix(),
                          "title": title, "schema": schema})
    for kind, fields, title in (("indicator_list", INDICATOR_LIST, "Danh mục chỉ số"),
                                ("province_list", PROVINCE_LIST, "Danh mục tỉnh")):
        path = address(kind).src_uri
        resources.append({"name": _resource_name(path), "path": PurePosixPath(path).relative_to(root).as_posix(),
                          "title": title, "schema": table_schema(fields)})
    return {"name": "khcn-so-lieu", "title": f"{records.bloc.name}: số liệu",
            "description": "Mỗi tệp CSV cùng một bố cục: mỗi dòng một số liệu (xem trang Dữ liệu mở).",
            "licenses": [LICENCE], "resources": resources}


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_all(site, downloads: dict[str, TableDownload], site_dir: Path) -> list[Path]:
    """Each table's CSV (a province's tables in one file), the two reference lists, the data
    package and its schema; returns the files written. Every figure is in three files, a
    period's, an indicator's and a province's, and no file repeats another."""
    records, out, written = site.records, Path(site_dir), []
    files = _files(downloads.values())
    for path, tables in files.items():
        lines = [line for download in tables for line in table_lines(records, site.index, download)]
        _write(out / path, to_csv(lines, COLUMNS))
        written.append(out / path)
    for kind, fields, lines in (("indicator_list", INDICATOR_LIST, indicator_list(records)),
                                ("province_list", PROVINCE_LIST, province_list(records))):
        _write(out / address(kind).src_uri, to_csv(lines, [name for name, _, _ in fields]))
        written.append(out / address(kind).src_uri)
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    for kind, document in (("package", datapackage(records, files)), ("schema", table_schema())):
        _write(out / address(kind).src_uri, json.dumps(document, **compact).encode("utf-8"))
        written.append(out / address(kind).src_uri)
    return written
