"""Command line of the archive: `snapshot`, `archive` and `verify-snapshot` (registered in cli.py)."""
from __future__ import annotations

import sys
from pathlib import Path

ISSUE_HELP = "mã số bản tin NNNN-SS, ví dụ 2023-04"
PYTHON_HELP = ("Python dùng để tạo môi trường dựng (mặc định: Python mà sổ lưu trữ ghi, nếu tìm thấy, "
               "nếu không thì Python đang chạy)")


def add_subparsers(sub) -> None:
    snapshot = sub.add_parser("snapshot", help="dựng bản lưu trữ của một số bản tin (túi BagIt, .tar.gz)")
    archive = sub.add_parser("archive", help="dựng bản lưu trữ từ HEAD và ghi vào archive/register.yml, một lần")
    amend = sub.add_parser("amend-register", help="dựng lại một số đã lưu trữ và ghi thêm vào sổ những điều "
                                                  "mục của nó còn thiếu (Python, zlib, ngày lưu trữ)")
    for command in (snapshot, archive, amend):
        command.add_argument("issue", help=ISSUE_HELP)
        command.add_argument("--out", type=Path, default=Path("snapshots"),
                             help="thư mục ghi tệp gói (mặc định snapshots/ trong dự án)")
        command.add_argument("--root", type=Path, default=Path.cwd())
        command.add_argument("--python", help=PYTHON_HELP)
    verify = sub.add_parser("verify-snapshot", help="kiểm tra toàn bộ một bản lưu trữ (thư mục túi hoặc .tar.gz), "
                                                    "hoặc dựng lại một số từ sổ lưu trữ và so sánh (--rebuild)")
    verify.add_argument("path", type=Path, nargs="?",
                        help="thư mục túi BagIt hoặc tệp .tar.gz; với --rebuild: gói đã lưu trữ (không bắt buộc), "
                             "để biết tệp nào khác")
    verify.add_argument("--rebuild", metavar="NNNN-SS",
                        help="dựng lại số bản tin này chỉ từ sổ lưu trữ và so SHA-256 với sổ")
    verify.add_argument("--unregistered", action="store_true",
                        help="chấp nhận gói chưa có trong sổ lưu trữ (kiểm tra một gói mới trước khi lưu trữ)")
    verify.add_argument("--python", help=PYTHON_HELP)
    verify.add_argument("--root", type=Path, default=Path.cwd(), help="thư mục dự án có archive/register.yml")
    python = sub.add_parser("snapshot-python", help="in phiên bản Python (X.Y.Z) mà sổ lưu trữ ghi cho một số "
                                                    "bản tin (phiên bản đang chạy nếu số đó chưa lưu trữ)")
    python.add_argument("issue", help=ISSUE_HELP)
    python.add_argument("--root", type=Path, default=Path.cwd())


def _out_dir(args) -> Path:
    return args.out if args.out.is_absolute() else args.root.resolve() / args.out


def run_snapshot(args) -> int:
    from macros.archive.snapshot import SnapshotError, build_snapshot
    try:
        snapshot = build_snapshot(args.root.resolve(), args.issue, _out_dir(args), python=getattr(args, "python", None))
    except SnapshotError as exc:
        print(f"Không dựng được bản lưu trữ {args.issue}: {exc}", file=sys.stderr)
        return 1
    return 1 if snapshot.matches_register is False else 0


def run_archive(args) -> int:
    from macros.archive.register import REGISTER, AlreadyArchived
    from macros.archive.snapshot import SnapshotError, archive_issue
    try:
        archive_issue(args.root.resolve(), args.issue, _out_dir(args), python=args.python)
    except AlreadyArchived:
        print(f"Bản tin {args.issue} đã có trong {REGISTER}; không dựng lại và không thay đổi gì. "
              "Một số đã lưu trữ không bao giờ được lưu trữ lại: sửa số liệu bằng đính chính "
              "(data/errata/).", file=sys.stderr)
        return 1
    except (SnapshotError, ValueError) as exc:
        print(f"Không lưu trữ được bản tin {args.issue}: {exc}", file=sys.stderr)
        return 1
    return 0


def run_amend_register(args) -> int:
    from macros.archive.snapshot import SnapshotError, amend_register
    try:
        amend_register(args.root.resolve(), args.issue, _out_dir(args), python=args.python)
    except (SnapshotError, ValueError) as exc:
        print(f"Không bổ sung được sổ lưu trữ cho bản tin {args.issue}: {exc}", file=sys.stderr)
        return 1
    return 0


def run_verify_snapshot(args) -> int:
    from macros.archive.verify import print_verdict, verify_rebuild, verify_snapshot
    if args.rebuild:
        return verify_rebuild(args.root.resolve(), args.rebuild, args.path, python=args.python)
    if args.path is None:
        print("Cần đường dẫn gói (.tar.gz hoặc thư mục túi), hoặc --rebuild NNNN-SS", file=sys.stderr)
        return 2
    return print_verdict(args.path, verify_snapshot(args.path, args.root.resolve(), args.unregistered))


def run_snapshot_python(args) -> int:
    import platform
    from macros.archive.register import read_register
    entry = read_register(args.root.resolve()).register.entry(args.issue)
    if entry is not None and entry.python:
        print(entry.python.split()[-1])
    else:
        print(platform.python_version())
    return 0


COMMANDS = {"snapshot": run_snapshot, "archive": run_archive, "verify-snapshot": run_verify_snapshot,
            "amend-register": run_amend_register, "snapshot-python": run_snapshot_python}
