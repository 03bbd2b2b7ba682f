"""The bloc's history on a small built site, read back with BeautifulSoup.

The small fixture project of tests/fixtures/history/ (meetings I and II), with a meeting IV
known only by its month added after a gap, built once for this module: gaps, date precision,
the section's links, and which sum rule applies to which breakdown (notes, /so-lieu/, the
guide). The real meetings and members are checked in tests/test_real_history.py.
"""
from __future__ import annotations

import shutil

import pytest

from site_helpers import REPO, SiteProject, facts, resolve, rows

FIXTURE = REPO / "tests" / "fixtures" / "history" / "data"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Meetings I and II, then IV known only by its month (III a gap); an "of which" breakdown
    below its total and a complete one that misses by one."""
    project = SiteProject.copy(tmp_path_factory.mktemp("history-small"))
    shutil.rmtree(project.path("data"))
    shutil.copytree(FIXTURE, project.path("data"))
    project.write("data/conferences/4.yml", "number: 4\nyear: 2025\nmonth: 3\nsource: bai-hoi-nghi-2\n")
    project.replace("data/totals/2022-2023.yml", "can-bo-nu: 5", "can-bo-nu: 4")
    return project.build()


def test_a_gap_after_the_last_meeting_is_not_invented_and_a_month_is_shown_as_a_month(small):
    assert rows(small, "/hoi-nghi/") == [
        ["I", "Hội thảo", "21/10/2013", "Thành phố Việt Trì", "không rõ", "Hội thảo lần thứ nhất"],
        ["II", "Hội nghị", "năm 2023", "không rõ", "Lào Cai", "Hội nghị lần thứ hai"],
        ["III", "chưa có tư liệu"],
        ["IV", "Hội nghị", "tháng 3/2025", "không rõ", "không rõ", "Hội nghị lần thứ hai"]]
    assert not small.file_for("/hoi-nghi/3/").exists()


def test_the_section_is_in_the_navigation_and_linked_from_home_and_members(small):
    for url in ("/", "/thanh-vien/"):
        targets = [resolve(url, a["href"])[0] for a in small.content(url).find_all("a")]
        assert "/hoi-nghi/" in targets, url
    nav = small.soup("/").select_one("nav.md-tabs")
    assert "/hoi-nghi/" in [resolve("/", a["href"])[0] for a in nav.find_all("a")]


def test_parts_below_an_of_which_total_get_no_note_and_a_complete_breakdown_does(small):
    notes = [" ".join(p.get_text(" ").split()) for p in small.content("/so-lieu/2022-2023/").select("p.khcn-note")]
    assert notes == [
        "Lưu ý: số đã công bố của “Cán bộ được cấp chứng chỉ” là 12, nhưng “Cán bộ nam” (7) cộng “Cán bộ nữ” "
        "(4) bằng 11; các phần này chia hết tổng nên phải cộng lại bằng đúng tổng. Số liệu được giữ nguyên "
        "như nguồn đã công bố."]


def test_readers_and_editors_are_told_which_rule_applies_to_which_breakdown(small):
    expected = [
        "Đề tài, dự án: Đề tài cấp nhà nước, Đề tài cấp tỉnh. phần “trong đó”: các phần cộng lại có thể nhỏ "
        "hơn tổng (phần còn lại thuộc loại khác), không được lớn hơn tổng.",
        "Cán bộ được cấp chứng chỉ: Cán bộ nam, Cán bộ nữ. phân tổ đầy đủ: các phần cộng lại phải bằng đúng "
        "tổng."]
    for url in ("/so-lieu/", "/huong-dan/"):
        found = [" ".join(li.get_text(" ").split()).replace(" ,", ",").replace(" .", ".").replace(" :", ":")
                 for li in small.content(url).select("ul.khcn-breakdowns li")]
        assert found == expected, url
    indicator = facts(small, "/chi-so/de-tai-cap-tinh/")["Phân tổ"]
    assert indicator.startswith("Đề tài, dự án : Đề tài cấp nhà nước , Đề tài cấp tỉnh . phần “trong đó”")


def test_the_guide_documents_meetings_membership_and_breakdowns(small):
    headings = [h.get_text(" ", strip=True) for h in small.content("/huong-dan/").find_all("h2")]
    for title in ("Thêm một hội nghị", "Ghi một thông tin về tư cách thành viên",
                  "Thêm một nguồn (tài liệu)", "Phân tổ \"trong đó\" và các quy tắc cộng"):
        assert title in headings
