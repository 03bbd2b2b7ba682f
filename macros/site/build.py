"""`make build`: build into a temporary folder, and replace site/ only when the build succeeded."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build_site(root: Path, target: str = "site", extra_args: tuple = ()) -> int:
    """A failed build leaves the previous site/ untouched, byte for byte."""
    work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=root))
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                                 "--site-dir", str(work / "site"), *extra_args], cwd=root)
        if result.returncode != 0:
            print(f"Dựng trang thất bại; thư mục {target}/ giữ nguyên như trước.", file=sys.stderr)
            return result.returncode
        final = root / target
        old = work / "previous"
        if final.exists():
            final.rename(old)
        (work / "site").rename(final)
        print(f"Đã dựng trang vào {target}/")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


WATCHED = ("data", "macros", "overrides")  # besides content/ and mkdocs.yml, which MkDocs watches


def serve_site(root: Path, dev_addr: str = "127.0.0.1:8000") -> int:
    """`make serve`: MkDocs' preview, rebuilding when a record, the code or a template changes.

    With an error it shows the list of problems instead of the site (macros/site/preview.py)."""
    watch = [arg for folder in WATCHED for arg in ("--watch", folder)]
    try:
        return subprocess.run([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", dev_addr, *watch],
                              cwd=root).returncode
    except KeyboardInterrupt:  # Ctrl+C stops MkDocs too: not a failure
        return 0
