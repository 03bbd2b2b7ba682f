"""`python -m macros new ...`: write a ready-to-fill record file for an editor.

A scaffold lists every field an editor has to fill, with the schema's own Vietnamese
description as a comment, and leaves the values empty: an empty value is read as null,
so `validate` names each field still to fill until the file is complete. Ids the command
is given (province, period, bulletin) are checked against data/ first, with a suggestion
for a near miss, and an existing file is never overwritten.
"""
from __future__ import annotations

import datetime as dt
import difflib
import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from macros.records import ids, periods
from macros.records.formatting import slugify
from macros.records.loader import load_file
from macros.records.schema import (KINDS, Article, Bulletin, Indicator, Membership, Period, Province, Report)

GUIDE = "trang Hướng dẫn (/huong-dan/)"

# How each kind of value is written, shown after the indicator's label and unit.
VALUE_HINTS = {
    "integer": "số nguyên",
    "decimal": "số, phần thập phân viết bằng dấu chấm",
    "percent": "tỉ lệ % từ 0 đến 100, không ghi dấu %",
    "boolean": "viết true hoặc false",
}

REPORT_HELP = """\
# Cách điền (xem thêm {guide} của trang web):
#   - viết số ngay sau dấu hai chấm, không dùng dấu phân cách hàng nghìn: 11442
#     (không viết 11.442); phần thập phân dùng dấu chấm: 45.5
#   - nguồn không có số này: {{status: not_reported}} (không báo cáo khác với số 0)
#   - số sơ bộ: {{value: 120, status: provisional}}
#   - nguồn ghi "trên 2.000": {{value: 2000, status: lower_bound}}
#   - nguồn ghi "2.500 triệu đồng" (hai nghìn năm trăm): viết 2500; 2.500 bị từ chối (E308)
#   - kiểm tra: python -m macros validate
"""


class ScaffoldError(Exception):
    """A request the command refuses, with a Vietnamese message saying what to do instead."""


@dataclass(frozen=True)
class Scaffold:
    """A file to create (path relative to the project root), and what to do after."""
    path: str
    text: str
    next_step: str


# -- looking up what exists ---------------------------------------------------------
def existing_ids(root: Path, kind: str) -> list[str]:
    """Ids of a kind's records, taken from their file names (the file is named after its id)."""
    pattern = KINDS[kind][0]
    return sorted(p.stem for p in (root / "data").glob(pattern))


def require(value: str, known: list[str], what: str, create_hint: str) -> None:
    """Refuse an id that names no record, suggesting the closest one."""
    if value in known:
        return
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    hint = f"; có phải ý bạn là \"{close[0]}\"?" if close else (
        f"; các mã hiện có: {', '.join(known)}" if known else "")
    raise ScaffoldError(f"không có {what} \"{value}\" trong data/{hint}\n{create_hint}")


def load_record(root: Path, kind: str, rel: str):
    """The record in one file, or a ScaffoldError naming the file's first problem."""
    loaded, problems = load_file(root / rel, rel, kind)
    if loaded is None:
        first = problems[0].format_text() if problems else rel
        raise ScaffoldError(f"không đọc được {rel}; hãy sửa lỗi này trước:\n  {first}")
    return loaded.record


# -- writing YAML lines with the schema's descriptions as comments ------------------
def description(model: type[BaseModel], name: str) -> str:
    text = model.model_fields[name].description
    if not text:
        raise ValueError(f"{model.__name__}.{name} has no description in macros/records/schema.py")
    return text


def field_line(model: type[BaseModel], name: str, value: str = "", indent: int = 0,
               comment: str | None = None, optional: bool = False, first: str = "") -> str:
    """`name: value  # description`; an optional field is written commented out.

    `first` replaces the indentation of a list item's first key ("- ")."""
    pad = first or " " * indent
    note = comment if comment is not None else description(model, name)
    body = f"{name}: {value}".rstrip() if value else f"{name}:"
    line = f"{pad}{'# ' if optional else ''}{body}  # {note}"
    return line


def header(*lines: str) -> str:
    return "".join(f"# {line}\n" for line in lines)


def quoted(text: str) -> str:
    """An id in double quotes: `2024` or `2023-04` must stay text whatever YAML would make of it."""
    return f"\"{text}\""


# -- report -------------------------------------------------------------------------
def report_scaffold(root: Path, province_id: str, period_id: str) -> Scaffold:
    provinces, periods = existing_ids(root, "province"), existing_ids(root, "period")
    require(province_id, provinces, "tỉnh",
            f"Tỉnh mới: python -m macros new province {province_id}")
    require(period_id, periods, "kỳ báo cáo",
            f"Kỳ mới: python -m macros new period {period_id}")
    province = load_record(root, "province", f"data/provinces/{province_id}.yml")
    period = load_record(root, "period", f"data/periods/{period_id}.yml")
    existence = province_in_period(root, province, period)
    catalogue = load_record(root, "catalogue", "data/indicators.yml")
    lines = [header(f"Số liệu của tỉnh {province.name}, {period.label[:1].lower()}{period.label[1:]}.",
                    f"Tạo bằng: python -m macros new report --province {province_id} "
                    f"--period {period_id}"),
             REPORT_HELP.format(guide=GUIDE),
             f"province: {province_id}\n",
             f"period: {quoted(period_id)}\n",
             field_line(Report, "source", comment=description(Report, "source")
                        + ": mã bản tin trong ngoặc kép, ví dụ \"2023-04\", hoặc mã tài liệu "
                        "trong data/documents/") + "\n",
             field_line(Report, "note", optional=True) + "\n",
             "figures:\n"]
    for group in catalogue.groups:
        lines.append(f"\n  # === {group.label} ===\n")
        for indicator in group.indicators:
            lines.append(f"  # {indicator_comment(indicator)}\n  {indicator.id}:\n")
    next_step = "Điền nguồn (source) và từng số liệu, rồi chạy: python -m macros validate"
    if existence is not None:  # W405: the province existed for part of the period only
        next_step = f"Lưu ý [{existence.code}]: {existence.message}.\n{next_step}"
    return Scaffold(f"data/reports/{province_id}/{period_id}.yml", "".join(lines), next_step)


def indicator_comment(indicator: Indicator) -> str:
    return f"{indicator.label} ({indicator.unit}; {VALUE_HINTS[indicator.value_type]})"


def province_in_period(root: Path, province: Province, period: Period):
    """The validator's E305 as a refusal, in its words; its W405 (part of the period) returned."""
    ended = periods.merger(province)
    successor = successor_name(root, ended[1]) if ended else None
    finding = periods.province_in_period(province, period, successor)
    if finding is not None and finding.code == "E305":
        raise ScaffoldError(finding.message)
    return finding


def successor_name(root: Path, slug: str) -> str | None:
    """The name of the province another merged into, from its file (None if unreadable)."""
    try:
        return load_record(root, "province", f"data/provinces/{slug}.yml").name
    except (ScaffoldError, OSError):
        return None


# -- period -------------------------------------------------------------------------
def period_scaffold(root: Path, period_id: str) -> Scaffold:
    if not ids.PERIOD.matches(period_id):
        raise ScaffoldError(f"mã kỳ \"{period_id}\" không đúng dạng; viết NNNN-NNNN cho một giai "
                            "đoạn (ví dụ 2024-2025) hoặc NNNN cho một năm (ví dụ 2024)")
    years = period_id.split("-")
    first, last = int(years[0]), int(years[-1])
    if last <= first and len(years) == 2:
        raise ScaffoldError(f"kỳ \"{period_id}\": năm cuối phải sau năm đầu; "
                            f"kỳ một năm viết là {first}")
    label = f"Giai đoạn {first}–{last}" if len(years) == 2 else f"Năm {first}"
    text = (header(f"Kỳ báo cáo {label.lower()}. Ngày bắt đầu và kết thúc được suy ra từ mã kỳ:",
                   "hãy sửa lại nếu kỳ báo cáo của Khối không theo năm dương lịch.")
            + f"id: {quoted(period_id)}\n"
            + field_line(Period, "label", label) + "\n"
            + field_line(Period, "start", dt.date(first, 1, 1).isoformat()) + "\n"
            + field_line(Period, "end", dt.date(last, 12, 31).isoformat()) + "\n")
    start, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
    new = Period(id=period_id, label=label, start=start, end=end)
    notes = "".join(f"Lưu ý: {note}.\n" for note in overlaps_with(root, new) + mergers_within(root, start, end))
    return Scaffold(f"data/periods/{period_id}.yml", text,
                    f"{notes}Tiếp theo, số liệu từng tỉnh: python -m macros new report --province MÃ-TỈNH "
                    f"--period {period_id}")


def overlaps_with(root: Path, new: Period) -> list[str]:
    """The validator's W406 for a new period, said before the file is written."""
    known = []
    for period_id in existing_ids(root, "period"):
        try:
            known.append(load_record(root, "period", f"data/periods/{period_id}.yml"))
        except ScaffoldError:
            continue
    return [periods.overlap_message(a, b) for a, b in periods.overlaps([*known, new]) if new in (a, b)]


def mergers_within(root: Path, start: dt.date, end: dt.date) -> list[str]:
    """The provinces that merge into another during a new period: their reports cover part of it."""
    notes = []
    for slug in existing_ids(root, "province"):
        try:
            province = load_record(root, "province", f"data/provinces/{slug}.yml")
        except ScaffoldError:
            continue  # the validator names that file's problem
        ended = periods.merger(province)
        if ended and start < ended[0] <= end:
            notes.append(f"tỉnh {province.name} sáp nhập vào tỉnh {successor_name(root, ended[1]) or ended[1]} "
                         f"từ {ended[0]:%d/%m/%Y}, giữa kỳ này: báo cáo của tỉnh {province.name} cho kỳ "
                         "chỉ gồm số liệu trước ngày đó")
    return notes


# -- province -----------------------------------------------------------------------
def province_scaffold(root: Path, slug: str) -> Scaffold:
    if not ids.SLUG.matches(slug):
        raise ScaffoldError(f"mã tỉnh \"{slug}\" không đúng dạng: viết thường, không dấu, nối bằng "
                            f"gạch ngang, ví dụ {slugify(slug) or 'dien-bien'}")
    item = "  "
    text = (header("Tỉnh mới: điền các trường còn trống; dòng bắt đầu bằng # là ghi chú hoặc",
                   "trường không bắt buộc (bỏ dấu # ở đầu dòng để dùng).",
                   "Kiểm tra: python -m macros validate")
            + f"id: {slug}\n"
            + "\n".join([
                field_line(Province, "name"),
                field_line(Province, "department"),
                field_line(Province, "code"),
                field_line(Province, "code_source", comment=description(Province, "code_source")
                           + ": mã tài liệu trong data/documents/"),
                field_line(Province, "website", optional=True),
                field_line(Province, "established", optional=True),
                "membership:  # " + description(Province, "membership")
                + "; xoá mục dưới và ghi [] nếu tỉnh chưa là thành viên",
                field_line(Membership, "since", first=item + "- "),
                field_line(Membership, "conference", indent=4, optional=True),
                field_line(Membership, "known_member_in", indent=4, optional=True),
                field_line(Membership, "source", indent=4, comment=description(Membership, "source")
                           + ": mã bản tin trong ngoặc kép (\"2023-04\") hoặc mã tài liệu"),
            ]) + "\n")
    return Scaffold(f"data/provinces/{slug}.yml", text,
                    "Sau khi điền, cập nhật CODEOWNERS: python -m macros codeowners")


# -- bulletin -----------------------------------------------------------------------
def bulletin_scaffold(root: Path, bulletin_id: str) -> Scaffold:
    if not ids.BULLETIN.matches(bulletin_id) or bulletin_id.endswith("-00"):
        raise ScaffoldError(f"mã bản tin \"{bulletin_id}\" không đúng dạng; viết năm-số với số có "
                            "hai chữ số, ví dụ 2024-01")
    year, number = (int(part) for part in bulletin_id.split("-"))
    text = (header(f"Bản tin số {number} năm {year}. Điền các trường còn trống; dòng bắt đầu bằng #",
                   "là ghi chú hoặc trường không bắt buộc. Kiểm tra: python -m macros validate")
            + f"id: {quoted(bulletin_id)}\n"
            + "\n".join([
                field_line(Bulletin, "number", str(number)),
                field_line(Bulletin, "year", str(year)),
                field_line(Bulletin, "date"),
                field_line(Bulletin, "date_note", optional=True),
                field_line(Bulletin, "title", comment=description(Bulletin, "title")
                           + f", ví dụ Bản tin KH&CN số {number} năm {year}"),
                field_line(Bulletin, "publisher"),
                field_line(Bulletin, "periods", "[]", comment=description(Bulletin, "periods")
                           + ", ví dụ [2022-2023]"),
                field_line(Bulletin, "conferences", "[]", comment=description(Bulletin, "conferences")
                           + ", ví dụ [11]"),
                "articles:  # " + description(Bulletin, "articles"),
                field_line(Article, "title", first="  - "),
                field_line(Article, "summary", indent=4),
                field_line(Article, "publisher", indent=4, optional=True),
                field_line(Article, "url", indent=4, optional=True),
                field_line(Article, "published", indent=4, optional=True),
                field_line(Article, "accessed", indent=4, optional=True),
            ]) + "\n")
    return Scaffold(f"data/bulletins/{bulletin_id}.yml", text,
                    "Điền tệp này (periods: các kỳ bản tin đưa số liệu, ví dụ [2024-2025]), rồi số liệu "
                    f"của từng tỉnh, với source: \"{bulletin_id}\": python -m macros new report "
                    "--province MÃ-TỈNH --period MÃ-KỲ")


# -- writing ------------------------------------------------------------------------
def write(root: Path, scaffold: Scaffold) -> Path:
    """Create the file; never replace one that exists."""
    path = root / scaffold.path
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(scaffold.text)
    except FileExistsError:
        raise ScaffoldError(f"tệp {scaffold.path} đã có, lệnh không ghi đè lên tệp đã có. "
                            "Hãy mở tệp đó để sửa, hoặc xoá nó trước nếu muốn tạo lại từ đầu.") from None
    return path


def build(args) -> Scaffold:
    root = args.root.resolve()
    if args.kind == "report":
        return report_scaffold(root, args.province, args.period)
    if args.kind == "period":
        return period_scaffold(root, args.id)
    if args.kind == "province":
        return province_scaffold(root, args.id)
    return bulletin_scaffold(root, args.id)


def run_new(args) -> int:
    """The `new` command: 0 when the file was written, 1 with a message when refused."""
    try:
        scaffold = build(args)
        write(args.root.resolve(), scaffold)
    except ScaffoldError as exc:
        print(f"Không tạo tệp: {exc}", file=sys.stderr)
        return 1
    print(f"Đã tạo {scaffold.path}\n{scaffold.next_step}")
    return 0


def add_new_command(sub) -> None:
    """The `new` sub-command and its four kinds, added to the CLI's sub-parsers."""
    new = sub.add_parser("new", help="tạo tệp bản ghi mới, sẵn các trường để điền")
    kinds = new.add_subparsers(dest="kind", required=True)
    report = kinds.add_parser("report", help="số liệu của một tỉnh cho một kỳ")
    report.add_argument("--province", required=True, help="mã tỉnh, ví dụ lao-cai")
    report.add_argument("--period", required=True, help="mã kỳ, ví dụ 2022-2023")
    for kind, help_text, example in (("period", "kỳ báo cáo mới", "2024-2025"),
                                     ("province", "tỉnh mới", "dien-bien"),
                                     ("bulletin", "số bản tin mới", "2024-01")):
        parser = kinds.add_parser(kind, help=help_text)
        parser.add_argument("id", help=f"mã, ví dụ {example}")
    for parser in kinds.choices.values():
        parser.add_argument("--root", type=Path, default=Path.cwd())
