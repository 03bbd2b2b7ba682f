"""The web editor (/bien-tap/) driven in Chromium against the GitHub stand-in: shared by the
browser tests (test_web_editor_browser.py) and the guide's screenshots (guide_screenshots.py).

`project_repo` makes a temporary copy of the project's records as a git repository; `signed_in`
serves the built site and the stand-in on loopback, opens the editor and signs in with a token.
"""
from __future__ import annotations

import contextlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import expect

from conftest import PageLog, describe_violations, open_context, run_axe, settle
from github_standin import TOKEN, GitHubStandIn, serve
from macros.archive.project import load_project
from macros.editors import cms
from site_helpers import archived_fixture

ROOT = Path(__file__).resolve().parents[2]
REPOSITORY = cms.Repository("khcn-trung-du/website", "main")
# A report that no archived issue published: editable. Comments, a flow mapping and two spaces
# before a comment must all survive an edit of one value.
YEN_BAI = """\
# Số liệu Yên Bái gửi Khối (bản thử của bài kiểm tra)
province: yen-bai
period: 2022-2023
source: qd-2667-qd-bkhcn
figures:
  de-tai-du-an: 12  # cả cấp nhà nước và cấp tỉnh
  kinh-phi-cap-co-so: {value: 1500.5, status: lower_bound, note: 'Nguồn ghi "trên 1.500 triệu đồng".'}
  chinh-sach-doi-moi-cong-nghe: true
"""
# Sveltia's UI library wires a radio group's or a list box's clicks 100 ms after the group appears,
# then says so with a non-bubbling `Initialized` event: a radio clicked sooner shows as checked
# while the form's value stays unset. A capturing listener marks each group that is wired.
MARK_WIRED_GROUPS = ("document.addEventListener('Initialized', "
                     "(event) => event.target.setAttribute('data-test-wired', ''), true);")
STATUS_LABELS = {status: f"{status}: {words}" for status, words in cms.STATUS_DESCRIPTIONS.items()}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def field(label: str) -> str:
    """The accessible name Sveltia gives a field's group (the label between isolation marks)."""
    return f"Trường “\u2068{label}\u2069”"


def add(label: str) -> str:
    """The name of the checkbox that adds an optional object (an indicator's figure)."""
    return f"Thêm \u2068{label}\u2069"


def make_project_repo(repo: Path) -> Path:
    """The fixture's records (tests/fixtures/records/, issue 2023-04 archived) as a git
    repository on `main`, with one editable report."""
    archived_fixture(repo)
    shutil.copyfile(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    (repo / "data" / "reports" / "yen-bai").mkdir()
    (repo / "data" / "reports" / "yen-bai" / "2022-2023.yml").write_text(YEN_BAI, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=Bảo trì", "-c", "user.email=bao-tri@example.org", "commit", "-q", "-m", "Records")
    return repo


@dataclass
class Editor:
    page: object
    standin: GitHubStandIn
    repo: Path
    log: PageLog
    base: str

    def open_collection(self, label: str) -> None:
        self.page.get_by_role("treeitem", name=label).click()

    def reveal(self, locator):
        """Sveltia renders a long form's fields as they scroll into view: scroll until it is there."""
        for _ in range(80):
            if locator.count():
                locator.scroll_into_view_if_needed()
                return locator
            self.page.mouse.move(640, 500)
            self.page.mouse.wheel(0, 700)
            self.page.wait_for_timeout(50)
        raise AssertionError(f"{locator} never appeared")

    def figure(self, label: str):
        """The group of an indicator's figure, added to the form."""
        self.reveal(self.page.get_by_role("checkbox", name=add(label))).check()
        return self.page.get_by_role("group", name=field(label))

    def choose(self, scope, combobox: str, option: str) -> None:
        scope.get_by_role("combobox", name=combobox).click()
        pick(self.page.get_by_role("option", name=option))

    def save(self) -> None:
        self.page.get_by_role("button", name="Lưu", exact=True).click()

    def save_as_draft(self) -> None:
        self.save()
        # Sveltia offers to send the draft for review at once; the editor does it later.
        self.page.get_by_role("button", name="Để sau").click()

    def wait_for_pull_request(self, count: int = 1) -> None:
        for _ in range(100):
            if len(self.standin.pulls) >= count:
                return
            self.page.wait_for_timeout(100)
        raise AssertionError(f"no pull request; requests: {self.standin.requests}")

    def axe(self, axe_source: str) -> str:
        self.page.wait_for_timeout(300)  # let a view that has just opened finish drawing
        settle(self.page)
        return describe_violations(run_axe(self.page, axe_source))


def pick(member) -> None:
    """Click a radio or an option once its group takes clicks (see MARK_WIRED_GROUPS)."""
    group = member.locator("xpath=ancestor::*[@role='radiogroup' or @role='listbox'][1]")
    expect(group).to_have_attribute("data-test-wired", "")
    member.click()


@contextlib.contextmanager
def serving(site_dir: Path, repo: Path):
    """The built site and the stand-in over `repo`, on one loopback server: (standin, base URL)."""
    records, problems = load_project(repo)
    assert records is not None, problems
    standin = GitHubStandIn(repo, REPOSITORY.name)
    server, base = serve(site_dir, standin,
                         lambda api_root: cms.config_text(cms.editor_config(records, REPOSITORY, api_root=api_root)))
    try:
        yield standin, base
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def signed_in(browser, site_dir: Path, repo: Path, viewport: str = "desktop"):
    """The editor signed in with a token, the site's records loaded from the stand-in."""
    with serving(site_dir, repo) as (standin, base):
        context = open_context(browser, viewport)
        context.set_default_timeout(30_000)  # loading the records takes a few seconds on a busy machine
        context.add_init_script(MARK_WIRED_GROUPS)
        page = context.new_page()
        log = PageLog()
        log.watch(page)
        try:
            page.goto(f"{base}/{cms.PAGE}/")
            sign_in(page)
            page.get_by_role("treeitem", name="Số liệu: Yên Bái").wait_for()
            yield Editor(page, standin, repo, log, base)
        finally:
            context.close()


def sign_in(page, pause=None) -> None:
    """Sign in as an editor does: the token button, the token, then Đăng nhập."""
    page.get_by_role("button", name="Đăng nhập bằng mã truy cập").click()
    page.get_by_role("textbox", name="Mã truy cập cá nhân").fill(TOKEN)
    if pause:
        pause()
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
