"""Command line of the archive: `snapshot`, `archive` and `verify-snapshot` (registered in cli.py)."""
from __future__ import annotations

import sys
from pathlib import Path

ISSUE_HELP = "mã số bản tin NNNN-SS, ví dụ 2023-04"


def add_subparsers(sub) -> None:
    snapshot = sub.add_parser("snapshot", help="dựng bản lưu trữ của một số bản tin (túi BagIt, .tar.gz)")
    archive = sub.add_parser("archive", help="dựng bản lưu trữ từ HEAD và ghi vào archive/register.yml, một lần")
    for command in (snapshot, archive):
        command.add_argument("issue", help=ISSUE_HELP)
        command.add_argument("--out", type=Path, default=Path("snapshots"),
                             help="thư mục ghi tệp gói (mặc định snapshots/ trong dự án)")
        command.add_argument("--root", type=Path, default=Path.cwd())
    verify = sub.add_parser("verify-snapshot", help="kiểm tra toàn bộ một bản lưu trữ (thư mục túi hoặc .tar.gz)")
    verify.add_argument("path", type=Path, help="thư mục túi BagIt hoặc tệp .tar.gz")
    verify.add_argument("--root", type=Path, default=Path.cwd(), help="thư mục dự án có archive/register.yml")


def _out_dir(args) -> Path:
    return args.out if args.out.is_absolute() else args.root.resolve() / args.out


def run_snapshot(args) -> int:
    from macros.archive.snapshot import SnapshotError, build_snapshot
    try:
        build_snapshot(args.root.resolve(), args.issue, _out_dir(args))
    except SnapshotError as exc:
        print(f"Không dựng được bản lưu trữ {args.issue}: {exc}", file=sys.stderr)
        return 1
    return 0


def run_archive(args) -> int:
    from macros.archive.register import REGISTER, AlreadyArchived
    from macros.archive.snapshot import SnapshotError, archive_issue
    try:
        archive_issue(args.root.resolve(), args.issue, _out_dir(args))
    except AlreadyArchived:
        print(f"Bản tin {args.issue} đã có trong {REGISTER}; không dựng lại và không thay đổi gì. "
              "Một số đã lưu trữ không bao giờ được lưu trữ lại: sửa số liệu bằng đính chính "
              "(data/errata/).", file=sys.stderr)
        return 1
    except (SnapshotError, ValueError) as exc:
        print(f"Không lưu trữ được bản tin {args.issue}: {exc}", file=sys.stderr)
        return 1
    return 0


def run_verify_snapshot(args) -> int:
    from macros.archive.verify import print_verdict, verify_snapshot
    return print_verdict(args.path, verify_snapshot(args.path, args.root.resolve()))


COMMANDS = {"snapshot": run_snapshot, "archive": run_archive, "verify-snapshot": run_verify_snapshot}
