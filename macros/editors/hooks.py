"""MkDocs hooks of the editors' tools (listed under `hooks:` in mkdocs.yml, after the site's).

After the site is built, the web editor is written into site/bien-tap/ (macros/editors/cms.py)
from the records the site's hooks loaded. A build without an edit address (an archived
snapshot sets `edit_uri: ""`) has no editor; a build on a machine where `make cms` has not
installed Sveltia CMS leaves it out and says so.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.utils import get_relative_url  # noqa: E402

from macros.editors import cms  # noqa: E402
from macros.site import state as site_state  # noqa: E402
from macros.site.urls import address  # noqa: E402

log = logging.getLogger("mkdocs.plugins.khcn")


def on_post_build(config):
    repository = cms.Repository.from_edit_uri(config.edit_uri)
    if repository is None:
        return  # no repository to commit to: an archived copy, or a site edited elsewhere
    root = Path(config.config_file_path).resolve().parent
    if not cms.will_be_written(config.edit_uri, root):
        log.info("Bỏ qua trang biên tập /%s/: chưa cài Sveltia CMS (chạy `make cms`)", cms.PAGE)
        return
    site = site_state.current()
    guide = get_relative_url(site.urls.path(address("guide")), site.urls.path(cms.EDITOR))
    cms.write_editor(Path(config.site_dir), root, site.records, repository, guide, site_url=config.site_url)
