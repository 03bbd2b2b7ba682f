"""Numbers as editors copy them from documents, and how to write them as a record needs.

A figure is a YAML number: digits, a decimal point, no grouping (2500.5). Vietnamese documents
write 2.500,5 (a dot groups thousands, a comma marks decimals), English ones 2,500.5, some
2 500; a percentage comes with its sign. `written_as` reads such a text and gives the number
to write instead, for the validator's hints. One form has two readings: one separator
followed by exactly three digits (2.500, 2,500) is two thousand five hundred or two point
five; `two_readings` names both, and YAML itself reads 2.500 as 2.5 without a word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_SIGN = r"[-+]?"
SPACES = " \u00a0\u202f"  # space, no-break space, narrow no-break space (Word's thousands)
# One separator, then exactly three digits, after one to three digits that do not start with 0.
TWO_READINGS = re.compile(rf"({_SIGN}[1-9][0-9]{{0,2}})([.,])([0-9]{{3}})")
_LEAD = r"[1-9][0-9]{0,2}"  # the first group of a grouped number (0.125 is not grouped)
_GROUPED = [  # (pattern, thousands separator, decimal separator)
    (re.compile(rf"{_SIGN}{_LEAD}(?:\.[0-9]{{3}})+(?:,[0-9]+)?"), ".", ","),
    (re.compile(rf"{_SIGN}{_LEAD}(?:,[0-9]{{3}})+(?:\.[0-9]+)?"), ",", "."),
    (re.compile(rf"{_SIGN}{_LEAD}(?:[{SPACES}][0-9]{{3}})+(?:[.,][0-9]+)?"), SPACES, ".,"),
]
_DECIMAL_COMMA = re.compile(rf"{_SIGN}[0-9]+,[0-9]+")
_PLAIN = re.compile(rf"{_SIGN}[0-9]+(?:\.[0-9]+)?")
SEPARATOR_NAMES = {".": "dấu chấm", ",": "dấu phẩy"}


@dataclass(frozen=True)
class Written:
    """How a number copied from a document is written in a record."""
    number: str  # "2500.5"
    change: str  # what to change, in a hint: "không dùng dấu chấm hay dấu phẩy để phân cách hàng nghìn"


@dataclass(frozen=True)
class TwoReadings:
    """2.500: 2500 (a thousands separator) or 2.5 (a decimal point); both written unambiguously."""
    text: str
    separator: str  # "." or ","
    thousands: str  # "2500"
    spoken: str  # "2 phẩy 5": the decimal reading said aloud, with no separator to misread
    decimal: str  # "2.5"; "1.2340" when the three decimals must stay (1.234 would be read again)

    def message(self) -> str:
        name = SEPARATOR_NAMES[self.separator]
        return (f"{self.text} đọc được hai cách: {self.thousands} ({name} ngăn cách hàng nghìn) hoặc "
                f"{self.spoken} ({name} là dấu thập phân); hãy viết {self.thousands} hoặc "
                f"{self.decimal} cho đúng số cần ghi")


def two_readings(text: str) -> TwoReadings | None:
    """2.500 or 2,500 (one separator, then three digits), else None."""
    match = TWO_READINGS.fullmatch(text.strip())
    if match is None:
        return None
    whole, separator, decimals = match.groups()
    kept = decimals.rstrip("0")
    # Without a trailing zero to drop (1.234), one is added: 1.2340 has four decimals, one reading.
    written = kept if kept != decimals else decimals + "0"
    spoken = f"{whole} phẩy {kept}" if kept else whole  # 1.000 read as a decimal is 1
    return TwoReadings(match.group(0), separator, whole + decimals, spoken, f"{whole}.{written or '0'}")


def written_as(text: str) -> Written | None:
    """The number a document's way of writing means, as a record writes it; None if not a number."""
    text = text.strip()
    if text.endswith("%"):
        inner = written_as(text[:-1])
        number = inner.number if inner else None
        return Written(number, "không ghi dấu %") if number else None
    readings = two_readings(text)
    if readings is not None:  # the caller knows whether the field can be a decimal
        return Written(readings.thousands, "không dùng dấu chấm hay dấu phẩy để phân cách hàng nghìn")
    for pattern, thousands, decimal in _GROUPED:
        if pattern.fullmatch(text):
            number = "".join(c for c in text if c not in thousands)
            number = "".join("." if c in decimal else c for c in number)
            what = "dấu cách" if thousands == SPACES else "dấu chấm hay dấu phẩy"
            return Written(number, f"không dùng {what} để phân cách hàng nghìn")
    if _DECIMAL_COMMA.fullmatch(text):
        return Written(text.replace(",", "."), "phần thập phân viết bằng dấu chấm")
    if _PLAIN.fullmatch(text):
        return Written(text, "số liệu viết không có ngoặc kép, hãy bỏ ngoặc kép")
    return None
