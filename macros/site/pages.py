"""Which pages the records generate, at which stable Vietnamese address, with which macro call.

The Markdown of a generated page holds only a macro call with record ids (validated
slugs), never record text, so nothing from a record is ever evaluated as a template.
"""
from __future__ import annotations

from dataclasses import dataclass

from macros.records.formatting import in_sentence
from macros.records.model import Records


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str  # plain text from the records: escaped where it is used (hooks.py)
    markdown: str
    edit_file: str | None = None  # the record a reader would edit


def _page(src_uri: str, title: str, call: str, edit_file: str | None = None) -> GeneratedPage:
    return GeneratedPage(src_uri, title, "{{ " + call + " }}\n", edit_file)


def generated_pages(records: Records) -> list[GeneratedPage]:
    files = records.files
    pages = [
        _page("ban-tin/index.md", "Bản tin KH&CN", "bulletin_index()"),
        _page("thanh-vien/index.md", "Thành viên", "members_page()"),
        _page("so-lieu/index.md", "Số liệu", "statistics_hub()"),
        _page("tinh/index.md", "Các tỉnh", "province_index()"),
    ]
    for bulletin in records.bulletins.values():
        pages.append(_page(f"ban-tin/{bulletin.id}.md", bulletin.title,
                           f"bulletin_page('{bulletin.id}')", files.get(("bulletin", bulletin.id))))
    for province in records.provinces.values():
        pages.append(_page(f"tinh/{province.id}.md", f"Tỉnh {province.name}",
                           f"province_page('{province.id}')", files.get(("province", province.id))))
    for period in records.periods.values():
        pages.append(_page(f"so-lieu/{period.id}.md", f"Số liệu {in_sentence(period.label)}",
                           f"period_page('{period.id}')", files.get(("totals", period.id))))
    for indicator in records.indicators.values():
        pages.append(_page(f"chi-so/{indicator.id}.md", indicator.label,
                           f"indicator_page('{indicator.id}')", "data/indicators.yml"))
    pages.append(_page("luu-tru/index.md", "Lưu trữ", "archive_page()"))  # macros/archive/pages.py
    return pages
