"""Vietnamese formatting of numbers, percentages, dates, and Vietnamese sorting and slugs (Babel)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "vi"


def number(value, decimals: int | None = None) -> str:
    """174582 -> '174.582'; 45.0 with one decimal -> '45,0'."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percent(value: float, decimals: int = 1) -> str:
    """45.0 -> '45,0%' (value given in percent, as published)."""
    return number(value, decimals) + "%"


def date(value: dt.date | None) -> str:
    """2024-01-01 -> '01/01/2024'."""
    return format_date(value, "dd/MM/yyyy", locale=LOCALE) if value else ""


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
# then tones (none, huyền, hỏi, ngã, sắc, nặng) break ties.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_BASE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: letters of their own


def _letters(text: str):
    for char in unicodedata.normalize("NFC", text.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(c for c in decomposed if not unicodedata.combining(c) or c in _BASE_MARKS)
        tone = next((_TONES[c] for c in decomposed if c in _TONES), 0)
        yield unicodedata.normalize("NFC", base), tone


def sort_key(text: str) -> tuple:
    """Key for Vietnamese collation: Đ after D, Ư after U, tones as a tie-breaker."""
    letters = list(_letters(text))
    primary = tuple(_ALPHABET.index(b) if b in _ALPHABET else 100 + ord(b[0]) for b, _ in letters)
    return primary, tuple(t for _, t in letters)


def slugify(text: str, separator: str = "-") -> str:
    """'Điện Biên' -> 'dien-bien': strip tones, keep đ as d (not dropped)."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", separator, text).strip(separator)


def slugify_heading(value: str, separator: str) -> str:
    """Python-Markdown toc `slugify` hook (signature value, separator)."""
    return slugify(value, separator)

