"""The archive register, the immutability of archived issues, errata, and citation.

Rules (macros/archive/register.py, errata.py): once an issue is in archive/register.yml,
`validate` refuses a change to what it published (E501, at the changed figure's line when the
archived commit is in git), a published file that is gone (E502), a new record citing it
(E503), unless an erratum (data/errata/*.yml) names each corrected figure, with its value as
published and its corrected value; errata are checked too (E302, E304, E312, E510-E513). Each
test asserts the exact message.

Then a small site built with a register and an erratum: /luu-tru/, the errata notices
linked both ways, and the citation metadata of the bulletin page.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.archive.register import (REGISTER, REGISTER_HEADER, AlreadyArchived, Amendment, ArchivedIssue, append_amendment,
                                     append_entry, entry_text, published_digests, read_register)
from macros.archive.citation import bulletin_citation, periodical_name
from macros.archive.project import load_project
from macros.records.loader import load_all
from macros.records.problems import ERROR, Problem
from site_helpers import SiteProject, resolve

ISSUE = "2023-04"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
SHORT = COMMIT[:12]
REPORT = "data/reports/lao-cai/2022-2023.yml"
BULLETIN = "data/bulletins/2023-04.yml"
PACKAGE_SHA = "a" * 64
ARCHIVED = dt.date(2024, 3, 15)  # the day the issue was archived, after its date
DOWNLOAD = "https://github.com/khcn-trung-du/website/releases/download/ban-tin/2023-04/khcn-ban-tin-2023-04.tar.gz"
ERRATUM = f"""id: 2023-04-lao-cai-do-kiem
issue: "2023-04"
date: 2024-03-01
corrections:
  - file: {REPORT}
    path: figures.phuong-tien-do-kiem-dinh
    published_value: 11442
    corrected_value: 11443
what: Số phương tiện đo được kiểm định của Lào Cai là **11.443**, không phải 11.442.
why: Sở KH&CN Lào Cai gửi văn bản đính chính số liệu.
"""


def steps(file: str) -> str:
    return (f"công bố một đính chính: tạo tệp data/errata/{ISSUE}-<mã>.yml với issue: \"{ISSUE}\", date, "
            f"corrections (mỗi chỗ sửa: file: {file}, path, published_value, corrected_value), what (sửa gì) và why (vì sao sửa)")


def hint(file: str) -> str:
    return "hoặc " + steps(file)


def register(root, issue: str = ISSUE, archived: dt.date | None = None, commit: str = COMMIT) -> ArchivedIssue:
    """Archive an issue of the project as its records stand now (no snapshot is built)."""
    entry = ArchivedIssue(id=issue, date=dt.date(2024, 1, 1), archived=archived, commit=commit,
                          package=f"khcn-ban-tin-{issue}.tar.gz", sha256=PACKAGE_SHA,
                          tagmanifest_sha256="b" * 64,
                          records=published_digests(load_all(root), issue))
    append_entry(root, entry)
    return entry


def archive_texts(project) -> list[str]:
    """The problems of the archive rules only (a change may also move a consistency warning)."""
    return [p.format_text() for p in project.new_problems() if p.code[:2] in ("E5", "E3")
            or p.file.startswith("data/errata/") or p.file == REGISTER]


def errors(project) -> list[Problem]:
    """New errors only: a corrected figure may also change a published total's warning (W401)."""
    return [p for p in project.new_problems() if p.severity == ERROR]


@pytest.fixture
def archived(data_project):
    register(data_project.root)
    return data_project


# -- what an issue published -----------------------------------------------------------

def test_published_records_of_the_issue(data_project):
    files = sorted(published_digests(load_all(data_project.root), ISSUE))
    assert files == [
        BULLETIN, "data/conferences/11.yml",
        *[f"data/provinces/{p}.yml" for p in ("bac-kan", "cao-bang", "ha-giang", "lai-chau", "lao-cai",
                                              "phu-tho", "tuyen-quang", "vinh-phuc")],
        *[f"data/reports/{p}/2022-2023.yml" for p in ("ha-giang", "lai-chau", "lao-cai", "phu-tho",
                                                      "vinh-phuc")],
        "data/totals/2022-2023.yml"]


def test_an_unchanged_archive_is_valid(archived):
    assert archived.new_texts() == []


def test_comments_and_the_way_a_figure_is_written_are_not_changes(archived):
    archived.replace(REPORT, "phuong-tien-do-kiem-dinh: 11442",
                     "# kiểm tra lại ngày 01/02/2024\n  phuong-tien-do-kiem-dinh: {value: 11442, status: exact}")
    assert archived.new_texts() == []


def test_facts_from_other_sources_are_not_changes(archived):
    archived.replace("data/provinces/lao-cai.yml", "membership:",
                     "history:\n  - event: merged_into\n    date: 2025-07-01\n    into: yen-bai\n"
                     "    source: nq-202-2025-qh15\nmembership:")
    archived.replace(REPORT, "figures:\n", "figures:\n  thong-tin-khcn: {value: 3, source: qd-569-qd-ttg}\n")
    assert archive_texts(archived) == []


# -- E501, E502, E503 ------------------------------------------------------------------

def test_a_changed_figure_without_erratum_is_e501(archived):
    # The register's commit is not in this folder's git: the change is reported for the file.
    archived.replace(REPORT, "11442", "11443")
    assert errors(archived) == [Problem(
        REPORT, 3, 9, ERROR, "E501", "source",
        f"phần bản ghi đã công bố trong bản tin {ISSUE} (đã lưu trữ, commit {SHORT}) bị thay đổi mà "
        f"không có đính chính (không đọc được tệp tại commit {SHORT} từ git để chỉ ra chỗ sửa); hãy hoàn "
        f"lại thay đổi (xem git diff {SHORT} -- {REPORT}), {hint(REPORT)}")]


def test_a_changed_bulletin_points_at_its_id(archived):
    archived.replace(BULLETIN, "title: Bản tin KH&CN số 4 năm 2023", "title: Bản tin KH&CN số 4/2023")
    assert [p.format_text() for p in archived.new_problems()] == [
        f"{BULLETIN}:1:5: lỗi [E501]: phần bản ghi đã công bố trong bản tin {ISSUE} (đã lưu trữ, "
        f"commit {SHORT}) bị thay đổi mà không có đính chính (không đọc được tệp tại commit {SHORT} từ git "
        f"để chỉ ra chỗ sửa); hãy hoàn lại thay đổi (xem git diff {SHORT} -- {BULLETIN}), {hint(BULLETIN)} (id)"]


def test_an_erratum_naming_the_figure_allows_the_change(archived):
    archived.replace(REPORT, "11442", "11443")
    archived.write("data/errata/2023-04-lao-cai-do-kiem.yml", ERRATUM)
    assert errors(archived) == []


def test_an_erratum_of_another_file_does_not_allow_the_change(archived):
    archived.replace(REPORT, "11442", "11443")
    archived.write("data/errata/2023-04-lao-cai-do-kiem.yml",
                   ERRATUM.replace(REPORT, "data/reports/ha-giang/2022-2023.yml"))
    # Hà Giang's instruments are not 11443: the correction is wrong, and Lào Cai's change not named.
    assert [p.code for p in errors(archived)] == ["E512", "E501"]


def test_a_removed_published_file_is_e502_at_its_register_line(archived):
    archived.remove("data/reports/phu-tho/2022-2023.yml")
    gone = "data/reports/phu-tho/2022-2023.yml"
    assert archive_texts(archived) == [
        f"{REGISTER}:26:7: lỗi [E502]: tệp {gone} đã công bố trong bản tin {ISSUE} (đã lưu trữ, "
        f"commit {SHORT}) không còn trong dữ liệu; hãy khôi phục tệp (git checkout {SHORT} -- {gone}) "
        f"(snapshots[0].records)"]


def test_a_new_record_citing_an_archived_issue_is_e503(archived):
    new = "data/reports/cao-bang/2022-2023.yml"
    archived.write(new, "province: cao-bang\nperiod: 2022-2023\nsource: \"2023-04\"\n"
                        "figures:\n  thong-tin-khcn: 2\n")
    assert [p.format_text() for p in archived.new_problems() if p.code == "E503"] == [
        f"{new}:3:9: lỗi [E503]: bản tin {ISSUE} đã phát hành và được lưu trữ (commit {SHORT}) mà không "
        "có bản ghi này, nên không thể thêm bản ghi mới dẫn nguồn số đó. Số liệu của một số bản tin "
        "mới: tạo số đó trước (python -m macros new bulletin NNNN-SS), rồi ghi mã số mới vào source. "
        f"Số liệu mà chính số {ISSUE} đã đăng nhưng bị bỏ sót: {steps(new)} (source)"]


def test_a_new_record_citing_an_issue_not_yet_created_is_told_how_to_create_it(archived):
    # The editor's path in issue 13: E302 used to suggest the archived 2023-04, which led to E503.
    new = "data/reports/cao-bang/2022-2023.yml"
    archived.write(new, "province: cao-bang\nperiod: 2022-2023\nsource: \"2024-01\"\n"
                        "figures:\n  thong-tin-khcn: 2\n")
    assert "E503" not in {p.code for p in archived.new_problems()}
    assert [p.format_text() for p in archived.new_problems() if p.code == "E302"] == [
        f"{new}:3:9: lỗi [E302]: không tìm thấy bản tin \"2024-01\" (chưa có tệp "
        "data/bulletins/2024-01.yml); số bản tin mới phải được tạo trước các bản ghi dẫn nguồn nó: "
        "python -m macros new bulletin 2024-01 (source)"]


# -- errata ----------------------------------------------------------------------------

ERRATUM_FILE = "data/errata/2023-04-lao-cai-do-kiem.yml"


@pytest.mark.parametrize("old, new, expected", [
    ('issue: "2023-04"', 'issue: "2023-40"',
     '3:8: lỗi [E302]: không tìm thấy bản tin "2023-40"; có phải ý bạn là "2023-04"? (issue)'),
    ("date: 2024-03-01", "date: 2023-12-31",
     "4:7: lỗi [E304]: ngày đính chính 31/12/2023 đứng trước ngày phát hành bản tin 01/01/2024 (date)"),
    (f"  - file: {REPORT}", "  - file: data/periods/2022-2023.yml",
     "6:11: lỗi [E511]: tệp \"data/periods/2022-2023.yml\" không phải bản ghi mà bản tin 2023-04 đã công bố "
     "(các tệp đã công bố: data/bulletins/2023-04.yml, data/conferences/11.yml, data/provinces/bac-kan.yml, "
     "data/provinces/cao-bang.yml, data/provinces/ha-giang.yml, data/provinces/lai-chau.yml, "
     "data/provinces/lao-cai.yml, data/provinces/phu-tho.yml, data/provinces/tuyen-quang.yml, "
     "data/provinces/vinh-phuc.yml, data/reports/ha-giang/2022-2023.yml, data/reports/lai-chau/2022-2023.yml, "
     "data/reports/lao-cai/2022-2023.yml, data/reports/phu-tho/2022-2023.yml, "
     "data/reports/vinh-phuc/2022-2023.yml, data/totals/2022-2023.yml) (corrections[0].file)"),
    (f"corrections:\n  - file: {REPORT}\n    path: figures.phuong-tien-do-kiem-dinh\n    published_value: 11442\n"
     "    corrected_value: 11443", "corrections: []",
     "5:14: lỗi [E510]: cần ít nhất một chỗ sửa trong corrections: file, path, published_value (giá trị đã "
     "công bố) và corrected_value (giá trị đúng), ví dụ file: data/reports/lao-cai/2022-2023.yml, "
     "path: figures.phuong-tien-do-kiem-dinh (corrections)"),
    ("id: 2023-04-lao-cai-do-kiem", "id: 2023-04-lao-cai",
     '2:5: lỗi [E312]: tên tệp "2023-04-lao-cai-do-kiem.yml" phải trùng với mã "2023-04-lao-cai"; '
     "hãy đổi tên tệp thành 2023-04-lao-cai.yml (id)"),
], ids=["unknown-issue", "date-before-issue", "file-not-published", "no-records", "file-name"])
def test_erratum_rules(archived, old, new, expected):
    archived.replace(REPORT, "11442", "11443")
    archived.write(ERRATUM_FILE, ("# Đính chính\n" + ERRATUM).replace(old, new))
    assert [text for text in archived.new_texts() if text.startswith(ERRATUM_FILE)] == [f"{ERRATUM_FILE}:{expected}"]


def test_an_erratum_kind_is_checked_by_the_schema(data_project):
    data_project.write(ERRATUM_FILE, ERRATUM.replace("why:", "whyy:"))
    assert [p.code for p in data_project.new_problems()] == ["E201"]


# -- errata, figure by figure -------------------------------------------------------------

STANDARDS = "data/reports/lao-cai/2022-2023.yml"


def git_in(root, *args) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
           "GIT_AUTHOR_NAME": "Ban biên tập", "GIT_AUTHOR_EMAIL": "bbt@example.invalid",
           "GIT_COMMITTER_NAME": "Ban biên tập", "GIT_COMMITTER_EMAIL": "bbt@example.invalid"}
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.fixture
def committed(data_project):
    """The project in a git repository, issue 2023-04 archived at its commit (the register
    names a commit git has: the archived file can be read back)."""
    git_in(data_project.root, "init", "--quiet", "--initial-branch=main")
    git_in(data_project.root, "add", "--all")
    git_in(data_project.root, "commit", "--quiet", "--message", "Bản tin 2023-04")
    commit = git_in(data_project.root, "rev-parse", "HEAD")
    register(data_project.root, commit=commit)
    data_project.commit = commit
    return data_project


def test_an_erratum_naming_the_figure_allows_that_change(committed):
    committed.replace(REPORT, "11442", "11443")
    committed.write(ERRATUM_FILE, ERRATUM)
    assert errors(committed) == []


def test_another_change_in_a_corrected_file_is_e501_at_its_line(committed):
    # The erratum names the instruments (11442 -> 11443); the standards figure 656 -> 999 is not named.
    committed.replace(REPORT, "11442", "11443")
    committed.replace(REPORT, "don-vi-tu-cong-bo-tieu-chuan: 656", "don-vi-tu-cong-bo-tieu-chuan: 999")
    committed.write(ERRATUM_FILE, ERRATUM)
    short = committed.commit[:12]
    assert [p.format_text() for p in errors(committed)] == [
        f"{REPORT}:6:33: lỗi [E501]: figures.don-vi-tu-cong-bo-tieu-chuan đã công bố trong bản tin 2023-04 "
        f"(đã lưu trữ, commit {short}) là 656, nay là 999, mà không có đính chính nêu chỗ này; hãy hoàn lại "
        f"(git diff {short} -- {REPORT}), hoặc thêm vào corrections của một đính chính: {{file: {REPORT}, "
        f"path: figures.don-vi-tu-cong-bo-tieu-chuan, published_value: 656, corrected_value: 999}} "
        f"(figures.don-vi-tu-cong-bo-tieu-chuan)"]


def test_a_changed_figure_without_erratum_is_e501_at_the_figure(committed):
    committed.replace(REPORT, "11442", "11443")
    short = committed.commit[:12]
    assert [p.format_text() for p in errors(committed)] == [
        f"{REPORT}:5:29: lỗi [E501]: figures.phuong-tien-do-kiem-dinh đã công bố trong bản tin 2023-04 "
        f"(đã lưu trữ, commit {short}) là 11442, nay là 11443, mà không có đính chính nêu chỗ này; hãy hoàn "
        f"lại (git diff {short} -- {REPORT}), hoặc thêm vào corrections của một đính chính: {{file: {REPORT}, "
        f"path: figures.phuong-tien-do-kiem-dinh, published_value: 11442, corrected_value: 11443}} "
        f"(figures.phuong-tien-do-kiem-dinh)"]


def test_a_removed_figure_is_e501(committed):
    committed.replace(REPORT, "  don-vi-tu-cong-bo-tieu-chuan: 656\n", "")
    short = committed.commit[:12]
    assert [p.format_text() for p in errors(committed)] == [
        f"{REPORT}:5:3: lỗi [E501]: figures.don-vi-tu-cong-bo-tieu-chuan đã công bố trong bản tin 2023-04 "
        f"(đã lưu trữ, commit {short}) là 656, nay bị xoá mà không có đính chính; hãy khôi phục (git diff "
        f"{short} -- {REPORT}) (figures.don-vi-tu-cong-bo-tieu-chuan)"]


def test_an_erratum_whose_published_value_is_not_the_archived_one_is_e512(committed):
    committed.replace(REPORT, "11442", "11443")
    committed.write(ERRATUM_FILE, ERRATUM.replace("published_value: 11442", "published_value: 11441"))
    assert [p.format_text() for p in errors(committed)] == [
        f"{ERRATUM_FILE}:7:22: lỗi [E512]: bản tin 2023-04 đã công bố figures.phuong-tien-do-kiem-dinh là "
        f"11442 (bản lưu trữ, commit {committed.commit[:12]}), không phải 11441; ghi đúng giá trị đã công bố "
        "(corrections[0].published_value)"]


@pytest.mark.parametrize("old, new, expected", [
    ("corrected_value: 11443", "corrected_value: 11444",
     "8:22: lỗi [E512]: đính chính ghi giá trị đúng là 11444, nhưng data/reports/lao-cai/2022-2023.yml ghi "
     "11443 ở figures.phuong-tien-do-kiem-dinh; sửa tệp dữ liệu hoặc sửa đính chính cho khớp "
     "(corrections[0].corrected_value)"),
    ("published_value: 11442", "published_value: 11443",
     "8:22: lỗi [E512]: giá trị đã công bố và giá trị đính chính giống nhau (11443): một đính chính sửa một "
     "giá trị (corrections[0].corrected_value)"),
    ("path: figures.phuong-tien-do-kiem-dinh", "path: figures.phuong-tien-do",
     "6:11: lỗi [E513]: không có figures.phuong-tien-do trong data/reports/lao-cai/2022-2023.yml; path là các "
     "khóa nối bằng dấu chấm, ví dụ figures.<mã chỉ số> cho một số liệu (corrections[0].path)"),
], ids=["corrected-not-in-file", "nothing-changes", "no-such-path"])
def test_correction_rules(archived, old, new, expected):
    archived.replace(REPORT, "11442", "11443")
    archived.write(ERRATUM_FILE, ERRATUM.replace(old, new))
    assert [p.format_text() for p in archived.new_problems() if p.file == ERRATUM_FILE] == [
        f"{ERRATUM_FILE}:{expected}"]


def test_a_correction_of_a_figure_the_issue_did_not_publish_is_e513(archived):
    archived.replace(REPORT, "figures:\n", "figures:\n  thong-tin-khcn: {value: 4, source: qd-569-qd-ttg}\n")
    archived.write(ERRATUM_FILE, ERRATUM.replace("figures.phuong-tien-do-kiem-dinh", "figures.thong-tin-khcn")
                   .replace("published_value: 11442", "published_value: 3").replace("corrected_value: 11443", "corrected_value: 4"))
    assert [p.format_text() for p in archived.new_problems() if p.file == ERRATUM_FILE] == [
        f"{ERRATUM_FILE}:6:11: lỗi [E513]: figures.thong-tin-khcn trong {REPORT} không thuộc phần bản tin "
        "2023-04 đã công bố (số liệu này dẫn nguồn khác); đính chính chỉ sửa điều số bản tin đó đã công bố "
        "(corrections[0].path)"]


REPO = Path(__file__).resolve().parents[1]
REAL_COMMIT = "4e7b3307857e9fc2d2165d70b409478ec6c66231"  # 2023-04 in archive/register.yml


@pytest.fixture
def real_copy(tmp_path):
    """This repository's data/, register and mkdocs.yml in a clone of its history, where the
    register's commit for 2023-04 can be read: data/ itself is never changed."""
    if subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", f"{REAL_COMMIT}^{{commit}}"]).returncode:
        pytest.skip(f"commit {REAL_COMMIT[:12]} is not in this clone (a shallow clone)")
    root = tmp_path / "repo"
    git_in(tmp_path, "clone", "--quiet", "--shared", "--no-checkout", str(REPO), str(root))
    for folder in ("data", "archive"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "data" / "errata").mkdir(exist_ok=True)
    (root / ERRATUM_FILE).write_text(ERRATUM, encoding="utf-8")
    return root


def real_errors(root) -> list[str]:
    found, problems = load_project(root)
    return [p.format_text() for p in problems if p.severity == ERROR]


def test_the_issues_case_on_the_real_register(real_copy):
    """Issue 12: with the erratum for Lào Cai's instruments (11442 -> 11443), also changing its
    standards figure 656 -> 999 passed validate; now it is E501 at that figure's line."""
    report = real_copy / REPORT
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("phuong-tien-do-kiem-dinh: 11442", "phuong-tien-do-kiem-dinh: 11443"),
                      encoding="utf-8")
    assert real_errors(real_copy) == []  # the erratum names that change
    report.write_text(text.replace("phuong-tien-do-kiem-dinh: 11442", "phuong-tien-do-kiem-dinh: 11443")
                      .replace("don-vi-tu-cong-bo-tieu-chuan: 656", "don-vi-tu-cong-bo-tieu-chuan: 999"), encoding="utf-8")
    assert real_errors(real_copy) == [
        f"{REPORT}:6:33: lỗi [E501]: figures.don-vi-tu-cong-bo-tieu-chuan đã công bố trong bản tin 2023-04 "
        f"(đã lưu trữ, commit 4e7b3307857e) là 656, nay là 999, mà không có đính chính nêu chỗ này; hãy hoàn "
        f"lại (git diff 4e7b3307857e -- {REPORT}), hoặc thêm vào corrections của một đính chính: {{file: "
        f"{REPORT}, path: figures.don-vi-tu-cong-bo-tieu-chuan, published_value: 656, corrected_value: 999}} "
        "(figures.don-vi-tu-cong-bo-tieu-chuan)"]


# -- the register ------------------------------------------------------------------------

def test_register_is_read_back_as_written(data_project):
    entry = register(data_project.root)
    found = read_register(data_project.root)
    assert found.problems == [] and found.register.snapshots == [entry]
    assert data_project.read(REGISTER).endswith(entry_text(entry))


def test_archiving_twice_is_refused_and_the_register_is_unchanged(archived):
    before = archived.path(REGISTER).read_bytes()
    with pytest.raises(AlreadyArchived):
        register(archived.root)
    assert archived.path(REGISTER).read_bytes() == before


def test_a_new_entry_keeps_every_earlier_byte(archived):
    before = archived.read(REGISTER)
    archived.write("data/bulletins/2024-01.yml", archived.read(BULLETIN)
                   .replace("id: 2023-04", "id: 2024-01").replace("number: 4", "number: 1")
                   .replace("year: 2023", "year: 2024").replace("số 4 năm 2023", "số 1 năm 2024"))
    register(archived.root, "2024-01")
    assert archived.read(REGISTER).startswith(before)
    assert [e.id for e in read_register(archived.root).register.snapshots] == [ISSUE, "2024-01"]


def test_a_broken_register_is_an_error_with_its_position(data_project):
    data_project.write(REGISTER, "snapshots:\n  - id: \"2023-04\"\n    sha256: abc\n")
    texts = [p.format_text() for p in data_project.new_problems()]
    assert texts and all(t.startswith(f"{REGISTER}:") and ": lỗi [E2" in t for t in texts)
    assert f"{REGISTER}:3:13: lỗi [E203]: cần giá trị đúng dạng, gặp văn bản \"abc\" " \
           "(snapshots[0].sha256)" in texts


def test_an_issue_registered_twice_is_e507(archived):
    text = archived.read(REGISTER)
    entries = text[text.index("  - id:"):]
    archived.write(REGISTER, text + entries)
    line = (text + entries).count("\n", 0, len(text)) + 1
    assert archived.new_texts() == [
        f"archive/register.yml:{line}:5: lỗi [E507]: bản tin \"2023-04\" được ghi hai lần trong sổ "
        "lưu trữ; mỗi số bản tin chỉ được lưu trữ một lần (snapshots[1].id)"]


# -- amendments: facts added to an entry, never a change to it -----------------------------

AMENDMENT = """  - amends: "2023-04"
    recorded: 2026-11-30
    archived: 2026-11-25
    python: "CPython 3.11.7"
    zlib: "1.2.13"
    evidence: "Dựng lại cho đúng SHA-256 đã ghi."
"""


def test_an_amendment_adds_what_the_entry_lacks(archived):
    before = archived.read(REGISTER)
    archived.write(REGISTER, before + AMENDMENT)
    assert archived.new_texts() == []
    found = read_register(archived.root)
    assert found.register.snapshots[0].python is None  # the entry as written
    entry = found.register.entry(ISSUE)
    assert (entry.archived, entry.python, entry.zlib) == (dt.date(2026, 11, 25), "CPython 3.11.7", "1.2.13")
    records, _ = archived.load()
    assert records.archive.snapshot(ISSUE).python == "CPython 3.11.7"


def test_an_amendment_is_appended_keeping_every_earlier_byte(archived):
    before = archived.read(REGISTER)
    append_amendment(archived.root, Amendment(amends=ISSUE, recorded=dt.date(2026, 11, 30),
                                              python="CPython 3.11.7", evidence="Dựng lại cho đúng SHA-256."))
    assert archived.read(REGISTER) == before + (
        '  - amends: "2023-04"\n    recorded: 2026-11-30\n    python: "CPython 3.11.7"\n'
        '    evidence: "Dựng lại cho đúng SHA-256."\n')
    with pytest.raises(ValueError, match="E509"):
        append_amendment(archived.root, Amendment(amends=ISSUE, recorded=dt.date(2026, 12, 1),
                                                  python="CPython 3.12.0", evidence="x"))
    assert archived.read(REGISTER).endswith('"Dựng lại cho đúng SHA-256."\n')


def test_an_amendment_before_its_entry_is_e508(data_project):
    entry = register(data_project.root)
    text = data_project.read(REGISTER)
    head, entries = text.split("snapshots:\n", 1)
    data_project.write(REGISTER, head + "snapshots:\n" + AMENDMENT + entries)
    assert [p.format_text() for p in data_project.new_problems()] == [
        f"{REGISTER}:{REGISTER_HEADER.count(chr(10)) + 1}:5: lỗi [E508]: mục bổ sung cho bản tin \"2023-04\" nhưng phía trên không có mục nào "
        f"của bản tin đó; một mục bổ sung chỉ đứng sau mục nó bổ sung (snapshots[0].amends)"]
    assert entry.python is None


def test_an_amendment_that_changes_a_recorded_fact_is_e509(archived):
    text = archived.read(REGISTER)
    archived.write(REGISTER, text + AMENDMENT + AMENDMENT.replace("3.11.7", "3.12.0").replace("    archived: 2026-11-25\n", ""))
    line = (text + AMENDMENT).count("\n") + 3
    assert [p.format_text() for p in archived.new_problems()] == [
        f"{REGISTER}:{line}:5: lỗi [E509]: sổ lưu trữ đã ghi python của bản tin 2023-04 (CPython 3.11.7); "
        "sổ chỉ được ghi thêm, không sửa điều đã ghi: bỏ trường này khỏi mục bổ sung (snapshots[2].python)",
        f"{REGISTER}:{line + 1}:5: lỗi [E509]: sổ lưu trữ đã ghi zlib của bản tin 2023-04 (1.2.13); "
        "sổ chỉ được ghi thêm, không sửa điều đã ghi: bỏ trường này khỏi mục bổ sung (snapshots[2].zlib)"]


def test_an_amendment_that_adds_nothing_is_e509(archived):
    text = archived.read(REGISTER)
    archived.write(REGISTER, text + '  - amends: "2023-04"\n    recorded: 2026-11-30\n    evidence: "Không có gì."\n')
    line = text.count("\n") + 1
    assert [p.format_text() for p in archived.new_problems()] == [
        f"{REGISTER}:{line}:5: lỗi [E509]: mục bổ sung cho bản tin 2023-04 không thêm điều gì; cần ít nhất "
        "một trong archived, python, zlib (snapshots[1])"]


def test_a_broken_amendment_is_reported_at_its_place(archived):
    text = archived.read(REGISTER)
    archived.write(REGISTER, text + AMENDMENT.replace('python: "CPython 3.11.7"', "python: 3.11"))
    line = text.count("\n") + 4
    texts = [p.format_text() for p in archived.new_problems()]
    assert texts == [f"{REGISTER}:{line}:13: lỗi [E203]: cần văn bản, gặp số thập phân 3.11; YAML đã đọc giá trị "
                     "này thành kiểu khác, hãy đặt nó trong ngoặc kép (snapshots[1].python)"]


# -- citation ----------------------------------------------------------------------------

def test_citation_text_and_periodical(data_project):
    records, _ = data_project.load()
    bulletin = records.bulletins[ISSUE]
    assert periodical_name(bulletin) == "Bản tin KH&CN"
    assert bulletin_citation(bulletin).text == (
        "Sở Khoa học và Công nghệ tỉnh Hà Giang. (2024). Bản tin KH&CN số 4 năm 2023 "
        "(số 4/2023, phát hành ngày 01/01/2024).")


# -- the site ----------------------------------------------------------------------------

def build_corrected(folder):
    """The site of a project whose issue 2023-04 is archived and whose Lào Cai instruments figure
    one erratum corrected, 11442 -> 11443 (also built by tests/browser/test_errata_browser.py)."""
    project = SiteProject.copy(folder)
    register(project.root, archived=ARCHIVED)
    project.replace(REPORT, "11442", "11443")
    project.write(ERRATUM_FILE, ERRATUM)
    return project.build()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_corrected(tmp_path_factory.mktemp("archived"))


def test_archive_page_lists_each_snapshot_with_checksum_and_how_to_verify(site):
    row = site.content("/luu-tru/").select_one("tr#ban-tin-2023-04")
    assert row is not None
    text = " ".join(row.get_text(" ").split())
    assert "Bản tin KH&CN số 4 năm 2023" in text
    assert f"khcn-ban-tin-2023-04.tar.gz {PACKAGE_SHA}" in text and SHORT in text
    # The issue's date and the day it was archived, each in its column.
    headers = [th.get_text(strip=True) for th in site.content("/luu-tru/").select("thead th")]
    cells = {header: cell for header, cell in zip(headers[1:], row.select("td"))}
    assert cells["Ngày phát hành"].time["datetime"] == "2024-01-01"
    assert cells["Ngày lưu trữ"].time["datetime"] == "2024-03-15" and cells["Ngày lưu trữ"].get_text() == "15/03/2024"
    # The package links where it is kept (mkdocs.yml: extra.archive_package_url).
    assert cells["Gói lưu trữ và SHA-256"].a["href"] == DOWNLOAD
    assert row.select_one("a")["href"] == "../ban-tin/2023-04/"
    page = site.text("/luu-tru/")
    assert "python -m macros verify-snapshot khcn-ban-tin-2023-04.tar.gz" in page
    assert "sha256sum khcn-ban-tin-2023-04.tar.gz" in page
    assert "make snapshot ISSUE=2023-04" in page


def test_archive_page_is_in_the_navigation(site):
    assert any(a.get_text(strip=True) == "Lưu trữ" for a in site.soup("/").select("nav a"))


def test_erratum_is_shown_on_the_issue_and_record_pages_linked_both_ways(site):
    anchor = "dinh-chinh-2023-04-lao-cai-do-kiem"
    entry = site.content("/luu-tru/").select_one(f"#{anchor}")
    assert entry is not None and "11.443" in entry.get_text()
    links = {a["href"] for a in entry.select("a")}
    assert {"../ban-tin/2023-04/", "../tinh/lao-cai/", "../so-lieu/2022-2023/"} <= links
    for url, back in [("/ban-tin/2023-04/", "../../luu-tru/"), ("/tinh/lao-cai/", "../../luu-tru/"),
                      ("/so-lieu/2022-2023/", "../../luu-tru/")]:
        note = site.content(url).select_one("aside.khcn-errata")
        assert note is not None, f"{url}: no erratum notice"
        hrefs = [a["href"] for a in note.select("a")]
        assert f"{back}#{anchor}" in hrefs, (url, hrefs)
        assert "Sở KH&CN Lào Cai gửi văn bản đính chính số liệu." in note.get_text()
    province_note = site.content("/tinh/lao-cai/").select_one("aside.khcn-errata")
    assert "../../ban-tin/2023-04/" in [a["href"] for a in province_note.select("a")]
    assert site.content("/tinh/ha-giang/").select_one("aside.khcn-errata") is None


def test_bulletin_page_has_highwire_tags_and_publication_issue_json_ld(site):
    head = site.soup("/ban-tin/2023-04/").head
    meta = {m["name"]: m["content"] for m in head.select("meta[name^=citation_]")}
    assert meta == {
        "citation_title": "Bản tin KH&CN số 4 năm 2023",
        "citation_author": "Sở Khoa học và Công nghệ tỉnh Hà Giang",
        "citation_publisher": "Sở Khoa học và Công nghệ tỉnh Hà Giang",
        "citation_journal_title": "Bản tin KH&CN",
        "citation_issue": "4",
        "citation_publication_date": "2024/01/01",
        "citation_date": "2024/01/01",
        "citation_language": "vi",
    }
    found = [json.loads(s.string) for s in head.select('script[type="application/ld+json"]')]
    issues = [d for d in found if d.get("@type") == "PublicationIssue"]
    assert len(issues) == 1, found
    data = issues[0]
    assert data["@context"] == "https://schema.org"
    assert (data["issueNumber"], data["datePublished"], data["name"]) == ("4", "2024-01-01",
                                                                         "Bản tin KH&CN số 4 năm 2023")
    assert data["isPartOf"] == {"@type": "Periodical", "name": "Bản tin KH&CN"}
    assert {"@type": "PropertyValue", "propertyID": "SHA-256", "name": "khcn-ban-tin-2023-04.tar.gz",
            "value": PACKAGE_SHA} in data["identifier"]


def test_only_bulletin_pages_carry_citation_metadata(site):
    for url in ("/", "/tinh/lao-cai/", "/luu-tru/"):
        head = site.soup(url).head
        assert not head.select("meta[name^=citation_]"), url
        types = [json.loads(s.string).get("@type") for s in head.select("script[type='application/ld+json']")]
        assert "PublicationIssue" not in types, url


def test_bulletin_page_has_a_copyable_citation_block(site):
    block = site.content("/ban-tin/2023-04/").select_one("#trich-dan-van-ban")
    assert block is not None
    assert block.name == "p" and block.get_text() == (
        "Sở Khoa học và Công nghệ tỉnh Hà Giang. (2024). Bản tin KH&CN số 4 năm 2023 (số 4/2023, "
        f"phát hành ngày 01/01/2024). Bản lưu trữ khcn-ban-tin-2023-04.tar.gz (lưu trữ ngày 15/03/2024), "
        f"SHA-256 {PACKAGE_SHA}.")
    note = block.find_parent("section").find_all("p")[-1].get_text(" ", strip=True)
    assert note.startswith("Số bản tin này phát hành ngày 01/01/2024, đã được lưu trữ ngày 15/03/2024:")
    button = block.find_next_sibling("button")
    assert button["data-khcn-copy"] == "#trich-dan-van-ban" and button.get_text() == "Chép"
    bibtex = site.content("/ban-tin/2023-04/").select_one("#trich-dan-bibtex code").get_text()
    assert bibtex.startswith("@article{khcn-ban-tin-2023-04,") and "title = {Bản tin KH\\&CN số 4 năm 2023}" in bibtex


def test_an_entry_without_its_archived_date_says_it_is_unknown(tmp_path_factory):
    project = SiteProject.copy(tmp_path_factory.mktemp("unknown-date"))
    assert register(project.root).archived is None  # as 2023-04's entry was written
    built = project.build()
    row = built.content("/luu-tru/").select_one("tr#ban-tin-2023-04")
    assert [td.get_text(" ", strip=True) for td in row.select("td")][:2] == ["01/01/2024", "không rõ"]


def test_the_download_address_pattern_names_only_known_keys():
    from macros.site.urls import AddressError, Urls, outside_patterns
    assert outside_patterns({}) == {}
    assert Urls(None).outside_address("package", issue=ISSUE, package="p.tar.gz", sha256="a") is None
    urls = Urls(None, {"archive_package_url": "https://example.org/{issue}/{sha256}/{package}"})
    assert urls.outside_address("package", issue=ISSUE, package="p.tar.gz", sha256="a") == \
        "https://example.org/2023-04/a/p.tar.gz"
    with pytest.raises(AddressError, match=r"extra.archive_package_url names \{version\}; it may name "
                                           r"\{issue\}, \{package\}, \{sha256\}"):
        outside_patterns({"archive_package_url": "https://example.org/{version}/{package}"})
    with pytest.raises(AddressError, match="must be an absolute http"):
        outside_patterns({"archive_package_url": "releases/{package}"})


# -- a corrected figure on the site: as published on its issue, as corrected elsewhere ----------

ANCHOR = "dinh-chinh-2023-04-lao-cai-do-kiem"


def lao_cai_cell(site, url: str):
    """The cell of Lào Cai's measuring instruments in the page's table that has that column."""
    for table in site.content(url).select("table"):
        labels = [th.get_text(" ", strip=True) for th in table.select("thead th")]
        columns = [i for i, label in enumerate(labels) if label.startswith("Phương tiện đo được kiểm định")]
        for row in table.select("tbody tr") if columns else ():
            if row.th is not None and row.th.get_text(strip=True) == "Lào Cai":
                return row.find_all(["th", "td"])[columns[0]]
    raise AssertionError(f"{url}: no cell for Lào Cai's measuring instruments")


def test_the_issue_page_keeps_the_published_figure_with_its_correction_beside_it(site):
    cell = lao_cai_cell(site, "/ban-tin/2023-04/")
    assert cell.contents[0].strip() == "11.442"  # as the issue published it
    link = cell.select_one("a.khcn-correction")
    assert link.get_text() == "đính chính ngày 01/03/2024: 11.443"
    assert link["href"] == f"../../luu-tru/#{ANCHOR}"
    assert cell.select_one("sup.khcn-mark") is None


@pytest.mark.parametrize("url", ["/tinh/lao-cai/", "/so-lieu/2022-2023/"])
def test_other_pages_show_the_corrected_figure_marked_with_the_published_one_reachable(site, url):
    if url == "/tinh/lao-cai/":
        row = next(tr for tr in site.content(url).select("tr")
                   if tr.th and tr.th.get_text(strip=True).startswith("Phương tiện đo được kiểm định"))
        cell = row.select("td")[-1]
    else:
        cell = lao_cai_cell(site, url)
    assert cell.contents[0].strip() == "11.443"
    assert cell.select_one("sup.khcn-mark").get_text() == "đc"
    assert "số bản tin 2023-04 đã công bố là 11.442" in cell["title"]
    notes = [p.get_text(" ", strip=True) for p in cell.find_parent("figure").select("p.khcn-cell-note")]
    assert any("đính chính ngày 01/03/2024: số bản tin 2023-04 đã công bố là 11.442" in note for note in notes), notes


@pytest.mark.parametrize("url", ["/du-lieu/2022-2023/tieu-chuan-do-luong-chat-luong.csv",
                                 "/du-lieu/chi-so/phuong-tien-do-kiem-dinh.csv", "/du-lieu/tinh/lao-cai.csv"])
def test_open_data_carries_the_corrected_and_the_published_value(site, url):
    """Each of the three files holding the figure (its period's, indicator's and province's)."""
    import csv
    import io
    lines = list(csv.DictReader(io.StringIO(site.file_for(url).read_text(encoding="utf-8-sig"))))
    line = next(r for r in lines if r["Mã tỉnh"] == "lao-cai" and r["Mã chỉ số"] == "phuong-tien-do-kiem-dinh")
    assert (line["Giá trị"], line["Trạng thái"], line["Giá trị đã công bố"], line["Mã đính chính"]) == (
        "11443", "đã điều chỉnh", "11442", "2023-04-lao-cai-do-kiem")
    others = [r for r in lines if (r["Mã tỉnh"], r["Mã chỉ số"]) != ("lao-cai", "phuong-tien-do-kiem-dinh")]
    assert others and {(r["Giá trị đã công bố"], r["Mã đính chính"]) for r in others} == {("", "")}


def test_the_archive_page_lists_each_correction_in_words(site):
    entry = site.content("/luu-tru/").select_one(f"#{ANCHOR}")
    assert [" ".join(li.get_text(" ").split()) for li in entry.select("ul.khcn-corrections li")] == [
        "Lào Cai, Giai đoạn 2022–2023: Phương tiện đo được kiểm định (phương tiện đo): số bản tin đã công bố 11.442 , "
        "đính chính thành 11.443 ."]


@pytest.mark.parametrize("url", ["/so-lieu/2022-2023/", "/chi-so/phuong-tien-do-kiem-dinh/"])
def test_charts_mark_the_corrected_figure_as_their_table_does(site, url):
    chart = next(figure for figure in site.content(url).select("figure.khcn-chart")
                 if figure.figcaption.get_text().startswith("Phương tiện đo được kiểm định"))
    text = " ".join(chart.get_text(" ").split())
    assert "Lào Cai 11.443 đc" in text
    assert "đc: số đã điều chỉnh." in text
    svg_url, _ = resolve(url, chart.select_one("a[download]")["href"])
    assert "11.443 đc" in site.file_for(svg_url).read_text(encoding="utf-8")
