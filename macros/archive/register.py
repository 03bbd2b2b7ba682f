"""The archive register and the immutability of archived issues.

archive/register.yml lists every bulletin issue archived as a snapshot: its date, the day it
was archived, the commit it was built from, the Python and zlib that built it, the package
checksum, and one SHA-256 per record file the issue published. Once an issue is registered,
`validate` refuses a change to what it published unless an erratum (data/errata/*.yml) names
the changed figure. See README.md, section "Lưu trữ / Archive".

The register is append-only: every earlier byte stays. A fact an entry was written without
(the register learnt to record it later) is added by an amendment entry further down
(`amends: "2023-04"`), which may add a field the entry lacks and never change one it has.
"""
from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationError

from macros.archive import errata

from macros.records.loader import Loaded, LoadedSet, schema_problems
from macros.records.problems import Problem, problem
from macros.records.model import Records
from macros.records.schema import BulletinId, Erratum, Record, Text
from macros.records.yamlio import read_document

REGISTER = "archive/register.yml"

REGISTER_HEADER = """\
# Sổ lưu trữ: mỗi số bản tin được lưu trữ đúng một lần; các mục không bao giờ được sửa hay xóa.
# Chỉ ghi bằng lệnh `python -m macros archive NNNN-SS` (hoặc `make archive ISSUE=NNNN-SS`).
# Sửa số liệu của một số đã lưu trữ: thêm đính chính trong data/errata/. Xem README.md, mục "Lưu trữ / Archive".
# Mục "amends:" ghi thêm điều mà mục của một số phía trên chưa ghi (python -m macros amend-register NNNN-SS).
snapshots:
"""

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$"),
                   Field(description="Mã băm SHA-256, 64 chữ số hex viết thường")]


PythonVersion = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]+ \d+\.\d+\.\d+\S*$"),
                          Field(description="Python đã dựng gói, như data/environment/python.txt ghi, "
                                            "ví dụ \"CPython 3.11.7\"")]
ZlibVersion = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)+\S*$"),
                        Field(description="Phiên bản zlib mà Python đó dùng để nén (.gz và tệp gói)")]
# What an amendment may add to an entry written before the register recorded it.
AMENDABLE = ("archived", "python", "zlib")


class ArchivedIssue(Record):
    id: BulletinId
    date: dt.date = Field(description="Ngày phát hành bản tin (SOURCE_DATE_EPOCH của bản lưu trữ)")
    archived: dt.date | None = Field(None, description="Ngày số bản tin được lưu trữ (lệnh archive chạy)")
    commit: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{40}$")] = Field(
        description="Commit git mà bản lưu trữ được dựng từ đó")
    package: Text = Field(description="Tên tệp gói lưu trữ (.tar.gz)")
    sha256: Sha256 = Field(description="SHA-256 của tệp gói lưu trữ")
    tagmanifest_sha256: Sha256 = Field(description="SHA-256 của tagmanifest-sha256.txt trong túi BagIt")
    python: PythonVersion | None = None
    zlib: ZlibVersion | None = None
    records: dict[str, Sha256] = Field(description="Tệp dữ liệu mà số bản tin đã công bố: SHA-256 phần đã công bố")


class Amendment(Record):
    """Facts about an entry above, added after it was written (the entry itself never changes)."""
    amends: BulletinId = Field(description="Số bản tin mà mục bổ sung này bổ sung (đã ghi ở trên)")
    recorded: dt.date = Field(description="Ngày ghi mục bổ sung")
    archived: dt.date | None = Field(None, description="Ngày số bản tin được lưu trữ")
    python: PythonVersion | None = None
    zlib: ZlibVersion | None = None
    evidence: Text = Field(description="Căn cứ của các điều được bổ sung")


class Register(Record):
    snapshots: list[ArchivedIssue]  # as written
    amendments: list[Amendment] = []

    def entry(self, issue: str) -> ArchivedIssue | None:
        """An issue's entry with what its amendments add."""
        entry = next((e for e in self.snapshots if e.id == issue), None)
        if entry is None:
            return None
        added = {}
        for amendment in self.amendments:
            if amendment.amends == issue:
                added.update({name: getattr(amendment, name) for name in AMENDABLE
                              if getattr(amendment, name) is not None and name not in added})
        return entry.model_copy(update={k: v for k, v in added.items() if getattr(entry, k) is None})

    def entries(self) -> list[ArchivedIssue]:
        return [self.entry(e.id) for e in self.snapshots]


def package_name(issue: str) -> str:
    """The name of an issue's bag (and, with .tar.gz, of its package)."""
    return f"khcn-ban-tin-{issue}"


# -- what an issue published ------------------------------------------------------------------

def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _dump(record: Record, **options) -> dict:
    # Defaults left out: a new optional field, or writing a default out, changes no digest.
    return record.model_dump(mode="json", exclude_defaults=True, **options)


def _figure(raw) -> dict:
    """A figure as published: value, status and note, whether written bare or as a mapping."""
    detail = dict(raw) if isinstance(raw, dict) else {"value": raw}
    detail.pop("source", None)
    if detail.get("status") == "exact":
        del detail["status"]
    return {key: value for key, value in detail.items() if value is not None}


def _figures_part(record, issue: str):
    """Of a report or totals file: the figures whose source is the issue, with the file's
    own fields when the whole file cites it."""
    figures = {key: _figure(raw) for key, raw in record.figures.items()
               if ((raw.get("source") if isinstance(raw, dict) else None) or record.source) == issue}
    head = _dump(record, exclude={"figures"}) if record.source == issue else None
    if not figures and head is None:
        return None
    return {"file": head, "figures": figures}


def _entries_citing(data, issue: str):
    """The mapping itself when its `source` is the issue, else its nested entries that are."""
    if isinstance(data, dict) and data.get("source") == issue:
        return data
    found = []
    children = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    for child in children:
        part = _entries_citing(child, issue)
        if part is not None:
            found.extend(part if isinstance(part, list) else [part])
    return sorted(found, key=_canonical) or None


def published_part(item: Loaded, issue: str):
    """What a record file published in the issue: None when it cites the issue nowhere.

    The bulletin file whole; of a report or totals file, the figures taken from the issue;
    of a conference or province file, the entries whose `source` is the issue. Editorial
    records (bloc, catalogue, periods, documents, errata) publish nothing themselves."""
    record = item.record
    if item.kind == "bulletin":
        return _dump(record) if record.id == issue else None
    if item.kind in ("report", "totals"):
        return _figures_part(record, issue)
    if item.kind in ("conference", "province"):
        entries = _entries_citing(_dump(record), issue)
        # With the file: two provinces publishing the same entry still differ.
        return None if entries is None else {"record": item.file, "published": entries}
    return None


def published_digests(loaded: LoadedSet, issue: str) -> dict[str, str]:
    """File -> SHA-256 of the part it published in the issue, for every file that did."""
    digests = {}
    for item in sorted(loaded.items, key=lambda i: i.file):
        part = published_part(item, issue)
        if part is not None:
            digests[item.file] = hashlib.sha256(_canonical(part).encode("utf-8")).hexdigest()
    return digests


# -- the register -----------------------------------------------------------------------------

@dataclass
class RegisterFile:
    """The register as read, with where each entry sits (for messages) and its problems."""
    register: Register
    doc: object = None  # yamlio.Document, None when the file does not exist
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: tuple) -> tuple[int, int]:
        return self.doc.key_position(path) if self.doc is not None else (1, 1)


def read_register(root: Path) -> RegisterFile:
    """archive/register.yml, strictly read and checked; an absent file is an empty register."""
    return read_register_file(root / REGISTER)


def read_register_file(path: Path) -> RegisterFile:
    """A register file at any path (a new register is read back before it replaces the old)."""
    empty = Register(snapshots=[])
    if not path.exists():
        return RegisterFile(empty)
    doc = read_document(path, REGISTER)
    if doc.root is None or doc.problems:
        return RegisterFile(empty, doc, doc.problems)
    data = doc.root.to_python()
    if isinstance(data, dict) and data.get("snapshots") is None:
        data = {**data, "snapshots": []}  # "snapshots:" with no entry yet
    try:
        _RegisterShape.model_validate(data)
    except ValidationError as exc:
        return RegisterFile(empty, doc, schema_problems(exc, doc, Register))
    snapshots, amendments, problems = [], [], []
    for i, raw in enumerate(data["snapshots"]):
        kind = _AmendmentAt if isinstance(raw, dict) and "amends" in raw else _SnapshotAt
        try:
            item = kind.model_validate({"snapshots": [raw]}).snapshots[0]
        except ValidationError as exc:
            problems += schema_problems(_Shifted(exc, i), doc, kind)
            continue
        (amendments if kind is _AmendmentAt else snapshots).append((i, item))
    if problems:
        return RegisterFile(empty, doc, problems)
    register = Register(snapshots=[e for _, e in snapshots], amendments=[a for _, a in amendments])
    found = RegisterFile(register, doc)
    found.problems += _duplicate_problems(found, snapshots) + _amendment_problems(found, snapshots, amendments)
    return found


class _RegisterShape(Record):
    snapshots: list[dict]


class _SnapshotAt(Record):
    snapshots: list[ArchivedIssue]


class _AmendmentAt(Record):
    snapshots: list[Amendment]


class _Shifted:
    """A ValidationError of one entry, validated alone, placed at its index in the register."""

    def __init__(self, exc: ValidationError, index: int):
        self.exc, self.index = exc, index

    def errors(self) -> list[dict]:
        return [{**e, "loc": ("snapshots", self.index, *e["loc"][2:])} for e in self.exc.errors()]


def _duplicate_problems(found: RegisterFile, snapshots: list) -> list[Problem]:
    problems, seen = [], set()
    for i, entry in snapshots:
        if entry.id in seen:
            line, col = found.position(("snapshots", i, "id"))
            problems.append(problem(REGISTER, line, col, "E507", f"snapshots[{i}].id",
                                    f"bản tin \"{entry.id}\" được ghi hai lần trong sổ lưu trữ; "
                                    "mỗi số bản tin chỉ được lưu trữ một lần"))
        seen.add(entry.id)
    return problems


def _amendment_problems(found: RegisterFile, snapshots: list, amendments: list) -> list[Problem]:
    """An amendment follows the entry it amends and adds only what is not recorded yet."""
    problems = []
    known: dict[str, dict] = {}  # issue -> field -> (value, where it was recorded)
    events = sorted([(i, "entry", e) for i, e in snapshots] + [(i, "amendment", a) for i, a in amendments],
                    key=lambda event: event[0])
    for i, kind, item in events:
        if kind == "entry":
            known.setdefault(item.id, {name: getattr(item, name) for name in AMENDABLE
                                       if getattr(item, name) is not None})
            continue
        if item.amends not in known:
            line, col = found.position(("snapshots", i, "amends"))
            problems.append(problem(REGISTER, line, col, "E508", f"snapshots[{i}].amends",
                                    f"mục bổ sung cho bản tin \"{item.amends}\" nhưng phía trên không có mục "
                                    f"nào của bản tin đó; một mục bổ sung chỉ đứng sau mục nó bổ sung"))
            continue
        added = [name for name in AMENDABLE if getattr(item, name) is not None]
        if not added:
            line, col = found.position(("snapshots", i, "amends"))
            problems.append(problem(REGISTER, line, col, "E509", f"snapshots[{i}]",
                                    f"mục bổ sung cho bản tin {item.amends} không thêm điều gì; "
                                    f"cần ít nhất một trong {', '.join(AMENDABLE)}"))
        for name in added:
            if name in known[item.amends]:
                line, col = found.position(("snapshots", i, name))
                problems.append(problem(REGISTER, line, col, "E509", f"snapshots[{i}].{name}",
                                        f"sổ lưu trữ đã ghi {name} của bản tin {item.amends} "
                                        f"({known[item.amends][name]}); sổ chỉ được ghi thêm, không sửa "
                                        "điều đã ghi: bỏ trường này khỏi mục bổ sung"))
            else:
                known[item.amends][name] = getattr(item, name)
    return problems


def entry_text(entry: ArchivedIssue) -> str:
    """One register entry as YAML, every string quoted (a hex digest must stay a string)."""
    lines = [f'  - id: "{entry.id}"', f"    date: {entry.date.isoformat()}"]
    if entry.archived is not None:
        lines.append(f"    archived: {entry.archived.isoformat()}")
    lines += [f'    commit: "{entry.commit}"', f'    package: "{entry.package}"',
              f'    sha256: "{entry.sha256}"', f'    tagmanifest_sha256: "{entry.tagmanifest_sha256}"']
    lines += [f'    {name}: "{getattr(entry, name)}"' for name in ("python", "zlib") if getattr(entry, name)]
    lines.append("    records:")
    lines += [f'      "{file}": "{digest}"' for file, digest in sorted(entry.records.items())]
    return "\n".join(lines) + "\n"


def amendment_text(amendment: Amendment) -> str:
    """An amendment entry as YAML (its evidence as one quoted line)."""
    lines = [f'  - amends: "{amendment.amends}"', f"    recorded: {amendment.recorded.isoformat()}"]
    if amendment.archived is not None:
        lines.append(f"    archived: {amendment.archived.isoformat()}")
    lines += [f'    {name}: "{getattr(amendment, name)}"' for name in ("python", "zlib") if getattr(amendment, name)]
    lines.append(f"    evidence: {json.dumps(amendment.evidence, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


class AlreadyArchived(Exception):
    """An issue can be archived once; corrections are errata."""


def append_entry(root: Path, entry: ArchivedIssue) -> Path:
    """Add an entry at the end of the register, leaving every earlier byte as it was.

    Refuses (AlreadyArchived) when the issue is registered, and writes nothing when the
    register has a problem or the result would not read back as the same entries plus one."""
    current = _readable(root)
    if any(e.id == entry.id for e in current.register.snapshots):
        raise AlreadyArchived(entry.id)
    expected = current.register.model_copy(update={"snapshots": current.register.snapshots + [entry]})
    return _append(root, entry_text(entry), current, expected)


def append_amendment(root: Path, amendment: Amendment) -> Path:
    """Add an amendment at the end of the register, leaving every earlier byte as it was;
    refused (ValueError) when it would change a fact already recorded or amend nothing."""
    current = _readable(root)
    expected = current.register.model_copy(update={"amendments": current.register.amendments + [amendment]})
    return _append(root, amendment_text(amendment), current, expected)


def _readable(root: Path) -> RegisterFile:
    current = read_register(root)
    if current.problems:
        raise ValueError("\n".join(p.format_text() for p in current.problems))
    return current


def _append(root: Path, text: str, current: RegisterFile, expected: Register) -> Path:
    path = root / REGISTER
    before = path.read_text(encoding="utf-8") if path.exists() else REGISTER_HEADER
    after_text = before + ("" if before.endswith("\n") else "\n") + text
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(after_text, encoding="utf-8")
    after = read_register_file(temp)
    if after.problems or after.register != expected:
        temp.unlink()
        detail = "\n".join(p.format_text() for p in after.problems)
        raise ValueError(f"không ghi được {REGISTER}: nội dung sau khi thêm không đọc lại đúng"
                         + (f":\n{detail}" if detail else ""))
    os.replace(temp, path)
    return path


# -- what the site knows of the archive -------------------------------------------------------

@dataclass(frozen=True)
class FigureCorrection:
    """A figure an erratum corrected: the value as the issue published it, and as corrected."""
    erratum: Erratum
    issue: str
    published: object  # a bare value, or a figure mapping {value, status, note}
    corrected: object


@dataclass
class Archive:
    """Registered snapshots and published errata, attached to the records as `records.archive`."""
    snapshots: dict[str, ArchivedIssue] = field(default_factory=dict)
    errata: list[Erratum] = field(default_factory=list)  # by date, then id
    erratum_files: dict[str, str] = field(default_factory=dict)  # erratum id -> its file
    # (period, province or None for the bloc, indicator) -> the erratum's correction of that figure
    figure_corrections: dict[tuple, FigureCorrection] = field(default_factory=dict)

    def snapshot(self, issue: str) -> ArchivedIssue | None:
        return self.snapshots.get(issue)

    def errata_of(self, issue: str) -> list[Erratum]:
        return [erratum for erratum in self.errata if erratum.issue == issue]

    def citation(self, bulletin, url: str | None = None):
        """How to cite an issue (used by the "Trích dẫn" block of the bulletin page); `url`
        is the page's address when the site's is known."""
        from macros.archive.citation import bulletin_citation
        return bulletin_citation(bulletin, self.snapshot(bulletin.id), url)


def attach_archive(root: Path, loaded: LoadedSet, records: Records | None) -> list[Problem]:
    """Read the register and the errata into `records.archive`; return what does not hold:
    an archived issue's published records changed where no erratum names the change, an
    erratum that is wrong."""
    if records is None:
        return []
    found = read_register(root)
    items = sorted(loaded.of("erratum"), key=lambda i: (i.record.date, i.record.id))
    records.archive = Archive({entry.id: entry for entry in found.register.entries()},
                              [item.record for item in items],
                              {item.record.id: item.file for item in items})
    published = _PublishedIndex(loaded, found.register)
    problems = list(found.problems)
    fixes: dict[str, errata.Fixes] = {}
    for item in items:
        problems += erratum_problems(item, records, published, fixes.setdefault(item.record.issue, errata.Fixes()))
    problems += immutability_problems(root, found, loaded, records.archive, published, fixes)
    records.archive.figure_corrections = figure_corrections(loaded, fixes)
    return problems


class _PublishedIndex:
    """Published digests per issue, computed once per validation."""

    def __init__(self, loaded: LoadedSet, register: Register):
        self.loaded = loaded
        self.items = {item.file: item for item in loaded.items}
        self.registered = {entry.id: entry for entry in register.snapshots}
        self._now: dict[str, dict[str, str]] = {}

    def now(self, issue: str) -> dict[str, str]:
        if issue not in self._now:
            self._now[issue] = published_digests(self.loaded, issue)
        return self._now[issue]

    def files(self, issue: str) -> set[str]:
        """Files the issue published: when archived, or now."""
        entry = self.registered.get(issue)
        return set(self.now(issue)) | (set(entry.records) if entry else set())


def _erratum_hint(issue: str, file: str) -> str:
    return "hoặc " + _erratum_steps(issue, file)


def _erratum_steps(issue: str, file: str) -> str:
    return (f"công bố một đính chính: tạo tệp data/errata/{issue}-<mã>.yml với issue: \"{issue}\", "
            f"date, corrections (mỗi chỗ sửa: file: {file}, path, published_value, corrected_value), what (sửa gì) "
            "và why (vì sao sửa)")


def _citing_path(node, issue: str, path: tuple = ()) -> tuple | None:
    """Path of the first `source: <issue>` in a file (where a message points)."""
    if node is None or node.kind == "scalar":
        return None
    entries = node.value.items() if node.kind == "map" else enumerate(node.value)
    for key, child in entries:
        value = child.value if node.kind == "map" else child
        if key == "source" and value.kind == "scalar" and value.value == issue:
            return path + (key,)
        found = _citing_path(value, issue, path + (key,))
        if found:
            return found
    return None


def _record_problem(item: Loaded, issue: str, code: str, message: str) -> Problem:
    path = ("id",) if item.kind == "bulletin" else _citing_path(item.doc.root, issue) or ()
    return item.problem(path, code, message)


def immutability_problems(root: Path, found: RegisterFile, loaded: LoadedSet, archive: Archive,
                          published: _PublishedIndex, fixes: dict[str, "errata.Fixes"]) -> list[Problem]:
    """Every registered issue's published records as they were archived, but where an erratum
    names a corrected value."""
    problems = []
    items = published.items
    broken = {file for _kind, file in loaded.broken}  # reported by the loader already
    for i, entry in enumerate(found.register.snapshots):
        issue_fixes = fixes.get(entry.id, errata.Fixes())
        now = published.now(entry.id)
        where = f"commit {entry.commit[:12]}"
        for file, registered in sorted(entry.records.items()):
            if file in broken:
                continue
            if file not in items:
                line, col = found.position(("snapshots", i, "records", file))
                problems.append(problem(REGISTER, line, col, "E502", f"snapshots[{i}].records",
                    f"tệp {file} đã công bố trong bản tin {entry.id} (đã lưu trữ, {where}) không còn "
                    f"trong dữ liệu; hãy khôi phục tệp (git checkout {entry.commit[:12]} -- {file})"))
                continue
            valid = issue_fixes.valid.get(file, [])
            if not valid and file not in issue_fixes.paths and now.get(file) == registered:
                continue
            restored = errata.as_published(items[file], valid) if valid else items[file]
            part = published_part(restored, entry.id) if restored is not None else None
            if part is not None and errata.digest(part) == registered:
                continue
            problems += changed_problems(root, entry, items[file], part, issue_fixes)
        named = {file for erratum in archive.errata_of(entry.id) for file in erratum.files}
        for file in sorted(set(now) - set(entry.records) - named):
            problems.append(_record_problem(items[file], entry.id, "E503",
                f"bản tin {entry.id} đã phát hành và được lưu trữ ({where}) mà không có bản ghi này, "
                "nên không thể thêm bản ghi mới dẫn nguồn số đó. Số liệu của một số bản tin mới: tạo "
                "số đó trước (python -m macros new bulletin NNNN-SS), rồi ghi mã số mới vào source. "
                f"Số liệu mà chính số {entry.id} đã đăng nhưng bị bỏ sót: "
                + _erratum_steps(entry.id, file)))
    return problems


def changed_problems(root: Path, entry: ArchivedIssue, item: Loaded, part, fixes: "errata.Fixes") -> list[Problem]:
    """Each change of what a file published, at its own line (E501), or at the erratum whose
    published_value is not the archived one (E512); the file as a whole when the
    archived file cannot be read from git."""
    where = f"commit {entry.commit[:12]}"
    old = errata.archived_item(root, entry.commit, item)
    changes = errata.differences(published_part(old, entry.id), part) if old is not None and part is not None else []
    places = [(errata.place(item.kind, path), before, after) for path, before, after in changes]
    if not changes or any(at is None for at, _before, _after in places):
        located = "" if old is not None else f" (không đọc được tệp tại {where} từ git để chỉ ra chỗ sửa)"
        return [_record_problem(item, entry.id, "E501",
                f"phần bản ghi đã công bố trong bản tin {entry.id} (đã lưu trữ, {where}) bị thay đổi mà "
                f"không có đính chính{located}; hãy hoàn lại thay đổi (xem git diff {entry.commit[:12]} -- "
                f"{item.file}), {_erratum_hint(entry.id, item.file)}")]
    problems = []
    for at, before, after in places:
        fix = next((f for f in fixes.valid.get(item.file, []) if f.parts == at[:len(f.parts)]), None)
        if fix is not None:
            problems.append(fix.problem("published_value", "E512",
                f"bản tin {entry.id} đã công bố {fix.correction.path} là {errata.shown(before)} (bản lưu "
                f"trữ, {where}), không phải {errata.shown(fix.correction.published_value)}; ghi đúng giá trị đã "
                "công bố"))
        elif any(p == at[:len(p)] for p in fixes.paths.get(item.file, ())):
            continue  # its erratum's correction is wrong, and says so
        else:
            problems.append(item.problem(at, "E501", _changed_message(entry, item.file, at, before, after)))
    return problems


def _changed_message(entry: ArchivedIssue, file: str, at: tuple, before, after) -> str:
    """One published value changed (or removed), and how to undo it or publish its erratum."""
    short, path = entry.commit[:12], ".".join(str(p) for p in at)
    before, after = errata.bare(before), errata.bare(after)
    head = (f"{path} đã công bố trong bản tin {entry.id} (đã lưu trữ, commit {short}) là "
            f"{errata.shown(before)}, ")
    if after is errata.MISSING:
        return head + f"nay bị xoá mà không có đính chính; hãy khôi phục (git diff {short} -- {file})"
    return (head + f"nay là {errata.shown(after)}, mà không có đính chính nêu chỗ này; hãy hoàn lại "
            f"(git diff {short} -- {file}), hoặc thêm vào corrections của một đính chính: {{file: {file}, "
            f"path: {path}, published_value: {errata.shown(before)}, corrected_value: {errata.shown(after)}}}")


def erratum_problems(item: Loaded, records: Records, published: _PublishedIndex,
                     fixes: "errata.Fixes") -> list[Problem]:
    """An erratum names an existing issue, a date after it, and for each correction a place
    of a file that issue published, with the value the file now holds."""
    erratum = item.record
    problems = []
    stem = PurePosixPath(item.file).stem
    if stem != erratum.id:
        problems.append(item.problem(("id",), "E312", f"tên tệp \"{stem}.yml\" phải trùng với mã "
                                     f"\"{erratum.id}\"; hãy đổi tên tệp thành {erratum.id}.yml"))
    bulletin = records.bulletins.get(erratum.issue)
    if bulletin is None:
        close = difflib.get_close_matches(erratum.issue, list(records.bulletins), n=1, cutoff=0.6)
        hint = f"; có phải ý bạn là \"{close[0]}\"?" if close else ""
        return problems + [item.problem(("issue",), "E302",
                                        f"không tìm thấy bản tin \"{erratum.issue}\"{hint}")]
    if erratum.date < bulletin.date:
        problems.append(item.problem(("date",), "E304", f"ngày đính chính {erratum.date:%d/%m/%Y} đứng "
                                     f"trước ngày phát hành bản tin {bulletin.date:%d/%m/%Y}"))
    if not erratum.corrections:
        problems.append(item.problem(("corrections",), "E510", "cần ít nhất một chỗ sửa trong corrections: "
                                     "file, path, published_value (giá trị đã công bố) và corrected_value (giá trị đúng), "
                                     "ví dụ file: data/reports/lao-cai/2022-2023.yml, "
                                     "path: figures.phuong-tien-do-kiem-dinh"))
    files = published.files(erratum.issue)
    for i, correction in enumerate(erratum.corrections):
        fix = errata.Fix(erratum, item, i, correction)
        if correction.file not in files:
            listed = ", ".join(sorted(files)) or "không có tệp nào"
            problems.append(fix.problem("file", "E511",
                f"tệp \"{correction.file}\" không phải bản ghi mà bản tin {erratum.issue} đã công bố "
                f"(các tệp đã công bố: {listed})"))
            continue
        target = published.items.get(correction.file)
        found = errata.correction_problems(fix, target, erratum.issue, published_part) if target else []
        problems += found
        fixes.add(fix, ok=target is not None and not found)
    return problems


def figure_corrections(loaded: LoadedSet, fixes: dict[str, "errata.Fixes"]) -> dict[tuple, FigureCorrection]:
    """The figures corrected by errata, by (period, province or None, indicator): what the site
    shows beside a figure."""
    items = {item.file: item for item in loaded.items if item.kind in ("report", "totals")}
    found = {}
    for issue, issue_fixes in fixes.items():
        for file, file_fixes in issue_fixes.valid.items():
            item = items.get(file)
            for fix in file_fixes if item is not None else ():
                if len(fix.parts) != 2 or fix.parts[0] != "figures":
                    continue
                province = item.record.province if item.kind == "report" else None
                found[(item.record.period, province, fix.parts[1])] = FigureCorrection(
                    fix.erratum, issue, fix.correction.published_value, fix.correction.corrected_value)
    return found
