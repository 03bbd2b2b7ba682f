"""Strict YAML reading: every value keeps its position, and YAML 1.1 surprises are errors.

PyYAML resolves plain scalars by YAML 1.1 rules: `no` becomes False, `012` becomes 10,
`1:30` becomes 90, and a repeated key silently replaces the first. Editors do not expect
any of that, so we build our own tree from the parser's events (libyaml's C parser where
available) and resolve plain scalars ourselves, turning each surprise into a problem
with a hint. Anchors and aliases are refused before anything is built from them.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from macros.records.problems import Problem, problem

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

QUOTE_HINT = "nếu đây là văn bản, hãy đặt trong ngoặc kép, ví dụ \"{raw}\""
# How deep mappings and lists may nest. A record needs four levels at most (a bulletin's
# articles[0].related_documents[0]); past this the file is broken (a bracket left open),
# and the tree is not built further: Python's recursion would end in a traceback.
MAX_DEPTH = 20
DEPTH_MESSAGE = ("bảng và danh sách lồng nhau quá {depth} cấp; một bản ghi chỉ cần vài cấp: "
                 "hãy kiểm tra các ngoặc [ ] và {{ }} chưa đóng và thụt lề của các dòng")


@dataclass(slots=True)
class Node:
    """A YAML value with the position (1-based) where it starts in its file."""
    kind: str  # "scalar", "map" or "seq"
    value: Any  # Python value; dict[str, Entry] for maps; list[Node] for sequences
    line: int
    column: int
    raw: str | None = None  # source text of a scalar
    plain: bool = False  # a plain (unquoted) scalar

    def to_python(self) -> Any:
        if self.kind == "map":
            return {key: entry.value.to_python() for key, entry in self.value.items()}
        if self.kind == "seq":
            return [item.to_python() for item in self.value]
        return self.value


@dataclass(slots=True)
class Entry:
    key: Node
    value: Node


@dataclass
class Document:
    """One parsed file: its tree (None when unreadable) and the problems found reading it."""
    file: str
    root: Node | None
    problems: list[Problem] = field(default_factory=list)

    def locate(self, path: tuple) -> tuple[int, int, bool]:
        """Line and column of the deepest node on `path`; the flag says if the path was found whole."""
        node, key_node = self.root, None
        for part in path:
            if node is None:
                break
            if node.kind == "map" and isinstance(part, str) and part in node.value:
                entry = node.value[part]
                node, key_node = entry.value, entry.key
            elif node.kind == "seq" and isinstance(part, int) and 0 <= part < len(node.value):
                node, key_node = node.value[part], None
            else:
                return (node.line, node.column, False)
        if node is None:
            return (1, 1, False)
        return (node.line, node.column, True)

    def raw_at(self, path: tuple) -> str | None:
        """Source text of the scalar at `path` (None when absent or not a scalar)."""
        node = self.root
        for part in path:
            node = _child(node, part)
        return node.raw if node is not None and node.kind == "scalar" else None

    def key_position(self, path: tuple) -> tuple[int, int]:
        """Position of the key at the end of `path` (for unknown keys), else of its value."""
        parent_line, parent_col, found = self.locate(path[:-1])
        node = self.root
        for part in path[:-1]:
            node = _child(node, part)
            if node is None:
                return (parent_line, parent_col)
        if node is not None and node.kind == "map" and path and path[-1] in node.value:
            key = node.value[path[-1]].key
            return (key.line, key.column)
        return (parent_line, parent_col)


def dotted(path: tuple) -> str:
    """("figures", "x", 0) -> "figures.x[0]": how a field is named in problems."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _child(node: Node | None, part):
    if node is None:
        return None
    if node.kind == "map" and isinstance(part, str) and part in node.value:
        return node.value[part].value
    if node.kind == "seq" and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def read_document(path, rel: str) -> Document:
    """Read a YAML file strictly; problems are collected, never raised."""
    data = path.read_bytes()
    doc = Document(rel, None)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        body = exc.object  # the bytes after the byte-order mark, which exc.start counts in
        line = body[: exc.start].count(b"\n") + 1
        start = body.rfind(b"\n", 0, exc.start) + 1
        # Columns count characters, like YAML's marks: decode what precedes the bad byte.
        col = len(body[start:exc.start].decode("utf-8", errors="replace")) + 1
        doc.problems.append(problem(rel, line, col, "E101", "",
            f"tệp không phải mã UTF-8 (byte 0x{body[exc.start]:02x}); "
            "hãy lưu tệp với bảng mã UTF-8"))
        return doc
    return parse_text(text, rel)


def parse_text(text: str, rel: str) -> Document:
    doc = Document(rel, None)
    if not text.strip() or all(
            line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        doc.problems.append(problem(rel, 1, 1, "E102", "", "tệp rỗng: không có bản ghi nào"))
        return doc
    builder = _TreeBuilder(doc)
    try:
        doc.root = builder.build(yaml.parse(text, Loader=Loader))
    except yaml.MarkedYAMLError as exc:
        doc.root = None
        doc.problems.append(_syntax_problem(rel, exc, text))
    except _Refused:
        doc.root = None
    if doc.root is not None and doc.root.kind != "map":
        doc.problems.append(problem(rel, doc.root.line, doc.root.column, "E103", "",
            "bản ghi phải là một bảng khóa: giá trị (mapping), không phải "
            + ("danh sách" if doc.root.kind == "seq" else "một giá trị đơn")))
        doc.root = None
    return doc


def _syntax_problem(rel: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "\t" in source_line[: max(col, 1)] or "'\\t'" in str(exc.problem):
        return problem(rel, line, col, "E104", "",
                       "dòng thụt lề bằng phím Tab; YAML chỉ cho phép dấu cách để thụt lề")
    if _PARSER_DEPTH in str(exc.problem or exc.context):
        return problem(rel, line, col, "E116", "", DEPTH_MESSAGE.format(depth=MAX_DEPTH))
    return problem(rel, line, col, "E105", "", "lỗi cú pháp YAML: " + _syntax_hint(exc))


# What the parser's (English) messages mean for an editor; others are shown as they are.
_SYNTAX_HINTS = {
    "did not find expected ',' or ']'":
        "danh sách mở bằng [ ở dòng {context} chưa được đóng bằng ], hoặc thiếu dấu phẩy giữa các mục",
    "did not find expected ',' or '}'":
        "bảng mở bằng {{ ở dòng {context} chưa được đóng bằng }}, hoặc thiếu dấu phẩy giữa các mục",
    "mapping values are not allowed in this context":
        "dấu hai chấm không đúng chỗ; văn bản có \": \" phải đặt trong ngoặc kép, "
        "hoặc dòng này thụt lề sai",
    "did not find expected key":
        "thụt lề không khớp với các khóa phía trên; các khóa cùng cấp phải thẳng cột",
    "did not find expected '-' indicator":
        "thụt lề không khớp với các dòng phía trên; các khóa cùng cấp và các mục danh sách "
        "(bắt đầu bằng \"- \") phải thẳng cột",
    "found character that cannot start any token":
        "giá trị không được bắt đầu bằng ký tự này (@, `, %, …); hãy đặt giá trị trong ngoặc kép",
    "found unknown escape character":
        "dấu \\ trong ngoặc kép phải viết thành \\\\ (hoặc dùng ngoặc đơn '...')",
    "found unexpected end of stream":
        "hết tệp mà chưa đóng ngoặc kép mở ở dòng {context}",
}
# libyaml's own limit on nesting, met before ours when brackets are opened by the thousand.
_PARSER_DEPTH = "exceeded maximum nesting depth"


def _syntax_hint(exc: yaml.MarkedYAMLError) -> str:
    said = str(exc.problem or exc.context)
    hint = _SYNTAX_HINTS.get(said)
    if said == "found unexpected end of stream" and "quoted" not in str(exc.context):
        hint = None
    if hint is not None and ("{context}" not in hint or exc.context_mark):
        return hint.format(context=exc.context_mark.line + 1 if exc.context_mark else "")
    return f"{said}; hãy kiểm tra thụt lề và dấu hai chấm ở dòng này hoặc dòng trên"


class _Refused(Exception):
    """Parsing stopped on purpose (an anchor or alias); the problem is already recorded."""


class _TreeBuilder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.events = None

    def build(self, events) -> Node | None:
        self.events = iter(events)
        root = None
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                if root is not None:
                    self._error(event, "E106", "", "tệp chỉ được chứa một bản ghi (một tài liệu YAML)")
                    raise _Refused
                root = self._node(next(self.events), ())
        return root

    def _error(self, event, code: str, path: tuple, message: str) -> None:
        self.doc.problems.append(problem(self.doc.file, event.start_mark.line + 1,
                                         event.start_mark.column + 1, code, dotted(path), message))

    def _node(self, event, path: tuple) -> Node:
        """The node starting with `event`; `path` (keys and indexes) names it in problems."""
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            # Refused outright: aliases can expand exponentially ("billion laughs").
            self._error(event, "E107", path, "không dùng neo (&) và bí danh (*) của YAML; "
                        "hãy viết đầy đủ giá trị ở từng chỗ")
            raise _Refused
        line, col = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, line, col, path)
        if len(path) >= MAX_DEPTH:
            self._error(event, "E116", path[:MAX_DEPTH], DEPTH_MESSAGE.format(depth=MAX_DEPTH))
            raise _Refused
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            for item in self.events:  # the one event stream, shared with the nested calls
                if isinstance(item, yaml.SequenceEndEvent):
                    break
                items.append(self._node(item, path + (len(items),)))
            node = Node("seq", items, line, col)
        else:
            node = self._mapping(line, col, path)
        return self._untagged(event, node, path)

    def _untagged(self, event, node: Node, path: tuple) -> Node:
        """A mapping or list with a tag (`!!python/object:…`, `!foo`) is refused like a tagged
        value, and stands as a refused value: the schema checks do not report it again."""
        if event.tag is None:
            return node
        shown = _shown_tag(event.tag)
        self._problem_at(node, "E110", path, f"không dùng thẻ kiểu YAML ({shown}); hãy bỏ thẻ")
        return Node("scalar", Hazard(shown), node.line, node.column, raw=shown)

    def _mapping(self, line: int, col: int, path: tuple) -> Node:
        entries: dict[str, Entry] = {}
        for event in self.events:
            if isinstance(event, yaml.MappingEndEvent):
                break
            key = self._node(event, path)
            name = self._key_name(key, path)
            value = self._node(next(self.events), path + (name if name is not None else "?",))
            if name is None:
                continue
            if name in entries:
                first = entries[name].key
                self._problem_at(key, "E108", path + (name,),
                    f"khóa \"{name}\" bị lặp lại (đã có ở dòng {first.line}); "
                    "YAML sẽ âm thầm bỏ giá trị trước, hãy giữ một khóa duy nhất")
                continue
            entries[name] = Entry(key, value)
        return Node("map", entries, line, col)

    def _key_name(self, key: Node, path: tuple) -> str | None:
        if key.kind == "scalar" and key.raw == "<<" and key.plain:
            self._problem_at(key, "E107", path, "không dùng khóa gộp (<<) của YAML; "
                             "hãy viết đầy đủ các khóa ở từng chỗ")
            return None
        if key.kind != "scalar" or not isinstance(key.value, str):
            shown = key.raw if key.kind == "scalar" else "một bảng hoặc danh sách"
            self._problem_at(key, "E109", path,
                             f"khóa phải là văn bản, gặp {shown}; hãy đặt khóa trong ngoặc kép")
            return None
        return key.value

    def _problem_at(self, node: Node, code: str, path: tuple, message: str) -> None:
        self.doc.problems.append(problem(self.doc.file, node.line, node.column, code,
                                         dotted(path), message))

    def _scalar(self, event, line: int, col: int, path: tuple) -> Node:
        raw = event.value
        plain = event.style is None or event.style == ""
        explicit = event.tag is not None  # "!" too: every tag an editor writes is refused but !!str
        node = Node("scalar", None, line, col, raw=raw, plain=plain and not explicit)
        if explicit and event.tag != "tag:yaml.org,2002:str":
            shown = _shown_tag(event.tag)
            self._problem_at(node, "E110", path, f"không dùng thẻ kiểu YAML ({shown}); "
                             "hãy bỏ thẻ, và đặt giá trị trong ngoặc kép nếu đó là văn bản")
            node.value = Hazard(raw)
        elif node.plain:
            node.value = self._resolve_plain(node, path)
        else:
            node.value = _nfc(raw)
        return node

    def _resolve_plain(self, node: Node, path: tuple) -> Any:
        """Resolve a plain scalar; YAML 1.1 surprises become a problem and a `Hazard`."""
        raw = node.raw
        if raw.isascii() and raw.isdigit() and (raw[0] != "0" or raw == "0"):
            return int(raw)  # the commonest plain scalar in the records: a count
        if not _SPECIAL.fullmatch(raw):  # most other plain scalars (keys, slugs, names): text
            return _nfc(raw)
        for pattern, resolve in _PLAIN_RULES:
            if pattern.fullmatch(raw):
                try:
                    return resolve(raw)
                except ValueError:  # only dates can fail: 2023-02-30
                    self._problem_at(node, "E115", path,
                        f"ngày không hợp lệ: {raw}; ngày viết theo dạng NNNN-TT-NN, ví dụ 2024-01-01")
                    return Hazard(raw)
        for pattern, code, reading in _HAZARDS:
            if pattern.fullmatch(raw):
                message = f"giá trị {raw} {reading(raw)}; " + QUOTE_HINT.format(raw=raw)
                if code == "E112":  # a count published as "06" is meant as a number
                    number = re.sub(r"^([-+]?)0+(?=[0-9])", r"\1", raw.replace("_", ""))
                    message += f"; nếu là số, hãy bỏ số 0 ở đầu: {number}"
                if code == "E111":  # a yes/no indicator is written true/false
                    message += f"; nếu là có/không, hãy viết {'false' if raw.lower() in ('no', 'off') else 'true'}"
                self._problem_at(node, code, path, message)
                return Hazard(raw)
        return unicodedata.normalize("NFC", raw)


def _shown_tag(tag: str) -> str:
    """A tag as the editor wrote it: `tag:yaml.org,2002:int` -> `!!int`."""
    return tag.replace("tag:yaml.org,2002:", "!!")


def _nfc(text: str) -> str:
    """Text in Unicode NFC (ASCII, most keys and slugs, is NFC already)."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


class Hazard(str):
    """A scalar refused by the loader (already reported); the schema checks skip it."""


def _date(raw: str):
    if "T" in raw or " " in raw.strip() or ":" in raw:
        return dt.datetime.fromisoformat(raw.replace(" ", "T", 1))
    return dt.date.fromisoformat(_pad_date(raw))


def _pad_date(raw: str) -> str:
    y, m, d = raw.split("-")
    return f"{y}-{int(m):02d}-{int(d):02d}"


_PLAIN_RULES = [
    (re.compile(r"~|null|Null|NULL|"), lambda raw: None),
    (re.compile(r"true|True|TRUE"), lambda raw: True),
    (re.compile(r"false|False|FALSE"), lambda raw: False),
    (re.compile(r"[-+]?(?:0|[1-9][0-9_]*)"), lambda raw: int(raw.replace("_", ""))),
    (re.compile(r"[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)(?:[eE][-+][0-9]+)?"),
     lambda raw: float(raw.replace("_", ""))),
    (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), _date),
    (re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
                r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"), _date),
]

# Plain scalars YAML 1.1 reads as something else; each gives what comes after "giá trị X".
_HAZARDS = [
    (re.compile(r"yes|Yes|YES|on|On|ON"), "E111", lambda raw: "sẽ bị YAML 1.1 đọc thành đúng (true)"),
    (re.compile(r"no|No|NO|off|Off|OFF"), "E111", lambda raw: "sẽ bị YAML 1.1 đọc thành sai (false)"),
    (re.compile(r"[-+]?0[0-7_]+"), "E112",
     lambda raw: f"sẽ bị YAML 1.1 đọc thành số bát phân {int(raw.replace('_', ''), 8)}"),
    (re.compile(r"[-+]?0[0-9_]+"), "E112",
     lambda raw: "có số 0 ở đầu, mà YAML 1.1 đọc không nhất quán "
                 "(012 thành số bát phân 10, 019 thành văn bản)"),
    (re.compile(r"[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*"),
     "E113",
     lambda raw: f"sẽ bị YAML 1.1 đọc thành số {_sexagesimal(raw)} (hệ 60)"),
    (re.compile(r"[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+"), "E114",
     lambda raw: f"sẽ bị YAML 1.1 đọc thành số {int(raw.replace('_', ''), 0)}"),
    (re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"), "E114",
     lambda raw: "sẽ bị YAML 1.1 đọc thành số vô hạn hoặc không xác định"),
]

# Every rule and hazard in one pattern: a plain scalar that matches none is text after one
# test instead of fourteen (loading the records of a large bloc is mostly this loop).
_SPECIAL = re.compile("|".join(f"(?:{rule[0].pattern})" for rule in _PLAIN_RULES + _HAZARDS))


def _sexagesimal(raw: str) -> str:
    sign = -1 if raw.startswith("-") else 1
    total = 0.0
    for part in raw.lstrip("+-").replace("_", "").split(":"):
        total = total * 60 + float(part)
    value = sign * total
    return str(int(value)) if value == int(value) else str(value)
