"""`python -m macros codeowners`: write .github/CODEOWNERS from the province records.

Each province's record and its folder of reports belong to that province's editors; every
shared file (catalogue, bloc totals, bulletins, schema, code) belongs to the maintainers.
This works because one province's figures never share a file with another's. A province
merged into another keeps its files, now looked after by the editors of the province that
took it over: the old province's department no longer exists, so neither does its team.
"""
from __future__ import annotations

import sys
from pathlib import Path

from macros.records.loader import load_file
from macros.records.schema import KINDS

ORGANISATION = "khcn-trung-du"
MAINTAINERS = f"@{ORGANISATION}/bao-tri"
PATH = ".github/CODEOWNERS"

# Shared files, in the order they are listed; the first line covers anything not named.
SHARED = ["*", "/data/bloc.yml", "/data/indicators.yml", "/data/periods/", "/data/totals/",
          "/data/bulletins/", "/data/conferences/", "/data/documents/", "/data/errata/",
          "/schemas/", "/macros/", "/overrides/", "/content/", "/mkdocs.yml", "/.github/"]

HEADER = """\
# Ai duyệt thay đổi của tệp nào. Tệp này được sinh từ data/provinces/ bằng
#   python -m macros codeowners
# Không sửa tay: thêm hay đổi tỉnh thì chạy lại lệnh trên (bài kiểm tra báo khi tệp cũ).
# Trên GitHub, dòng khớp sau cùng quyết định người duyệt.
"""


def team(slug: str) -> str:
    """The editors' team of a province, e.g. @khcn-trung-du/bien-tap-lao-cai."""
    return f"@{ORGANISATION}/bien-tap-{slug}"


def province_owners(root: Path) -> list[tuple[str, str, str]]:
    """(slug, name, owning slug) for every province file; unreadable files keep their own team."""
    records = {}
    for path in sorted((root / "data").glob(KINDS["province"][0])):
        rel = path.relative_to(root).as_posix()
        loaded, _problems = load_file(path, rel, "province")
        records[path.stem] = loaded.record if loaded is not None else None
    return [(slug, record.name if record else slug, successor(slug, records))
            for slug, record in records.items()]


def successor(slug: str, records: dict) -> str:
    """The province that carries `slug` today (itself unless merged into another)."""
    seen = set()
    while records.get(slug) is not None and records[slug].history and slug not in seen:
        seen.add(slug)
        slug = records[slug].history[-1].into
    return slug


def codeowners_text(root: Path) -> str:
    width = 34
    lines = [HEADER, "\n# Tệp dùng chung: nhóm bảo trì\n"]
    lines += [f"{pattern:<{width}} {MAINTAINERS}\n" for pattern in SHARED]
    lines.append("\n# Hồ sơ và số liệu của từng tỉnh: ban biên tập của tỉnh\n")
    for slug, name, owner in province_owners(root):
        if owner != slug:
            lines.append(f"# {name}: đã sáp nhập, do ban biên tập tỉnh \"{owner}\" phụ trách\n")
        for pattern in (f"/data/provinces/{slug}.yml", f"/data/reports/{slug}/"):
            lines.append(f"{pattern:<{width}} {team(owner)}\n")
    return "".join(lines)


def run(args) -> int:
    """Write the file; with --check, only say whether the committed one is up to date."""
    root = args.root.resolve()
    target = root / PATH
    text = codeowners_text(root)
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if args.check:
        if current != text:
            print(f"{PATH} đã cũ so với data/provinces/; chạy: python -m macros codeowners",
                  file=sys.stderr)
            return 1
        return 0
    if current != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        print(f"Đã ghi {PATH}")
    return 0


def add_subparser(sub) -> None:
    parser = sub.add_parser("codeowners", help="sinh .github/CODEOWNERS từ data/provinces/")
    parser.add_argument("--check", action="store_true",
                        help="chỉ kiểm tra tệp đã có có khớp không (không ghi)")
    parser.add_argument("--root", type=Path, default=Path.cwd())
