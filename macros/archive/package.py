"""Packing a snapshot: a BagIt bag (RFC 8493, the `bagit` library), then a reproducible .tar.gz.

Nothing in the package depends on the clock, the machine or the folder it was made in:
bag-info's Bagging-Date is the issue date, tag manifests are sorted, and the tarball lists
names in sorted order with one fixed time, owner 0:0 without names, and a gzip header
without file name or time.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import logging
import os
import tarfile
from pathlib import Path

import bagit

ALGORITHMS = ("sha256", "sha512")
BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tagmanifest_digest(tarball: Path) -> str:
    """SHA-256 of the bag's tagmanifest-sha256.txt, read from its package (what the register keeps
    to check an unpacked bag)."""
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar:
            if member.isfile() and member.name.count("/") == 1 and member.name.endswith("/tagmanifest-sha256.txt"):
                return hashlib.sha256(tar.extractfile(member).read()).hexdigest()
    raise ValueError(f"{tarball.name}: không có tagmanifest-sha256.txt ở gốc túi")


def make_bag(folder: Path, info: dict[str, str]) -> bagit.Bag:
    """Turn `folder` into a bag in place: its content moves under data/.

    `info` must carry Bagging-Date (bagit would write today's date otherwise)."""
    if "Bagging-Date" not in info:
        raise ValueError("Bagging-Date is required: the bag must not depend on the day it is made")
    logging.getLogger("bagit").setLevel(logging.WARNING)  # its INFO lines name temporary paths
    bagit.make_bag(str(folder), bag_info=dict(info), checksums=list(ALGORITHMS))
    # bagit writes BagIt 0.97 and lists tag files in directory order, which differs between
    # two folders: declare RFC 8493 (1.0) and rewrite the tag manifests sorted.
    (folder / "bagit.txt").write_text(BAGIT_TXT, encoding="utf-8")
    write_tag_manifests(folder)
    return bagit.Bag(str(folder))


def write_tag_manifests(folder: Path) -> None:
    tag_files = sorted(p.name for p in folder.iterdir()
                       if p.is_file() and not p.name.startswith("tagmanifest-"))
    for algorithm in ALGORITHMS:
        lines = [f"{hashlib.new(algorithm, (folder / name).read_bytes()).hexdigest()}  {name}\n"
                 for name in tag_files]
        (folder / f"tagmanifest-{algorithm}.txt").write_text("".join(lines), encoding="utf-8")


def _members(folder: Path) -> list[tuple[str, Path]]:
    """(name in the archive, path) for the folder and everything under it, sorted by name."""
    top = folder.name
    members = [(top, folder)]
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            members.append((f"{top}/{path.relative_to(folder).as_posix()}", path))
    return sorted(members, key=lambda member: member[0].encode("utf-8"))


def _tar_info(name: str, path: Path, mtime: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.mtime = mtime
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if path.is_symlink():
        raise ValueError(f"liên kết tượng trưng không được đưa vào gói lưu trữ: {path}")
    if path.is_dir():
        info.type, info.mode = tarfile.DIRTYPE, 0o755
    else:
        info.type, info.mode, info.size = tarfile.REGTYPE, 0o644, path.stat().st_size
    return info


def write_tarball(folder: Path, target: Path, mtime: int) -> str:
    """Pack `folder` (top-level name kept) into target; return the tarball's SHA-256."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, path in _members(folder):
            info = _tar_info(name, path, mtime)
            if info.isdir():
                tar.addfile(info)
            else:
                with open(path, "rb") as handle:
                    tar.addfile(info, handle)
    temp = target.with_name(f".{target.name}.tmp")
    with open(temp, "wb") as raw:
        # filename="" and mtime=0: the gzip header names no file and no time.
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(buffer.getvalue())
    os.replace(temp, target)
    return sha256_of(target)


def regzip(path: Path, mtime: int) -> None:
    """Rewrite a .gz file with a fixed header time and no file name (e.g. sitemap.xml.gz)."""
    content = gzip.decompress(path.read_bytes())
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=mtime) as gz:
        gz.write(content)
    path.write_bytes(out.getvalue())
