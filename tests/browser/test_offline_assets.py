"""The built site loads nothing from outside itself: no web font, no CDN, no outside script.

Read from the built files, without a browser (so `make test-fast` runs it too): every
<link href>, every src/srcset/poster/data attribute and every CSS url() in every page and
stylesheet must stay on the site. Plain links (<a href>) to other sites are fine: they
are not loaded.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

OUTSIDE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""", re.IGNORECASE)
LOADED_ATTRIBUTES = ("src", "srcset", "poster", "data", "formaction")


def loaded_addresses(html: str) -> list[str]:
    """Addresses a browser fetches while showing the page (not those a reader may follow)."""
    soup = BeautifulSoup(html, "html.parser")
    found = [link.get("href", "") for link in soup.find_all("link")]
    for attribute in LOADED_ATTRIBUTES:
        found += [tag[attribute] for tag in soup.find_all(attrs={attribute: True})]
    for style in soup.find_all("style"):
        found += css_addresses(style.get_text())
    found += [a for tag in soup.find_all(style=True) for a in css_addresses(tag["style"])]
    return found


def css_addresses(css: str) -> list[str]:
    return CSS_URL.findall(css) + CSS_IMPORT.findall(css)


def outside(addresses: list[str]) -> list[str]:
    return [a for a in addresses if OUTSIDE.match(a)]


def test_pages_load_nothing_from_outside(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert pages, "the build produced no page"
    offenders = {str(p.relative_to(built_site)): found for p in pages
                 if (found := outside(loaded_addresses(p.read_text(encoding="utf-8"))))}
    assert offenders == {}


def test_stylesheets_load_nothing_from_outside(built_site: Path):
    sheets = sorted(built_site.rglob("*.css"))
    assert any(s.name == "khcn.css" for s in sheets), "assets/khcn.css was not copied into the site"
    offenders = {str(s.relative_to(built_site)): found for s in sheets
                 if (found := outside(css_addresses(s.read_text(encoding="utf-8"))))}
    assert offenders == {}


def test_no_web_font_is_referenced(built_site: Path):
    mentions = [str(p.relative_to(built_site)) for p in built_site.rglob("*")
                if p.suffix in (".html", ".css", ".js") and
                re.search(r"fonts\.(googleapis|gstatic)\.com", p.read_text(encoding="utf-8", errors="replace"))]
    assert mentions == []


@pytest.mark.parametrize(("html", "expected"), [
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
     ["https://fonts.googleapis.com/css?family=Roboto"]),
    ('<script src="//cdn.example.org/x.js"></script>', ["//cdn.example.org/x.js"]),
    ('<img srcset="http://cdn.example.org/a.png 2x">', ["http://cdn.example.org/a.png 2x"]),
    ('<style>@import "https://cdn.example.org/a.css";</style>', ["https://cdn.example.org/a.css"]),
    ('<div style="background: url(https://cdn.example.org/a.png)"></div>', ["https://cdn.example.org/a.png"]),
    ('<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>'
     '<link rel="stylesheet" href="../assets/khcn.css"><script src="../assets/x.js"></script>', []),
])
def test_outside_addresses_are_recognised(html, expected):
    assert outside(loaded_addresses(html)) == expected
