"""`python -m macros validate`: output formats, exit codes, every error in one run."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

TEXT_LINE = re.compile(r"^(?P<file>data/[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>lỗi|cảnh báo) "
                       r"\[(?P<code>[EW]\d{3})\]: (?P<message>.+?)(?: \((?P<path>[^()]+)\))?$")
GITHUB_LINE = re.compile(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+(,title=[^:]+)?::.+$")
JSON_KEYS = {"file", "line", "column", "severity", "code", "path", "message"}


def validate(cwd, *args):
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "macros", "validate", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


@pytest.fixture
def broken_project(data_project):
    """Two broken files: every error must be reported in the same run."""
    data_project.replace("data/provinces/lao-cai.yml", "name: Lào Cai", "name: no")
    data_project.replace("data/reports/lao-cai/2022-2023.yml", "period:", "perod:")
    return data_project


def test_records_with_warnings_only_exit_0_with_the_warnings_in_text(data_project):
    result = validate(data_project.root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == [
        "data/totals/2022-2023.yml:7:17: cảnh báo [W402]: các chỉ số con \"trong đó\" (de-tai-du-an-cap-nha-nuoc, "
        "de-tai-du-an-cap-tinh) cộng lại 38 + 270 = 308, lớn hơn số đã công bố 298 (figures.de-tai-du-an)",
        "data/totals/2022-2023.yml:10:31: cảnh báo [W403]: các tỉ lệ \"Cơ cấu ĐT/DA cấp tỉnh theo "
        "lĩnh vực\" cộng lại 45,0% + 23,2% + 31,2% = 99,4%, không phải 100% (sai số làm tròn cho "
        "phép ±0,15 điểm %) (figures.ty-le-cap-tinh-nong-nghiep)"]
    assert result.stderr.strip() == "0 lỗi, 2 cảnh báo"


def test_every_error_is_reported_in_one_run_and_exit_is_1(broken_project):
    result = validate(broken_project.root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(TEXT_LINE.match(line) for line in lines), lines
    errors = [line for line in lines if " lỗi [" in line]
    assert errors == [
        "data/provinces/lao-cai.yml:2:7: lỗi [E111]: giá trị no sẽ bị YAML 1.1 đọc thành sai (false); "
        "nếu đây là văn bản, hãy đặt trong ngoặc kép, ví dụ \"no\"; nếu là có/không, hãy viết false "
        "(name)",
        "data/reports/lao-cai/2022-2023.yml:2:1: lỗi [E201]: khóa không hợp lệ \"perod\"; "
        "có phải ý bạn là \"period\"? (perod)"]
    assert result.stderr.strip() == "2 lỗi, 2 cảnh báo"


def test_text_lines_have_the_documented_shape(broken_project):
    for line in validate(broken_project.root).stdout.splitlines():
        match = TEXT_LINE.match(line)
        assert match, line
        assert (match["severity"] == "lỗi") == match["code"].startswith("E")


def test_json_format(broken_project):
    result = validate(broken_project.root, "--format", "json")
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert isinstance(items, list) and len(items) == 4
    assert all(set(item) == JSON_KEYS for item in items)
    assert items[0] == {
        "file": "data/provinces/lao-cai.yml", "line": 2, "column": 7, "severity": "error",
        "code": "E111", "path": "name",
        "message": "giá trị no sẽ bị YAML 1.1 đọc thành sai (false); nếu đây là văn bản, hãy đặt "
                   "trong ngoặc kép, ví dụ \"no\"; nếu là có/không, hãy viết false"}
    assert [(i["severity"], i["code"]) for i in items] == [
        ("error", "E111"), ("error", "E201"), ("warning", "W402"), ("warning", "W403")]
    assert result.stderr == ""


def test_json_format_without_problems_is_an_empty_list(data_project):
    data_project.replace("data/totals/2022-2023.yml", "de-tai-du-an: 298", "de-tai-du-an: 308")
    data_project.replace("data/totals/2022-2023.yml", "ty-le-cap-tinh-linh-vuc-khac: 31.2",
                         "ty-le-cap-tinh-linh-vuc-khac: 31.8")
    result = validate(data_project.root, "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_github_format(broken_project):
    result = validate(broken_project.root, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert all(GITHUB_LINE.match(line) for line in lines), lines
    assert lines[0] == (
        "::error file=data/provinces/lao-cai.yml,line=2,col=7,title=E111::[E111] giá trị no sẽ bị "
        "YAML 1.1 đọc thành sai (false); nếu đây là văn bản, hãy đặt trong ngoặc kép, ví dụ \"no\"; "
        "nếu là có/không, hãy viết false (name)")
    assert lines[2].startswith("::warning file=data/totals/2022-2023.yml,line=7,col=17,title=W402::")
    # "%" is escaped as GitHub requires ("99,4%" becomes "99,4%25").
    assert "99,4%25" in lines[3]


def test_root_option(broken_project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    result = validate(elsewhere, "--root", str(broken_project.root), "--format", "json")
    assert result.returncode == 1
    assert [i["file"] for i in json.loads(result.stdout)][:2] == [
        "data/provinces/lao-cai.yml", "data/reports/lao-cai/2022-2023.yml"]


@pytest.mark.parametrize("args", [["--format", "xml"], ["--bogus"]], ids=["bad-format", "bad-option"])
def test_wrong_usage_exits_2(data_project, args):
    result = validate(data_project.root, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "usage:" in result.stderr


def test_no_command_exits_2(data_project):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-m", "macros"], cwd=data_project.root, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2


# -- very deep nesting, and an unexpected error of the validator ----------------------------
DEEP_LIST = "[" * 900 + "]" * 900
DEEP_MAPPINGS = "".join("  " * i + f"k{i}:\n" for i in range(900)) + "  " * 900 + "v: 1\n"


@pytest.mark.parametrize("deep, position", [(DEEP_LIST, (5, 47)), (DEEP_MAPPINGS, (27, 41))],
                         ids=["lists", "mappings"])
def test_deep_nesting_is_a_problem_at_its_line_in_every_format(data_project, deep, position):
    report = "data/reports/lao-cai/2022-2023.yml"
    if deep is DEEP_LIST:
        data_project.replace(report, "phuong-tien-do-kiem-dinh: 11442", f"phuong-tien-do-kiem-dinh: {deep}")
    else:
        data_project.write(report, data_project.read(report) + "".join("  " + line + "\n"
                                                                      for line in deep.splitlines()))
    items = json.loads(validate(data_project.root, "--format", "json").stdout)
    deep_items = [i for i in items if i["code"] == "E116"]
    assert [(i["file"], i["line"], i["column"]) for i in deep_items] == [(report, *position)]
    assert deep_items[0]["message"] == (
        "bảng và danh sách lồng nhau quá 20 cấp; một bản ghi chỉ cần vài cấp: hãy kiểm tra các "
        "ngoặc [ ] và { } chưa đóng và thụt lề của các dòng")
    github = validate(data_project.root, "--format", "github")
    assert github.returncode == 1
    assert all(GITHUB_LINE.match(line) for line in github.stdout.splitlines())
    assert "Traceback" not in github.stderr


@pytest.mark.parametrize("fmt", ["json", "github", "text"])
def test_an_unexpected_error_is_still_printed_in_the_format_asked_for(data_project, monkeypatch, capsys, fmt):
    from macros import cli

    def broken(root):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(cli, "load_project", broken)
    assert cli.main(["validate", "--format", fmt, "--root", str(data_project.root)]) == 1
    out, err = capsys.readouterr()
    message = ("trình kiểm tra gặp lỗi không lường trước, không phải lỗi của dữ liệu (RuntimeError: "
               "hỏng); hãy báo cho nhóm bảo trì, kèm thông báo này")
    if fmt == "json":
        assert json.loads(out) == [{"file": "", "line": 0, "column": 0, "severity": "error", "code": "",
                                    "path": "", "message": message}]
    elif fmt == "github":
        assert out == f"::error title=python -m macros validate::{message}\n"
    else:
        assert out == f"lỗi: {message}\n"
    assert "Traceback" in err and "RuntimeError: hỏng" in err
