"""Published totals against their parts. A mismatch is a warning, shown on the site as a note.

The checks (macros/records/checks.py) call `consistency_warnings` last, with what they found
missing as data: sums that would be compared across a refused or missing figure are skipped.
"""
from __future__ import annotations

from collections import defaultdict

from macros.records import formatting as fmt
from macros.records.loader import Loaded
from macros.records.membership import rosters
from macros.records.problems import Problem, problem
from macros.records.model import Figure, Records


def consistency_warnings(records: Records, incomplete: set[tuple], provinces_complete: bool,
                         conferences: dict[int, Loaded]) -> list[Problem]:
    """W401-W404. `incomplete`: (period, indicator) pairs, or (period, None) for a whole period,
    whose province figures are not all there (a broken report, a refused value);
    `provinces_complete`: every province file loaded, so memberships are known;
    `conferences`: each conference's loaded file, where a W404 is reported."""
    by_key = _figures_by_key(records.figures)
    warnings = []
    warnings += _province_sums(records, incomplete)
    warnings += _part_sums(records, by_key)
    warnings += _share_sums(records, by_key)
    if provinces_complete:
        warnings += _member_counts(records, conferences)
    return warnings


def _figures_by_key(figures: list[Figure]) -> dict:
    return {(f.period, f.province, f.indicator): f for f in figures}


def _exact_number(figure: Figure | None):
    """A figure usable in a sum: reported, not a lower bound."""
    if figure is None or not figure.reported or figure.status == "lower_bound":
        return None
    return figure.value


def _warning(figure: Figure, code: str, message: str, subject: tuple) -> Problem:
    return problem(figure.file, figure.line, figure.column, code,
                   f"figures.{figure.indicator}", message, (subject,))


def _province_sums(records: Records, incomplete: set[tuple]) -> list[Problem]:
    """Provinces summing to the bloc total the bulletin published."""
    provinces_by_period = defaultdict(list)
    for f in records.figures:
        if f.province is not None:
            provinces_by_period[(f.period, f.indicator)].append(f)
    warnings = []
    for total in (f for f in records.figures if f.province is None):
        indicator = records.indicators[total.indicator]
        scope = records.totals[total.period].scope if total.period in records.totals else None
        parts = [f for f in provinces_by_period[(total.period, total.indicator)] if f.reported]
        published = _exact_number(total)
        if not indicator.summed or not parts or published is None:
            continue
        if {(total.period, None), (total.period, total.indicator)} & incomplete:
            continue  # a province's figure is missing because of an error reported elsewhere
        if any(f.status == "lower_bound" for f in parts):
            continue
        computed = sum(1 if f.value is True else 0 if f.value is False else f.value for f in parts)
        if abs(computed - published) > 1e-9:
            names = " + ".join(f"{records.provinces[f.province].name} {fmt.number(_num(f.value))}"
                               for f in parts)
            warnings.append(_warning(total, "W401",
                f"tổng Khối đã công bố {fmt.number(published)} khác tổng các tỉnh "
                f"{fmt.number(computed)} ({names}{_scope_notes(records, scope, parts)})",
                ("total", total.period, total.indicator)))
    return warnings


def _scope_notes(records: Records, scope: list[str] | None, parts: list[Figure]) -> str:
    """How the sum's provinces differ from the totals' scope (the provinces the published
    totals cover): the likeliest causes of a difference, for the editor to see before looking
    for a typo. The sum is of every province reporting, as the period's table shows it."""
    if scope is None:
        return ""
    summed = [f.province for f in parts]
    silent = [records.provinces[s].name for s in scope if s in records.provinces and s not in summed]
    outside = [records.provinces[s].name for s in summed if s not in scope]
    notes = ""
    if silent:
        notes += f"; {', '.join(silent)} không có số"
    if outside:
        notes += f"; {', '.join(outside)} không thuộc phạm vi (scope) của số tổng"
    return notes


def _num(value):
    return int(value) if isinstance(value, bool) else value


def _part_sums(records: Records, by_key: dict) -> list[Problem]:
    """Sub-counts of a count, as Vietnamese reports give them: "298 đề tài, trong đó 38 cấp nhà
    nước, 270 cấp tỉnh". The parts of such an "of which" breakdown may leave out other kinds,
    so parts summing to less than the whole are normal; parts exceeding it are not. A
    breakdown the catalogue marks complete (`parts_complete`) must add up exactly."""
    warnings = []
    for indicator in records.indicators.values():
        if not indicator.parts:
            continue
        for (period, province, ind_id), whole in by_key.items():
            if ind_id != indicator.id or _exact_number(whole) is None:
                continue
            values = [_exact_number(by_key.get((period, province, part))) for part in indicator.parts]
            if any(v is None for v in values):
                continue
            total = sum(values)
            exceeds = total - whole.value > 1e-9
            if exceeds or (indicator.parts_complete and abs(total - whole.value) > 1e-9):
                labels = " + ".join(fmt.number(v) for v in values)
                kind = "" if indicator.parts_complete else " \"trong đó\""
                relation = "lớn hơn" if exceeds else "khác"
                warnings.append(_warning(whole, "W402",
                    f"các chỉ số con{kind} ({', '.join(indicator.parts)}) cộng lại {labels} = "
                    f"{fmt.number(total)}, {relation} số đã công bố {fmt.number(whole.value)}",
                    ("parts", period, province, indicator.id)))
    return warnings


def _share_sums(records: Records, by_key: dict) -> list[Problem]:
    """Shares published with `decimals` places summing to 100 % within rounding."""
    warnings = []
    levels = {(f.period, f.province) for f in records.figures}
    for share_set in records.catalogue.share_sets:
        indicators = [records.indicators.get(part) for part in share_set.parts]
        if any(i is None or i.value_type != "percent" for i in indicators):
            continue  # the catalogue's error (E302, E306) is reported; its sum means nothing
        tolerance = 0.5 * 10 ** -share_set.decimals * len(share_set.parts) + 1e-9
        for period, province in sorted(levels, key=str):
            figures = [by_key.get((period, province, part)) for part in share_set.parts]
            values = [_exact_number(f) for f in figures]
            if any(v is None for v in values):
                continue
            total = sum(values)
            if abs(total - 100) > tolerance:
                shown = " + ".join(fmt.percent(v, share_set.decimals) for v in values)
                warnings.append(_warning(figures[0], "W403",
                    f"các tỉ lệ \"{share_set.label}\" cộng lại {shown} = "
                    f"{fmt.percent(total, share_set.decimals)}, không phải 100% "
                    f"(sai số làm tròn cho phép ±{fmt.number(tolerance - 1e-9, share_set.decimals + 1)} điểm %)",
                    ("shares", period, province, share_set.id)))
    return warnings


def _member_counts(records: Records, conferences: dict[int, Loaded]) -> list[Problem]:
    """The member counts a source gives for a meeting against the members the records name.

    Compared only where the records name members at the meeting (listed there, or members
    during the period it reviewed): a count with no list behind it has nothing to disagree with."""
    warnings = []
    for found in rosters(records):
        conference, item = found.conference, conferences[found.conference.number]
        if not found.members:
            continue
        counts = (("members_count", conference.members_count, list(found.members), "tại hội nghị"),
                  ("members_after", conference.members_after, found.after, "sau hội nghị"))
        for key, published, named, when in counts:
            if published is not None and published != len(named):
                names = ", ".join(sorted(records.provinces[slug].name for slug in named))
                warnings.append(item.problem((key,), "W404",
                    f"nguồn ghi {published} thành viên {when}, nhưng hồ sơ các tỉnh cho "
                    f"{len(named)} thành viên ({names})", (("members", conference.number),)))
    return warnings
