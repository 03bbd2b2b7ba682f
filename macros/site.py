"""The state of one build: records loaded and checked once, the figure index, the files."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .aggregate import FigureIndex
from .records import Records
from .render import Renderer


@dataclass
class Site:
    root: Path
    records: Records
    index: FigureIndex
    renderer: Renderer = None
    files: object = None  # mkdocs Files, set in on_files
    pages: dict = field(default_factory=dict)  # src_uri -> GeneratedPage

    @classmethod
    def create(cls, root: Path, records: Records, template_dir: Path) -> "Site":
        site = cls(root, records, FigureIndex(records))
        site.renderer = Renderer(template_dir, site)
        return site


_current: Site | None = None


def set_current(site: Site) -> None:
    global _current
    _current = site


def current() -> Site:
    if _current is None:
        raise RuntimeError("records are not loaded: is macros/hooks.py listed under hooks: in mkdocs.yml?")
    return _current
