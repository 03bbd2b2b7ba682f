"""No broken internal link or anchor, and a strict build with zero warnings.

The session's shared build of the site is read: every HTML page, and every internal
href and src must point at a file of the site, and every #anchor at an id on its target.
(MkDocs checks the links written in Markdown; the generated pages' links are in HTML.)
"""
from __future__ import annotations

import re

import pytest

from site_helpers import is_external, resolve

LINK_ATTRIBUTES = {"a": "href", "link": "href", "area": "href", "script": "src", "img": "src",
                   "source": "src", "iframe": "src", "video": "src", "audio": "src", "use": "href"}


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


def internal_links(site):
    """(page, tag, href) for every internal link on every page."""
    for url in site.html_pages():
        for tag, attribute in LINK_ATTRIBUTES.items():
            for element in site.soup(url).find_all(tag):
                href = element.get(attribute)
                if href is None or is_external(href) or href.startswith(("data:", "mailto:", "tel:")):
                    continue
                yield url, tag, href


def anchors(site, url) -> set[str]:
    soup = site.soup(url)
    return {el["id"] for el in soup.find_all(id=True)} | {a["name"] for a in soup.find_all("a", attrs={"name": True})}


def test_build_is_strict_with_zero_warnings(site):
    assert not re.findall(r"^WARNING.*$", site.log, re.M)


def test_site_has_the_pages_to_crawl(site):
    assert len(site.html_pages()) > 40
    assert sum(1 for _ in internal_links(site)) > 500


def test_every_internal_link_points_to_a_file(site):
    broken = []
    for url, tag, href in internal_links(site):
        path, _ = resolve(url, href)
        if not site.file_for(path).is_file():
            broken.append(f"{url}: <{tag}> {href} -> {path}")
    assert not broken, "\n".join(sorted(set(broken)))


def test_every_anchor_exists_on_its_target_page(site):
    broken, cache = [], {}
    for url, tag, href in internal_links(site):
        path, fragment = resolve(url, href)
        if not fragment or not site.file_for(path).is_file() or not site.file_for(path).suffix == ".html":
            continue
        if path not in cache:
            cache[path] = anchors(site, path)
        if fragment not in cache[path]:
            broken.append(f"{url}: {href} -> {path} has no id {fragment!r}")
    assert not broken, "\n".join(sorted(set(broken)))


def test_crawler_finds_a_broken_link(site):
    """The crawler itself: a link to a missing page and an anchor that is not there."""
    assert not site.file_for(resolve("/tinh/lao-cai/", "../khong-co/")[0]).is_file()
    path, fragment = resolve("/tinh/lao-cai/", "../../thanh-vien/#khong-co")
    assert path == "/thanh-vien/" and fragment not in anchors(site, path)
    assert resolve("/tinh/lao-cai/", "#so-lieu") == ("/tinh/lao-cai/", "so-lieu")
    assert resolve("/404.html", "assets/x.css") == ("/assets/x.css", "")
