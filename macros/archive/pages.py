"""What the live site shows of the archive: the /luu-tru/ page and the errata notices.

An erratum is shown on the page of the issue it corrects and on the pages of the records it
names, each notice linking to the issue, to those pages, and to its entry on /luu-tru/.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from macros.records.schema import Erratum

ARCHIVE_PAGE = "luu-tru/index.md"


@dataclass(frozen=True)
class ErratumView:
    erratum: Erratum
    anchor: str  # id of its entry on /luu-tru/
    issue_page: str | None  # src_uri of the corrected issue's page
    issue_title: str
    record_pages: list[tuple[str, str]]  # (title, src_uri) of the pages showing a corrected record


def pages_of_file(file: str, site) -> list[str]:
    """The generated pages that show a record file: the page it is edited from, and for a
    report its province and period pages, for a conference the members page."""
    uris = [uri for uri, page in site.pages.items() if page.edit_file == file]
    path = PurePosixPath(file)
    if path.parts[:2] == ("data", "reports") and len(path.parts) == 4:
        uris += [f"tinh/{path.parts[2]}.md", f"so-lieu/{path.stem}.md"]
    if path.parts[:2] == ("data", "conferences"):
        uris.append("thanh-vien/index.md")
    return [uri for uri in dict.fromkeys(uris) if uri in site.pages]


def erratum_view(erratum: Erratum, site) -> ErratumView:
    bulletin = site.records.bulletins.get(erratum.issue)
    issue_page = f"ban-tin/{erratum.issue}.md"
    record_pages = [(site.pages[uri].title, uri) for file in erratum.records
                    for uri in pages_of_file(file, site) if uri != issue_page]
    return ErratumView(erratum, f"dinh-chinh-{erratum.id}",
                       issue_page if issue_page in site.pages else None,
                       bulletin.title if bulletin else erratum.issue,
                       list(dict.fromkeys(record_pages)))


def errata_on_page(src_uri: str, site) -> list[ErratumView]:
    """Errata a page shows: all of its issue's on a bulletin page, else those naming its records."""
    shown = []
    for erratum in site.records.archive.errata:
        view = erratum_view(erratum, site)
        if view.issue_page == src_uri or any(uri == src_uri for _title, uri in view.record_pages):
            shown.append(view)
    return shown


def add_errata_notes(html: str, page, site) -> str:
    """MkDocs `on_page_content`: the errata notice, just under the page's title."""
    errata = errata_on_page(page.file.src_uri, site)
    if not errata:
        return html
    note = site.renderer.render("errata.html", page.url, errata=errata, archive_page=ARCHIVE_PAGE,
                                current=page.file.src_uri)
    head, found, rest = html.partition("</h1>")
    return head + found + note + rest if found else note + html


@dataclass(frozen=True)
class SnapshotRow:
    snapshot: object  # archive.ArchivedIssue
    title: str
    issue_page: str | None
    errata: list[ErratumView]


def archive_listing(site) -> dict:
    """Values of the /luu-tru/ page: snapshots newest first, and every erratum."""
    archive = site.records.archive
    rows = []
    for snapshot in sorted(archive.snapshots.values(), key=lambda s: (s.date, s.id), reverse=True):
        bulletin = site.records.bulletins.get(snapshot.id)
        page = f"ban-tin/{snapshot.id}.md"
        rows.append(SnapshotRow(snapshot, bulletin.title if bulletin else snapshot.id,
                                page if page in site.pages else None,
                                [erratum_view(e, site) for e in archive.errata_of(snapshot.id)]))
    example = rows[0].snapshot if rows else None
    return {"rows": rows, "errata": [erratum_view(e, site) for e in archive.errata],
            "example_issue": example.id if example else "NNNN-SS",
            "example_package": example.package if example else "khcn-ban-tin-NNNN-SS.tar.gz"}
