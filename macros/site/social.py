"""What a link to a page shows when it is shared (Zalo, Facebook, X, chat programs): Open Graph
and Twitter card tags with the page's title, a description written from its records, and a
picture for its kind of page.

The pictures are files of the theme (overrides/assets/images/og/<name>.png, 1200 × 630),
drawn once from tools/og_images.py and committed: the build draws nothing and asks nothing of
another host. The description is also the page's `<meta name="description">` (Material prints
`page.meta.description`), which search engines show under a result.

Open Graph wants absolute addresses: with the site's address known (`site_url`), the page's
address and the picture's are absolute; without it (a local build, an archived snapshot) the
picture's address is relative to the page and `og:url` is left out.
"""
from __future__ import annotations

import textwrap

from markupsafe import escape
from mkdocs.utils import get_relative_url

from macros.records import formatting as fmt
from macros.site.urls import PAGES

# Picture of each page kind (macros/site/urls.py PAGES), by file name; any other page: the home one.
IMAGE_OF = {
    "home": "trang-chu", "bulletins": "ban-tin", "bulletin": "ban-tin", "members": "thanh-vien",
    "conferences": "hoi-nghi", "conference": "hoi-nghi", "statistics": "so-lieu", "period": "so-lieu",
    "indicators": "chi-so", "indicator": "chi-so", "provinces": "tinh", "province": "tinh",
    "open_data": "du-lieu", "archive": "luu-tru",
}
IMAGE_FOLDER = "assets/images/og"  # a theme folder (overrides/assets/images/og), not a page
IMAGE_SIZE = (1200, 630)  # what Facebook and Zalo show whole
# What each picture shows: its words (title, subtitle) and its alternative text.
PICTURES = {
    "trang-chu": ("Hợp tác khoa học và công nghệ", "số liệu, bản tin và thành viên của Khối"),
    "ban-tin": ("Bản tin KH&CN", "các số bản tin của Khối"),
    "thanh-vien": ("Thành viên", "các tỉnh của Khối qua các năm"),
    "hoi-nghi": ("Hội nghị", "các hội nghị, hội thảo của Khối"),
    "so-lieu": ("Số liệu", "theo kỳ báo cáo, theo tỉnh"),
    "chi-so": ("Chỉ số KH&CN", "định nghĩa, bảng và biểu đồ"),
    "tinh": ("Các tỉnh", "số liệu và hội nghị của từng tỉnh"),
    "du-lieu": ("Dữ liệu mở", "mọi bảng số liệu tải về, CSV"),
    "luu-tru": ("Lưu trữ", "mỗi số bản tin, giữ nguyên vẹn"),
}
DESCRIPTION_LENGTH = 200  # about what a shared link shows before cutting


def page_kind(site, page) -> tuple[str | None, str | None]:
    """(kind, key) of a page: a generated page knows its address; a written one (content/) is
    the page kind whose source file it is."""
    generated = site.pages.get(page.file.src_uri)
    if generated is not None:
        return generated.address.kind, generated.address.key
    kind = next((k for k, pattern in PAGES.items() if pattern == page.file.src_uri), None)
    return kind, None


def _short(text: str) -> str:
    return textwrap.shorten(" ".join(text.split()), DESCRIPTION_LENGTH, placeholder=" …")


def description(site, page, default: str) -> str:
    """A sentence on what the page holds, from its records; `default` for other pages."""
    records = site.records
    kind, key = page_kind(site, page)
    if kind == "bulletin":
        bulletin = records.bulletins[key]
        return _short(f"{bulletin.title}, {bulletin.publisher}: "
                      + "; ".join(article.title for article in bulletin.articles) + ".")
    if kind == "province":
        name = records.provinces[key].name
        return f"Tỉnh {name}: Sở Khoa học và Công nghệ, tư cách thành viên Khối, hội nghị và số liệu theo kỳ báo cáo."
    if kind == "period":
        label = fmt.in_sentence(records.periods[key].label)
        return f"Số liệu {label} của các tỉnh thành viên Khối: bảng, biểu đồ và tệp CSV tải về."
    if kind == "indicator":
        indicator = records.indicators[key]
        return _short(f"{indicator.label} ({indicator.unit}): {indicator.description}")
    return default


def tags(site, page, config) -> list[tuple[str, str, str]]:
    """(attribute, name, content) of each tag, content escaped for HTML: MkDocs' templates do
    not escape."""
    kind, _ = page_kind(site, page)
    name = IMAGE_OF.get(kind, "trang-chu")
    image = f"{IMAGE_FOLDER}/{name}.png"
    site_url = (config.site_url or "").rstrip("/")
    # A generated page's meta.title is escaped already (hooks.py); a written page's title is text.
    if page.is_homepage:  # as in <title>: the site's name
        title = escape(config.site_name)
    else:
        title = page.meta["title"] if page.file.src_uri in site.pages else escape(page.title or config.site_name)
    text = page.meta.get("khcn_description") or description(site, page, config.site_description)
    found = [("property", "og:type", "article" if kind == "bulletin" else "website"),
             ("property", "og:site_name", str(escape(config.site_name))),
             ("property", "og:locale", "vi_VN"),
             ("property", "og:title", str(title)),
             ("property", "og:description", str(escape(text)))]
    if site_url:
        found.append(("property", "og:url", str(escape(f"{site_url}/{page.url}"))))
    found += [("property", "og:image", str(escape(f"{site_url}/{image}" if site_url
                                                  else get_relative_url(image, page.url)))),
              ("property", "og:image:width", str(IMAGE_SIZE[0])),
              ("property", "og:image:height", str(IMAGE_SIZE[1])),
              ("property", "og:image:alt", str(escape(" – ".join(PICTURES[name])))),
              ("name", "twitter:card", "summary_large_image")]
    return found


def set_description(site, page, config) -> None:
    """The page's description in its metadata, which Material prints, unescaped, in
    <meta name="description">: a page's own (its front matter) or one from its records."""
    text = page.meta.get("description") or description(site, page, config.site_description)
    page.meta["khcn_description"] = text
    page.meta["description"] = str(escape(text))
