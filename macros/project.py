"""Load and check a whole project once: the single entry point for the CLI and the build."""
from __future__ import annotations

from pathlib import Path

from .archive import attach_archive
from .checks import build_records
from .loader import load_all
from .problems import Problem
from .records import Records


def load_project(root: Path) -> tuple[Records | None, list[Problem]]:
    """Every record under root/data, checked; problems sorted by file and position."""
    loaded = load_all(root)
    records, problems = build_records(root, loaded)
    problems += attach_archive(root, loaded, records)  # archived issues and errata
    return records, sorted(loaded.problems + problems)
