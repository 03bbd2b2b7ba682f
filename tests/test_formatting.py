"""Vietnamese conventions for numbers, percentages, dates, sorting and slugs."""
from __future__ import annotations

import datetime as dt

import pytest

from macros.records import formatting as fmt


@pytest.mark.parametrize("value, decimals, expected", [
    (174582, None, "174.582"),
    (2000, None, "2.000"),
    (7, 0, "7"),
    (45.0, 1, "45,0"),
    (96.0, None, "96"),
    (1234.5, None, "1.234,5"),
    (0.1 + 0.2, None, "0,3"),  # binary noise of a sum is not a published decimal
    (-1500, None, "-1.500"),
])
def test_number(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


@pytest.mark.parametrize("value, expected", [(45.0, "45,0%"), (99.4, "99,4%"), (23.25, "23,25%"), (100, "100,0%")])
def test_percent_keeps_every_published_place(value, expected):
    assert fmt.percent(value) == expected


@pytest.mark.parametrize("value, expected", [(7, 0), (45.0, 0), (23.25, 2), (0.1 + 0.2, 1), (True, 0)])
def test_decimals_of(value, expected):
    assert fmt.decimals_of(value) == expected


def test_date():
    assert fmt.date(dt.date(2024, 1, 1)) == "01/01/2024"
    assert fmt.date(dt.date(2025, 7, 1)) == "01/07/2025"
    assert fmt.date(None) == ""


def test_provinces_sort_in_vietnamese_order():
    names = ["Yên Bái", "Lào Cai", "Hòa Bình", "Vĩnh Phúc", "Hà Giang", "Lai Châu", "Cao Bằng",
             "Tuyên Quang", "Bắc Kạn", "Thái Nguyên", "Phú Thọ"]
    assert sorted(names, key=fmt.sort_key) == [
        "Bắc Kạn", "Cao Bằng", "Hà Giang", "Hòa Bình", "Lai Châu", "Lào Cai", "Phú Thọ",
        "Thái Nguyên", "Tuyên Quang", "Vĩnh Phúc", "Yên Bái"]


@pytest.mark.parametrize("before, after", [
    ("Dương", "Đắk Lắk"),       # Đ is a letter of its own, after D
    ("Đắk Lắk", "Điện Biên"),   # ă before i
    ("Dương", "Điện Biên"),
    ("Bắc Kạn", "Bình Dương"),  # ă before i
    ("An Giang", "Ăn"),         # a before ă before â
    ("Ăn", "Ân"),
    ("Uông Bí", "Ưu"),          # u before ư
    ("Lai Châu", "Laichau"),    # word by word: a space sorts before any letter
    ("Ha", "Hà"),               # tones break ties only
    ("Hà Giang", "Hạ Long"),
    ("Cà Mau", "Cao Bằng"),     # letters first (m before o), then tones
])
def test_collation_pairs(before, after):
    assert fmt.sort_key(before) < fmt.sort_key(after)


def test_sorting_ignores_unicode_normalisation():
    import unicodedata
    decomposed = unicodedata.normalize("NFD", "Điện Biên")
    assert fmt.sort_key(decomposed)[:2] == fmt.sort_key("Điện Biên")[:2]


@pytest.mark.parametrize("text, expected", [
    ("Điện Biên", "dien-bien"),
    ("Đắk Lắk", "dak-lak"),
    ("Hòa Bình", "hoa-binh"),
    ("Thành viên hiện nay", "thanh-vien-hien-nay"),
    ("Khối hợp tác KH&CN", "khoi-hop-tac-kh-cn"),
    ("Số liệu 2022–2023", "so-lieu-2022-2023"),
])
def test_slugify_keeps_vietnamese_letters_readable(text, expected):
    assert fmt.slugify(text) == expected
    assert fmt.slugify_heading(text, "-") == expected


def test_in_sentence_lowers_a_label_but_not_an_acronym():
    assert fmt.in_sentence("Giai đoạn 2022–2023") == "giai đoạn 2022–2023"
    assert fmt.in_sentence("Năm 2024") == "năm 2024"
    assert fmt.in_sentence("KH&CN cấp cơ sở") == "KH&CN cấp cơ sở"


def test_whole_numbers_are_grouped_as_babel_groups_them():
    from babel.numbers import format_decimal

    from macros.records import formatting
    samples = [0, 7, 999, 1000, 174582, -1234567, 10**12] + [n * 7919 - 5 * 10**6 for n in range(0, 2000, 7)]
    for value in samples:
        assert formatting.number(value) == format_decimal(value, format="#,##0", locale="vi"), value
