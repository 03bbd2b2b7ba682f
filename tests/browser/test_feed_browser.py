"""The Atom feed opened in Chromium: its stylesheet makes a readable page that says what it is."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_feed_reads_as_a_page(new_page, base_url):
    page = new_page
    response = page.goto(base_url + "/feed.xml", wait_until="networkidle")
    assert response.ok
    shown = page.evaluate("""() => {
        const style = (selector, pseudo) => getComputedStyle(document.querySelector(selector), pseudo || null);
        return {intro: style('feed', '::before').content, entry: style('entry').display,
                title: parseFloat(style('feed > title').fontSize), html: style('entry > content').display,
                id: style('id').display, link: style('entry > link').display};
    }""")
    assert "nguồn tin (Atom) của Bản tin KH&CN" in shown["intro"]
    assert shown["entry"] == "block" and shown["title"] >= 24
    assert shown["html"] == shown["id"] == "none"  # the summaries' HTML as tags, the ids: not for readers
    assert shown["link"] == "block"
    assert page.khcn_log.failed_requests == [] and page.khcn_log.outside_requests == []
