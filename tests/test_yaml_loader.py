"""The strict YAML reader (macros/records/yamlio.py): codes E101-E115, encodings, line endings, NFC.

Every test breaks one file of a copy of the fixture's records (tests/fixtures/records/) and
checks the exact problem it causes: file, line, column, severity, code, field path and the
Vietnamese message.
"""
from __future__ import annotations

import time
import unicodedata

import pytest

from macros.records.problems import ERROR, Problem

LAO_CAI = "data/provinces/lao-cai.yml"
# data/provinces/lao-cai.yml, for reference:
#  1 id: lao-cai
#  2 name: Lào Cai
#  3 department: Sở Khoa học và Công nghệ tỉnh Lào Cai
#  4 code: "10"
#  5 code_source: qd-124-2004-qd-ttg
#  6 website: https://laocai.gov.vn
#  7 membership:
#  8   # Already a member before the 11th conference; ...
#  9   - since: unknown
# 10     known_member_in: 2022-2023
# 11     source: "2023-04"
REPORT = "data/reports/lao-cai/2022-2023.yml"
#  1 province: lao-cai
#  2 period: 2022-2023
#  3 source: "2023-04"
#  4 figures:
#  5   phuong-tien-do-kiem-dinh: 11442
#  6   don-vi-tu-cong-bo-tieu-chuan: 656
#  7   chinh-sach-doi-moi-cong-nghe: true

QUOTE = "nếu đây là văn bản, hãy đặt trong ngoặc kép, ví dụ"


# -- E101 encoding ----------------------------------------------------------------------

def test_latin1_file_is_e101_at_the_first_bad_byte(data_project):
    text = data_project.read(LAO_CAI)
    data_project.write_bytes(LAO_CAI, text.encode("utf-8").replace("Lào".encode(), "Lào".encode("latin-1")))
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:2:8: lỗi [E101]: tệp không phải mã UTF-8 (byte 0xe0); "
        "hãy lưu tệp với bảng mã UTF-8"]


def test_e101_column_counts_characters_not_bytes(data_project):
    # "Đ" takes two bytes in UTF-8 but is one character: the bad byte is in column 8.
    data_project.write_bytes(LAO_CAI, data_project.read(LAO_CAI)
                             .replace("name: Lào Cai", "name: Đà Nẵng").encode("utf-8")
                             .replace("à".encode(), "à".encode("latin-1")))
    assert [(p.line, p.column, p.code) for p in data_project.new_problems()] == [(2, 8, "E101")]


def test_e101_after_a_byte_order_mark_keeps_line_and_column(data_project):
    # The BOM is not a character: with it the position and the byte shown stay the same.
    data = data_project.read(LAO_CAI).encode("utf-8").replace("Lào".encode(), "Lào".encode("latin-1"))
    data_project.write_bytes(LAO_CAI, b"\xef\xbb\xbf" + data)
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:2:8: lỗi [E101]: tệp không phải mã UTF-8 (byte 0xe0); "
        "hãy lưu tệp với bảng mã UTF-8"]


# -- E102, E103 -------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "\n\n", "   \n", "# chỉ có chú thích\n\n# hết\n"],
                         ids=["empty", "blank-lines", "spaces", "comments-only"])
def test_empty_file_is_e102(data_project, text):
    data_project.write(LAO_CAI, text)
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:1:1: lỗi [E102]: tệp rỗng: không có bản ghi nào"]


def test_empty_report_is_one_error_and_no_warnings_about_missing_figures(data_project):
    # The report's figures are missing from the sums: no W401 on the totals because of it.
    data_project.write(REPORT, "")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:1:1: lỗi [E102]: tệp rỗng: không có bản ghi nào"]


def test_list_at_the_root_is_e103(data_project):
    data_project.write(LAO_CAI, "- id: lao-cai\n- name: Lào Cai\n")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:1:1: lỗi [E103]: bản ghi phải là một bảng khóa: giá trị "
        "(mapping), không phải danh sách"]


def test_single_value_at_the_root_is_e103(data_project):
    data_project.write(LAO_CAI, "Lào Cai\n")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:1:1: lỗi [E103]: bản ghi phải là một bảng khóa: giá trị "
        "(mapping), không phải một giá trị đơn"]


# -- E104, E105 syntax ------------------------------------------------------------------

def test_tab_indentation_is_e104(data_project):
    data_project.replace(LAO_CAI, "  - since: unknown", "\t- since: unknown")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:9:1: lỗi [E104]: dòng thụt lề bằng phím Tab; "
        "YAML chỉ cho phép dấu cách để thụt lề"]


def test_tab_indenting_a_key_is_e104(data_project):
    data_project.replace(LAO_CAI, "\nname: Lào Cai", "\n\tname: Lào Cai")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:2:1: lỗi [E104]: dòng thụt lề bằng phím Tab; "
        "YAML chỉ cho phép dấu cách để thụt lề"]


@pytest.mark.parametrize("old, new, where, message", [
    ("name: Lào Cai", "name: [Lào Cai", "3:11",
     "danh sách mở bằng [ ở dòng 2 chưa được đóng bằng ], hoặc thiếu dấu phẩy giữa các mục"),
    ("name: Lào Cai", "name: Lào: Cai", "2:10",
     "dấu hai chấm không đúng chỗ; văn bản có \": \" phải đặt trong ngoặc kép, "
     "hoặc dòng này thụt lề sai"),
    ("name: Lào Cai", "name: 'Lào Cai", "12:1",
     "hết tệp mà chưa đóng ngoặc kép mở ở dòng 2"),
    ("name: Lào Cai", "name: \"Lào Cai\\q\"", "2:15",
     "dấu \\ trong ngoặc kép phải viết thành \\\\ (hoặc dùng ngoặc đơn '...')"),
    ("name: Lào Cai", "name: @Lào Cai", "2:7",
     "giá trị không được bắt đầu bằng ký tự này (@, `, %, …); hãy đặt giá trị trong ngoặc kép"),
    ("\ncode_source", "\n code_source", "5:2",
     "thụt lề không khớp với các khóa phía trên; các khóa cùng cấp phải thẳng cột"),
    ("    known_member_in", "   known_member_in", "10:4",
     "thụt lề không khớp với các dòng phía trên; các khóa cùng cấp và các mục danh sách "
     "(bắt đầu bằng \"- \") phải thẳng cột"),
], ids=["unclosed-bracket", "colon-in-text", "unclosed-quote", "bad-escape", "reserved-char",
        "key-indent", "list-indent"])
def test_syntax_errors_are_e105_in_vietnamese(data_project, old, new, where, message):
    data_project.replace(LAO_CAI, old, new)
    assert data_project.new_texts() == [
        f"data/provinces/lao-cai.yml:{where}: lỗi [E105]: lỗi cú pháp YAML: {message}"]


# -- E106 - E110 ------------------------------------------------------------------------

def test_several_documents_is_e106(data_project):
    data_project.write(LAO_CAI, data_project.read(LAO_CAI) + "---\nid: lao-cai-2\n")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:12:1: lỗi [E106]: tệp chỉ được chứa một bản ghi "
        "(một tài liệu YAML)"]


def test_anchor_and_alias_are_e107(data_project):
    data_project.replace(LAO_CAI, "name: Lào Cai", "name: &ten Lào Cai\nother: *ten")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:2:7: lỗi [E107]: không dùng neo (&) và bí danh (*) của YAML; "
        "hãy viết đầy đủ giá trị ở từng chỗ (name)"]


def test_merge_key_is_e107(data_project):
    data_project.write(LAO_CAI, data_project.read(LAO_CAI) + "<<: {note: x}\n")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:12:1: lỗi [E107]: không dùng khóa gộp (<<) của YAML; "
        "hãy viết đầy đủ các khóa ở từng chỗ"]


def test_billion_laughs_is_refused_fast_with_e107(data_project):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    data_project.write(LAO_CAI, "\n".join(lines) + "\n")  # 9^9 strings if expanded
    start = time.perf_counter()
    problems = data_project.new_problems()
    assert time.perf_counter() - start < 2
    assert [p.format_text() for p in problems] == [
        "data/provinces/lao-cai.yml:1:4: lỗi [E107]: không dùng neo (&) và bí danh (*) của YAML; "
        "hãy viết đầy đủ giá trị ở từng chỗ (a)"]


def test_duplicate_key_is_e108_naming_the_first_line(data_project):
    data_project.write(LAO_CAI, data_project.read(LAO_CAI) + "name: Lao Cai\n")
    assert data_project.new_problems() == [Problem(
        "data/provinces/lao-cai.yml", 12, 1, ERROR, "E108", "name",
        "khóa \"name\" bị lặp lại (đã có ở dòng 2); YAML sẽ âm thầm bỏ giá trị trước, "
        "hãy giữ một khóa duy nhất")]


def test_duplicate_key_in_a_list_item_has_its_full_path(data_project):
    data_project.replace(LAO_CAI, '    source: "2023-04"', '    source: "2023-04"\n    since: 2020-01-01')
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:12:5: lỗi [E108]: khóa \"since\" bị lặp lại (đã có ở dòng 9); "
        "YAML sẽ âm thầm bỏ giá trị trước, hãy giữ một khóa duy nhất (membership[0].since)"]


def test_duplicate_figure_in_a_report_is_e108(data_project):
    data_project.write(REPORT, data_project.read(REPORT) + "  phuong-tien-do-kiem-dinh: 11443\n")
    assert data_project.new_texts() == [
        "data/reports/lao-cai/2022-2023.yml:8:3: lỗi [E108]: khóa \"phuong-tien-do-kiem-dinh\" bị "
        "lặp lại (đã có ở dòng 5); YAML sẽ âm thầm bỏ giá trị trước, hãy giữ một khóa duy nhất "
        "(figures.phuong-tien-do-kiem-dinh)"]


def test_number_as_key_is_e109(data_project):
    data_project.write(LAO_CAI, data_project.read(LAO_CAI) + "1: một\n")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:12:1: lỗi [E109]: khóa phải là văn bản, gặp 1; "
        "hãy đặt khóa trong ngoặc kép"]


def test_list_as_key_is_e109(data_project):
    data_project.write(LAO_CAI, data_project.read(LAO_CAI) + "? [ghi, chu]\n: x\n")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:12:3: lỗi [E109]: khóa phải là văn bản, gặp một bảng hoặc "
        "danh sách; hãy đặt khóa trong ngoặc kép"]


def test_number_as_key_in_a_list_item_has_the_item_path(data_project):
    data_project.replace(LAO_CAI, '    source: "2023-04"', '    source: "2023-04"\n    2024: x')
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:12:5: lỗi [E109]: khóa phải là văn bản, gặp 2024; "
        "hãy đặt khóa trong ngoặc kép (membership[0])"]


def test_explicit_tag_is_e110(data_project):
    data_project.replace(LAO_CAI, 'code: "10"', "code: !!int 10")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:4:7: lỗi [E110]: không dùng thẻ kiểu YAML (!!int); "
        "hãy bỏ thẻ, và đặt giá trị trong ngoặc kép nếu đó là văn bản (code)"]


@pytest.mark.parametrize("rel, old, new, position, path, tag", [
    (REPORT, "figures:\n", "figures: !!python/object:collections.OrderedDict\n", (4, 10), "figures",
     "!!python/object:collections.OrderedDict"),
    (LAO_CAI, "membership:\n", "membership: !foo\n", (7, 13), "membership", "!foo"),
    (LAO_CAI, "website: https://laocai.gov.vn", 'website: !!python/object/apply:os.system ["echo"]',
     (6, 10), "website", "!!python/object/apply:os.system"),
    (REPORT, "phuong-tien-do-kiem-dinh: 11442", "phuong-tien-do-kiem-dinh: !!map {value: 11442}",
     (5, 29), "figures.phuong-tien-do-kiem-dinh", "!!map"),
    (LAO_CAI, "  - since: unknown", "  - !!omap\n    since: unknown", (9, 5), "membership[0]", "!!omap"),
], ids=["python-object-on-figures", "local-tag-on-a-list", "python-apply-on-a-text-field",
        "map-tag-in-flow", "tag-on-a-list-item"])
def test_a_tag_on_a_mapping_or_list_is_e110_and_nothing_else(data_project, rel, old, new, position, path, tag):
    data_project.replace(rel, old, new)
    assert data_project.new_texts() == [
        f"{rel}:{position[0]}:{position[1]}: lỗi [E110]: không dùng thẻ kiểu YAML ({tag}); hãy bỏ thẻ ({path})"]


def test_the_non_specific_tag_is_e110_too(data_project):
    data_project.replace(LAO_CAI, 'code: "10"', "code: ! 10")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:4:7: lỗi [E110]: không dùng thẻ kiểu YAML (!); "
        "hãy bỏ thẻ, và đặt giá trị trong ngoặc kép nếu đó là văn bản (code)"]


def test_explicit_str_tag_is_allowed(data_project):
    data_project.replace(LAO_CAI, 'code: "10"', "code: !!str 10")
    records, _ = data_project.load()
    assert data_project.new_problems() == []
    assert records.provinces["lao-cai"].code == "10"


# -- E111 - E115: plain values YAML 1.1 reads as something else -------------------------

@pytest.mark.parametrize("word, reading, written", [
    ("no", "sai (false)", "false"), ("yes", "đúng (true)", "true"), ("on", "đúng (true)", "true"),
    ("Off", "sai (false)", "false")])
def test_yes_no_on_off_as_text_is_e111(data_project, word, reading, written):
    data_project.replace(LAO_CAI, "name: Lào Cai", f"name: {word}")
    assert data_project.new_texts() == [
        f"data/provinces/lao-cai.yml:2:7: lỗi [E111]: giá trị {word} sẽ bị YAML 1.1 đọc thành "
        f"{reading}; {QUOTE} \"{word}\"; nếu là có/không, hãy viết {written} (name)"]


def test_no_as_a_number_is_e111(data_project):
    data_project.replace(REPORT, "11442", "no")
    assert data_project.new_texts() == [
        f"data/reports/lao-cai/2022-2023.yml:5:29: lỗi [E111]: giá trị no sẽ bị YAML 1.1 đọc thành "
        f"sai (false); {QUOTE} \"no\"; nếu là có/không, hãy viết false "
        "(figures.phuong-tien-do-kiem-dinh)"]


def test_yes_for_a_yes_no_indicator_is_e111_suggesting_true(data_project):
    data_project.replace(REPORT, "chinh-sach-doi-moi-cong-nghe: true", "chinh-sach-doi-moi-cong-nghe: yes")
    assert data_project.new_texts() == [
        f"data/reports/lao-cai/2022-2023.yml:7:33: lỗi [E111]: giá trị yes sẽ bị YAML 1.1 đọc thành "
        f"đúng (true); {QUOTE} \"yes\"; nếu là có/không, hãy viết true "
        "(figures.chinh-sach-doi-moi-cong-nghe)"]


def test_leading_zero_code_is_e112_octal(data_project):
    data_project.replace(LAO_CAI, 'code: "10"', "code: 012")
    assert data_project.new_texts() == [
        f"data/provinces/lao-cai.yml:4:7: lỗi [E112]: giá trị 012 sẽ bị YAML 1.1 đọc thành "
        f"số bát phân 10; {QUOTE} \"012\"; nếu là số, hãy bỏ số 0 ở đầu: 12 (code)"]


def test_leading_zero_count_is_e112_suggesting_the_number(data_project):
    # Vĩnh Phúc's count was published as "06".
    data_project.replace("data/reports/vinh-phuc/2022-2023.yml", "don-vi-tu-cong-bo-tieu-chuan: 6",
                         "don-vi-tu-cong-bo-tieu-chuan: 06")
    assert data_project.new_texts() == [
        f"data/reports/vinh-phuc/2022-2023.yml:7:33: lỗi [E112]: giá trị 06 sẽ bị YAML 1.1 đọc thành "
        f"số bát phân 6; {QUOTE} \"06\"; nếu là số, hãy bỏ số 0 ở đầu: 6 "
        "(figures.don-vi-tu-cong-bo-tieu-chuan)"]


def test_leading_zero_with_8_or_9_is_e112(data_project):
    data_project.replace(LAO_CAI, 'code: "10"', "code: 019")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:4:7: lỗi [E112]: giá trị 019 có số 0 ở đầu, mà YAML 1.1 đọc "
        "không nhất quán (012 thành số bát phân 10, 019 thành văn bản); "
        f"{QUOTE} \"019\"; nếu là số, hãy bỏ số 0 ở đầu: 19 (code)"]


@pytest.mark.parametrize("file, old, where, path", [
    (LAO_CAI, "name: Lào Cai", "2:7", "name"),
    (REPORT, "phuong-tien-do-kiem-dinh: 11442", "5:29", "figures.phuong-tien-do-kiem-dinh")],
    ids=["text", "number"])
def test_sexagesimal_1_30_is_e113_read_as_90(data_project, file, old, where, path):
    data_project.replace(file, old, old.split(": ")[0] + ": 1:30")
    assert data_project.new_texts() == [
        f"{file}:{where}: lỗi [E113]: giá trị 1:30 sẽ bị YAML 1.1 đọc thành số 90 (hệ 60); "
        f"{QUOTE} \"1:30\" ({path})"]


@pytest.mark.parametrize("raw, reading", [
    ("0x1F", "số 31"), ("0b101", "số 5"),
    (".inf", "số vô hạn hoặc không xác định"), (".nan", "số vô hạn hoặc không xác định")])
def test_hex_binary_inf_nan_are_e114(data_project, raw, reading):
    data_project.replace(LAO_CAI, "name: Lào Cai", f"name: {raw}")
    assert data_project.new_texts() == [
        f"data/provinces/lao-cai.yml:2:7: lỗi [E114]: giá trị {raw} sẽ bị YAML 1.1 đọc thành "
        f"{reading}; {QUOTE} \"{raw}\" (name)"]


def test_invalid_date_is_e115(data_project):
    data_project.replace(LAO_CAI, "since: unknown", "since: 2023-02-30")
    assert data_project.new_texts() == [
        "data/provinces/lao-cai.yml:9:12: lỗi [E115]: ngày không hợp lệ: 2023-02-30; "
        "ngày viết theo dạng NNNN-TT-NN, ví dụ 2024-01-01 (membership[0].since)"]


def test_quoted_values_are_text(data_project):
    # Quoting is the fix every hint above gives: the values load as text.
    data_project.replace(LAO_CAI, "name: Lào Cai", 'name: "no"')
    records, _ = data_project.load()
    assert data_project.new_problems() == []
    assert records.provinces["lao-cai"].name == "no"


# -- encodings, line endings, Unicode normalisation --------------------------------------

def test_byte_order_mark_loads_fine(data_project):
    data_project.write_bytes(LAO_CAI, b"\xef\xbb\xbf" + data_project.read(LAO_CAI).encode("utf-8"))
    records, _ = data_project.load()
    assert data_project.new_problems() == []
    assert records.provinces["lao-cai"].id == "lao-cai"


def test_byte_order_mark_leaves_positions_unchanged(data_project):
    text = data_project.read(LAO_CAI).replace("id: lao-cai", "id: yes")
    data_project.write_bytes(LAO_CAI, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert [(p.line, p.column, p.code, p.path) for p in data_project.new_problems()] == [
        (1, 5, "E111", "id")]


def test_crlf_line_endings_load_fine(data_project):
    data_project.write(LAO_CAI, data_project.read(LAO_CAI).replace("\n", "\r\n"))
    records, _ = data_project.load()
    assert data_project.new_problems() == []
    assert records.provinces["lao-cai"].name == "Lào Cai"
    assert records.provinces["lao-cai"].membership[0].known_member_in == "2022-2023"


def test_crlf_line_endings_keep_line_numbers(data_project):
    text = data_project.read(LAO_CAI).replace("since: unknown", "since: 2023-02-30")
    data_project.write(LAO_CAI, text.replace("\n", "\r\n"))
    assert [(p.line, p.column, p.code) for p in data_project.new_problems()] == [(9, 12, "E115")]


def test_crlf_block_text_has_no_carriage_returns(data_project):
    bloc = "data/bloc.yml"
    data_project.write(bloc, data_project.read(bloc).replace("\n", "\r\n"))
    records, _ = data_project.load()
    assert data_project.new_problems() == []
    assert "\r" not in records.bloc.description


@pytest.mark.parametrize("quote", ["", '"'], ids=["plain", "quoted"])
def test_text_is_normalised_to_nfc(data_project, quote):
    nfd = unicodedata.normalize("NFD", "Lào Cai")
    assert nfd != "Lào Cai"
    data_project.replace(LAO_CAI, "name: Lào Cai", f"name: {quote}{nfd}{quote}")
    records, _ = data_project.load()
    assert data_project.new_problems() == []
    name = records.provinces["lao-cai"].name
    assert name == "Lào Cai" and unicodedata.is_normalized("NFC", name)


def test_block_text_is_normalised_to_nfc(data_project):
    conference = "data/conferences/11.yml"
    data_project.write(conference, unicodedata.normalize("NFD", data_project.read(conference)))
    records, _ = data_project.load()
    assert data_project.new_problems() == []
    summary = records.conferences[11].summary
    assert "Hội nghị tổng kết" in summary and unicodedata.is_normalized("NFC", summary)


# -- E116: nesting past a sane depth --------------------------------------------------------

@pytest.mark.parametrize("depth, column", [(21, 47), (5000, 1027)], ids=["ours", "the-parser's"])
def test_nesting_past_twenty_levels_is_e116_at_its_line(data_project, depth, column):
    # Twenty levels are ours to refuse; thousands of brackets meet libyaml's own limit first.
    data_project.replace(REPORT, "phuong-tien-do-kiem-dinh: 11442",
                         "phuong-tien-do-kiem-dinh: " + "[" * depth + "1" + "]" * depth)
    texts = data_project.new_texts()
    assert len(texts) == 1 and texts[0].startswith(
        f"{REPORT}:5:{column}: lỗi [E116]: bảng và danh sách lồng nhau quá 20 cấp; một bản ghi chỉ "
        "cần vài cấp: hãy kiểm tra các ngoặc [ ] và { } chưa đóng và thụt lề của các dòng"), texts
