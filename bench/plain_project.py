"""The yardstick: a plain MkDocs + Material project with the same pages as a built site.

Each built page's content (Material's `article.md-content__inner`) is written back as a
Markdown file: headings, paragraphs, lists, definition lists as lists, tables as pipe tables
and links as links to .md files. Charts (HTML drawn with CSS and SVG) and scripts have no
Markdown form and are left out: the yardstick is text and tables. The plain project has the same theme, nav, search and
Markdown extensions, but no macros plugin and no hooks other than the one that gives the theme's
templates their address function and Open Graph tags (`theme_hooks.py`), so its build time is what MkDocs and
Material cost for that amount of text and tables.
"""
from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from macros.records.project import read_mkdocs_config  # build_bench.py puts the project on sys.path

BLOCKS_TO_OPEN = {"div", "section", "article", "figure", "figcaption", "nav", "main", "header", "footer"}
# Not text: charts and scripts have no Markdown form, so the plain pages leave them out.
SKIPPED = {"script", "style", "svg", "template"}
SKIPPED_CLASSES = {"khcn-charts"}


def _skipped(el) -> bool:
    return getattr(el, "name", None) in SKIPPED or bool(SKIPPED_CLASSES & set(el.get("class") or []))
HEADINGS = {f"h{n}": n for n in range(1, 7)}


def write_plain_project(site: Path, source_root: Path, out: Path) -> int:
    """Turn the built `site` of the project at `source_root` into a plain project in `out`; returns pages."""
    config = read_mkdocs_config(source_root)
    nav_sources = _nav_sources(config.get("nav", []))
    pages = _page_sources(site, nav_sources)
    urls = {_url_of(src): src for src in pages.values()}
    docs = out / "docs"
    for html_path, src in pages.items():
        markdown = _page_markdown(html_path.read_text(encoding="utf-8"), _url_of(src), urls)
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    _copy_assets(source_root, config, out, docs)
    (out / THEME_HOOKS).write_text(_theme_hooks(source_root), encoding="utf-8")
    (out / "mkdocs.yml").write_text(yaml.safe_dump(_plain_config(config), allow_unicode=True,
                                                   sort_keys=False), encoding="utf-8")
    return len(pages)


def _nav_sources(nav) -> set[str]:
    found = set()
    for entry in nav:
        for value in (entry.values() if isinstance(entry, dict) else [entry]):
            found |= _nav_sources(value) if isinstance(value, list) else {value}
    return found


def _page_sources(site: Path, nav_sources: set[str]) -> dict[Path, str]:
    """Built page -> the Markdown file that gives it the same URL (directory URLs)."""
    pages = {}
    for html in sorted(site.rglob("index.html")):
        folder = html.parent.relative_to(site).as_posix()
        if folder == ".":
            pages[html] = "index.md"
        elif f"{folder}/index.md" in nav_sources:
            pages[html] = f"{folder}/index.md"
        else:
            pages[html] = f"{folder}.md"
    return pages


def _url_of(src: str) -> str:
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src[:-3] + "/"


def _plain_config(config: dict) -> dict:
    plain = dict(config)
    plain["docs_dir"] = "docs"
    plain["hooks"] = [THEME_HOOKS]
    plain["plugins"] = [p for p in config.get("plugins", [])
                        if not (p == "macros" or isinstance(p, dict) and "macros" in p)]
    return plain


THEME_HOOKS = "theme_hooks.py"


def _theme_hooks(source_root: Path) -> str:
    """The theme's templates name addresses by kind (`site_path('feed')`, macros/site/urls.py)
    and print a page's Open Graph tags (`social_tags(page)`, macros/site/social.py): the plain
    project gets both, from the files of its own build. It has no records, so every page gets
    the site's description and the picture of its kind, or the home page's."""
    return (f"import sys\nfrom types import SimpleNamespace\nsys.path.insert(0, {str(source_root.resolve())!r})\n"
            "from macros.site import social  # noqa: E402\n"
            "from macros.site.urls import Urls, theme_globals  # noqa: E402\n\n\n"
            "def on_env(env, config, files):\n"
            "    urls = Urls(records=None)  # the theme only names pages without keys\n"
            "    urls.files = files\n"
            "    env.globals.update(theme_globals(urls))\n"
            "    no_records = SimpleNamespace(pages={}, records=None)\n"
            "    env.globals['social_tags'] = lambda page: social.tags(no_records, page, config)\n"
            "    return env\n")


def _copy_assets(source_root: Path, config: dict, out: Path, docs: Path) -> None:
    """The theme overrides and extra CSS, so both projects ship the same theme files."""
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    if custom_dir and (source_root / custom_dir).is_dir():
        shutil.copytree(source_root / custom_dir, out / custom_dir, dirs_exist_ok=True)
    source_docs = source_root / config.get("docs_dir", "docs")
    for path in source_docs.rglob("*"):
        if path.is_file() and path.suffix != ".md":
            target = docs / path.relative_to(source_docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


# -- HTML to Markdown ------------------------------------------------------------------------

def _page_markdown(html: str, page_url: str, urls: dict[str, str]) -> str:
    soup = BeautifulSoup(html, "html.parser")
    content = soup.select_one("article.md-content__inner")
    writer = _Writer(page_url, urls)
    writer.blocks(content)
    return "\n\n".join(b for b in writer.out if b.strip()) + "\n"


class _Writer:
    def __init__(self, page_url: str, urls: dict[str, str]):
        self.page_url = page_url
        self.src = urls.get(page_url, "index.md")
        self.urls = urls
        self.out: list[str] = []

    def blocks(self, element: Tag) -> None:
        loose = []
        for child in element.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                loose.append(self.inline(child))
                continue
            if not isinstance(child, Tag) or _skipped(child):
                continue
            if child.name in HEADINGS or child.name in BLOCKS_TO_OPEN | {"p", "ul", "ol", "dl", "table"}:
                self._flush(loose)
                self.block(child)
            else:
                loose.append(self.inline(child))
        self._flush(loose)

    def _flush(self, loose: list[str]) -> None:
        text = " ".join("".join(loose).split())
        if text:
            self.out.append(text)
        loose.clear()

    def block(self, el: Tag) -> None:
        if el.name in HEADINGS:
            self.out.append("#" * HEADINGS[el.name] + " " + self.inline(el))
        elif el.name == "p":
            self.out.append(self.inline(el))
        elif el.name in ("ul", "ol"):
            self.out.append("\n".join(f"- {self.inline(li)}" for li in el.find_all("li", recursive=False)))
        elif el.name == "dl":
            self.out.append("\n".join(f"- **{self.inline(dt)}**: {self.inline(dt.find_next_sibling('dd'))}"
                                      for dt in el.find_all("dt", recursive=False)))
        elif el.name == "table":
            self.out.append(self.table(el))
        else:
            self.blocks(el)

    def table(self, el: Tag) -> str:
        caption = el.find("caption")
        rows = [[self.inline(cell, table=True) for cell in tr.find_all(["th", "td"], recursive=False)]
                for tr in el.find_all("tr")]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        head = f"*{self.inline(caption)}*\n\n" if caption else ""
        return head + "\n".join(lines)

    def inline(self, el, table: bool = False) -> str:
        if el is None or isinstance(el, Comment) or (isinstance(el, Tag) and _skipped(el)):
            return ""
        if isinstance(el, NavigableString):
            text = str(el).replace("\\", "\\\\").replace("*", "\\*").replace("<", "&lt;")
            return text.replace("|", "\\|") if table else text
        if el.name == "caption" and table:
            return ""
        inner = "".join(self.inline(child, table) for child in el.children)
        inner = " ".join(inner.split())
        if el.name == "a" and el.get("href"):
            return f"[{inner}]({self.link(el['href'])})"
        if el.name == "strong":
            return f"**{inner}**"
        if el.name == "em":
            return f"*{inner}*"
        if el.name == "sup":
            return f"<sup>{inner}</sup>"
        return inner

    def link(self, href: str) -> str:
        """A link between pages becomes a link between .md files; fragments are dropped."""
        if "://" in href or href.startswith("mailto:"):
            return href
        path = href.split("#")[0]
        if not path:
            return _relative(self.src, self.src)
        target = posixpath.normpath(posixpath.join(self.page_url, path))
        target = "" if target == "." else target.rstrip("/") + "/"
        return _relative(self.urls.get(target, self.src), self.src)


def _relative(target_src: str, from_src: str) -> str:
    return posixpath.relpath(target_src, posixpath.dirname(from_src) or ".")
