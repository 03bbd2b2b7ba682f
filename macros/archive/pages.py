"""What the live site shows of the archive: the /luu-tru/ page and the errata notices.

An erratum is shown on the page of the issue it corrects and on the pages of the records it
names, each notice linking to the issue, to those pages, and to its entry on /luu-tru/.
Addresses come from the site's URL scheme (`site.urls`, macros/site/urls.py), reached through
the `site` passed in: the archive does not import the site.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from macros.records import formatting as fmt
from macros.records.schema import Correction, Erratum


@dataclass(frozen=True)
class CorrectionView:
    label: str  # what was corrected, for a reader: "Lào Cai, 2022-2023: Phương tiện đo được kiểm định"
    correction: Correction
    published: str  # the values, formatted as the site shows them
    corrected: str


@dataclass(frozen=True)
class ErratumView:
    erratum: Erratum
    anchor: str  # id of its entry on /luu-tru/
    issue_page: object | None  # the address of the corrected issue's page
    issue_title: str
    record_pages: list[tuple[str, object]]  # (title, address) of the pages showing a corrected record
    corrections: list[CorrectionView] = ()


def _shown(value, indicator=None) -> str:
    """A corrected value as the site shows it (11.443, 2,5, Có), text as it is."""
    if isinstance(value, dict):
        value = value.get("value")
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (int, float)):
        if indicator is not None and indicator.value_type == "percent":
            return fmt.percent(value, 1)
        return fmt.number(value, 0 if indicator is not None and indicator.value_type == "integer" else None)
    return "(không có)" if value is None else str(value)


def correction_view(correction: Correction, records) -> CorrectionView:
    """A correction in words: a figure by its province (or the bloc), period and indicator."""
    path = PurePosixPath(correction.file)
    keys = correction.path.split(".")
    indicator = records.indicators.get(keys[1]) if len(keys) == 2 and keys[0] == "figures" else None
    label = f"{correction.file}: {correction.path}"
    if indicator is not None and path.parts[:2] == ("data", "reports") and len(path.parts) == 4:
        province, period = records.provinces.get(path.parts[2]), records.periods.get(path.stem)
        if province and period:
            label = f"{province.name}, {period.label}: {indicator.label} ({indicator.unit})"
    elif indicator is not None and path.parts[:2] == ("data", "totals") and path.stem in records.periods:
        label = f"Tổng Khối, {records.periods[path.stem].label}: {indicator.label}"
    return CorrectionView(label, correction, _shown(correction.published_value, indicator),
                          _shown(correction.corrected_value, indicator))


def pages_of_file(file: str, site) -> list:
    """The generated pages that show a record file, by address: the page it is edited from,
    and for a report its province and period pages, for a conference the members page."""
    address = site.urls.address
    targets = [page.address for page in site.pages.values() if page.edit_file == file]
    path = PurePosixPath(file)
    if path.parts[:2] == ("data", "reports") and len(path.parts) == 4:
        targets += [address("province", path.parts[2]), address("period", path.stem)]
    if path.parts[:2] == ("data", "conferences"):
        targets.append(address("members"))
    return [t for t in dict.fromkeys(targets) if t.src_uri in site.pages]


def _generated(target, site):
    """The address, when the build generates its page; else None."""
    return target if target.src_uri in site.pages else None


def erratum_view(erratum: Erratum, site) -> ErratumView:
    bulletin = site.records.bulletins.get(erratum.issue)
    issue_page = site.urls.address("bulletin", erratum.issue)
    record_pages = [(site.pages[t.src_uri].title, t) for file in erratum.files
                    for t in pages_of_file(file, site) if t != issue_page]
    return ErratumView(erratum, f"dinh-chinh-{erratum.id}", _generated(issue_page, site),
                       bulletin.title if bulletin else erratum.issue,
                       list(dict.fromkeys(record_pages)),
                       [correction_view(c, site.records) for c in erratum.corrections])


def errata_on_page(src_uri: str, site) -> list[ErratumView]:
    """Errata a page shows: all of its issue's on a bulletin page, else those naming its records."""
    shown = []
    for erratum in site.records.archive.errata:
        view = erratum_view(erratum, site)
        if (view.issue_page and view.issue_page.src_uri == src_uri) or any(
                t.src_uri == src_uri for _title, t in view.record_pages):
            shown.append(view)
    return shown


def add_errata_notes(html: str, page, site) -> str:
    """MkDocs `on_page_content`: the errata notice, just under the page's title."""
    errata = errata_on_page(page.file.src_uri, site)
    if not errata:
        return html
    current = site.pages[page.file.src_uri].address if page.file.src_uri in site.pages else None
    note = site.renderer.render("errata.html", page.url, errata=errata,
                                archive_page=site.urls.address("archive"), current=current)
    head, found, rest = html.partition("</h1>")
    return head + found + note + rest if found else note + html


@dataclass(frozen=True)
class SnapshotRow:
    snapshot: object  # archive.ArchivedIssue, with its amendments
    title: str
    issue_page: object | None  # the address of the issue's page, when the build has it
    errata: list[ErratumView]
    download: str | None  # where the package is kept (mkdocs.yml's extra.archive_package_url)


def archive_listing(site) -> dict:
    """Values of the /luu-tru/ page: snapshots newest first, and every erratum."""
    archive = site.records.archive
    rows = []
    for snapshot in sorted(archive.snapshots.values(), key=lambda s: (s.date, s.id), reverse=True):
        bulletin = site.records.bulletins.get(snapshot.id)
        rows.append(SnapshotRow(snapshot, bulletin.title if bulletin else snapshot.id,
                                _generated(site.urls.address("bulletin", snapshot.id), site),
                                [erratum_view(e, site) for e in archive.errata_of(snapshot.id)],
                                site.urls.outside_address("package", issue=snapshot.id, package=snapshot.package,
                                                          sha256=snapshot.sha256)))
    example = rows[0].snapshot if rows else None
    return {"rows": rows, "errata": [erratum_view(e, site) for e in archive.errata],
            "example_issue": example.id if example else "NNNN-SS",
            "example_package": example.package if example else "khcn-ban-tin-NNNN-SS.tar.gz"}
