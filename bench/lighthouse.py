"""`make lighthouse`: Lighthouse scores of five kinds of page, served locally with compression.

Builds the project (or takes `--site DIR`), serves it on 127.0.0.1 with gzip like a real
web server would, and runs Lighthouse (npm `lighthouse`, pinned in bench/package-lock.json,
installed into bench/node_modules with `npm ci` when missing) with Debian's Chromium
(CHROME_PATH, default /usr/bin/chromium). Prints the four category scores of each page and
the audits that cost points. Each page is audited `--runs` times and the run with the median
performance score is kept, as Lighthouse's documentation advises (performance varies from run
to run, more so on a busy machine). Targets: performance >= 95, accessibility, best practices
and SEO 100. Not a test: scores depend on the machine (performance is simulated mobile).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
LIGHTHOUSE = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
# The home page, a bulletin issue, a period's statistics, a province page and an indicator page
# of the real records.
DEFAULT_PAGES = ["/", "/ban-tin/2023-04/", "/so-lieu/2022-2023/", "/tinh/lao-cai/", "/chi-so/de-tai-du-an/"]
CATEGORIES = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class CompressingHandler(SimpleHTTPRequestHandler):
    """Static files with gzip and cache headers, directory URLs, and the site's 404 page."""

    def do_GET(self):
        self._respond(with_body=True)

    def do_HEAD(self):
        self._respond(with_body=False)

    def _respond(self, with_body: bool) -> None:
        path = Path(self.translate_path(self.path))
        status = 200
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        body = path.read_bytes()
        ctype = self.guess_type(str(path))
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        if ctype.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        # Material's assets carry a content hash in their names; pages are revalidated.
        immutable = "/assets/" in self.path and path.suffix in (".js", ".css", ".woff2", ".svg", ".png")
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(site: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(CompressingHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.is_file():
        return
    if shutil.which("npm") is None:
        sys.exit("Lighthouse needs Node.js and npm (Debian: apt-get install npm)")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH, check=True)


def build_site(root: Path, out: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
                   cwd=root, env=env, check=True)
    return out


def run_lighthouse(url: str, report: Path, chrome: str, preset: str | None) -> dict:
    command = ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
               "--only-categories=" + ",".join(CATEGORIES),
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"]
    if preset:
        command.append(f"--preset={preset}")
    subprocess.run(command, check=True, env=dict(os.environ, CHROME_PATH=chrome))
    return json.loads(report.read_text(encoding="utf-8"))


def median_run(url: str, work: Path, args) -> tuple[dict, list[int]]:
    """The run with the median performance score, and every run's performance score."""
    results = [run_lighthouse(url, work / f"report-{i}.json", args.chrome, args.preset) for i in range(args.runs)]
    results.sort(key=lambda r: r["categories"]["performance"]["score"])
    return results[len(results) // 2], [round(100 * r["categories"]["performance"]["score"]) for r in results]


def lost_points(result: dict, category: str) -> list[str]:
    """The audits of a category that did not pass, with their titles."""
    audits = result["audits"]
    lost = []
    for ref in result["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
            lost.append(f"{ref['id']} ({audit['score']:.2f}): {audit['title']}")
    return lost


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the project into a temporary folder)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to build (default: this one)")
    parser.add_argument("--page", action="append", dest="pages", help="a path to audit (repeatable)")
    parser.add_argument("--preset", choices=["desktop", "perf", "experimental"],
                        help="Lighthouse preset (default: mobile)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is kept")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--json", type=Path, help="also write the scores as JSON")
    args = parser.parse_args(argv)
    ensure_lighthouse()
    work = Path(tempfile.mkdtemp(prefix="khcn-lighthouse-"))
    try:
        site = args.site.resolve() if args.site else build_site(args.root.resolve(), work / "site")
        server = serve(site)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        scores, failed = {}, False
        print(f"| trang | {' | '.join(CATEGORIES)} | performance, mọi lần chạy |\n"
              f"|---{'|---' * len(CATEGORIES)}|---|")
        for page in args.pages or DEFAULT_PAGES:
            result, runs = median_run(base + page, work, args)
            scores[page] = {c: round(100 * result["categories"][c]["score"]) for c in CATEGORIES}
            print(f"| {page} | " + " | ".join(str(scores[page][c]) for c in CATEGORIES)
                  + f" | {', '.join(map(str, runs))} |", flush=True)
            for category, target in CATEGORIES.items():
                if scores[page][category] < target:
                    failed = True
                    for line in lost_points(result, category):
                        print(f"    {category}: {line}", file=sys.stderr)
        server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2, ensure_ascii=False), encoding="utf-8")
    print("Mục tiêu: hiệu năng ≥ 95, trợ năng, thực hành tốt, SEO = 100: "
          + ("KHÔNG ĐẠT (xem các mục ở trên)" if failed else "ĐẠT"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
