"""Python-Markdown extensions for the pages people write in content/ (added by hooks.py).

The generated pages' tables come from templates that already mark their header cells; a
Markdown table gets the same: `scope="col"` on the header row, `scope="row"` on a body <th>.
"""
from __future__ import annotations

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class HeaderScopeTreeprocessor(Treeprocessor):
    def run(self, root):
        for table in root.iter("table"):
            for section, scope in (("thead", "col"), ("tbody", "row")):
                for part in table.iter(section):
                    for cell in part.iter("th"):
                        cell.set("scope", cell.get("scope", scope))


class HeaderScopeExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(HeaderScopeTreeprocessor(md), "khcn_header_scope", 5)
