"""`make bench`: build time and page weight of the generated site against plain MkDocs.

Builds, side by side in one run:
  (a) a synthetic bloc (`python -m macros synth`) at two sizes, the larger with twice the
      years, so twice the reports, bulletins and totals;
  (b) for each size, a plain MkDocs + Material project with the same pages written as
      Markdown (bench/plain_project.py), same theme, nav, search and extensions.
Each project is built `--runs` times with `python -m mkdocs build --strict` in a fresh
process (runs interleaved, median kept). Both wall-clock and CPU seconds (user + system of
the build process) are kept; the targets are checked on CPU seconds, which other work on a
shared machine disturbs far less. Prints a table and checks the targets of the issue
"Scale". Not a test: the numbers depend on the machine.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from macros.synth import FIRST_YEAR, write_project  # noqa: E402
from plain_project import write_plain_project  # noqa: E402

# The code that times loading and checking, run in the synthetic project (its own copy of macros/).
LOAD_TIMER = """
import statistics, sys, time
from pathlib import Path
from macros.archive.project import load_project
wall, cpu = [], []
for _ in range(int(sys.argv[1])):
    start, start_cpu = time.perf_counter(), time.process_time()
    records, problems = load_project(Path.cwd())
    wall.append(time.perf_counter() - start)
    cpu.append(time.process_time() - start_cpu)
print(statistics.median(wall), statistics.median(cpu))
"""
# One CSV of every figure, in the open data's layout: the yardstick of the open data's size.
ALL_FIGURES = """
from pathlib import Path
from macros.archive.project import load_project
from macros.site import opendata
records, problems = load_project(Path.cwd())
print(len(opendata.to_csv(opendata.figure_lines(records), opendata.COLUMNS)))
"""


@dataclass
class Project:
    label: str
    root: Path
    times: list[float] = field(default_factory=list)  # wall-clock seconds per build
    cpu: list[float] = field(default_factory=list)  # CPU seconds per build
    site: Path | None = None

    @property
    def seconds(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(self.cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(project: Project, site: Path) -> tuple[float, float]:
    """One `mkdocs build --strict` in a fresh process: wall-clock and CPU seconds."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start, start_cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--site-dir", str(site)], cwd=project.root, env=env,
                            capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - start_cpu
    if result.returncode != 0:
        sys.exit(f"build of {project.label} failed:\n{result.stdout}{result.stderr}")
    project.site = site
    return elapsed, cpu


def load_seconds(root: Path, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of `load_project` (read and check every record)."""
    out = subprocess.run([sys.executable, "-c", LOAD_TIMER, str(runs)], cwd=root, check=True,
                         capture_output=True, text=True).stdout
    wall, cpu = out.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def all_figures_bytes(root: Path) -> int:
    """The size of one CSV of every figure of the project, in the open data's layout."""
    out = subprocess.run([sys.executable, "-c", ALL_FIGURES], cwd=root, check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def open_data_bytes(site: Path) -> int:
    """The open data's files (du-lieu/, its HTML page left out)."""
    return sum(p.stat().st_size for p in (site / "du-lieu").rglob("*") if p.is_file() and p.suffix != ".html")


def page_sizes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}


def measure(project: Project) -> dict:
    sizes = page_sizes(project.site)
    index = project.site / "search" / "search_index.json"
    raw = index.read_bytes()
    largest = max(sizes, key=sizes.get)
    return {"pages": len(sizes), "seconds": project.seconds, "cpu": project.cpu_seconds,
            "pages_per_second": len(sizes) / project.cpu_seconds,
            "largest": (largest, sizes[largest]), "median": statistics.median(sizes.values()),
            "sizes": sizes, "index": len(raw), "index_gzip": len(gzip.compress(raw, 9)),
            "index_entries": len(json.loads(raw)["docs"])}


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=50)
    parser.add_argument("--years", type=int, default=30, help="years of the smaller bloc (the larger has twice)")
    parser.add_argument("--issues-per-year", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="timed builds of each project (median kept)")
    parser.add_argument("--keep", type=Path, help="keep the projects and sites in this folder")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)

    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="khcn-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = run(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


def run(args, work: Path) -> dict:
    sizes = {"nhỏ": args.years, "lớn": 2 * args.years}
    projects = {}
    for label, years in sizes.items():
        root = work / f"synth-{years}y"
        shutil.rmtree(root, ignore_errors=True)
        counts = write_project(root, args.provinces, years, args.issues_per_year, args.seed)
        print(f"synth {label}: {args.provinces} tỉnh × {years} năm × {args.issues_per_year} số/năm: "
              + ", ".join(f"{n} {k}" for k, n in counts.items()), flush=True)
        projects[f"synth-{label}"] = Project(f"synth-{label}", root)
    # A first build of each synthetic project gives the HTML the plain projects are made from.
    for label in sizes:
        synth = projects[f"synth-{label}"]
        build(synth, work / f"{synth.root.name}-site-warmup")
        plain_root = work / f"plain-{synth.root.name}"
        shutil.rmtree(plain_root, ignore_errors=True)
        write_plain_project(synth.site, synth.root, plain_root)
        projects[f"plain-{label}"] = Project(f"plain-{label}", plain_root)
    for run_number in range(args.runs):  # interleaved, so a slow moment hits every project alike
        for project in projects.values():
            wall, cpu = build(project, work / f"{project.root.name}-site")
            project.times.append(wall)
            project.cpu.append(cpu)
        print(f"run {run_number + 1}/{args.runs}: " + ", ".join(
            f"{p.label} {p.times[-1]:.2f} s ({p.cpu[-1]:.2f} s CPU)" for p in projects.values()), flush=True)
    figures = {name: measure(p) for name, p in projects.items()}
    for label in sizes:
        synth = figures[f"synth-{label}"]
        synth["load"], synth["load_cpu"] = load_seconds(projects[f"synth-{label}"].root, args.runs)
        synth["open_data"] = open_data_bytes(projects[f"synth-{label}"].site)
        synth["all_figures"] = all_figures_bytes(projects[f"synth-{label}"].root)
        feed = projects[f"synth-{label}"].site / "feed.xml"
        synth["feed"], synth["feed_entries"] = feed.stat().st_size, feed.read_bytes().count(b"<entry>")
    report(figures, args)
    for entry in figures.values():
        entry.pop("sizes")
    return figures


def report(figures: dict, args) -> None:
    small, large = figures["synth-nhỏ"], figures["synth-lớn"]
    rows = [("trang (HTML)", lambda f: f"{f['pages']}"),
            ("giây dựng, đồng hồ (trung vị)", lambda f: f"{f['seconds']:.2f}"),
            ("giây dựng, CPU (trung vị)", lambda f: f"{f['cpu']:.2f}"),
            ("trang/giây CPU", lambda f: f"{f['pages_per_second']:.0f}"),
            ("trang lớn nhất", lambda f: f"{kb(f['largest'][1])} ({f['largest'][0]})"),
            ("trang trung vị", lambda f: kb(f["median"])),
            ("chỉ mục tìm kiếm", lambda f: f"{kb(f['index'])} (gzip {kb(f['index_gzip'])})"),
            ("chỉ mục / trang", lambda f: f"{f['index'] / f['pages'] / 1024:.2f} KB"),
            ("nạp + kiểm tra dữ liệu (CPU)", lambda f: f"{f['load_cpu']:.2f} s "
             f"({100 * f['load_cpu'] / f['cpu']:.1f} %)" if "load" in f else "–"),
            ("dữ liệu mở (du-lieu/)", lambda f: kb(f["open_data"]) if "open_data" in f else "–"),
            ("một CSV mọi số liệu", lambda f: kb(f["all_figures"]) if "all_figures" in f else "–"),
            ("feed.xml", lambda f: f"{kb(f['feed'])} ({f['feed_entries']} số)" if "feed" in f else "–")]
    names = ["synth-nhỏ", "plain-nhỏ", "synth-lớn", "plain-lớn"]
    print()
    print("| | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    for title, cell in rows:
        print(f"| {title} | " + " | ".join(cell(figures[n]) for n in names) + " |")
    print()
    # An issue both sizes have (the sixth year's last, or the smaller bloc's last year's).
    bulletin = f"ban-tin/{FIRST_YEAR + min(5, args.years - 1)}-{args.issues_per_year:02d}/index.html"
    checks = [
        ("(a)/(b) CPU dựng, bản lớn ≤ 1,15", large["cpu"] / figures["plain-lớn"]["cpu"], 1.15),
        ("(a)/(b) đồng hồ, bản lớn (tham khảo)", large["seconds"] / figures["plain-lớn"]["seconds"], None),
        ("(a)/(b) CPU dựng, bản nhỏ (tham khảo)", small["cpu"] / figures["plain-nhỏ"]["cpu"], None),
        ("lớn/nhỏ CPU dựng (gấp đôi bản ghi) ≤ 2,1", large["cpu"] / small["cpu"], 2.1),
        ("lớn/nhỏ đồng hồ (tham khảo)", large["seconds"] / small["seconds"], None),
        ("404.html lớn/nhỏ, lệch ≤ 5 %", large["sizes"]["404.html"] / small["sizes"]["404.html"], None),
        (f"{bulletin} lớn/nhỏ, lệch ≤ 5 %", large["sizes"][bulletin] / small["sizes"][bulletin], None),
        ("trang lớn nhất (bản lớn) ≤ 150 KB", large["largest"][1] / 1024, 150),
        ("chỉ mục tìm kiếm / trang (bản lớn) ≤ 1 KB", large["index"] / large["pages"] / 1024, 1.0),
        ("nạp + kiểm tra / dựng, CPU (bản lớn) ≤ 10 %", 100 * large["load_cpu"] / large["cpu"], 10),
        ("dữ liệu mở / một CSV mọi số liệu (bản lớn) ≤ 3", large["open_data"] / large["all_figures"], 3),
        ("số bản tin trong feed.xml (bản lớn) ≤ 20", large["feed_entries"], 20),
    ]
    print(f"bản lớn: {large['pages']} trang ({'≥' if large['pages'] >= 600 else '<'} 600)")
    for title, value, limit in checks:
        if "lệch" in title:
            ok = abs(value - 1) <= 0.05
        else:
            ok = None if limit is None else value <= limit
        verdict = "" if ok is None else ("  ĐẠT" if ok else "  KHÔNG ĐẠT")
        print(f"  {title}: {value:.3f}{verdict}")


if __name__ == "__main__":
    sys.exit(main())
