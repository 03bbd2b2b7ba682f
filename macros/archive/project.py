"""The records as the site publishes them: loaded, checked, and held to what archived issues
published. The single entry point of the CLI, the build, the snapshot and the guide."""
from __future__ import annotations

from pathlib import Path

from macros.archive.register import attach_archive
from macros.records.model import Records
from macros.records.problems import Problem
from macros.records.project import load_records


def load_project(root: Path) -> tuple[Records | None, list[Problem]]:
    """Every record under root/data, checked, with the archive's checks (register and errata)."""
    return load_records(root, attach_archive)
