"""The screenshots of the guide's section "Sửa trên trình duyệt": `make guide-screenshots`.

Drives the web editor of the built site (site/bien-tap/) in Debian's Chromium against the GitHub
stand-in, over a temporary copy of the records, as an editor of Hòa Bình would use it, and
saves each step as a small PNG in content/assets/bien-tap/. Run it again when the editor
changes; tests/browser/test_web_editor_files.py checks that the guide names every one of them.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parents[1])]

from playwright.sync_api import sync_playwright  # noqa: E402

from conftest import CHROMIUM_ARGS, settle  # noqa: E402
from web_editor import (MARK_WIRED_GROUPS, ROOT, add, field, make_project_repo, pick,  # noqa: E402
                        serving, sign_in)

OUT = ROOT / "content" / "assets" / "bien-tap"
VIEWPORT = {"width": 1000, "height": 620}


def main() -> int:
    site = ROOT / "site"
    if not (site / "bien-tap" / "index.html").is_file():
        print("site/bien-tap/ is missing: run `make build` first", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        repo = make_project_repo(Path(tmp) / "repo")
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                             headless=True, args=CHROMIUM_ARGS)
        with serving(site, repo) as (_standin, base):
            context = browser.new_context(viewport=VIEWPORT, locale="vi-VN", service_workers="block")
            context.add_init_script(MARK_WIRED_GROUPS)
            page = context.new_page()
            take_screenshots(page, base)
            context.close()
        browser.close()
    for png in sorted(OUT.glob("*.png")):
        print(f"{png.relative_to(ROOT)}: {png.stat().st_size // 1024} KB")
    return 0


def shot(page, name: str) -> None:
    settle(page)
    page.wait_for_timeout(300)
    page.screenshot(path=str(OUT / f"{name}.png"))


def take_screenshots(page, base: str) -> None:
    page.goto(f"{base}/bien-tap/")
    sign_in(page, pause=lambda: shot(page, "1-dang-nhap"))
    page.get_by_role("treeitem", name="Số liệu: Hòa Bình").click()
    page.get_by_text("Chưa có bài viết nào trong chuyên mục này.").wait_for()
    shot(page, "2-chuyen-muc")
    page.get_by_role("button", name="Tạo bài viết mới").first.click()
    page.get_by_role("combobox", name="Nguồn").click()
    pick(page.get_by_role("option", name="qd-2667-qd-bkhcn", exact=False))
    label = "Đề tài, dự án KH&CN được triển khai (đề tài, dự án)"
    page.get_by_role("checkbox", name=add(label)).check()
    figure = page.get_by_role("group", name=field(label))
    figure.scroll_into_view_if_needed()  # Sveltia draws a field's parts once it is in view
    figure.get_by_role("spinbutton").fill("12")
    page.get_by_role("combobox", name="Kỳ báo cáo").scroll_into_view_if_needed()
    shot(page, "3-bieu-mau")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_role("button", name="Để sau").wait_for()
    shot(page, "4-luu-ban-nhap")
    page.get_by_role("button", name="Gửi duyệt").click()
    page.get_by_role("radio", name="Quy trình biên tập").click()
    page.get_by_text("Đang duyệt").first.wait_for()
    shot(page, "5-quy-trinh")


if __name__ == "__main__":
    sys.exit(main())
