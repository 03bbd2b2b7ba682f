"""HTML for the generated pages: Jinja templates in overrides/partials/khcn/, escaped by default.

Record text is data, never a template: it is passed to templates as values (escaped on
output), and fields that allow Markdown are rendered and then sanitised with nh3.
"""
from __future__ import annotations

import re
from pathlib import Path

import markdown as md
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from macros.site import aggregate
from macros.records import formatting as fmt
from macros.site.urls import address

ALLOWED_TAGS = {"p", "em", "strong", "ul", "ol", "li", "a", "br", "blockquote", "code", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


_SPAN_OF_YEARS = re.compile(r"\d{4}\s?[–-]\s?\d{4}")


def nobreak(text: str) -> Markup:
    """Text with each span of years ("2022–2023") kept on one line: a title does not break
    after the dash on a phone."""
    escaped = str(escape(text))
    return Markup(_SPAN_OF_YEARS.sub(lambda m: f'<span class="khcn-nowrap">{m.group()}</span>', escaped))


def safe_markdown(text: str | None) -> Markup:
    """Markdown from a record, rendered without extensions, then sanitised."""
    if not text:
        return Markup("")
    html = md.markdown(text, output_format="html")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")
    return Markup(clean)


class Renderer:
    """Renders page bodies; in a template, `link(address)` and `url_for(kind, *keys)` give a
    page's or file's URL relative to the page being rendered (macros/site/urls.py)."""

    def __init__(self, template_dir: Path, site):
        self.site = site
        self.env = Environment(loader=FileSystemLoader(str(template_dir)),
                               autoescape=select_autoescape(default=True, default_for_string=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.filters.update(number=fmt.number, date=fmt.date, markdown=safe_markdown,
                                in_sentence=fmt.in_sentence, nobreak=nobreak)
        self.env.globals.update(cite=self.cite)
        self.env.filters["defer"] = site.defer
        self.templates = {}

    def render(self, name: str, page_url: str, **values) -> str:
        template = self.templates.get(name)
        if template is None:  # compiled once per build, not per page
            template = self.templates[name] = self.env.get_template(name)
        urls = self.site.urls
        html = template.render(link=lambda target: urls.link(target, page_url),
                               url_for=lambda kind, *keys: urls.link(address(kind, *keys), page_url),
                               page_url=page_url, site=self.site,
                               records=self.site.records, keys=aggregate.STATUS_KEY, **values)
        # A block of HTML on its own lines is passed through untouched by Python-Markdown.
        return "\n" + html.strip() + "\n"

    def cite(self, source_id: str) -> str:
        """A source as a reader cites it: a bulletin's title, a document's title and number."""
        records = self.site.records
        document = records.documents.get(source_id)
        if document is not None and document.number:
            return f"{document.title}, số {document.number}"
        return records.source_title(source_id)


# Where spaces are the content: preformatted text, code (the citation and the validator's
# messages wrap with white-space: pre-wrap), form text, scripts and styles.
_KEPT_AS_WRITTEN = re.compile(r"<(pre|code|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_INDENTATION = re.compile(r"\n[ \t]+")


def without_indentation(html: str) -> str:
    """A page without the spaces that start its lines (Material's templates indent their
    markup: 4 to 5 KB a page): a line break and spaces are one space to the browser, and the
    line break stays. Preformatted text and code are left as written."""
    out, start = [], 0
    for kept in _KEPT_AS_WRITTEN.finditer(html):
        out.append(_INDENTATION.sub("\n", html[start:kept.start()]))
        out.append(kept.group(0))
        start = kept.end()
    out.append(_INDENTATION.sub("\n", html[start:]))
    return "".join(out)
