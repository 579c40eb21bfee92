"""The built handbook opens in a real browser with no script errors."""

from __future__ import annotations


def test_every_language_start_page_opens_without_console_errors(page, site_url, declaration):
    for lang in declaration.languages:
        page.goto(f"{site_url}{lang.code}/index.html")
        assert page.locator("html").get_attribute("lang") == lang.code
        assert page.locator("h1").first.inner_text().strip()
    page.goto(site_url)  # the root page that leads to the languages
    assert page.locator("ul.languages a").count() == len(declaration.languages)
    assert page.console_errors == []
