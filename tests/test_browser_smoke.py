"""The built handbook opens in a real browser with no script errors."""

from __future__ import annotations


def test_every_language_start_page_opens_without_console_errors(page, site_url, declaration):
    for lang in declaration.languages:
        page.goto(f"{site_url}{lang.code}/index.html")
        assert page.locator("html").get_attribute("lang") == lang.code
        assert page.locator("h1").first.inner_text().strip()
    page.goto(site_url)  # the root page leads to the reader's language (tests/test_landing.py)
    page.wait_for_url(f"{site_url}en/index.html")  # the browser says en-GB
    assert page.console_errors == []
