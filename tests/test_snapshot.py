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
import platform
import posixpath
import re
import shutil
import subprocess
import sys
import tarfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

import bagit
import pytest
from bs4 import BeautifulSoup

from macros.archive import package as package_module
from macros.archive.register import read_register
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


def copy_project(root: Path) -> None:
    root.mkdir()
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=IGNORED)
        else:
            shutil.copy2(source, root / part)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A git repository holding a copy of the project, one commit."""
    root = tmp_path_factory.mktemp("first") / "projekt"
    copy_project(root)
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


def test_register_records_id_dates_commit_python_and_package_checksum(repo, archived):
    text = register_text(repo)
    head = git(repo, "rev-parse", "HEAD")
    # The issue's date (the snapshot's clock) and the day it was archived, each for what it is.
    assert (f'  - id: "{ISSUE}"\n    date: 2024-01-01\n    archived: {dt.date.today().isoformat()}\n'
            f'    commit: "{head}"\n') in text
    assert f'    package: "{NAME}.tar.gz"\n    sha256: "{sha256(archived[1])}"\n' in text
    # What else changes the bytes: the Python (written into the bag) and its zlib.
    python = f"{platform.python_implementation()} {platform.python_version()}"
    assert f'    python: "{python}"\n    zlib: "{zlib.ZLIB_RUNTIME_VERSION}"\n    records:\n' in text
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
    commit = git(repo, "rev-parse", "HEAD")
    assert result.stdout.startswith(f"Bản tin {ISSUE} đã lưu trữ: dựng lại từ commit {commit[:12]} ghi trong "
                                    "sổ lưu trữ, bằng mã nguồn và requirements.lock của chính commit đó")
    assert sha256(tmp_path / "out" / f"{NAME}.tar.gz") == sha256(archived[1])
    assert result.stdout.splitlines()[-1] == (f"Giống từng byte bản đã lưu trữ: SHA-256 {sha256(archived[1])} "
                                              f"đúng như sổ lưu trữ ghi cho bản tin {ISSUE}.")


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


def _edit_bag_info(bag: Path, old: str, new: str) -> None:
    """Edit bag-info.txt, then recompute every manifest with the bagit library (re-bagged)."""
    info = bag / "bag-info.txt"
    text = info.read_text(encoding="utf-8")
    assert old in text, text
    info.write_text(text.replace(old, new), encoding="utf-8")
    bagit.Bag(str(bag)).save(manifests=True)


def test_a_rebagged_package_claiming_an_unregistered_identity_fails(capsys, repo, archived, bag_copy, tmp_path):
    # A file edited, the identifier changed to an issue nobody archived, re-bagged: valid inside.
    _change_a_byte(bag_copy)
    _edit_bag_info(bag_copy, f"External-Identifier: {NAME}", "External-Identifier: khcn-ban-tin-2099-01")
    bagit.Bag(str(bag_copy)).validate(fast=False)
    for path in (bag_copy, _pack(bag_copy, tmp_path / "packed")):
        code, out = verify(capsys, path, repo)
        assert code == 1, out
        assert out.splitlines()[0] == (
            "LỖI: \"khcn-ban-tin-2099-01\" không có trong sổ lưu trữ (archive/register.yml): sổ không bảo đảm gói "
            "này. Một gói đã lưu trữ mang mã khcn-ban-tin-NNNN-SS của một số có trong sổ; để kiểm tra một gói mới "
            "trước khi lưu trữ, thêm --unregistered")


@pytest.mark.parametrize("old, new, message", [
    ("Issue-Date: 2024-01-01", "Issue-Date: 2024-02-01",
     "LỖI: bag-info.txt ghi Issue-Date: 2024-02-01, sổ lưu trữ ghi 2024-01-01 cho bản tin 2023-04"),
    ("Internal-Sender-Identifier: git commit ", "Internal-Sender-Identifier: git commit 0",
     "LỖI: bag-info.txt ghi Internal-Sender-Identifier: git commit 0"),
], ids=["issue-date", "source-commit"])
def test_a_rebagged_package_whose_identity_differs_from_the_register_fails(capsys, repo, archived, bag_copy,
                                                                           old, new, message):
    _edit_bag_info(bag_copy, old, new)
    code, out = verify(capsys, bag_copy, repo)
    assert code == 1
    assert any(line.startswith(message) for line in out.splitlines()), out


def test_a_bag_under_another_folder_name_fails(capsys, repo, archived, bag_copy):
    renamed = bag_copy.rename(bag_copy.with_name("ban-luu"))
    code, out = verify(capsys, renamed, repo)
    assert code == 1
    assert (f"LỖI: thư mục túi tên \"ban-luu\", sổ lưu trữ ghi gói của bản tin {ISSUE} là {NAME}"
            in out.splitlines()), out


def _pack(bag: Path, folder: Path) -> Path:
    folder.mkdir()
    tarball = folder / f"{bag.name}.tar.gz"
    with tarfile.open(tarball, "w:gz") as tar:
        tar.add(bag, arcname=bag.name)
    return tarball


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


def test_unregistered_package_is_not_vouched_for(capsys, archived, tmp_path):
    code, out = verify(capsys, archived[1], tmp_path)  # a folder without archive/register.yml
    assert code == 1
    assert out.splitlines() == [
        f"LỖI: \"{NAME}\" không có trong sổ lưu trữ (archive/register.yml): sổ không bảo đảm gói này. Một gói "
        "đã lưu trữ mang mã khcn-ban-tin-NNNN-SS của một số có trong sổ; để kiểm tra một gói mới trước khi "
        "lưu trữ, thêm --unregistered",
        f"{archived[1]}: KHÔNG hợp lệ (1 lỗi)."]


def test_unregistered_package_is_checked_inside_when_asked(capsys, archived, tmp_path):
    code = main(["verify-snapshot", str(archived[1]), "--root", str(tmp_path), "--unregistered"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith(f"Lưu ý: \"{NAME}\" chưa có trong sổ lưu trữ (archive/register.yml): túi đã được "
                          "kiểm tra bên trong (--unregistered)")


# -- rebuilt from the register alone --------------------------------------------------

def test_verify_rebuild_builds_the_issue_from_the_register_alone(repo, archived):
    result = cli(repo, "verify-snapshot", "--rebuild", ISSUE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == (f"Bản tin {ISSUE}: dựng lại chỉ từ sổ lưu trữ cho đúng SHA-256 "
                                              f"{sha256(archived[1])} như sổ ghi.")


def test_verify_rebuild_names_the_files_that_differ(repo, archived, bag_copy, tmp_path):
    # The register says the issue was built with another Python, and its package says so too
    # (data/environment/python.txt): a rebuild here must say so first, then which files differ.
    (bag_copy / "data" / "environment" / "python.txt").write_text("CPython 3.9.0\n", encoding="utf-8")
    bagit.Bag(str(bag_copy)).save(manifests=True)
    (tmp_path / "kept").mkdir()
    kept = tmp_path / "kept" / f"{NAME}.tar.gz"
    kept_sha = package_module.write_tarball(bag_copy, kept, EPOCH)
    clone = tmp_path / "clone"
    git(repo.parent, "clone", "--quiet", str(repo), str(clone))
    python = f"{platform.python_implementation()} {platform.python_version()}"
    register = register_text(repo).replace(sha256(archived[1]), kept_sha).replace(
        f'python: "{python}"', 'python: "CPython 3.9.0"').replace(
        package_module.tagmanifest_digest(archived[1]), package_module.tagmanifest_digest(kept))
    (clone / "archive").mkdir()
    (clone / "archive" / "register.yml").write_text(register, encoding="utf-8")

    result = cli(clone, "verify-snapshot", "--rebuild", ISSUE, str(kept))
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    warning = next(i for i, line in enumerate(lines) if line.startswith("CẢNH BÁO:"))
    assert lines[warning].startswith(f"CẢNH BÁO: bản tin {ISSUE} được dựng bằng CPython 3.9.0, lần dựng lại này "
                                     f"dùng {python}")
    assert warning < next(i for i, line in enumerate(lines) if line.startswith("[1/6]"))
    found = lines.index(f"LỖI: bản tin {ISSUE} dựng lại có SHA-256 {sha256(archived[1])}, sổ lưu trữ ghi {kept_sha}.")
    listed = lines[found + 1:]
    assert listed[:2] == ["  Các tệp khác nhau (gói đã lưu trữ / bản dựng lại):",
                          f"  khác nội dung: data/environment/python.txt (dòng 1: «CPython 3.9.0» / «{python}»)"]
    # Then the tag files, which list the payload's size and checksums.
    oxum = re.fullmatch(r"  khác nội dung: bag-info.txt \(dòng \d+: «Payload-Oxum: (\d+)\.(\d+)» / "
                        r"«Payload-Oxum: (\d+)\.(\d+)»\)", listed[2])
    assert oxum and int(oxum[1]) + 1 == int(oxum[3]) and oxum[2] == oxum[4], listed[2]  # one byte shorter
    assert [line.split()[3] for line in listed[2:]] == [
        "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt",
        "tagmanifest-sha512.txt"]
    assert listed[3].startswith("  khác nội dung: manifest-sha256.txt (dòng ")
    assert f"«{_manifest_line(kept)[:80]}» / «{_manifest_line(archived[1])[:80]}»" in listed[3]

    # Without the package: what the register and the rebuild tell.
    result = cli(clone, "verify-snapshot", "--rebuild", ISSUE)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    found = lines.index(f"LỖI: bản tin {ISSUE} dựng lại có SHA-256 {sha256(archived[1])}, sổ lưu trữ ghi {kept_sha}.")
    assert lines[found + 1:] == [
        "  túi khác bản đã lưu trữ (tagmanifest-sha256.txt khác sổ ghi)",
        f"  data/environment/python.txt khác: bản dựng lại ghi {python}, bản đã lưu trữ ghi CPython 3.9.0",
        f"  Để biết đúng tệp nào khác, lấy gói đã lưu trữ {NAME}.tar.gz rồi chạy: python -m macros "
        f"verify-snapshot --rebuild {ISSUE} {NAME}.tar.gz"]


def _manifest_line(tarball: Path) -> str:
    """The line of python.txt in a package's SHA-256 manifest."""
    with tarfile.open(tarball) as tar:
        text = tar.extractfile(f"{NAME}/manifest-sha256.txt").read().decode("utf-8")
    return next(line for line in text.splitlines() if line.endswith("data/environment/python.txt"))


# -- an entry written before the register recorded Python: amended, never rewritten ----------

def test_an_older_entry_is_amended_by_an_appended_entry_after_a_byte_identical_rebuild(repo, archived, tmp_path):
    clone = tmp_path / "clone"
    git(repo.parent, "clone", "--quiet", str(repo), str(clone))
    # The entry as the register wrote it before it had archived, python and zlib (2023-04's).
    old = "".join(line for line in register_text(repo).splitlines(keepends=True)
                  if not line.startswith(("    archived:", "    python:", "    zlib:")))
    (clone / "archive").mkdir()
    (clone / "archive" / "register.yml").write_text(old, encoding="utf-8")
    git(clone, "add", "archive/register.yml")
    git(clone, "commit", "--quiet", "--message", "Sổ lưu trữ: bản tin 2023-04")
    added_by = git(clone, "rev-parse", "HEAD")

    result = cli(clone, "amend-register", ISSUE, "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    text = (clone / "archive" / "register.yml").read_text(encoding="utf-8")
    assert text.startswith(old)  # every earlier byte stays
    python = f"{platform.python_implementation()} {platform.python_version()}"
    today = dt.date.today().isoformat()
    assert text[len(old):] == (
        f'  - amends: "{ISSUE}"\n    recorded: {today}\n    archived: 2024-01-01\n    python: "{python}"\n'
        f'    zlib: "{zlib.ZLIB_RUNTIME_VERSION}"\n'
        f'    evidence: "Dựng lại ngày {today} bằng {python}, zlib {zlib.ZLIB_RUNTIME_VERSION}, từ commit '
        f'{git(repo, "rev-parse", "HEAD")[:12]} và requirements.lock của nó: đúng SHA-256 {sha256(archived[1])} '
        f'đã ghi, nên đây là Python và zlib cho ra đúng gói này. Ngày lưu trữ là ngày của commit '
        f'{added_by[:12]}, commit đã thêm mục {ISSUE} vào sổ."\n')
    assert cli(clone, "validate").returncode == 0
    entry = read_register(clone).register.entry(ISSUE)
    assert (entry.archived, entry.python, entry.zlib) == (dt.date(2024, 1, 1), python, zlib.ZLIB_RUNTIME_VERSION)

    again = cli(clone, "amend-register", ISSUE, "--out", str(tmp_path / "out"))
    assert again.returncode == 1
    assert again.stderr.strip() == (f"Không bổ sung được sổ lưu trữ cho bản tin {ISSUE}: mục của bản tin {ISSUE} "
                                    "trong archive/register.yml đã ghi đủ archived, python, zlib; không có gì để bổ sung")


# -- the release workflow ------------------------------------------------------------------

def test_snapshot_python_prints_the_registered_version():
    # 2023-04's entry was written without it: the amendment below it in the register adds it.
    out = subprocess.run([sys.executable, "-m", "macros", "snapshot-python", ISSUE], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout
    assert out == read_register(REPO).register.entry(ISSUE).python.split()[-1] + "\n"


def test_release_workflow_has_the_history_the_registered_python_and_attaches_the_package():
    import yaml
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["snapshot"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    registered = next(s for s in steps if s.get("id") == "registered")
    assert "macros snapshot-python" in registered["run"]
    python = next(s for s in steps if s.get("id") == "python")
    assert python["with"]["python-version"] == "${{ steps.registered.outputs.python }}"
    build = next(s for s in steps if "make snapshot" in s.get("run", ""))
    assert build["env"]["SNAPSHOT_PYTHON"] == "${{ steps.python.outputs.python-path }}"
    assert 'SNAPSHOT_PYTHON="$SNAPSHOT_PYTHON"' in build["run"]
    release = steps[-1]["run"]
    assert 'gh release create "$TAG" "$package"' in release


# -- the test of time: dependencies change, an archived issue still rebuilds -------------

# Commit A's charts were drawn by pygal (as the site's were until cda4a52); its lock has pygal
# and what pygal imports, and an older mergedeep. Hashes from PyPI.
PYGAL_LOCK = """importlib-metadata==10.2.0 \\
    --hash=sha256:9413a2029fd9ca5669d27f1386071bbfe3c7ebca0545692ec975088241fe1d79 \\
    --hash=sha256:c7a4bf1c7479601f6b8e437cfc14f4f77028ba62a8f34ae95cd93d9774dfba51
lazy-importer==0.1.0 \\
    --hash=sha256:b2e296716ce015c0cd80e57b940e52727c5b934b34b8656d5ce06bdd0ee5fbdd \\
    --hash=sha256:bd93fab7bef18e842eea02b839410954d37889140dc64ca4d9680aec6880c739
pygal==3.1.3 \\
    --hash=sha256:c0b9bc2d31df4094c9f65b0969b62571a47b28197aced081b1a9433c3a760f32 \\
    --hash=sha256:dd119c14cdeb56beb85282e3e2687ece30561225d410a822e6bb68699aa6e7b1
zipp==4.1.2 \\
    --hash=sha256:b30cb6cd253122169c47de245ca24a86bac2a5d3802ba15bf7ba6414eb9e144d \\
    --hash=sha256:cf474b90b07ea932637e17c6b9479de2b2882900b0d311bdaf4f5c000a15a97f
"""
MERGEDEEP_OLD = """mergedeep==1.3.3 \\
    --hash=sha256:26de978c1faaf40d6f9113e4a31250639d0af2374a04e67f79c673b69d3a5230 \\
    --hash=sha256:60e4a03c92e8bbf403b13eb842b757d954c4ca0b5431ae3c5095bf55d998ac14
"""
PYGAL_IMPORT = "import pygal  # noqa: E402,F401  commit A: the charts are drawn by pygal\n"


def lock_of_commit_a() -> str:
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    lock, count = re.subn(r"^mergedeep==.*?(?=^\S)", MERGEDEEP_OLD, lock, flags=re.MULTILINE | re.DOTALL)
    assert count == 1
    return lock + PYGAL_LOCK


@pytest.fixture(scope="module")
def test_of_time(tmp_path_factory):
    """Issue 2023-04 archived at commit A (pygal imported and locked, mergedeep 1.3.3); then
    commit B removes pygal from the code and the lock and bumps mergedeep to 1.3.4."""
    root = tmp_path_factory.mktemp("time") / "projekt"
    copy_project(root)
    hooks = root / "macros" / "site" / "hooks.py"
    today = hooks.read_text(encoding="utf-8")
    (root / "requirements.lock").write_text(lock_of_commit_a(), encoding="utf-8")
    hooks.write_text(today.replace("from markupsafe import escape", PYGAL_IMPORT + "from markupsafe import escape", 1),
                     encoding="utf-8")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", "A: biểu đồ vẽ bằng pygal")
    archived = cli(root, "archive", ISSUE, "--out", str(root.parent / "out"))
    assert archived.returncode == 0, archived.stdout + archived.stderr
    git(root, "add", "archive/register.yml")
    git(root, "commit", "--quiet", "--message", "Lưu trữ bản tin 2023-04")
    shutil.copy2(REPO / "requirements.lock", root / "requirements.lock")
    hooks.write_text(today, encoding="utf-8")
    git(root, "commit", "--quiet", "--all", "--message", "B: biểu đồ tự vẽ, bỏ pygal; mergedeep 1.3.4")
    return root, root.parent / "out" / f"{NAME}.tar.gz"


def test_an_issue_archived_before_its_dependencies_changed_rebuilds_byte_for_byte(test_of_time, tmp_path):
    root, package_a = test_of_time
    assert "pygal" not in (root / "requirements.lock").read_text(encoding="utf-8")
    assert "mergedeep==1.3.4" in (root / "requirements.lock").read_text(encoding="utf-8")
    assert "pygal" not in (root / "macros" / "site" / "hooks.py").read_text(encoding="utf-8")
    registered = read_register(root).register.entry(ISSUE)
    assert registered.sha256 == sha256(package_a)

    result = cli(root, "snapshot", ISSUE, "--out", str(tmp_path))  # from B's checkout
    assert result.returncode == 0, result.stdout + result.stderr
    assert sha256(tmp_path / f"{NAME}.tar.gz") == registered.sha256
    with tarfile.open(tmp_path / f"{NAME}.tar.gz") as tar:
        freeze = tar.extractfile(f"{NAME}/data/environment/pip-freeze.txt").read().decode("utf-8")
    assert "pygal==3.1.3" in freeze.splitlines() and "mergedeep==1.3.3" in freeze.splitlines()


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
