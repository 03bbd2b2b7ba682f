"""The environment a snapshot is built in: its commit's own code and its commit's own
requirements.lock, in a virtual environment of its own.

An archived issue must build in twenty years as it built the day it was archived, whatever
the project's dependencies have become since. So a snapshot never runs in the project's
.venv: the commit is checked out into a temporary folder, a virtual environment is made
from that commit's requirements.lock (hashes required), and the commit's own
`python -m macros snapshot` builds the package there. Environments are kept in a cache,
one per lock and Python version, and reused.

What else changes the bytes is the Python that makes the environment (its version is written
into the bag, data/environment/python.txt) and the zlib it is linked with (every .gz and
the package itself). The register records both; `interpreter_for` looks for a matching
Python and says so plainly when there is none.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Set for the commit's own `python -m macros snapshot`: build here, from HEAD of --root, with
# this interpreter (code older than this variable ignores it and does just that).
IN_ENVIRONMENT = "KHCN_SNAPSHOT_IN_ENVIRONMENT"
CACHE_VARIABLE = "KHCN_VENV_CACHE"
FALLBACK_CACHE = ".cache/venvs"  # in the project (gitignored), when the user's cache is not writable
COMPLETE = "khcn-environment.json"  # written last: an environment without it is rebuilt
# Lines of a lock that say where to fetch from, not what to install: they name somebody's
# machine or mirror (`--find-links /opt/wheels`); the hashes decide what is installed.
WHERE_FROM = re.compile(r"^\s*(--index-url|--extra-index-url|--find-links|--trusted-host|--no-index|-i|-f)\b")
PROBE = ("import json, platform, zlib; print(json.dumps({'implementation': platform.python_implementation(), "
         "'version': platform.python_version(), 'zlib': zlib.ZLIB_RUNTIME_VERSION}))")


class EnvironmentProblem(Exception):
    """The environment cannot be made; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Interpreter:
    path: str
    implementation: str  # "CPython"
    version: str  # "3.11.7"
    zlib: str  # "1.2.13"

    @property
    def label(self) -> str:
        """As the bag's python.txt and the register write it: "CPython 3.11.7"."""
        return f"{self.implementation} {self.version}"


def probe(python: str) -> Interpreter | None:
    """What a Python is, or None when it does not run."""
    try:
        result = subprocess.run([python, "-c", PROBE], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    facts = json.loads(result.stdout)
    return Interpreter(python, facts["implementation"], facts["version"], facts["zlib"])


def candidates(wanted: str | None) -> list[str]:
    """Pythons worth asking, in order: this one, then python3.X of the wanted version."""
    found = [sys.executable]
    if wanted and (match := re.search(r"(\d+)\.(\d+)", wanted)):
        major_minor = f"{match.group(1)}.{match.group(2)}"
        found += [shutil.which(f"python{major_minor}"), shutil.which(f"python{match.group(1)}"), shutil.which("python")]
    return list(dict.fromkeys(p for p in found if p))


def interpreter_for(wanted: str | None, explicit: str | None = None) -> Interpreter:
    """The Python to build with: `explicit` when given, else the first one found that is
    `wanted` (as the register writes it), else this one."""
    if explicit:
        chosen = probe(explicit)
        if chosen is None:
            raise EnvironmentProblem(f"không chạy được Python {explicit}")
        return chosen
    first = None
    for path in candidates(wanted):
        interpreter = probe(path)
        if interpreter is None:
            continue
        first = first or interpreter
        if wanted is None or interpreter.label == wanted:
            return interpreter
    return first


def lock_digest(lock: bytes) -> str:
    return hashlib.sha256(lock).hexdigest()


def installable(lock: str) -> str:
    """The lock without the lines that say where to fetch from (see WHERE_FROM)."""
    return "".join(line for line in lock.splitlines(keepends=True) if not WHERE_FROM.match(line))


def cache_root(project: Path) -> Path:
    """$KHCN_VENV_CACHE, else the user's cache (~/.cache/khcn-trung-du/venvs), else .cache/venvs
    in the project (a CI runner or a home that cannot be written)."""
    if os.environ.get(CACHE_VARIABLE):
        return Path(os.environ[CACHE_VARIABLE])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    root = base / "khcn-trung-du" / "venvs"
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe_file = root / f".write-test-{os.getpid()}"
        probe_file.touch()
        probe_file.unlink()
        return root
    except OSError:
        return project / FALLBACK_CACHE


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


@contextlib.contextmanager
def _locked(path: Path):
    """One process at a time makes a given environment (two snapshots may run at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no lock; a half-made environment is remade (COMPLETE)
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Environment:
    path: Path
    python: Path
    reused: bool
    packages: int


def environment_for(lock: bytes, interpreter: Interpreter, cache: Path, say=print) -> Environment:
    """The virtual environment of one lock and one Python: reused when made before, else made
    from the lock (pip install --require-hashes --no-deps; pip's own cache and configuration
    apply, the lock's own index and find-links lines do not)."""
    digest = lock_digest(lock)
    name = f"{digest[:16]}-{interpreter.implementation.lower()}-{interpreter.version}"
    target = cache / name
    text = installable(lock.decode("utf-8"))
    packages = len(re.findall(r"^[A-Za-z0-9._-]+==", text, re.MULTILINE))
    with _locked(cache / f"{name}.lock"):
        if (target / COMPLETE).is_file():
            say(f"Môi trường ảo: {target} (đã có, dùng lại).")
            return Environment(target, venv_python(target), True, packages)
        say(f"Môi trường ảo: {target}: tạo mới, {packages} gói theo requirements.lock của commit "
            "(lần đầu có thể phải tải gói; các lần sau dùng lại).")
        shutil.rmtree(target, ignore_errors=True)
        _run([interpreter.path, "-m", "venv", str(target)], "tạo môi trường ảo")
        with tempfile.TemporaryDirectory(prefix="khcn-lock-") as temp:
            lock_file = Path(temp) / "requirements.lock"
            lock_file.write_text(text, encoding="utf-8")
            _run([str(venv_python(target)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                  "--require-hashes", "--no-deps", "--no-input", "-r", str(lock_file)],
                 "cài các gói theo requirements.lock của commit")
        (target / COMPLETE).write_text(json.dumps({"lock_sha256": digest, "python": interpreter.label,
                                                   "zlib": interpreter.zlib}, indent=2) + "\n", encoding="utf-8")
    return Environment(target, venv_python(target), False, packages)


def _run(command: list[str], what: str) -> None:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        lines = [line for line in (result.stderr + result.stdout).splitlines()
                 if "is ignored: it is neither a file nor a directory" not in line]
        raise EnvironmentProblem(f"không {what} được:\n" + "\n".join(lines[-20:]))


@contextlib.contextmanager
def checkout(root: Path, commit: str):
    """The project at `commit`, in a temporary git clone that shares root's objects (HEAD is
    the commit: the commit's own snapshot command builds from HEAD)."""
    temp = Path(tempfile.mkdtemp(prefix="khcn-snapshot-src-"))
    try:
        source = temp / "src"
        _git(root, "clone", "--quiet", "--shared", "--no-checkout", str(root), str(source))
        _git(source, "checkout", "--quiet", "--detach", commit)
        yield source
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _git(cwd: Path, *args: str) -> None:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise EnvironmentProblem(f"lệnh git {' '.join(args)} thất bại: {result.stderr.strip()}")


def run_snapshot_command(environment: Environment, source: Path, issue: str, out_dir: Path, say) -> int:
    """The commit's own `python -m macros snapshot ISSUE`, in its environment; its lines are
    passed on as they come."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "MKDOCS_CONFIG", "SITE_URL")}
    env.update({IN_ENVIRONMENT: "1", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"})
    process = subprocess.Popen([str(environment.python), "-m", "macros", "snapshot", issue,
                                "--root", str(source), "--out", str(out_dir)],
                               cwd=source, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, encoding="utf-8", errors="replace")
    for line in process.stdout:
        say(line.rstrip("\n"))
    return process.wait()
