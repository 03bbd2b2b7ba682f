"""Command line: `python -m macros validate|schema|build`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.editors import codeowners
from macros.editors import scaffold
from macros import synth
from macros.archive import cli as archive_cli
from macros.records.problems import has_errors, render
from macros.archive.project import load_project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros",
                                     description="Công cụ dữ liệu của trang Khối hợp tác KH&CN")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="kiểm tra mọi bản ghi trong data/")
    validate.add_argument("--format", choices=["text", "json", "github"], default="text")
    validate.add_argument("--root", type=Path, default=Path.cwd())
    schema = sub.add_parser("schema", help="sinh lại JSON Schema trong schemas/")
    schema.add_argument("--root", type=Path, default=Path.cwd())
    build = sub.add_parser("build", help="kiểm tra rồi dựng trang vào site/ (thay thế khi thành công)")
    build.add_argument("--root", type=Path, default=Path.cwd())
    build.add_argument("--strict", action="store_true", default=True)
    synth.add_subparser(sub)
    scaffold.add_new_command(sub)
    codeowners.add_subparser(sub)
    archive_cli.add_subparsers(sub)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    return COMMANDS[args.command](args)


def run_validate(args) -> int:
    _records, problems = load_project(args.root.resolve())
    output = render(problems, args.format)
    if output:
        print(output)
    if args.format == "text":
        errors = sum(p.severity == "error" for p in problems)
        print(f"{errors} lỗi, {len(problems) - errors} cảnh báo", file=sys.stderr)
    return 1 if has_errors(problems) else 0


def run_schema(args) -> int:
    from macros.editors.jsonschema import write_schemas
    for path in write_schemas(args.root.resolve()):
        print(path.relative_to(args.root.resolve()))
    return 0


def run_build(args) -> int:
    from macros.site.build import build_site
    return build_site(args.root.resolve())


COMMANDS = {"validate": run_validate, "schema": run_schema, "build": run_build, "synth": synth.run}
COMMANDS.update({"new": scaffold.run_new, "codeowners": codeowners.run})
COMMANDS.update(archive_cli.COMMANDS)
