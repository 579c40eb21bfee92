"""Safety and privacy of reading: nothing from the address (query, hash, ?lang=) becomes
markup or a way off the site, and no page asks any other host for anything."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

PAYLOADS = (
    "<img src=x onerror=alert('img')>",
    '"><svg onload=alert("svg")>',
    "javascript:alert('js')",
    "</script><script>alert('script')</script>",
)


def guard(tab, site_url: str) -> dict[str, list[str]]:
    """Record dialogs (a script that ran) and requests to any other origin (aborted)."""
    seen: dict[str, list[str]] = {"dialogs": [], "elsewhere": []}
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    tab.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))

    def route(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or url.startswith(origin + "/"):
            return route.continue_()
        seen["elsewhere"].append(url)
        return route.abort()

    tab.context.route("**/*", route)
    return seen


def assert_untouched(tab, site_url: str, seen: dict[str, list[str]]) -> None:
    assert seen == {"dialogs": [], "elsewhere": []}
    assert tab.url.startswith(site_url)
    # nothing from the payloads became an element
    assert tab.locator("img[src='x'], svg[onload]").count() == 0
    assert tab.evaluate("document.querySelectorAll('[onerror], [onload]').length") == 0


@pytest.mark.parametrize(
    "code, payload", [(("ru", "et", "en")[i % 3], p) for i, p in enumerate(PAYLOADS)]
)
def test_a_crafted_search_runs_nothing(page, site_url, code, payload):
    seen = guard(page, site_url)
    page.goto(f"{site_url}{code}/search.html?q={quote(payload)}")
    page.wait_for_function("!!document.querySelector('#search-results p.search-summary')")
    page.wait_for_timeout(200)
    assert page.locator("input[name=q]").first.input_value() == payload  # shown as text
    assert_untouched(page, site_url, seen)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_crafted_fragment_stays_a_fragment(page, site_url, payload):
    seen = guard(page, site_url)
    page.goto(f"{site_url}ru/principles/humanity.html#{payload}")
    page.wait_for_timeout(200)
    for code in ("et", "en"):
        href = page.evaluate(
            f"document.querySelector('nav.language-switcher a[hreflang={code}]').href"
        )
        target = urlsplit(href)
        assert f"{target.scheme}://{target.netloc}/" == site_url
        assert target.path == f"/{code}/principles/humanity.html"
        assert "<" not in href and '"' not in href  # percent-encoded, never markup
    page.locator("nav.language-switcher a[hreflang=et]").click()
    page.wait_for_url(lambda url: url.startswith(f"{site_url}et/principles/humanity.html#"))
    assert_untouched(page, site_url, seen)


@pytest.mark.parametrize(
    "query",
    ["?lang=javascript:alert(1)", "?lang=https://evil.example/", "?lang=et#javascript:alert(2)"],
)
def test_the_landing_page_ignores_the_address(new_page, site_url, query):
    tab = new_page(locale="fr-FR")
    seen = guard(tab, site_url)
    tab.goto(site_url + query)
    tab.wait_for_url(f"{site_url}en/index.html*")  # the browser's preference decided
    assert_untouched(tab, site_url, seen)


def test_no_page_asks_another_host_for_anything(page, site_url, declaration):
    seen = guard(page, site_url)
    visited = 0
    for lang in declaration.languages:
        for name in (
            "index.html",
            "principles/humanity.html",
            "programmes/disc.html",
            "glossary.html",
            "genindex.html",
            "search.html?q=DISC",
            "404.html",
            "translation-status.html",
        ):
            page.goto(f"{site_url}{lang.code}/{name}")  # waits for "load": every subresource
            if name.startswith("search.html"):  # and what the search fetches to show results
                page.wait_for_function("!!document.querySelector('ul.search li')")
            visited += 1
    page.goto(site_url)
    page.wait_for_url(f"{site_url}en/index.html")
    assert visited == 8 * len(declaration.languages)
    assert seen["elsewhere"] == []
    assert page.console_errors == []
