"""Run `python -m macros ARGS` with the project's own Python environment, on any system.

    python tools/run.py validate          (Windows: py tools\\run.py validate)

The environment is `.venv/` (created by `make build`, or here on first use) with the packages
of `requirements.lock`, hashes checked. It is created again when the lock changes, with the
same stamp file as the Makefile (`.venv/.installed-<first 12 hex of the lock's SHA-256>`), so
`make` and this script share one environment. The pre-commit hooks run through this script:
pre-commit provides a Python wherever it runs (`language: python`), this script finds or makes
the project's. Only the standard library is used here: this runs before anything is installed.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"


def venv_python(venv: Path = VENV) -> Path:
    """The environment's interpreter: Scripts\\python.exe on Windows, bin/python elsewhere."""
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def stamp(venv: Path = VENV, lock: Path = LOCK) -> Path:
    """The file that says which lock the environment was installed from (as in the Makefile)."""
    return venv / f".installed-{hashlib.sha256(lock.read_bytes()).hexdigest()[:12]}"


def ensure_venv(venv: Path = VENV, lock: Path = LOCK) -> Path:
    """Create or refresh the environment when the lock changed; return its interpreter."""
    if stamp(venv, lock).exists() and venv_python(venv).exists():
        return venv_python(venv)
    print(f"Đang cài môi trường Python của dự án vào {venv.name}/ theo {lock.name} "
          "(lần đầu mất vài phút)…", file=sys.stderr)
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv_python(venv)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "--require-hashes", "--no-deps", "-r", str(lock)], check=True)
    stamp(venv, lock).touch()
    return venv_python(venv)


def main(argv: list[str]) -> int:
    try:
        python = ensure_venv()
    except subprocess.CalledProcessError as exc:
        print(f"Không cài được môi trường Python của dự án (lệnh {exc.cmd[0]} … trả về "
              f"{exc.returncode}); xem thông báo ở trên.", file=sys.stderr)
        return 2
    return subprocess.run([str(python), "-m", "macros", *argv], cwd=ROOT).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
