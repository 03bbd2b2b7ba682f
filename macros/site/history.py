"""The bloc's history on the site: the meetings (/hoi-nghi/), each meeting's page, who the
members were at each meeting, and what each source says of a province's membership.

Everything shown here comes from a record and names its source; what no source says is
written "không rõ", and a meeting number no source covers yet is listed as a gap
("chưa có tư liệu"), never hidden and never filled in. The facts themselves are computed in
macros/records/membership.py; this module only puts them into words and rows.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from macros.records import formatting as fmt
from macros.records import membership
from macros.records.model import Records
from macros.records.schema import CONFERENCE_KINDS, Conference, Membership, Province

UNKNOWN = "không rõ"
NO_RECORD = "chưa có tư liệu"

ROLE_LABELS = {"host": "đăng cai", "member": "thành viên", "presenting": "có tham luận",
               "admitted": "được kết nạp", "guest": "khách mời (không phải thành viên)"}


def roman(number: int) -> str:
    """11 -> 'XI'."""
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + numeral, number - value
    return out


def kind_label(conference: Conference) -> str:
    """'Hội thảo' or 'Hội nghị', as the source names the meeting."""
    return CONFERENCE_KINDS[conference.kind]


def conference_name(conference: Conference) -> str:
    """'Hội thảo lần thứ V (2013)'."""
    return f"{kind_label(conference)} lần thứ {roman(conference.number)} ({conference.year})"


def date_text(conference: Conference) -> str:
    """The date as precisely as the source gives it: '21/10/2013', 'tháng 10/2013', 'năm 2023'."""
    if conference.date is not None:
        return fmt.date(conference.date)
    if conference.month is not None:
        return f"tháng {conference.month}/{conference.year}"
    return f"năm {conference.year}"


# -- /hoi-nghi/ -------------------------------------------------------------------------------

@dataclass(frozen=True)
class MeetingRow:
    """A row of the meetings' list: a meeting with a record, or a run of numbers with none."""
    first: int
    last: int
    conference: Conference | None = None

    @property
    def numbers(self) -> str:
        if self.first == self.last:
            return roman(self.first)
        return f"{roman(self.first)}–{roman(self.last)}"


def meeting_rows(records: Records) -> list[MeetingRow]:
    """Every number from I to the highest known, in order; consecutive numbers without a
    record form one gap row."""
    rows: list[MeetingRow] = []
    for number in range(1, max(records.conferences, default=0) + 1):
        conference = records.conferences.get(number)
        if conference is not None:
            rows.append(MeetingRow(number, number, conference))
        elif rows and rows[-1].conference is None and rows[-1].last == number - 1:
            rows[-1] = MeetingRow(rows[-1].first, number)
        else:
            rows.append(MeetingRow(number, number))
    return rows


# -- a meeting's page ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Guest:
    """A guest as the page shows it: a province with a page, or a name as the source writes it."""
    name: str
    province: Province | None = None


@dataclass
class MeetingView:
    conference: Conference
    roster: membership.Roster
    members: list[Province]
    member_sources: list[str]  # sources of the member list other than the meeting's own
    presenting: list[Province]
    admitted: list[Province]
    guests: list[Guest]
    decisions: list[str]
    previous: Conference | None
    following: Conference | None
    periods: list = field(default_factory=list)


def _provinces(records: Records, slugs) -> list[Province]:
    return sorted((records.provinces[s] for s in slugs), key=lambda p: fmt.sort_key(p.name))


def meeting_view(records: Records, number: int) -> MeetingView:
    """What a meeting's page shows, each list sorted by name (guests in the source's order)."""
    conference = records.conferences[number]
    found = membership.roster(records, number)
    sources = [s for sources in found.members.values() for s in sources if s != conference.source]
    guests = [Guest(p.name, p) if (p := membership.guest_province(records, g)) else Guest(g)
              for g in conference.guests]
    decisions = list(conference.decisions)
    if conference.admitted:
        names = ", ".join(p.name for p in _provinces(records, conference.admitted))
        decisions.append(f"Kết nạp {names} vào Khối.")
    known = sorted(records.conferences)
    at = known.index(number)
    return MeetingView(
        conference, found, _provinces(records, found.members), list(dict.fromkeys(sources)),
        _provinces(records, conference.presenting), _provinces(records, conference.admitted), guests,
        decisions, records.conferences[known[at - 1]] if at else None,
        records.conferences[known[at + 1]] if at + 1 < len(known) else None,
        [records.periods[p] for p in conference.periods])


# -- citations --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Citation:
    """A source as a reader needs it to find it again; None fields are unknown."""
    source: str
    title: str
    publisher: str | None
    url: str | None
    published: dt.date | None
    accessed: dt.date | None
    bulletin: str | None = None  # the bulletin this source is, or names as its own source
    number: str | None = None  # a legal document's number


def citations(records: Records, source: str) -> list[Citation]:
    """A bulletin cites itself and the web articles that name it as their source; a document
    cites itself."""
    if source in records.bulletins:
        bulletin = records.bulletins[source]
        found = [Citation(source, bulletin.title, bulletin.publisher, None, bulletin.date, None, source)]
        found += [_document_citation(d) for d in records.documents.values() if d.bulletin == source]
        return found
    return [_document_citation(records.documents[source])]


def _document_citation(document) -> Citation:
    return Citation(document.id, document.title, document.issuer, document.url, document.date,
                    document.accessed, document.bulletin, document.number)


# -- membership over time -------------------------------------------------------------------------

@dataclass(frozen=True)
class HistoryLine:
    """One thing a source says about a province's membership, in words, with the source."""
    text: str
    source: str | None
    when: tuple  # for ordering


def entry_line(records: Records, entry: Membership) -> HistoryLine:
    """A membership entry in words: 'có tên trong các thành viên tại Hội thảo lần thứ V (21/10/2013)'."""
    parts, when = [], (9999,)
    if entry.listed_at is not None:
        conference = records.conferences[entry.listed_at]
        parts.append(f"có tên trong các thành viên tại {_at(conference)}")
        when = _when(conference)
    if entry.conference is not None:
        conference = records.conferences[entry.conference]
        parts.append(f"được kết nạp tại {_at(conference)}")
        when = min(when, _when(conference))
    if entry.known_member_in is not None:
        period = records.periods[entry.known_member_in]
        parts.append(f"là thành viên trong {fmt.in_sentence(period.label)}")
        when = min(when, (period.start.year, period.start.month, period.start.day))
    if entry.member_on is not None:
        parts.append(f"là thành viên ngày {fmt.date(entry.member_on)}")
        when = min(when, (entry.member_on.year, entry.member_on.month, entry.member_on.day))
    if isinstance(entry.since, dt.date):
        parts.insert(0, f"gia nhập ngày {fmt.date(entry.since)}")
        when = min(when, (entry.since.year, entry.since.month, entry.since.day))
    elif entry.since == "unknown":
        parts.append("ngày gia nhập không rõ")
    if entry.until is not None:
        parts.append(f"thôi là thành viên từ {fmt.date(entry.until)}")
    text = "; ".join(parts)
    return HistoryLine(text[0].upper() + text[1:], entry.source, when)


def _at(conference: Conference) -> str:
    return f"{kind_label(conference)} lần thứ {roman(conference.number)} ({date_text(conference)})"


def _when(conference: Conference) -> tuple:
    start = membership.conference_start(conference)
    return (start.year, start.month, start.day)


def history_lines(records: Records, province: Province, status: membership.Status) -> list[HistoryLine]:
    """What the sources say of the province's membership, in time order, then how it ended
    when a later meeting's complete list leaves it out (and that no source says when or why)."""
    lines = sorted((entry_line(records, e) for e in province.membership), key=lambda line: line.when)
    missing = status.left_out_at
    if missing is not None:
        conference = missing.conference
        count = len(missing.members)
        before = ", trước khi hội nghị kết nạp thêm thành viên" if missing.admitted else ""
        lines.append(HistoryLine(
            f"Không có tên trong {count} tỉnh thành viên của Khối tại {_at(conference)}{before}",
            conference.source, _when(conference)))
        lines.append(HistoryLine("Tỉnh thôi là thành viên từ khi nào và vì sao: không nguồn nào ghi",
                                 None, (9999,)))
    return lines


# -- members at each meeting --------------------------------------------------------------------

@dataclass(frozen=True)
class MatrixCell:
    text: str
    role: str  # css hook: member, admitted, guest, absent, unknown


@dataclass
class MembersMatrix:
    """Provinces (rows) at each meeting with a record (columns): member, admitted, guest,
    not on a complete list of members, or unknown."""
    rosters: list[membership.Roster]
    rows: list[tuple[Province, list[MatrixCell]]]


def members_matrix(records: Records) -> MembersMatrix:
    rosters = membership.rosters(records)
    seen = {slug for r in rosters for slug in [*r.members, *r.admitted]}
    seen |= {g for r in rosters for g in r.conference.guests if membership.guest_province(records, g)}
    rows = [(province, [_cell(r, province.id) for r in rosters])
            for province in _provinces(records, seen)]
    return MembersMatrix(rosters, rows)


def _cell(found: membership.Roster, slug: str) -> MatrixCell:
    if slug in found.members:
        return MatrixCell("thành viên", "member")
    if slug in found.admitted:
        return MatrixCell("được kết nạp", "admitted")
    if slug in found.conference.guests:
        return MatrixCell("khách mời, không phải thành viên", "guest")
    if found.complete:
        return MatrixCell("không có tên trong danh sách thành viên", "absent")
    return MatrixCell(UNKNOWN, "unknown")


def member_roles(records: Records, slug: str) -> list[tuple[Conference, list[str]]]:
    """Each meeting the province took part in, with its roles in words."""
    return [(conference, [ROLE_LABELS[r] for r in roles]) for conference, roles in membership.roles(records, slug)]
