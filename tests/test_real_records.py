"""The real records in data/: the figures as Bản tin KH&CN số 4/2023 published them, and the
warnings that the bulletin's own inconsistencies raise.

These and tests/test_real_history.py (the meetings and members the sources give, on the
built site) are the only tests that read data/. The rule tests run on the frozen project in
tests/fixtures/records/ and the site tests build it, so an editor's change to data/ breaks
a test here, where it is meant to be noticed, and nowhere else.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from macros.archive.project import load_project

REPO = Path(__file__).resolve().parents[1]
PERIOD = "2022-2023"


@pytest.fixture(scope="module")
def real():
    records, problems = load_project(REPO)
    assert records is not None, [p.format_text() for p in problems]
    return records, problems


def figure(records, indicator: str, province: str | None = None):
    """The value published for a province, or for the bloc (province None), in 2022–2023."""
    found = [f.value for f in records.figures
             if (f.indicator, f.province, f.period) == (indicator, province, PERIOD)]
    assert len(found) == 1, f"{indicator} {province}: {found}"
    return found[0]


# Bản tin KH&CN số 4/2023 (sources/ban-tin-khcn-2023-so-4.txt), in its own words.
PUBLISHED = [
    # "05 tỉnh có tổng số 298 đề tài, dự án (ĐT/DA) ..., trong đó có 38 ĐT/DA cấp nhà nước,
    # 270 ĐT/DA cấp tỉnh (... nông nghiệp chiếm 45,0%, ... KHXH và nhân văn chiếm 23,2%,
    # lĩnh vực khác chiếm 31,2%)"
    ("de-tai-du-an", None, 298),
    ("de-tai-du-an-cap-nha-nuoc", None, 38),
    ("de-tai-du-an-cap-tinh", None, 270),
    ("ty-le-cap-tinh-nong-nghiep", None, 45.0),
    ("ty-le-cap-tinh-khxh-nhan-van", None, 23.2),
    ("ty-le-cap-tinh-linh-vuc-khac", None, 31.2),
    # "437 nhãn hiệu đã được cấp, 21 kiểu dáng công nghiệp được bảo hộ, 460 đơn vị ..."
    ("nhan-hieu-duoc-cap", None, 437),
    ("kieu-dang-cong-nghiep", None, 21),
    ("don-vi-xac-lap-quyen-shtt", None, 460),
    # "7.810 cuốn Bản tin KH&CN, 2.400 cuốn tập san KH&CN"
    ("ban-tin-khcn", None, 7810),
    ("tap-san-khcn", None, 2400),
    # "Có 698 đơn vị tự công bố ... (Lào Cai 656 đơn vị, Lai Châu 35 đơn vị, Vĩnh Phúc 06
    # đơn vị, Phú Thọ 01 đơn vị)"
    ("don-vi-tu-cong-bo-tieu-chuan", None, 698),
    ("don-vi-tu-cong-bo-tieu-chuan", "lao-cai", 656),
    ("don-vi-tu-cong-bo-tieu-chuan", "lai-chau", 35),
    ("don-vi-tu-cong-bo-tieu-chuan", "vinh-phuc", 6),
    ("don-vi-tu-cong-bo-tieu-chuan", "phu-tho", 1),
    # "kiểm định tổng 174.582 phương tiện đo (trong đó: Vĩnh Phúc 98.447 PTĐ, Phú Thọ 40.505
    # PTĐ, Lai Châu 15.334 PTĐ, Lào Cai 11.442 PTĐ, Hà Giang 8.854 PTĐ)"
    ("phuong-tien-do-kiem-dinh", None, 174582),
    ("phuong-tien-do-kiem-dinh", "vinh-phuc", 98447),
    ("phuong-tien-do-kiem-dinh", "phu-tho", 40505),
    ("phuong-tien-do-kiem-dinh", "lai-chau", 15334),
    ("phuong-tien-do-kiem-dinh", "lao-cai", 11442),
    ("phuong-tien-do-kiem-dinh", "ha-giang", 8854),
    # "Hiện đã có 3 tỉnh (Phú Thọ, Lai Châu, Lào Cai) có chính sách hỗ trợ doanh nghiệp đổi
    # mới công nghệ"
    ("chinh-sach-doi-moi-cong-nghe", None, 3),
    ("chinh-sach-doi-moi-cong-nghe", "phu-tho", True),
    ("chinh-sach-doi-moi-cong-nghe", "lai-chau", True),
    ("chinh-sach-doi-moi-cong-nghe", "lao-cai", True),
]


@pytest.mark.parametrize("indicator, province, value", PUBLISHED,
                         ids=[f"{i}-{p or 'khoi'}" for i, p, _ in PUBLISHED])
def test_figures_are_as_the_bulletin_published_them(real, indicator, province, value):
    found = figure(real[0], indicator, province)
    assert found == value and type(found) is type(value)


def test_the_sums_the_bulletin_gets_right_raise_no_warning(real):
    # 98.447 + 40.505 + 15.334 + 11.442 + 8.854 = 174.582; 656 + 35 + 6 + 1 = 698.
    subjects = {p.path for p in real[1]}
    assert "figures.phuong-tien-do-kiem-dinh" not in subjects
    assert "figures.don-vi-tu-cong-bo-tieu-chuan" not in subjects


def test_the_bulletins_inconsistencies_are_exactly_the_two_warnings(real):
    # 38 + 270 = 308 projects, published as 298; the shares add up to 99,4 %.
    assert [p.format_text() for p in real[1]] == [
        "data/totals/2022-2023.yml:7:17: cảnh báo [W402]: các chỉ số con \"trong đó\" (de-tai-du-an-cap-nha-nuoc, "
        "de-tai-du-an-cap-tinh) cộng lại 38 + 270 = 308, lớn hơn số đã công bố 298 (figures.de-tai-du-an)",
        "data/totals/2022-2023.yml:10:31: cảnh báo [W403]: các tỉ lệ \"Cơ cấu ĐT/DA cấp tỉnh theo "
        "lĩnh vực\" cộng lại 45,0% + 23,2% + 31,2% = 99,4%, không phải 100% (sai số làm tròn cho "
        "phép ±0,15 điểm %) (figures.ty-le-cap-tinh-nong-nghiep)"]
    assert real[0].warnings == real[1]


def test_the_members_of_the_bloc(real):
    # "thông qua nội dung tham luận của 05 Sở KH&CN (Hà Giang, Lào Cai, Lai Châu, Phú Thọ, Vĩnh Phúc)"
    records = real[0]
    assert records.totals[PERIOD].scope == ["ha-giang", "lao-cai", "lai-chau", "phu-tho", "vinh-phuc"]
    assert {r.province for r in records.reports if r.period == PERIOD} == set(records.totals[PERIOD].scope)
