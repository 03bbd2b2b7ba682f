"""The real records of the bloc's history in data/, against their sources: the 5th workshop
(Việt Trì, 21/10/2013), its six members and four guests, the 11th conference (2023) and its
five members, Yên Bái's membership, and the archive's promise kept.

With tests/test_real_records.py, the only tests that read data/: a new source changes what
is asserted here, where it is meant to be noticed. Records first, then the real site built
once for this module and read back with BeautifulSoup.
"""
from __future__ import annotations

import shutil

import pytest

from macros.archive.project import load_project
from macros.archive.register import published_digests, read_register
from macros.records import membership
from macros.records.loader import load_all
from site_helpers import REPO, SiteProject, facts, lines, links, resolve, rows


@pytest.fixture(scope="module")
def records():
    found, problems = load_project(REPO)
    assert found is not None, [p.format_text() for p in problems]
    return found


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The site built from the real data/."""
    project = SiteProject.copy(tmp_path_factory.mktemp("history-real"))
    shutil.rmtree(project.path("data"))
    shutil.copytree(REPO / "data", project.path("data"))
    return project.build()


# -- the real records ----------------------------------------------------------------------------

def test_the_real_meetings_as_the_sources_tell_them(records):
    fifth, eleventh = membership.rosters(records)
    assert (fifth.conference.kind, fifth.conference.date.isoformat(), fifth.conference.host) == \
        ("hoi-thao", "2013-10-21", None)
    assert sorted(fifth.members) == ["ha-giang", "lai-chau", "lao-cai", "phu-tho", "vinh-phuc", "yen-bai"]
    assert fifth.members["yen-bai"] == ["sokhcn-phu-tho-hoi-thao-v-2013"]
    assert fifth.conference.guests == ["Sơn La", "hoa-binh", "Điện Biên", "Nam Định"]
    assert fifth.conference.guests_incomplete
    assert sorted(eleventh.members) == ["ha-giang", "lai-chau", "lao-cai", "phu-tho", "vinh-phuc"]
    assert (eleventh.count, eleventh.complete, len(eleventh.after)) == (5, True, 8)


def test_yen_bai_was_a_member_in_2013_and_is_not_among_the_five_of_2023(records):
    found = membership.status(records, records.provinces["yen-bai"])
    assert (found.member, found.ended, found.left_out_at.conference.number) == (False, None, 11)
    assert [(c.number, r) for c, r in membership.roles(records, "yen-bai")] == [(5, ["member"])]


def test_hoa_binh_was_a_guest_not_a_member(records):
    assert membership.status(records, records.provinces["hoa-binh"]).member is False
    assert [(c.number, r) for c, r in membership.roles(records, "hoa-binh")] == [(5, ["guest"])]


def test_what_the_archived_issue_published_is_unchanged():
    """New optional fields and entries from other sources leave the 2023-04 digests as registered:
    data/conferences/11.yml and the province files published by issue 2023-04 stay as they were."""
    registered = read_register(REPO).register.snapshots[0]
    assert registered.id == "2023-04"
    assert published_digests(load_all(REPO), "2023-04") == registered.records


def test_the_2022_2023_projects_are_an_of_which_breakdown(records):
    assert records.indicators["de-tai-du-an"].parts_complete is False


YEN_BAI_LINES = [
    "Có tên trong các thành viên tại Hội thảo lần thứ V (21/10/2013) (nguồn: Hội thảo liên kết phát triển "
    "khoa học công nghệ các tỉnh trung du miền núi phía Bắc lần thứ V).",
    "Không có tên trong 5 tỉnh thành viên của Khối tại Hội nghị lần thứ XI (năm 2023), trước khi hội nghị "
    "kết nạp thêm thành viên (nguồn: Bản tin KH&CN số 4 năm 2023).",
    "Tỉnh thôi là thành viên từ khi nào và vì sao: không nguồn nào ghi."]


def test_the_meetings_list_every_number_with_gaps_never_hidden(real):
    assert rows(real, "/hoi-nghi/") == [
        ["I–IV", "chưa có tư liệu"],
        ["V", "Hội thảo", "21/10/2013", "Thành phố Việt Trì, tỉnh Phú Thọ", "không rõ",
         "Hội thảo liên kết phát triển khoa học công nghệ các tỉnh trung du miền núi phía Bắc lần thứ V"],
        ["VI–X", "chưa có tư liệu"],
        ["XI", "Hội nghị", "năm 2023", "không rõ", "Hà Giang", "Bản tin KH&CN số 4 năm 2023"]]
    table = real.content("/hoi-nghi/").select_one("table")
    assert links(real, "/hoi-nghi/", table) == {"V": "/hoi-nghi/5/", "XI": "/hoi-nghi/11/",
                                                "Hà Giang": "/tinh/ha-giang/"}


def test_the_2013_workshop_page_says_what_its_source_says(real):
    url = "/hoi-nghi/5/"
    assert real.content(url).h1.get_text() == "Hội thảo lần thứ V (2013)"
    found = facts(real, url)
    assert found["Loại"] == "Hội thảo"
    assert found["Thời gian"] == "21/10/2013 (Bài ghi ngày 21-10; năm 2013 lấy từ tiêu đề bài.)"
    assert found["Đăng cai"].startswith("không rõ (Bài không nói rõ tỉnh nào đăng cai;")
    assert found["Chủ đề"] == "không rõ"
    assert found["Thành viên của Khối"] == ("Hà Giang , Lai Châu , Lào Cai , Phú Thọ , Vĩnh Phúc , Yên Bái "
                                            "(nguồn ghi 6 tỉnh)")
    assert found["Khách mời (không phải thành viên)"] == (
        "Sơn La, Hòa Bình , Điện Biên, Nam Định (danh sách trong nguồn chưa hết: kết thúc bằng “…”)")
    assert found["Được kết nạp"] == "không rõ"
    guests = real.content(url).find("dt", string="Khách mời (không phải thành viên)").find_next_sibling("dd")
    assert links(real, url, guests) == {"Hòa Bình": "/tinh/hoa-binh/"}


def test_the_2013_workshop_cites_its_article_with_address_and_unknown_date(real):
    sources = real.content("/hoi-nghi/5/").select("ul.khcn-sources li")
    assert [" ".join(li.get_text(" ").split()) for li in sources] == [
        "“Hội thảo liên kết phát triển khoa học công nghệ các tỉnh trung du miền núi phía Bắc lần thứ V”, "
        "Cổng thông tin điện tử Sở Khoa học và Công nghệ tỉnh Phú Thọ. Ngày đăng: không rõ. Địa chỉ: "
        "https://sokhoahoccongnghe.phutho.gov.vn/hoi-thao-lien-ket-phat-trien-khoa-hoc-cong-nghe-cac-tinh-"
        "trung-du-mien-nui-phia-bac-lan-thu-v-n12 . Ban biên tập truy cập ngày 30/11/2026."]


def test_the_2023_conference_moved_to_its_own_page(real):
    url = "/hoi-nghi/11/"
    found = facts(real, url)
    assert found["Thành viên của Khối (trước khi kết nạp thêm)"] == (
        "Hà Giang , Lai Châu , Lào Cai , Phú Thọ , Vĩnh Phúc "
        "(nguồn ghi 5 tỉnh: 8 tỉnh sau hội nghị, trừ 3 tỉnh được kết nạp)")
    assert found["Được kết nạp"] == "Bắc Kạn , Cao Bằng , Tuyên Quang"
    assert found["Địa điểm"] == "không rõ" and found["Đăng cai"] == "Hà Giang"
    assert found["Kỳ được tổng kết"] == "Giai đoạn 2022–2023"
    sources = [" ".join(li.get_text(" ").split()) for li in real.content(url).select("ul.khcn-sources li")]
    assert sources == [
        "Bản tin KH&CN số 4 năm 2023 , Sở Khoa học và Công nghệ tỉnh Hà Giang, phát hành 01/01/2024.",
        "“Hợp tác phát triển khoa học và công nghệ các tỉnh trung du, miền núi phía Bắc”, Cổng thông tin "
        "điện tử Sở Khoa học và Công nghệ tỉnh Hà Giang. Ngày đăng: 01/01/2024. Địa chỉ: không rõ. Ban biên "
        "tập truy cập ngày 08/09/2024. Bài ghi nguồn tin là Bản tin KH&CN số 4 năm 2023 ."]
    # The bulletin names its conference by the new page, and the members page no longer repeats it.
    bulletin = real.content("/ban-tin/2023-04/")
    assert "/hoi-nghi/11/" in [resolve("/ban-tin/2023-04/", a["href"])[0] for a in bulletin.find_all("a")]
    assert real.content("/thanh-vien/").find(id="hoi-nghi") is None


def test_the_meeting_page_edits_its_record(real):
    edit = real.soup("/hoi-nghi/5/").select_one("a.md-content__button[href]")
    assert edit["href"].endswith("/data/conferences/5.yml")


def test_the_members_page_shows_each_province_at_each_meeting(real):
    table = real.content("/thanh-vien/").select_one("table.khcn-roster")
    header = [" ".join(th.get_text().split()) for th in table.select("thead th")]
    assert header == ["Tỉnh", "Hội thảo lần thứ V (2013)", "Hội nghị lần thứ XI (2023)"]
    found = {row[0]: row[1:] for row in rows(real, "/thanh-vien/", "table.khcn-roster")}
    assert found["Yên Bái"] == ["thành viên", "không có tên trong danh sách thành viên"]
    assert found["Hòa Bình"] == ["khách mời, không phải thành viên", "không có tên trong danh sách thành viên"]
    assert found["Lào Cai"] == ["thành viên", "thành viên"]
    assert found["Tuyên Quang"] == ["không có tên trong danh sách thành viên", "được kết nạp"]
    foot = [[" ".join(c.get_text(" ").split()) for c in tr.find_all(["th", "td"])] for tr in table.select("tfoot tr")]
    assert foot == [["Số thành viên theo nguồn", "6", "5; sau hội nghị: 8"],
                    ["Nguồn", "Hội thảo liên kết phát triển khoa học công nghệ các tỉnh trung du miền núi "
                     "phía Bắc lần thứ V", "Bản tin KH&CN số 4 năm 2023"]]


def test_yen_bai_a_member_in_2013_not_among_the_five_of_2023_and_no_date_guessed(real):
    member = real.content("/tinh/yen-bai/").find("dt", string="Thành viên Khối").find_next_sibling("dd")
    assert " ".join(member.contents[0].split()) == "không còn là thành viên theo các nguồn hiện có"
    assert lines(member) == YEN_BAI_LINES
    meetings = real.content("/tinh/yen-bai/").find("dt", string="Hội nghị của Khối").find_next_sibling("dd")
    assert lines(meetings) == ["Hội thảo lần thứ V (2013): thành viên"]
    row = next(tr for tr in real.content("/thanh-vien/").select("#lich-su ~ div table tbody tr")
               if tr.th.get_text(strip=True) == "Yên Bái")
    assert lines(row) == YEN_BAI_LINES
    assert " ".join(row.find_all("td")[-1].get_text(" ").split()) == (
        "tỉnh cũ: sáp nhập vào tỉnh Lào Cai từ 01/07/2025; không là thành viên theo các nguồn hiện có")


def test_a_guest_is_not_a_member(real):
    page = real.content("/tinh/hoa-binh/")
    member = page.find("dt", string="Thành viên Khối").find_next_sibling("dd")
    assert " ".join(member.get_text(" ").split()) == "không là thành viên (không có bản ghi gia nhập)"
    meetings = page.find("dt", string="Hội nghị của Khối").find_next_sibling("dd")
    assert lines(meetings) == ["Hội thảo lần thứ V (2013): khách mời (không phải thành viên)"]
    assert "Hòa Bình" not in real.text("/") .split("Thành viên hiện nay")[1].split("Bản tin mới nhất")[0]


def test_province_pages_list_meetings_by_role(real):
    meetings = real.content("/tinh/ha-giang/").find("dt", string="Hội nghị của Khối").find_next_sibling("dd")
    assert lines(meetings) == ["Hội thảo lần thứ V (2013): thành viên",
                                "Hội nghị lần thứ XI (2023): đăng cai, thành viên, có tham luận"]
    meetings = real.content("/tinh/cao-bang/").find("dt", string="Hội nghị của Khối").find_next_sibling("dd")
    assert lines(meetings) == ["Hội nghị lần thứ XI (2023): được kết nạp"]


def test_the_2025_mergers_stay_as_they_are(real):
    assert "8 tỉnh thành viên trước khi sắp xếp đơn vị hành chính nay thuộc 6 tỉnh" in real.text("/thanh-vien/")


def test_the_298_note_still_shows_with_its_rule(real):
    notes = [" ".join(p.get_text(" ").split()) for p in real.content("/so-lieu/2022-2023/").select("p.khcn-note")]
    assert ("Lưu ý: số đã công bố của “Đề tài, dự án KH&CN được triển khai” là 298, nhưng “Đề tài, dự án cấp "
            "nhà nước” (38) cộng “Đề tài, dự án cấp tỉnh” (270) bằng 308; đây là các phần “trong đó” của tổng: "
            "cộng lại có thể nhỏ hơn tổng (phần còn lại thuộc loại khác) nhưng không thể lớn hơn. Số liệu được "
            "giữ nguyên như nguồn đã công bố.") in notes
