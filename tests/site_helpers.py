"""Small sites built in a temporary folder and read back with an HTML parser.

A `SiteProject` is a copy of the project (mkdocs.yml, macros/, overrides/, content/) with
the frozen records of tests/fixtures/records/ as its data/, never the real data/: a test may
change them before building the copy with `mkdocs build --strict`, in a subprocess, as `make
build` does. The site as it is is built once per session (`built_site` in conftest.py); a
test module that changes the records builds its own sites once (module-scoped fixtures).
Pages are read by their public URL.
"""
from __future__ import annotations

import html
import os
import posixpath
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from macros.editors.cms import PAGE as WEB_EDITOR

REPO = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "macros", "overrides", "content")
# The records the tests build and break: a frozen copy, so that no edit to data/ moves them.
FIXTURE = REPO / "tests" / "fixtures" / "records"
IGNORED = shutil.ignore_patterns("__pycache__", "node_modules", "*.pyc")


@dataclass
class BuiltSite:
    """A built site folder, read by URL: `site.soup("/tinh/lao-cai/")`."""
    root: Path
    log: str
    _soups: dict = field(default_factory=dict, repr=False)

    def file_for(self, url: str) -> Path:
        """The file a URL is served from: /tinh/lao-cai/ -> tinh/lao-cai/index.html."""
        path = unquote(urlsplit(url).path).lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return self.root / path

    def html(self, url: str) -> str:
        return self.file_for(url).read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        if url not in self._soups:
            self._soups[url] = BeautifulSoup(self.html(url), "html.parser")
        return self._soups[url]

    def content(self, url: str):
        """The page's own content (Material's <article>), without header, nav and footer."""
        article = self.soup(url).select_one("article.md-content__inner")
        assert article is not None, f"{url}: no <article class=md-content__inner>"
        return article

    def text(self, url: str) -> str:
        """The visible text of the page's content, whitespace collapsed."""
        return " ".join(self.content(url).get_text(" ").split())

    def html_pages(self) -> list[str]:
        """The URL of every HTML page, as a reader would type it. The web editor (/bien-tap/,
        an application for editors, not a page of the site) is left out: its tests read it."""
        urls = []
        for path in sorted(self.root.rglob("*.html")):
            rel = path.relative_to(self.root).as_posix()
            if rel.startswith(f"{WEB_EDITOR}/"):
                continue
            urls.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
        return urls


def archived_fixture(dest: Path, issue: str = "2023-04") -> Path:
    """The fixture's records in `dest`, with `issue` in archive/register.yml as they stand (no
    snapshot is built): what an archived issue published is then known, as on the real site."""
    import datetime as dt

    from macros.archive.register import ArchivedIssue, append_entry, published_digests
    from macros.records.loader import load_all

    shutil.copytree(FIXTURE / "data", dest / "data")
    entry = ArchivedIssue(id=issue, date=dt.date(2024, 1, 1), commit="0" * 40, package=f"khcn-ban-tin-{issue}.tar.gz",
                          sha256="a" * 64, tagmanifest_sha256="b" * 64,
                          records=published_digests(load_all(dest), issue))
    append_entry(dest, entry)
    return dest


def _link_web_editor(dest: Path) -> None:
    """The web editor's front end (cms/), its installed packages linked, not copied (7 MB): the
    build then writes /bien-tap/ as `make build` does. Without `make cms` it is left out."""
    installed = REPO / "cms" / "node_modules"
    if not installed.is_dir():
        return
    shutil.copytree(REPO / "cms", dest / "cms", ignore=IGNORED)
    (dest / "cms" / "node_modules").symlink_to(installed, target_is_directory=True)


@dataclass
class SiteProject:
    """A copy of the project on the fixture's records in a temporary folder, to change and build."""
    root: Path

    @classmethod
    def copy(cls, dest: Path, web_editor: bool = False) -> "SiteProject":
        """The project on the fixture's records; with `web_editor`, also its editor's front end
        (cms/), so that the build writes /bien-tap/ when `make cms` has installed Sveltia CMS."""
        dest.mkdir(parents=True, exist_ok=True)
        for part in PROJECT_PARTS:
            source = REPO / part
            if source.is_dir():
                shutil.copytree(source, dest / part, ignore=IGNORED)
            else:
                shutil.copy2(source, dest / part)
        shutil.copytree(FIXTURE / "data", dest / "data")
        if web_editor:
            _link_web_editor(dest)
        return cls(dest)

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def append(self, rel: str, text: str) -> None:
        self.write(rel, self.read(rel) + text)

    def replace(self, rel: str, old: str, new: str) -> None:
        """Replace exactly one occurrence (fails loudly if the fixture's records changed)."""
        text = self.read(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        self.write(rel, text.replace(old, new))

    def build(self, site_dir: str = "_site", site_url: str | None = None) -> BuiltSite:
        """`mkdocs build --strict`; fails the test with MkDocs' log if the build fails.
        Without `site_url` the site's address is unknown, as in a local build."""
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        env.pop("PYTHONPATH", None)  # the copy's macros/, not the repository's
        env.pop("SITE_URL", None)
        if site_url:
            env["SITE_URL"] = site_url
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", site_dir],
                                cwd=self.root, env=env, capture_output=True, text=True, timeout=300)
        log = result.stdout + result.stderr
        assert result.returncode == 0, f"mkdocs build failed ({result.returncode}):\n{log}"
        return BuiltSite(self.root / site_dir, log)


class GoldenRefused(RuntimeError):
    """UPDATE_GOLDEN=1 asked for on CI."""


def golden_update_wanted(environ) -> bool:
    """True when UPDATE_GOLDEN=1 asks to rewrite the golden files. Refused where CI is set: a
    run there would accept any change it is meant to catch."""
    if environ.get("UPDATE_GOLDEN") != "1":
        return False
    if environ.get("CI"):
        raise GoldenRefused("UPDATE_GOLDEN=1 is refused when CI is set: regenerate the golden "
                            "files locally and commit them with the change, reviewed")
    return True


def province_yaml(slug: str, name: str, code: str, member: bool = True) -> str:
    """A province record as an editor would write it; a member known in 2022–2023."""
    text = (f"id: {slug}\nname: {name}\ndepartment: Sở Khoa học và Công nghệ tỉnh {name}\n"
            f"code: \"{code}\"\ncode_source: qd-124-2004-qd-ttg\n")
    if member:
        text += ("membership:\n  - since: unknown\n    known_member_in: 2022-2023\n"
                 "    source: \"2023-04\"\n")
    return text


def report_yaml(slug: str, figures: dict) -> str:
    """A province's report for 2022–2023 with bare figures."""
    lines = [f"province: {slug}", "period: 2022-2023", "source: \"2023-04\"", "figures:"]
    lines += [f"  {key}: {value}" for key, value in figures.items()]
    return "\n".join(lines) + "\n"


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """An internal href on a page, as (site path, fragment): ('/tinh/lao-cai/', 'so-lieu')."""
    parts = urlsplit(href)
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url).rstrip("/") + "/"
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else page_url
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    return path, parts.fragment


def rows(site: BuiltSite, url: str, selector: str = "table") -> list[list[str]]:
    """The body rows of the page's first table matching `selector`, each cell's text collapsed."""
    table = site.content(url).select_one(selector)
    return [[" ".join(cell.get_text(" ").split()) for cell in tr.find_all(["th", "td"])]
            for tr in table.select("tbody tr")]


def facts(site: BuiltSite, url: str) -> dict[str, str]:
    """The <dt>: <dd> pairs of the page's fact lists."""
    return {" ".join(dt.get_text(" ").split()): " ".join(dt.find_next_sibling("dd").get_text(" ").split())
            for dl in site.content(url).select("dl.khcn-facts") for dt in dl.find_all("dt")}


def links(site: BuiltSite, url: str, element) -> dict[str, str]:
    """Each link's text in `element` -> the site path it leads to."""
    return {" ".join(a.get_text().split()): resolve(url, a["href"])[0] for a in element.find_all("a")}


def lines(element) -> list[str]:
    """The items of the element's khcn-list lists, text collapsed."""
    return [" ".join(li.get_text().split()) for li in element.select("ul.khcn-list li")]


def nav_urls(config_file: Path = REPO / "mkdocs.yml") -> set[str]:
    """The URLs of the pages listed under `nav:` in mkdocs.yml: the hub pages."""
    from macros.records.project import read_mkdocs_config
    nav = read_mkdocs_config(config_file.parent)["nav"]

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from walk(value)
            elif isinstance(value, str) and not is_external(value):
                page = value[: -len(".md")]
                page = page[: -len("index")] if page.endswith("index") else page + "/"
                yield "/" + page
    return set(walk(nav))


def is_external(href: str) -> bool:
    parts = urlsplit(href)
    return bool(parts.scheme or parts.netloc)


def normalise_html(element) -> str:
    """An element as indented lines, one tag or text per line, attributes sorted:
    stable across whitespace changes, readable in a diff."""
    lines: list[str] = []

    def walk(node, depth: int) -> None:
        if isinstance(node, str):
            text = " ".join(node.split())
            if text:
                lines.append("  " * depth + html.escape(text, quote=False))
            return
        attrs = "".join(f' {k}="{html.escape(" ".join(v) if isinstance(v, list) else v)}"'
                        for k, v in sorted(node.attrs.items()))
        lines.append(f"{'  ' * depth}<{node.name}{attrs}>")
        for child in node.children:
            walk(child, depth + 1)
        lines.append(f"{'  ' * depth}</{node.name}>")

    walk(element, 0)
    return "\n".join(lines) + "\n"
