"""Vietnamese formatting of numbers, percentages, dates, and Vietnamese sorting and slugs (Babel)."""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal, get_group_symbol

LOCALE = "vi"

# Sums of published decimals carry binary noise (0.1 + 0.2 = 0.30000000000000004);
# no published figure has more places than this.
MAX_DECIMALS = 6


def decimals_of(value) -> int:
    """Decimal places a number was written with: 45.0 -> 0, 23.25 -> 2, 7 -> 0."""
    if isinstance(value, bool) or isinstance(value, int):
        return 0
    exponent = Decimal(repr(round(float(value), MAX_DECIMALS))).normalize().as_tuple().exponent
    return max(0, -exponent)


# Babel's symbols for Vietnamese ("." groups thousands): whole numbers, most of the figures,
# are grouped with them directly, which is a hundred times faster than format_decimal.
GROUP_SYMBOL = get_group_symbol(LOCALE)


def number(value, decimals: int | None = None) -> str:
    """174582 -> '174.582'; 45.0 with one decimal -> '45,0'; 2.5 -> '2,5'."""
    if decimals is None:
        decimals = decimals_of(value)
    if isinstance(value, int) and not isinstance(value, bool) and not decimals:
        return f"{value:,}".replace(",", GROUP_SYMBOL)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(value, decimals) if decimals else value, format=pattern, locale=LOCALE)


def percent(value: float, decimals: int = 1) -> str:
    """45.0 -> '45,0%' (value given in percent, as published); never drops a published place."""
    return number(value, max(decimals, decimals_of(value))) + "%"


def date(value: dt.date | None) -> str:
    """2024-01-01 -> '01/01/2024'."""
    return format_date(value, "dd/MM/yyyy", locale=LOCALE) if value else ""


def in_sentence(label: str) -> str:
    """A label inside a sentence: 'Giai đoạn 2022–2023' -> 'giai đoạn 2022–2023'; acronyms
    ('KH&CN ...') and names keep their capitals."""
    words = label.split(" ", 1)
    first = words[0]
    if len(first) > 1 and first[1:].islower():
        return " ".join([first[0].lower() + first[1:], *words[1:]])
    return label


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
# (f, j, w, z of foreign names in their Latin places), then tones (none, huyền, hỏi, ngã,
# sắc, nặng) break ties. Spaces and punctuation sort before any letter, digits next, so
# "Lai Châu" comes before "Laichau" and names sort word by word.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_BASE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: letters of their own


def _letters(text: str):
    for char in unicodedata.normalize("NFC", text.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(c for c in decomposed if not unicodedata.combining(c) or c in _BASE_MARKS)
        tone = next((_TONES[c] for c in decomposed if c in _TONES), 0)
        yield unicodedata.normalize("NFC", base), tone


def _rank(base: str) -> int:
    if base in _ALPHABET:
        return _ALPHABET.index(base)
    if base.isdigit():
        return -10 + int(base) if base in "0123456789" else -1
    if not base.isalnum():
        return -20  # space, hyphen, punctuation
    return 100 + ord(base[0])


# Cached: tables and open-data files sort rows by province name, up to once per figure.
@functools.lru_cache(maxsize=4096)
def sort_key(text: str) -> tuple:
    """Key for Vietnamese collation: Đ after D, Ư after U, tones as a tie-breaker."""
    letters = list(_letters(text))
    primary = tuple(_rank(base) for base, _ in letters)
    return primary, tuple(t for _, t in letters), text


def slugify(text: str, separator: str = "-") -> str:
    """'Điện Biên' -> 'dien-bien': strip tones, keep đ as d (not dropped)."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", separator, text).strip(separator)


def slugify_heading(value: str, separator: str) -> str:
    """Python-Markdown toc `slugify` hook (signature value, separator)."""
    return slugify(value, separator)
