"""Fixtures for the browser tests: the site built once, served on loopback, and Debian's chromium.

The site is the session's shared build (`mkdocs build --strict` of the project on the
records of tests/fixtures/records/, in a temporary folder), served by a `http.server` thread
on 127.0.0.1. Chromium is Debian's (env CHROMIUM, default /usr/bin/chromium), driven through
Playwright's Python API with a fresh profile. Every request that would leave 127.0.0.1 is aborted and recorded, so a test
can both see it and be sure nothing left the machine.
"""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIR = Path(__file__).resolve().parent
AXE_JS = BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "tests" / "output" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Viewports: a desktop screen and a small phone (360 CSS pixels wide).
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "360": {"width": 360, "height": 740}}
LOCAL_HOST = "127.0.0.1"


@pytest.fixture(scope="session")
def built_site(built_site) -> Path:
    """The folder of the session's shared build of the site (tests/conftest.py), the one the
    other site tests read."""
    return built_site.root


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site quietly, answering a missing path with 404.html as a host would."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A tab closed mid-download resets its connection: not a failure of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _serve(directory: Path):
    """A server thread for a built site, and its http://127.0.0.1:PORT."""
    handler = functools.partial(_SiteHandler, directory=str(directory))
    server = _SiteServer((LOCAL_HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{LOCAL_HOST}:{server.server_port}"


@pytest.fixture(scope="session")
def base_url(built_site):
    """http://127.0.0.1:PORT of a server thread that serves the built site."""
    server, url = _serve(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def synthetic_url(tmp_path_factory):
    """A small synthetic bloc (`python -m macros synth`: 9 provinces, 8 years), built and served:
    what the real records do not have yet, such as indicators across many periods."""
    project = tmp_path_factory.mktemp("synth") / "bloc"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    for command, cwd in (([sys.executable, "-m", "macros", "synth", "--out", str(project), "--provinces", "9",
                           "--years", "8", "--issues-per-year", "1"], ROOT),
                         ([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", "site"], project)):
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            pytest.fail(f"{' '.join(command[2:4])} failed ({result.returncode}):\n{result.stderr}")
    server, url = _serve(project / "site")
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, from the pinned npm package (`make axe` installs it)."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS.relative_to(ROOT)} is missing: run `make axe` "
                    "(npm ci in tests/browser installs the pinned axe-core)")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, once per session.

    Playwright starts it with a fresh temporary profile (user-data dir) and removes it on
    close; each test then gets its own context (cookies, storage), see `open_context`.
    """
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).is_file():
        pytest.fail(f"no chromium at {executable}: run `make chromium` (or set CHROMIUM)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_context(browser, viewport: str = "desktop"):
    """A new, empty browser context (no stored text size, no search cache) at a viewport."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="vi-VN", service_workers="block")
    context.set_default_timeout(15_000)
    return context


@dataclass
class PageLog:
    """What one page did in the browser: errors, failed requests, requests that left loopback."""

    console_errors: list[str] = field(default_factory=list)
    console_warnings: list[str] = field(default_factory=list)  # the search worker's included
    failed_requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    expected_status: dict[str, int] = field(default_factory=dict)

    def watch(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        page.on("requestfailed", lambda request: self.failed_requests.append(
            f"{request.method} {request.url}: {request.failure}"))
        page.on("response", self._on_response)
        page.route("**/*", self._keep_local)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")
        elif message.type == "warning":
            self.console_warnings.append(f"{message.text} ({message.location.get('url', '')})")

    def _on_response(self, response) -> None:
        expected = self.expected_status.get(response.url, 200)
        if response.status >= 400 and response.status != expected:
            self.failed_requests.append(f"{response.request.method} {response.url}: HTTP {response.status}")

    def _keep_local(self, route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.outside_requests.append(url)
            route.abort("blockedbyclient")

    def unexpected_console_errors(self) -> list[str]:
        # Chromium reports an expected 404 document as a console error too.
        return [e for e in self.console_errors
                if not any(url in e and str(status) in e for url, status in self.expected_status.items())]


def is_local(url: str) -> bool:
    """True for a request that stays on this machine: 127.0.0.1, or data:/blob:/about: URLs."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == LOCAL_HOST


def settle(page) -> None:
    """Wait for fonts, then end the theme's transitions (the tabs fade in after loading), so
    that screenshots and axe's colour checks see the page at rest, not half-faded."""
    page.evaluate("""async () => {
        await document.fonts.ready;
        for (const animation of document.getAnimations()) {
            try { animation.finish(); } catch (infinite) { /* an endless one cannot finish */ }
        }
    }""")


def run_axe(page, axe_source: str) -> list[dict]:
    """axe-core's violations for the page as it is now, with axe's default rules.

    The default set covers the wcag2a, wcag2aa, wcag21a, wcag21aa and wcag22aa rules and the
    best-practice ones (landmarks, dialog names, scrollable regions).
    """
    page.evaluate(axe_source)
    return page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")["violations"]


def describe_violations(violations: list[dict]) -> str:
    """One line per failing rule and up to three offending elements, for an assert message."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:3]:
            summary = node["failureSummary"].splitlines()[-1].strip()
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


@dataclass
class PageVisit:
    """One page kind at one viewport width: its log, its axe violations, its screenshot."""

    url: str
    status: int
    log: PageLog
    violations: list[dict]
    screenshot: Path

    def describe_violations(self) -> str:
        return describe_violations(self.violations)


@pytest.fixture
def new_page(browser, base_url):
    """A tab in a new context, its errors and requests recorded in `page.khcn_log`."""
    context = open_context(browser)
    page = context.new_page()
    page.khcn_log = PageLog()
    page.khcn_log.watch(page)
    yield page
    context.close()


@pytest.fixture(scope="session")
def visit(browser, base_url, axe_source):
    """visit(path, viewport, name, status=200): load once, screenshot, run axe; cached per session."""
    cache: dict[tuple[str, str], PageVisit] = {}

    def load(path: str, viewport: str, name: str, status: int = 200) -> PageVisit:
        key = (path, viewport)
        if key not in cache:
            cache[key] = _visit(browser, base_url + path, viewport, name, status, axe_source)
        return cache[key]

    return load


def _visit(browser, url: str, viewport: str, name: str, status: int, axe_source: str) -> PageVisit:
    context = open_context(browser, viewport)
    page = context.new_page()
    log = PageLog(expected_status={url: status} if status != 200 else {})
    log.watch(page)
    try:
        response = page.goto(url, wait_until="networkidle")
        settle(page)
        shot = SCREENSHOTS / f"{name}-{viewport}.png"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot), full_page=True)
        settle(page)  # the full-page screenshot resizes the page, which replays transitions
        violations = run_axe(page, axe_source)
        return PageVisit(url, response.status if response else 0, log, violations, shot)
    finally:
        context.close()


@pytest.fixture(scope="session")
def viewports() -> dict[str, dict[str, int]]:
    """The widths pages are checked at: "desktop" and "360" (a small phone)."""
    return VIEWPORTS


@pytest.fixture(scope="session")
def settled():
    """settled(page): fonts loaded and transitions ended."""
    return settle


@pytest.fixture(scope="session")
def axe_report(axe_source):
    """axe_report(page) -> '' when axe finds no violation, else one line per rule and element."""
    return lambda page: describe_violations(run_axe(page, axe_source))

