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
