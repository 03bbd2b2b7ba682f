"""What the web editor writes, and what the build puts in site/bien-tap/.

The file format (cms/khcn-yaml.js) runs in Node on the copy the build made, with the YAML
library it ships with: each case reads a record as the editor does, changes it as a form
would, and writes it back. The text must be exactly the expected one, and the site's strict
reader (macros/records/yamlio.py) must read it without a problem and find the values the form
held: "yes" stays text, "02" stays text, a date is a date. Marked `browser`: it needs Node and
Sveltia CMS, which `make test` installs with the browser tests' tools.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from macros.archive.project import load_project
from macros.editors import cms
from macros.records.yamlio import parse_text
from site_helpers import FIXTURE, archived_fixture

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
HARNESS = Path(__file__).resolve().parent / "khcn_yaml_cases.mjs"


@pytest.fixture(scope="module")
def editor_dir(built_site: Path) -> Path:
    folder = built_site / cms.PAGE
    if not (folder / "index.html").is_file():
        pytest.fail("the built site has no /bien-tap/: run `make cms` (npm ci in cms/ installs Sveltia CMS)")
    return folder


@pytest.fixture(scope="module")
def records():
    """The records the shared build was made from (tests/fixtures/records/)."""
    found, problems = load_project(FIXTURE)
    assert found is not None, problems
    return found


@pytest.fixture(scope="module")
def write(editor_dir: Path, records, tmp_path_factory):
    """write([(kind, original or None, form or changes), ...]) -> the texts the editor writes."""
    if shutil.which("node") is None:
        pytest.fail("node is missing: `make test` installs it with the browser tests' tools")
    work = tmp_path_factory.mktemp("khcn-yaml")
    shutil.copyfile(editor_dir / "khcn-yaml.js", work / "khcn-yaml.js")
    shutil.copytree(editor_dir / "yaml", work / "yaml")
    shutil.copyfile(HARNESS, work / "cases.mjs")
    (work / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    formats = cms.record_formats(records)

    def run(cases: list[dict]) -> list[str]:
        payload = json.dumps({"formats": formats, "cases": cases}, ensure_ascii=False)
        result = subprocess.run(["node", "cases.mjs"], cwd=work, input=payload, capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)
    return run


def read(text: str, name: str = "data/x.yml"):
    """The strict reader's view of a text: (values, problems)."""
    document = parse_text(text, name)
    return (document.root.to_python() if document.root else None), document.problems


# -- writing a new record --------------------------------------------------------------------------
def test_a_new_record_is_written_as_the_strict_reader_reads_it(write):
    form = {"id": "thu-nghiem", "name": "no", "department": "yes", "code": "02", "code_source": "1:30",
            "website": "", "established": "2025-07-01",
            "history": [{"event": "merged_into", "date": "2026-01-05", "into": "y", "source": "0b1",
                         "note": "1_000"}],
            "membership": [{"since": "unknown", "source": "2023-04", "known_member_in": "2024",
                            "conference": None, "until": ""}]}
    [text] = write([{"kind": "province", "original": None, "form": form}])
    assert text == (
        "id: thu-nghiem\n"
        'name: "no"\n'
        'department: "yes"\n'
        'code: "02"\n'
        'code_source: "1:30"\n'
        "established: 2025-07-01\n"
        "history:\n"
        "  - event: merged_into\n"
        "    date: 2026-01-05\n"
        '    into: "y"\n'
        '    source: "0b1"\n'
        '    note: "1_000"\n'
        "membership:\n"
        "  - since: unknown\n"
        '    source: "2023-04"\n'
        '    known_member_in: "2024"\n')
    values, problems = read(text)
    assert problems == []
    assert values["name"] == "no" and values["code"] == "02" and values["established"] == dt.date(2025, 7, 1)
    assert values["history"][0]["note"] == "1_000" and values["membership"][0]["known_member_in"] == "2024"


def test_a_figure_is_bare_unless_it_carries_more_than_its_value(write):
    form = {"province": "hoa-binh", "period": "2022-2023", "source": "qd-2667-qd-bkhcn", "note": "",
            "figures": {
                "de-tai-du-an": {"value": 12, "status": "exact", "note": "", "source": ""},
                "kinh-phi-cap-co-so": {"value": 2000, "status": "lower_bound", "note": "trên 2.000, xấp xỉ"},
                "nhan-hieu-duoc-cap": {"value": "", "status": "not_reported"},
                "chinh-sach-doi-moi-cong-nghe": {"value": False},
                "ban-tin-khcn": {"value": "", "status": "", "note": "", "source": ""},
            }}
    [text] = write([{"kind": "report", "original": None, "form": form}])
    assert text == (
        "province: hoa-binh\n"
        'period: "2022-2023"\n'
        "source: qd-2667-qd-bkhcn\n"
        "figures:\n"
        "  de-tai-du-an: 12\n"
        '  kinh-phi-cap-co-so: {value: 2000, status: lower_bound, note: "trên 2.000, xấp xỉ"}\n'
        "  nhan-hieu-duoc-cap: {status: not_reported}\n"
        "  chinh-sach-doi-moi-cong-nghe: false\n")
    assert read(text)[1] == []


def test_a_draft_without_its_required_texts_leaves_them_out(write):
    """Sveltia saves a workflow draft before it is complete: the checks then say what is missing."""
    [text] = write([{"kind": "report", "original": None,
                     "form": {"province": "hoa-binh", "period": "2022-2023", "source": "", "figures": {}}}])
    assert text == 'province: hoa-binh\nperiod: "2022-2023"\nfigures: {}\n'


# -- editing a record ------------------------------------------------------------------------------
REPORT = """\
# Số liệu Yên Bái (bản thử)
province: yen-bai
period: 2022-2023
source: "2023-04"   # bản tin

figures:
  # nghiên cứu
  de-tai-du-an: 12  # cả hai cấp
  kinh-phi-cap-co-so: {value: 1500.0, status: lower_bound, note: 'Nguồn ghi "trên 1.500".'}
  chinh-sach-doi-moi-cong-nghe: true
"""


def test_editing_values_changes_only_their_text(write):
    texts = write([
        {"kind": "report", "original": REPORT, "changes": {}},
        {"kind": "report", "original": REPORT, "changes": {"figures.de-tai-du-an.value": 13}},
        {"kind": "report", "original": REPORT, "changes": {"figures.kinh-phi-cap-co-so.value": 1501.5,
                                                          "figures.kinh-phi-cap-co-so.note": "yes"}},
        {"kind": "report", "original": REPORT, "changes": {"source": "2024-01",
                                                          "figures.chinh-sach-doi-moi-cong-nghe.value": False}},
    ])
    assert texts[0] == REPORT  # saved unchanged: byte for byte
    assert texts[1] == REPORT.replace("de-tai-du-an: 12  #", "de-tai-du-an: 13  #")
    assert texts[2] == REPORT.replace("{value: 1500.0, status: lower_bound, note: 'Nguồn ghi \"trên 1.500\".'}",
                                      '{value: 1501.5, status: lower_bound, note: "yes"}')
    assert texts[3] == REPORT.replace('source: "2023-04"', 'source: "2024-01"').replace(
        "chinh-sach-doi-moi-cong-nghe: true", "chinh-sach-doi-moi-cong-nghe: false")
    for text in texts:
        assert read(text)[1] == []


def test_adding_and_removing_keeps_comments_and_order(write):
    [text] = write([{"kind": "report", "original": REPORT, "changes": {
        "note": "Ghi chú: số sơ bộ",
        "figures.ban-tin-khcn": {"value": 4, "status": "provisional"},
        "figures.chinh-sach-doi-moi-cong-nghe": None,
    }, "order": ["province", "period", "source", "note", "figures"]}])
    assert text == (
        "# Số liệu Yên Bái (bản thử)\n"
        "province: yen-bai\n"
        "period: 2022-2023\n"
        'source: "2023-04" # bản tin\n'
        'note: "Ghi chú: số sơ bộ"\n'
        "\n"
        "figures:\n"
        "  # nghiên cứu\n"
        "  de-tai-du-an: 12 # cả hai cấp\n"
        "  kinh-phi-cap-co-so: {value: 1500.0, status: lower_bound, note: 'Nguồn ghi \"trên 1.500\".'}\n"
        "  ban-tin-khcn: {value: 4, status: provisional}\n")
    values, problems = read(text)
    assert problems == [] and values["note"] == "Ghi chú: số sơ bộ"


@pytest.mark.parametrize("folder", [FIXTURE / "data", ROOT / "tests" / "fixtures" / "history" / "data"],
                         ids=["records", "history"])
def test_every_record_reads_and_writes_back_unchanged(write, folder):
    """Opening and saving a record without a change leaves its file as it is (the fixtures'
    records, those of the rule tests and those of the bloc's history)."""
    cases, files = [], []
    for path in sorted(folder.rglob("*.yml")):
        rel = path.relative_to(folder)
        kind = next((k for k, (pattern, _m) in cms.KINDS.items() if rel.match(pattern)), None)
        if kind in (*cms.EDITED, "totals"):
            files.append(path)
            cases.append({"kind": kind, "original": path.read_text(encoding="utf-8"), "changes": {}})
    assert len(cases) > 5
    assert write(cases) == [path.read_text(encoding="utf-8") for path in files]


# -- an erratum: values typed as text, written as what they mean ---------------------------------------
ERRATUM_FORM = {"id": "2023-04-lao-cai", "issue": "2023-04", "date": "2024-03-01",
                "corrections": [{"file": "data/reports/lao-cai/2022-2023.yml", "path": "figures.phuong-tien-do-kiem-dinh",
                                 "published_value": "11442", "corrected_value": "11443"}],
                "what": "Số phương tiện đo được kiểm định là 11.443.", "why": "Sở gửi văn bản đính chính."}


def test_an_erratum_typed_in_the_form_validates_against_the_figure_it_corrects(write, tmp_path):
    """The form's value boxes are text; the file holds 11442 (a number, as the figure is), not
    "11442", or validate would find the erratum does not match the figure (E512)."""
    [text] = write([{"kind": "erratum", "original": None, "form": ERRATUM_FORM}])
    assert "    published_value: 11442\n    corrected_value: 11443\n" in text
    root = archived_fixture(tmp_path)
    report = root / "data" / "reports" / "lao-cai" / "2022-2023.yml"
    report.write_text(report.read_text(encoding="utf-8").replace("11442", "11443"), encoding="utf-8")
    (root / "data" / "errata").mkdir()
    (root / "data" / "errata" / "2023-04-lao-cai.yml").write_text(text, encoding="utf-8")
    found, problems = load_project(root)
    assert found is not None and [p.format_text() for p in problems if p.code.startswith("E")] == []
    assert found.archive.figure_corrections[("2022-2023", "lao-cai", "phuong-tien-do-kiem-dinh")].corrected == 11443


def test_an_erratum_keeps_text_as_text_and_is_edited_in_place(write):
    form = {**ERRATUM_FORM, "corrections": [
        {"file": "data/bulletins/2023-04.yml", "path": "articles.0.title", "published_value": "Số 02",
         "corrected_value": "02"},
        {"file": "data/totals/2022-2023.yml", "path": "figures.x", "published_value": "2.5", "corrected_value": "true"}]}
    [text] = write([{"kind": "erratum", "original": None, "form": form}])
    values, problems = read(text)
    assert problems == []
    assert [(c["published_value"], c["corrected_value"]) for c in values["corrections"]] == [("Số 02", "02"), (2.5, True)]
    original = text.replace("published_value: 2.5", "published_value: 2.5  # như đã in")
    [same, edited] = write([{"kind": "erratum", "original": original, "changes": {}},
                            {"kind": "erratum", "original": original, "changes": {"corrections.1.published_value": "2.75"}}])
    assert same == original
    assert edited == original.replace("published_value: 2.5  #", "published_value: 2.75  #")


# -- the build's copy ------------------------------------------------------------------------------
def test_the_built_configuration_is_the_generated_one(editor_dir, records):
    text = (editor_dir / "config.yml").read_text(encoding="utf-8")
    assert "không sửa tay" in text
    repository = cms.Repository.from_edit_uri(yaml.safe_load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "")).get("edit_uri"))
    assert yaml.safe_load(text) == cms.editor_config(records, repository)


@pytest.mark.parametrize("which", ["built", "archived"])
def test_the_configuration_is_valid_for_sveltia(editor_dir, which, tmp_path):
    """Sveltia CMS's own JSON Schema for its configuration, from the pinned package: the built
    one, and one with an archived issue (its read-only collection)."""
    schema = json.loads((ROOT / cms.NPM_PROJECT / cms.SVELTIA / "schema" / "sveltia-cms.json").read_text("utf-8"))
    if which == "built":
        config = yaml.safe_load((editor_dir / "config.yml").read_text(encoding="utf-8"))
    else:
        archived, _problems = load_project(archived_fixture(tmp_path))
        config = cms.editor_config(archived, cms.Repository("khcn-trung-du/website", "main"))
        assert any("files" in c for c in config["collections"])
    # The provinces' report collections differ only by folder, label and filter (their fields are
    # one object in the file): one of them stands for all, which keeps the check to seconds.
    reports = [c for c in config["collections"] if c.get("format") == "khcn-report" and "folder" in c]
    config["collections"] = [c for c in config["collections"] if c not in reports[1:]]
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(config), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message[:200]}" for e in errors] == []


def test_sveltia_is_served_from_the_site_with_its_fonts_and_locales(editor_dir):
    entry = (editor_dir / "sveltia" / "npm" / "index.js").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in entry
    fonts = re.findall(r"url\((sveltia/npm/assets/[^)]+\.woff2)\)", entry)
    assert len(fonts) == 3 and all((editor_dir / font).is_file() for font in fonts)
    assert "import(`../locales/vi.json`,{with:{type:`json`}})" in entry
    assert (editor_dir / "sveltia" / "locales" / "vi.json").is_file()
    assert (editor_dir / "sveltia" / "LICENSE.txt").is_file()
    assert list(editor_dir.rglob("*.map")) == []
    assert (editor_dir / "yaml" / "index.js").is_file()


def test_the_editor_is_linked_from_the_guide_only(built_site):
    linking = []
    for page in built_site.rglob("*.html"):
        if cms.PAGE in page.relative_to(built_site).parts:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if any(f"{cms.PAGE}/" in (a.get("href") or "") for a in soup.find_all("a")):
            linking.append(page.relative_to(built_site).as_posix())
    assert linking == ["huong-dan/index.html"]
    guide = BeautifulSoup((built_site / "huong-dan" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert guide.find(id="sua-tren-trinh-duyet") is not None
    assert not any(cms.PAGE in (a.get("href") or "") for a in guide.select("nav a"))  # not in the tabs
