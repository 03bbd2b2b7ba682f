"""The web editor (/bien-tap/) in headless Chromium, against a stand-in for GitHub on loopback.

Each test gets a temporary copy of the project as a git repository (`main`), and the built
site served by the same loopback server as a stand-in for GitHub's API over that repository
(github_standin.py, driven through web_editor.py). The editor signs in with a token, fills a
form and saves through the editorial workflow: the stand-in makes the branch, the commit and
the pull request, all real git objects, so the test checks the branch out in the working tree
and runs `python -m macros validate` on what the editor wrote. Every request must stay on
127.0.0.1, and axe must find nothing on the pages the editor goes through.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SCREENSHOTS, PageLog, describe_violations, open_context, run_axe, settle
from github_standin import LOGIN
from macros.editors import cms
from web_editor import (ROOT, STATUS_LABELS, Editor, field, git, make_project_repo, pick, serving,
                        signed_in)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def editor_site(built_site: Path) -> Path:
    if not (built_site / cms.PAGE / "index.html").is_file():
        pytest.fail("the built site has no /bien-tap/: run `make cms` (npm ci in cms/ installs Sveltia CMS)")
    return built_site


@pytest.fixture
def project_repo(tmp_path: Path) -> Path:
    return make_project_repo(tmp_path / "repo")


@pytest.fixture
def editor(browser, editor_site: Path, project_repo: Path):
    with signed_in(browser, editor_site, project_repo) as signed:
        yield signed
    assert signed.standin.unknown == [], f"requests the stand-in does not know: {signed.standin.unknown}"
    assert signed.standin.missing_fields == [], f"GraphQL fields the stand-in lacks: {signed.standin.missing_fields}"


def assert_stayed_local(editor: Editor) -> None:
    assert editor.log.outside_requests == []
    assert editor.log.failed_requests == []
    assert editor.log.unexpected_console_errors() == []


def validate(repo: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "validate", "--root", str(repo)],
                          cwd=ROOT, capture_output=True, text=True)


# -- the tests -------------------------------------------------------------------------------------
def test_a_new_report_is_a_pull_request_whose_file_passes_the_checks(editor):
    page = editor.page
    editor.open_collection("Số liệu: Hòa Bình")
    page.get_by_role("button", name="Tạo bài viết mới").first.click()
    editor.choose(page, "Nguồn", "qd-2667-qd-bkhcn: Quyết định phê duyệt phương hướng, mục tiêu, nhiệm vụ "
                                  "KH&CN và đổi mới sáng tạo chủ yếu đến năm 2025")
    editor.figure("Đề tài, dự án KH&CN được triển khai (đề tài, dự án)").get_by_role("spinbutton").fill("12")
    funds = editor.figure("Kinh phí sự nghiệp KH&CN hỗ trợ ĐT/DA cấp cơ sở (triệu đồng)")
    funds.get_by_role("spinbutton").fill("1500.5")
    editor.choose(funds, "Trạng thái", STATUS_LABELS["lower_bound"])
    funds.get_by_role("textbox", name="Ghi chú").fill('Nguồn ghi "trên 1.500 triệu đồng".')
    policy = editor.figure("Có chính sách hỗ trợ doanh nghiệp đổi mới công nghệ (có/không)")
    pick(policy.get_by_role("radio", name="Không (false)"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "bien-tap-bao-cao-moi.png"))
    editor.save_as_draft()
    editor.wait_for_pull_request()

    branch = "cms/so-lieu-hoa-binh/2022-2023"
    pull = editor.standin.pulls[0]
    assert (pull.head, pull.base, pull.draft, pull.labels) == (branch, "main", True, ["sveltia-cms/draft"])
    assert pull.title == f"Data: add data/reports/hoa-binh/2022-2023.yml (web editor, {LOGIN})"
    assert git(editor.repo, "status", "--porcelain") == ""  # nothing was written to main's working tree
    git(editor.repo, "checkout", "-q", branch)
    written = (editor.repo / "data" / "reports" / "hoa-binh" / "2022-2023.yml").read_text(encoding="utf-8")
    assert written == (
        "province: hoa-binh\n"
        'period: "2022-2023"\n'
        "source: qd-2667-qd-bkhcn\n"
        "figures:\n"
        "  de-tai-du-an: 12\n"
        '  kinh-phi-cap-co-so: {value: 1500.5, status: lower_bound, note: Nguồn ghi "trên 1.500 triệu đồng".}\n'
        "  chinh-sach-doi-moi-cong-nghe: false\n")
    result = validate(editor.repo)
    assert result.returncode == 0, result.stdout
    assert result.stderr.strip().startswith("0 lỗi")
    assert_stayed_local(editor)


def test_editing_a_report_changes_only_the_edited_value(editor):
    page = editor.page
    editor.open_collection("Số liệu: Yên Bái")
    page.get_by_role("row", name="2022-2023").click()
    figure = page.get_by_role("group", name=field("Đề tài, dự án KH&CN được triển khai (đề tài, dự án)"))
    figure.get_by_role("button", name="Mở rộng").click()  # a filled figure opens folded, showing its value
    figure.get_by_role("spinbutton").fill("13")
    editor.save_as_draft()
    editor.wait_for_pull_request()

    branch = "cms/so-lieu-yen-bai/2022-2023"
    assert editor.standin.pulls[0].head == branch
    changed = git(editor.repo, "diff", "--unified=0", "main", branch).splitlines()
    assert [line for line in changed if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        "-  de-tai-du-an: 12  # cả cấp nhà nước và cấp tỉnh",
        "+  de-tai-du-an: 13  # cả cấp nhà nước và cấp tỉnh",
    ]
    git(editor.repo, "checkout", "-q", branch)
    assert validate(editor.repo).returncode == 0
    assert_stayed_local(editor)


def test_archived_records_are_read_only(editor):
    page = editor.page
    editor.open_collection("Số liệu: Lào Cai")
    page.get_by_text("Chưa có bài viết nào trong chuyên mục này.").wait_for()  # 2022-2023 was archived
    editor.open_collection("Đã lưu trữ (chỉ xem)")
    page.get_by_role("row", name="data/reports/lao-cai/2022-2023.yml (bản tin 2023-04)").click()
    assert page.get_by_role("button", name="Lưu", exact=True).is_disabled()
    source = page.get_by_role("combobox", name="Nguồn")
    assert source.get_attribute("aria-readonly") == "true"
    assert source.inner_text().startswith("2023-04: Bản tin KH&CN số 4 năm 2023")
    assert editor.standin.pulls == []
    assert_stayed_local(editor)


def test_the_editor_has_no_accessibility_violation(editor, axe_source):
    page = editor.page
    problems = {"danh sách": editor.axe(axe_source)}
    editor.open_collection("Số liệu: Yên Bái")
    page.get_by_role("row", name="2022-2023").click()
    page.get_by_role("group", name=field("Kỳ báo cáo")).wait_for()
    problems["biểu mẫu"] = editor.axe(axe_source)
    page.get_by_role("button", name="Hủy chỉnh sửa").click()
    page.get_by_role("radio", name="Quy trình biên tập").click()
    page.get_by_text("Bản nháp").first.wait_for()
    problems["quy trình"] = editor.axe(axe_source)
    # axe counts any heading as present while it takes something on the page for an open modal:
    # the board's own heading is asserted, not left to that guess.
    assert page.get_by_role("heading", level=1).all_inner_texts() == ["Quy trình biên tập"]
    assert {view: found for view, found in problems.items() if found} == {}
    assert_stayed_local(editor)


def test_the_sign_in_page_loads_nothing_from_outside_and_passes_axe(browser, editor_site, axe_source, project_repo):
    with serving(editor_site, project_repo) as (standin, base):
        context = open_context(browser)
        page = context.new_page()
        log = PageLog()
        log.watch(page)
        try:
            page.goto(f"{base}/{cms.PAGE}/", wait_until="networkidle")
            page.get_by_role("button", name="Đăng nhập bằng mã truy cập").wait_for()
            assert page.get_by_role("button", name="Đăng nhập bằng GitHub").count() == 0  # token only: no OAuth
            assert page.locator("html").get_attribute("lang") == "vi"
            settle(page)
            assert describe_violations(run_axe(page, axe_source)) == ""
            assert (log.outside_requests, log.failed_requests, log.unexpected_console_errors()) == ([], [], [])
            assert standin.requests == []  # nothing is asked of GitHub before signing in
        finally:
            context.close()
