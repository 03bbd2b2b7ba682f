"""The web editor at /bien-tap/: Sveltia CMS, configured from the schema, the catalogue and the records.

Editors who do not use git fill forms in the browser; every save becomes a branch and a pull
request on GitHub (`publish_mode: editorial_workflow`), checked by `pr.yml` and reviewed by
CODEOWNERS like any other. Nothing of the configuration is written by hand:

- one collection per kind of record (and one per province folder of reports), its folder and
  file names from `schema.KINDS`, its heading from the guide's `KIND_TITLES`;
- one field per schema field, typed, required or not, with the schema's pattern, its
  Vietnamese description as the hint, and the records' ids as choices (provinces, periods,
  sources); one field per indicator of the catalogue, with its unit, type and description;
- archived records (archive/register.yml) that no erratum corrects are left out of the
  editable collections and shown read-only, so that their edit path is an erratum.

The page is built into site/bien-tap/ by `macros/editors/hooks.py`; `python -m macros
cms-config` prints the configuration. The files are written by `cms/khcn-yaml.js` the way
`macros/records/yamlio.py` reads them (see README, "Sửa trên trình duyệt").
"""
from __future__ import annotations

import html
import json
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from macros.archive.project import load_project
from macros.editors.guide import KIND_TITLES
from macros.editors.jsonschema import VALUE_SCHEMAS
from macros.records import ids
from macros.records.model import Records
from macros.records.problems import has_errors, render
from macros.records.project import read_mkdocs_config
from macros.records.schema import KINDS, STATUS_DESCRIPTIONS
from macros.site import state as site_state
from macros.site.urls import address

EDITOR = address("web_editor")  # site/bien-tap/index.html (macros/site/urls.py)
PAGE = PurePosixPath(EDITOR.src_uri).parent.as_posix()  # the editor's folder in the built site
NPM_PROJECT = "cms"  # package.json, package-lock.json, and our two scripts
SVELTIA = "node_modules/@sveltia/cms"
YAML_LIBRARY = "node_modules/yaml/browser/dist"
OUR_SCRIPTS = ("khcn-cms.js", "khcn-yaml.js")
GITHUB_API = "https://api.github.com"
SCHEMA_URL = "https://unpkg.com/@sveltia/cms/schema/sveltia-cms.json"  # a comment Sveltia looks for; never fetched

# The kinds an editor edits in the browser, in the order of the sidebar, and the field that
# names a record (its file name). Reports get one collection per province folder; the bloc,
# the catalogue and the bloc totals stay with the maintainers (git).
EDITED = {"report": "period", "bulletin": "id", "conference": "number", "period": "id",
          "province": "id", "document": "id", "erratum": "id"}
IDENTITY = {"report": ("province", "period"), "totals": ("period",), **{
    kind: (field,) for kind, field in EDITED.items() if kind != "report"}}
ICONS = {"report": "table_chart", "bulletin": "newspaper", "conference": "groups", "period": "date_range",
         "province": "location_city", "document": "description", "erratum": "edit_note"}
SUMMARIES = {"report": "Kỳ {{period}}", "bulletin": "{{id}}: {{title}}", "conference": "Hội nghị lần {{number}} ({{year}})",
             "period": "{{label}}", "province": "{{name}}", "document": "{{title}}", "erratum": "{{id}}: {{issue}}"}

# The label of each schema field in the forms; its description (schema.py) is the hint below it.
LABELS = {
    "id": "Mã", "name": "Tên", "label": "Tên", "title": "Tên", "department": "Sở Khoa học và Công nghệ",
    "code": "Mã đơn vị hành chính", "code_source": "Văn bản quy định mã", "website": "Cổng thông tin điện tử",
    "established": "Ngày thành lập", "history": "Thay đổi địa giới hành chính", "event": "Loại thay đổi",
    "date": "Ngày", "into": "Tỉnh tiếp nhận", "source": "Nguồn", "note": "Ghi chú",
    "membership": "Quá trình tham gia Khối", "since": "Gia nhập từ", "conference": "Hội nghị kết nạp",
    "known_member_in": "Kỳ sớm nhất đã là thành viên", "until": "Thôi là thành viên từ",
    "start": "Ngày bắt đầu", "end": "Ngày kết thúc", "province": "Tỉnh", "period": "Kỳ báo cáo",
    "figures": "Số liệu", "number": "Số", "year": "Năm", "date_note": "Căn cứ của ngày phát hành",
    "publisher": "Đơn vị phát hành", "periods": "Các kỳ báo cáo", "conferences": "Các hội nghị",
    "articles": "Các bài", "summary": "Tóm tắt", "url": "Địa chỉ bài gốc", "published": "Ngày đăng",
    "accessed": "Ngày truy cập", "related_documents": "Văn bản được nhắc đến", "host": "Tỉnh đăng cai",
    "theme": "Chủ đề", "presenting": "Các tỉnh có tham luận", "admitted": "Các tỉnh được kết nạp",
    "members_after": "Số thành viên sau hội nghị", "issuer": "Cơ quan ban hành", "issue": "Số bản tin được đính chính",
    "corrections": "Các chỗ sửa", "file": "Tệp dữ liệu được sửa", "path": "Chỗ sửa trong tệp",
    "published_value": "Giá trị đã công bố", "corrected_value": "Giá trị đúng", "what": "Sửa gì", "why": "Vì sao sửa", "scope": "Các tỉnh được tính",
    "kind": "Loại", "month": "Tháng", "place": "Nơi tổ chức", "host_note": "Ghi chú về việc đăng cai",
    "members_count": "Số thành viên tại hội nghị", "guests": "Khách mời",
    "guests_incomplete": "Danh sách khách mời chưa đầy đủ", "decisions": "Các quyết định",
    "listed_at": "Được liệt kê tại hội nghị số", "member_on": "Là thành viên vào ngày", "bulletin": "Số bản tin",
}
FIGURE_LABELS = {"value": "Giá trị", "status": "Trạng thái", "note": "Ghi chú",
                 "source": "Nguồn riêng (chỉ khi khác nguồn chung)"}
# Fields whose value is the id of another record: the form offers the records as choices.
CHOICES = {"province": "provinces", "host": "provinces", "into": "provinces", "presenting": "provinces",
           "admitted": "provinces", "scope": "provinces", "period": "periods", "known_member_in": "periods",
           "periods": "periods", "source": "sources", "code_source": "sources", "related_documents": "sources",
           "conference": "conferences", "conferences": "conferences", "issue": "archived_issues",
           "file": "published_files"}


@dataclass(frozen=True)
class Repository:
    """The GitHub repository and branch the editor commits to, read from mkdocs.yml's edit_uri."""
    name: str  # owner/name
    branch: str

    @classmethod
    def from_edit_uri(cls, edit_uri: str | None) -> "Repository | None":
        """`https://github.com/OWNER/NAME/edit/BRANCH/content/` -> Repository; None without one."""
        match = re.match(r"^https://github\.com/([^/]+/[^/]+)/(?:edit|blob)/([^/]+)/", edit_uri or "")
        return cls(match.group(1), match.group(2)) if match else None


# -- the records as choices -----------------------------------------------------------------------
def _choices(records: Records) -> dict[str, list[dict]]:
    """Every kind of id a field may hold, as Sveltia's {label, value} options."""
    archive = records.archive
    archived = set(archive.snapshots) if archive else set()
    sources = [{"label": f"{b.id}: {b.title}" + (" (đã lưu trữ)" if b.id in archived else ""), "value": b.id}
               for b in sorted(records.bulletins.values(), key=lambda b: b.id)]
    sources += [{"label": f"{d.id}: {d.title}", "value": d.id} for d in sorted(records.documents.values(), key=lambda d: d.id)]
    published = sorted({file for entry in (archive.snapshots.values() if archive else []) for file in entry.records})
    return {
        "provinces": [{"label": p.name, "value": p.id} for p in sorted(records.provinces.values(), key=lambda p: p.id)],
        "periods": [{"label": p.label, "value": p.id} for p in sorted(records.periods.values(), key=lambda p: p.id)],
        "sources": sources,
        "conferences": [{"label": f"Hội nghị lần {c.number} ({c.year})", "value": c.number}
                        for c in sorted(records.conferences.values(), key=lambda c: c.number)],
        "archived_issues": [{"label": issue, "value": issue} for issue in sorted(archived)],
        "published_files": [{"label": file, "value": file} for file in published],
    }


def locked_files(records: Records) -> dict[str, str]:
    """Files an archived issue published and no erratum corrects -> the issue: read-only here."""
    archive = records.archive
    if archive is None:
        return {}
    locked = {}
    for issue, entry in sorted(archive.snapshots.items()):
        corrected = {file for erratum in archive.errata_of(issue) for file in erratum.files}
        locked.update({file: issue for file in entry.records if file not in corrected})
    return locked


# -- fields from the schema -----------------------------------------------------------------------
class _FieldMaker:
    """Sveltia fields from a model's JSON Schema, with the records' ids as choices."""

    def __init__(self, records: Records, readonly: bool = False):
        self.records = records
        self.choices = _choices(records)
        self.readonly = readonly
        self.made: dict = {}

    def fields(self, model) -> list[dict]:
        """The fields of a model, made once: a kind's fields are one object wherever they appear,
        which config.yml writes once and then refers to (a YAML alias)."""
        if model not in self.made:
            schema = model.model_json_schema()
            self.made[model] = self._object_fields(schema, schema.get("$defs", {}))
        return self.made[model]

    def _object_fields(self, schema: dict, defs: dict) -> list[dict]:
        required = set(schema.get("required", []))
        return [self._field(name, node, defs, name in required) for name, node in schema["properties"].items()]

    def _field(self, name: str, node: dict, defs: dict, required: bool) -> dict:
        if name not in LABELS:
            raise KeyError(f"macros/editors/cms.py: LABELS has no Vietnamese label for the field {name!r}")
        field = {"name": name, "label": LABELS[name], "required": required}
        if node.get("description") and node["description"] != LABELS[name]:
            field["hint"] = node["description"]
        field.update(self._widget(name, _non_null(node), defs))
        if self.readonly:
            field["readonly"] = True
        return field

    def _widget(self, name: str, node: dict, defs: dict) -> dict:
        if "$ref" in node:
            return {"widget": "object", "fields": self._object_fields(_definition(node, defs), defs)}
        if name == "figures":
            return self._figures()
        if name in CHOICES:
            return self._select(name, node)
        if node.get("type") == "array":
            item = _non_null(node["items"])
            if "$ref" in item:
                return {"widget": "list", "label_singular": LABELS[name].lower(), "collapsed": "auto",
                        "fields": self._object_fields(_definition(item, defs), defs)}
            return {"widget": "list"}
        if _is_date(node):
            return _date_widget(node)
        if "const" in node or "enum" in node:
            values = [node["const"]] if "const" in node else node["enum"]
            return {"widget": "select", "options": values}
        if node.get("type") == "integer":
            return _number(node, "int")
        if node.get("type") == "boolean":
            return {"widget": "boolean"}
        return _text(node)

    def _select(self, name: str, node: dict) -> dict:
        field = {"widget": "select", "options": self.choices[CHOICES[name]], "dropdown_threshold": 0}
        if node.get("type") == "array":
            field["multiple"] = True
        elif name == "period" and self.records.periods:
            # A new report is most often for the latest period; its file is named after it.
            field["default"] = max(self.records.periods.values(), key=lambda p: (p.start, p.id)).id
        return field

    def _figures(self) -> dict:
        """One object per indicator of the catalogue: value (typed), status, note, own source."""
        fields = []
        for group in self.records.catalogue.groups:
            for indicator in group.indicators:
                fields.append({
                    "name": indicator.id, "label": f"{indicator.label} ({indicator.unit})",
                    "hint": f"{group.label}. {indicator.description} (mã {indicator.id})",
                    "required": False, "widget": "object", "collapsed": "auto",
                    "summary": "{{value}} {{status}}", "fields": self._figure_fields(indicator),
                    **({"readonly": True} if self.readonly else {})})
        return {"widget": "object", "fields": fields}

    def _figure_fields(self, indicator) -> list[dict]:
        statuses = [{"label": f"{status}: {words}", "value": status} for status, words in STATUS_DESCRIPTIONS.items()]
        extra = {"readonly": True} if self.readonly else {}
        return [{"name": "value", "label": f"{FIGURE_LABELS['value']} ({indicator.unit})", "required": False,
                 **_figure_value(indicator.value_type), **extra},
                {"name": "status", "label": FIGURE_LABELS["status"], "required": False, "widget": "select",
                 "options": statuses, "dropdown_threshold": 0, **extra},
                {"name": "note", "label": FIGURE_LABELS["note"], "required": False, "widget": "string", **extra},
                {"name": "source", "label": FIGURE_LABELS["source"], "required": False, "widget": "select",
                 "options": self.choices["sources"], "dropdown_threshold": 0, **extra}]


def _non_null(node: dict) -> dict:
    """The type of an optional field (`X | None` is anyOf [X, null]); a date-or-word union is kept."""
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        return {**{k: v for k, v in node.items() if k != "anyOf"}, **options[0]}
    return node


def _definition(node: dict, defs: dict) -> dict:
    return defs[node["$ref"].rsplit("/", 1)[-1]]


def _is_date(node: dict) -> bool:
    return node.get("format") == "date" or any(o.get("format") == "date" for o in node.get("anyOf", []))


def _date_widget(node: dict) -> dict:
    words = [o["const"] for o in node.get("anyOf", []) if "const" in o]
    if words:  # a date or a word (membership.since: unknown): typed as text, checked by pattern
        return {"widget": "string", "pattern": [rf"^([0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}|{'|'.join(words)})$",
                                                f"Cần một ngày NNNN-TT-NN hoặc {', '.join(words)}"]}
    return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}


def _number(node: dict, value_type: str) -> dict:
    field = {"widget": "number", "value_type": value_type}
    if "minimum" in node:
        field["min"] = node["minimum"]
    if "maximum" in node:
        field["max"] = node["maximum"]
    return field


def _figure_value(value_type: str) -> dict:
    if value_type == "boolean":
        return {"widget": "select", "options": [{"label": "Có (true)", "value": True},
                                                {"label": "Không (false)", "value": False}]}
    return _number(VALUE_SCHEMAS[value_type], "int" if value_type == "integer" else "float")


def _text(node: dict) -> dict:
    # Markdown fields get a plain multi-line box: what the editor types is what the file holds.
    field = {"widget": "text" if "Markdown" in node.get("description", "") else "string"}
    if pattern := node.get("pattern"):
        registered = ids.by_regex(pattern)  # its Vietnamese wording, as the validator words it
        if registered is None:
            raise KeyError(f"mẫu {pattern} chưa có trong macros/records/ids.py")
        field["pattern"] = [pattern, f"Cần {registered.expected}"]
        if registered is ids.URL:
            field["type"] = "url"
    return field


# -- collections ----------------------------------------------------------------------------------
def _folder(kind: str) -> str:
    return "data/" + PurePosixPath(KINDS[kind][0]).parent.as_posix()


def _format(kind: str) -> str:
    return f"khcn-{kind}"


def _entry_collection(kind: str, name: str, label: str, folder: str, fields: list[dict],
                      locked: list) -> dict:
    identity = EDITED[kind]
    collection = {"name": name, "label": label, "icon": ICONS[kind], "folder": folder, "extension": "yml",
                  "format": _format(kind), "identifier_field": identity, "slug": "{{" + identity + "}}",
                  "summary": SUMMARIES[kind], "create": True, "delete": False, "publish": False,
                  "editor": {"preview": False}, "fields": fields}
    if locked:
        # Archived records are shown read-only in the "Đã lưu trữ" collection instead.
        alternatives = "|".join(re.escape(str(value)) for value in sorted(locked, key=str))
        collection["filter"] = {"field": identity, "pattern": f"^(?!(?:{alternatives})$)"}
    return collection


def _collections(records: Records) -> list[dict]:
    make = _FieldMaker(records)
    locked = locked_files(records)
    collections = []
    for province in sorted(records.provinces.values(), key=lambda p: p.id):
        folder = f"data/reports/{province.id}"  # schema.KINDS: reports/<province>/<period>.yml
        # The folder says whose report it is: the province is filled in, not chosen.
        fields = [{"name": "province", "label": LABELS["province"], "widget": "hidden", "default": province.id}
                  if field["name"] == "province" else field for field in make.fields(KINDS["report"][1])]
        periods = [PurePosixPath(f).stem for f in locked if PurePosixPath(f).parent.as_posix() == folder]
        collections.append(_entry_collection("report", f"so-lieu-{province.id}", f"Số liệu: {province.name}",
                                             folder, fields, periods))
    for kind in EDITED:
        if kind == "report":
            continue
        folder = _folder(kind)
        ids = [_identity_value(kind, PurePosixPath(f).stem) for f in locked if PurePosixPath(f).parent.as_posix() == folder]
        collections.append(_entry_collection(kind, _slug(KIND_TITLES[kind]), KIND_TITLES[kind], folder,
                                             make.fields(KINDS[kind][1]), ids))
    if locked:
        collections.append(_archive_collection(records, locked))
    return collections


def _identity_value(kind: str, stem: str):
    return int(stem) if kind == "conference" and stem.isdigit() else stem


def _archive_collection(records: Records, locked: dict[str, str]) -> dict:
    """Archived records that no erratum corrects: shown, never written."""
    make = _FieldMaker(records, readonly=True)
    kinds = {file: _kind_of(file) for file in locked}
    files = [{"name": _slug(file), "label": f"{file} (bản tin {issue})", "file": file, "format": _format(kinds[file]),
              "fields": make.fields(KINDS[kinds[file]][1])}
             for file, issue in sorted(locked.items())]
    return {"name": "da-luu-tru", "label": "Đã lưu trữ (chỉ xem)", "icon": "inventory_2",
            "description": "Các bản ghi đã công bố trong một số bản tin đã lưu trữ không được sửa tại đây. "
                           "Muốn sửa, hãy tạo một đính chính (mục Đính chính) nêu tệp cần sửa; khi đính chính "
                           "được duyệt và đưa lên trang, tệp đó sửa được như các bản ghi khác.",
            "publish": False, "editor": {"preview": False}, "files": files}


def _kind_of(file: str) -> str:
    """The kind of a data file, from its place (schema.KINDS)."""
    rel = PurePosixPath(file).relative_to("data")
    return next(kind for kind, (pattern, _model) in KINDS.items() if rel.match(pattern))


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


# -- the configuration and the page ---------------------------------------------------------------
def editor_config(records: Records, repository: Repository, api_root: str | None = None,
                  site_url: str | None = None) -> dict:
    """Sveltia CMS's configuration (config.yml), from the schema, the catalogue and the records."""
    backend = {"name": "github", "repo": repository.name, "branch": repository.branch,
               "auth_methods": ["token"],  # a fine-grained token: no OAuth server of ours
               "commit_messages": {"create": "Data: add {{path}} (web editor, {{author-login}})",
                                   "update": "Data: update {{path}} (web editor, {{author-login}})",
                                   "delete": "Data: delete {{path}} (web editor, {{author-login}})"}}
    if api_root:
        backend["api_root"] = api_root
    config = {"backend": backend, "publish_mode": "editorial_workflow",
              "app_title": "Biên tập dữ liệu", "media_folder": "content/assets",
              "output": {"omit_empty_optional_fields": True}, "collections": _collections(records)}
    if site_url:
        config["site_url"] = site_url.rstrip("/") + "/"
    return config


def config_text(config: dict) -> str:
    header = (f"# yaml-language-server: $schema={SCHEMA_URL}\n"
              "# Sinh tự động từ macros/records/schema.py, data/indicators.yml và các bản ghi\n"
              "# (python -m macros cms-config); không sửa tay.\n")
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)


def record_formats(records: Records) -> dict:
    """What cms/khcn-yaml.js needs to read and write each kind: the fields naming a record,
    the required top-level fields, the defaults it need not write, which field names hold
    dates, and which hold a value of any kind (from the schema)."""
    dates, values = set(), set()
    kinds = {}
    for kind in [*EDITED, "totals"]:
        model = KINDS[kind][1]
        schema = model.model_json_schema()
        dates |= _date_names(schema)
        values |= _any_value_names(schema)
        kinds[kind] = {"identity": list(IDENTITY[kind]), "required": schema.get("required", []),
                       "figures": "figures" in schema["properties"], "defaults": _simple_defaults(schema)}
    return {"kinds": kinds, "dates": sorted(dates), "values": sorted(values)}


def _simple_defaults(schema: dict) -> dict:
    """Top-level fields whose default is a word, a number or true/false (kind: hoi-nghi): a form
    that leaves one at its default does not add it to a file."""
    return {name: node["default"] for name, node in schema["properties"].items()
            if isinstance(node.get("default"), (str, int, bool)) and not isinstance(node.get("default"), float)}


def _date_names(schema: dict) -> set[str]:
    names = set()
    for part in [schema, *schema.get("$defs", {}).values()]:
        names |= {name for name, node in part.get("properties", {}).items() if _is_date(node)}
    return names


def _any_value_names(schema: dict) -> set[str]:
    """Fields holding a number, true/false or a text (an erratum's published_value and
    corrected_value): the form gives them as text, which the file must hold as the value it
    means (11442, not "11442"), or the erratum would not match the figure it corrects."""
    names = set()
    for part in [schema, *schema.get("$defs", {}).values()]:
        for name, node in part.get("properties", {}).items():
            kinds = {option.get("type") for option in node.get("anyOf", [])}
            if "string" in kinds and kinds & {"integer", "number", "boolean"}:
                names.add(name)
    return names


def content_security_policy(api_origin: str) -> str:
    """This page's own policy: only the site itself, and the Git host's API for the data.

    Styles may be inline (Sveltia injects its components' styles); images may be data: or
    blob: URLs (icons, previews), which Sveltia also reads with fetch (its logo). Nothing else
    leaves the site."""
    return "; ".join([
        "default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "font-src 'self'",
        "img-src 'self' data: blob:", f"connect-src 'self' data: {api_origin}".strip(), "manifest-src 'self'",
        "worker-src 'self' blob:", "base-uri 'none'", "form-action 'none'", "object-src 'none'"])


def page_html(records: Records, api_origin: str, guide_href: str) -> str:
    formats = json.dumps(record_formats(records), ensure_ascii=False).replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="Content-Security-Policy" content="{content_security_policy(api_origin)}">
<title>Biên tập dữ liệu · {html.escape(records.bloc.short_name)}</title>
<link rel="cms-config-url" type="application/yaml" href="config.yml">
<script type="application/json" id="khcn-formats">{formats}</script>
<script type="module" src="khcn-cms.js"></script>
</head>
<body>
<noscript>Trang biên tập cần JavaScript. Xem hướng dẫn: <a href="{html.escape(guide_href)}#sua-tren-trinh-duyet">Sửa trên trình duyệt</a>.</noscript>
</body>
</html>
"""


def sveltia_installed(root: Path) -> bool:
    return (root / NPM_PROJECT / SVELTIA / "npm" / "index.js").is_file()


def will_be_written(edit_uri: str | None, root: Path) -> bool:
    """Whether a build with this edit address writes the editor (macros/editors/hooks.py)."""
    return Repository.from_edit_uri(edit_uri) is not None and sveltia_installed(root)


def register(env) -> None:
    """The guide's macro `web_editor_link(text)`: a link to /bien-tap/ when this build writes the
    editor, else the words alone (an archived snapshot, or a machine without `make cms`)."""
    def web_editor_link(text: str) -> str:
        root = Path(env.conf["config_file_path"]).resolve().parent
        if not will_be_written(env.conf.get("edit_uri"), root):
            return html.escape(text)
        href = site_state.current().urls.link(EDITOR, env.page.url)
        return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'
    env.macro(web_editor_link)


def write_editor(site_dir: Path, root: Path, records: Records, repository: Repository,
                 guide_href: str, site_url: str | None = None) -> Path:
    """site/bien-tap/: the page, its configuration, our scripts, Sveltia CMS and the YAML library.
    `guide_href` is the guide's address from the page, for readers without JavaScript."""
    target = site_dir / PAGE
    target.mkdir(parents=True, exist_ok=True)
    (site_dir / EDITOR.src_uri).write_text(page_html(records, GITHUB_API, guide_href), encoding="utf-8")
    (target / "config.yml").write_text(config_text(editor_config(records, repository, site_url=site_url)),
                                       encoding="utf-8")
    project = root / NPM_PROJECT
    for name in OUR_SCRIPTS:
        shutil.copyfile(project / name, target / name)
    copy_sveltia(project / SVELTIA, target / "sveltia")
    shutil.copytree(project / YAML_LIBRARY, target / "yaml", dirs_exist_ok=True)
    return target


# Sveltia's npm build is the one to serve: its fonts are its own files, where the CDN build
# fetches them from jsDelivr. Two things in it are written for a bundler, and the copy fixes them
# (each fix checks that it found what it expects, so a new Sveltia version cannot slip through):
# - a locale's strings are imported as `import('../locales/vi.json')`, which a browser loads only
#   with the JSON module type;
# - its components' styles still name the fonts on jsDelivr (the script then loads its own copies
#   by the FontFace API): they are pointed at those copies, so nothing is asked of jsDelivr.
_LOCALE_IMPORT = re.compile(r"import\(`(\.\./locales/[A-Za-z-]+\.json)`\)")
_CDN_FONT = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)(?::vf)?@[0-9.]+/([a-z0-9-]+)\.woff2")


# Strings the editors meet that Sveltia's Vietnamese locale does not have yet (it then shows the
# English ones): added to the copy of vi.json, never replacing one it has.
VI_STRINGS = {
    "sign_in_using_access_token_workflow_note":
        "Vì trang dùng quy trình biên tập, mã cũng phải có quyền đọc/ghi pull request.",
    "select_item": "Chọn {$name}",
    "show_errors": "Hiện lỗi",
    "list_item_options": "Tùy chọn của mục",
    "file_unavailable": "Không mở được",
    "file_unavailable_description": "Không tải được tệp này. Có thể tệp đã bị chuyển hoặc xóa.",
    "entry_sidebar": {"slug": {
        "title": "Tên tệp",
        "generated_on_save": "Tên tệp được tạo từ nội dung bài khi lưu.",
        "unavailable": "Bài này không có tên tệp riêng."}},
    "save_conflict": {
        "title": "Bài đã được người khác sửa",
        "modified_by": "{$name} đã sửa bài này lúc {$date}, sau khi bạn mở nó.",
        "modified": "Bài này đã được sửa trong kho dữ liệu sau khi bạn mở nó.",
        "deleted": "Bài này đã bị xóa khỏi kho dữ liệu sau khi bạn mở nó.",
        "overwrite_warning": "Nếu lưu bây giờ, các thay đổi của người kia sẽ mất.",
        "recreate_warning": "Nếu lưu bây giờ, bài sẽ được tạo lại.",
        "save_anyway": "Vẫn lưu",
        "branch_moved": "Kho dữ liệu vừa được người khác cập nhật trong lúc lưu. Hãy lưu lại."},
}


def _add_strings(locale: dict, english: dict, strings: dict, path: str = "") -> None:
    """Add `strings` to a locale where it has none; each must be one Sveltia still uses (in en-US)."""
    for key, value in strings.items():
        if key not in english:
            raise RuntimeError(f"Sveltia's en-US locale has no {path}{key}: update VI_STRINGS in macros/editors/cms.py")
        if isinstance(value, dict):
            _add_strings(locale.setdefault(key, {}), english[key], value, f"{path}{key}.")
        else:
            locale.setdefault(key, value)


def copy_sveltia(package: Path, target: Path) -> None:
    """Sveltia's npm build (ES modules, fonts, locales) without its source maps, made loadable."""
    ignore = shutil.ignore_patterns("*.map")
    shutil.copytree(package / "npm", target / "npm", ignore=ignore, dirs_exist_ok=True)
    shutil.copytree(package / "locales", target / "locales", ignore=ignore, dirs_exist_ok=True)
    shutil.copyfile(package / "LICENSE.txt", target / "LICENSE.txt")
    vietnamese = json.loads((target / "locales" / "vi.json").read_text(encoding="utf-8"))
    english = json.loads((package / "locales" / "en-US.json").read_text(encoding="utf-8"))
    _add_strings(vietnamese, english, VI_STRINGS)
    (target / "locales" / "vi.json").write_text(json.dumps(vietnamese, ensure_ascii=False, separators=(",", ":")),
                                                encoding="utf-8")
    entry = target / "npm" / "index.js"
    text = entry.read_text(encoding="utf-8")
    locales = sorted(p.stem for p in (package / "locales").glob("*.json"))
    text, count = _LOCALE_IMPORT.subn(r"import(`\1`,{with:{type:`json`}})", text)
    # Each locale but the bundled en-US is imported once; anything else means Sveltia changed.
    if count != len(locales) - 1:
        raise RuntimeError(f"{entry}: expected {len(locales) - 1} locale imports to give a JSON type, found {count}; "
                           "check the Sveltia CMS version in cms/package.json")
    text, fonts = _CDN_FONT.subn(lambda m: _own_font(target / "npm" / "assets", m), text)
    if fonts == 0 or "cdn.jsdelivr.net" in text:
        raise RuntimeError(f"{entry}: the fonts' jsDelivr addresses were not all replaced ({fonts} found)")
    entry.write_text(text, encoding="utf-8")


def _own_font(assets: Path, match: re.Match) -> str:
    """The package's copy of a font named on jsDelivr, as the page (bien-tap/) reaches it."""
    family, variant = match.groups()
    found = sorted(assets.glob(f"{family}-{variant}-*.woff2"))
    if len(found) != 1:
        raise RuntimeError(f"no single copy of the font {family} {variant} in {assets}: {found}")
    return f"sveltia/npm/assets/{found[0].name}"


# -- command line ---------------------------------------------------------------------------------
def add_subparser(sub) -> None:
    parser = sub.add_parser("cms-config", help="in cấu hình trang biên tập /bien-tap/ (Sveltia CMS)")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--api-root", help="địa chỉ API của GitHub (mặc định https://api.github.com)")


def run(args) -> int:
    root = args.root.resolve()
    records, problems = load_project(root)
    if records is None or has_errors(problems):
        print(render(problems, "text"), file=sys.stderr)
        return 1
    repository = Repository.from_edit_uri(read_mkdocs_config(root).get("edit_uri"))
    if repository is None:
        print("mkdocs.yml cần edit_uri dạng https://github.com/CHỦ/KHO/edit/NHÁNH/... để biết kho dữ liệu",
              file=sys.stderr)
        return 2
    sys.stdout.write(config_text(editor_config(records, repository, api_root=args.api_root)))
    return 0
