"""`python -m macros snapshot|archive`: one archival snapshot per bulletin issue.

The snapshot is built from the project exactly as it stood at one commit (`git archive`,
never the working tree): the registered commit for an archived issue, else HEAD. It is built
by that commit's own code, in a virtual environment made from that commit's own
requirements.lock (macros/archive/environment.py), never in the project's .venv: an issue
archived years ago builds as it did then, whatever the dependencies have become. The site is
built offline (no directory URLs, Material's `offline` plugin, no request outside itself)
with SOURCE_DATE_EPOCH set to the issue's date, then packed by macros/archive/package.py. The
same commit built with the same packages and the same Python gives the same bytes, in any
folder, on any day.
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
import zlib
from dataclasses import dataclass
from pathlib import Path


from macros.archive import environment
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
    commit: str
    tarball: Path
    sha256: str
    tagmanifest_sha256: str
    seconds: float
    python: str | None = None  # "CPython 3.11.7": the Python the environment was made with
    zlib: str | None = None
    registered: archive.ArchivedIssue | None = None  # the register's entry, amendments included

    @property
    def matches_register(self) -> bool | None:
        """Same bytes as the registered package (None: the issue is not registered)."""
        return None if self.registered is None else self.sha256 == self.registered.sha256


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
    entry = found.register.entry(issue)
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

Dựng lại: trong một bản sao git đủ lịch sử của kho mã nguồn, chạy
  make snapshot ISSUE={bulletin.id}
Lệnh dựng bằng mã nguồn tại commit trên, trong một môi trường riêng cài đúng các gói của
requirements.lock tại commit đó. Cùng commit, cùng phiên bản các gói và cùng phiên bản Python
(ghi trong sổ lưu trữ và trong data/environment/python.txt) cho ra tệp {name}.tar.gz giống từng byte.
  python -m macros verify-snapshot --rebuild {bulletin.id}   (dựng lại và so với sổ lưu trữ)

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


def build_snapshot(root: Path, issue: str, out_dir: Path, say=say_now, python: str | None = None) -> Snapshot:
    """Build the snapshot of one issue into out_dir/khcn-ban-tin-<issue>.tar.gz: the registered
    commit's (else HEAD's) own code, in an environment made from its own requirements.lock,
    with the registered Python when one is found (`python` chooses another)."""
    if os.environ.get(environment.IN_ENVIRONMENT):
        return build_here(root, issue, out_dir, say)
    start = time.monotonic()
    commit, entry = resolve_commit(root, issue)
    lock = git_file(root, commit, "requirements.lock")
    interpreter = environment.interpreter_for(entry.python if entry else None, python)
    for line in environment_notes(issue, commit, entry, interpreter):
        say(line)
    try:
        env = environment.environment_for(lock, interpreter, environment.cache_root(root), say)
        with environment.checkout(root, commit) as source:
            status = environment.run_snapshot_command(env, source, issue, out_dir, say)
    except environment.EnvironmentProblem as exc:
        raise SnapshotError(str(exc)) from None
    tarball = out_dir / f"{archive.package_name(issue)}.tar.gz"
    if status != 0 or not tarball.is_file():
        raise SnapshotError(f"lệnh snapshot của commit {commit[:12]} dừng với mã {status}")
    snapshot = Snapshot(issue, commit, tarball, package.sha256_of(tarball), package.tagmanifest_digest(tarball),
                        time.monotonic() - start, interpreter.label, interpreter.zlib, entry)
    if entry is not None:
        say(verdict_line(snapshot))
    return snapshot


def git_file(root: Path, commit: str, path: str) -> bytes:
    try:
        return git(root, "show", f"{commit}:{path}")
    except SnapshotError:
        raise SnapshotError(f"commit {commit[:12]} không có tệp {path}: không biết phải cài những gói nào "
                            "để dựng lại") from None


def environment_notes(issue: str, commit: str, entry, interpreter) -> list[str]:
    """What the build is about to use, said before it starts; a Python or a zlib other than
    the registered one is said plainly, with what it changes and how to avoid it."""
    if entry is None:
        return [f"Bản tin {issue} chưa có trong sổ lưu trữ: dựng từ HEAD (commit {commit[:12]}; thay đổi "
                f"chưa commit không được dùng), bằng mã nguồn và requirements.lock của commit đó, "
                f"với {interpreter.label} (zlib {interpreter.zlib})."]
    lines = [f"Bản tin {issue} đã lưu trữ: dựng lại từ commit {commit[:12]} ghi trong sổ lưu trữ, bằng mã "
             f"nguồn và requirements.lock của chính commit đó, trong một môi trường ảo riêng."]
    if entry.python is None:
        lines.append(f"Lưu ý: sổ lưu trữ không ghi phiên bản Python đã dựng bản tin {issue}; "
                     f"dùng {interpreter.label}.")
    elif interpreter.label != entry.python:
        lines.append(f"CẢNH BÁO: bản tin {issue} được dựng bằng {entry.python}, lần dựng lại này dùng "
                     f"{interpreter.label} ({interpreter.path}). Phiên bản Python được ghi trong gói "
                     f"(data/environment/python.txt) nên SHA-256 sẽ khác sổ lưu trữ. Để dựng lại đúng từng "
                     f"byte, cài {entry.python} rồi chạy lại với --python ĐƯỜNG_DẪN "
                     f"(make snapshot ISSUE={issue} SNAPSHOT_PYTHON=ĐƯỜNG_DẪN).")
    else:
        lines.append(f"Python: {interpreter.label}, đúng như sổ lưu trữ ghi.")
    if entry.zlib is not None and interpreter.zlib != entry.zlib:
        lines.append(f"CẢNH BÁO: bản tin {issue} được nén bằng zlib {entry.zlib}, Python này dùng zlib "
                     f"{interpreter.zlib}: các tệp .gz và chính tệp gói có thể khác từng byte.")
    return lines


def verdict_line(snapshot: Snapshot) -> str:
    entry = snapshot.registered
    if snapshot.matches_register:
        return (f"Giống từng byte bản đã lưu trữ: SHA-256 {snapshot.sha256} đúng như sổ lưu trữ ghi "
                f"cho bản tin {entry.id}.")
    return (f"KHÁC sổ lưu trữ: sổ ghi SHA-256 {entry.sha256} cho bản tin {entry.id}, bản dựng lại có "
            f"{snapshot.sha256}. Xem tệp nào khác: python -m macros verify-snapshot --rebuild {entry.id} "
            f"ĐƯỜNG_DẪN_GÓI_ĐÃ_LƯU_TRỮ")


def build_here(root: Path, issue: str, out_dir: Path, say=say_now) -> Snapshot:
    """Build the snapshot of one issue from HEAD of root, in this Python and its packages,
    into out_dir/khcn-ban-tin-<issue>.tar.gz: what build_snapshot runs in the commit's own
    environment (and what any earlier commit's `snapshot` command did)."""
    progress = Progress(say)
    commit = git(root, "rev-parse", "HEAD").decode().strip()
    name = archive.package_name(issue)
    progress(f"Lấy mã nguồn tại commit {commit[:12]}")
    tree = git(root, "archive", "--format=tar", commit)
    work = Path(tempfile.mkdtemp(prefix="khcn-snapshot-"))
    try:
        extract(tree, work / "build")
        progress("Kiểm tra dữ liệu")
        records, _ = load_issue(work / "build", issue, strict=False)
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
    finally:
        shutil.rmtree(work, ignore_errors=True)
    snapshot = Snapshot(issue, commit, tarball, sha256, tag_sha256, progress.seconds,
                        f"{platform.python_implementation()} {platform.python_version()}", zlib.ZLIB_RUNTIME_VERSION)
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


def archive_issue(root: Path, issue: str, out_dir: Path, say=say_now, python: str | None = None,
                  today: dt.date | None = None) -> Snapshot:
    """Build the snapshot of an issue from HEAD and add it to the register, once.

    Refused (archive.AlreadyArchived), with nothing built or written, when the issue is
    already registered: an archived issue is corrected by errata, never re-archived. The
    register gets the issue's date, the day it was archived, and the Python and zlib that
    built it (what a rebuild needs to give the same bytes)."""
    found = archive.read_register(root)
    if found.register.entry(issue) is not None:
        raise archive.AlreadyArchived(issue)
    dirty = git(root, "status", "--porcelain", "--", "data", "content", "mkdocs.yml").decode().strip()
    if dirty:
        say("Lưu ý: có thay đổi chưa commit trong data/, content/ hoặc mkdocs.yml; "
            "bản lưu trữ chỉ dùng những gì đã commit (HEAD).")
    head = git(root, "rev-parse", "HEAD").decode().strip()
    date, published = published_at(root, head, issue)
    snapshot = build_snapshot(root, issue, out_dir, say, python)
    if snapshot.commit != head:
        raise SnapshotError(f"HEAD đã đổi trong khi dựng ({head[:12]} -> {snapshot.commit[:12]}); hãy chạy lại")
    entry = archive.ArchivedIssue(id=issue, date=date, archived=today or dt.date.today(), commit=head,
                                  package=snapshot.tarball.name, sha256=snapshot.sha256,
                                  tagmanifest_sha256=snapshot.tagmanifest_sha256, python=snapshot.python,
                                  zlib=snapshot.zlib, records=published)
    archive.append_entry(root, entry)
    say(f"Đã ghi bản tin {issue} vào {archive.REGISTER} (commit {head[:12]}). "
        "Hãy commit tệp này cùng với việc phát hành.")
    return snapshot


def published_at(root: Path, commit: str, issue: str) -> tuple[dt.date, dict[str, str]]:
    """The issue's date and what each record file published in it, at the commit; refused
    when the records there have errors."""
    work = Path(tempfile.mkdtemp(prefix="khcn-archive-"))
    try:
        extract(git(root, "archive", "--format=tar", commit), work / "build")
        records, _ = load_issue(work / "build", issue, strict=True)
        return records.bulletins[issue].date, archive.published_digests(load_all(work / "build"), issue)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def amend_register(root: Path, issue: str, out_dir: Path, say=say_now, python: str | None = None,
                   today: dt.date | None = None) -> archive.Amendment:
    """Add to the register what an archived issue's entry was written without: rebuild the issue
    from the register, and only when the bytes are the registered ones, append an amendment with
    the Python and zlib that gave them and the day the entry entered the history (the date of
    the commit that added it). The entry itself is never changed."""
    entry = archive.read_register(root).register.entry(issue)
    if entry is None:
        raise SnapshotError(f"bản tin {issue} chưa có trong {archive.REGISTER}")
    missing = [name for name in archive.AMENDABLE if getattr(entry, name) is None]
    if not missing:
        raise SnapshotError(f"mục của bản tin {issue} trong {archive.REGISTER} đã ghi đủ "
                            f"{', '.join(archive.AMENDABLE)}; không có gì để bổ sung")
    snapshot = build_snapshot(root, issue, out_dir, say, python)
    if not snapshot.matches_register:
        raise SnapshotError("bản dựng lại khác sổ lưu trữ: sổ chỉ ghi thêm điều đã được chứng minh "
                            "(xem python -m macros verify-snapshot --rebuild " + issue + ")")
    today = today or dt.date.today()
    added_on, added_by = entry_added(root, issue)
    facts = {"archived": added_on, "python": snapshot.python, "zlib": snapshot.zlib}
    evidence = (f"Dựng lại ngày {today.isoformat()} bằng {snapshot.python}, zlib {snapshot.zlib}, từ "
                f"commit {entry.commit[:12]} và requirements.lock của nó: đúng SHA-256 {entry.sha256} đã "
                f"ghi, nên đây là Python và zlib cho ra đúng gói này. Ngày lưu trữ là ngày của commit "
                f"{added_by[:12]}, commit đã thêm mục {issue} vào sổ.")
    amendment = archive.Amendment(amends=issue, recorded=today, evidence=evidence,
                                  **{name: facts[name] for name in missing})
    archive.append_amendment(root, amendment)
    say(f"Đã ghi thêm vào {archive.REGISTER} cho bản tin {issue}: "
        + ", ".join(f"{name} {facts[name]}" for name in missing) + ". Hãy commit tệp này.")
    return amendment


def entry_added(root: Path, issue: str) -> tuple[dt.date, str]:
    """The date and hash of the commit that added an issue's entry to the register."""
    found = git(root, "log", "--reverse", "--format=%H %as", "-S", f'id: "{issue}"', "--",
                archive.REGISTER).decode().split()
    if len(found) < 2:
        raise SnapshotError(f"không tìm được commit đã thêm bản tin {issue} vào {archive.REGISTER} "
                            "(mục chưa được commit, hoặc bản sao nông: git fetch --unshallow)")
    return dt.date.fromisoformat(found[1]), found[0]
