"""Which pages the records generate, at which stable Vietnamese address (macros/site/urls.py),
with which macro call.

The Markdown of a generated page holds only a macro call with record ids (validated
slugs), never record text, so nothing from a record is ever evaluated as a template.
"""
from __future__ import annotations

from dataclasses import dataclass

from macros.records.formatting import in_sentence
from macros.records.model import Records
from macros.site.history import conference_name
from macros.site.urls import Address, Urls, address


@dataclass(frozen=True)
class GeneratedPage:
    address: Address
    title: str  # plain text from the records: escaped where it is used (hooks.py)
    markdown: str
    edit_file: str | None = None  # the record a reader would edit

    @property
    def src_uri(self) -> str:
        return self.address.src_uri


def _page(urls: Urls, kind: str, key, title: str, call: str, edit_file: str | None = None) -> GeneratedPage:
    target = urls.check(address(kind, *(() if key is None else (key,))))
    return GeneratedPage(target, title, "{{ " + call + " }}\n", edit_file)


def generated_pages(records: Records) -> list[GeneratedPage]:
    files, urls = records.files, Urls(records)
    pages = [
        _page(urls, "bulletins", None, "Bản tin KH&CN", "bulletin_index()"),
        _page(urls, "members", None, "Thành viên", "members_page()"),
        _page(urls, "conferences", None, "Hội nghị", "conference_index()"),
        _page(urls, "statistics", None, "Số liệu", "statistics_hub()"),
        _page(urls, "indicators", None, "Chỉ số", "indicator_index()"),
        _page(urls, "provinces", None, "Các tỉnh", "province_index()"),
    ]
    for bulletin in records.bulletins.values():
        pages.append(_page(urls, "bulletin", bulletin.id, bulletin.title,
                           f"bulletin_page('{bulletin.id}')", files.get(("bulletin", bulletin.id))))
    for number, conference in sorted(records.conferences.items()):
        pages.append(_page(urls, "conference", number, conference_name(conference),
                           f"conference_page({number})", files.get(("conference", number))))
    for province in records.provinces.values():
        pages.append(_page(urls, "province", province.id, f"Tỉnh {province.name}",
                           f"province_page('{province.id}')", files.get(("province", province.id))))
    for period in records.periods.values():
        pages.append(_page(urls, "period", period.id, f"Số liệu {in_sentence(period.label)}",
                           f"period_page('{period.id}')", files.get(("totals", period.id))))
    for indicator in records.indicators.values():
        pages.append(_page(urls, "indicator", indicator.id, indicator.label,
                           f"indicator_page('{indicator.id}')", "data/indicators.yml"))
    pages.append(_page(urls, "archive", None, "Lưu trữ", "archive_page()"))  # macros/archive/pages.py
    return pages
