"""Command line: `python -m macros validate|schema|build|serve|new|…`."""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from macros.editors import cms, codeowners
from macros.editors import scaffold
from macros import synth
from macros.archive import cli as archive_cli
from macros.records.problems import has_errors, render, render_crash
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
    serve = sub.add_parser("serve", help="xem trước trang trên máy, dựng lại khi data/, macros/, overrides/ thay đổi")
    serve.add_argument("--root", type=Path, default=Path.cwd())
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="địa chỉ:cổng (mặc định 127.0.0.1:8000)")
    synth.add_subparser(sub)
    scaffold.add_new_command(sub)
    codeowners.add_subparser(sub)
    cms.add_subparser(sub)
    archive_cli.add_subparsers(sub)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    return COMMANDS[args.command](args)


def run_validate(args) -> int:
    try:
        _records, problems = load_project(args.root.resolve())
    except Exception as exc:  # a bug of the validator: still answered in the format asked for
        traceback.print_exc()
        print(render_crash(f"{type(exc).__name__}: {exc}", args.format))
        return 1
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


def run_serve(args) -> int:
    from macros.site.build import serve_site
    return serve_site(args.root.resolve(), args.dev_addr)


COMMANDS = {"validate": run_validate, "schema": run_schema, "build": run_build, "serve": run_serve,
            "synth": synth.run}
COMMANDS.update({"new": scaffold.run_new, "codeowners": codeowners.run, "cms-config": cms.run})
COMMANDS.update(archive_cli.COMMANDS)
