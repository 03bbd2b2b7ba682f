"""Readers' features, wired into the build: charts and downloads under each table, the open data
page, and, after the build, the compact search index, the Atom feed and the open data files.

Hooks (macros/site/hooks.py) call `install` once the records are loaded, which puts the build's
`Readers` on the `Site`, and `post_build` at the end. A view computes the extras of the tables
it shows (`Readers.extras`) before rendering; `readers_table.html` only prints them, and the
tables' schema.org Dataset JSON-LD goes into the page's head tags (views.py, `khcn_head`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from macros.site import charts as charts_module
from macros.site import opendata
from macros.site.feed import write_feed
from macros.site.searchindex import write_search_index
from macros.site.urls import address


@dataclass
class TableExtras:
    """What a template prints after one table: charts and download links."""
    charts: list  # (chart, the address of its SVG file from the page)
    csv: str
    package: str | None
    whole_file: str = ""  # what the file holds beyond the table: a province's tables share its file
    full_table: str | None = None  # for an excerpt: the period page's table, where its charts are
    dataset: Markup = Markup("")  # schema.org Dataset JSON-LD, for the page's <head>


def dataset_jsonld(site, download: opendata.TableDownload, site_url: str | None, page_url: str) -> Markup:
    """schema.org Dataset for one table; absolute URLs with site_url, else relative to the page."""
    records, urls = site.records, site.urls
    href = (lambda a: urls.absolute(a, site_url)) if site_url else (lambda a: urls.link(a, page_url))
    data = {"@context": "https://schema.org", "@type": "Dataset", "name": download.table.caption,
            "description": f"{download.table.caption}. Số liệu giữ nguyên như nguồn công bố; "
                           "ô không báo cáo có trạng thái “không báo cáo”, giá trị để trống.",
            "inLanguage": "vi", "isAccessibleForFree": True, "license": opendata.LICENCE["path"],
            "creator": {"@type": "Organization", "name": records.bloc.name},
            "citation": [records.source_title(s) for s in download.table.sources],
            "distribution": [
                {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": href(download.csv)}]}
    if download.period:
        period = records.periods[download.period]
        data["temporalCoverage"] = f"{period.start.isoformat()}/{period.end.isoformat()}"
    # "<" escaped so that no text can close the <script> element.
    return Markup(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))


class Readers:
    """The build's downloads (computed once) and the template functions that show them."""

    def __init__(self, site):
        self.site = site
        self.downloads = opendata.catalogue(site)
        cite = lambda d: "; ".join(site.renderer.cite(s) for s in d.table.sources)  # noqa: E731
        self.charts = {caption: charts_module.charts_for(site.records, d, cite(d))
                       for caption, d in self.downloads.items()}

    def download_for(self, table) -> opendata.TableDownload:
        download = self.downloads.get(table.caption)
        if download is None:
            raise KeyError(f"bảng \"{table.caption}\" không có trong danh mục tải về (macros/site/opendata.py)")
        return download

    def table_extras(self, table, page_url: str) -> TableExtras:
        """What readers_table.html prints under one statistics table of the page at `page_url`."""
        download = self.download_for(table)
        link = lambda target: self.site.urls.link(target, page_url)  # noqa: E731
        package = address("package")
        # A bulletin's excerpt of a period table links to the charts on the period page
        # instead of repeating them: pages stay light however many provinces report.
        full_table = None
        if table.excerpt:
            full_table = link(address("period", download.period)) + f"#{table.anchor}"
        charts = [] if table.excerpt else [(chart, link(chart.file)) for chart in self.charts[table.caption]]
        whole = "mọi bảng của tỉnh" if download.kind == "province" else ""
        return TableExtras(charts, link(download.csv), link(package), whole, full_table,
                           dataset_jsonld(self.site, download, self.site.site_url, page_url))

    def extras(self, tables, page_url: str) -> dict[str, TableExtras]:
        """The extras of the tables a page shows, by caption, in the order they are shown."""
        return {table.caption: self.table_extras(table, page_url) for table in tables}

    def listing(self, page_url: str) -> dict:
        """Values for open_data.html: every file, grouped by period, indicator and province."""
        records = self.site.records
        url = lambda target: self.site.urls.link(target, page_url)  # noqa: E731
        files = lambda kind: list({url(d.csv): (d.table.caption, url(d.csv))  # noqa: E731
                                   for d in self.downloads.values() if d.kind == kind}.values())
        provinces = [(records.provinces[d.keys[0]].name, url(d.csv)) for d in self.downloads.values()
                     if d.kind == "province"]
        periods = sorted({d.period for d in self.downloads.values() if d.period},
                         key=lambda p: records.periods[p].start, reverse=True)
        # One line per period (its tables are in the package): the page does not grow with the years.
        packages = [(records.periods[p], url(address("period", p))) for p in periods]
        return {"packages": packages, "indicators": files("indicator"), "provinces": list(dict(provinces).items()),
                "licence": opendata.LICENCE, "layout": opendata.LAYOUT,
                "statuses": [(opendata.STATUS_TEXT[s], opendata.STATUS_MEANING[s]) for s in opendata.STATUSES],
                "lists": [url(address("indicator_list")), url(address("province_list"))],
                "package": url(address("package"))}


def install(site) -> None:
    """After the records are loaded: compute the downloads and charts, once, for this build."""
    site.readers = Readers(site)


def open_data_page(page_url: str) -> str:
    """/du-lieu/: every download with its licence (macro, content/du-lieu.md)."""
    from macros.site.state import current
    site = current()
    return site.renderer.render("open_data.html", page_url, **site.readers.listing(page_url))


def post_build(site, config) -> None:
    """Files written after the pages: open data, the charts' SVG files, the Atom feed, and the
    compact search index."""
    site_dir = Path(config.site_dir)
    opendata.write_all(site, site.readers.downloads, site_dir)
    charts_css = site_dir / "assets" / "stylesheets" / "charts.css"
    charts_css.parent.mkdir(parents=True, exist_ok=True)
    charts_css.write_text(charts_module.chart_css(), encoding="utf-8")  # shared by every chart
    charts_module.write_files((c for charts in site.readers.charts.values() for c in charts), site_dir)
    write_feed(site, site_dir, config.site_url)
    write_search_index(site_dir)


def define_env(env) -> None:
    """Register the open data page's macro (called from macros/__init__.py)."""
    from macros.site.views import bind
    env.macro(bind(open_data_page, env), "open_data_page")
