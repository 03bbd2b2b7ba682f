"""A build that knows the site's address (SITE_URL, set by the publishing workflow): absolute
links where a reader or a crawler needs them, and a snapshot that still has none."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest

from macros.archive.snapshot import snapshot_config
from site_helpers import REPO, SiteProject

ADDRESS = "https://khcn.example.vn/trang/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return SiteProject.copy(tmp_path_factory.mktemp("site-url")).build(site_url=ADDRESS)


def test_sitemap_lists_every_page_at_its_address(site):
    tree = ET.parse(site.root / "sitemap.xml")
    locations = {e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert f"{ADDRESS}tinh/lao-cai/" in locations and f"{ADDRESS}ban-tin/2023-04/" in locations
    assert len(locations) == len([u for u in site.html_pages() if u != "/404.html"])


def test_pages_name_their_canonical_address(site):
    assert site.soup("/tinh/lao-cai/").head.select_one("link[rel=canonical]")["href"] == f"{ADDRESS}tinh/lao-cai/"


def test_citation_and_feed_carry_the_address(site):
    page = site.soup("/ban-tin/2023-04/")
    assert page.select_one("#trich-dan-van-ban").get_text().endswith(f" {ADDRESS}ban-tin/2023-04/")
    assert page.head.select_one('meta[name="citation_abstract_html_url"], meta[name="citation_public_url"]'
                                )["content"] == f"{ADDRESS}ban-tin/2023-04/"
    feed = feedparser.parse((site.root / "feed.xml").read_bytes())
    assert all(entry.link.startswith(ADDRESS) for entry in feed.entries) and feed.entries


def test_without_an_address_links_stay_relative(tmp_path):
    site = SiteProject.copy(tmp_path / "p").build()
    assert site.soup("/tinh/lao-cai/").head.select_one("link[rel=canonical]") is None
    assert "http" not in site.soup("/ban-tin/2023-04/").select_one("#trich-dan-van-ban").get_text()


def test_snapshot_config_reads_mkdocs_yml_and_drops_the_address(monkeypatch):
    monkeypatch.setenv("SITE_URL", ADDRESS)
    text = snapshot_config(REPO)
    assert '"site_url": null' in text and ADDRESS not in text


def test_shared_links_carry_absolute_addresses(site):
    """Open Graph wants absolute addresses: the page's and its picture's."""
    head = site.soup("/tinh/lao-cai/").head
    og = {m["property"]: m["content"] for m in head.select("meta[property^='og:']")}
    assert og["og:url"] == f"{ADDRESS}tinh/lao-cai/"
    assert og["og:image"] == f"{ADDRESS}assets/images/og/tinh.png"
