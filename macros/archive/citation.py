"""How to cite a bulletin issue: the "Trích dẫn" block, Highwire `citation_*` meta tags,
schema.org `PublicationIssue` JSON-LD, and the CITATION.cff of its archived snapshot.

Everything is computed here from the records; templates only print it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml
from markupsafe import Markup

from macros.records import formatting as fmt


@dataclass(frozen=True)
class Citation:
    text: str  # one paragraph a reader can copy
    bibtex: str
    meta: list[tuple[str, str]]  # Highwire Press tags (Google Scholar), in order
    jsonld: dict


def periodical_name(bulletin) -> str:
    """"Bản tin KH&CN số 4 năm 2023" -> "Bản tin KH&CN": the series the issue belongs to."""
    suffix = re.compile(rf"\s+số\s+0*{bulletin.number}\s+năm\s+{bulletin.year}$", re.IGNORECASE)
    return suffix.sub("", bulletin.title) or bulletin.title


def bulletin_citation(bulletin, snapshot=None, url: str | None = None) -> Citation:
    """The citation of one issue; with its archived snapshot when there is one."""
    issue = f"{bulletin.number}/{bulletin.year}"
    text = (f"{bulletin.publisher}. ({bulletin.date.year}). {bulletin.title} "
            f"(số {issue}, phát hành ngày {fmt.date(bulletin.date)}).")
    if snapshot is not None:
        text += f" Bản lưu trữ {snapshot.package}{_archived(snapshot)}, SHA-256 {snapshot.sha256}."
    if url:
        text += f" {url}"
    return Citation(text, _bibtex(bulletin, snapshot, url), _highwire(bulletin, url),
                    _jsonld(bulletin, snapshot, url))


def _archived(snapshot) -> str:
    """" (lưu trữ ngày 25/11/2026)": the day the issue was archived, not its own date."""
    archived = getattr(snapshot, "archived", None)
    return f" (lưu trữ ngày {fmt.date(archived)})" if archived else ""


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def _bibtex(bulletin, snapshot, url) -> str:
    fields = [("author", "{" + _bibtex_escape(bulletin.publisher) + "}"),
              ("title", _bibtex_escape(bulletin.title)),
              ("journal", _bibtex_escape(periodical_name(bulletin))),
              ("number", str(bulletin.number)),
              ("year", str(bulletin.date.year)),
              ("date", bulletin.date.isoformat()),
              ("publisher", _bibtex_escape(bulletin.publisher)),
              ("language", "vietnamese")]
    if url:
        fields.append(("url", url))
    if snapshot is not None:
        fields.append(("note", f"Bản lưu trữ {_bibtex_escape(snapshot.package)}{_archived(snapshot)}, "
                               f"SHA-256 {snapshot.sha256}"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{khcn-ban-tin-{bulletin.id},\n{body}\n}}"


def _highwire(bulletin, url) -> list[tuple[str, str]]:
    tags = [("citation_title", bulletin.title),
            ("citation_author", bulletin.publisher),
            ("citation_publisher", bulletin.publisher),
            ("citation_journal_title", periodical_name(bulletin)),
            ("citation_issue", str(bulletin.number)),
            ("citation_publication_date", bulletin.date.strftime("%Y/%m/%d")),
            ("citation_date", bulletin.date.strftime("%Y/%m/%d")),
            ("citation_language", "vi")]
    if url:
        tags.append(("citation_abstract_html_url", url))
    return tags


def _jsonld(bulletin, snapshot, url) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "PublicationIssue",
        "name": bulletin.title,
        "issueNumber": str(bulletin.number),
        "datePublished": bulletin.date.isoformat(),
        "inLanguage": "vi",
        "publisher": {"@type": "Organization", "name": bulletin.publisher},
        "isPartOf": {"@type": "Periodical", "name": periodical_name(bulletin)},
        "hasPart": [{"@type": "Article", "headline": article.title} for article in bulletin.articles],
        "identifier": [{"@type": "PropertyValue", "propertyID": "khcn-ban-tin", "value": bulletin.id}],
    }
    if url:
        data["url"] = url
    if snapshot is not None:
        data["identifier"].append({"@type": "PropertyValue", "propertyID": "SHA-256",
                                   "name": snapshot.package, "value": snapshot.sha256})
    return data


def head_tags(citation: Citation) -> list[Markup]:
    """The <meta> tags and the JSON-LD script, for the <head> of the issue page (through its
    metadata: macros/site/views.py, overrides/main.html)."""
    tags = [Markup('<meta name="{}" content="{}">').format(name, value) for name, value in citation.meta]
    data = json.dumps(citation.jsonld, ensure_ascii=False, sort_keys=True)
    # "</" inside a script element would end it early, and "<!--<script>" would make the
    # parser swallow the rest of the page: no "<", ">" or "&" reaches the HTML (still JSON).
    for char, code in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        data = data.replace(char, code)
    tags.append(Markup('<script type="application/ld+json">' + data + "</script>"))
    return tags


def citation_cff(bulletin, bloc, commit: str, package: str, licence: str | None) -> str:
    """CITATION.cff (Citation File Format 1.2.0) of an issue's archived snapshot."""
    data = {
        "cff-version": "1.2.0",
        "message": "Nếu dùng bản lưu trữ này, xin trích dẫn theo thông tin dưới đây.",
        "type": "dataset",
        "title": f"{bloc.short_name}: bản lưu trữ trang web tại {bulletin.title}",
        "authors": [{"name": bloc.name}],
        "date-released": bulletin.date.isoformat(),
        "version": bulletin.id,
        "commit": commit,
        "identifiers": [{"type": "other", "value": package,
                         "description": "External-Identifier của túi BagIt"}],
        "keywords": ["khoa học và công nghệ", "trung du và miền núi phía Bắc", "bản tin"],
        "references": [{
            "type": "magazine-article",
            "title": bulletin.title,
            "authors": [{"name": bulletin.publisher}],
            "publisher": {"name": bulletin.publisher},
            "journal": periodical_name(bulletin),
            "issue": str(bulletin.number),
            "year": bulletin.date.year,
            "date-published": bulletin.date.isoformat(),
            "languages": ["vie"],
        }],
    }
    if licence:
        data["license"] = licence
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
