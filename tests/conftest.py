"""Shared fixtures: the frozen records project the rule tests break, and one build of the site.

The rule tests never read data/: each copies tests/fixtures/records/ (a frozen, self-contained
copy of the records, kept as the tests' reference so that they assert exact positions in
it), changes or adds one file, loads the project, and compares the problems that the change
caused (the fixture's own problems, two consistency warnings, are left out) with the exact
expected text. The real records have their own tests (test_real_records.py).

The site tests that only read the site share one build of the project on those records
(`built_site`); a test that changes the records builds its own small site.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.records.problems import Problem
from macros.archive.project import load_project
from site_helpers import FIXTURE, BuiltSite, SiteProject, golden_update_wanted


@pytest.fixture(scope="session")
def records():
    """The fixture's records, loaded and checked once for the tests that read them."""
    records, _problems = load_project(FIXTURE)
    assert records is not None
    return records


@pytest.fixture(scope="session")
def baseline_problems() -> list[Problem]:
    """The problems of the fixture's records (warnings only)."""
    return load_project(FIXTURE)[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    """The site built once per test session (mkdocs build --strict) from the fixture's records,
    with the web editor (/bien-tap/) when `make cms` has installed it."""
    return SiteProject.copy(tmp_path_factory.mktemp("site"), web_editor=True).build()


@pytest.fixture
def update_golden() -> bool:
    """UPDATE_GOLDEN=1 rewrites the golden files; refused (an error) on CI, where it would hide a change."""
    return golden_update_wanted(os.environ)


@dataclass
class DataProject:
    """A temporary project holding a copy of the fixture's data/, with helpers to break one file."""
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
        """Problems that the fixture's records do not have, in order."""
        known = set(self.baseline)
        return [p for p in self.problems() if p not in known]

    def new_texts(self) -> list[str]:
        return [p.format_text() for p in self.new_problems()]


@pytest.fixture
def data_project(tmp_path: Path, baseline_problems) -> DataProject:
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    return DataProject(tmp_path, baseline_problems)
