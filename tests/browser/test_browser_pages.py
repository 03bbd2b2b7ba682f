"""Every kind of page in Debian's chromium, at desktop width and on a 360px phone.

Each page is loaded once per width (the `visit` fixture caches it), screenshotted into
tests/output/screenshots/, and checked: no console error or warning, no failed request, no
request leaving 127.0.0.1, and no axe-core violation.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# (screenshot name, path, HTTP status the document itself answers with)
PAGE_KINDS = [
    ("trang-chu", "/", 200),
    ("ban-tin", "/ban-tin/", 200),
    ("ban-tin-so", "/ban-tin/2023-04/", 200),
    ("thanh-vien", "/thanh-vien/", 200),
    ("hoi-nghi", "/hoi-nghi/", 200),
    ("hoi-nghi-so", "/hoi-nghi/11/", 200),
    ("tinh", "/tinh/", 200),
    ("tinh-lao-cai", "/tinh/lao-cai/", 200),
    ("tinh-cu-ha-giang", "/tinh/ha-giang/", 200),
    ("so-lieu", "/so-lieu/", 200),
    ("so-lieu-ky", "/so-lieu/2022-2023/", 200),
    ("chi-so", "/chi-so/phuong-tien-do-kiem-dinh/", 200),
    ("404", "/khong-co-trang-nay/", 404),
]
CASES = [pytest.param(name, path, status, viewport, id=f"{name}-{viewport}")
         for name, path, status in PAGE_KINDS for viewport in ("desktop", "360")]


@pytest.mark.parametrize(("name", "path", "status", "viewport"), CASES)
def test_page_answers_with_its_status(visit, name, path, status, viewport):
    assert visit(path, viewport, name, status).status == status


@pytest.mark.parametrize(("name", "path", "status", "viewport"), CASES)
def test_page_logs_no_console_error(visit, name, path, status, viewport):
    assert visit(path, viewport, name, status).log.unexpected_console_errors() == []


@pytest.mark.parametrize(("name", "path", "status", "viewport"), CASES)
def test_page_logs_no_console_warning(visit, name, path, status, viewport):
    """lunr warned on every page, from the search worker, about lunr-languages' Vietnamese filter."""
    assert visit(path, viewport, name, status).log.console_warnings == []


@pytest.mark.parametrize(("name", "path", "status", "viewport"), CASES)
def test_page_has_no_failed_request(visit, name, path, status, viewport):
    assert visit(path, viewport, name, status).log.failed_requests == []


@pytest.mark.parametrize(("name", "path", "status", "viewport"), CASES)
def test_page_requests_nothing_outside_loopback(visit, name, path, status, viewport):
    assert visit(path, viewport, name, status).log.outside_requests == []


@pytest.mark.parametrize(("name", "path", "status", "viewport"), CASES)
def test_page_has_no_axe_violation(visit, name, path, status, viewport):
    report = visit(path, viewport, name, status)
    assert report.describe_violations() == ""

