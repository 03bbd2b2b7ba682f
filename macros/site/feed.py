"""The Atom feed of bulletin issues, `/feed.xml` (RFC 4287), dated by each issue's own date.

Dates are the records' `bulletin.date` (the issue's release day), never the build's or git's, so
the feed is the same however often the site is built. Ids are name-based UUIDs of the issue ids:
stable across builds and hosts. Without `site_url`, links are relative to the feed's address,
which Atom resolves like any relative reference. Addresses come from macros/site/urls.py.

The feed holds the FEED_SIZE latest issues (a reader's feed program keeps what it has read;
the site lists every issue), so it does not grow with the years. A CSS stylesheet
(overrides/assets/stylesheets/feed.css) makes a browser show it as a readable page that says
what it is: CSS rather than XSLT, which browsers are dropping.
"""
from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from markupsafe import escape

from macros.site.render import safe_markdown
from macros.site.urls import address

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 20
STYLESHEET = "assets/stylesheets/feed.css"  # a theme file (overrides/assets), relative to feed.xml
FEED_TITLE = "Bản tin KH&CN của Khối"
# Issues carry a day, not a time: midnight in Vietnam's time zone.
VIETNAM = dt.timezone(dt.timedelta(hours=7))
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "khcn-trung-du-mien-nui/ban-tin")


def issue_time(day: dt.date) -> str:
    """2024-01-01 -> '2024-01-01T00:00:00+07:00' (RFC 3339, as Atom requires)."""
    return dt.datetime.combine(day, dt.time(), VIETNAM).isoformat()


def entry_id(bulletin_id: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, bulletin_id)}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def _entry(feed: ET.Element, bulletin, href) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", entry_id(bulletin.id))
    _sub(entry, "title", bulletin.title)
    _sub(entry, "published", issue_time(bulletin.date))
    _sub(entry, "updated", issue_time(bulletin.date))
    _sub(entry, "link", href=href("bulletin", bulletin.id), rel="alternate", type="text/html")
    _sub(_sub(entry, "author"), "name", bulletin.publisher)
    titles = "; ".join(article.title for article in bulletin.articles)
    _sub(entry, "summary", f"Số {bulletin.number}/{bulletin.year}: {titles}")
    # Article summaries are Markdown written by the editors, rendered and sanitised as on the page.
    body = "".join(f"<h3>{escape(a.title)}</h3>{safe_markdown(a.summary)}" for a in bulletin.articles)
    _sub(entry, "content", body, type="html")


def atom_feed(site, site_url: str | None) -> bytes:
    """The feed document: the FEED_SIZE newest issues, newest first; `updated` is the newest
    issue's date."""
    records, urls = site.records, site.urls
    base = (site_url.rstrip("/") + "/") if site_url else ""
    href = lambda kind, *keys: base + urls.path(address(kind, *keys))  # noqa: E731
    bulletins = sorted(records.bulletins.values(), key=lambda b: (b.date, b.id), reverse=True)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "vi"})
    _sub(feed, "id", f"urn:uuid:{_NAMESPACE}")
    _sub(feed, "title", FEED_TITLE)
    _sub(feed, "subtitle", records.bloc.name)
    _sub(feed, "link", href=href("feed"), rel="self", type="application/atom+xml")
    _sub(feed, "link", href=href("bulletins"), rel="alternate", type="text/html")
    newest = bulletins[0].date if bulletins else dt.date(1990, 1, 1)
    _sub(feed, "updated", issue_time(newest))
    for bulletin in bulletins[:FEED_SIZE]:
        _entry(feed, bulletin, href)
    stylesheet = f'<?xml-stylesheet type="text/css" href="{STYLESHEET}"?>\n'.encode()
    declaration, body = ET.tostring(feed, encoding="utf-8", xml_declaration=True).split(b"\n", 1)
    return declaration + b"\n" + stylesheet + body


def write_feed(site, site_dir: Path, site_url: str | None) -> Path:
    path = Path(site_dir) / address("feed").src_uri
    path.write_bytes(atom_feed(site, site_url))
    return path
