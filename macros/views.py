"""Macros, one per page kind or home-page block: look up records, compute, hand to a template."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from . import aggregate
from . import formatting as fmt
from .schema import Province
from .site import current

MACROS = ["bulletin_index", "bulletin_page", "members_page", "province_index", "province_page",
          "statistics_hub", "period_page", "indicator_page",
          "bloc_intro", "current_members", "latest_bulletin", "key_figures"]

# A province page shows this many recent periods; older ones stay on the period pages.
RECENT_PERIODS = 6


def bind(view, env):
    """Give a view the current page's URL; wrong arguments raise (never render blank)."""
    @functools.wraps(view)
    def macro(*args, **kwargs):
        return view(env.page.url, *args, **kwargs)
    return macro


def _lookup(table: dict, key, what: str):
    if key not in table:
        raise KeyError(f"không có {what} \"{key}\" trong dữ liệu")
    return table[key]


def roman(number: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + numeral, number - value
    return out


@dataclass
class MemberToday:
    province: Province
    former: list[Province]  # former member provinces merged into it
    direct: bool  # the province itself is a recorded member


def members_today(records) -> list[MemberToday]:
    """Today's provinces that carry a membership, directly or through a 2025 merger."""
    by_successor: dict[str, MemberToday] = {}
    for province in records.provinces.values():
        if not any(m.until is None for m in province.membership):
            continue
        today = records.successor(province)
        entry = by_successor.setdefault(today.id, MemberToday(today, [], False))
        if today.id == province.id:
            entry.direct = True
        else:
            entry.former.append(province)
    for entry in by_successor.values():
        entry.former = aggregate.sorted_provinces(entry.former)
    return sorted(by_successor.values(), key=lambda e: fmt.sort_key(e.province.name))


def joined_text(records, membership) -> str:
    if membership.conference is not None:
        conference = records.conferences[membership.conference]
        text = f"kết nạp tại Hội nghị lần thứ {roman(conference.number)} ({conference.year})"
    elif membership.known_member_in:
        text = (f"đã là thành viên trong {records.periods[membership.known_member_in].label.lower()}; "
                "ngày gia nhập không rõ")
    else:
        text = "ngày gia nhập không rõ"
    if membership.since != "unknown":
        text = f"gia nhập ngày {fmt.date(membership.since)}, " + text
    return text


def _render(page_url: str, template: str, **values) -> str:
    return current().renderer.render(template, page_url, **values)


def bulletin_index(page_url):
    records = current().records
    bulletins = sorted(records.bulletins.values(), key=lambda b: (b.date, b.id), reverse=True)
    return _render(page_url, "bulletin_index.html", bulletins=bulletins)


def bulletin_page(page_url, bulletin_id):
    site = current()
    bulletin = _lookup(site.records.bulletins, bulletin_id, "bản tin")
    tables = [(site.records.periods[p], aggregate.period_tables(site.index, p, only_source=bulletin.id))
              for p in bulletin.periods]
    conferences = [site.records.conferences[n] for n in bulletin.conferences]
    return _render(page_url, "bulletin.html", bulletin=bulletin, tables=tables,
                   conferences=conferences, roman=roman)


def members_page(page_url):
    records = current().records
    members = [p for p in records.provinces.values() if p.membership]
    merges = [(p, change) for p in records.provinces.values() for change in p.history]
    merges.sort(key=lambda pc: (pc[1].date, fmt.sort_key(pc[0].name)))
    return _render(page_url, "members.html", today=members_today(records),
                   history=aggregate.sorted_provinces(members), merges=merges,
                   joined_text=lambda m: joined_text(records, m),
                   conferences=sorted(records.conferences.values(), key=lambda c: c.number), roman=roman)


def province_index(page_url):
    records = current().records
    return _render(page_url, "province_index.html",
                   provinces=aggregate.sorted_provinces(records.provinces.values()))


def province_page(page_url, slug):
    site = current()
    records = site.records
    province = _lookup(records.provinces, slug, "tỉnh")
    period_ids = sorted({f.period for f in records.figures if f.province == slug},
                        key=lambda p: records.periods[p].start)
    shown = period_ids[-RECENT_PERIODS:]
    tables = [t for t in (aggregate.province_table(site.index, province, g, shown)
                          for g in records.catalogue.groups) if t]
    merged_in = aggregate.sorted_provinces(p for p in records.provinces.values()
                                           if any(c.into == slug for c in p.history))
    return _render(page_url, "province.html", province=province, tables=tables,
                   older=[records.periods[p] for p in period_ids[:-RECENT_PERIODS]],
                   successor=records.successor(province), end=records.end_of(province),
                   merged_in=merged_in, joined_text=lambda m: joined_text(records, m))


def statistics_hub(page_url):
    records = current().records
    periods = sorted(records.periods.values(), key=lambda p: p.start, reverse=True)
    return _render(page_url, "statistics_hub.html", periods=periods, groups=records.catalogue.groups)


def period_page(page_url, period_id):
    site = current()
    period = _lookup(site.records.periods, period_id, "kỳ báo cáo")
    return _render(page_url, "period.html", period=period,
                   tables=aggregate.period_tables(site.index, period_id),
                   totals=site.records.totals.get(period_id))


def indicator_page(page_url, indicator_id):
    site = current()
    indicator = _lookup(site.records.indicators, indicator_id, "chỉ số")
    return _render(page_url, "indicator.html", indicator=indicator,
                   group=site.records.group_of(indicator_id),
                   table=aggregate.indicator_table(site.index, indicator))


def bloc_intro(page_url):
    return _render(page_url, "bloc_intro.html", bloc=current().records.bloc)


def current_members(page_url):
    return _render(page_url, "members_today.html", today=members_today(current().records))


def latest_bulletin(page_url):
    records = current().records
    latest = max(records.bulletins.values(), key=lambda b: (b.date, b.id), default=None)
    return _render(page_url, "latest_bulletin.html", bulletin=latest)


def key_figures(page_url):
    """The bloc's published totals of the latest period: the first of each catalogue group."""
    site = current()
    records = site.records
    periods = sorted((p for p in records.periods.values() if p.id in site.index.periods_with_figures),
                     key=lambda p: p.start)
    if not periods:
        return _render(page_url, "key_figures.html", period=None, figures=[])
    period = periods[-1]
    figures = []
    for group in records.catalogue.groups:
        for indicator in group.indicators:
            figure = site.index.get(period.id, None, indicator.id)
            if figure is not None and figure.reported:
                figures.append((indicator, aggregate.cell_for(indicator, figure, bloc_level=True)))
                break
    return _render(page_url, "key_figures.html", period=period, figures=figures)
