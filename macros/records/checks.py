"""Checks across records: references, ids, dates, figure values, and published-total consistency.

Errors stop the build. Consistency problems (a published total that differs from its
parts) are warnings: published figures are never "fixed", the site shows a note instead.
"""
from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from pathlib import Path, PurePosixPath

from macros.records.consistency import consistency_warnings
from macros.records.membership import is_province_id, roster
from macros.records.loader import Loaded, LoadedSet, describe, dotted, number_hint, unknown_key_message
from macros.records import ids, periods
from macros.records.numbers import two_readings
from macros.records.problems import WARNING, Problem, problem
from macros.records.model import Figure, Records
from macros.records.schema import FIGURE_STATUSES, FigureDetail, Indicator

DETAIL_KEYS = list(FigureDetail.model_fields)


def build_records(root: Path, loaded: LoadedSet) -> tuple[Records | None, list[Problem]]:
    """Cross-check the loaded files; Records is None when a required file is missing."""
    problems: list[Problem] = []
    singles = {}
    for kind, name in (("bloc", "data/bloc.yml"), ("catalogue", "data/indicators.yml")):
        found = loaded.of(kind)
        if not found:
            if not any(p.file == name for p in loaded.problems):
                problems.append(problem(name, 1, 1, "E121", "", f"thiếu tệp bắt buộc {name}"))
            return None, problems
        singles[kind] = found[0]
    index = _index(loaded, problems)
    records = Records(
        root=root, bloc=singles["bloc"].record, catalogue=singles["catalogue"].record,
        provinces={k: v.record for k, v in index["province"].items()},
        periods={k: v.record for k, v in index["period"].items()},
        bulletins={k: v.record for k, v in index["bulletin"].items()},
        conferences={k: v.record for k, v in index["conference"].items()},
        documents={k: v.record for k, v in index["document"].items()},
        reports=[item.record for item in loaded.of("report")],
        totals={k: v.record for k, v in index["totals"].items()},
    )
    records.files = {(kind, key): item.file for kind, items in index.items()
                     for key, item in items.items()}
    for item in loaded.of("report"):
        records.files[("report", item.record.province, item.record.period)] = item.file
    checker = _Checker(records, index, singles, problems, _broken_ids(loaded))
    checker.run(loaded)
    records.warnings = [p for p in problems if p.severity == WARNING]
    return records, problems


def _record_id(item: Loaded):
    if item.kind == "conference":
        return item.record.number
    if item.kind == "totals":
        return item.record.period
    if item.kind == "report":
        return (item.record.province, item.record.period)
    return item.record.id


def _file_id(kind: str, file: str):
    """The id a file's place promises (the file name; for a report, folder and name)."""
    path = PurePosixPath(file)
    if kind == "report":
        return (path.parent.name, path.stem)
    if kind == "conference":
        return int(path.stem) if path.stem.isdigit() else path.stem
    return path.stem


def _broken_ids(loaded: LoadedSet) -> dict[str, set]:
    """Ids of the files that could not be loaded, by kind (taken from their names)."""
    ids: dict[str, set] = defaultdict(set)
    for kind, file in loaded.broken:
        ids[kind].add(_file_id(kind, file))
    return ids


def _index(loaded: LoadedSet, problems: list[Problem]) -> dict[str, dict]:
    """Records by id for each kind; when two files claim one id, the file named after the id
    keeps it (else the first by name) and the other gets the error."""
    index: dict[str, dict] = defaultdict(dict)
    items = [item for item in loaded.items if item.kind not in ("bloc", "catalogue")]
    for item in sorted(items, key=lambda i: (_file_id(i.kind, i.file) != _record_id(i), i.file)):
        key = _record_id(item)
        first = index[item.kind].get(key)
        if first is not None:
            field_name = {"conference": "number", "totals": "period", "report": "period"}.get(item.kind, "id")
            shown = "/".join(key) if isinstance(key, tuple) else key
            problems.append(item.problem((field_name,), "E301",
                f"mã \"{shown}\" đã được dùng trong {first.file}; mỗi bản ghi phải có mã riêng"))
            continue
        index[item.kind][key] = item
    return index


# What `ref` looks up, by the name used in its message: the kinds whose broken files count.
_REF_KINDS = {"tỉnh": ("province",), "kỳ báo cáo": ("period",), "hội nghị": ("conference",),
              "bản tin": ("bulletin",)}


class _Checker:
    def __init__(self, records: Records, index, singles, problems: list[Problem], broken=None):
        self.r = records
        self.index = index
        self.singles = singles
        self.problems = problems
        self.indicators = records.indicators
        self.broken: dict[str, set] = broken if broken is not None else defaultdict(set)
        # (period, indicator) pairs with a province figure left out (a broken report, a refused
        # value): the provinces' sum is then incomplete, so it is not compared with the total.
        self.incomplete: set[tuple] = {(period, None) for _province, period in self.broken["report"]}

    def run(self, loaded: LoadedSet) -> None:
        self.check_catalogue()
        for item in self.index["period"].values():
            self.check_period(item)
        self.check_overlaps()
        for item in self.index["province"].values():
            self.check_province(item)
        for item in self.index["conference"].values():
            self.check_conference(item)
        for item in self.index["bulletin"].values():
            self.check_bulletin(item)
        for item in self.index["document"].values():
            self.check_document(item)
        self.check_sources(self.singles["bloc"], ("sources",), self.r.bloc.sources)
        for item in loaded.of("report"):
            self.check_report(item)
        for item in self.index["totals"].values():
            self.check_totals(item)
        # A province file with an error: its membership is unknown, the member counts are not compared.
        self.problems.extend(consistency_warnings(self.r, self.incomplete, not self.broken["province"],
                                                  self.index["conference"]))

    # -- helpers ---------------------------------------------------------------
    def error(self, item: Loaded, path: tuple, code: str, message: str) -> None:
        self.problems.append(item.problem(path, code, message))

    def ref(self, item: Loaded, path: tuple, value, known, what: str, at_key: bool = False) -> bool:
        """Check that `value` names an existing record; suggest the closest one if not.

        False without a problem when the record's file exists but could not be loaded:
        that file has its own error, and the reference is checked once it is fixed."""
        if value in known:
            return True
        if any(value in self.broken[kind] for kind in _REF_KINDS.get(what, ())):
            return False
        close = difflib.get_close_matches(str(value), [str(k) for k in known], n=1, cutoff=0.6)
        hint = f"; có phải ý bạn là \"{close[0]}\"?" if close else ""
        self.problems.append(item.problem(path, "E302", f"không tìm thấy {what} \"{value}\"{hint}",
                                          at_key=at_key))
        return False

    def check_sources(self, item: Loaded, path: tuple, sources) -> None:
        """Every source names a bulletin or a document. A missing one is never matched to
        another issue (2024-01 is not a typo of 2023-04, and an archived issue takes no new
        record): the message says how to create it."""
        for i, source in enumerate(sources if isinstance(sources, list) else [sources]):
            at = path + (i,) if isinstance(sources, list) else path
            if source in self.r.bulletins or source in self.r.documents:
                continue
            if source in self.broken["bulletin"] or source in self.broken["document"]:
                continue  # its file has an error of its own
            self.problems.append(item.problem(at, "E302", self.missing_source(source)))

    def missing_source(self, source: str) -> str:
        if ids.BULLETIN.matches(source):
            return (f"không tìm thấy bản tin \"{source}\" (chưa có tệp data/bulletins/{source}.yml); "
                    f"số bản tin mới phải được tạo trước các bản ghi dẫn nguồn nó: python -m macros new "
                    f"bulletin {source}")
        close = difflib.get_close_matches(source, list(self.r.documents), n=1, cutoff=0.6)
        hint = (f"có phải ý bạn là \"{close[0]}\"?" if close else
                f"tài liệu mới: thêm tệp data/documents/{source}.yml (các trường ở bảng \"Văn bản, tài "
                f"liệu nguồn\" của trang Hướng dẫn)")
        return f"không tìm thấy nguồn \"{source}\" trong data/bulletins/ và data/documents/; {hint}"

    def check_file_name(self, item: Loaded, key) -> None:
        stem = PurePosixPath(item.file).stem
        if stem != str(key):
            field_name = "number" if item.kind == "conference" else "id"
            self.error(item, (field_name,), "E312",
                       f"tên tệp \"{stem}.yml\" phải trùng với mã \"{key}\"; hãy đổi tên tệp thành {key}.yml")

    # -- catalogue -------------------------------------------------------------
    def check_catalogue(self) -> None:
        item = self.singles["catalogue"]
        seen: dict[str, tuple] = {}
        for g, group in enumerate(self.r.catalogue.groups):
            for i, indicator in enumerate(group.indicators):
                path = ("groups", g, "indicators", i, "id")
                if indicator.id in seen:
                    self.error(item, path, "E301", f"chỉ số \"{indicator.id}\" đã được định nghĩa ở "
                               f"{dotted(seen[indicator.id])}")
                seen.setdefault(indicator.id, path)
        for g, group in enumerate(self.r.catalogue.groups):
            for i, indicator in enumerate(group.indicators):
                for p, part in enumerate(indicator.parts):
                    self.ref(item, ("groups", g, "indicators", i, "parts", p), part, seen, "chỉ số")
        for s, share_set in enumerate(self.r.catalogue.share_sets):
            for p, part in enumerate(share_set.parts):
                path = ("share_sets", s, "parts", p)
                if self.ref(item, path, part, seen, "chỉ số") and \
                        self.indicators[part].value_type != "percent":
                    self.error(item, path, "E306", f"chỉ số \"{part}\" trong bộ tỉ lệ phải có value_type: percent")

    # -- periods, provinces, conferences, bulletins ------------------------------
    def check_period(self, item: Loaded) -> None:
        self.check_file_name(item, item.record.id)
        if item.record.start > item.record.end:
            self.error(item, ("end",), "E304", f"ngày kết thúc {item.record.end:%d/%m/%Y} đứng trước "
                       f"ngày bắt đầu {item.record.start:%d/%m/%Y}")

    def check_province(self, item: Loaded) -> None:
        province = item.record
        self.check_file_name(item, province.id)
        self.check_sources(item, ("code_source",), province.code_source)
        previous = province.established
        for i, change in enumerate(province.history):
            if self.ref(item, ("history", i, "into"), change.into, self.r.provinces, "tỉnh") \
                    and change.into == province.id:
                self.error(item, ("history", i, "into"), "E302", "một tỉnh không thể sáp nhập vào chính nó")
            self.check_sources(item, ("history", i, "source"), change.source)
            if previous and change.date < previous:
                self.error(item, ("history", i, "date"), "E304",
                           f"ngày {change.date:%d/%m/%Y} đứng trước sự kiện trước đó ({previous:%d/%m/%Y})")
            previous = change.date
        for i, membership in enumerate(province.membership):
            self.check_membership(item, i, membership)

    def check_membership(self, item: Loaded, i: int, membership) -> None:
        path = ("membership", i)
        self.check_sources(item, path + ("source",), membership.source)
        if membership.conference is not None:
            if self.ref(item, path + ("conference",), membership.conference, self.r.conferences, "hội nghị"):
                conference = self.r.conferences[membership.conference]
                if item.record.id not in conference.admitted:
                    self.error(item, path + ("conference",), "E310",
                               f"hội nghị lần {conference.number} không ghi tỉnh \"{item.record.id}\" "
                               "trong danh sách kết nạp (admitted)")
        if membership.listed_at is not None:
            self.ref(item, path + ("listed_at",), membership.listed_at, self.r.conferences, "hội nghị")
        if membership.known_member_in is not None:
            self.ref(item, path + ("known_member_in",), membership.known_member_in, self.r.periods, "kỳ báo cáo")
        self.check_membership_says_something(item, path, membership)
        if membership.until is None:
            return
        if isinstance(membership.since, dt.date) and membership.until < membership.since:
            self.error(item, path + ("until",), "E304", f"ngày thôi {membership.until:%d/%m/%Y} đứng trước "
                       f"ngày gia nhập {membership.since:%d/%m/%Y}")
        elif membership.member_on is not None and membership.until < membership.member_on:
            self.error(item, path + ("until",), "E304", f"ngày thôi {membership.until:%d/%m/%Y} đứng trước "
                       f"ngày {membership.member_on:%d/%m/%Y} mà nguồn cho thấy tỉnh là thành viên (member_on)")

    def check_membership_says_something(self, item: Loaded, path: tuple, membership) -> None:
        """An entry states at least one fact a source gives: a date or a meeting or a period."""
        facts = (membership.conference, membership.known_member_in, membership.listed_at, membership.member_on)
        if isinstance(membership.since, dt.date) or any(fact is not None for fact in facts):
            return
        if membership.since == "unknown":
            self.error(item, path + ("since",), "E313", "ngày gia nhập không rõ: hãy ghi hội nghị kết nạp "
                       "(conference), kỳ tỉnh đã là thành viên (known_member_in), hội nghị nguồn liệt kê "
                       "tỉnh là thành viên (listed_at) hoặc ngày nguồn cho thấy tỉnh là thành viên (member_on)")
        else:
            self.error(item, path, "E313", "mục membership không ghi điều gì nguồn cho biết: cần since, "
                       "conference, known_member_in, listed_at hoặc member_on")

    def check_conference(self, item: Loaded) -> None:
        conference = item.record
        self.check_file_name(item, conference.number)
        self.check_sources(item, ("source",), conference.source)
        self.check_conference_date(item)
        if conference.host is not None:
            self.ref(item, ("host",), conference.host, self.r.provinces, "tỉnh")
        for key in ("presenting", "admitted"):
            for i, slug in enumerate(getattr(conference, key)):
                self.ref(item, (key, i), slug, self.r.provinces, "tỉnh")
        for i, slug in enumerate(conference.admitted):
            province = self.r.provinces.get(slug)
            if province and not any(m.conference == conference.number for m in province.membership):
                self.error(item, ("admitted", i), "E310", f"tệp của tỉnh \"{slug}\" chưa ghi việc gia nhập "
                           f"tại hội nghị này (membership với conference: {conference.number})")
        for i, period in enumerate(conference.periods):
            self.ref(item, ("periods", i), period, self.r.periods, "kỳ báo cáo")
        self.check_guests(item)

    def check_conference_date(self, item: Loaded) -> None:
        conference = item.record
        if conference.date is not None and conference.date.year != conference.year:
            self.error(item, ("date",), "E304", f"ngày {conference.date:%d/%m/%Y} không thuộc năm {conference.year}")
        elif conference.date is not None and conference.month is not None and conference.date.month != conference.month:
            self.error(item, ("date",), "E304", f"ngày {conference.date:%d/%m/%Y} không thuộc tháng "
                       f"{conference.month} đã ghi ở month")

    def check_guests(self, item: Loaded) -> None:
        """A guest is named by its province id when the province has a record, and is not a member."""
        conference = item.record
        members = roster(self.r, conference.number).members
        names = {p.name.casefold(): p.id for p in self.r.provinces.values()}
        for i, guest in enumerate(conference.guests):
            if is_province_id(guest):
                if self.ref(item, ("guests", i), guest, self.r.provinces, "tỉnh") and guest in members:
                    self.error(item, ("guests", i), "E320", f"tỉnh \"{guest}\" được ghi là khách mời, nhưng "
                               f"tệp của tỉnh ghi là thành viên tại hội nghị này; khách mời không phải thành "
                               f"viên: sửa một trong hai tệp (guests ở đây, membership trong "
                               f"{self.r.files[('province', guest)]})")
            elif guest.casefold() in names:
                slug = names[guest.casefold()]
                self.error(item, ("guests", i), "E321", f"tỉnh \"{guest}\" có bản ghi "
                           f"{self.r.files[('province', slug)]}: hãy ghi mã tỉnh {slug} thay cho tên, "
                           "để trang của tỉnh liệt kê hội nghị này")

    def check_document(self, item: Loaded) -> None:
        document = item.record
        self.check_file_name(item, document.id)
        if document.bulletin is not None:
            self.ref(item, ("bulletin",), document.bulletin, self.r.bulletins, "bản tin")
        if document.date and document.accessed and document.accessed < document.date:
            self.error(item, ("accessed",), "E304", f"ngày truy cập {document.accessed:%d/%m/%Y} đứng trước "
                       f"ngày đăng {document.date:%d/%m/%Y}")

    def check_bulletin(self, item: Loaded) -> None:
        bulletin = item.record
        self.check_file_name(item, bulletin.id)
        if bulletin.id != f"{bulletin.year}-{bulletin.number:02d}":
            self.error(item, ("id",), "E314", f"mã bản tin phải là năm-số: {bulletin.year}-{bulletin.number:02d}")
        for i, period in enumerate(bulletin.periods):
            self.ref(item, ("periods", i), period, self.r.periods, "kỳ báo cáo")
        for i, number in enumerate(bulletin.conferences):
            self.ref(item, ("conferences", i), number, self.r.conferences, "hội nghị")
        for a, article in enumerate(bulletin.articles):
            for d, doc in enumerate(article.related_documents):
                self.check_sources(item, ("articles", a, "related_documents", d), doc)
            if article.published and article.accessed and article.accessed < article.published:
                self.error(item, ("articles", a, "accessed"), "E304", "ngày truy cập đứng trước ngày đăng bài")

    # -- figures ---------------------------------------------------------------
    def check_report(self, item: Loaded) -> None:
        report = item.record
        parts = PurePosixPath(item.file).parts  # data/reports/<province>/<period>.yml
        # A misplaced report's figures belong to a province or period in doubt: the provinces'
        # sums of its period are not compared with the totals (no W401 cascading from it).
        if parts[-2] != report.province:
            self.error(item, ("province",), "E309", f"báo cáo nằm trong thư mục của tỉnh \"{parts[-2]}\" "
                       f"nhưng ghi province: {report.province}; mỗi tỉnh chỉ ghi số liệu trong thư mục của mình")
            self.incomplete.add((report.period, None))
        if PurePosixPath(item.file).stem != report.period:
            self.error(item, ("period",), "E309", f"tên tệp phải là mã kỳ: {report.period}.yml")
            self.incomplete.add((report.period, None))
        self.check_sources(item, ("source",), report.source)
        province_ok = self.ref(item, ("province",), report.province, self.r.provinces, "tỉnh")
        period_ok = self.ref(item, ("period",), report.period, self.r.periods, "kỳ báo cáo")
        if province_ok and period_ok:
            self.check_existence(item)
        else:
            self.incomplete.add((report.period, None))
        # A report duplicating another (E301) is checked but its figures are not counted twice.
        indexed = self.index["report"].get((report.province, report.period)) is item
        self.collect_figures(item, report.province, keep=province_ok and period_ok and indexed)

    def check_existence(self, item: Loaded) -> None:
        """E305 for a province that did not exist during the period, W405 for part of it."""
        province = self.r.provinces[item.record.province]
        ended = periods.merger(province)
        successor = self.r.provinces.get(ended[1]) if ended else None
        finding = periods.province_in_period(province, self.r.periods[item.record.period],
                                             successor.name if successor else None)
        if finding is not None:  # an error or a warning: its severity is the registry's
            self.problems.append(item.problem(("period",), finding.code, finding.message))

    def check_overlaps(self) -> None:
        """W406 on each period that shares days with an earlier one."""
        for period, earlier in periods.overlaps(list(self.r.periods.values())):
            self.problems.append(self.index["period"][period.id].problem(
                ("start",), "W406", periods.overlap_message(period, earlier)))

    def check_totals(self, item: Loaded) -> None:
        totals = item.record
        self.check_file_name(item, totals.period)
        self.check_sources(item, ("source",), totals.source)
        self.ref(item, ("period",), totals.period, self.r.periods, "kỳ báo cáo")
        for i, slug in enumerate(totals.scope):
            self.ref(item, ("scope", i), slug, self.r.provinces, "tỉnh")
        self.collect_figures(item, None)

    def collect_figures(self, item: Loaded, province: str | None, keep: bool = True) -> None:
        """Check every figure of a report or totals file; `keep` adds them to the records."""
        for key, raw in item.record.figures.items():
            path = ("figures", key)
            if not self.ref(item, path, key, self.indicators, "chỉ số", at_key=True):
                self.incomplete.add((item.record.period, None))  # which indicator is unknown
                continue
            figure = self.read_figure(item, path, self.indicators[key], raw, province)
            if figure is None and province is not None:
                self.incomplete.add((item.record.period, key))
            if figure is not None and keep:
                self.r.figures.append(figure)

    def read_figure(self, item: Loaded, path: tuple, indicator: Indicator, raw, province) -> Figure | None:
        """Turn a bare value or a {value, status, ...} mapping into a Figure, checking its type."""
        detail = {"value": raw} if not isinstance(raw, dict) else raw
        unknown = [k for k in detail if k not in DETAIL_KEYS]
        for key in unknown:
            self.problems.append(item.problem(path + (key,), "E201", unknown_key_message(key, DETAIL_KEYS)))
        status = detail.get("status", "exact")
        if status not in FIGURE_STATUSES:
            self.error(item, path + ("status",), "E203", f"cần một trong các trạng thái "
                       f"{', '.join(FIGURE_STATUSES)}, gặp {describe(status)}")
            return None
        value = detail.get("value")
        at = path + ("value",) if isinstance(raw, dict) else path
        if status == "not_reported":
            if value is not None:
                self.error(item, at, "E307", "số liệu \"not_reported\" (không báo cáo) không được có giá trị")
                return None
        elif not self.check_value(item, at, indicator, value, province, status) or unknown:
            return None
        source = detail.get("source") or item.record.source
        if "source" in detail:
            self.check_sources(item, path + ("source",), source)
        line, column, _ = item.doc.locate(path)
        return Figure(indicator.id, item.record.period, province, value, status,
                      detail.get("note"), source, item.file, line, column)

    def check_value(self, item: Loaded, at: tuple, indicator: Indicator, value, province, status) -> bool:
        expected = indicator.value_type
        if province is None and expected == "boolean":
            expected = "integer"  # the bloc's figure for a yes/no indicator counts provinces
        if value is None:
            self.error(item, at, "E307", "chưa điền giá trị; điền số liệu, hoặc ghi "
                       "{status: not_reported} nếu không có số này (không báo cáo khác với số 0)")
            return False
        if expected == "decimal" and isinstance(value, (float, str)):
            # 2.500 (which YAML reads as 2.5) or 2,500: a thousands separator or a decimal one?
            readings = two_readings(item.doc.raw_at(at) or str(value))
            if readings is not None:
                self.error(item, at, "E308", f"chỉ số \"{indicator.id}\" ({indicator.unit}): "
                           + readings.message())
                return False
        # The source text (for the hint) is looked up only when the value is refused.
        message = _type_mismatch(expected, value) and _type_mismatch(expected, value, item.doc.raw_at(at))
        if message:
            self.error(item, at, "E306", f"chỉ số \"{indicator.id}\" ({indicator.unit}) {message}")
            return False
        if not isinstance(value, bool) and value < 0:
            self.error(item, at, "E303", f"số liệu không được âm, gặp {value}")
            return False
        if expected == "percent" and value > 100:
            self.error(item, at, "E303", f"tỉ lệ phải từ 0 đến 100, gặp {value}")
            return False
        if status == "lower_bound" and expected == "boolean":
            self.error(item, at, "E307", "giá trị true/false không thể là số tối thiểu (lower_bound)")
            return False
        return True


def _type_mismatch(expected: str, value, raw: str | None = None) -> str | None:
    integer = expected == "integer"
    if expected == "boolean":
        return None if isinstance(value, bool) else f"cần true hoặc false, gặp {describe(value)}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"cần {'số nguyên' if integer else 'một số'}, gặp {describe(value)}{number_hint(value, raw, integer)}"
    if integer and isinstance(value, float):
        return f"cần số nguyên, gặp {describe(value)}{number_hint(value, raw, integer)}"
    return None
