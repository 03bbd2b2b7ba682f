"""The generated parts of the editors' guide (/huong-dan/): every field, every validator message.

Both come from the code, so the guide cannot drift from it:
- `record_fields` reads each model's JSON Schema, the same one editors' tools show on hover;
- `validator_codes` shows, for each code of the registry (macros/records/codes.yml), its
  example record and the message that the real validator gives for it, computed at build time
  in a copy of the example project (macros/records/example_project/). An example that no
  longer produces its code stops the build.
"""
from __future__ import annotations

import functools
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from macros.editors.jsonschema import drop_titles
from macros.records import ids
from macros.records.codes import EXAMPLE_PROJECT, Code, Example, registry
from macros.records.problems import SEVERITY_LABEL, Problem
from macros.archive.project import load_project
from macros.records.schema import KINDS
from macros.site.state import current

MACROS = ["record_fields", "validator_codes", "breakdown_rules"]

# The heading of each kind of record in the field reference, and where its files live.
KIND_TITLES = {
    "bloc": "Thông tin chung của Khối",
    "catalogue": "Danh mục chỉ số",
    "province": "Tỉnh",
    "period": "Kỳ báo cáo",
    "report": "Số liệu của một tỉnh trong một kỳ",
    "totals": "Số liệu tổng của Khối trong một kỳ",
    "bulletin": "Số bản tin",
    "conference": "Hội nghị của Khối",
    "document": "Văn bản, tài liệu nguồn",
    "erratum": "Đính chính",
}
PLACES = {"provinces/*.yml": "provinces/<mã tỉnh>.yml", "reports/*/*.yml": "reports/<mã tỉnh>/<mã kỳ>.yml",
          "periods/*.yml": "periods/<mã kỳ>.yml", "totals/*.yml": "totals/<mã kỳ>.yml",
          "bulletins/*.yml": "bulletins/<mã bản tin>.yml", "conferences/*.yml": "conferences/<số hội nghị>.yml",
          "documents/*.yml": "documents/<mã tài liệu>.yml", "errata/*.yml": "errata/<mã đính chính>.yml"}

def register(env) -> None:
    """Add the guide's macros to mkdocs-macros (called from macros/__init__.py)."""
    from macros.site.views import bind
    for name in MACROS:
        env.macro(bind(globals()[name], env), name)


# -- the field reference ------------------------------------------------------------------
@dataclass(frozen=True)
class FieldRow:
    path: str  # "membership[].since", "figures.<mã chỉ số>.status"
    type: str
    required: bool
    description: str


def field_rows(model) -> list[FieldRow]:
    """Every field of a model, nested fields included, in the order of the model."""
    schema = model.model_json_schema()
    drop_titles(schema)
    return list(_object_rows(schema, schema.get("$defs", {}), ""))


def _resolve(node: dict, defs: dict) -> dict:
    while "$ref" in node:
        node = {**defs[node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _object_rows(node: dict, defs: dict, prefix: str):
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        yield from _field_rows(prefix + name, _resolve(prop, defs), defs, name in required)
    for pattern, prop in node.get("patternProperties", {}).items():
        key = "<mã chỉ số>" if prefix == "figures." else "<mã>"
        yield from _field_rows(prefix + key, _resolve(prop, defs), defs, False)


def _field_rows(path: str, node: dict, defs: dict, required: bool):
    description = node.get("description") or _inner_description(node, defs)
    if not description:
        raise ValueError(f"trường \"{path}\" chưa có mô tả (description) trong macros/records/schema.py")
    yield FieldRow(path, type_label(node, defs), required, description)
    for sub in _alternatives(node, defs):
        if sub.get("type") == "object" or "properties" in sub or "patternProperties" in sub:
            yield from _object_rows(sub, defs, path + ".")
        if sub.get("type") == "array":
            items = _resolve(sub.get("items", {}), defs)
            if "properties" in items:
                yield from _object_rows(items, defs, path + "[].")


def _alternatives(node: dict, defs: dict) -> list[dict]:
    return [_resolve(n, defs) for n in node.get("anyOf", [node])]


def _inner_description(node: dict, defs: dict) -> str | None:
    return next((n["description"] for n in _alternatives(node, defs) if n.get("description")), None)


def type_label(node: dict, defs: dict) -> str:
    """How a value is written, in Vietnamese: "số nguyên ≥ 1", "danh sách mã", "ngày"."""
    labels = []
    for sub in _alternatives(node, defs):
        label = _single_type(sub, defs)
        if label and label not in labels:
            labels.append(label)
    return " hoặc ".join(labels)


def _single_type(node: dict, defs: dict) -> str | None:
    kind = node.get("type")
    if kind == "null":
        return None
    if "enum" in node or "const" in node:
        return "một trong: " + ", ".join(str(v) for v in node.get("enum", [node.get("const")]))
    if kind == "string":
        if node.get("format") == "date":
            return "ngày (NNNN-TT-NN)"
        return _pattern_label(node.get("pattern"))
    if kind in ("integer", "number"):
        label = "số nguyên" if kind == "integer" else "số"
        if "minimum" in node:
            label += f" ≥ {node['minimum']}"
        if "maximum" in node:
            label += f", ≤ {node['maximum']}"
        return label
    if kind == "boolean":
        return "true hoặc false"
    if kind == "array":
        return "danh sách " + (type_label(_resolve(node.get("items", {}), defs), defs) or "")
    if kind == "object" or "properties" in node:
        return "bảng (các trường bên dưới)" if "properties" in node else "bảng mã: giá trị"
    return "giá trị"


def _pattern_label(regex: str | None) -> str:
    if regex is None:
        return "văn bản"
    pattern = ids.by_regex(regex)
    if pattern is None:  # a new pattern must be named in the registry, not shown as "văn bản"
        raise KeyError(f"mẫu {regex} chưa có trong macros/records/ids.py")
    return pattern.label


def kind_sections() -> list[tuple[str, str, str, list[FieldRow]]]:
    """(kind, title, files, rows) for every kind of record."""
    sections = []
    for kind, (pattern, model) in KINDS.items():
        if kind not in KIND_TITLES:
            raise KeyError(f"loại bản ghi \"{kind}\" chưa có tên trong KIND_TITLES (macros/editors/guide.py)")
        sections.append((kind, KIND_TITLES[kind], "data/" + PLACES.get(pattern, pattern),
                         field_rows(model)))
    return sections


def record_fields(page_url: str) -> str:
    """Every kind of record: a heading (in the page's table of contents) and its field table."""
    out = []
    for kind, title, files, rows in kind_sections():
        table = current().renderer.render("guide_fields.html", page_url, kind=kind, files=files,
                                          rows=rows)
        out.append(f"### {title}\n{table}")
    return "\n".join(out)


# -- the sum rules of the catalogue's breakdowns --------------------------------------------
def breakdown_rules(page_url: str) -> str:
    """Each breakdown of the catalogue with the rule the checks apply to it (as on /so-lieu/)."""
    from macros.site.breakdowns import breakdowns
    site = current()
    return site.renderer.render("guide_breakdowns.html", page_url, items=breakdowns(site.records))


# -- the validator's messages -----------------------------------------------------------
@dataclass(frozen=True)
class CodeEntry:
    """A code of the registry and the message the validator gives for its example."""
    code: Code
    message: str


def write_project(root: Path, example: Example | None = None) -> None:
    """The example project in `root`, with the example's files written and removed."""
    shutil.copytree(EXAMPLE_PROJECT, root, dirs_exist_ok=True)
    for rel, data in (example.files() if example else {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for rel in example.remove if example else ():
        (root / rel).unlink()


def example_problems(code: Code) -> list[Problem]:
    """Every problem the validator finds in the example project changed by the code's example."""
    with tempfile.TemporaryDirectory(prefix="khcn-guide-") as tmp:
        write_project(Path(tmp), code.example)
        return load_project(Path(tmp))[1]


def run_example(code: Code) -> CodeEntry:
    """The first problem with the example's code, from the real validator."""
    problems = example_problems(code)
    example = code.example
    found = sorted((p for p in problems if p.code == code.code),
                   key=lambda p: p.file != (example.file or p.file))
    if not found:
        shown = "; ".join(p.format_text() for p in problems) or "không có thông báo nào"
        raise ValueError(f"ví dụ cho {code.code} trong macros/records/codes.yml không còn sinh ra mã "
                         f"{code.code} (trình kiểm tra báo: {shown})")
    return CodeEntry(code, found[0].format_text())


@functools.lru_cache(maxsize=1)
def code_entries() -> tuple[CodeEntry, ...]:
    """Every code of the registry with its example, checked once per process (a build or a test session)."""
    with tempfile.TemporaryDirectory(prefix="khcn-guide-") as tmp:
        write_project(Path(tmp))
        _records, problems = load_project(Path(tmp))
    if problems:
        raise ValueError("dự án mẫu macros/records/example_project có lỗi: " + problems[0].format_text())
    return tuple(run_example(code) for code in sorted(registry().values(), key=lambda c: c.code))


def validator_codes(page_url: str) -> str:
    """Each code: a heading (in the table of contents), what it means, an example and its message."""
    out = []
    for entry in code_entries():
        block = current().renderer.render("guide_code.html", page_url, entry=entry,
                                          severity=SEVERITY_LABEL[entry.code.severity])
        out.append(f"### {entry.code.code}: {entry.code.title}\n{block}")
    return "\n".join(out)
