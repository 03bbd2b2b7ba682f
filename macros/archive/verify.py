"""`python -m macros verify-snapshot PATH`: check a snapshot fully, a bag folder or its tarball.

Every file's SHA-256 and SHA-512 are computed again (bagit's validate with fast=False, never
only the sizes), files missing from or added to the bag are named, the package's identity
(bag-info.txt's identifier, issue date and source commit, the folder's name) is checked
against the register, and so are its bytes: the tarball's SHA-256, or for a folder the SHA-256
of its tag manifest (which covers bag-info.txt and, through the manifests, every payload file).
A package the register does not list is not vouched for: an error, unless `--unregistered`
(checking a fresh package before it is archived).

`verify-snapshot --rebuild ISSUE [PACKAGE]` needs no package: it builds the issue again from
the register alone (macros/archive/snapshot.py) and compares the SHA-256; when they differ,
it names the files that differ (given the registered package), or what it can tell without it.
"""
from __future__ import annotations

import hashlib
import logging
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import bagit

from macros.archive import register as archive
from macros.archive.compare import compare_packages
from macros.archive.package import sha256_of


@dataclass
class Verdict:
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: int = 0  # files whose checksums were computed again

    @property
    def ok(self) -> bool:
        return not self.errors


def verify_snapshot(path: Path, root: Path, unregistered: bool = False) -> Verdict:
    """Every check on a bag folder or a .tar.gz; the verdict lists what failed, in Vietnamese.
    `unregistered`: a package the register does not list is only noted, not an error."""
    verdict = Verdict()
    logging.getLogger("bagit").setLevel(logging.CRITICAL)  # its findings are reported here
    found = archive.read_register(root)
    if found.problems:
        verdict.errors += [f"sổ lưu trữ có lỗi: {p.format_text()}" for p in found.problems]
    entries = {entry.id: entry for entry in found.register.entries()}
    if path.is_dir():
        _check_folder(path, entries, verdict, unregistered)
    elif path.is_file():
        _check_tarball(path, entries, verdict, unregistered)
    else:
        verdict.errors.append(f"không tìm thấy {path}")
    return verdict


def _bag_info(bag_dir: Path) -> dict:
    try:
        return bagit.Bag(str(bag_dir)).info
    except bagit.BagError:
        return {}


def _entry_for(bag_dir: Path, entries: dict, verdict: Verdict, unregistered: bool):
    """The register entry of a bag, from its External-Identifier (khcn-ban-tin-NNNN-SS)."""
    identifier = str(_bag_info(bag_dir).get("External-Identifier", ""))
    issue = identifier.removeprefix(archive.package_name("")) if identifier.startswith(archive.package_name("")) else None
    entry = entries.get(issue)
    if entry is None:
        what = f"\"{identifier}\"" if identifier else "túi không có External-Identifier và"
        if unregistered:
            verdict.notes.append(f"{what} chưa có trong sổ lưu trữ ({archive.REGISTER}): túi đã được "
                                 "kiểm tra bên trong (--unregistered), nhưng không đối chiếu được với sổ")
        else:
            verdict.errors.append(f"{what} không có trong sổ lưu trữ ({archive.REGISTER}): sổ không bảo đảm "
                                  "gói này. Một gói đã lưu trữ mang mã khcn-ban-tin-NNNN-SS của một số có trong "
                                  "sổ; để kiểm tra một gói mới trước khi lưu trữ, thêm --unregistered")
    return entry


def identity_errors(bag_dir: Path, entry, top_name: str | None = None) -> list[str]:
    """What the bag says it is, against the register: identifier, folder name, issue date,
    source commit."""
    info = _bag_info(bag_dir)
    expected = {"External-Identifier": archive.package_name(entry.id),
                "Issue-Date": entry.date.isoformat(),
                "Internal-Sender-Identifier": f"git commit {entry.commit}"}
    errors = [f"bag-info.txt ghi {key}: {info.get(key, '(không có)')}, sổ lưu trữ ghi {value} "
              f"cho bản tin {entry.id}" for key, value in expected.items() if str(info.get(key, "")) != value]
    name = top_name if top_name is not None else bag_dir.name
    if name != archive.package_name(entry.id):
        errors.append(f"thư mục túi tên \"{name}\", sổ lưu trữ ghi gói của bản tin {entry.id} là "
                      f"{archive.package_name(entry.id)}")
    return errors


def _check_folder(bag_dir: Path, entries: dict, verdict: Verdict, unregistered: bool) -> None:
    check_bag(bag_dir, verdict)
    entry = _entry_for(bag_dir, entries, verdict, unregistered)
    if entry is not None:
        verdict.errors += identity_errors(bag_dir, entry)
    manifest = bag_dir / "tagmanifest-sha256.txt"
    if entry is not None and manifest.is_file():
        actual = sha256_of(manifest)
        if actual != entry.tagmanifest_sha256:
            verdict.errors.append(
                f"tagmanifest-sha256.txt khác sổ lưu trữ (bản tin {entry.id}): sổ ghi SHA-256 "
                f"{entry.tagmanifest_sha256}, túi có {actual}; túi đã bị đóng lại sau khi sửa")


def _check_tarball(tarball: Path, entries: dict, verdict: Verdict, unregistered: bool) -> None:
    actual = sha256_of(tarball)
    registered = next((e for e in entries.values() if e.sha256 == actual), None)
    with tempfile.TemporaryDirectory(prefix="khcn-verify-") as temp:
        bag_dir = _extract(tarball, Path(temp), verdict)
        if bag_dir is None:
            return
        check_bag(bag_dir, verdict)
        entry = registered or _entry_for(bag_dir, entries, verdict, unregistered)
        if entry is not None:
            verdict.errors += identity_errors(bag_dir, entry)
    if entry is not None and entry.sha256 != actual:
        verdict.errors.append(f"SHA-256 của tệp gói khác sổ lưu trữ (bản tin {entry.id}): sổ ghi "
                              f"{entry.sha256}, tệp {tarball.name} có {actual}")


def _extract(tarball: Path, target: Path, verdict: Verdict) -> Path | None:
    try:
        with tarfile.open(tarball, "r:gz") as tar:
            tar.extractall(target, filter="data")  # refuses absolute paths, "..", devices
    except (tarfile.TarError, OSError, EOFError) as exc:
        verdict.errors.append(f"không đọc được tệp gói {tarball.name}: {exc}")
        return None
    tops = list(target.iterdir())
    if len(tops) != 1 or not tops[0].is_dir():
        verdict.errors.append(f"tệp gói phải chứa đúng một thư mục (túi BagIt), gặp: "
                              f"{', '.join(sorted(p.name for p in tops)) or 'không có gì'}")
        return None
    return tops[0]


def check_bag(bag_dir: Path, verdict: Verdict) -> None:
    """bagit's full validation; when it fails, name every changed, missing or added file."""
    try:
        bag = bagit.Bag(str(bag_dir))
    except bagit.BagError as exc:
        verdict.errors.append(f"{bag_dir.name} không phải túi BagIt đọc được: {exc}")
        return
    verdict.files = len(bag.entries)
    try:
        bag.validate(fast=False)
    except bagit.BagError as exc:
        found = diagnose(bag, bag_dir)
        verdict.errors += found or [f"túi không hợp lệ: {exc}"]
        return
    verdict.errors += _extra_tag_files(bag, bag_dir)


def diagnose(bag: bagit.Bag, bag_dir: Path) -> list[str]:
    """Every difference between the bag and its manifests (bagit stops at the first kind)."""
    messages = []
    only_in_manifests, only_on_disk = bag.compare_manifests_with_fs()
    messages += [f"thiếu tệp {p}: có trong manifest nhưng không có trong túi" for p in sorted(only_in_manifests)]
    messages += [f"tệp lạ {p}: có trong túi nhưng không có trong manifest (được thêm vào sau khi đóng túi)"
                 for p in sorted(only_on_disk)]
    for rel, hashes in sorted(bag.entries.items()):
        path = bag_dir / rel
        if not path.is_file():
            continue
        content = path.read_bytes()
        changed = [alg.upper().replace("SHA", "SHA-") for alg, expected in sorted(hashes.items())
                   if hashlib.new(alg, content).hexdigest() != expected.lower()]
        if changed and rel == "bag-info.txt":
            messages.append("bag-info.txt đã bị sửa: mã " + ", ".join(changed) + " không khớp tagmanifest")
        elif changed:
            messages.append(f"tệp {rel} đã bị thay đổi: mã {', '.join(changed)} không khớp manifest")
    return messages + _extra_tag_files(bag, bag_dir)


def _extra_tag_files(bag: bagit.Bag, bag_dir: Path) -> list[str]:
    """Files beside data/ that no tag manifest lists (bagit allows them; our bags have none)."""
    listed = set(bag.tagfile_entries()) | {Path(p).name for p in bag.tagmanifest_files()}
    extra = [p.name for p in sorted(bag_dir.iterdir()) if p.name != "data" and p.name not in listed]
    return [f"tệp lạ {name} ở gốc túi: không có trong tagmanifest" for name in extra]


def print_verdict(path: Path, verdict: Verdict) -> int:
    for note in verdict.notes:
        print(f"Lưu ý: {note}")
    for error in verdict.errors:
        print(f"LỖI: {error}")
    if verdict.ok:
        print(f"{path}: hợp lệ; đã tính lại SHA-256 và SHA-512 của {verdict.files} tệp.")
        return 0
    print(f"{path}: KHÔNG hợp lệ ({len(verdict.errors)} lỗi).")
    return 1


def verify_rebuild(root: Path, issue: str, package: Path | None = None, python: str | None = None,
                   say=print) -> int:
    """Build an archived issue again from the register alone and compare it with the register:
    0 when the SHA-256 is the registered one, 1 when it is not (saying which files differ)."""
    from macros.archive.snapshot import SnapshotError, build_snapshot
    found = archive.read_register(root)
    if found.problems:
        for problem in found.problems:
            say(f"LỖI: sổ lưu trữ có lỗi: {problem.format_text()}")
        return 1
    entry = found.register.entry(issue)
    if entry is None:
        say(f"LỖI: bản tin {issue} không có trong sổ lưu trữ ({archive.REGISTER}): không có gì để đối chiếu")
        return 1
    with tempfile.TemporaryDirectory(prefix="khcn-rebuild-") as temp:
        try:
            snapshot = build_snapshot(root, issue, Path(temp), say, python)
        except SnapshotError as exc:
            say(f"LỖI: không dựng lại được bản tin {issue}: {exc}")
            return 1
        if snapshot.matches_register:
            say(f"Bản tin {issue}: dựng lại chỉ từ sổ lưu trữ cho đúng SHA-256 {entry.sha256} như sổ ghi.")
            return 0
        say(f"LỖI: bản tin {issue} dựng lại có SHA-256 {snapshot.sha256}, sổ lưu trữ ghi {entry.sha256}.")
        for line in explain_difference(snapshot, package):
            say(f"  {line}")
    return 1


def explain_difference(snapshot, package: Path | None) -> list[str]:
    """Which files differ: by comparing with the registered package when it is given, else
    what the register and the rebuild tell (tag manifest, Python, zlib)."""
    entry = snapshot.registered
    if package is not None:
        if not package.is_file():
            return [f"không tìm thấy {package}"]
        if sha256_of(package) != entry.sha256:
            return [f"{package.name} không phải gói đã đăng ký (SHA-256 {sha256_of(package)}): "
                    "không so từng tệp được"]
        return ["Các tệp khác nhau (gói đã lưu trữ / bản dựng lại):",
                *compare_packages(package, snapshot.tarball)]
    lines = []
    if snapshot.tagmanifest_sha256 == entry.tagmanifest_sha256:
        lines.append("mọi tệp trong túi giống bản đã lưu trữ (tagmanifest-sha256.txt đúng như sổ ghi): "
                     "chỉ lớp đóng gói tar/gzip khác")
    else:
        lines.append("túi khác bản đã lưu trữ (tagmanifest-sha256.txt khác sổ ghi)")
    if entry.python and snapshot.python != entry.python:
        lines.append(f"data/environment/python.txt khác: bản dựng lại ghi {snapshot.python}, bản đã lưu "
                     f"trữ ghi {entry.python}")
    if entry.zlib and snapshot.zlib != entry.zlib:
        lines.append(f"data/site/sitemap.xml.gz và lớp nén có thể khác: zlib {snapshot.zlib}, bản đã lưu "
                     f"trữ dùng zlib {entry.zlib}")
    lines.append(f"Để biết đúng tệp nào khác, lấy gói đã lưu trữ {entry.package} rồi chạy: "
                 f"python -m macros verify-snapshot --rebuild {entry.id} {entry.package}")
    return lines
