"""`python -m macros verify-snapshot PATH`: check a snapshot fully, a bag folder or its tarball.

Every file's SHA-256 and SHA-512 are computed again (bagit's validate with fast=False, never
only the sizes), files missing from or added to the bag are named, and the package is
compared with the register: the tarball's SHA-256, or for a folder the SHA-256 of its tag
manifest (which covers bag-info.txt and, through the manifests, every payload file).
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
from macros.archive.package import sha256_of


@dataclass
class Verdict:
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: int = 0  # files whose checksums were computed again

    @property
    def ok(self) -> bool:
        return not self.errors


def verify_snapshot(path: Path, root: Path) -> Verdict:
    """Every check on a bag folder or a .tar.gz; the verdict lists what failed, in Vietnamese."""
    verdict = Verdict()
    logging.getLogger("bagit").setLevel(logging.CRITICAL)  # its findings are reported here
    found = archive.read_register(root)
    if found.problems:
        verdict.errors += [f"sổ lưu trữ có lỗi: {p.format_text()}" for p in found.problems]
    entries = {entry.id: entry for entry in found.register.snapshots}
    if path.is_dir():
        _check_folder(path, entries, verdict)
    elif path.is_file():
        _check_tarball(path, entries, verdict)
    else:
        verdict.errors.append(f"không tìm thấy {path}")
    return verdict


def _entry_for(bag_dir: Path, entries: dict, verdict: Verdict):
    """The register entry of a bag, from its External-Identifier (khcn-ban-tin-NNNN-SS)."""
    try:
        identifier = bagit.Bag(str(bag_dir)).info.get("External-Identifier", "")
    except bagit.BagError:
        return None
    issue = identifier.removeprefix(archive.package_name(""))
    entry = entries.get(issue)
    if entry is None:
        verdict.notes.append(f"\"{identifier}\" chưa có trong sổ lưu trữ ({archive.REGISTER}): túi đã được "
                             "kiểm tra bên trong, nhưng không đối chiếu được với mã đã đăng ký")
    return entry


def _check_folder(bag_dir: Path, entries: dict, verdict: Verdict) -> None:
    check_bag(bag_dir, verdict)
    entry = _entry_for(bag_dir, entries, verdict)
    manifest = bag_dir / "tagmanifest-sha256.txt"
    if entry is not None and manifest.is_file():
        actual = sha256_of(manifest)
        if actual != entry.tagmanifest_sha256:
            verdict.errors.append(
                f"tagmanifest-sha256.txt khác sổ lưu trữ (bản tin {entry.id}): sổ ghi SHA-256 "
                f"{entry.tagmanifest_sha256}, túi có {actual}; túi đã bị đóng lại sau khi sửa")


def _check_tarball(tarball: Path, entries: dict, verdict: Verdict) -> None:
    actual = sha256_of(tarball)
    registered = next((e for e in entries.values() if e.sha256 == actual), None)
    with tempfile.TemporaryDirectory(prefix="khcn-verify-") as temp:
        bag_dir = _extract(tarball, Path(temp), verdict)
        if bag_dir is None:
            return
        check_bag(bag_dir, verdict)
        entry = registered or _entry_for(bag_dir, entries, verdict)
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
