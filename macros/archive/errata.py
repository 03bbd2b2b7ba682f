"""Errata, figure by figure: what an archived issue published may change only where an erratum
names the change (file, path, published_value, corrected_value).

The register keeps one SHA-256 per file of what the issue published (macros/archive/register.py).
A file whose published part changed is checked by putting back, at each corrected path, the
value as published: the digest must then be the registered one. So every other change is
refused, and the erratum's "published" values are proven to be what was archived.

Where the change is, when a digest differs: the file as archived is read from git
(`git show <commit>:./<file>`), both published parts are compared, and each difference is
reported at its own line (E501), or at the erratum when it is a corrected value whose
"published_value" is not what the archive holds (E512). Without the commit (a shallow clone, an
exported tree) the problem is reported at the file's `source` line, as a whole.
"""
from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from macros.records.loader import Loaded
from macros.records.problems import Problem
from macros.records.schema import Correction, Erratum
from macros.records.yamlio import read_document

MISSING = object()


def parts_of(path: str) -> tuple:
    """'figures.phuong-tien-do-kiem-dinh' -> ('figures', 'phuong-tien-do-kiem-dinh');
    'articles.0.title' -> ('articles', 0, 'title')."""
    return tuple(int(part) if part.isdigit() else part for part in path.split("."))


def shown(value) -> str:
    """A value as YAML writes it: 11442, 2.5, true, "text"."""
    if value is MISSING:
        return "(không có)"
    return json.dumps(value, ensure_ascii=False, default=str)


def bare(value):
    """A figure {value: 656} (as a published part holds it) shown by its value alone."""
    if isinstance(value, dict) and set(value) <= {"value", "status", "note"} and "value" in value and len(value) == 1:
        return value["value"]
    return value


def same(a, b) -> bool:
    """Equal values of the same kind: true is not 1, 2.5 is 2.50."""
    return (type(a) is bool) == (type(b) is bool) and a == b


def value_at(data, parts: tuple, like=None):
    """The value at a path of a file's data, MISSING when there is none; a figure written as
    a mapping gives its value when compared with a bare value (`like`)."""
    node = data
    for part in parts:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return MISSING
    if isinstance(node, dict) and "value" in node and not isinstance(like, dict):
        return node["value"]
    return node


def with_value(data, parts: tuple, value):
    """A copy of a file's data with `value` at the path (a figure's value, when the figure is
    written as a mapping and the value is bare)."""
    data = copy.deepcopy(data)
    node = data
    for part in parts[:-1]:
        node = node[part]
    target = node[parts[-1]]
    if isinstance(target, dict) and "value" in target and not isinstance(value, dict):
        target["value"] = value
    else:
        node[parts[-1]] = value
    return data


def reloaded(item: Loaded, data) -> Loaded | None:
    """The record of `item` made from other data (None when that data is not a valid record)."""
    try:
        return Loaded(item.kind, item.file, item.doc, type(item.record).model_validate(data))
    except ValidationError:
        return None


def digest(part) -> str:
    return hashlib.sha256(json.dumps(part, sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Fix:
    """One correction of an erratum, where it is written (for messages)."""
    erratum: Erratum
    item: Loaded  # the erratum's file
    index: int
    correction: Correction

    @property
    def parts(self) -> tuple:
        return parts_of(self.correction.path)

    def problem(self, key: str, code: str, message: str) -> Problem:
        return self.item.problem(("corrections", self.index, key), code, message)


@dataclass
class Fixes:
    """The corrections of an issue's errata, by file: those that hold, and every corrected path."""
    valid: dict[str, list[Fix]] = field(default_factory=dict)
    paths: dict[str, set[tuple]] = field(default_factory=dict)

    def add(self, fix: Fix, ok: bool) -> None:
        self.paths.setdefault(fix.correction.file, set()).add(fix.parts)
        if ok:
            self.valid.setdefault(fix.correction.file, []).append(fix)


def correction_problems(fix: Fix, target: Loaded, issue: str, published_part) -> list[Problem]:
    """A correction names a place of the file that the issue published, holding the corrected
    value now, and changes something."""
    correction = fix.correction
    data = target.doc.root.to_python()
    now = value_at(data, fix.parts, correction.corrected_value)
    if now is MISSING:
        return [fix.problem("path", "E513", f"không có {correction.path} trong {correction.file}; path là các khóa "
                            "nối bằng dấu chấm, ví dụ figures.<mã chỉ số> cho một số liệu")]
    if same(correction.published_value, correction.corrected_value):
        return [fix.problem("corrected_value", "E512", f"giá trị đã công bố và giá trị đính chính giống nhau "
                            f"({shown(correction.corrected_value)}): một đính chính sửa một giá trị")]
    if not same(now, correction.corrected_value):
        return [fix.problem("corrected_value", "E512", f"đính chính ghi giá trị đúng là {shown(correction.corrected_value)}, "
                            f"nhưng {correction.file} ghi {shown(now)} ở {correction.path}; sửa tệp dữ liệu "
                            "hoặc sửa đính chính cho khớp")]
    before = reloaded(target, with_value(data, fix.parts, correction.published_value))
    if before is not None and published_part(before, issue) == published_part(target, issue):
        return [fix.problem("path", "E513", f"{correction.path} trong {correction.file} không thuộc phần bản tin "
                            f"{issue} đã công bố (số liệu này dẫn nguồn khác); đính chính chỉ sửa điều số "
                            "bản tin đó đã công bố")]
    return []


def as_published(target: Loaded, fixes: list[Fix]) -> Loaded | None:
    """The file with every corrected value put back as published."""
    data = target.doc.root.to_python()
    for fix in fixes:
        data = with_value(data, fix.parts, fix.correction.published_value)
    return reloaded(target, data)


_ARCHIVED: dict[tuple, Loaded | None] = {}


def archived_item(root: Path, commit: str, item: Loaded) -> Loaded | None:
    """The file as it was at the archived commit, read from git; None without it."""
    key = (str(root), commit, item.file)
    if key not in _ARCHIVED:
        found = _read_archived(root, commit, item)
        if found is None:
            return None  # not kept: the commit may be fetched later (`mkdocs serve` goes on)
        _ARCHIVED[key] = found
    return _ARCHIVED[key]


def _read_archived(root: Path, commit: str, item: Loaded) -> Loaded | None:
    try:
        result = subprocess.run(["git", "-C", str(root), "show", f"{commit}:./{item.file}"],
                                capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    with tempfile.TemporaryDirectory(prefix="khcn-archived-") as temp:
        path = Path(temp) / "record.yml"
        path.write_bytes(result.stdout)
        doc = read_document(path, item.file)
    if doc.root is None or doc.problems:
        return None
    return reloaded(Loaded(item.kind, item.file, doc, item.record), doc.root.to_python())


def differences(old, new, path: tuple = ()) -> list[tuple]:
    """(path, old, new) of each leaf that differs between two published parts."""
    if isinstance(old, dict) and isinstance(new, dict):
        found = []
        for key in list(old) + [k for k in new if k not in old]:
            found += differences(old.get(key, MISSING), new.get(key, MISSING), path + (key,))
        return found
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [d for i, (a, b) in enumerate(zip(old, new)) for d in differences(a, b, path + (i,))]
    return [] if same(old, new) else [(path, old, new)]


def place(kind: str, part_path: tuple) -> tuple | None:
    """Where a difference of a published part is in the file (the path an erratum names);
    None when the part's shape does not say (a province's or conference's entries)."""
    if kind in ("report", "totals"):
        if part_path[:1] == ("figures",) and len(part_path) >= 2:
            key = part_path[1]
            return ("figures", key) if part_path[2:] in ((), ("value",)) else ("figures", key, *part_path[2:])
        if part_path[:1] == ("file",):
            return part_path[1:]
        return None
    if kind == "bulletin":
        return part_path
    return None
