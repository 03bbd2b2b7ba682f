"""Membership over time, as the sources tell it, and nothing more.

A province's record holds what each source says about its membership (admitted at a meeting
or on a date, a member during a period, a member on a date, listed among the members at a
meeting, no longer a member from a date). From those entries and the conference records this
module answers three questions, for the checks and for the pages:

- who the members were at a meeting (`roster`): the provinces a source lists at it, or
  shows as members during the period it reviewed, plus those it admitted;
- whether a province is a member today (`status`): it is, unless an entry ends it or a later
  meeting's complete list of members leaves it out; a membership is never carried forward
  past a meeting whose list does not name the province;
- what part a province played at each meeting (`roles`): host, member, presenting,
  admitted, guest. A guest is never counted as a member.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from macros.records.model import Records
from macros.records.schema import Conference, Membership, Province

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# The roles a province can have at a meeting, in the order pages list them.
ROLES = ("host", "member", "presenting", "admitted", "guest")


def is_province_id(text: str) -> bool:
    """A guest written as a province id (hoa-binh), not as a name (Sơn La)."""
    return bool(_SLUG.match(text))


def conference_start(conference: Conference) -> dt.date:
    """The earliest day the meeting can have been: the date, else the month's or year's first day."""
    if conference.date is not None:
        return conference.date
    return dt.date(conference.year, conference.month or 1, 1)


@dataclass
class Roster:
    """Who the members were at a meeting, with the source of each name."""
    conference: Conference
    members: dict[str, list[str]] = field(default_factory=dict)  # province -> sources (before admissions)
    admitted: list[str] = field(default_factory=list)
    count: int | None = None  # members at the meeting as a source counts them, before admissions

    @property
    def after(self) -> list[str]:
        """The members once the meeting had admitted its new ones."""
        return list(self.members) + [slug for slug in self.admitted if slug not in self.members]

    @property
    def complete(self) -> bool:
        """A source counts the members and the records name exactly that many: the list is whole,
        so a province missing from it was not a member then."""
        return self.count is not None and len(self.members) == self.count

    def includes(self, slug: str) -> bool:
        return slug in self.members or slug in self.admitted


def roster(records: Records, number: int) -> Roster:
    """The members at meeting `number` as the province records and the conference record tell it."""
    conference = records.conferences[number]
    found = Roster(conference, admitted=list(conference.admitted))
    for province in sorted(records.provinces.values(), key=lambda p: p.id):
        for entry in province.membership:
            if _lists_member_at(entry, conference):
                found.members.setdefault(province.id, [])
                if entry.source not in found.members[province.id]:
                    found.members[province.id].append(entry.source)
    if conference.members_count is not None:
        found.count = conference.members_count
    elif conference.members_after is not None:
        found.count = conference.members_after - len(conference.admitted)
    return found


def _lists_member_at(entry: Membership, conference: Conference) -> bool:
    """Listed among the members at the meeting, or a member during a period it reviewed
    (admitted at the meeting itself does not count: that is the `admitted` list)."""
    if entry.listed_at is not None:
        return entry.listed_at == conference.number
    return (entry.known_member_in is not None and entry.known_member_in in conference.periods
            and entry.conference != conference.number)


def rosters(records: Records) -> list[Roster]:
    """Every meeting's roster, in the order of their numbers."""
    return [roster(records, number) for number in sorted(records.conferences)]


def entry_before(records: Records, entry: Membership, conference: Conference) -> bool:
    """What the entry says happened before the meeting (not at it, not after it)."""
    at = entry.listed_at if entry.listed_at is not None else entry.conference
    if at is not None:
        return at < conference.number
    if entry.known_member_in is not None:
        period = records.periods.get(entry.known_member_in)
        return (entry.known_member_in not in conference.periods and period is not None
                and period.end < conference_start(conference))
    day = entry.member_on or (entry.since if isinstance(entry.since, dt.date) else None)
    return day is not None and day < conference_start(conference)


@dataclass(frozen=True)
class Status:
    """Where a province stands today, as far as the sources go."""
    member: bool  # a member today (through its own record; a merger is handled by the pages)
    ended: dt.date | None = None  # an entry's `until`: the day it stopped, as a source gives it
    left_out_at: Roster | None = None  # the first complete list of members after its entries that omits it


def status(records: Records, province: Province, all_rosters: list[Roster] | None = None) -> Status:
    """A member today unless an entry ends the membership or a later meeting's complete
    list of members omits the province. When it stopped, and why, is then whatever a
    source says (`until`), and otherwise unknown: never a guessed date."""
    entries = province.membership
    if not entries:
        return Status(False)
    ended = [entry.until for entry in entries if entry.until is not None]
    if ended and all(entry.until is not None for entry in entries):
        return Status(False, ended=max(ended))
    for found in all_rosters if all_rosters is not None else rosters(records):
        if found.complete and not found.includes(province.id) and \
                all(entry_before(records, entry, found.conference) for entry in entries):
            return Status(False, left_out_at=found)
    return Status(True)


def guest_province(records: Records, guest: str) -> Province | None:
    """The province record a guest entry names by its id, if it does."""
    return records.provinces.get(guest) if is_province_id(guest) else None


def roles(records: Records, slug: str, all_rosters: list[Roster] | None = None) -> list[tuple[Conference, list[str]]]:
    """Each meeting the province took part in, with its roles there (in the order of ROLES)."""
    found = []
    for meeting in all_rosters if all_rosters is not None else rosters(records):
        conference = meeting.conference
        held = {"host": conference.host == slug, "member": slug in meeting.members,
                "presenting": slug in conference.presenting, "admitted": slug in conference.admitted,
                "guest": slug in conference.guests}
        taken = [role for role in ROLES if held[role]]
        if taken:
            found.append((conference, taken))
    return found
