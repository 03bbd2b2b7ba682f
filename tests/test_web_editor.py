"""The web editor's configuration (/bien-tap/, macros/editors/cms.py), without a browser.

The configuration is generated from the schema, the catalogue and the records: these tests
check that each part of it follows its source, so that a new indicator, field, period or
archived issue reaches the forms without anyone editing them, and that archived records
are offered read-only. They read the frozen records of tests/fixtures/records/, with issue
2023-04 archived as they stand. The browser tests (tests/browser/test_web_editor_browser.py) check
what the forms write.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from macros.archive.project import load_project
from macros.cli import main
from macros.editors import cms
from macros.editors import hooks as editor_hooks
from macros.records.problems import has_errors
from macros.records.schema import KINDS, STATUS_DESCRIPTIONS, Report
from macros.site.urls import Urls
from site_helpers import archived_fixture

REPO = Path(__file__).resolve().parents[1]
REPOSITORY = cms.Repository("khcn-trung-du/website", "main")


@pytest.fixture(scope="module")
def archived_root(tmp_path_factory) -> Path:
    return archived_fixture(tmp_path_factory.mktemp("archived"))


@pytest.fixture(scope="module")
def records(archived_root):
    found, problems = load_project(archived_root)
    assert found is not None, problems
    return found


@pytest.fixture(scope="module")
def config(records) -> dict:
    return cms.editor_config(records, REPOSITORY)


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def field(fields: list[dict], name: str) -> dict:
    return next(f for f in fields if f["name"] == name)


def figure_fields(config: dict, name: str = "so-lieu-lao-cai") -> list[dict]:
    return field(collection(config, name)["fields"], "figures")["fields"]


def project_copy(tmp_path: Path) -> Path:
    archived_fixture(tmp_path)
    shutil.copyfile(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


# -- the repository and the page -----------------------------------------------------------------
@pytest.mark.parametrize(("edit_uri", "expected"), [
    ("https://github.com/khcn-trung-du/website/edit/main/content/", REPOSITORY),
    ("https://github.com/so-khcn/du-lieu/blob/phat-hanh/content/", cms.Repository("so-khcn/du-lieu", "phat-hanh")),
    ("", None), (None, None), ("https://gitlab.com/a/b/-/edit/main/", None),
])
def test_the_repository_comes_from_the_edit_address(edit_uri, expected):
    assert cms.Repository.from_edit_uri(edit_uri) == expected


def test_the_page_may_reach_only_itself_and_the_git_hosts_api(records):
    html = cms.page_html(records, cms.GITHUB_API, "../huong-dan/")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["connect-src"] == "'self' data: https://api.github.com"
    assert directives["script-src"] == "'self'"
    assert directives["font-src"] == "'self'"
    # No other address anywhere in the policy.
    assert re.findall(r"https?://[^\s;]+", policy) == ["https://api.github.com"]
    assert '<html lang="vi">' in html and 'href="config.yml"' in html
    assert "Khối hợp tác KH&amp;CN" in html  # the bloc's name, escaped
    assert '<a href="../huong-dan/#sua-tren-trinh-duyet">' in html  # for readers without JavaScript


# -- fields from the schema and the catalogue ------------------------------------------------------
def test_each_indicator_is_one_typed_field_labelled_with_its_unit(config, records):
    fields = {f["name"]: f for f in figure_fields(config)}
    assert list(fields) == list(records.indicators)  # every indicator, in the catalogue's order
    for indicator in records.indicators.values():
        made = fields[indicator.id]
        assert made["label"] == f"{indicator.label} ({indicator.unit})"
        assert indicator.description in made["hint"] and made["required"] is False
        value = field(made["fields"], "value")
        assert value["label"] == f"Giá trị ({indicator.unit})"
        expected = {"integer": ("number", "int"), "decimal": ("number", "float"),
                    "percent": ("number", "float"), "boolean": ("select", None)}[indicator.value_type]
        assert (value["widget"], value.get("value_type")) == expected
    assert field(fields["ty-le-cap-tinh-nong-nghiep"]["fields"], "value")["max"] == 100
    assert field(fields["chinh-sach-doi-moi-cong-nghe"]["fields"], "value")["options"] == [
        {"label": "Có (true)", "value": True}, {"label": "Không (false)", "value": False}]


def test_a_figure_offers_every_status_a_note_and_its_own_source(config):
    parts = figure_fields(config)[0]["fields"]
    assert [f["name"] for f in parts] == ["value", "status", "note", "source"]
    assert [o["value"] for o in field(parts, "status")["options"]] == list(STATUS_DESCRIPTIONS)
    assert field(parts, "status")["options"][1]["label"].startswith("lower_bound: số tối thiểu")


def test_a_new_indicator_in_the_catalogue_is_a_new_field(tmp_path):
    root = project_copy(tmp_path)
    catalogue = root / "data" / "indicators.yml"
    text = catalogue.read_text(encoding="utf-8")
    new = ("      - id: chi-so-thu-nghiem\n        label: Chỉ số thử nghiệm\n        unit: lượt\n"
           "        value_type: integer\n        summed: true\n        description: Một chỉ số mới.\n")
    catalogue.write_text(text.replace("  - id: co-so\n", new + "  - id: co-so\n", 1), encoding="utf-8")
    found, problems = load_project(root)
    assert found is not None and "chi-so-thu-nghiem" in found.indicators, problems
    made = field(figure_fields(cms.editor_config(found, REPOSITORY)), "chi-so-thu-nghiem")
    assert made["label"] == "Chỉ số thử nghiệm (lượt)"


@pytest.mark.parametrize("kind", [*cms.EDITED, "totals"])
def test_every_schema_field_has_a_vietnamese_label(kind):
    model = KINDS[kind][1]
    names = set()
    schema = model.model_json_schema()
    for part in [schema, *schema.get("$defs", {}).values()]:
        names |= set(part.get("properties", {}))
    names -= {"value", "status"}  # the figure's own parts, labelled by FIGURE_LABELS
    assert names <= set(cms.LABELS), sorted(names - set(cms.LABELS))


def test_a_field_without_a_label_stops_the_generation(records, monkeypatch):
    monkeypatch.delitem(cms.LABELS, "note")
    with pytest.raises(KeyError, match="LABELS has no Vietnamese label for the field 'note'"):
        cms._FieldMaker(records).fields(Report)


def test_required_fields_patterns_and_choices_follow_the_schema(config, records):
    fields = collection(config, "so-lieu-lao-cai")["fields"]
    assert field(fields, "province") == {"name": "province", "label": "Tỉnh", "widget": "hidden",
                                         "default": "lao-cai"}
    period = field(fields, "period")
    assert period["required"] is True and period["widget"] == "select"
    assert [o["value"] for o in period["options"]] == sorted(records.periods)
    assert period["default"] == "2022-2023"
    sources = [o["value"] for o in field(fields, "source")["options"]]
    assert sources == sorted(records.bulletins) + sorted(records.documents)
    assert field(fields, "note")["required"] is False
    province = collection(config, "tinh")["fields"]
    assert field(province, "id")["pattern"][0] == r"^[a-z0-9]+(-[a-z0-9]+)*$"
    assert field(province, "code")["pattern"] == [r"^[0-9]{2}$", 'Cần hai chữ số trong ngoặc kép, ví dụ "02"']
    assert field(province, "website")["type"] == "url"
    since = field(field(province, "membership")["fields"], "since")
    assert since["pattern"][0] == r"^([0-9]{4}-[0-9]{2}-[0-9]{2}|unknown)$"
    start = field(collection(config, "ky-bao-cao")["fields"], "start")
    assert (start["widget"], start["type"], start["format"], start["required"]) == ("datetime", "date",
                                                                                    "YYYY-MM-DD", True)
    assert field(collection(config, "so-ban-tin")["fields"], "articles")["widget"] == "list"
    summary = field(field(collection(config, "so-ban-tin")["fields"], "articles")["fields"], "summary")
    assert summary["widget"] == "text"  # Markdown: a plain box, written as typed


def test_one_collection_per_province_folder_then_each_kind(config, records):
    names = [c["name"] for c in config["collections"]]
    reports = [f"so-lieu-{p}" for p in sorted(records.provinces)]
    assert names == reports + ["so-ban-tin", "hoi-nghi-cua-khoi", "ky-bao-cao", "tinh",
                               "van-ban-tai-lieu-nguon", "dinh-chinh", "da-luu-tru"]
    lao_cai = collection(config, "so-lieu-lao-cai")
    assert (lao_cai["folder"], lao_cai["slug"], lao_cai["format"]) == ("data/reports/lao-cai", "{{period}}",
                                                                       "khcn-report")
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {**config["backend"], "name": "github", "repo": "khcn-trung-du/website",
                                 "branch": "main", "auth_methods": ["token"]}
    assert all(c.get("publish") is False for c in config["collections"])  # merged on GitHub, after review


# -- archived records ------------------------------------------------------------------------------
def test_archived_records_are_out_of_the_editable_collections(config, records):
    published = set(records.archive.snapshots["2023-04"].records)
    assert set(cms.locked_files(records)) == published
    assert collection(config, "so-lieu-lao-cai")["filter"] == {"field": "period", "pattern": "^(?!(?:2022\\-2023)$)"}
    assert "filter" not in collection(config, "so-lieu-yen-bai")  # nothing of Yên Bái was archived
    assert collection(config, "hoi-nghi-cua-khoi")["filter"]["pattern"] == "^(?!(?:11)$)"
    pattern = re.compile(collection(config, "tinh")["filter"]["pattern"])
    assert not pattern.match("lao-cai") and pattern.match("yen-bai") and pattern.match("lao-cai-moi")


def test_archived_records_are_shown_read_only(config, records):
    archive = collection(config, "da-luu-tru")
    files = {f["file"]: f for f in archive["files"]}
    assert set(files) == set(records.archive.snapshots["2023-04"].records)
    report = files["data/reports/lao-cai/2022-2023.yml"]
    assert report["format"] == "khcn-report" and "bản tin 2023-04" in report["label"]

    def all_fields(fields):
        for made in fields:
            yield made
            yield from all_fields(made.get("fields", []))
    assert all(made["readonly"] is True for f in files.values() for made in all_fields(f["fields"]))
    assert "đính chính" in archive["description"]


def test_an_erratum_makes_its_files_editable_again(tmp_path):
    root = project_copy(tmp_path)
    (root / "data" / "errata").mkdir()
    (root / "data" / "errata" / "2023-04-lao-cai.yml").write_text(
        'id: 2023-04-lao-cai\nissue: "2023-04"\ndate: 2024-03-01\ncorrections:\n'
        '  - file: data/reports/lao-cai/2022-2023.yml\n    path: figures.phuong-tien-do-kiem-dinh\n'
        '    published_value: 11442\n    corrected_value: 11443\n'
        'what: Sửa số liệu.\nwhy: Sở gửi văn bản đính chính.\n',
        encoding="utf-8")
    report = root / "data" / "reports" / "lao-cai" / "2022-2023.yml"
    report.write_text(report.read_text(encoding="utf-8").replace(": 11442", ": 11443"), encoding="utf-8")
    found, problems = load_project(root)
    assert found is not None and not has_errors(problems), problems
    assert "data/reports/lao-cai/2022-2023.yml" not in cms.locked_files(found)
    config = cms.editor_config(found, REPOSITORY)
    assert "filter" not in collection(config, "so-lieu-lao-cai")
    erratum = collection(config, "dinh-chinh")["fields"]
    assert [o["value"] for o in field(erratum, "issue")["options"]] == ["2023-04"]
    corrections = field(erratum, "corrections")["fields"]
    assert "data/reports/lao-cai/2022-2023.yml" in [o["value"] for o in field(corrections, "file")["options"]]


# -- what the browser's file format needs -----------------------------------------------------------
def test_the_file_formats_name_the_values_typed_as_text(records):
    """An erratum's values are text boxes in the form; cms/khcn-yaml.js writes them as what they mean."""
    assert cms.record_formats(records)["values"] == ["corrected_value", "published_value"]


def test_the_file_formats_know_each_kinds_name_and_dates(records):
    formats = cms.record_formats(records)
    assert formats["dates"] == ["accessed", "date", "end", "established", "member_on", "published", "since",
                                "start", "until"]
    assert formats["kinds"]["report"] == {"identity": ["province", "period"], "figures": True, "defaults": {},
                                          "required": ["province", "period", "source", "figures"]}
    assert formats["kinds"]["conference"]["identity"] == ["number"]
    assert formats["kinds"]["conference"]["defaults"] == {"kind": "hoi-nghi", "guests_incomplete": False}


# -- the command and the build ------------------------------------------------------------------------
def test_the_command_prints_the_generated_configuration(capsys, records, archived_root):
    shutil.copyfile(REPO / "mkdocs.yml", archived_root / "mkdocs.yml")  # the repository: edit_uri
    assert main(["cms-config", "--root", str(archived_root), "--api-root", "http://127.0.0.1:9/gh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# yaml-language-server: $schema=")
    printed = yaml.safe_load(out)
    assert printed == cms.editor_config(records, REPOSITORY, api_root="http://127.0.0.1:9/gh")
    assert printed["backend"]["api_root"] == "http://127.0.0.1:9/gh"


def test_a_build_without_an_edit_address_has_no_editor(tmp_path, monkeypatch):
    """An archived snapshot sets edit_uri "": the hook writes nothing (not even a folder)."""
    calls = []
    monkeypatch.setattr(cms, "write_editor", lambda *args, **kw: calls.append(args))
    config = SimpleNamespace(edit_uri="", config_file_path=str(REPO / "mkdocs.yml"),
                             site_dir=str(tmp_path), site_url=None)
    editor_hooks.on_post_build(config)
    assert calls == [] and list(tmp_path.iterdir()) == []


def test_a_build_without_sveltia_installed_leaves_the_editor_out(tmp_path, caplog):
    root = tmp_path / "project"
    root.mkdir()
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    config = SimpleNamespace(edit_uri="https://github.com/khcn-trung-du/website/edit/main/content/",
                             config_file_path=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"),
                             site_url=None)
    with caplog.at_level("INFO", logger="mkdocs.plugins.khcn"):
        editor_hooks.on_post_build(config)
    assert not (tmp_path / "site").exists()
    assert "chưa cài Sveltia CMS (chạy `make cms`)" in caplog.text


# -- the guide ---------------------------------------------------------------------------------------
def test_the_guide_shows_every_screenshot_and_each_is_small():
    guide = (REPO / "content" / "huong-dan.md").read_text(encoding="utf-8")
    shown = re.findall(r"\]\((assets/bien-tap/[^)]+\.png)\)", guide)
    files = sorted(p.relative_to(REPO / "content").as_posix() for p in (REPO / "content" / "assets" / "bien-tap").glob("*.png"))
    assert shown == files and len(files) == 5
    assert all((REPO / "content" / f).stat().st_size < 100_000 for f in files)
    assert "## Sửa trên trình duyệt" in guide
    assert "**Contents: Read and write**" in guide and "**Pull requests: Read and write**" in guide


def test_the_screenshot_script_finds_its_helpers_when_run_from_anywhere(tmp_path):
    # `make guide-screenshots` runs it as a script, outside pytest's import paths.
    script = REPO / "tests" / "browser" / "guide_screenshots.py"
    loaded = subprocess.run([sys.executable, "-c", f"import runpy; runpy.run_path({str(script)!r}, run_name='loaded')"],
                            cwd=tmp_path, capture_output=True, text=True, env={"PATH": os.environ["PATH"]})
    assert loaded.returncode == 0, loaded.stderr


def _guide_link(tmp_path, edit_uri, installed: bool, page_url="huong-dan/") -> str:
    if installed:
        entry = tmp_path / cms.NPM_PROJECT / cms.SVELTIA / "npm" / "index.js"
        entry.parent.mkdir(parents=True)
        entry.write_text("", encoding="utf-8")
    macros = {}
    env = SimpleNamespace(conf={"config_file_path": str(tmp_path / "mkdocs.yml"), "edit_uri": edit_uri},
                          page=SimpleNamespace(url=page_url), macro=lambda f: macros.setdefault(f.__name__, f))
    cms.register(env)
    return macros["web_editor_link"]("biên tập & sửa")


def test_the_guide_links_to_the_editor_only_when_the_build_writes_it(tmp_path, records, monkeypatch):
    monkeypatch.setattr(cms.site_state, "current", lambda: SimpleNamespace(urls=Urls(records)))
    edit_uri = "https://github.com/khcn-trung-du/website/edit/main/content/"
    assert _guide_link(tmp_path / "a", edit_uri, installed=True) == \
        '<a href="../bien-tap/index.html">biên tập &amp; sửa</a>'
    assert _guide_link(tmp_path / "b", "", installed=True) == "biên tập &amp; sửa"  # an archived snapshot
    assert _guide_link(tmp_path / "c", edit_uri, installed=False) == "biên tập &amp; sửa"
