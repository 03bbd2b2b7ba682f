"""The state of one build: records loaded and checked once, the figure index, the files."""
from __future__ import annotations

import html as htmllib
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from macros.site.aggregate import FigureIndex
from macros.records.model import Records
from macros.site.render import Renderer
from macros.site.urls import Urls


@dataclass
class Site:
    root: Path
    records: Records
    index: FigureIndex
    renderer: Renderer = None
    urls: Urls = None  # the URL scheme, checked against these records and, from on_files, these files
    readers: object = None  # macros/site/readers.py Readers: downloads and charts, computed once
    pages: dict = field(default_factory=dict)  # src_uri -> GeneratedPage
    stashed: dict = field(default_factory=dict)  # placeholder number -> HTML a macro rendered
    numbers: itertools.count = field(default_factory=itertools.count)
    late: dict = field(default_factory=dict)  # placeholder number -> HTML put back in on_post_page
    site_url: str | None = None  # mkdocs.yml's site_url (SITE_URL), when the address is known

    @classmethod
    def create(cls, root: Path, records: Records, template_dir: Path, extra: dict | None = None) -> "Site":
        site = cls(root, records, FigureIndex(records), urls=Urls(records, extra))
        site.renderer = Renderer(template_dir, site)
        return site

    def stash(self, html: str) -> str:
        """A placeholder for the HTML a macro rendered, put back by `unstash` after Markdown.

        Python-Markdown passes a raw HTML block through unchanged, but only after parsing
        every tag of it twice (its block parser, then MkDocs' anchor scan): on the tables
        of the statistics pages that was a third of the build."""
        number = next(self.numbers)
        self.stashed[number] = html.strip()
        return f"\n<!--khcn-html-{number}-->\n"

    def unstash(self, content: str, page) -> str:
        """Put back the stashed HTML, and register its ids for MkDocs' anchor validation."""
        def put_back(match):
            html = self.stashed.pop(int(match.group(1)))
            if page.present_anchor_ids is not None:
                deferred = [self.late[int(n)] for n in _LATE.findall(html)]
                for part in [html, *deferred]:
                    page.present_anchor_ids.update(htmllib.unescape(i) for i in _ID.findall(part))
            return html
        return _PLACEHOLDER.sub(put_back, content)

    def defer(self, html: str) -> Markup:
        """A placeholder for HTML that search does not index (tables, charts), put back by
        `put_back_late` once the search plugin has read the page: it no longer parses them,
        which was a quarter of the build of a large bloc."""
        number = next(self.numbers)
        self.late[number] = str(html)
        return Markup(f"<!--khcn-late-{number}-->")

    def put_back_late(self, output: str) -> str:
        return _LATE.sub(lambda m: self.late.pop(int(m.group(1))), output)


_PLACEHOLDER = re.compile(r"<!--khcn-html-(\d+)-->")
_LATE = re.compile(r"<!--khcn-late-(\d+)-->")
_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')


_current: Site | None = None


def set_current(site: Site) -> None:
    global _current
    _current = site


def current() -> Site:
    if _current is None:
        raise RuntimeError("records are not loaded: is macros/site/hooks.py listed under hooks: in mkdocs.yml?")
    return _current
