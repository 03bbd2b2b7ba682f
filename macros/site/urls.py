"""The site's URL scheme: every address a page, a template, the feed or the open data files
link to is spelled here, once.

An address is a kind and its keys: `address("province", "lao-cai")`. `PAGES` maps a page kind
to the Markdown file it is built from (`tinh/{province}.md`, which MkDocs publishes at
`tinh/lao-cai/`, or `tinh/lao-cai.html` in an offline snapshot); `FILES` maps a file kind to
the file written into the built site. Each `{name}` in a pattern is a key, checked against the
records by `KEYS[name]`.

A wrong address raises `AddressError` saying what is wrong: an unknown kind, the wrong number
of keys, a key that is not a slug, a key that is not among the records, a page that is not in
this build.

Adding a kind is one line in `PAGES` or `FILES`:

    "conference": "hoi-nghi/{conference}.md",   # /hoi-nghi/3/, keys checked against records.conferences
    "cms": "bien-tap/index.md",                 # /bien-tap/, no key

then generate the page in `macros/site/pages.py` (or write it in `content/`) and link to it
with `url_for('conference', c.number)` in a template or `urls.link(address(...), page_url)`
in Python. A key named after something new also needs its line in `KEYS`.
"""
from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass
from urllib.parse import quote

from mkdocs.utils import get_relative_url

from macros.records import ids

# Pages, by kind: the source file MkDocs builds each from (generated ones: macros/site/pages.py).
PAGES = {
    "home": "index.md",
    "bulletins": "ban-tin/index.md",
    "bulletin": "ban-tin/{bulletin}.md",
    "members": "thanh-vien/index.md",
    "conferences": "hoi-nghi/index.md",
    "conference": "hoi-nghi/{conference}.md",
    "statistics": "so-lieu/index.md",
    "period": "so-lieu/{period}.md",
    "provinces": "tinh/index.md",
    "province": "tinh/{province}.md",
    "indicators": "chi-so/index.md",
    "indicator": "chi-so/{indicator}.md",
    "open_data": "du-lieu.md",
    "archive": "luu-tru/index.md",
    "guide": "huong-dan.md",
}

# Files written into the built site, by kind (macros/site/opendata.py, macros/site/feed.py,
# macros/site/charts.py).
OPEN_DATA = "du-lieu"
FILES = {
    "feed": "feed.xml",
    "period_table": OPEN_DATA + "/{period}/{group}.{format}",
    "indicator_table": OPEN_DATA + "/chi-so/{indicator}.{format}",
    "province_table": OPEN_DATA + "/tinh/{province}.{format}",
    "package": OPEN_DATA + "/datapackage.json",
    "schema": OPEN_DATA + "/bo-cuc.json",
    "indicator_list": OPEN_DATA + "/danh-muc-chi-so.csv",
    "province_list": OPEN_DATA + "/danh-muc-tinh.csv",
    # Each chart's SVG file (macros/site/charts.py), outside the open data: a picture, not data.
    "period_chart": "bieu-do/{period}/{indicator}.svg",
    "indicator_chart": "bieu-do/chi-so/{indicator}.svg",
    "web_editor": "bien-tap/index.html",  # the web editor (Sveltia CMS), written by macros/editors/hooks.py
}

# Where each key's values come from: an address whose key is not among them is wrong.
KEYS = {
    "bulletin": lambda records: records.bulletins,
    "period": lambda records: records.periods,
    "province": lambda records: records.provinces,
    "indicator": lambda records: records.indicators,
    "conference": lambda records: {str(number) for number in records.conferences},
    "group": lambda records: {group.id for group in records.catalogue.groups},
    "format": lambda records: ("csv",),  # one layout, one format (macros/site/opendata.py)
}

# Addresses outside the site, by kind: the pattern is `extra.<setting>` in mkdocs.yml (not set:
# no link), with these keys. An archived package is kept where the archive keeps its files, e.g.
# the GitHub release asset that .github/workflows/release.yml attaches.
OUTSIDE = {"package": ("archive_package_url", ("issue", "package", "sha256"))}

# Pages shown under another section's tab (overrides/partials/tabs-item.html): indicator
# pages belong to the statistics tab.
SECTION_OF = {"indicator": "statistics", "indicators": "statistics"}

class AddressError(ValueError):
    """An address that names no page or file of the site."""


def _pattern(kind: str) -> str | None:
    return PAGES.get(kind) or FILES.get(kind)


@functools.lru_cache(maxsize=None)
def _key_names(pattern: str) -> tuple[str, ...]:
    """'du-lieu/tinh/{province}/{group}.{format}' -> ('province', 'group', 'format')."""
    return tuple(name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name)


@dataclass(frozen=True)
class Address:
    """A page or a file of the site: its kind and its keys, in the order of its pattern."""
    kind: str
    keys: tuple[str, ...] = ()

    @property
    def is_page(self) -> bool:
        return self.kind in PAGES

    @property
    def src_uri(self) -> str:
        """The page's Markdown file (`tinh/lao-cai.md`), or the file's path in the built site."""
        pattern = _pattern(self.kind)
        return pattern.format(**dict(zip(_key_names(pattern), self.keys)))

    @property
    def key(self) -> str | None:
        """The last key: the record a page or a table file is about."""
        return self.keys[-1] if self.keys else None


def address(kind: str, *keys) -> Address:
    """The address of a page or file; raises on an unknown kind, a wrong key count or a malformed key."""
    pattern = _pattern(kind)
    if pattern is None:
        raise AddressError(f"unknown address kind {kind!r}; known kinds: {', '.join(sorted({*PAGES, *FILES}))}")
    names = _key_names(pattern)
    if len(keys) != len(names):
        wanted = f"{len(names)} key{'' if len(names) == 1 else 's'}" + (f" ({', '.join(names)})" if names else "")
        raise AddressError(f"address {kind!r} takes {wanted}, got {len(keys)}: {keys!r}")
    keys = tuple(str(key) if isinstance(key, int) and not isinstance(key, bool) else key for key in keys)
    for name, key in zip(names, keys):
        if not isinstance(key, str) or not ids.SLUG.matches(key):
            raise AddressError(f"address {kind!r}: {name} {key!r} is not a slug "
                               "(lowercase letters a-z, digits, single hyphens)")
    return Address(kind, keys)


class Urls:
    """The site's addresses checked against one build: its records, then its files (set in on_files)."""

    def __init__(self, records, extra: dict | None = None):
        self.records = records
        self.files = None  # mkdocs Files, once on_files has run
        self._known: dict[str, object] = {}
        self.outside = outside_patterns(extra or {})

    def outside_address(self, kind: str, **keys) -> str | None:
        """An address outside the site (`outside_address('package', issue=…, package=…, sha256=…)`),
        None when mkdocs.yml sets no pattern for it."""
        pattern = self.outside.get(kind)
        return pattern.format(**{name: quote(str(value), safe="") for name, value in keys.items()}) if pattern else None

    # For the parts the site uses but that may not import it (macros/archive/pages.py): site.urls.address(...).
    address = staticmethod(address)

    def check(self, target: Address) -> Address:
        """The address itself, when each of its keys is among the records."""
        for name, key in zip(_key_names(_pattern(target.kind)), target.keys):
            known = self._known.get(name)
            if known is None:
                known = self._known[name] = KEYS[name](self.records)
            if key not in known:
                raise AddressError(f"address {target.kind!r}: no {name} {key!r} among the records")
        return target

    def src(self, kind: str, *keys) -> str:
        """A page's Markdown file, checked: `src('province', 'lao-cai')` -> 'tinh/lao-cai.md'."""
        return self.check(address(kind, *keys)).src_uri

    def path(self, target: Address) -> str:
        """The address from the site's root: a page as MkDocs publishes it (`tinh/lao-cai/`)."""
        if not isinstance(target, Address):
            raise AddressError(f"not an address: {target!r}; use address(kind, *keys) (macros/site/urls.py)")
        src = self.check(target).src_uri
        if not target.is_page:
            return src
        file = self.files.get_file_from_path(src) if self.files is not None else None
        if file is None:
            raise AddressError(f"address {target.kind!r}: no page {src} in this build")
        return file.url

    def link(self, target: Address, page_url: str) -> str:
        """The address relative to the page at `page_url`, as written in its HTML."""
        return get_relative_url(self.path(target), page_url) or "./"

    def absolute(self, target: Address, site_url: str) -> str:
        """The address under the site's published address (`site_url`)."""
        return site_url.rstrip("/") + "/" + self.path(target)

    def section_prefixes(self) -> dict[str, str]:
        """For the tabs: the folder of a page kind -> the folder of the section it belongs to."""
        folder = lambda kind: PAGES[kind].rsplit("/", 1)[0] + "/"  # noqa: E731
        return {folder(kind): folder(section) for kind, section in SECTION_OF.items()}


def outside_patterns(extra: dict) -> dict[str, str]:
    """The patterns of OUTSIDE set in mkdocs.yml's `extra:`, checked: an absolute http(s)
    address naming only its kind's keys."""
    patterns = {}
    for kind, (setting, names) in OUTSIDE.items():
        pattern = extra.get(setting)
        if pattern is None:
            continue
        if not isinstance(pattern, str) or not re.match(r"https?://[^/\s]+/", pattern):
            raise AddressError(f"mkdocs.yml: extra.{setting} must be an absolute http(s) address, got {pattern!r}")
        unknown = [name for name in _key_names(pattern) if name not in names]
        if unknown:
            raise AddressError(f"mkdocs.yml: extra.{setting} names {{{unknown[0]}}}; it may name "
                               + ", ".join(f"{{{name}}}" for name in names))
        patterns[kind] = pattern
    return patterns


def theme_globals(urls: Urls) -> dict:
    """What the theme's templates (overrides/main.html, 404.html, partials/tabs-item.html) call:
    `{{ site_path('feed') | url }}`, and the tabs' sections. Set by the `on_env` hook."""
    return {"site_path": lambda kind, *keys: urls.path(address(kind, *keys)),
            "khcn_sections": urls.section_prefixes()}
