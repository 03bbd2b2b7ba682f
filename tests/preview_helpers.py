"""A real `mkdocs serve` process on loopback, over a copy of the project (tests of the preview)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from site_helpers import SiteProject

GENERATION_PATH = "/.khcn-preview/lan-dung"
BROKEN_PROVINCE = ("province: lao-cai\n", "province: lao-caix\n")  # E302 and E309 on line 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PreviewServer:
    """`python -m macros serve` (what `make serve` runs: `mkdocs serve` watching data/, macros/
    and overrides/), in a copy of the project, in a process group of its own."""
    project: SiteProject
    process: subprocess.Popen
    url: str
    log: Path

    @classmethod
    def start(cls, project: SiteProject) -> "PreviewServer":
        port = free_port()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        env.pop("PYTHONPATH", None)  # the copy's macros/, not the repository's
        env.pop("SITE_URL", None)
        log = project.root / "serve.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "macros", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project.root, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
            start_new_session=True)
        server = cls(project, process, f"http://127.0.0.1:{port}", log)
        server.wait_until(lambda: server.generation() is not None, 180, "the server to answer")
        return server

    def stop(self) -> None:
        """End the command and the `mkdocs serve` it started (its process group)."""
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def get(self, path: str, timeout: float = 5) -> tuple[int, str, float]:
        """Status, body and seconds taken; a request that hangs fails after `timeout`."""
        started = time.monotonic()
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8"), time.monotonic() - started
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace"), time.monotonic() - started

    def generation(self) -> int | None:
        """How many builds have finished, or None while the server does not answer."""
        try:
            return int(self.get(GENERATION_PATH, timeout=2)[1])
        except (OSError, ValueError):
            return None

    def wait_for_build_after(self, generation: int, timeout: float = 180) -> None:
        self.wait_until(lambda: (self.generation() or 0) > generation, timeout, "a rebuild")

    def wait_until(self, condition, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"mkdocs serve ended ({self.process.returncode}):\n{self.log_text()}")
            if condition():
                return
            time.sleep(0.5)
        raise AssertionError(f"waited {timeout} s for {what}:\n{self.log_text()}")

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-6000:]
