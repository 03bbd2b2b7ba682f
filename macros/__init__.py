"""The project's package; for mkdocs-macros it only registers the page macros."""
from __future__ import annotations


def define_env(env):
    """mkdocs-macros entry point: every macro renders one kind of page or block from the records."""
    from . import views

    for name in views.MACROS:
        env.macro(views.bind(getattr(views, name), env), name)
