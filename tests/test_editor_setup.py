"""An editor's machine: the pre-commit hooks and tools/run.py work wherever Python is.

The hooks used to call `.venv/bin/python`, which Windows does not have. They now run
`python tools/run.py COMMAND` (pre-commit provides `python` on every system) and the launcher
finds or creates the project's environment from requirements.lock.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.cli import COMMANDS

REPO = Path(__file__).resolve().parents[1]
# Prints where it runs and what it got, then exits 3: stands in for the real `macros` package.
FAKE_MACROS = "import sys\nprint(sys.prefix)\nprint(sys.argv[1:])\nraise SystemExit(3)\n"


def test_precommit_hooks_run_through_the_launcher_on_any_system():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    assert local
    for hook in local:
        assert hook["language"] == "python", hook["id"]
        program, launcher, command = hook["entry"].split()[:3]
        assert (program, launcher) == ("python", "tools/run.py"), hook["id"]
        assert command in COMMANDS, hook["id"]
    assert ".venv/bin" not in (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")


def test_precommit_remote_hooks_are_pinned_to_a_commit():
    text = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    for repo in config["repos"]:
        if repo["repo"] != "local":
            assert len(repo["rev"]) == 40 and int(repo["rev"], 16) >= 0, repo["repo"]
            assert f"rev: {repo['rev']}  # frozen: v" in text, repo["repo"]


@pytest.fixture
def launcher_project(tmp_path: Path) -> Path:
    """tools/run.py in a project whose lock installs nothing and whose `macros` is a fake."""
    (tmp_path / "tools").mkdir()
    shutil.copy(REPO / "tools" / "run.py", tmp_path / "tools" / "run.py")
    (tmp_path / "requirements.lock").write_text("# nothing to install\n", encoding="utf-8")
    (tmp_path / "macros").mkdir()
    (tmp_path / "macros" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "macros" / "__main__.py").write_text(FAKE_MACROS, encoding="utf-8")
    return tmp_path


def make_stub_venv(project: Path, lock_text: str) -> Path:
    """A stand-in environment: this interpreter under the venv's name, stamped for a lock."""
    python = project / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    python.parent.mkdir(parents=True)
    python.symlink_to(sys.executable)
    digest = hashlib.sha256(lock_text.encode()).hexdigest()[:12]
    (project / ".venv" / f".installed-{digest}").touch()
    (project / ".venv" / "marker").touch()
    return python


def run_launcher(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(project / "tools" / "run.py"), *args],
                          cwd=project, capture_output=True, text=True, timeout=600)


def test_launcher_uses_the_environment_made_from_the_current_lock(launcher_project):
    make_stub_venv(launcher_project, "# nothing to install\n")
    result = run_launcher(launcher_project, "validate", "--format", "json")
    assert result.returncode == 3, result.stderr
    assert result.stdout.splitlines()[1] == "['validate', '--format', 'json']"
    assert (launcher_project / ".venv" / "marker").exists()  # not created again
    assert result.stderr == ""


def test_launcher_creates_the_environment_again_when_the_lock_changed(launcher_project):
    make_stub_venv(launcher_project, "# an older lock\n")
    result = run_launcher(launcher_project, "schema")
    assert result.returncode == 3, result.stderr
    venv = launcher_project / ".venv"
    assert not (venv / "marker").exists()
    assert Path(result.stdout.splitlines()[0]).resolve() == venv.resolve()
    assert result.stdout.splitlines()[1] == "['schema']"
    digest = hashlib.sha256(b"# nothing to install\n").hexdigest()[:12]
    assert [p.name for p in venv.glob(".installed-*")] == [f".installed-{digest}"]
    assert "Đang cài môi trường Python của dự án vào .venv/ theo requirements.lock" in result.stderr


def test_the_guide_gives_windows_editors_commands_that_exist():
    guide = (REPO / "content" / "huong-dan.md").read_text(encoding="utf-8")
    commands = set(re.findall(r"py tools\\run\.py (\w+)", guide))
    assert {"validate", "serve", "new"} <= commands
    assert commands <= set(COMMANDS)
    assert "py -m pre_commit install" in guide
