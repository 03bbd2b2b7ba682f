"""One archival snapshot per bulletin issue (macros/archive/snapshot.py, package.py, verify.py).

The project is copied into a temporary git repository (CI's clone is not used: its
history is not ours to depend on), issue 2023-04 is archived once for the module with
`python -m macros archive`, and the tests read that package: byte-identical when built
again in another folder, a valid BagIt bag, every tampering detected, re-archiving refused,
an offline site with no outside URL and no broken link, and search working from file://.
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tarfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

import bagit
import pytest
from bs4 import BeautifulSoup

from macros.cli import main

REPO = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "macros", "overrides", "content", "data", "requirements.lock", "pyproject.toml")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "node_modules")
ISSUE = "2023-04"
NAME = f"khcn-ban-tin-{ISSUE}"
EPOCH = 1704067200  # 2024-01-01T00:00:00Z, the issue's date
GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
           "GIT_AUTHOR_NAME": "Ban biên tập", "GIT_AUTHOR_EMAIL": "bbt@example.invalid",
           "GIT_COMMITTER_NAME": "Ban biên tập", "GIT_COMMITTER_EMAIL": "bbt@example.invalid",
           "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z"}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV},
                            capture_output=True, text=True, check=True)
    return result.stdout.strip()


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m macros ...` run from a project copy, with that copy's macros/."""
    env = {**os.environ, **GIT_ENV, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONPATH", None)
    return subprocess.run([sys.executable, "-m", "macros", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A git repository holding a copy of the project, one commit."""
    root = tmp_path_factory.mktemp("first") / "projekt"
    root.mkdir()
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=IGNORED)
        else:
            shutil.copy2(source, root / part)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", "Phát hành bản tin 2023-04")
    return root


@pytest.fixture(scope="module")
def archived(repo):
    """`python -m macros archive 2023-04` run once: its output, the register, the package."""
    out = repo.parent / "out"
    result = cli(repo, "archive", ISSUE, "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return result, out / f"{NAME}.tar.gz"


@pytest.fixture(scope="module")
def bag(archived, tmp_path_factory) -> Path:
    """The archived package, unpacked (read only: tampering tests work on copies)."""
    target = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archived[1]) as tar:
        tar.extractall(target, filter="data")
    return target / NAME


@pytest.fixture
def bag_copy(bag, tmp_path) -> Path:
    return Path(shutil.copytree(bag, tmp_path / NAME))


def register_text(repo: Path) -> str:
    return (repo / "archive" / "register.yml").read_text(encoding="utf-8")


# -- the locks: what a build installs ---------------------------------------------------

LOCKS = ("requirements.lock", "requirements-dev.lock")


def locked(name: str) -> dict[str, tuple[str, list[str]]]:
    """Package -> (version, hashes) of a lock file."""
    packages, current = {}, None
    for line in (REPO / name).read_text(encoding="utf-8").splitlines():
        if match := re.match(r"^([A-Za-z0-9._-]+)==([^\s;]+)", line):
            current = match.group(1).lower()
            packages[current] = (match.group(2), [])
        for digest in re.findall(r"--hash=sha256:([0-9a-f]{64})", line):
            packages[current][1].append(digest)
    return packages


def pyproject_pins(group: str | None) -> set[str]:
    import tomllib
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = project["dependencies"] if group is None else project["optional-dependencies"][group]
    return {re.split(r"[=<>!~\[; ]", pin, maxsplit=1)[0].lower() for pin in pins}


@pytest.mark.parametrize("name", LOCKS)
def test_a_lock_names_no_index_and_no_folder_of_any_machine(name):
    text = (REPO / name).read_text(encoding="utf-8")
    options = [line for line in text.splitlines() if line.lstrip().startswith("-") and "--hash=" not in line]
    assert options == []  # no --index-url, --extra-index-url, --find-links, --trusted-host, -i, -f
    assert not re.search(r"file:|(^|\s)/(opt|tmp|home|root|usr|srv|mnt)/", text, re.MULTILINE)


@pytest.mark.parametrize("name", LOCKS)
def test_every_locked_package_is_pinned_with_hashes(name):
    packages = locked(name)
    assert packages and all(hashes for _version, hashes in packages.values())


def test_the_site_lock_holds_the_site_and_no_test_tool():
    site, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    assert pyproject_pins(None) <= set(site)
    assert pyproject_pins("dev") <= set(dev)
    assert set(site) & set(dev) == set()  # each package pinned once
    assert {"pytest", "playwright", "beautifulsoup4", "frictionless", "feedparser"} & set(site) == set()


@pytest.mark.parametrize("target, locks", [("build", ["requirements.lock"]),
                                           ("test", ["requirements.lock", "requirements-dev.lock"])])
def test_make_installs_the_site_lock_for_a_build_and_both_for_the_tests(target, locks):
    # -n -B: the commands a fresh clone would run, none of them run.
    commands = subprocess.run(["make", "-n", "-B", target], cwd=REPO, capture_output=True, text=True,
                              check=True).stdout
    installs = [line for line in commands.splitlines() if " -m pip install " in line]
    assert installs and all("--require-hashes" in line for line in installs)
    assert {lock for line in installs for lock in re.findall(r"-r (\S+)", line)} == set(locks)


# -- archive and register ----------------------------------------------------------------

def test_progress_is_printed_step_by_step(archived):
    lines = archived[0].stdout.splitlines()
    steps = [line for line in lines if re.match(r"\[\d/6\] ", line)]
    assert [s[:5] for s in steps] == [f"[{i}/6]" for i in range(1, 7)]
    assert any(line.startswith("SHA-256 ") for line in lines)


def test_register_records_id_date_commit_and_package_checksum(repo, archived):
    text = register_text(repo)
    head = git(repo, "rev-parse", "HEAD")
    assert f'  - id: "{ISSUE}"\n    date: 2024-01-01\n    commit: "{head}"\n' in text
    assert f'    package: "{NAME}.tar.gz"\n    sha256: "{sha256(archived[1])}"\n' in text
    assert '      "data/reports/lao-cai/2022-2023.yml": "' in text


def test_rearchiving_is_refused_and_changes_nothing(repo, archived):
    before, package = register_text(repo), archived[1].read_bytes()
    result = cli(repo, "archive", ISSUE, "--out", str(archived[1].parent))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Bản tin {ISSUE} đã có trong archive/register.yml; "
                                    "không dựng lại và không thay đổi gì.")
    assert "[1/6]" not in result.stdout  # refused before anything is built
    assert register_text(repo) == before and archived[1].read_bytes() == package


def test_archived_project_validates(repo, archived):
    assert cli(repo, "validate").returncode == 0


# -- reproducible ------------------------------------------------------------------------

def test_two_builds_in_two_folders_are_byte_identical(repo, archived, tmp_path):
    elsewhere = tmp_path / "somewhere" / "else"
    git(repo.parent, "clone", "--quiet", str(repo), str(elsewhere))
    out = tmp_path / "another-out"
    result = cli(elsewhere, "snapshot", ISSUE, "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert sha256(out / f"{NAME}.tar.gz") == sha256(archived[1])


def test_registered_issue_is_rebuilt_from_its_commit_not_from_head(repo, archived, tmp_path):
    clone = tmp_path / "later"
    git(repo.parent, "clone", "--quiet", str(repo), str(clone))
    shutil.copytree(repo / "archive", clone / "archive")
    bloc = clone / "data" / "bloc.yml"  # HEAD moves on: the bag would hold this file if built from HEAD
    bloc.write_text(bloc.read_text(encoding="utf-8") + "# Ghi chú thêm sau khi lưu trữ.\n", encoding="utf-8")
    git(clone, "commit", "--quiet", "--all", "--message", "Ghi chú trong bloc.yml")
    result = cli(clone, "snapshot", ISSUE, "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "commit đã ghi trong sổ lưu trữ" in result.stdout
    assert sha256(tmp_path / "out" / f"{NAME}.tar.gz") == sha256(archived[1])


def test_tarball_names_times_and_owners_are_fixed(archived):
    raw = archived[1].read_bytes()
    assert raw[3] & 0x08 == 0, "gzip header names a file"
    assert int.from_bytes(raw[4:8], "little") == 0, "gzip header has a time"
    with tarfile.open(archived[1]) as tar:
        members = tar.getmembers()
    names = [m.name for m in members]
    assert names == sorted(names, key=lambda n: n.encode()) and names[0] == NAME
    assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in members} == {(EPOCH, 0, 0, "", "")}
    assert {m.mode for m in members} == {0o644, 0o755}


def test_nothing_in_the_package_depends_on_clock_or_folder(repo, bag):
    today = dt.date.today().isoformat()
    for path in (bag / "data" / "site").rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert str(repo.parent).encode() not in content, path
            assert today.encode() not in content or today == "2024-01-01", path
    sitemap = (bag / "data" / "site" / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(sitemap[4:8], "little") == EPOCH and sitemap[3] & 0x08 == 0
    assert gzip.decompress(sitemap) == (bag / "data" / "site" / "sitemap.xml").read_bytes()


# -- the bag -----------------------------------------------------------------------------

def test_bag_validates_with_sha256_and_sha512_and_names_the_issue(bag):
    package = bagit.Bag(str(bag))
    package.validate(fast=False)
    assert sorted(package.algorithms) == ["sha256", "sha512"]
    assert package.version_info == (1, 0)
    info = package.info
    assert info["External-Identifier"] == NAME
    assert info["Source-Organization"] == ("Khối hợp tác phát triển khoa học và công nghệ các tỉnh "
                                           "trung du, miền núi phía Bắc")
    assert info["Bagging-Date"] == info["Issue-Date"] == "2024-01-01"
    assert info["Internal-Sender-Identifier"].startswith("git commit ")


def test_bag_holds_site_records_package_versions_and_citation(bag):
    data = bag / "data"
    for rel in ("site/index.html", "site/ban-tin/2023-04.html", "site/search/search_index.js",
                "source/data/bulletins/2023-04.yml", "source/mkdocs.yml", "environment/requirements.lock",
                "environment/pip-freeze.txt", "environment/python.txt", "CITATION.cff", "README.txt"):
        assert (data / rel).is_file(), rel
    assert (data / "environment" / "requirements.lock").read_bytes() == (REPO / "requirements.lock").read_bytes()
    freeze = (data / "environment" / "pip-freeze.txt").read_text(encoding="utf-8")
    assert "mkdocs-material==" in freeze and "bagit==1.9.0" in freeze
    cff = (data / "CITATION.cff").read_text(encoding="utf-8")
    assert cff.startswith("cff-version: 1.2.0\n") and "date-released: '2024-01-01'" in cff
    assert not (data / "source" / "mkdocs.snapshot.yml").exists()


# -- verify-snapshot ---------------------------------------------------------------------

def verify(capsys, path: Path, repo: Path) -> tuple[int, str]:
    code = main(["verify-snapshot", str(path), "--root", str(repo)])
    return code, capsys.readouterr().out


def test_untouched_package_and_bag_verify(capsys, repo, archived, bag):
    files = len(bagit.Bag(str(bag)).entries)  # payload and tag files
    assert verify(capsys, archived[1], repo) == (
        0, f"{archived[1]}: hợp lệ; đã tính lại SHA-256 và SHA-512 của {files} tệp.\n")
    assert verify(capsys, bag, repo)[0] == 0


def _change_a_byte(bag: Path) -> None:
    page = bag / "data" / "site" / "tinh" / "lao-cai.html"
    content = bytearray(page.read_bytes())
    content[len(content) // 2] ^= 0x01
    page.write_bytes(bytes(content))


def _rebag(bag: Path) -> None:
    """Edit, then recompute every manifest: internally valid, but not the registered bag."""
    (bag / "data" / "README.txt").write_text("sửa\n", encoding="utf-8")
    package = bagit.Bag(str(bag))
    package.save(manifests=True)


@pytest.mark.parametrize("tamper, message", [
    (_change_a_byte, "LỖI: tệp data/site/tinh/lao-cai.html đã bị thay đổi: mã SHA-256, SHA-512 không khớp manifest"),
    (lambda bag: (bag / "data" / "site" / "search" / "search_index.js").unlink(),
     "LỖI: thiếu tệp data/site/search/search_index.js: có trong manifest nhưng không có trong túi"),
    (lambda bag: (bag / "data" / "site" / "them.html").write_text("<p>thêm</p>"),
     "LỖI: tệp lạ data/site/them.html: có trong túi nhưng không có trong manifest "
     "(được thêm vào sau khi đóng túi)"),
    (lambda bag: (bag / "bag-info.txt").write_text(
        (bag / "bag-info.txt").read_text(encoding="utf-8").replace("Bagging-Date: 2024-01-01",
                                                                   "Bagging-Date: 2024-01-02"), encoding="utf-8"),
     "LỖI: bag-info.txt đã bị sửa: mã SHA-256, SHA-512 không khớp tagmanifest"),
    (_rebag, "LỖI: tagmanifest-sha256.txt khác sổ lưu trữ (bản tin 2023-04)"),
], ids=["changed-byte", "missing-file", "added-file", "edited-bag-info", "re-bagged"])
def test_each_tampering_of_a_bag_is_detected(capsys, repo, archived, bag_copy, tamper, message):
    tamper(bag_copy)
    code, out = verify(capsys, bag_copy, repo)
    assert code == 1, out
    assert message in out, out
    assert out.rstrip().endswith("KHÔNG hợp lệ (1 lỗi).")


def test_tampered_bag_packed_again_is_detected(capsys, repo, archived, bag_copy, tmp_path):
    _change_a_byte(bag_copy)
    tarball = tmp_path / f"{NAME}.tar.gz"
    with tarfile.open(tarball, "w:gz") as tar:
        tar.add(bag_copy, arcname=NAME)
    code, out = verify(capsys, tarball, repo)
    assert code == 1
    assert "LỖI: tệp data/site/tinh/lao-cai.html đã bị thay đổi" in out
    assert f"LỖI: SHA-256 của tệp gói khác sổ lưu trữ (bản tin 2023-04): sổ ghi {sha256(archived[1])}" in out


def test_tarball_whose_checksum_differs_from_the_register_is_detected(capsys, repo, archived, bag, tmp_path):
    # Same bag, valid inside, packed by another tool: not the registered package.
    tarball = tmp_path / f"{NAME}.tar.gz"
    with tarfile.open(tarball, "w:gz") as tar:
        tar.add(bag, arcname=NAME)
    code, out = verify(capsys, tarball, repo)
    assert code == 1
    assert out.splitlines() == [
        f"LỖI: SHA-256 của tệp gói khác sổ lưu trữ (bản tin 2023-04): sổ ghi {sha256(archived[1])}, "
        f"tệp {tarball.name} có {sha256(tarball)}",
        f"{tarball}: KHÔNG hợp lệ (1 lỗi)."]


def test_unregistered_package_is_checked_inside_and_says_so(capsys, archived, tmp_path):
    code, out = verify(capsys, archived[1], tmp_path)  # a folder without archive/register.yml
    assert code == 0
    assert out.startswith(f"Lưu ý: \"{NAME}\" chưa có trong sổ lưu trữ (archive/register.yml)")


# -- the offline site --------------------------------------------------------------------

LOADING_TAGS = {"link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


def site_pages(bag: Path) -> list[Path]:
    return sorted((bag / "data" / "site").rglob("*.html"))


def test_offline_site_loads_nothing_from_outside(bag):
    for page in site_pages(bag):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in LOADING_TAGS.items():
            for element in soup.find_all(tag):
                value = element.get(attribute, "")
                assert not re.match(r"\s*(https?:)?//", value), f"{page.name}: <{tag} {attribute}={value}>"
        for element in soup.find_all(src=True):
            assert not re.match(r"\s*(https?:)?//", element["src"]), f"{page.name}: {element}"


def test_every_internal_link_points_to_a_file_in_the_bag(bag):
    site = bag / "data" / "site"
    broken = []
    for page in site_pages(bag):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(["a", "link", "script", "img"]):
            href = element.get("href") or element.get("src")
            parts = urlsplit(href or "")
            if not href or parts.scheme or parts.netloc or not parts.path:
                continue  # outside links (<a> only, see above), mailto:, same-page anchors
            folder = posixpath.dirname(page.relative_to(site).as_posix())
            target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
            if target.startswith("..") or not (site / target).is_file():
                broken.append(f"{page.relative_to(site)}: {href}")
    assert broken == []


def test_offline_site_has_file_urls_and_offline_search(bag):
    site = bag / "data" / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="ban-tin/2023-04.html"' in index or "ban-tin/index.html" in index
    assert '<script src="assets/javascripts/iframe-worker-shim.js"></script>' in index
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'self\';' in index
    assert (site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")


def search_from_file_url(executable: str, index: Path) -> tuple[list[str], list[str], int, str]:
    """Open the snapshot's index.html from file://, search, open the issue page; returns the
    requests made, the page errors, the number of results and the issue page's text."""
    from playwright.sync_api import sync_playwright
    requests, errors = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        try:
            page = browser.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.on("pageerror", lambda error: errors.append(f"{error} {error.stack}"))
            # The site's Content-Security-Policy holds from file:// too (the worker shim included).
            page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(index.as_uri())
            page.locator("input.md-search__input").click(force=True)
            page.keyboard.type("Lào Cai")
            page.wait_for_selector(".md-search-result__item", timeout=15_000)
            results = page.locator(".md-search-result__item").count()
            page.goto(index.parent.joinpath("ban-tin", "2023-04.html").as_uri())
            text = page.locator("article.md-content__inner").inner_text()
        finally:
            browser.close()
    return requests, errors, results, text


@pytest.mark.browser
def test_snapshot_opens_from_file_url_with_working_search(bag):
    pytest.importorskip("playwright.sync_api")
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).is_file():
        pytest.fail(f"no chromium at {executable}: run `make chromium` (or set CHROMIUM)")
    # A thread of its own: the browser tests may hold a Playwright session in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        requests, errors, results, text = pool.submit(
            search_from_file_url, executable, bag / "data" / "site" / "index.html").result()
    assert results > 0
    assert "Trích dẫn" in text
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:", "about:"))] == []
    # Errors of the search machinery (Material's bundle and worker, lunr, the file:// worker shim);
    # other scripts of the theme are the browser tests' concern (tests/browser/).
    assert [e for e in errors if re.search(r"iframe-worker-shim|workers/search|bundle\.|lunr|Content Security", e)] == []
