"""Hostile text in every kind of text field renders inert.

One site is built with a hostile payload in each text field a record has: markup, an
event handler, a javascript: link, an attribute list, and Jinja. Each field's payload starts
with its own marker (F01, F02, ...) so that a failure names the field.
"""
from __future__ import annotations

import json
import re

import pytest

from site_helpers import SiteProject
from macros.site import render

PAYLOAD = ('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) '
           '{: onclick="alert(1)"} " onmouseover="alert(1)" {{ 7*7 }} {% raw %} </title><!--<script>')

# field -> (file, text in the real record, replacement key or block-scalar indent, kind).
# "plain" fields are escaped text: the payload shows exactly as written. "markdown" fields
# are rendered and sanitised: the markup goes, the text stays; their payload becomes the
# first paragraph of the block scalar.
FIELDS = {
    "F01 province name": ("data/provinces/lao-cai.yml", "name: Lào Cai", "name: ", "plain"),
    "F02 province department": ("data/provinces/lao-cai.yml",
                                "department: Sở Khoa học và Công nghệ tỉnh Lào Cai", "department: ", "plain"),
    "F03 bulletin title": ("data/bulletins/2023-04.yml", "title: Bản tin KH&CN số 4 năm 2023", "title: ", "plain"),
    "F04 bulletin publisher": ("data/bulletins/2023-04.yml",
                               "\npublisher: Sở Khoa học và Công nghệ tỉnh Hà Giang", "\npublisher: ", "plain"),
    "F05 bulletin date note": ("data/bulletins/2023-04.yml",
                               "date_note: Bản tin không ghi ngày phát hành; đây là ngày bài được đăng trên "
                               "cổng thông tin Sở KH&CN tỉnh Hà Giang.", "date_note: ", "plain"),
    "F06 article title": ("data/bulletins/2023-04.yml",
                          "  - title: Hợp tác phát triển khoa học và công nghệ các tỉnh trung du, miền núi phía Bắc",
                          "  - title: ", "plain"),
    "F07 article summary": ("data/bulletins/2023-04.yml", "    summary: |\n", "      ", "markdown"),
    "F08 conference theme": ("data/conferences/11.yml",
                             "theme: Hợp tác phát triển khoa học, công nghệ và đổi mới sáng tạo các tỉnh "
                             "trung du, miền núi phía Bắc", "theme: ", "plain"),
    "F09 conference summary": ("data/conferences/11.yml", "summary: |\n", "  ", "markdown"),
    "F10 indicator label": ("data/indicators.yml", "label: Phương tiện đo được kiểm định", "label: ", "plain"),
    "F11 indicator unit": ("data/indicators.yml", "unit: phương tiện đo", "unit: ", "plain"),
    "F12 indicator description": ("data/indicators.yml",
                                  "description: Số phương tiện đo (PTĐ) được kiểm định trong kỳ.",
                                  "description: ", "plain"),
    "F13 document title": ("data/documents/qd-569-qd-ttg.yml",
                           "title: Quyết định ban hành Chiến lược phát triển khoa học, công nghệ và đổi mới "
                           "sáng tạo đến năm 2030", "title: ", "plain"),
    "F14 document title (merger)": ("data/documents/nq-202-2025-qh15.yml",
                                    "title: Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh",
                                    "title: ", "plain"),
    "F15 bloc description": ("data/bloc.yml", "description: |\n", "  ", "markdown"),
    "F16 figure note": ("data/reports/phu-tho/2022-2023.yml",
                        "note: Nguồn ghi \"trên 2.000 triệu đồng\".", "note: ", "plain"),
    "F17 period label": ("data/periods/2022-2023.yml", "label: Giai đoạn 2022–2023", "label: ", "plain"),
    "F18 indicator group label": ("data/indicators.yml", "label: Tiêu chuẩn, đo lường, chất lượng",
                                  "label: ", "plain"),
}

# Pages whose <title> is made from a record field.
TITLED_PAGES = {"/tinh/lao-cai/": "F01", "/ban-tin/2023-04/": "F03", "/chi-so/phuong-tien-do-kiem-dinh/": "F10",
                "/so-lieu/2022-2023/": "F17"}

# What a reader sees of the payload: all of it in a plain field; in a Markdown field, the
# link text and the text that is not markup.
SHOWN = {"plain": PAYLOAD,
         "markdown": 'x {: onclick="alert(1)"} " onmouseover="alert(1)" {{ 7*7 }} {% raw %} <!--'}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def marker(field: str) -> str:
    return field.split()[0]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    project = SiteProject.copy(tmp_path_factory.mktemp("hostile"))
    for field, (rel, old, key, kind) in FIELDS.items():
        text = f"{marker(field)} {PAYLOAD}"
        if kind == "plain":  # a YAML single-quoted string
            project.replace(rel, old, key + "'" + text.replace("'", "''") + "'")
        else:  # the first paragraph of the block scalar
            project.replace(rel, old, old + key + text + "\n\n")
    return project.build()


def all_pages(site):
    return [(url, site.soup(url)) for url in site.html_pages()]


def visible_text(soup) -> str:
    """The page's text, whitespace collapsed; BibTeX's escapes (\\{ \\%) read as the characters."""
    text = " ".join(soup.get_text(" ").split())
    return re.sub(r"\\([{}%&$#_])", r"\1", text)


def test_every_payload_reaches_a_page(hostile):
    """The test is only as good as its payloads: each one must be rendered somewhere."""
    texts = [visible_text(soup) for _, soup in all_pages(hostile)]
    for field in FIELDS:
        assert any(f"{marker(field)} " in text for text in texts), f"{field}: payload not on any page"


def test_no_script_from_the_records(hostile):
    for url, soup in all_pages(hostile):
        for script in soup.find_all("script"):
            if script.get("type") in DATA_SCRIPT_TYPES:
                continue
            assert "alert" not in script.get_text(), f"{url}: {script}"
        assert not soup.select("article script"), f"{url}: a <script> in the page content"


def test_data_in_scripts_cannot_end_or_escape_its_element(hostile):
    """JSON in a <script> (JSON-LD, Material's config) holding record text: valid JSON, and
    neither `</` (ends the element) nor `<!--` (makes the parser swallow the rest of the page)."""
    seen = 0
    for url, soup in all_pages(hostile):
        for script in soup.find_all("script", type=lambda t: t in DATA_SCRIPT_TYPES):
            raw = script.string or ""
            json.loads(raw)
            assert "</" not in raw and "<!--" not in raw, f"{url}: {raw[:300]!r}"
            seen += "alert" in raw
    if not seen:
        pytest.skip("no page puts record text in a <script>")


def test_no_event_handler_attributes(hostile):
    for url, soup in all_pages(hostile):
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, f"{url}: <{element.name}> has {handlers}"


def test_no_javascript_urls(hostile):
    for url, soup in all_pages(hostile):
        for element in soup.find_all(True):
            for name in ("href", "src", "action", "formaction", "xlink:href"):
                value = re.sub(r"[\s\x00-\x1f]", "", element.get(name, "")).lower()
                assert not value.startswith("javascript:"), f"{url}: <{element.name} {name}={value!r}>"
        assert not soup.find("img", src="x"), f"{url}: an <img> from the records"


def test_fields_show_the_payload_literally(hostile):
    """Escaped, never evaluated: wherever a field appears, `{{ 7*7 }}` stays as written (no 49)."""
    texts = [visible_text(soup) for _, soup in all_pages(hostile)]
    for field, (_, _, _, kind) in FIELDS.items():
        start = f"{marker(field)} "
        shown = [t[i + len(start):] for t in texts for i in [m.start() for m in re.finditer(start, t)]]
        assert shown, f"{field}: payload not on any page"
        for text in shown:
            assert text.startswith(SHOWN[kind]), f"{field}: shown as {text[:120]!r}"


def test_markdown_fields_lose_their_links(hostile):
    for url, soup in all_pages(hostile):
        for a in soup.select("article a"):
            assert a.get_text(strip=True) != "x" or not a.get("href"), f"{url}: record link kept: {a}"


@pytest.mark.parametrize("url", sorted(TITLED_PAGES))
def test_page_titles_are_text_and_not_templates(hostile, url):
    soup = hostile.soup(url)
    title = soup.title
    assert not title.find(True), f"{url}: markup inside <title>: {title}"
    assert f"{TITLED_PAGES[url]} {PAYLOAD}" in title.get_text(), title.get_text()
    for topic in soup.select(".md-header__topic"):
        assert not topic.find(["script", "img"]), f"{url}: markup in the header: {topic}"
    def code(page):
        return [s for s in page.find_all("script") if s.get("type") not in DATA_SCRIPT_TYPES]
    assert len(code(soup)) == len(code(hostile.soup("/"))), "a <script> element came from the title"


def test_search_index_holds_no_live_markup(hostile):
    """Material's search shows titles and text as HTML: record markup must arrive escaped."""
    index = json.loads((hostile.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            value = doc.get(key, "")
            assert not re.search(r"<(script|img)\b", value, re.I), f"{doc['location']}: {key} {value[:200]!r}"


# -- the second wall: the Content-Security-Policy ----------------------------------------------
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
          "base-uri 'none'; form-action 'none'; object-src 'none'")


def test_every_page_carries_the_policy_before_anything_it_governs(hostile):
    for url, soup in all_pages(hostile):
        metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert [m["content"] for m in metas] == [POLICY], url
        assert metas[0].parent.name == "head", url
        before = metas[0].find_all_previous(["script", "style", "link"])
        assert [t for t in before if t.name != "link" or "stylesheet" in t.get("rel", [])] == [], url


def is_own(src: str) -> bool:
    """A file of the site: a relative address, or one from the site's root."""
    return bool(src) and "://" not in src and not src.startswith("//")


def test_the_pages_need_nothing_the_policy_refuses(hostile):
    """No inline script (only data: JSON, and the empty placeholders of Material's scripts that
    on-demand.js loads from the site), no <style>, no style attribute, no event handler: what the
    policy refuses would break the page, so none of the site's own pages uses it."""
    for url, soup in all_pages(hostile):
        inline = [s for s in soup.find_all("script") if not s.get("src") and s.get("type") not in DATA_SCRIPT_TYPES
                  and not (s.get("type") == "text/x-khcn-on-demand" and is_own(s.get("data-src", ""))
                           and not s.get_text())]
        assert inline == [], f"{url}: {str(inline[0])[:200]}"
        assert soup.find_all("style") == [], url
        styled = soup.find_all(style=True)
        assert styled == [], f"{url}: {str(styled[0])[:200]}"


def test_pages_lose_their_indentation_but_not_their_code():
    page = ('<nav>\n    <a href="/">\n      Trang chủ\n    </a>\n</nav>\n'
            '<pre><code>figures:\n  de-tai-du-an: 45\n</code></pre>\n'
            '<p class="khcn-cite__text"><code>@misc{a,\n  title = {b}\n}</code></p>\n'
            '<script type="application/ld+json">{\n  "a": 1\n}</script>')
    assert render.without_indentation(page) == (
        '<nav>\n<a href="/">\nTrang chủ\n</a>\n</nav>\n'
        '<pre><code>figures:\n  de-tai-du-an: 45\n</code></pre>\n'
        '<p class="khcn-cite__text"><code>@misc{a,\n  title = {b}\n}</code></p>\n'
        '<script type="application/ld+json">{\n  "a": 1\n}</script>')


def test_built_pages_have_no_indentation_outside_code(built_site):
    html = built_site.file_for("/huong-dan/").read_text(encoding="utf-8")
    outside = render._KEPT_AS_WRITTEN.sub("<code>", html)
    assert "\n " not in outside and "\n  " in html  # the guide's YAML examples keep theirs
