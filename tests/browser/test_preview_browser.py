"""The preview in a browser: the error page turns back into the site once the record is fixed,
and MkDocs' live reload still works under the site's Content-Security-Policy."""
from __future__ import annotations

import pytest

from preview_helpers import BROKEN_PROVINCE, PreviewServer
from site_helpers import SiteProject

pytestmark = pytest.mark.browser
REPORT = "data/reports/lao-cai/2022-2023.yml"


def test_the_error_page_reloads_into_the_site_once_the_record_is_fixed(browser, tmp_path):
    project = SiteProject.copy(tmp_path / "project")
    project.replace(REPORT, *BROKEN_PROVINCE)
    server = PreviewServer.start(project)
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        refused = []
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(server.url + "/tinh/lao-cai/")
        assert page.locator("h1").inner_text() == "Bản xem trước tạm dừng: dữ liệu có lỗi"
        project.replace(REPORT, BROKEN_PROVINCE[1], BROKEN_PROVINCE[0])
        # No reload by hand: the page asks which build is the latest every second.
        page.wait_for_selector("article.md-content__inner", timeout=180_000)
        assert page.locator("article h1").inner_text() == "Tỉnh Lào Cai"
        # A saved change reloads the open page: MkDocs' inline live-reload script runs.
        project.replace(REPORT, "phuong-tien-do-kiem-dinh: 11442", "phuong-tien-do-kiem-dinh: 11443")
        page.get_by_text("11.443").first.wait_for(timeout=180_000)
        assert refused == []
    finally:
        context.close()
        server.stop()
