"""Macros, one per page kind or home-page block: look up records, compute, hand to a template."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from markupsafe import Markup

from macros.records import membership
from macros.site import aggregate, breakdowns, history
from macros.records import formatting as fmt
from macros.archive.pages import archive_listing
from macros.records.schema import Province
from macros.archive.citation import head_tags
from macros.site.state import current
from macros.site.urls import address

MACROS = ["bulletin_index", "bulletin_page", "members_page", "conference_index", "conference_page",
          "province_index", "province_page",
          "statistics_hub", "indicator_index", "period_page", "indicator_page",
          "bloc_intro", "current_members", "latest_bulletin", "key_figures", "archive_page"]

# A province or indicator page shows this many recent periods; older ones stay on the period pages.
RECENT_PERIODS = 6
# The page's metadata that overrides/main.html prints in the <head>.
HEAD_TAGS = "khcn_head"


def bind(view, env, page: bool = False):
    """Give a view the current page's URL (with `page`, the page itself); wrong arguments raise
    (never render blank)."""
    @functools.wraps(view)
    def macro(*args, **kwargs):
        return view(env.page if page else env.page.url, *args, **kwargs)
    return macro


def add_head_tags(page, tags) -> None:
    """Tags for the page's <head>, printed by the `extrahead` block of overrides/main.html."""
    if tags:  # a page's meta stays empty without them: Material's templates test `page.meta`
        page.meta.setdefault(HEAD_TAGS, []).extend(tags)


def _lookup(table: dict, key, what: str):
    if key not in table:
        raise KeyError(f"không có {what} \"{key}\" trong dữ liệu")
    return table[key]


@dataclass
class MemberToday:
    province: Province
    former: list[tuple[Province, object]]  # former member provinces merged into it, with the date
    direct: bool  # the province itself is a recorded member


def is_member(records, province: Province) -> bool:
    """A member today as far as the sources go (macros/records/membership.py)."""
    return membership.status(records, province).member


def members_today(records) -> list[MemberToday]:
    """Today's provinces that carry a membership, directly or through a 2025 merger."""
    by_successor: dict[str, MemberToday] = {}
    for province in records.provinces.values():
        if not is_member(records, province):
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
    members = sum(is_member(records, p) for p in records.provinces.values())
    if members == len(today):
        return f"Khối có {members} tỉnh thành viên."
    return (f"{members} tỉnh thành viên trước khi sắp xếp đơn vị hành chính nay thuộc {len(today)} tỉnh; "
            "tư cách thành viên của tỉnh cũ được ghi theo tỉnh tiếp nhận.")


def _render(page, template: str, shown_tables=(), head=(), **values) -> str:
    """The page's HTML, as a placeholder: it skips Python-Markdown and hooks.on_page_content
    puts it back (Site.stash). The charts and downloads of the statistics tables it shows (`shown_tables`) are
    computed here, before rendering; their Dataset JSON-LD, then `head`, go into its <head>."""
    site = current()
    extras = site.readers.extras(shown_tables, page.url)
    datasets = [Markup('<script type="application/ld+json">{}</script>').format(e.dataset) for e in extras.values()]
    add_head_tags(page, [*datasets, *head])
    return site.stash(site.renderer.render(template, page.url, table_extras=extras, **values))


def bulletin_index(page):
    records = current().records
    bulletins = sorted(records.bulletins.values(), key=lambda b: (b.date, b.id), reverse=True)
    return _render(page, "bulletin_index.html", bulletins=bulletins)


def bulletin_page(page, bulletin_id):
    site = current()
    bulletin = _lookup(site.records.bulletins, bulletin_id, "bản tin")
    tables = [(site.records.periods[p], aggregate.period_tables(site.index, p, only_source=bulletin.id))
              for p in bulletin.periods]
    conferences = [site.records.conferences[n] for n in bulletin.conferences]
    url = site.urls.absolute(address("bulletin", bulletin.id), site.site_url) if site.site_url else None
    citation = site.records.archive.citation(bulletin, url)
    # Highwire citation_* tags and schema.org JSON-LD in the page's <head>.
    return _render(page, "bulletin.html", [t for _period, shown in tables for t in shown], head_tags(citation),
                   bulletin=bulletin, tables=tables, citation=citation,
                   conferences=conferences, conference_name=history.conference_name)


def members_page(page):
    site = current()
    records = site.records
    members = [p for p in records.provinces.values() if p.membership]
    merges = [(p, change) for p in records.provinces.values() for change in p.history]
    merges.sort(key=lambda pc: (pc[1].date, fmt.sort_key(pc[0].name)))
    today = members_today(records)
    matrix = history.members_matrix(records)
    notes = aggregate.notes_for(records, site.index, {("members", r.conference.number) for r in matrix.rosters})
    return _render(page, "members.html", today=today, summary=members_summary(records, today),
                   history=[(p, _history(records, p)) for p in aggregate.sorted_provinces(members)],
                   merges=merges, matrix=matrix, notes=notes, conference_name=history.conference_name,
                   cited=_cited(records, [s for r in matrix.rosters for s in _roster_sources(r)]))


def _history(records, province: Province):
    """(lines, status) of a province's membership, as its page and the members page show it."""
    found = membership.status(records, province)
    return history.history_lines(records, province, found), found


def _roster_sources(found) -> list[str]:
    return [found.conference.source] + [s for sources in found.members.values() for s in sources]


def _cited(records, sources) -> list:
    return [c for source in dict.fromkeys(sources) for c in history.citations(records, source)]


def conference_index(page):
    """/hoi-nghi/: every meeting number from I to the latest, gaps included."""
    records = current().records
    rows = history.meeting_rows(records)
    return _render(page, "conference_index.html", rows=rows, kind_label=history.kind_label,
                   date_text=history.date_text,
                   cited=_cited(records, [r.conference.source for r in rows if r.conference]))


def conference_page(page, number):
    """/hoi-nghi/<n>/: one meeting, every fact with its source."""
    site = current()
    records = site.records
    _lookup(records.conferences, number, "hội nghị")
    meeting = history.meeting_view(records, number)
    return _render(page, "conference.html", meeting=meeting,
                   title=history.conference_name(meeting.conference),
                   kind_label=history.kind_label, date_text=history.date_text,
                   conference_name=history.conference_name,
                   notes=aggregate.notes_for(records, site.index, {("members", number)}),
                   cited=_cited(records, _roster_sources(meeting.roster)))


def province_index(page):
    records = current().records
    return _render(page, "province_index.html",
                   provinces=aggregate.sorted_provinces(records.provinces.values()))


def province_page(page, slug):
    site = current()
    records = site.records
    province = _lookup(records.provinces, slug, "tỉnh")
    period_ids = sorted(site.index.periods_by_province.get(slug, ()), key=lambda p: records.periods[p].start)
    shown = period_ids[-RECENT_PERIODS:]
    by_group = [(g, aggregate.province_table(site.index, province, g, shown)) for g in records.catalogue.groups]
    tables = [t for _, t in by_group if t]
    # A group with no figure of the province in those periods has no table: the page says so.
    without = [g for g, t in by_group if t is None] if tables else []
    merged_in = aggregate.sorted_provinces(p for p in records.provinces.values()
                                           if any(c.into == slug for c in p.history))
    lines, found = _history(records, province)
    return _render(page, "province.html", tables, province=province, tables=tables, without=without,
                   shown_periods=[records.periods[p] for p in shown],
                   older=[records.periods[p] for p in period_ids[:-RECENT_PERIODS]],
                   successor=records.successor(province), end=records.end_of(province),
                   merged_in=[(p, records.end_of(p)) for p in merged_in],
                   member_via=[p for p in merged_in if is_member(records, p)], is_member=found.member,
                   history_lines=lines, roles=history.member_roles(records, slug),
                   conference_name=history.conference_name,
                   cited=_cited(records, [m.source for m in province.membership]
                                + [c.source for c, _roles in membership.roles(records, slug)]))


def statistics_hub(page):
    records = current().records
    periods = sorted(records.periods.values(), key=lambda p: p.start, reverse=True)
    return _render(page, "statistics_hub.html", periods=periods, groups=records.catalogue.groups,
                   breakdowns=breakdowns.breakdowns(records))


def indicator_index(page):
    """/chi-so/: every indicator by group, with its unit, definition and the periods it has figures for."""
    site = current()
    records = site.records
    def entry(indicator):
        periods = sorted((records.periods[p] for p in site.index.periods_by_indicator.get(indicator.id, ())),
                         key=lambda p: p.start)
        return indicator, periods[-1] if periods else None, len(periods)
    groups = [(group, [entry(i) for i in group.indicators]) for group in records.catalogue.groups]
    return _render(page, "indicator_index.html", groups=groups)


def period_page(page, period_id):
    site = current()
    period = _lookup(site.records.periods, period_id, "kỳ báo cáo")
    totals = site.records.totals.get(period_id)
    scope = aggregate.sorted_provinces(site.records.provinces[s] for s in totals.scope) if totals else []
    tables = aggregate.period_tables(site.index, period_id)
    return _render(page, "period.html", tables, period=period, tables=tables, totals=totals, scope=scope)


def indicator_page(page, indicator_id):
    site = current()
    indicator = _lookup(site.records.indicators, indicator_id, "chỉ số")
    period_ids = sorted(site.index.periods_by_indicator.get(indicator_id, ()),
                        key=lambda p: site.records.periods[p].start)
    table = aggregate.indicator_table(site.index, indicator, RECENT_PERIODS)
    return _render(page, "indicator.html", [table] if table else [], indicator=indicator,
                   group=site.records.group_of(indicator_id), table=table,
                   breakdowns=breakdowns.breakdowns_of(site.records, indicator_id),
                   older=[site.records.periods[p] for p in period_ids[:-RECENT_PERIODS]])


def bloc_intro(page):
    return _render(page, "bloc_intro.html", bloc=current().records.bloc)


def current_members(page):
    records = current().records
    today = members_today(records)
    return _render(page, "members_today.html", today=today, summary=members_summary(records, today))


def latest_bulletin(page):
    records = current().records
    latest = max(records.bulletins.values(), key=lambda b: (b.date, b.id), default=None)
    return _render(page, "latest_bulletin.html", bulletin=latest)


def key_figures(page):
    """The bloc's published totals of the latest period: the first of each catalogue group."""
    site = current()
    records = site.records
    periods = sorted((p for p in records.periods.values() if p.id in site.index.periods_with_figures),
                     key=lambda p: p.start)
    if not periods:
        return _render(page, "key_figures.html", period=None, figures=[], sources=[])
    period = periods[-1]
    figures = aggregate.key_figures(site.index, period.id)
    sources = site.index.sources_of([figure for *_, figure in figures])
    return _render(page, "key_figures.html", period=period, figures=figures, sources=sources)


def archive_page(page):
    """/luu-tru/: every archived snapshot with its checksum, how to verify it, and the errata."""
    return _render(page, "archive.html", **archive_listing(current()))
