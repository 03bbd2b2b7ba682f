"""Macros, one per page kind or home-page block: look up records, compute, hand to a template."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from macros.site import aggregate
from macros.records import formatting as fmt
from macros.archive.pages import archive_listing
from macros.records.schema import Province
from macros.site.state import current

MACROS = ["bulletin_index", "bulletin_page", "members_page", "province_index", "province_page",
          "statistics_hub", "period_page", "indicator_page",
          "bloc_intro", "current_members", "latest_bulletin", "key_figures", "archive_page"]

# A province or indicator page shows this many recent periods; older ones stay on the period pages.
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
    former: list[tuple[Province, object]]  # former member provinces merged into it, with the date
    direct: bool  # the province itself is a recorded member


def is_member(province: Province) -> bool:
    return any(m.until is None for m in province.membership)


def members_today(records) -> list[MemberToday]:
    """Today's provinces that carry a membership, directly or through a 2025 merger."""
    by_successor: dict[str, MemberToday] = {}
    for province in records.provinces.values():
        if not is_member(province):
            continue
        today = records.successor(province)
        entry = by_successor.setdefault(today.id, MemberToday(today, [], False))
        if today.id == province.id:
            entry.direct = True
        else:
            entry.former.append((province, records.end_of(province)))
    for entry in by_successor.values():
        entry.former.sort(key=lambda pair: fmt.sort_key(pair[0].name))
    return sorted(by_successor.values(), key=lambda e: fmt.sort_key(e.province.name))


def members_summary(records, today: list[MemberToday]) -> str:
    """One sentence on how many members there are, and how the 2025 mergers changed the count."""
    members = sum(is_member(p) for p in records.provinces.values())
    if members == len(today):
        return f"Khối có {members} tỉnh thành viên."
    return (f"{members} tỉnh thành viên trước khi sắp xếp đơn vị hành chính nay thuộc {len(today)} tỉnh; "
            "tư cách thành viên của tỉnh cũ được ghi theo tỉnh tiếp nhận.")


def conference_name(conference) -> str:
    return f"Hội nghị lần thứ {roman(conference.number)} ({conference.year})"


def conference_roles(records, province: Province) -> list[str]:
    """What a province did at each conference: hosted, was admitted, presented."""
    roles = []
    for conference in sorted(records.conferences.values(), key=lambda c: c.number):
        name = conference_name(conference)
        if conference.host == province.id:
            roles.append(f"đăng cai {name}")
        if province.id in conference.admitted:
            roles.append(f"được kết nạp tại {name}")
        if province.id in conference.presenting:
            roles.append(f"có tham luận tại {name}")
    return roles


def joined_text(records, membership) -> str:
    if membership.conference is not None:
        conference = records.conferences[membership.conference]
        text = f"kết nạp tại {conference_name(conference)}"
    elif membership.known_member_in:
        text = (f"đã là thành viên trong {fmt.in_sentence(records.periods[membership.known_member_in].label)}; "
                "ngày gia nhập không rõ")
    else:
        text = "ngày gia nhập không rõ"
    if membership.since != "unknown":
        text = f"gia nhập ngày {fmt.date(membership.since)}, " + text
    return text


def _render(page_url: str, template: str, **values) -> str:
    # A placeholder: the HTML skips Python-Markdown, hooks.on_page_content puts it back (Site.stash).
    site = current()
    return site.stash(site.renderer.render(template, page_url, **values))


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
    url = site.site_url.rstrip("/") + "/" + page_url if site.site_url else None
    return _render(page_url, "bulletin.html", bulletin=bulletin, tables=tables, citation_url=url,
                   conferences=conferences, roman=roman, conference_name=conference_name)


def members_page(page_url):
    site = current()
    records = site.records
    members = [p for p in records.provinces.values() if p.membership]
    merges = [(p, change) for p in records.provinces.values() for change in p.history]
    merges.sort(key=lambda pc: (pc[1].date, fmt.sort_key(pc[0].name)))
    conferences = [(c, aggregate.sorted_provinces(records.provinces[s] for s in c.admitted),
                    aggregate.sorted_provinces(records.provinces[s] for s in c.presenting),
                    aggregate.notes_for(records, site.index, {("members", c.number)}))
                   for c in sorted(records.conferences.values(), key=lambda c: c.number)]
    today = members_today(records)
    return _render(page_url, "members.html", today=today, summary=members_summary(records, today),
                   history=aggregate.sorted_provinces(members), merges=merges,
                   joined_text=lambda m: joined_text(records, m), conferences=conferences, roman=roman)


def province_index(page_url):
    records = current().records
    return _render(page_url, "province_index.html",
                   provinces=aggregate.sorted_provinces(records.provinces.values()))


def province_page(page_url, slug):
    site = current()
    records = site.records
    province = _lookup(records.provinces, slug, "tỉnh")
    period_ids = sorted(site.index.periods_by_province.get(slug, ()), key=lambda p: records.periods[p].start)
    shown = period_ids[-RECENT_PERIODS:]
    tables = [t for t in (aggregate.province_table(site.index, province, g, shown)
                          for g in records.catalogue.groups) if t]
    merged_in = aggregate.sorted_provinces(p for p in records.provinces.values()
                                           if any(c.into == slug for c in p.history))
    return _render(page_url, "province.html", province=province, tables=tables,
                   older=[records.periods[p] for p in period_ids[:-RECENT_PERIODS]],
                   successor=records.successor(province), end=records.end_of(province),
                   merged_in=[(p, records.end_of(p)) for p in merged_in],
                   member_via=[p for p in merged_in if is_member(p)], is_member=is_member(province),
                   conference_roles=conference_roles(records, province),
                   joined_text=lambda m: joined_text(records, m))


def statistics_hub(page_url):
    records = current().records
    periods = sorted(records.periods.values(), key=lambda p: p.start, reverse=True)
    return _render(page_url, "statistics_hub.html", periods=periods, groups=records.catalogue.groups)


def period_page(page_url, period_id):
    site = current()
    period = _lookup(site.records.periods, period_id, "kỳ báo cáo")
    totals = site.records.totals.get(period_id)
    scope = aggregate.sorted_provinces(site.records.provinces[s] for s in totals.scope) if totals else []
    return _render(page_url, "period.html", period=period,
                   tables=aggregate.period_tables(site.index, period_id), totals=totals, scope=scope)


def indicator_page(page_url, indicator_id):
    site = current()
    indicator = _lookup(site.records.indicators, indicator_id, "chỉ số")
    period_ids = sorted(site.index.periods_by_indicator.get(indicator_id, ()),
                        key=lambda p: site.records.periods[p].start)
    return _render(page_url, "indicator.html", indicator=indicator,
                   group=site.records.group_of(indicator_id),
                   table=aggregate.indicator_table(site.index, indicator, RECENT_PERIODS),
                   older=[site.records.periods[p] for p in period_ids[:-RECENT_PERIODS]])


def bloc_intro(page_url):
    return _render(page_url, "bloc_intro.html", bloc=current().records.bloc)


def current_members(page_url):
    records = current().records
    today = members_today(records)
    return _render(page_url, "members_today.html", today=today, summary=members_summary(records, today))


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
        return _render(page_url, "key_figures.html", period=None, figures=[], sources=[])
    period = periods[-1]
    figures = aggregate.key_figures(site.index, period.id)
    sources = site.index.sources_of([figure for *_, figure in figures])
    return _render(page_url, "key_figures.html", period=period, figures=figures, sources=sources)


def archive_page(page_url):
    """/luu-tru/: every archived snapshot with its checksum, how to verify it, and the errata."""
    return _render(page_url, "archive.html", **archive_listing(current()))
