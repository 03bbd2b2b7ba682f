"""`make serve` never hangs: with an error, every request answers at once with the problems.

A real `mkdocs serve` process on loopback, over a copy of the project: started with a record
error (MkDocs alone would exit), fixed (the site comes back), broken again (MkDocs alone
would hold every request until the fix), then a template error (not a record problem).
"""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from macros.archive.project import load_project
from preview_helpers import BROKEN_PROVINCE, PreviewServer
from site_helpers import SiteProject

REPORT = "data/reports/lao-cai/2022-2023.yml"
URLS = ("/", "/tinh/lao-cai/", "/so-lieu/2022-2023/", "/assets/khcn.css", "/khong-co-trang-nay/")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = SiteProject.copy(tmp_path_factory.mktemp("preview"))
    project.replace(REPORT, *BROKEN_PROVINCE)
    server = PreviewServer.start(project)
    yield server
    server.stop()


def expected_items(project: SiteProject) -> list[str]:
    """Each problem as the page lists it: file:line:col, severity, code, message, field."""
    _records, problems = load_project(project.root)
    severity = {"error": "lỗi", "warning": "cảnh báo"}
    return [f"{p.file}:{p.line}:{p.column} {severity[p.severity]} [{p.code}]: {p.message} ({p.path})"
            for p in sorted(problems)]


def assert_error_page(preview: PreviewServer, url: str) -> BeautifulSoup:
    status, body, seconds = preview.get(url)
    assert (status, seconds < 5) == (200, True), url
    page = BeautifulSoup(body, "html.parser")
    assert page.html["lang"] == "vi"
    assert page.h1.get_text() == "Bản xem trước tạm dừng: dữ liệu có lỗi", url
    return page


def test_a_record_error_at_start_answers_every_request_with_the_problems(preview):
    items = expected_items(preview.project)
    assert [i for i in items if "[E302]" in i] == [
        'data/reports/lao-cai/2022-2023.yml:1:11 lỗi [E302]: không tìm thấy tỉnh "lao-caix"; '
        'có phải ý bạn là "lao-cai"? (province)']
    for url in URLS:
        page = assert_error_page(preview, url)
        assert [" ".join(li.get_text().split()) for li in page.select("ol li")] == items, url
        errors = sum(" lỗi [" in item for item in items)
        assert page.p.get_text().startswith(f"Dữ liệu có {errors} lỗi và {len(items) - errors} cảnh báo.")


def test_the_site_comes_back_once_fixed_and_a_new_error_does_not_hang(preview):
    before = preview.generation()
    preview.project.replace(REPORT, BROKEN_PROVINCE[1], BROKEN_PROVINCE[0])
    preview.wait_for_build_after(before)
    status, body, _seconds = preview.get("/tinh/lao-cai/", timeout=30)
    assert status == 200 and "Bản xem trước tạm dừng" not in body
    assert BeautifulSoup(body, "html.parser").select_one("article.md-content__inner") is not None

    # The hang MkDocs has: a rebuild that fails holds every request until a build succeeds.
    before = preview.generation()
    preview.project.replace(REPORT, *BROKEN_PROVINCE)
    preview.wait_for_build_after(before)
    for url in URLS:
        page = assert_error_page(preview, url)
        assert "lao-caix" in page.get_text()


def test_an_error_outside_the_records_shows_its_traceback(preview):
    before = preview.generation()
    preview.project.replace(REPORT, BROKEN_PROVINCE[1], BROKEN_PROVINCE[0])
    preview.wait_for_build_after(before)
    before = preview.generation()
    preview.project.append("overrides/main.html", "\n{% block unclosed %}\n")
    preview.wait_for_build_after(before)
    page = assert_error_page(preview, "/tinh/lao-cai/")
    assert page.p.get_text().startswith("Dựng trang gặp lỗi ngoài dữ liệu (mẫu trang hoặc mã nguồn):")
    assert "TemplateSyntaxError" in page.pre.get_text()
