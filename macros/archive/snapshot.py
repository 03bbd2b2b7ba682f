"""`python -m macros snapshot|archive`: one archival snapshot per bulletin issue.

The snapshot is built from the project exactly as it stood at one commit (`git archive`,
never the working tree): the registered commit for an archived issue, else HEAD. The site is
built offline (no directory URLs, Material's `offline` plugin, no request outside itself)
with SOURCE_DATE_EPOCH set to the issue's date, then packed by macros/archive/package.py. The same
commit built with the same packages gives the same bytes, in any folder, on any day.
"""
from __future__ import annotations

import datetime as dt
import functools
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


from macros.archive import register as archive
from macros.archive import package
from macros.archive.citation import bulletin_citation, citation_cff
from macros.records.loader import load_all
from macros.records.problems import has_errors
from macros.archive.project import load_project
from macros.records.project import read_mkdocs_config

SHIM = Path(__file__).parent / "offline" / "iframe-worker-shim.js"
SHIM_URL = "assets/javascripts/iframe-worker-shim.js"  # "iframe-worker" in it: offline adds no CDN copy
CONFIG = "mkdocs.snapshot.yml"
STEPS = 6
say_now = functools.partial(print, flush=True)  # progress shows while it works, even in a pipe


class SnapshotError(Exception):
    """A snapshot cannot be made; the message says why, in Vietnamese."""


@dataclass
class Snapshot:
    issue: str
    date: dt.date
    commit: str
    tarball: Path
    sha256: str
    tagmanifest_sha256: str
    records: dict[str, str]  # file -> SHA-256 of what it published in the issue
    seconds: float

    def register_entry(self) -> archive.ArchivedIssue:
        return archive.ArchivedIssue(id=self.issue, date=self.date, commit=self.commit,
                                     package=self.tarball.name, sha256=self.sha256,
                                     tagmanifest_sha256=self.tagmanifest_sha256, records=self.records)


class Progress:
    """Numbered steps with the time since the start, printed as they begin."""

    def __init__(self, say=say_now):
        self.say, self.start, self.step = say, time.monotonic(), 0

    def __call__(self, message: str) -> None:
        self.step += 1
        self.say(f"[{self.step}/{STEPS}] {message} ({time.monotonic() - self.start:.1f} s)")

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.start


def issue_epoch(date: dt.date) -> int:
    """SOURCE_DATE_EPOCH of an issue: its date at 00:00 UTC."""
    return int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc).timestamp())


def git(root: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except FileNotFoundError:
        raise SnapshotError("không tìm thấy lệnh git; bản lưu trữ được dựng từ một commit git") from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip()
        raise SnapshotError(f"lệnh git {' '.join(args)} thất bại: {detail}")
    return result.stdout


def resolve_commit(root: Path, issue: str) -> tuple[str, archive.ArchivedIssue | None]:
    """The registered commit of an archived issue, else HEAD."""
    found = archive.read_register(root)
    if found.problems:
        raise SnapshotError("sổ lưu trữ có lỗi:\n" + "\n".join(p.format_text() for p in found.problems))
    entry = next((e for e in found.register.snapshots if e.id == issue), None)
    if entry is not None:
        try:
            git(root, "cat-file", "-e", f"{entry.commit}^{{commit}}")
        except SnapshotError:
            raise SnapshotError(f"không có commit {entry.commit} (ghi trong {archive.REGISTER} cho bản tin "
                                f"{issue}) trong kho git này; với bản sao nông, hãy chạy git fetch --unshallow") from None
        return entry.commit, entry
    return git(root, "rev-parse", "HEAD").decode().strip(), None


def extract(tar_bytes: bytes, target: Path) -> None:
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as tar:
        tar.extractall(target, filter="data")


def snapshot_config(source: Path) -> str:
    """mkdocs.snapshot.yml: the project's mkdocs.yml, plus what an offline copy needs.

    Written as JSON (which is YAML). INHERIT merges mappings but replaces lists, so the
    plugin list is repeated whole with `offline` added."""
    config = read_mkdocs_config(source)  # `!ENV` values read as None: a copy takes nothing from the environment
    plugins = config.get("plugins", ["search"])
    if isinstance(plugins, dict):
        plugins = {**plugins, "offline": {}}
    elif "offline" not in plugins:
        plugins = [*plugins, "offline"]
    extra = config.get("extra") or {}
    polyfills = [p for p in extra.get("polyfills", []) if "iframe-worker" not in p] + [SHIM_URL]
    # No edit_uri: an archived page has no "edit this page" button.
    return json.dumps({"INHERIT": "mkdocs.yml", "use_directory_urls": False, "site_url": None, "edit_uri": "",
                       "plugins": plugins, "extra": {"polyfills": polyfills}},
                      ensure_ascii=False, indent=2) + "\n"


def build_environment(epoch: int, work: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "MKDOCS_CONFIG", "SITE_URL")}
    env.update(SOURCE_DATE_EPOCH=str(epoch), PYTHONHASHSEED="0", TZ="UTC", LC_ALL="C.UTF-8",
               LANG="C.UTF-8", NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1",
               GIT_CEILING_DIRECTORIES=str(work))  # mkdocs-macros asks git; let it find no repo
    return env


def build_offline_site(source: Path, site: Path, epoch: int, work: Path) -> None:
    (source / CONFIG).write_text(snapshot_config(source), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--config-file", CONFIG, "--site-dir", str(site)],
                            cwd=source, env=build_environment(epoch, work),
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SnapshotError("dựng trang thất bại:\n" + (result.stderr or result.stdout).strip())
    # 404.html is for a web host to serve; its links are absolute (/...), and from file://
    # nothing serves it: an offline copy has no use for it.
    (site / "404.html").unlink(missing_ok=True)
    (site / SHIM_URL).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM, site / SHIM_URL)
    for gz in sorted(site.rglob("*.gz")):
        package.regzip(gz, epoch)
    leaked = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*"))
              if p.is_file() and str(work).encode() in p.read_bytes()]
    if leaked:
        raise SnapshotError(f"trang dựng ra có chứa đường dẫn thư mục tạm {work}: {', '.join(leaked)}")


def pip_freeze() -> str:
    result = subprocess.run([sys.executable, "-m", "pip", "freeze", "--disable-pip-version-check"],
                            capture_output=True, text=True, check=True)
    return result.stdout


def spdx_licence(text: str) -> str | None:
    return "CC-BY-4.0" if "CC BY 4.0" in text else None


def readme(records, bulletin, commit: str, name: str) -> str:
    citation = bulletin_citation(bulletin)
    return f"""Bản lưu trữ: {bulletin.title}
{records.bloc.name}

Túi BagIt này (RFC 8493) giữ trang web của Khối như lúc phát hành số bản tin,
ngày {bulletin.date:%d/%m/%Y}, dựng từ commit {commit}.

  data/site/index.html   trang web: mở trực tiếp bằng trình duyệt, không cần mạng, tìm kiếm được
  data/source/           mã nguồn của trang tại commit trên
  data/source/data/      các bản ghi dữ liệu đã dùng để dựng trang
  data/environment/      phiên bản Python và các gói đã dùng (requirements.lock, pip-freeze.txt)
  data/CITATION.cff      thông tin trích dẫn (Citation File Format 1.2.0)

Kiểm tra: mỗi tệp trong data/ có mã SHA-256 và SHA-512 trong manifest-sha256.txt và
manifest-sha512.txt; bagit.txt, bag-info.txt và các manifest có mã trong tagmanifest-*.txt.
  python -m macros verify-snapshot {name}.tar.gz    (trong kho mã nguồn của trang)
  bagit.py --validate {name}                        (công cụ BagIt bất kỳ, sau khi giải nén)

Dựng lại: trong một bản sao git của kho mã nguồn, cài các gói theo requirements.lock rồi chạy
  make snapshot ISSUE={bulletin.id}
Cùng commit và cùng phiên bản các gói cho ra tệp {name}.tar.gz giống từng byte.

Trích dẫn:
  {citation.text}
"""


def assemble_payload(payload: Path, tree: bytes, records, bulletin, commit: str, name: str) -> None:
    """Everything but the site: the source at the commit, the package versions, the citation."""
    extract(tree, payload / "source")
    environment = payload / "environment"
    environment.mkdir()
    lock = payload / "source" / "requirements.lock"
    if lock.exists():
        shutil.copyfile(lock, environment / "requirements.lock")
    (environment / "pip-freeze.txt").write_text(pip_freeze(), encoding="utf-8")
    (environment / "python.txt").write_text(
        f"{platform.python_implementation()} {platform.python_version()}\n", encoding="utf-8")
    (payload / "CITATION.cff").write_text(
        citation_cff(bulletin, records.bloc, commit, name, spdx_licence(records.bloc.licence)), encoding="utf-8")
    (payload / "README.txt").write_text(readme(records, bulletin, commit, name), encoding="utf-8")


def load_issue(source: Path, issue: str, strict: bool):
    """The records at the commit, and the issue among them."""
    records, problems = load_project(source)
    if records is None or (strict and has_errors(problems)):
        errors = "\n".join(p.format_text() for p in problems if p.severity == "error")
        raise SnapshotError(f"dữ liệu tại commit này có lỗi; sửa rồi commit trước khi lưu trữ:\n{errors}")
    if issue not in records.bulletins:
        known = ", ".join(sorted(records.bulletins)) or "không có"
        raise SnapshotError(f"không có bản tin \"{issue}\" trong dữ liệu tại commit này (các số có: {known})")
    return records, problems


def build_snapshot(root: Path, issue: str, out_dir: Path, say=say_now, strict: bool = False) -> Snapshot:
    """Build the snapshot of one issue into out_dir/khcn-ban-tin-<issue>.tar.gz."""
    progress = Progress(say)
    commit, entry = resolve_commit(root, issue)
    name = archive.package_name(issue)
    progress(f"Lấy mã nguồn tại commit {commit[:12]}"
             + (" (commit đã ghi trong sổ lưu trữ)" if entry else " (HEAD; thay đổi chưa commit không được dùng)"))
    tree = git(root, "archive", "--format=tar", commit)
    work = Path(tempfile.mkdtemp(prefix="khcn-snapshot-"))
    try:
        extract(tree, work / "build")
        progress("Kiểm tra dữ liệu")
        records, _ = load_issue(work / "build", issue, strict)
        bulletin = records.bulletins[issue]
        newer = sorted(b.id for b in records.bulletins.values() if b.date > bulletin.date)
        if newer:
            say(f"      Lưu ý: dữ liệu tại commit này đã có số mới hơn ({', '.join(newer)}).")
        epoch = issue_epoch(bulletin.date)
        bag = work / name
        progress(f"Dựng trang ngoại tuyến (SOURCE_DATE_EPOCH={epoch}, ngày {bulletin.date:%d/%m/%Y})")
        build_offline_site(work / "build", bag / "site", epoch, work)
        progress("Ghi mã nguồn, phiên bản các gói và thông tin trích dẫn")
        assemble_payload(bag, tree, records, bulletin, commit, name)
        progress("Đóng túi BagIt (SHA-256 và SHA-512)")
        package.make_bag(bag, bag_info(records, bulletin, commit, name)).validate(fast=False)
        progress("Nén thành tệp .tar.gz tái lập được")
        out_dir.mkdir(parents=True, exist_ok=True)
        tarball = out_dir / f"{name}.tar.gz"
        sha256 = package.write_tarball(bag, tarball, epoch)
        tag_sha256 = package.sha256_of(bag / "tagmanifest-sha256.txt")
        loaded_records = archive.published_digests(load_all(work / "build"), issue)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    snapshot = Snapshot(issue, bulletin.date, commit, tarball, sha256, tag_sha256,
                        loaded_records, progress.seconds)
    say(f"Xong sau {snapshot.seconds:.1f} s: {tarball} ({tarball.stat().st_size / 1e6:.2f} MB)")
    say(f"SHA-256 {sha256}")
    return snapshot


def bag_info(records, bulletin, commit: str, name: str) -> dict[str, str]:
    date = bulletin.date.isoformat()
    return {
        "Source-Organization": records.bloc.name,
        "External-Identifier": name,
        "External-Description": f"Bản lưu trữ trang web {records.bloc.short_name} khi phát hành {bulletin.title}",
        "Issue-Date": date,
        "Bagging-Date": date,  # the issue's date, not the day the bag is made
        "Bag-Group-Identifier": "khcn-ban-tin",
        "Internal-Sender-Identifier": f"git commit {commit}",
    }


def archive_issue(root: Path, issue: str, out_dir: Path, say=say_now) -> Snapshot:
    """Build the snapshot of an issue from HEAD and add it to the register, once.

    Refused (archive.AlreadyArchived), with nothing built or written, when the issue is
    already registered: an archived issue is corrected by errata, never re-archived."""
    found = archive.read_register(root)
    entry = next((e for e in found.register.snapshots if e.id == issue), None)
    if entry is not None:
        raise archive.AlreadyArchived(issue)
    dirty = git(root, "status", "--porcelain", "--", "data", "content", "mkdocs.yml").decode().strip()
    if dirty:
        say("Lưu ý: có thay đổi chưa commit trong data/, content/ hoặc mkdocs.yml; "
            "bản lưu trữ chỉ dùng những gì đã commit (HEAD).")
    snapshot = build_snapshot(root, issue, out_dir, say, strict=True)
    archive.append_entry(root, snapshot.register_entry())
    say(f"Đã ghi bản tin {issue} vào {archive.REGISTER} (commit {snapshot.commit[:12]}). "
        "Hãy commit tệp này cùng với việc phát hành.")
    return snapshot
