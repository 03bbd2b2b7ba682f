"""Readers' features, wired into the build: charts and downloads under each table, the open data
page, and, after the build, the compact search index, the Atom feed and the open data files.

Hooks (macros/site/hooks.py) call `install` once the records are loaded and `post_build` at the end;
the table template includes `readers_table.html`, which calls `table_extras(table, page_url)`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from mkdocs.utils import get_relative_url

from macros.site import charts as charts_module
from macros.site import opendata
from macros.site.feed import write_feed
from macros.site.searchindex import write_search_index


@dataclass
class TableExtras:
    """What a template prints after one table: charts and download links."""
    charts: list
    csv: str
    json: str
    package: str | None
    full_table: str | None = None  # for an excerpt: the period page's table, where its charts are


def _url(path: str, page_url: str) -> str:
    return get_relative_url(path, page_url)


def dataset_jsonld(site, download: opendata.TableDownload, site_url: str | None, page_url: str) -> Markup:
    """schema.org Dataset for one table; absolute URLs with site_url, else relative to the page."""
    records = site.records
    address = (lambda p: site_url.rstrip("/") + "/" + p) if site_url else (lambda p: _url(p, page_url))
    data = {"@context": "https://schema.org", "@type": "Dataset", "name": download.table.caption,
            "description": f"{download.table.caption}. Số liệu giữ nguyên như nguồn công bố; "
                           "ô không báo cáo có trạng thái not_reported.",
            "inLanguage": "vi", "isAccessibleForFree": True, "license": opendata.LICENCE["path"],
            "creator": {"@type": "Organization", "name": records.bloc.name},
            "citation": [records.source_title(s) for s in download.table.sources],
            "distribution": [
                {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": address(download.csv)},
                {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": address(download.json)}]}
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
        self.datasets: dict[str, list[Markup]] = {}  # page URL -> the Dataset JSON-LD of its tables
        self.charts = {path: charts_module.charts_for(site.records, d)
                       for path, d in ((d.path, d) for d in self.downloads.values())}

    def download_for(self, table) -> opendata.TableDownload:
        download = self.downloads.get(table.caption)
        if download is None:
            raise KeyError(f"bảng \"{table.caption}\" không có trong danh mục tải về (macros/site/opendata.py)")
        return download

    def table_extras(self, table, page_url: str) -> TableExtras:
        """Called by readers_table.html under each statistics table of the page at `page_url`."""
        download = self.download_for(table)
        package = f"{opendata.ROOT}/{download.period}/datapackage.json" if download.period else None
        self.datasets.setdefault(page_url, []).append(dataset_jsonld(self.site, download, self.site.site_url, page_url))
        # A bulletin's excerpt of a period table links to the charts on the period page
        # instead of repeating them: pages stay light however many provinces report.
        full_table = None
        if table.excerpt:
            full_table = self.site.renderer.link(f"so-lieu/{download.period}.md", page_url) + f"#{table.anchor}"
        return TableExtras([] if table.excerpt else self.charts[download.path], _url(download.csv, page_url),
                           _url(download.json, page_url), package and _url(package, page_url), full_table)

    def listing(self, page_url: str) -> dict:
        """Values for open_data.html: every file, grouped by period, indicator and province."""
        records = self.site.records
        url = lambda path: _url(path, page_url)  # noqa: E731
        files = lambda kind, period=None: [  # noqa: E731
            (d.table.caption, url(d.csv), url(d.json)) for d in self.downloads.values()
            if d.kind == kind and (period is None or d.period == period)]
        periods = sorted({d.period for d in self.downloads.values() if d.period},
                         key=lambda p: records.periods[p].start, reverse=True)
        # One line per period (its tables are in the package): the page does not grow with the years.
        packages = [(records.periods[p], self.site.renderer.link(f"so-lieu/{p}.md", page_url),
                     url(f"{opendata.ROOT}/{p}/datapackage.json"), url(f"{opendata.ROOT}/{p}/so-lieu.csv"))
                    for p in periods]
        return {"packages": packages, "indicators": files("indicator"), "provinces": files("province"),
                "licence": opendata.LICENCE, "statuses": opendata.STATUSES}


_readers: Readers | None = None


def install(site) -> None:
    """After the records are loaded: compute the downloads and charts, give templates their function."""
    global _readers
    _readers = Readers(site)
    site.renderer.env.globals["table_extras"] = _readers.table_extras


def open_data_page(page_url: str) -> str:
    """/du-lieu/: every download with its licence (macro, content/du-lieu.md)."""
    from macros.site.state import current
    return current().renderer.render("open_data.html", page_url, **_readers.listing(page_url))


def add_datasets(output: str, page) -> str:
    """The schema.org Dataset JSON-LD of the page's tables, in its <head> (on_post_page)."""
    datasets = _readers.datasets.pop(page.url, [])
    if not datasets:
        return output
    scripts = "".join(f'<script type="application/ld+json">{d}</script>' for d in datasets)
    return output.replace("</head>", scripts + "</head>", 1)


def post_build(site, config) -> None:
    """Files written after the pages: open data, the Atom feed, and the compact search index."""
    site_dir = Path(config.site_dir)
    opendata.write_all(site, _readers.downloads, site_dir)
    charts_css = site_dir / "assets" / "stylesheets" / "charts.css"
    charts_css.parent.mkdir(parents=True, exist_ok=True)
    charts_css.write_text(charts_module.chart_css(), encoding="utf-8")  # shared by every chart
    write_feed(site.records, site_dir, config.site_url)
    write_search_index(site_dir)


def define_env(env) -> None:
    """Register the open data page's macro (called from macros/__init__.py)."""
    from macros.site.views import bind
    env.macro(bind(open_data_page, env), "open_data_page")
