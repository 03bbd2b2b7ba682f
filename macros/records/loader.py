"""Load every record under data/: strict YAML, then the schema, with messages an editor can act on."""
from __future__ import annotations

import datetime as dt
import difflib
import re
import typing
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path, PurePath

from pydantic import BaseModel, ValidationError

from macros.records import ids
from macros.records import numbers
from macros.records.problems import Problem, problem
from macros.records.schema import KINDS, Record
from macros.records.yamlio import Document, Hazard, dotted, read_document


@dataclass
class Loaded:
    """One record and where it came from."""
    kind: str
    file: str
    doc: Document
    record: Record

    def problem(self, path: tuple, code: str, message: str, subjects: tuple = (),
                at_key: bool = False) -> Problem:
        """A problem at `path`: at its value, or at its key (unknown keys, `at_key`)."""
        at_key = at_key or code == "E201"
        line, col = self.doc.key_position(path) if at_key else self.doc.locate(path)[:2]
        return problem(self.file, line, col, code, dotted(path), message, subjects)


@dataclass
class LoadedSet:
    items: list[Loaded] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Files of a known kind that could not be loaded, as (kind, file): their ids still
    # count as existing, so one broken file does not cascade into errors in others.
    broken: list[tuple[str, str]] = field(default_factory=list)

    def of(self, kind: str) -> list[Loaded]:
        return [item for item in self.items if item.kind == kind]


def data_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "data").rglob("*") if p.is_file())


def load_all(root: Path) -> LoadedSet:
    """Read and schema-check every file under data/; never stops at the first problem."""
    result = LoadedSet()
    for path in data_files(root):
        rel = path.relative_to(root).as_posix()
        kind = kind_of(rel.removeprefix("data/"))
        if kind is None:
            result.problems.append(problem(rel, 1, 1, "E120", "", unknown_file_message(rel)))
            continue
        loaded, problems = load_file(path, rel, kind)
        result.problems.extend(problems)
        if loaded is not None:
            result.items.append(loaded)
        else:
            result.broken.append((kind, rel))
    return result


def kind_of(rel: str | PurePath) -> str | None:
    """The kind of record a file under data/ holds, from its place: 'reports/lao-cai/2024.yml'."""
    text = rel if isinstance(rel, str) else rel.as_posix()
    depth = text.count("/")
    for kind, (pattern, _model) in KINDS.items():
        # `*` stands for one file or folder name: the pattern and the path have as many levels.
        if depth == pattern.count("/") and fnmatchcase(text, pattern):
            return kind
    return None


def unknown_file_message(rel: str) -> str:
    hint = "; tệp dữ liệu phải có đuôi .yml" if rel.endswith(".yaml") else ""
    places = ", ".join(f"data/{pattern}" for pattern, _ in KINDS.values())
    return f"tệp không thuộc loại bản ghi nào (các vị trí hợp lệ: {places}){hint}"


def load_file(path: Path, rel: str, kind: str) -> tuple[Loaded | None, list[Problem]]:
    doc = read_document(path, rel)
    if doc.root is None:
        return None, doc.problems
    model = KINDS[kind][1]
    try:
        record = model.model_validate(doc.root.to_python())
    except ValidationError as exc:
        return None, doc.problems + schema_problems(exc, doc, model)
    if doc.problems:  # a refused value means the record cannot be trusted
        return None, doc.problems
    return Loaded(kind, rel, doc, record), []


def schema_problems(exc: ValidationError, doc: Document, model: type[BaseModel]) -> list[Problem]:
    problems = []
    errors = exc.errors()
    # A misspelt key ("perod") is reported once, as unknown with its suggestion,
    # not a second time as the required field it was meant to be.
    meant = {tuple(e["loc"][:-1]) + (suggest(str(e["loc"][-1]), known_keys(model, tuple(e["loc"][:-1]))),)
             for e in errors if e["type"] == "extra_forbidden"}
    for error in errors:
        if isinstance(error.get("input"), Hazard):
            continue  # the loader has already explained this value
        loc = tuple(error["loc"])
        if error["type"] == "missing" and loc in meant:
            continue
        if error["type"] == "extra_forbidden":
            line, col = doc.key_position(loc)
        else:
            line, col, _ = doc.locate(loc)
            loc = _field_loc(doc, loc, error["type"])
        problems.append(problem(doc.file, line, col, error_code(error["type"]),
                                dotted(loc), explain(error, model, doc.raw_at(loc))))
    return _merge_alternatives(problems)


def _field_loc(doc: Document, loc: tuple, kind: str) -> tuple:
    """Drop pydantic's union-member tags (`date`, `literal['unknown']`) that are not in the file."""
    if kind == "missing":
        return loc
    while len(loc) > 1 and not doc.locate(loc)[2] and doc.locate(loc[:-1])[2] and isinstance(loc[-1], str):
        loc = loc[:-1]
    return loc


def _merge_alternatives(problems: list[Problem]) -> list[Problem]:
    """One message per field where a value may take several forms: "cần A hoặc B, gặp C"."""
    merged: dict[tuple, Problem] = {}
    for item in problems:
        key = (item.line, item.column, item.path)
        first = merged.get(key)
        if first is None:
            merged[key] = item
        elif item.message != first.message:
            expected = [p.message.split(", gặp ")[0].removeprefix("cần ") for p in (first, item)]
            found = first.message.split(", gặp ", 1)[1] if ", gặp " in first.message else ""
            message = "cần " + " hoặc ".join(dict.fromkeys(expected)) + (f", gặp {found}" if found else "")
            merged[key] = replace(first, message=message)
    return list(merged.values())


def error_code(kind: str) -> str:
    if kind == "extra_forbidden":
        return "E201"
    if kind == "missing":
        return "E202"
    return "E203"


def describe(value) -> str:
    """How a found value is named in a message."""
    if isinstance(value, bool):
        return f"giá trị đúng/sai ({str(value).lower()})"
    if isinstance(value, int):
        return f"số nguyên {value}"
    if isinstance(value, float):
        return f"số thập phân {value}"
    if isinstance(value, dt.datetime):
        return f"ngày giờ {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"ngày {value.isoformat()}"
    if value is None:
        return "giá trị rỗng"
    if isinstance(value, dict):
        return "một bảng khóa: giá trị"
    if isinstance(value, list):
        return "một danh sách"
    return f"văn bản \"{value}\""


def _expected_form(regex: str | None) -> str:
    # The records' id patterns are named by the registry; the archive register's checksums
    # and commits (macros/archive/register.py) are not ids and keep the plain wording.
    pattern = ids.by_regex(regex)
    return pattern.expected if pattern else "giá trị đúng dạng"


def explain(error: dict, model: type[BaseModel], raw: str | None = None) -> str:
    """A Vietnamese message for one pydantic error: what was expected, what was found, a hint."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    loc = tuple(error["loc"])
    found = describe(value)
    if kind == "extra_forbidden":
        return unknown_key_message(str(loc[-1]), known_keys(model, loc[:-1]))
    if kind == "missing":
        return f"thiếu trường bắt buộc \"{loc[-1]}\""
    if value is None:  # `key:` with nothing after it, as a scaffolded file has until it is filled
        return "chưa điền giá trị" + ("; danh sách rỗng viết là []" if kind == "list_type" else "")
    if kind == "string_type":
        hint = ""
        if isinstance(value, (dt.date, int, float, bool)):
            hint = "; YAML đã đọc giá trị này thành kiểu khác, hãy đặt nó trong ngoặc kép"
        return f"cần văn bản, gặp {found}{hint}"
    if kind in ("int_type", "int_from_float", "float_type", "int_parsing", "float_parsing"):
        return number_message(kind, value, found, raw)
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return f"cần một ngày dạng NNNN-TT-NN (ví dụ 2024-01-01), gặp {found}"
    if kind == "bool_type":
        return f"cần true hoặc false, gặp {found}"
    if kind == "string_pattern_mismatch":
        return f"cần {_expected_form(ctx.get('pattern'))}, gặp {found}"
    if kind == "string_too_short":
        return "không được để trống"
    if kind in ("enum", "literal_error"):
        # pydantic writes the choices in English ("'a', 'b' or 'c'"): list them plainly.
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", ""))) or [str(ctx.get("expected"))]
        if len(options) == 1:
            return f"cần giá trị {options[0]}, gặp {found}"
        return f"cần một trong các giá trị {', '.join(options)}, gặp {found}"
    if kind in ("greater_than_equal", "less_than_equal"):
        sign = "≥" if kind == "greater_than_equal" else "≤"
        bound = ctx.get("ge", ctx.get("le"))
        return f"cần số {sign} {bound}, gặp {found}"
    if kind == "list_type":
        return f"cần một danh sách (mỗi mục bắt đầu bằng \"- \"), gặp {found}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"cần một bảng khóa: giá trị, gặp {found}"
    return f"giá trị không hợp lệ ({error['msg']}), gặp {found}"


def number_message(kind: str, value, found: str, raw: str | None = None) -> str:
    integer = kind.startswith("int")
    expected = "số nguyên" if integer else "một số"
    return f"cần {expected}, gặp {found}{number_hint(value, raw, integer)}"


def number_hint(value, raw: str | None, integer: bool) -> str:
    """A hint for a number written the Vietnamese or English way: 174.582, "7,320", "45,5",
    "2 500", "45%" (macros/records/numbers.py).

    `raw` is the text in the file (a float loses it: 7.320 is read as 7.32)."""
    text = (raw if raw is not None else value if isinstance(value, str) else "").strip()
    written = numbers.written_as(text) if text else None
    readings = numbers.two_readings(text) if text else None
    if readings is not None and not integer:  # a percentage: 2,500 % can only be 2.5 %
        if readings.separator == ".":
            return "; số liệu viết không có ngoặc kép, hãy bỏ ngoặc kép"
        return f"; phần thập phân viết bằng dấu chấm, hãy viết {readings.decimal}"
    if written is not None and written.number != text:
        return f"; {written.change}, hãy viết {written.number}"
    if not isinstance(value, str):
        return ""
    if written is not None:
        return f"; {written.change}"
    if any(c in text for c in ",.") and re.search(r"[0-9]", text):
        return ("; viết số không có dấu phân cách hàng nghìn, "
                "và dùng dấu chấm cho phần thập phân (45.0)")
    return ""


def suggest(key: str, known: list[str]) -> str | None:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_key_message(key: str, known: list[str]) -> str:
    close = suggest(key, known)
    hint = f"; có phải ý bạn là \"{close}\"?" if close else (
        f"; các khóa hợp lệ: {', '.join(sorted(known))}" if known else "")
    return f"khóa không hợp lệ \"{key}\"{hint}"


def known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the model found at `loc` (list indexes and dict keys skipped)."""
    current = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field_info = current.model_fields.get(part)
        current = _model_in(field_info.annotation) if field_info else None
    return list(current.model_fields) if current else []


def _model_in(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
