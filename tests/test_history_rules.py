"""The bloc's history as records: meetings, membership over time, "of which" breakdowns.

Rules run on a small fixture project (tests/fixtures/history/: two meetings, four provinces,
one period, mirroring the real case: a province listed at the first meeting and missing from
the second's complete list, a guest) copied into a temporary folder; each test changes one
thing and asserts the exact messages. The real records are in tests/test_real_history.py.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.archive.project import load_project
from macros.records import membership

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "history"


class Project:
    """A copy of the fixture project, to change one file and validate."""

    def __init__(self, root: Path):
        self.root = root

    def replace(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        (self.root / rel).write_text(text, encoding="utf-8")

    def texts(self) -> list[str]:
        return [p.format_text() for p in load_project(self.root)[1]]

    def records(self):
        records, problems = load_project(self.root)
        assert records is not None, problems
        return records


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copytree(FIXTURE, tmp_path / "fixture")
    return Project(tmp_path / "fixture")


TOTALS = "data/totals/2022-2023.yml"


# -- "of which" breakdowns --------------------------------------------------------------------

def test_the_fixture_is_clean_with_of_which_parts_below_their_total(project):
    # de-tai-du-an 40 "trong đó" 5 + 30: the rest are other kinds of projects, no warning.
    assert project.texts() == []


def test_of_which_parts_exceeding_their_total_is_w402(project):
    project.replace(TOTALS, "de-tai-cap-tinh: 30", "de-tai-cap-tinh: 38")
    assert project.texts() == [
        "data/totals/2022-2023.yml:6:17: cảnh báo [W402]: các chỉ số con \"trong đó\" (de-tai-cap-nha-nuoc, "
        "de-tai-cap-tinh) cộng lại 5 + 38 = 43, lớn hơn số đã công bố 40 (figures.de-tai-du-an)"]


def test_of_which_parts_equal_to_their_total_is_fine(project):
    project.replace(TOTALS, "de-tai-cap-tinh: 30", "de-tai-cap-tinh: 35")
    assert project.texts() == []


def test_a_complete_breakdown_below_its_total_is_w402(project):
    project.replace(TOTALS, "can-bo-nu: 5", "can-bo-nu: 4")
    assert project.texts() == [
        "data/totals/2022-2023.yml:9:11: cảnh báo [W402]: các chỉ số con (can-bo-nam, can-bo-nu) cộng lại "
        "7 + 4 = 11, khác số đã công bố 12 (figures.can-bo)"]


def test_a_complete_breakdown_above_its_total_is_w402(project):
    project.replace(TOTALS, "can-bo-nu: 5", "can-bo-nu: 6")
    assert project.texts() == [
        "data/totals/2022-2023.yml:9:11: cảnh báo [W402]: các chỉ số con (can-bo-nam, can-bo-nu) cộng lại "
        "7 + 6 = 13, lớn hơn số đã công bố 12 (figures.can-bo)"]


# -- membership entries ------------------------------------------------------------------------

CAO_BANG = "data/provinces/cao-bang.yml"
YEN_BAI = "data/provinces/yen-bai.yml"
FIRST = "data/conferences/1.yml"
SECOND = "data/conferences/2.yml"
W404_FIRST = ("data/conferences/1.yml:6:16: cảnh báo [W404]: nguồn ghi 2 thành viên tại hội nghị, nhưng hồ sơ "
              "các tỉnh cho 1 thành viên (Lào Cai) (members_count)")


def test_an_entry_saying_nothing_is_e313(project):
    project.replace(CAO_BANG, "  - since: unknown\n    conference: 2\n", "  - note: Có tham gia.\n")
    assert project.texts() == [
        "data/conferences/2.yml:6:12: lỗi [E310]: tệp của tỉnh \"cao-bang\" chưa ghi việc gia nhập tại "
        "hội nghị này (membership với conference: 2) (admitted[0])",
        "data/provinces/cao-bang.yml:7:5: lỗi [E313]: mục membership không ghi điều gì nguồn cho biết: "
        "cần since, conference, known_member_in, listed_at hoặc member_on (membership[0])"]


def test_since_unknown_alone_is_e313(project):
    project.replace(YEN_BAI, "  - listed_at: 1\n", "  - since: unknown\n")
    assert project.texts() == [
        # Yên Bái no longer listed at the first meeting: the records name one member, the source two.
        W404_FIRST,
        "data/provinces/yen-bai.yml:7:12: lỗi [E313]: ngày gia nhập không rõ: hãy ghi hội nghị kết nạp "
        "(conference), kỳ tỉnh đã là thành viên (known_member_in), hội nghị nguồn liệt kê tỉnh là thành "
        "viên (listed_at) hoặc ngày nguồn cho thấy tỉnh là thành viên (member_on) (membership[0].since)"]


def test_listed_at_an_unknown_meeting_is_e302(project):
    project.replace(YEN_BAI, "listed_at: 1", "listed_at: 3")
    assert project.texts() == [
        W404_FIRST,
        "data/provinces/yen-bai.yml:7:16: lỗi [E302]: không tìm thấy hội nghị \"3\" (membership[0].listed_at)"]


def test_left_before_joining_is_e304(project):
    project.replace(YEN_BAI, "  - listed_at: 1\n", "  - member_on: 2013-10-21\n    until: 2012-01-01\n")
    # A member on the day of the first meeting, but not listed there: the count disagrees too.
    assert project.texts() == [
        W404_FIRST,
        "data/provinces/yen-bai.yml:8:12: lỗi [E304]: ngày thôi 01/01/2012 đứng trước ngày 21/10/2013 "
        "mà nguồn cho thấy tỉnh là thành viên (member_on) (membership[0].until)"]


# -- meetings ------------------------------------------------------------------------------------

def test_a_guest_the_records_list_as_a_member_is_e320(project):
    project.replace(FIRST, "guests: [son-la, Nam Định]", "guests: [son-la, yen-bai, Nam Định]")
    assert project.texts() == [
        "data/conferences/1.yml:7:18: lỗi [E320]: tỉnh \"yen-bai\" được ghi là khách mời, nhưng tệp của "
        "tỉnh ghi là thành viên tại hội nghị này; khách mời không phải thành viên: sửa một trong hai tệp "
        "(guests ở đây, membership trong data/provinces/yen-bai.yml) (guests[1])"]


def test_a_guest_named_instead_of_its_province_id_is_e321(project):
    project.replace(FIRST, "guests: [son-la, Nam Định]", "guests: [Sơn La, Nam Định]")
    assert project.texts() == [
        "data/conferences/1.yml:7:10: lỗi [E321]: tỉnh \"Sơn La\" có bản ghi data/provinces/son-la.yml: "
        "hãy ghi mã tỉnh son-la thay cho tên, để trang của tỉnh liệt kê hội nghị này (guests[0])"]


def test_a_guest_id_with_no_record_is_e302(project):
    project.replace(FIRST, "guests: [son-la, Nam Định]", "guests: [son-laa, Nam Định]")
    assert project.texts() == [
        "data/conferences/1.yml:7:10: lỗi [E302]: không tìm thấy tỉnh \"son-laa\"; có phải ý bạn là "
        "\"son-la\"? (guests[0])"]


def test_a_date_outside_the_month_given_is_e304(project):
    project.replace(FIRST, "date: 2013-10-21\n", "month: 11\ndate: 2013-10-21\n")
    assert project.texts() == [
        "data/conferences/1.yml:5:7: lỗi [E304]: ngày 21/10/2013 không thuộc tháng 11 đã ghi ở month (date)"]


def test_an_unknown_host_is_allowed_and_a_wrong_one_is_e302(project):
    assert project.records().conferences[1].host is None
    project.replace(SECOND, "host: lao-cai", "host: lao-ca")
    assert project.texts() == [
        "data/conferences/2.yml:3:7: lỗi [E302]: không tìm thấy tỉnh \"lao-ca\"; có phải ý bạn là "
        "\"lao-cai\"? (host)"]


def test_a_member_count_the_records_do_not_match_is_w404(project):
    project.replace(SECOND, "members_after: 2", "members_after: 3")
    assert project.texts() == [
        "data/conferences/2.yml:7:16: cảnh báo [W404]: nguồn ghi 3 thành viên sau hội nghị, nhưng hồ sơ "
        "các tỉnh cho 2 thành viên (Cao Bằng, Lào Cai) (members_after)"]


def test_a_meeting_no_record_lists_members_at_is_not_counted(project):
    # Only admissions known: nothing says who else was a member, so nothing to compare.
    project.replace(SECOND, "periods: [2022-2023]\n", "")
    assert project.texts() == []


# -- documents ---------------------------------------------------------------------------------

def test_a_document_consulted_before_it_was_posted_is_e304(project):
    project.replace("data/documents/bai-hoi-nghi-2.yml", "accessed: 2024-09-08", "accessed: 2023-09-08")
    assert project.texts() == [
        "data/documents/bai-hoi-nghi-2.yml:5:11: lỗi [E304]: ngày truy cập 08/09/2023 đứng trước ngày "
        "đăng 01/01/2024 (accessed)"]


def test_a_document_naming_an_unknown_bulletin_is_e302(project):
    project.write("data/documents/bai-hoi-nghi-2.yml", "id: bai-hoi-nghi-2\ntitle: Hội nghị lần thứ hai\n"
                  "issuer: Cổng thông tin thử\nbulletin: \"2023-04\"\n")
    assert project.texts() == [
        "data/documents/bai-hoi-nghi-2.yml:4:11: lỗi [E302]: không tìm thấy bản tin \"2023-04\" (bulletin)"]


# -- membership over time ------------------------------------------------------------------------

def test_rosters_of_the_fixture(project):
    records = project.records()
    first, second = membership.rosters(records)
    assert (list(first.members), first.count, first.complete) == (["lao-cai", "yen-bai"], 2, True)
    assert (list(second.members), second.admitted, second.count, second.complete) == \
        (["lao-cai"], ["cao-bang"], 1, True)
    assert second.after == ["lao-cai", "cao-bang"]


def test_a_province_missing_from_a_later_complete_list_is_no_longer_a_member(project):
    records = project.records()
    left = membership.status(records, records.provinces["yen-bai"])
    assert (left.member, left.ended, left.left_out_at.conference.number) == (False, None, 2)
    assert membership.status(records, records.provinces["lao-cai"]).member
    assert membership.status(records, records.provinces["cao-bang"]).member


def test_an_incomplete_list_leaves_nobody_out(project):
    # Without the published count after the second meeting, its list may be partial.
    project.replace(SECOND, "members_after: 2\n", "")
    records = project.records()
    assert membership.status(records, records.provinces["yen-bai"]).member


def test_a_guest_is_not_a_member(project):
    records = project.records()
    assert membership.status(records, records.provinces["son-la"]).member is False
    assert [(c.number, roles) for c, roles in membership.roles(records, "son-la")] == [(1, ["guest"])]
    assert [(c.number, roles) for c, roles in membership.roles(records, "lao-cai")] == \
        [(1, ["member"]), (2, ["host", "member", "presenting"])]
