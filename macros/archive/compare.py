"""Which bytes differ between two packages of one issue: the registered one and a rebuild.

Both are unpacked and compared file by file (what diffoscope does, for our packages): files in
one only, files whose content differs (with the first differing line of a text file), the
payload (data/) before the bag's tag files, which list the payload's checksums and so differ
whenever it does. When every file is the same, the difference is in the packing: the tar
headers, or the gzip stream (another zlib).
"""
from __future__ import annotations

import gzip
import tarfile
import tempfile
from pathlib import Path

SHOWN = 10  # differing files named; the rest are counted


def _unpack(tarball: Path, target: Path) -> dict[str, bytes]:
    with tarfile.open(tarball, "r:gz") as tar:
        tar.extractall(target, filter="data")
    files = {}
    for path in sorted(target.rglob("*")):
        if path.is_file():
            # Without the bag's own folder: a renamed bag still compares file by file.
            files[path.relative_to(target).as_posix().split("/", 1)[-1]] = path.read_bytes()
    return files


def _payload_first(rel: str) -> tuple:
    return (not rel.startswith("data/"), rel)


def _first_line_difference(a: bytes, b: bytes) -> str:
    """"dòng 1: «CPython 3.11.7» / «CPython 3.12.1»" for text, a byte offset otherwise."""
    try:
        lines_a, lines_b = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        offset = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return f"byte {offset}; {len(a)} / {len(b)} byte"
    for number, (x, y) in enumerate(zip(lines_a, lines_b), start=1):
        if x != y:
            return f"dòng {number}: «{x[:80]}» / «{y[:80]}»"
    return f"{len(lines_a)} / {len(lines_b)} dòng"


def compare_packages(registered: Path, rebuilt: Path) -> list[str]:
    """The differences, registered first then rebuilt, in Vietnamese; [] when the bytes match."""
    if registered.read_bytes() == rebuilt.read_bytes():
        return []
    with tempfile.TemporaryDirectory(prefix="khcn-compare-") as temp:
        old, new = _unpack(registered, Path(temp) / "a"), _unpack(rebuilt, Path(temp) / "b")
    differences = []
    for rel in sorted(set(old) | set(new), key=_payload_first):
        if rel not in new:
            differences.append(f"chỉ có trong gói đã lưu trữ: {rel}")
        elif rel not in old:
            differences.append(f"chỉ có trong bản dựng lại: {rel}")
        elif old[rel] != new[rel]:
            differences.append(f"khác nội dung: {rel} ({_first_line_difference(old[rel], new[rel])})")
    if not differences:
        return [_packing_difference(registered, rebuilt)]
    if len(differences) > SHOWN:
        differences = differences[:SHOWN] + [f"... và {len(differences) - SHOWN} tệp khác nữa"]
    return differences


def _packing_difference(registered: Path, rebuilt: Path) -> str:
    if gzip.decompress(registered.read_bytes()) == gzip.decompress(rebuilt.read_bytes()):
        return ("mọi tệp giống nhau, cả luồng tar; chỉ lớp nén gzip khác (một phiên bản zlib khác "
                "nén cùng dữ liệu thành byte khác)")
    return ("mọi tệp giống nhau; khác ở phần đầu các mục tar (thứ tự, thời gian, chủ sở hữu hoặc quyền)")
