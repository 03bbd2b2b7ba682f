"""`python -m macros synth`: a synthetic bloc that is valid, deterministic, and grows by appending."""
from __future__ import annotations

from pathlib import Path

import pytest

from macros import synth
from macros.cli import main
from macros.records.problems import has_errors
from macros.archive.project import load_project

SMALL = dict(provinces=6, years=3, issues_per_year=2)


def data_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "data").rglob("*.yml"))}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "bloc"
    synth.write_project(out, seed=7, **SMALL)
    return out


def test_output_is_a_complete_project_that_validates(small):
    for name in ("mkdocs.yml", "macros/site/hooks.py", "overrides", "content/index.md", "data/indicators.yml"):
        assert (small / name).exists(), name
    records, problems = load_project(small)
    assert records is not None and not has_errors(problems), [p.format_text() for p in problems]
    assert len(records.provinces) == 6 and len(records.periods) == 3 and len(records.bulletins) == 6
    assert records.reports and records.totals and records.conferences and records.documents


def test_uses_the_real_indicator_catalogue(small):
    real = Path(synth.__file__).resolve().parent.parent / "data" / "indicators.yml"
    assert (small / "data" / "indicators.yml").read_bytes() == real.read_bytes()


def test_provinces_have_unique_slugs_and_codes(small):
    records, _ = load_project(small)
    codes = [p.code for p in records.provinces.values()]
    assert len(set(codes)) == len(codes)
    assert all(slug == p.id for slug, p in records.provinces.items())


def test_same_seed_same_bytes(small, tmp_path):
    synth.write_project(tmp_path / "again", seed=7, **SMALL)
    assert data_files(tmp_path / "again") == data_files(small)


def test_another_seed_another_bloc(small, tmp_path):
    synth.write_project(tmp_path / "other", seed=8, **SMALL)
    assert data_files(tmp_path / "other") != data_files(small)


def test_more_years_only_append(small, tmp_path):
    """A record does not depend on the size: the archive grows, earlier records stay as they were."""
    synth.write_project(tmp_path / "longer", seed=7, **dict(SMALL, years=4))
    longer, shorter = data_files(tmp_path / "longer"), data_files(small)
    for name in ("data/bulletins/1990-01.yml", "data/bulletins/1991-02.yml", "data/periods/1991.yml",
                 "data/totals/1990.yml", "data/conferences/1.yml"):
        assert longer[name] == shorter[name], name


def test_more_provinces_than_codes_is_refused(tmp_path):
    with pytest.raises(ValueError, match="two digits"):
        synth.write_project(tmp_path / "big", provinces=100, years=1, issues_per_year=1)
    assert not (tmp_path / "big").exists()


def test_command_line(tmp_path, capsys):
    assert main(["synth", "--out", str(tmp_path / "cli"), "--provinces", "4", "--years", "2",
                 "--issues-per-year", "1", "--seed", "3"]) == 0
    assert "4 province" in capsys.readouterr().out
    assert main(["synth", "--out", str(tmp_path / "cli"), "--provinces", "4", "--years", "2",
                 "--issues-per-year", "1"]) == 2  # not empty any more
    assert main(["synth", "--out", str(tmp_path / "x"), "--provinces", "4", "--years", "2",
                 "--issues-per-year", "100"]) == 2
