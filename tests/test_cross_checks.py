"""Checks across records (macros/records/checks.py, macros/records/consistency.py): E301-E314, W401-W404.

Also: the fixture's records (tests/fixtures/records/) have no error and exactly the two
warnings of the real data they were copied from, and one broken file gives one error (no
cascade of unresolved references in the files that name it).
"""
from __future__ import annotations

import pytest

from macros.records.problems import WARNING, Problem
from site_helpers import FIXTURE

LAO_CAI = "data/provinces/lao-cai.yml"
REPORT = "data/reports/lao-cai/2022-2023.yml"
TOTALS = "data/totals/2022-2023.yml"
PERIOD = "data/periods/2022-2023.yml"
CONFERENCE = "data/conferences/11.yml"
BULLETIN = "data/bulletins/2023-04.yml"
CATALOGUE = "data/indicators.yml"

W402 = Problem(
    TOTALS, 7, 17, WARNING, "W402", "figures.de-tai-du-an",
    "các chỉ số con \"trong đó\" (de-tai-du-an-cap-nha-nuoc, de-tai-du-an-cap-tinh) cộng lại 38 + 270 = 308, "
    "lớn hơn số đã công bố 298")
W403 = Problem(
    TOTALS, 10, 31, WARNING, "W403", "figures.ty-le-cap-tinh-nong-nghiep",
    "các tỉ lệ \"Cơ cấu ĐT/DA cấp tỉnh theo lĩnh vực\" cộng lại 45,0% + 23,2% + 31,2% = 99,4%, "
    "không phải 100% (sai số làm tròn cho phép ±0,15 điểm %)")


# -- the fixture's records -------------------------------------------------------------

def test_the_fixture_has_no_error_and_exactly_its_two_warnings(data_project):
    records, problems = data_project.load()
    assert problems == [W402, W403]
    assert len(records.provinces) == 11 and len(records.figures) == 42


# -- E301 duplicate ids -----------------------------------------------------------------

def test_two_files_with_one_id_is_e301_on_the_copy_naming_the_other(data_project):
    data_project.write("data/provinces/lao-cai-2.yml", data_project.read(LAO_CAI))
    assert data_project.new_texts() == [
        "data/provinces/lao-cai-2.yml:1:5: lỗi [E301]: mã \"lao-cai\" đã được dùng trong "
        "data/provinces/lao-cai.yml; mỗi bản ghi phải có mã riêng (id)"]


def test_two_reports_for_one_province_and_period_is_e301(data_project):
    data_project.write("data/reports/lao-cai/2022.yml", data_project.read(REPORT))
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022.yml:2:9: lỗi [E301]: mã \"lao-cai/2022-2023\" đã được dùng "
        "trong data/reports/lao-cai/2022-2023.yml; mỗi bản ghi phải có mã riêng (period)",
        "data/reports/lao-cai/2022.yml:2:9: lỗi [E309]: tên tệp phải là mã kỳ: 2022-2023.yml (period)"]


def test_duplicate_indicator_is_e301(data_project):
    copy = ("      - id: ban-tin-khcn\n        label: Bản tin\n        unit: cuốn\n"
            "        value_type: integer\n        summed: true\n        description: Bản tin.\n")
    data_project.replace(CATALOGUE, "      - id: tap-san-khcn", copy + "      - id: tap-san-khcn")
    assert data_project.new_texts() == [
        "data/indicators.yml:144:13: lỗi [E301]: chỉ số \"ban-tin-khcn\" đã được định nghĩa ở "
        "groups[5].indicators[0].id (groups[5].indicators[1].id)"]


# -- E302 unresolved references ---------------------------------------------------------

def test_report_for_an_unknown_province_is_e302_with_a_suggestion(data_project):
    data_project.write("data/reports/lao-ca/2022-2023.yml",
                       data_project.read(REPORT).replace("province: lao-cai", "province: lao-ca"))
    assert data_project.new_texts() == [
        "data/reports/lao-ca/2022-2023.yml:1:11: lỗi [E302]: không tìm thấy tỉnh \"lao-ca\"; "
        "có phải ý bạn là \"lao-cai\"? (province)"]


def test_unknown_province_without_a_close_name_has_no_suggestion(data_project):
    data_project.write("data/reports/ha-noi/2022-2023.yml",
                       data_project.read(REPORT).replace("province: lao-cai", "province: ha-noi"))
    assert data_project.new_texts() == [
        "data/reports/ha-noi/2022-2023.yml:1:11: lỗi [E302]: không tìm thấy tỉnh \"ha-noi\" (province)"]


def test_unknown_period_is_e302(data_project):
    data_project.replace(CONFERENCE, "periods: [2022-2023]", "periods: [2022-2024]")
    assert data_project.new_texts() == [
        "data/conferences/11.yml:12:11: lỗi [E302]: không tìm thấy kỳ báo cáo \"2022-2024\"; "
        "có phải ý bạn là \"2022-2023\"? (periods[0])"]


def test_unknown_indicator_is_e302(data_project):
    data_project.replace(REPORT, "phuong-tien-do-kiem-dinh:", "phuong-tien-do-kiem-dinhh:")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:5:3: lỗi [E302]: không tìm thấy chỉ số "
        "\"phuong-tien-do-kiem-dinhh\"; có phải ý bạn là \"phuong-tien-do-kiem-dinh\"? "
        "(figures.phuong-tien-do-kiem-dinhh)"]


def test_unknown_conference_is_e302(data_project):
    data_project.replace(BULLETIN, "conferences: [11]", "conferences: [12]")
    assert data_project.new_texts() == [
        "data/bulletins/2023-04.yml:9:15: lỗi [E302]: không tìm thấy hội nghị \"12\" (conferences[0])"]


def test_an_issue_not_yet_created_is_e302_saying_how_to_create_it_never_another_issue(data_project):
    data_project.replace(REPORT, 'source: "2023-04"', 'source: "2023-05"')
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:3:9: lỗi [E302]: không tìm thấy bản tin \"2023-05\" (chưa "
        "có tệp data/bulletins/2023-05.yml); số bản tin mới phải được tạo trước các bản ghi dẫn nguồn "
        "nó: python -m macros new bulletin 2023-05 (source)"]


def test_a_mistyped_document_is_e302_with_the_closest_document(data_project):
    data_project.replace(REPORT, 'source: "2023-04"', "source: qd-569-qd-ttgg")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:3:9: lỗi [E302]: không tìm thấy nguồn \"qd-569-qd-ttgg\" "
        "trong data/bulletins/ và data/documents/; có phải ý bạn là \"qd-569-qd-ttg\"? (source)"]


def test_an_unknown_document_is_e302_saying_where_documents_go(data_project):
    data_project.replace(REPORT, 'source: "2023-04"', "source: bao-cao-so-khcn")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:3:9: lỗi [E302]: không tìm thấy nguồn \"bao-cao-so-khcn\" "
        "trong data/bulletins/ và data/documents/; tài liệu mới: thêm tệp "
        "data/documents/bao-cao-so-khcn.yml (các trường ở bảng \"Văn bản, tài liệu nguồn\" của trang "
        "Hướng dẫn) (source)"]


def test_unknown_part_in_the_catalogue_is_e302(data_project):
    data_project.replace(CATALOGUE, "parts: [de-tai-du-an-cap-nha-nuoc,", "parts: [de-tai-cap-nha-nuoc,")
    assert data_project.new_texts() == [
        "data/indicators.yml:13:17: lỗi [E302]: không tìm thấy chỉ số \"de-tai-cap-nha-nuoc\"; "
        "có phải ý bạn là \"de-tai-du-an-cap-nha-nuoc\"? (groups[0].indicators[0].parts[0])"]


def test_a_broken_province_file_does_not_cascade(data_project):
    # Four files name lao-cai: only the broken file itself is reported.
    data_project.replace(LAO_CAI, "name: Lào Cai", "name: no")
    assert [(p.file, p.code) for p in data_project.new_problems()] == [(LAO_CAI, "E111")]


def test_a_broken_report_does_not_make_the_totals_warn(data_project):
    # Without Lào Cai's figures the provinces no longer add up to the totals: no W401 for that.
    data_project.replace(REPORT, "11442", "11.442")
    assert [(p.file, p.code) for p in data_project.new_problems()] == [(REPORT, "E306")]


# -- E303 - E305 ------------------------------------------------------------------------

def test_negative_count_is_e303(data_project):
    data_project.replace(REPORT, "656", "-656")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:6:33: lỗi [E303]: số liệu không được âm, gặp -656 "
        "(figures.don-vi-tu-cong-bo-tieu-chuan)"]


def test_percent_over_100_is_e303(data_project):
    data_project.replace(TOTALS, "ty-le-cap-tinh-nong-nghiep: 45.0", "ty-le-cap-tinh-nong-nghiep: 145.0")
    assert data_project.new_texts() == [
        "data/totals/2022-2023.yml:10:31: lỗi [E303]: tỉ lệ phải từ 0 đến 100, gặp 145.0 "
        "(figures.ty-le-cap-tinh-nong-nghiep)"]


def test_period_ending_before_it_starts_is_e304(data_project):
    data_project.replace(PERIOD, "end: 2023-12-31", "end: 2021-12-31")
    assert data_project.new_texts() == [
        "data/periods/2022-2023.yml:4:6: lỗi [E304]: ngày kết thúc 31/12/2021 đứng trước ngày bắt đầu "
        "01/01/2022 (end)"]


def test_membership_ending_before_it_starts_is_e304(data_project):
    data_project.replace(LAO_CAI, "since: unknown", "since: 2020-01-01\n    until: 2019-01-01")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:10:12: lỗi [E304]: ngày thôi 01/01/2019 đứng trước ngày gia nhập "
        "01/01/2020 (membership[0].until)"]


def test_conference_date_outside_its_year_is_e304(data_project):
    data_project.replace(CONFERENCE, "year: 2023", "year: 2023\ndate: 2024-01-02")
    assert data_project.new_texts() == [
        "data/conferences/11.yml:3:7: lỗi [E304]: ngày 02/01/2024 không thuộc năm 2023 (date)"]


def test_article_accessed_before_published_is_e304(data_project):
    data_project.replace(BULLETIN, "accessed: 2024-09-08", "accessed: 2023-09-08")
    assert data_project.new_texts() == [
        "data/bulletins/2023-04.yml:14:15: lỗi [E304]: ngày truy cập đứng trước ngày đăng bài "
        "(articles[0].accessed)"]


def test_figures_after_the_province_merged_are_e305(data_project):
    data_project.replace("data/provinces/ha-giang.yml", "date: 2025-07-01", "date: 2021-07-01")
    assert data_project.new_texts() == [
        "data/reports/ha-giang/2022-2023.yml:2:9: lỗi [E305]: tỉnh Hà Giang đã sáp nhập vào tỉnh "
        "Tuyên Quang từ 01/07/2021, trước kỳ 2022-2023 (01/01/2022–31/12/2023), nên không có số liệu "
        "của kỳ này; số liệu của kỳ thuộc tỉnh Tuyên Quang: python -m macros new report --province "
        "tuyen-quang --period 2022-2023 (period)"]


def add_period(project, period_id: str, start: str, end: str) -> None:
    project.write(f"data/periods/{period_id}.yml",
                  f"id: \"{period_id}\"\nlabel: Kỳ {period_id}\nstart: {start}\nend: {end}\n")


def ha_giang_report(period_id: str) -> str:
    return f"province: ha-giang\nperiod: {period_id}\nsource: \"2023-04\"\nfigures:\n  de-tai-du-an: 12\n"


def test_a_period_starting_on_the_merger_day_is_e305_naming_the_successor(data_project):
    add_period(data_project, "2025-2026", "2025-07-01", "2026-06-30")
    data_project.write("data/reports/ha-giang/2025-2026.yml", ha_giang_report("2025-2026"))
    assert data_project.new_texts() == [
        "data/reports/ha-giang/2025-2026.yml:2:9: lỗi [E305]: tỉnh Hà Giang đã sáp nhập vào tỉnh "
        "Tuyên Quang từ 01/07/2025, trước kỳ 2025-2026 (01/07/2025–30/06/2026), nên không có số liệu "
        "của kỳ này; số liệu của kỳ thuộc tỉnh Tuyên Quang: python -m macros new report --province "
        "tuyen-quang --period 2025-2026 (period)"]


def test_a_period_spanning_the_merger_is_w405_naming_the_successor_and_the_date(data_project):
    # `new period 2025-2026` writes 01/01/2025-31/12/2026: Hà Giang existed for half of it.
    add_period(data_project, "2025-2026", "2025-01-01", "2026-12-31")
    data_project.write("data/reports/ha-giang/2025-2026.yml", ha_giang_report("2025-2026"))
    assert data_project.new_texts() == [
        "data/reports/ha-giang/2025-2026.yml:2:9: cảnh báo [W405]: tỉnh Hà Giang sáp nhập vào tỉnh "
        "Tuyên Quang từ 01/07/2025, giữa kỳ 2025-2026 (01/01/2025–31/12/2026): số liệu này chỉ là "
        "của tỉnh Hà Giang trước ngày đó, phần còn lại của kỳ thuộc tỉnh Tuyên Quang; hãy ghi rõ "
        "trong note của báo cáo (period)"]


def test_a_period_ending_the_day_before_the_merger_is_fine(data_project):
    add_period(data_project, "2024-2025", "2024-07-01", "2025-06-30")
    data_project.write("data/reports/ha-giang/2024-2025.yml", ha_giang_report("2024-2025"))
    assert data_project.new_texts() == []


def test_figures_before_the_province_was_established_are_e305(data_project):
    data_project.replace(LAO_CAI, "website: https://laocai.gov.vn",
                         "website: https://laocai.gov.vn\nestablished: 2024-01-01")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:2:9: lỗi [E305]: tỉnh Lào Cai được thành lập 01/01/2024, "
        "sau kỳ 2022-2023 (01/01/2022–31/12/2023), nên không có số liệu của kỳ này (period)"]


def test_a_province_established_during_the_period_is_w405(data_project):
    data_project.replace(LAO_CAI, "website: https://laocai.gov.vn",
                         "website: https://laocai.gov.vn\nestablished: 2023-01-01")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:2:9: cảnh báo [W405]: tỉnh Lào Cai được thành lập "
        "01/01/2023, giữa kỳ 2022-2023 (01/01/2022–31/12/2023): số liệu này chỉ tính từ ngày đó; "
        "hãy ghi rõ trong note của báo cáo (period)"]


# -- W406: periods that overlap ------------------------------------------------------------

def test_periods_sharing_a_year_are_w406_on_the_later_one(data_project):
    add_period(data_project, "2023-2024", "2023-01-01", "2024-12-31")
    assert data_project.new_texts() == [
        "data/periods/2023-2024.yml:3:8: cảnh báo [W406]: kỳ 2023-2024 (01/01/2023–31/12/2024) trùng "
        "với kỳ 2022-2023 (01/01/2022–31/12/2023) từ 01/01/2023 đến 31/12/2023: số liệu của khoảng "
        "này được tính ở cả hai kỳ; nếu nguồn công bố đúng như vậy, giữ nguyên; nếu không, sửa start "
        "hoặc end (start)"]


def test_a_period_inside_a_longer_one_and_one_after_both(data_project):
    add_period(data_project, "2022", "2022-01-01", "2022-12-31")  # inside 2022-2023
    add_period(data_project, "2023", "2023-01-01", "2023-12-31")  # inside 2022-2023 too
    add_period(data_project, "2024-2025", "2024-01-01", "2025-12-31")  # after both: no warning
    overlaps = [(p.file, p.message.split(":")[0]) for p in data_project.new_problems()]
    assert overlaps == [
        ("data/periods/2022.yml", "kỳ 2022 (01/01/2022–31/12/2022) trùng với kỳ 2022-2023 (01/01/2022–31/12/2023) từ 01/01/2022 đến 31/12/2022"),
        ("data/periods/2023.yml", "kỳ 2023 (01/01/2023–31/12/2023) trùng với kỳ 2022-2023 (01/01/2022–31/12/2023) từ 01/01/2023 đến 31/12/2023"),
    ]


# -- E306, E307: figure values ----------------------------------------------------------

def test_thousands_dot_in_an_integer_count_is_e306_with_a_hint(data_project):
    data_project.replace(REPORT, "11442", "174.582")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:5:29: lỗi [E306]: chỉ số \"phuong-tien-do-kiem-dinh\" "
        "(phương tiện đo) cần số nguyên, gặp số thập phân 174.582; không dùng dấu chấm hay dấu phẩy "
        "để phân cách hàng nghìn, hãy viết 174582 (figures.phuong-tien-do-kiem-dinh)"]


def test_thousands_dot_hint_uses_the_digits_as_written(data_project):
    # 7.320 is read as the float 7.32; the hint must still say 7320, not 732.
    data_project.replace(REPORT, "11442", "7.320")
    assert data_project.new_problems()[0].message.endswith("hãy viết 7320")


def test_thousands_comma_is_e306_with_a_hint(data_project):
    data_project.replace(REPORT, "11442", '"7,320"')
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:5:29: lỗi [E306]: chỉ số \"phuong-tien-do-kiem-dinh\" "
        "(phương tiện đo) cần số nguyên, gặp văn bản \"7,320\"; không dùng dấu chấm hay dấu phẩy "
        "để phân cách hàng nghìn, hãy viết 7320 (figures.phuong-tien-do-kiem-dinh)"]


def test_decimal_comma_is_e306_with_a_hint(data_project):
    data_project.replace("data/reports/phu-tho/2022-2023.yml", "value: 2000", 'value: "2000,5"')
    assert data_project.new_texts() == [
        "data/reports/phu-tho/2022-2023.yml:10:12: lỗi [E306]: chỉ số \"kinh-phi-cap-co-so\" "
        "(triệu đồng) cần một số, gặp văn bản \"2000,5\"; phần thập phân viết bằng dấu chấm, "
        "hãy viết 2000.5 (figures.kinh-phi-cap-co-so.value)"]


# -- E308, and E306's hints: numbers written the Vietnamese (or English) way ----------------
PHU_THO = "data/reports/phu-tho/2022-2023.yml"  # kinh-phi-cap-co-so: a decimal, in triệu đồng


@pytest.mark.parametrize("written, column, thousands, spoken, decimal", [
    ("2.500", 12, "2500", "2 phẩy 5", "2.5"),
    ('"2,500"', 12, "2500", "2 phẩy 5", "2.5"),
    ("1.234", 12, "1234", "1 phẩy 234", "1.2340"),
    ("12.000", 12, "12000", "12", "12.0"),
])
def test_one_separator_and_three_digits_in_a_decimal_is_e308_naming_both_readings(
        data_project, written, column, thousands, spoken, decimal):
    # YAML reads 2.500 as 2.5: without E308 the site showed "2,5 triệu đồng" for 2500.
    data_project.replace(PHU_THO, "value: 2000", f"value: {written}")
    shown = written.strip('"')
    separator = "dấu chấm" if "." in shown else "dấu phẩy"
    assert data_project.new_texts() == [
        f"data/reports/phu-tho/2022-2023.yml:10:{column}: lỗi [E308]: chỉ số \"kinh-phi-cap-co-so\" "
        f"(triệu đồng): {shown} đọc được hai cách: {thousands} ({separator} ngăn cách hàng nghìn) "
        f"hoặc {spoken} ({separator} là dấu thập phân); hãy viết {thousands} hoặc {decimal} cho đúng "
        "số cần ghi (figures.kinh-phi-cap-co-so.value)"]


@pytest.mark.parametrize("written, value", [("2500", 2500), ("2.5", 2.5), ("1.2340", 1.234), ("0.125", 0.125),
                                            ("2.50", 2.5), ("2500.5", 2500.5)])
def test_each_unambiguous_spelling_is_accepted(data_project, written, value):
    data_project.replace(PHU_THO, "value: 2000", f"value: {written}")
    records, _ = data_project.load()
    assert data_project.new_texts() == []
    assert next(f.value for f in records.figures if f.indicator == "kinh-phi-cap-co-so") == value


def test_a_percentage_written_2_500_is_read_as_2_5(data_project):
    # 2500 % cannot be: a percentage has one reading.
    data_project.replace(TOTALS, "ty-le-cap-tinh-linh-vuc-khac: 31.2", "ty-le-cap-tinh-linh-vuc-khac: 2.500")
    records, _ = data_project.load()
    assert "E308" not in {p.code for p in data_project.new_problems()}
    assert next(f.value for f in records.figures if f.indicator == "ty-le-cap-tinh-linh-vuc-khac") == 2.5


@pytest.mark.parametrize("rel, old, new, at, expected", [
    (PHU_THO, "value: 2000", 'value: "2.500,5"', "10:12", "cần một số, gặp văn bản \"2.500,5\"; không dùng "
     "dấu chấm hay dấu phẩy để phân cách hàng nghìn, hãy viết 2500.5"),
    (PHU_THO, "value: 2000", "value: 1.234.567", "10:12", "cần một số, gặp văn bản \"1.234.567\"; không "
     "dùng dấu chấm hay dấu phẩy để phân cách hàng nghìn, hãy viết 1234567"),
    (PHU_THO, "value: 2000", "value: 2 500", "10:12", "cần một số, gặp văn bản \"2 500\"; không dùng dấu "
     "cách để phân cách hàng nghìn, hãy viết 2500"),
    (PHU_THO, "value: 2000", "value: 1,234.5", "10:12", "cần một số, gặp văn bản \"1,234.5\"; không dùng "
     "dấu chấm hay dấu phẩy để phân cách hàng nghìn, hãy viết 1234.5"),
    (REPORT, "11442", "1.234.567", "5:29", "cần số nguyên, gặp văn bản \"1.234.567\"; không dùng dấu chấm "
     "hay dấu phẩy để phân cách hàng nghìn, hãy viết 1234567"),
    (REPORT, "11442", "11\u00a0442", "5:29", "cần số nguyên, gặp văn bản \"11\u00a0442\"; không dùng dấu "
     "cách để phân cách hàng nghìn, hãy viết 11442"),
    (TOTALS, "ty-le-cap-tinh-linh-vuc-khac: 31.2", "ty-le-cap-tinh-linh-vuc-khac: 45,0", "12:33",
     "cần một số, gặp văn bản \"45,0\"; phần thập phân viết bằng dấu chấm, hãy viết 45.0"),
    (TOTALS, "ty-le-cap-tinh-linh-vuc-khac: 31.2", "ty-le-cap-tinh-linh-vuc-khac: 31,2%", "12:33",
     "cần một số, gặp văn bản \"31,2%\"; không ghi dấu %, hãy viết 31.2"),
    (TOTALS, "ty-le-cap-tinh-linh-vuc-khac: 31.2", "ty-le-cap-tinh-linh-vuc-khac: 2,500", "12:33",
     "cần một số, gặp văn bản \"2,500\"; phần thập phân viết bằng dấu chấm, hãy viết 2.5"),
], ids=["vietnamese-decimal", "dots-only", "space", "english", "integer-dots", "integer-no-break-space",
        "percent-comma", "percent-sign", "percent-2,500"])
def test_other_vietnamese_number_formats_are_e306_with_the_number_to_write(data_project, rel, old, new, at, expected):
    data_project.replace(rel, old, new)
    texts = data_project.new_texts()
    assert len(texts) == 1 and f"{rel}:{at}: lỗi [E306]: " in texts[0], texts
    assert texts[0].split(": ", 1)[1].split(") ", 1)[1].rsplit(" (figures.", 1)[0] == expected


def test_fraction_for_an_integer_count_is_e306_without_a_thousands_hint(data_project):
    data_project.replace(REPORT, "656", "656.5")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:6:33: lỗi [E306]: chỉ số \"don-vi-tu-cong-bo-tieu-chuan\" "
        "(đơn vị) cần số nguyên, gặp số thập phân 656.5 (figures.don-vi-tu-cong-bo-tieu-chuan)"]


def test_quoted_count_is_e306(data_project):
    data_project.replace(REPORT, "656", '"656"')
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:6:33: lỗi [E306]: chỉ số \"don-vi-tu-cong-bo-tieu-chuan\" "
        "(đơn vị) cần số nguyên, gặp văn bản \"656\"; số liệu viết không có ngoặc kép, hãy bỏ ngoặc kép "
        "(figures.don-vi-tu-cong-bo-tieu-chuan)"]


def test_number_for_a_yes_no_indicator_is_e306(data_project):
    data_project.replace(REPORT, "chinh-sach-doi-moi-cong-nghe: true", "chinh-sach-doi-moi-cong-nghe: 1")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:7:33: lỗi [E306]: chỉ số \"chinh-sach-doi-moi-cong-nghe\" "
        "(có/không) cần true hoặc false, gặp số nguyên 1 (figures.chinh-sach-doi-moi-cong-nghe)"]


def test_share_set_of_non_percent_indicator_is_e306(data_project):
    data_project.replace(CATALOGUE, "parts: [ty-le-cap-tinh-nong-nghiep,", "parts: [de-tai-du-an,")
    assert data_project.new_texts() == [
        "data/indicators.yml:207:13: lỗi [E306]: chỉ số \"de-tai-du-an\" trong bộ tỉ lệ phải có "
        "value_type: percent (share_sets[0].parts[0])"]


def test_empty_figure_is_e307(data_project):
    data_project.replace(REPORT, "don-vi-tu-cong-bo-tieu-chuan: 656", "don-vi-tu-cong-bo-tieu-chuan:")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:6:32: lỗi [E307]: chưa điền giá trị; điền số liệu, hoặc "
        "ghi {status: not_reported} nếu không có số này (không báo cáo khác với số 0) "
        "(figures.don-vi-tu-cong-bo-tieu-chuan)"]


def test_not_reported_with_a_value_is_e307(data_project):
    data_project.replace(REPORT, "656", "{status: not_reported, value: 656}")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:6:63: lỗi [E307]: số liệu \"not_reported\" (không báo cáo) "
        "không được có giá trị (figures.don-vi-tu-cong-bo-tieu-chuan.value)"]


def test_yes_no_lower_bound_is_e307(data_project):
    data_project.replace(REPORT, "chinh-sach-doi-moi-cong-nghe: true",
                         "chinh-sach-doi-moi-cong-nghe: {value: true, status: lower_bound}")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:7:41: lỗi [E307]: giá trị true/false không thể là số tối "
        "thiểu (lower_bound) (figures.chinh-sach-doi-moi-cong-nghe.value)"]


def test_unknown_figure_status_is_e203(data_project):
    data_project.replace(REPORT, "656", "{value: 656, status: maybe}")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:6:54: lỗi [E203]: cần một trong các trạng thái exact, "
        "lower_bound, provisional, revised, not_reported, gặp văn bản \"maybe\" "
        "(figures.don-vi-tu-cong-bo-tieu-chuan.status)"]


# -- E309 - E314 ------------------------------------------------------------------------

def test_report_in_another_province_folder_is_e309(data_project):
    data_project.replace(REPORT, "province: lao-cai", "province: yen-bai")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:1:11: lỗi [E309]: báo cáo nằm trong thư mục của tỉnh "
        "\"lao-cai\" nhưng ghi province: yen-bai; mỗi tỉnh chỉ ghi số liệu trong thư mục của mình "
        "(province)"]


def test_report_file_not_named_after_its_period_is_e309(data_project):
    data_project.write("data/reports/yen-bai/2023.yml",
                       "province: yen-bai\nperiod: 2022-2023\nsource: \"2023-04\"\nfigures: {}\n")
    assert data_project.new_texts() == [
        "data/reports/yen-bai/2023.yml:2:9: lỗi [E309]: tên tệp phải là mã kỳ: 2022-2023.yml (period)"]


def test_membership_at_a_conference_that_did_not_admit_the_province_is_e310(data_project):
    data_project.replace(LAO_CAI, "known_member_in: 2022-2023", "conference: 11")
    assert data_project.new_texts() == [
        # No longer shown as a member during 2022–2023: the 11th conference's count disagrees too.
        "data/conferences/11.yml:11:16: cảnh báo [W404]: nguồn ghi 8 thành viên sau hội nghị, nhưng hồ sơ "
        "các tỉnh cho 7 thành viên (Bắc Kạn, Cao Bằng, Hà Giang, Lai Châu, Phú Thọ, Tuyên Quang, Vĩnh Phúc) "
        "(members_after)",
        "data/provinces/lao-cai.yml:10:17: lỗi [E310]: hội nghị lần 11 không ghi tỉnh \"lao-cai\" "
        "trong danh sách kết nạp (admitted) (membership[0].conference)"]


def test_admitted_province_without_the_membership_is_e310(data_project):
    data_project.replace("data/provinces/tuyen-quang.yml", "conference: 11", "known_member_in: 2022-2023")
    assert data_project.new_texts() == [
        "data/conferences/11.yml:10:12: lỗi [E310]: tệp của tỉnh \"tuyen-quang\" chưa ghi việc gia nhập "
        "tại hội nghị này (membership với conference: 11) (admitted[0])"]


def test_file_name_differing_from_the_id_is_e312(data_project):
    data_project.write("data/documents/qd-1.yml", "id: qd-2\ntitle: Quyết định\nissuer: Bộ KH&CN\n")
    assert data_project.new_texts() == [
        "data/documents/qd-1.yml:1:5: lỗi [E312]: tên tệp \"qd-1.yml\" phải trùng với mã \"qd-2\"; "
        "hãy đổi tên tệp thành qd-2.yml (id)"]


def test_unknown_join_date_without_evidence_is_e313(data_project):
    data_project.write("data/provinces/yen-bai.yml", data_project.read("data/provinces/yen-bai.yml")
                       + "membership:\n  - since: unknown\n    source: \"2023-04\"\n")
    assert data_project.new_texts() == [
        "data/provinces/yen-bai.yml:14:12: lỗi [E313]: ngày gia nhập không rõ: hãy ghi hội nghị kết nạp "
        "(conference), kỳ tỉnh đã là thành viên (known_member_in), hội nghị nguồn liệt kê tỉnh là thành viên "
        "(listed_at) hoặc ngày nguồn cho thấy tỉnh là thành viên (member_on) (membership[0].since)"]


def test_bulletin_id_not_year_number_is_e314(data_project):
    data_project.replace(BULLETIN, "number: 4", "number: 5")
    assert data_project.new_texts() == [
        "data/bulletins/2023-04.yml:1:5: lỗi [E314]: mã bản tin phải là năm-số: 2023-05 (id)"]


# -- warnings ---------------------------------------------------------------------------

def test_provinces_not_adding_up_to_the_bloc_total_is_w401(data_project):
    data_project.replace(TOTALS, "phuong-tien-do-kiem-dinh: 174582", "phuong-tien-do-kiem-dinh: 174583")
    problems = data_project.new_problems()
    assert [p.format_text() for p in problems] == [
        "data/totals/2022-2023.yml:33:29: cảnh báo [W401]: tổng Khối đã công bố 174.583 khác tổng các "
        "tỉnh 174.582 (Hà Giang 8.854 + Lai Châu 15.334 + Lào Cai 11.442 + Phú Thọ 40.505 + "
        "Vĩnh Phúc 98.447) (figures.phuong-tien-do-kiem-dinh)"]
    assert problems[0].subjects == (("total", "2022-2023", "phuong-tien-do-kiem-dinh"),)


def test_w401_names_the_provinces_of_the_totals_scope_left_out_of_the_sum(data_project):
    data_project.replace("data/reports/ha-giang/2022-2023.yml", "phuong-tien-do-kiem-dinh: 8854",
                         "phuong-tien-do-kiem-dinh: {status: not_reported}")
    assert data_project.new_texts() == [
        "data/totals/2022-2023.yml:33:29: cảnh báo [W401]: tổng Khối đã công bố 174.582 khác tổng các "
        "tỉnh 165.728 (Lai Châu 15.334 + Lào Cai 11.442 + Phú Thọ 40.505 + Vĩnh Phúc 98.447; "
        "Hà Giang không có số) (figures.phuong-tien-do-kiem-dinh)"]


def test_w401_names_a_province_summed_outside_the_totals_scope(data_project):
    """A province outside the totals' scope (admitted later, say) may report the same period:
    the table's sum counts it, the published total does not."""
    data_project.replace(TOTALS, "scope: [ha-giang, lao-cai, lai-chau, phu-tho, vinh-phuc]",
                         "scope: [lao-cai, lai-chau, phu-tho, vinh-phuc]")
    data_project.replace(TOTALS, "phuong-tien-do-kiem-dinh: 174582", "phuong-tien-do-kiem-dinh: 165728")
    found = [text for text in data_project.new_texts() if "phuong-tien-do-kiem-dinh" in text]
    assert found == [
        "data/totals/2022-2023.yml:33:29: cảnh báo [W401]: tổng Khối đã công bố 165.728 khác tổng các "
        "tỉnh 174.582 (Hà Giang 8.854 + Lai Châu 15.334 + Lào Cai 11.442 + Phú Thọ 40.505 + Vĩnh Phúc 98.447; "
        "Hà Giang không thuộc phạm vi (scope) của số tổng) (figures.phuong-tien-do-kiem-dinh)"]


def test_lower_bound_part_skips_the_sum(data_project):
    data_project.replace(REPORT, "11442", "{value: 11000, status: lower_bound}")
    assert data_project.new_problems() == []


def test_parts_not_adding_up_is_w402(data_project):
    assert W402 in data_project.problems()
    data_project.replace(TOTALS, "de-tai-du-an: 298", "de-tai-du-an: 308")
    assert W402 not in data_project.problems()


def test_shares_within_rounding_give_no_w403(data_project):
    assert W403 in data_project.problems()
    data_project.replace(TOTALS, "ty-le-cap-tinh-linh-vuc-khac: 31.2", "ty-le-cap-tinh-linh-vuc-khac: 31.7")
    assert W403 not in data_project.problems()  # 99.9: within ±0.15


def test_published_member_count_differing_is_w404(data_project):
    data_project.replace(CONFERENCE, "members_after: 8", "members_after: 9")
    assert data_project.new_texts() == [
        "data/conferences/11.yml:11:16: cảnh báo [W404]: nguồn ghi 9 thành viên sau hội nghị, nhưng "
        "hồ sơ các tỉnh cho 8 thành viên (Bắc Kạn, Cao Bằng, Hà Giang, Lai Châu, Lào Cai, Phú Thọ, "
        "Tuyên Quang, Vĩnh Phúc) (members_after)"]


def test_warnings_do_not_stop_the_records(data_project):
    data_project.replace(CONFERENCE, "members_after: 8", "members_after: 9")
    records, problems = data_project.load()
    assert records is not None
    assert all(p.severity == WARNING for p in problems)
    assert len(records.warnings) == 3


DATA_FILES = sorted(p.relative_to(FIXTURE).as_posix() for p in (FIXTURE / "data").rglob("*.yml"))


@pytest.mark.parametrize("rel", DATA_FILES)
def test_any_broken_file_gives_exactly_its_own_error(data_project, rel):
    # Every other file that names the broken one (as province, period, source, conference...)
    # stays quiet, and no sum or count is compared with a record missing.
    data_project.write(rel, "")
    assert data_project.new_texts() == [f"{rel}:1:1: lỗi [E102]: tệp rỗng: không có bản ghi nào"]
