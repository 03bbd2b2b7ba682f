"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): load the records once, generate pages.

Loaded by MkDocs from its path, so the project root is put on sys.path to import the package.
"""
from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from markupsafe import escape  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from macros.site import state as site_state  # noqa: E402
from macros.archive.pages import add_errata_notes  # noqa: E402
from macros.records.formatting import slugify_heading  # noqa: E402
from macros.site.mdx import HeaderScopeExtension  # noqa: E402
from macros.site.pages import generated_pages  # noqa: E402
from macros.site.render import without_indentation  # noqa: E402
from macros.site.urls import AddressError, theme_globals  # noqa: E402
from macros.records.problems import has_errors  # noqa: E402
from macros.site import preview, readers, social  # noqa: E402
from macros.archive.project import load_project  # noqa: E402

log = logging.getLogger("mkdocs.plugins.khcn")


def on_startup(command, dirty):
    if command == "serve":
        preview.start_serving()  # record errors show an error page instead of stopping (preview.py)


def on_serve(server, config, builder):
    preview.install(server)  # every request answered at once, even after a failed build
    return server


def on_config(config):
    """Run the same checks as `python -m macros validate`; stop the build on an error."""
    gc.unfreeze()  # what an earlier build of `mkdocs serve` froze, should it have failed
    root = Path(config.config_file_path).resolve().parent
    records, problems = load_project(root)
    if (records is None or has_errors(problems)) and preview.STATE.serving:
        preview.record_errors(problems)  # printed, not logged: a logged error fails --strict
        # A build with no page and no template (each needs the records): the preview shows
        # the problems instead.
        config.nav = []
        config.theme.static_templates.clear()
        return config
    for problem in problems:
        # Consistency warnings become notes on the pages; they must not fail --strict.
        (log.error if problem.severity == "error" else log.info)(problem.format_text())
    if records is None or has_errors(problems):
        errors = sum(p.severity == "error" for p in problems)
        raise Abort(f"Dữ liệu có {errors} lỗi; sửa các lỗi trên rồi dựng lại trang.")
    # Heading anchors keep Vietnamese letters readable: "Điện Biên" -> "dien-bien".
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify_heading
    # Header cells of Markdown tables say what they head, as the generated tables' do.
    config.markdown_extensions.append(HeaderScopeExtension())
    template_dir = root / "overrides" / "partials" / "khcn"
    try:
        site = site_state.Site.create(root, records, template_dir, dict(config.extra))
    except AddressError as exc:
        raise Abort(str(exc)) from None
    site_state.set_current(site)
    site_state.current().site_url = config.site_url
    readers.install(site_state.current())  # charts and downloads (macros/site/readers.py)
    # The records and everything computed from them live until the build ends: moved out of
    # the collector's reach, they are not rescanned at every collection while pages are built.
    gc.freeze()
    return config


def on_files(files, config):
    if preview.STATE.building.failed:
        # The preview's build with record errors: no page (every page reads the records).
        return Files([f for f in files if not f.is_documentation_page()])
    site = site_state.current()
    for page in generated_pages(site.records):
        site.pages[page.src_uri] = page
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    site.urls.files = files  # addresses of pages are now checked against this build's files
    return files


def on_env(env, config, files):
    """The theme's templates (overrides/) name addresses by kind too (macros/site/urls.py):
    `{{ site_path('feed') | url }}`."""
    if preview.STATE.building.failed:
        return env  # the preview's build with record errors renders no template
    env.globals.update(theme_globals(site_state.current().urls))
    # Open Graph and Twitter card tags of a page (macros/site/social.py), printed by overrides/main.html.
    env.globals["social_tags"] = lambda page: social.tags(site_state.current(), page, config)
    return env


def on_page_markdown(markdown, page, config, files):
    # Runs after the macros plugin: a title set here is never rendered as a template.
    social.set_description(site_state.current(), page, config)  # <meta name="description">, og:description
    generated = site_state.current().pages.get(page.file.src_uri)
    if generated is not None:
        # The theme prints titles unescaped (MkDocs' Jinja has no autoescape) and its
        # `striptags` would unescape them again, so the title is set as escaped HTML in
        # meta.title, which Material prints as is in <title> and in the header.
        title = escape(generated.title)
        page.meta["title"] = title
        page.title = title
        page.meta["khcn_edit_file"] = generated.edit_file
        if generated.edit_file and config.edit_uri:
            # "Sửa trang này" opens the record; edit_uri points at content/, beside data/.
            page.edit_url = urljoin(config.edit_uri, "../" + generated.edit_file)
    return markdown


def on_page_content(html, page, config, files):
    site = site_state.current()
    html = site.unstash(html, page)  # the macros' HTML, kept out of Python-Markdown
    # Errata of archived issues, on the page and on the pages of the corrected records.
    return add_errata_notes(html, page, site)


def on_post_page(output, page, config):
    # Tables and charts, after search read the page. Head tags (the tables' Dataset JSON-LD, a
    # bulletin's citation) come from page.meta through overrides/main.html (macros/site/views.py).
    # Then the theme's indentation goes (render.without_indentation): 4-5 KB of every page.
    return without_indentation(site_state.current().put_back_late(output))


def on_post_build(config):
    if preview.STATE.building.failed:
        return
    try:
        # Open data files, the Atom feed and the compact search index (macros/site/readers.py).
        readers.post_build(site_state.current(), config)
    finally:
        gc.unfreeze()  # `mkdocs serve` builds again in this process: the old build can be collected
