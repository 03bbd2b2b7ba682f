"""The project on disk: its mkdocs.yml as data, and every record loaded and checked once.

The archive's own checks (what archived issues published) are added by
`macros.archive.project.load_project`, the entry point of the CLI and the build."""
from __future__ import annotations

import gc
from pathlib import Path

import yaml

from macros.records.checks import build_records
from macros.records.loader import load_all
from macros.records.problems import Problem
from macros.records.model import Records


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml read as plain data: a tagged value (`!ENV SITE_URL`, `!!python/name:…`),
    which only MkDocs can resolve, is read as None."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs_config(root: Path) -> dict:
    """The project's mkdocs.yml as data, for the tools that copy or rewrite it."""
    return yaml.load((Path(root) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def load_records(root: Path, *extra_checks) -> tuple[Records | None, list[Problem]]:
    """Every record under root/data, checked; problems sorted by file and position.

    Each of `extra_checks` is called as `check(root, loaded, records)` once the records are
    built and returns more problems (the archive's checks: macros/archive/project.py)."""
    # The checks keep every file's tree (for positions): hundreds of thousands of small
    # objects without reference cycles. The cyclic collector is paused meanwhile; rescanning
    # them as they grew was a third of the loading time (1.4 s -> 0.9 s for 3,000 files).
    collecting = gc.isenabled()
    gc.disable()
    try:
        loaded = load_all(root)
        records, problems = build_records(root, loaded)
        for check in extra_checks:
            problems += check(root, loaded, records)
    finally:
        if collecting:
            # Frozen, the new objects are not all scanned by the next collections (a tenth of
            # the loading time at 3,000 files); they are freed as usual once unreferenced, and
            # the build gives them back to the collector when it ends (hooks.on_post_build).
            gc.freeze()
            gc.enable()
    return records, sorted(loaded.problems + problems)
