"""Provinces and periods in time: did a province exist for a whole period, do periods overlap.

Shared by the validator (checks.py: E305, W405, W406) and `python -m macros new report`,
which refuses what the validator would call an error, in the same words.

The 2025 mergers: Hà Giang became part of Tuyên Quang on 01/07/2025. A period that starts
on or after that day has no Hà Giang (E305: the report belongs to Tuyên Quang); a period
that begins before and ends after (2025-2026) holds Hà Giang for half of it (W405: its
figures cover the part before the merger, the rest is Tuyên Quang's).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from macros.records.schema import Period, Province


@dataclass(frozen=True)
class Finding:
    """A problem's code and message, before it is placed in a file."""
    code: str
    message: str


def merger(province: Province) -> tuple[dt.date, str] | None:
    """The day a province stopped existing and the slug of the province it went into."""
    mergers = sorted((c.date, c.into) for c in province.history if c.event == "merged_into")
    return mergers[0] if mergers else None


def _span(period: Period) -> str:
    return f"{period.start:%d/%m/%Y}–{period.end:%d/%m/%Y}"


def province_in_period(province: Province, period: Period, successor_name: str | None = None) -> Finding | None:
    """E305 when the province did not exist at all during the period, W405 when only for part
    of it; `successor_name` names the province it merged into (its slug when None)."""
    ended = merger(province)
    if ended is not None:
        date, into = ended
        successor = f"tỉnh {successor_name or into}"
        if period.start >= date:
            return Finding("E305", (
                f"tỉnh {province.name} đã sáp nhập vào {successor} từ {date:%d/%m/%Y}, trước kỳ "
                f"{period.id} ({_span(period)}), nên không có số liệu của kỳ này; số liệu của kỳ "
                f"thuộc {successor}: python -m macros new report --province {into} --period {period.id}"))
        if period.end >= date:
            return Finding("W405", (
                f"tỉnh {province.name} sáp nhập vào {successor} từ {date:%d/%m/%Y}, giữa kỳ "
                f"{period.id} ({_span(period)}): số liệu này chỉ là của tỉnh {province.name} trước "
                f"ngày đó, phần còn lại của kỳ thuộc {successor}; hãy ghi rõ trong note của báo cáo"))
    born = province.established
    if born is not None:
        if period.end < born:
            return Finding("E305", f"tỉnh {province.name} được thành lập {born:%d/%m/%Y}, sau kỳ "
                                   f"{period.id} ({_span(period)}), nên không có số liệu của kỳ này")
        if period.start < born:
            return Finding("W405", (
                f"tỉnh {province.name} được thành lập {born:%d/%m/%Y}, giữa kỳ {period.id} "
                f"({_span(period)}): số liệu này chỉ tính từ ngày đó; hãy ghi rõ trong note của báo cáo"))
    return None


def overlaps(periods: list[Period]) -> list[tuple[Period, Period]]:
    """(period, an earlier one it overlaps), for each period that starts before another ends.

    Periods are taken by start date, the longer first of two starting together; each is
    compared with the one seen so far that ends last, so a period inside a longer one is
    found too, and it is the one warned about."""
    found = []
    latest: Period | None = None
    ordered = sorted((p for p in periods if p.start <= p.end), key=lambda p: (p.start, -p.end.toordinal(), p.id))
    for period in ordered:
        if latest is not None and period.start <= latest.end:
            found.append((period, latest))
        if latest is None or period.end > latest.end:
            latest = period
    return found


def overlap_message(period: Period, earlier: Period) -> str:
    """W406: which days two periods share."""
    last = min(period.end, earlier.end)
    return (f"kỳ {period.id} ({_span(period)}) trùng với kỳ {earlier.id} ({_span(earlier)}) từ "
            f"{period.start:%d/%m/%Y} đến {last:%d/%m/%Y}: số liệu của khoảng này được tính ở cả hai "
            "kỳ; nếu nguồn công bố đúng như vậy, giữ nguyên; nếu không, sửa start hoặc end")
