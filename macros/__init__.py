"""The project's package; for mkdocs-macros it only registers the page macros."""
from __future__ import annotations


def define_env(env):
    """mkdocs-macros entry point: every macro renders one kind of page or block from the records."""
    from macros.editors import guide
    from macros.site import views

    for name in views.MACROS:
        env.macro(views.bind(getattr(views, name), env, page=True), name)
    guide.register(env)  # the editors' guide: fields and validator messages
    from macros.editors import cms
    cms.register(env)  # the guide's link to the web editor (/bien-tap/), when the build has it
    from macros.site import readers  # /du-lieu/, the open data page
    readers.define_env(env)
