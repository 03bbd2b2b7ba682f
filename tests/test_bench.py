"""`make bench` runs end to end on a tiny bloc: the synthetic projects build, the plain project is
written from them and builds, and every figure the issue asks for is printed. (The figures
themselves depend on the machine: they are read by people, not checked here.)"""
from __future__ import annotations

import json
import subprocess
import sys

from site_helpers import REPO


def test_bench_runs_and_prints_every_figure(tmp_path):
    figures = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, "bench/build_bench.py", "--provinces", "4", "--years", "2",
                             "--issues-per-year", "1", "--runs", "1", "--json", str(figures)],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    for line in ("| trang (HTML) |", "| chỉ mục / trang |", "| nạp + kiểm tra dữ liệu (CPU) |",
                 "(a)/(b) CPU dựng, bản lớn", "lớn/nhỏ CPU dựng", "404.html lớn/nhỏ",
                 "trang lớn nhất (bản lớn)", "chỉ mục tìm kiếm / trang (bản lớn)", "nạp + kiểm tra / dựng",
                 "| dữ liệu mở (du-lieu/) |", "| một CSV mọi số liệu |", "| feed.xml |",
                 "dữ liệu mở / một CSV mọi số liệu (bản lớn) ≤ 3", "số bản tin trong feed.xml (bản lớn) ≤ 20"):
        assert line in result.stdout, line
    data = json.loads(figures.read_text(encoding="utf-8"))
    assert data["synth-lớn"]["pages"] == data["plain-lớn"]["pages"] > data["synth-nhỏ"]["pages"]
