"""Shared fixtures for the records tests: a copy of the real data/ in a temporary project.

Each rule test copies data/ into tmp_path, changes or adds one file, loads the project,
and compares the problems that the change caused (the problems of the real data, two
consistency warnings, are left out) with the exact expected text.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.records.problems import Problem
from macros.archive.project import load_project

REPO = Path(__file__).resolve().parents[1]
REAL_DATA = REPO / "data"


@pytest.fixture(scope="session")
def records():
    """The real records, loaded and checked once for the tests that read them."""
    records, _problems = load_project(REPO)
    assert records is not None
    return records


@pytest.fixture(scope="session")
def baseline_problems() -> list[Problem]:
    """The problems of the real data (warnings only)."""
    return load_project(REPO)[1]


@dataclass
class DataProject:
    """A temporary project holding a copy of data/, with helpers to break one file."""
    root: Path
    baseline: list[Problem]

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> Path:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return path

    def write_bytes(self, rel: str, data: bytes) -> Path:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def replace(self, rel: str, old: str, new: str) -> Path:
        """Replace exactly one occurrence of `old` in a data file (fails loudly otherwise)."""
        text = self.read(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        return self.write(rel, text.replace(old, new))

    def remove(self, rel: str) -> None:
        self.path(rel).unlink()

    def load(self):
        return load_project(self.root)

    def problems(self) -> list[Problem]:
        return self.load()[1]

    def new_problems(self) -> list[Problem]:
        """Problems that the real data does not have, in order."""
        known = set(self.baseline)
        return [p for p in self.problems() if p not in known]

    def new_texts(self) -> list[str]:
        return [p.format_text() for p in self.new_problems()]


@pytest.fixture
def data_project(tmp_path: Path, baseline_problems) -> DataProject:
    shutil.copytree(REAL_DATA, tmp_path / "data")
    return DataProject(tmp_path, baseline_problems)
