"""The registry of problem codes (macros/records/codes.py reading macros/records/codes.yml).

- A problem whose code the registry lacks cannot be created: it raises UnknownCode at once,
  and every code written in macros/ is in the registry (and every registry code is written
  there: no stale entry).
- Every entry of the registry has a test: its example, written over the example project
  (macros/records/example_project/), gives exactly its code, with the exact message of
  EXPECTED below; an entry without a line in EXPECTED fails, and so does a code that no
  rule test (tests/test_*.py) asserts as a message.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.archive.project import load_project
from macros.editors.guide import example_problems, run_example
from macros.records.codes import EXAMPLE_PROJECT, UnknownCode, lookup, registry
from macros.records.problems import Problem, problem

REPO = Path(__file__).resolve().parents[1]

EXPECTED = {
    "E101": (
        "data/periods/2024.yml:1:1: lỗi [E101]: tệp không phải mã UTF-8 (byte 0xff); hãy lưu tệp "
        "với bảng mã UTF-8"),
    "E102": (
        "data/periods/2024.yml:1:1: lỗi [E102]: tệp rỗng: không có bản ghi nào"),
    "E103": (
        "data/periods/2024.yml:1:1: lỗi [E103]: bản ghi phải là một bảng khóa: giá trị (mapping), "
        "không phải danh sách"),
    "E104": (
        "data/reports/lao-cai/2022-2023.yml:5:1: lỗi [E104]: dòng thụt lề bằng phím Tab; YAML chỉ "
        "cho phép dấu cách để thụt lề"),
    "E105": (
        "data/documents/qd-124-2004-qd-ttg.yml:2:18: lỗi [E105]: lỗi cú pháp YAML: dấu hai chấm "
        "không đúng chỗ; văn bản có \": \" phải đặt trong ngoặc kép, hoặc dòng này thụt lề sai"),
    "E106": (
        "data/periods/2024.yml:5:1: lỗi [E106]: tệp chỉ được chứa một bản ghi (một tài liệu YAML)"),
    "E107": (
        "data/periods/2024.yml:3:8: lỗi [E107]: không dùng neo (&) và bí danh (*) của YAML; hãy "
        "viết đầy đủ giá trị ở từng chỗ (start)"),
    "E108": (
        "data/reports/lao-cai/2022-2023.yml:8:3: lỗi [E108]: khóa \"de-tai-du-an\" bị lặp lại (đã "
        "có ở dòng 5); YAML sẽ âm thầm bỏ giá trị trước, hãy giữ một khóa duy nhất "
        "(figures.de-tai-du-an)"),
    "E109": (
        "data/reports/lao-cai/2022-2023.yml:5:3: lỗi [E109]: khóa phải là văn bản, gặp 2023; hãy "
        "đặt khóa trong ngoặc kép (figures)"),
    "E110": (
        "data/reports/lao-cai/2022-2023.yml:5:17: lỗi [E110]: không dùng thẻ kiểu YAML (!!int); "
        "hãy bỏ thẻ, và đặt giá trị trong ngoặc kép nếu đó là văn bản (figures.de-tai-du-an)"),
    "E111": (
        "data/reports/lao-cai/2022-2023.yml:5:33: lỗi [E111]: giá trị yes sẽ bị YAML 1.1 đọc "
        "thành đúng (true); nếu đây là văn bản, hãy đặt trong ngoặc kép, ví dụ \"yes\"; nếu là "
        "có/không, hãy viết true (figures.chinh-sach-doi-moi-cong-nghe)"),
    "E112": (
        "data/provinces/cao-bang.yml:4:7: lỗi [E112]: giá trị 010 sẽ bị YAML 1.1 đọc thành số bát "
        "phân 8; nếu đây là văn bản, hãy đặt trong ngoặc kép, ví dụ \"010\"; nếu là số, hãy bỏ số 0 "
        "ở đầu: 10 (code)"),
    "E113": (
        "data/reports/lao-cai/2022-2023.yml:5:17: lỗi [E113]: giá trị 45:30 sẽ bị YAML 1.1 đọc "
        "thành số 2730 (hệ 60); nếu đây là văn bản, hãy đặt trong ngoặc kép, ví dụ \"45:30\" "
        "(figures.de-tai-du-an)"),
    "E114": (
        "data/reports/lao-cai/2022-2023.yml:5:17: lỗi [E114]: giá trị 0x2D sẽ bị YAML 1.1 đọc "
        "thành số 45; nếu đây là văn bản, hãy đặt trong ngoặc kép, ví dụ \"0x2D\" "
        "(figures.de-tai-du-an)"),
    "E115": (
        "data/periods/2024.yml:4:6: lỗi [E115]: ngày không hợp lệ: 2024-02-30; ngày viết theo "
        "dạng NNNN-TT-NN, ví dụ 2024-01-01 (end)"),
    "E116": (
        "data/reports/lao-cai/2022-2023.yml:5:35: lỗi [E116]: bảng và danh sách lồng nhau quá 20 "
        "cấp; một bản ghi chỉ cần vài cấp: hãy kiểm tra các ngoặc [ ] và { } chưa đóng và thụt lề "
        "của các dòng (figures.de-tai-du-an[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0])"),
    "E120": (
        "data/reports/lao-cai/2024.yaml:1:1: lỗi [E120]: tệp không thuộc loại bản ghi nào (các vị "
        "trí hợp lệ: data/bloc.yml, data/indicators.yml, data/provinces/*.yml, "
        "data/periods/*.yml, data/reports/*/*.yml, data/totals/*.yml, data/bulletins/*.yml, "
        "data/conferences/*.yml, data/documents/*.yml, data/errata/*.yml); tệp dữ liệu phải có "
        "đuôi .yml"),
    "E121": (
        "data/bloc.yml:1:1: lỗi [E121]: thiếu tệp bắt buộc data/bloc.yml"),
    "E201": (
        "data/reports/lao-cai/2022-2023.yml:2:1: lỗi [E201]: khóa không hợp lệ \"perod\"; có phải ý "
        "bạn là \"period\"? (perod)"),
    "E202": (
        "data/reports/lao-cai/2022-2023.yml:1:1: lỗi [E202]: thiếu trường bắt buộc \"source\" "
        "(source)"),
    "E203": (
        "data/periods/2024.yml:3:8: lỗi [E203]: cần một ngày dạng NNNN-TT-NN (ví dụ 2024-01-01), "
        "gặp văn bản \"01/01/2024\" (start)"),
    "E301": (
        "data/provinces/lao-cai-moi.yml:1:5: lỗi [E301]: mã \"lao-cai\" đã được dùng trong "
        "data/provinces/lao-cai.yml; mỗi bản ghi phải có mã riêng (id)"),
    "E302": (
        "data/reports/lao-cai/2022-2023.yml:5:3: lỗi [E302]: không tìm thấy chỉ số "
        "\"de-tai-du-ann\"; có phải ý bạn là \"de-tai-du-an\"? (figures.de-tai-du-ann)"),
    "E303": (
        "data/reports/lao-cai/2022-2023.yml:5:17: lỗi [E303]: số liệu không được âm, gặp -45 "
        "(figures.de-tai-du-an)"),
    "E304": (
        "data/periods/2024.yml:4:6: lỗi [E304]: ngày kết thúc 01/01/2024 đứng trước ngày bắt đầu "
        "31/12/2024 (end)"),
    "E305": (
        "data/reports/yen-bai/2026.yml:2:9: lỗi [E305]: tỉnh Yên Bái đã sáp nhập vào tỉnh Lào Cai "
        "từ 01/07/2025, trước kỳ 2026 (01/01/2026–31/12/2026), nên không có số liệu của kỳ này; số "
        "liệu của kỳ thuộc tỉnh Lào Cai: python -m macros new report --province lao-cai --period "
        "2026 (period)"),
    "E306": (
        "data/reports/lao-cai/2022-2023.yml:5:17: lỗi [E306]: chỉ số \"de-tai-du-an\" (đề tài, dự "
        "án) cần số nguyên, gặp số thập phân 45.5 (figures.de-tai-du-an)"),
    "E307": (
        "data/reports/lao-cai/2022-2023.yml:5:16: lỗi [E307]: chưa điền giá trị; điền số liệu, "
        "hoặc ghi {status: not_reported} nếu không có số này (không báo cáo khác với số 0) "
        "(figures.de-tai-du-an)"),
    "E308": (
        "data/reports/lao-cai/2022-2023.yml:8:20: lỗi [E308]: chỉ số \"kinh-phi-de-tai\" (triệu "
        "đồng): 2.500 đọc được hai cách: 2500 (dấu chấm ngăn cách hàng nghìn) hoặc 2 phẩy 5 (dấu "
        "chấm là dấu thập phân); hãy viết 2500 hoặc 2.5 cho đúng số cần ghi (figures.kinh-phi-de-tai)"),
    "E309": (
        "data/reports/lao-cai/2026.yml:1:11: lỗi [E309]: báo cáo nằm trong thư mục của tỉnh "
        "\"lao-cai\" nhưng ghi province: tuyen-quang; mỗi tỉnh chỉ ghi số liệu trong thư mục của "
        "mình (province)"),
    "E310": (
        "data/conferences/11.yml:5:25: lỗi [E310]: tệp của tỉnh \"yen-bai\" chưa ghi việc gia nhập "
        "tại hội nghị này (membership với conference: 11) (admitted[1])"),
    "E312": (
        "data/periods/2024.yml:1:5: lỗi [E312]: tên tệp \"2024.yml\" phải trùng với mã \"2025\"; hãy "
        "đổi tên tệp thành 2025.yml (id)"),
    "E313": (
        "data/provinces/cao-bang.yml:7:12: lỗi [E313]: ngày gia nhập không rõ: hãy ghi hội nghị "
        "kết nạp (conference), kỳ tỉnh đã là thành viên (known_member_in), hội nghị nguồn liệt kê "
        "tỉnh là thành viên (listed_at) hoặc ngày nguồn cho thấy tỉnh là thành viên (member_on) "
        "(membership[0].since)"),
    "E314": (
        "data/bulletins/2023-05.yml:1:5: lỗi [E314]: mã bản tin phải là năm-số: 2023-06 (id)"),
    "E320": (
        "data/conferences/11.yml:7:10: lỗi [E320]: tỉnh \"yen-bai\" được ghi là khách mời, nhưng tệp "
        "của tỉnh ghi là thành viên tại hội nghị này; khách mời không phải thành viên: sửa một trong "
        "hai tệp (guests ở đây, membership trong data/provinces/yen-bai.yml) (guests[0])"),
    "E321": (
        "data/conferences/11.yml:7:10: lỗi [E321]: tỉnh \"Yên Bái\" có bản ghi "
        "data/provinces/yen-bai.yml: hãy ghi mã tỉnh yen-bai thay cho tên, để trang của tỉnh liệt "
        "kê hội nghị này (guests[0])"),
    "E501": (
        "data/reports/lao-cai/2022-2023.yml:3:9: lỗi [E501]: phần bản ghi đã công bố trong bản "
        "tin 2023-04 (đã lưu trữ, commit aaaaaaaaaaaa) bị thay đổi mà không có đính chính (không "
        "đọc được tệp tại commit aaaaaaaaaaaa từ git để chỉ ra chỗ sửa); hãy hoàn lại thay đổi "
        "(xem git diff aaaaaaaaaaaa -- data/reports/lao-cai/2022-2023.yml), hoặc công bố một đính "
        "chính: tạo tệp data/errata/2023-04-<mã>.yml với issue: \"2023-04\", date, corrections (mỗi "
        "chỗ sửa: file: data/reports/lao-cai/2022-2023.yml, path, published_value, "
        "corrected_value), what (sửa gì) và why (vì sao sửa) (source)"),
    "E502": (
        "archive/register.yml:16:7: lỗi [E502]: tệp data/totals/2022-2023.yml đã công bố trong "
        "bản tin 2023-04 (đã lưu trữ, commit aaaaaaaaaaaa) không còn trong dữ liệu; hãy khôi phục "
        "tệp (git checkout aaaaaaaaaaaa -- data/totals/2022-2023.yml) (snapshots[0].records)"),
    "E503": (
        "data/reports/tuyen-quang/2022-2023.yml:3:9: lỗi [E503]: bản tin 2023-04 đã phát hành và "
        "được lưu trữ (commit aaaaaaaaaaaa) mà không có bản ghi này, nên không thể thêm bản ghi "
        "mới dẫn nguồn số đó. Số liệu của một số bản tin mới: tạo số đó trước (python -m macros "
        "new bulletin NNNN-SS), rồi ghi mã số mới vào source. Số liệu mà chính số 2023-04 đã đăng "
        "nhưng bị bỏ sót: công bố một đính chính: tạo tệp data/errata/2023-04-<mã>.yml với issue: "
        "\"2023-04\", date, corrections (mỗi chỗ sửa: file: data/reports/tuyen-quang/2022-2023.yml, "
        "path, published_value, corrected_value), what (sửa gì) và why (vì sao sửa) (source)"),
    "E507": (
        "archive/register.yml:9:5: lỗi [E507]: bản tin \"2023-03\" được ghi hai lần trong sổ lưu "
        "trữ; mỗi số bản tin chỉ được lưu trữ một lần (snapshots[1].id)"),
    "E508": (
        "archive/register.yml:2:5: lỗi [E508]: mục bổ sung cho bản tin \"2023-03\" nhưng phía trên "
        "không có mục nào của bản tin đó; một mục bổ sung chỉ đứng sau mục nó bổ sung (snapshots[0].amends)"),
    "E509": (
        "archive/register.yml:12:5: lỗi [E509]: sổ lưu trữ đã ghi python của bản tin 2023-03 "
        "(CPython 3.11.7); sổ chỉ được ghi thêm, không sửa điều đã ghi: bỏ trường này khỏi mục bổ "
        "sung (snapshots[1].python)"),
    "E510": (
        "data/errata/2023-04-lao-cai.yml:4:14: lỗi [E510]: cần ít nhất một chỗ sửa trong "
        "corrections: file, path, published_value (giá trị đã công bố) và corrected_value (giá "
        "trị đúng), ví dụ file: data/reports/lao-cai/2022-2023.yml, path: "
        "figures.phuong-tien-do-kiem-dinh (corrections)"),
    "E511": (
        "data/errata/2023-04-lao-cai.yml:5:11: lỗi [E511]: tệp "
        "\"data/reports/tuyen-quang/2022-2023.yml\" không phải bản ghi mà bản tin 2023-04 đã công "
        "bố (các tệp đã công bố: data/bulletins/2023-04.yml, data/conferences/11.yml, "
        "data/provinces/lao-cai.yml, data/provinces/tuyen-quang.yml, data/provinces/yen-bai.yml, "
        "data/reports/lao-cai/2022-2023.yml, data/reports/yen-bai/2022-2023.yml, "
        "data/totals/2022-2023.yml) (corrections[0].file)"),
    "E512": (
        "data/errata/2023-04-lao-cai.yml:8:22: lỗi [E512]: đính chính ghi giá trị đúng là 46, "
        "nhưng data/reports/lao-cai/2022-2023.yml ghi 45 ở figures.de-tai-du-an; sửa tệp dữ liệu "
        "hoặc sửa đính chính cho khớp (corrections[0].corrected_value)"),
    "E513": (
        "data/errata/2023-04-lao-cai.yml:6:11: lỗi [E513]: không có figures.de-tai trong "
        "data/reports/lao-cai/2022-2023.yml; path là các khóa nối bằng dấu chấm, ví dụ "
        "figures.<mã chỉ số> cho một số liệu (corrections[0].path)"),
    "W401": (
        "data/totals/2022-2023.yml:5:17: cảnh báo [W401]: tổng Khối đã công bố 70 khác tổng các "
        "tỉnh 65 (Lào Cai 45 + Yên Bái 20) (figures.de-tai-du-an)"),
    "W402": (
        "data/reports/lao-cai/2022-2023.yml:5:17: cảnh báo [W402]: các chỉ số con \"trong đó\" "
        "(de-tai-du-an-cap-nha-nuoc, de-tai-du-an-cap-tinh) cộng lại 10 + 40 = 50, lớn hơn số đã "
        "công bố 45 (figures.de-tai-du-an)"),
    "W403": (
        "data/reports/lao-cai/2022-2023.yml:6:22: cảnh báo [W403]: các tỉ lệ \"Cơ cấu đề tài cấp "
        "tỉnh theo lĩnh vực\" cộng lại 60,0% + 30,0% = 90,0%, không phải 100% (sai số làm tròn cho "
        "phép ±0,10 điểm %) (figures.ty-le-nong-nghiep)"),
    "W404": (
        "data/conferences/11.yml:6:16: cảnh báo [W404]: nguồn ghi 4 thành viên sau hội nghị, "
        "nhưng hồ sơ các tỉnh cho 3 thành viên (Lào Cai, Tuyên Quang, Yên Bái) (members_after)"),
    "W405": (
        "data/reports/yen-bai/2024-2025.yml:2:9: cảnh báo [W405]: tỉnh Yên Bái sáp nhập vào tỉnh "
        "Lào Cai từ 01/07/2025, giữa kỳ 2024-2025 (01/01/2024–31/12/2025): số liệu này chỉ là của "
        "tỉnh Yên Bái trước ngày đó, phần còn lại của kỳ thuộc tỉnh Lào Cai; hãy ghi rõ trong note "
        "của báo cáo (period)"),
    "W406": (
        "data/periods/2023-2024.yml:3:8: cảnh báo [W406]: kỳ 2023-2024 (01/01/2023–31/12/2024) "
        "trùng với kỳ 2022-2023 (01/01/2022–31/12/2023) từ 01/01/2023 đến 31/12/2023: số liệu của "
        "khoảng này được tính ở cả hai kỳ; nếu nguồn công bố đúng như vậy, giữ nguyên; nếu không, "
        "sửa start hoặc end (start)"),
}


def test_a_code_missing_from_the_registry_raises():
    with pytest.raises(UnknownCode, match="E999"):
        problem("data/bloc.yml", 1, 1, "E999", "", "không có mã này")
    with pytest.raises(UnknownCode, match="E999"):
        Problem("data/bloc.yml", 1, 1, "error", "E999", "", "không có mã này")


def test_a_problem_takes_its_severity_from_the_registry():
    assert problem("data/totals/2022-2023.yml", 5, 17, "W401", "", "x").severity == "warning"
    assert problem("data/bloc.yml", 1, 1, "E121", "", "x").severity == "error"
    with pytest.raises(ValueError, match="E105"):
        Problem("data/bloc.yml", 1, 1, "warning", "E105", "", "một lỗi không thể là cảnh báo")


def codes_written_in(folder: Path) -> set[str]:
    return {code for path in folder.rglob("*.py")
            for code in re.findall(r"[\"']([EW]\d{3})[\"']", path.read_text(encoding="utf-8"))}


def test_every_code_in_the_code_is_in_the_registry_and_back():
    assert codes_written_in(REPO / "macros") == set(registry())


def test_every_code_has_an_expected_message():
    assert sorted(EXPECTED) == sorted(registry())


def test_every_code_is_asserted_by_a_rule_test():
    # A rule test asserts a message as the validator prints it: "lỗi [E302]: ...".
    asserted = set()
    for path in (REPO / "tests").glob("test_*.py"):
        if path.name != Path(__file__).name:
            asserted |= set(re.findall(r"(?:lỗi|cảnh báo) \[([EW]\d{3})\]", path.read_text(encoding="utf-8")))
    assert sorted(set(registry()) - asserted) == []


def test_the_example_project_has_no_problem():
    records, problems = load_project(EXAMPLE_PROJECT)
    assert records is not None and problems == []


@pytest.mark.parametrize("code", sorted(registry()))
def test_the_example_gives_exactly_its_code_and_message(code):
    assert {p.code for p in example_problems(lookup(code))} == {code}
    assert run_example(lookup(code)).message == EXPECTED[code]
