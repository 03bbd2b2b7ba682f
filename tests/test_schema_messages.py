"""Schema problems (macros/records/loader.py, macros/records/schema.py): E120, E121, E201-E203.

The messages are what an editor reads: what was expected, what was found, and a hint.
"""
from __future__ import annotations

import pytest

from macros.records.problems import ERROR, Problem
from macros.records.schema import KINDS

LAO_CAI = "data/provinces/lao-cai.yml"
REPORT = "data/reports/lao-cai/2022-2023.yml"
PERIOD = "data/periods/2022-2023.yml"
CONFERENCE = "data/conferences/11.yml"
CATALOGUE = "data/indicators.yml"

# The valid places, in the order of KINDS (data/bloc.yml, data/indicators.yml, data/provinces/*.yml...).
PLACES = ", ".join(f"data/{pattern}" for pattern, _model in KINDS.values())


# -- E120, E121: files ------------------------------------------------------------------

def test_places_start_with_the_fixed_files():
    assert PLACES.startswith("data/bloc.yml, data/indicators.yml, data/provinces/*.yml, "
                             "data/periods/*.yml, data/reports/*/*.yml, data/totals/*.yml")


def test_yaml_extension_is_e120_with_a_hint(data_project):
    data_project.write("data/provinces/son-la.yaml", "id: son-la\n")
    assert data_project.new_texts() == [
        "data/provinces/son-la.yaml:1:1: lỗi [E120]: tệp không thuộc loại bản ghi nào "
        f"(các vị trí hợp lệ: {PLACES}); tệp dữ liệu phải có đuôi .yml"]


@pytest.mark.parametrize("rel", ["data/notes.md", "data/reports/lao-cai.yml",
                                 "data/provinces/lao-cai/2022.yml"])
def test_file_in_an_unknown_place_is_e120(data_project, rel):
    data_project.write(rel, "id: x\n")
    assert data_project.new_texts() == [
        f"{rel}:1:1: lỗi [E120]: tệp không thuộc loại bản ghi nào (các vị trí hợp lệ: {PLACES})"]


@pytest.mark.parametrize("rel", ["data/bloc.yml", "data/indicators.yml"])
def test_missing_required_file_is_e121(data_project, rel):
    data_project.remove(rel)
    records, problems = data_project.load()
    assert records is None
    assert [p.format_text() for p in problems] == [
        f"{rel}:1:1: lỗi [E121]: thiếu tệp bắt buộc {rel}"]


def test_broken_required_file_is_reported_once(data_project):
    data_project.write("data/bloc.yml", "")
    records, problems = data_project.load()
    assert records is None
    assert [p.format_text() for p in problems] == [
        "data/bloc.yml:1:1: lỗi [E102]: tệp rỗng: không có bản ghi nào"]


# -- E201: unknown keys -----------------------------------------------------------------

def test_misspelt_key_is_e201_suggesting_the_field_once(data_project):
    # "perod" is reported once: not also as the missing field "period".
    data_project.replace(REPORT, "period:", "perod:")
    assert data_project.new_problems() == [Problem(
        REPORT, 2, 1, ERROR, "E201", "perod", "khóa không hợp lệ \"perod\"; có phải ý bạn là \"period\"?")]


def test_misspelt_key_in_a_list_item_is_e201_at_the_key(data_project):
    data_project.replace(LAO_CAI, "- since: unknown", "- sinse: unknown")
    assert data_project.new_texts() == [
        f"{LAO_CAI}:9:5: lỗi [E201]: khóa không hợp lệ \"sinse\"; có phải ý bạn là \"since\"? "
        "(membership[0].sinse)"]


def test_unknown_key_without_a_close_match_lists_the_valid_keys(data_project):
    data_project.write(PERIOD, data_project.read(PERIOD) + "ghi_chu: x\n")
    assert data_project.new_texts() == [
        f"{PERIOD}:5:1: lỗi [E201]: khóa không hợp lệ \"ghi_chu\"; "
        "các khóa hợp lệ: end, id, label, start (ghi_chu)"]


def test_unknown_key_of_a_figure_is_e201(data_project):
    data_project.replace(REPORT, "656", "{value: 656, staus: exact}")
    assert data_project.new_texts() == [
        f"{REPORT}:6:46: lỗi [E201]: khóa không hợp lệ \"staus\"; có phải ý bạn là \"status\"? "
        "(figures.don-vi-tu-cong-bo-tieu-chuan.staus)"]


# -- E202: missing fields ---------------------------------------------------------------

def test_missing_field_is_e202(data_project):
    data_project.replace(LAO_CAI, "department: Sở Khoa học và Công nghệ tỉnh Lào Cai\n", "")
    assert data_project.new_texts() == [
        f"{LAO_CAI}:1:1: lỗi [E202]: thiếu trường bắt buộc \"department\" (department)"]


def test_missing_field_in_a_list_item_is_e202_at_the_item(data_project):
    data_project.replace(LAO_CAI, '    source: "2023-04"\n', "")
    assert data_project.new_texts() == [
        f"{LAO_CAI}:9:5: lỗi [E202]: thiếu trường bắt buộc \"source\" (membership[0].source)"]


# -- E203: wrong type or value ----------------------------------------------------------

HINT_QUOTE = "YAML đã đọc giá trị này thành kiểu khác, hãy đặt nó trong ngoặc kép"


@pytest.mark.parametrize("file, old, new, where, path, message", [
    (LAO_CAI, "name: Lào Cai", "name: 2023-01-01", "2:7", "name",
     f"cần văn bản, gặp ngày 2023-01-01; {HINT_QUOTE}"),
    (LAO_CAI, 'code: "10"', "code: 10", "4:7", "code",
     f"cần văn bản, gặp số nguyên 10; {HINT_QUOTE}"),
    (LAO_CAI, "name: Lào Cai", "name: true", "2:7", "name",
     f"cần văn bản, gặp giá trị đúng/sai (true); {HINT_QUOTE}"),
    (LAO_CAI, "name: Lào Cai", 'name: ""', "2:7", "name", "không được để trống"),
    (LAO_CAI, "id: lao-cai", "id: Lào Cai", "1:5", "id",
     "cần mã viết thường không dấu, nối bằng gạch ngang (ví dụ lao-cai), gặp văn bản \"Lào Cai\""),
    (LAO_CAI, 'code: "10"', 'code: "010"', "4:7", "code",
     "cần hai chữ số trong ngoặc kép, ví dụ \"02\", gặp văn bản \"010\""),
    (LAO_CAI, "website: https://laocai.gov.vn", "website: laocai.gov.vn", "6:10", "website",
     "cần địa chỉ web bắt đầu bằng https://, gặp văn bản \"laocai.gov.vn\""),
    (REPORT, "period: 2022-2023", "period: 2022", "2:9", "period",
     f"cần văn bản, gặp số nguyên 2022; {HINT_QUOTE}"),
    (PERIOD, "start: 2022-01-01", "start: 01/01/2022", "3:8", "start",
     "cần một ngày dạng NNNN-TT-NN (ví dụ 2024-01-01), gặp văn bản \"01/01/2022\""),
    (CONFERENCE, "year: 2023", "year: 2.023", "2:7", "year",
     "cần số nguyên, gặp số thập phân 2.023; không dùng dấu chấm hay dấu phẩy để phân cách "
     "hàng nghìn, hãy viết 2023"),
    (CONFERENCE, "number: 11", 'number: "11"', "1:9", "number",
     "cần số nguyên, gặp văn bản \"11\"; số liệu viết không có ngoặc kép, hãy bỏ ngoặc kép"),
    (CONFERENCE, "year: 2023", "year: 1890", "2:7", "year", "cần số ≥ 1990, gặp số nguyên 1890"),
    (CONFERENCE, "presenting: [ha-giang, lao-cai, lai-chau, phu-tho, vinh-phuc]",
     "presenting: ha-giang", "9:13", "presenting",
     "cần một danh sách (mỗi mục bắt đầu bằng \"- \"), gặp văn bản \"ha-giang\""),
    ("data/provinces/yen-bai.yml", "event: merged_into", "event: split", "8:12", "history[0].event",
     "cần giá trị merged_into, gặp văn bản \"split\""),
    (CATALOGUE, "value_type: boolean", "value_type: bool", "66:21",
     "groups[2].indicators[0].value_type",
     "cần một trong các giá trị integer, decimal, percent, boolean, gặp văn bản \"bool\""),
    (CATALOGUE, "summed: false\n        description: Phần trăm số ĐT/DA cấp tỉnh thuộc lĩnh vực nông",
     "summed: không\n        description: Phần trăm số ĐT/DA cấp tỉnh thuộc lĩnh vực nông", "30:17",
     "groups[0].indicators[3].summed", "cần true hoặc false, gặp văn bản \"không\""),
], ids=["date-for-text", "number-for-text", "bool-for-text", "empty-text", "slug", "code-pattern",
        "url", "period-number", "date-dd-mm-yyyy", "thousands-dot", "quoted-number", "too-small",
        "list", "literal", "enum", "bool"])
def test_wrong_value_is_e203_with_an_explanation(data_project, file, old, new, where, path, message):
    data_project.replace(file, old, new)
    assert data_project.new_texts() == [f"{file}:{where}: lỗi [E203]: {message} ({path})"]


def test_every_problem_of_a_file_is_reported(data_project):
    data_project.replace(LAO_CAI, "name: Lào Cai", "name: 2023-01-01")
    data_project.replace(LAO_CAI, 'code: "10"', "code: 10")
    assert [(p.line, p.code, p.path) for p in data_project.new_problems()] == [
        (2, "E203", "name"), (4, "E203", "code")]


# -- a field that takes one of several forms gets one message, not one per form -----------

def test_join_date_of_the_wrong_form_is_one_message(data_project):
    text = data_project.read(LAO_CAI).replace("  - since: unknown", "  - since: sometime")
    data_project.write(LAO_CAI, text)
    assert data_project.new_texts() == [
        f"{LAO_CAI}:9:12: lỗi [E203]: cần một ngày dạng NNNN-TT-NN (ví dụ 2024-01-01) "
        "hoặc giá trị unknown, gặp văn bản \"sometime\" (membership[0].since)"]


def test_empty_join_date_is_one_message(data_project):
    data_project.write(LAO_CAI, data_project.read(LAO_CAI).replace("  - since: unknown", "  - since:"))
    assert data_project.new_texts() == [
        f"{LAO_CAI}:9:11: lỗi [E203]: chưa điền giá trị (membership[0].since)"]
