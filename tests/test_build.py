"""`make build` (macros/site/build.py): a failed build leaves site/ byte for byte as it was,
and a successful one replaces it whole (no page of an earlier build is left behind)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from site_helpers import SiteProject


def make_build(root: Path) -> subprocess.CompletedProcess:
    """`python -m macros build` in a copy of the project, as `make build` runs it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONPATH", None)  # the copy's macros/, not the repository's
    env.pop("SITE_URL", None)
    return subprocess.run([sys.executable, "-m", "macros", "build"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_site_as_it_was_and_a_successful_one_replaces_it(tmp_path):
    project = SiteProject.copy(tmp_path / "project")
    project.write("site/trang-cu/index.html", "<p>Trang của lần dựng trước</p>")

    built = make_build(project.root)
    assert built.returncode == 0, built.stderr
    assert built.stdout.splitlines()[-1] == "Đã dựng trang vào site/"
    before = tree(project.path("site"))
    assert "trang-cu/index.html" not in before and "tinh/lao-cai/index.html" in before

    # A build that fails late, on a page: MkDocs has emptied its output folder and copied the
    # theme's files by then.
    project.write("content/trang-moi.md", "# Trang mới\n\n{{ khong_co_macro_nay() }}\n")
    failed = make_build(project.root)
    assert failed.returncode != 0
    assert "Dựng trang thất bại; thư mục site/ giữ nguyên như trước." in failed.stderr
    assert tree(project.path("site")) == before
    assert not list(project.root.glob(".site-build-*"))  # the temporary folder is gone
