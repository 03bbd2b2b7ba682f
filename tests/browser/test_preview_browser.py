"""The preview's error page, open in a browser, turns back into the site once the record is fixed."""
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
        page.goto(server.url + "/tinh/lao-cai/")
        assert page.locator("h1").inner_text() == "Bản xem trước tạm dừng: dữ liệu có lỗi"
        project.replace(REPORT, BROKEN_PROVINCE[1], BROKEN_PROVINCE[0])
        # No reload by hand: the page asks which build is the latest every second.
        page.wait_for_selector("article.md-content__inner", timeout=180_000)
        assert page.locator("article h1").inner_text() == "Tỉnh Lào Cai"
    finally:
        context.close()
        server.stop()
