"""The list under every page's search box, as a reader uses it in Chromium: results while
typing (the unfinished word as a prefix), ↑ ↓ Enter Esc, ARIA combobox/listbox, furo's
mobile drawer; and on search.html: the query kept by the language switcher, "nothing found"
advice in the page's language, the terms a reader's word also searched."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from handbook.search.evaluation import search


def _options(tab):
    listbox = tab.locator("#handbook-suggestions[role=listbox]")
    listbox.locator("[role=option]").first.wait_for()
    return listbox.locator("[role=option]")


def test_typing_lists_the_best_pages_under_the_box_and_the_keys_choose(page, site_url):
    page.goto(f"{site_url}et/index.html")
    box = page.locator("input.sidebar-search")
    assert page.evaluate("typeof Search") == "undefined"  # no search data before focus
    box.click()
    box.press_sequentially("sõpradega")  # a form the handbook never uses
    options = _options(page)
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    hrefs = options.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any("principles/humanity.html" in href for href in hrefs[:5]), hrefs

    # the sections' text follows: a snippet with the word's form marked
    marked = page.locator("#handbook-suggestions .snippet mark").first
    marked.wait_for()
    assert marked.inner_text().lower().startswith(("sõb", "sõp"))

    box.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert page.locator("#handbook-suggestions").is_hidden()

    box.press_sequentially(" ")  # the list comes back, and Enter opens the chosen page
    _options(page)
    box.press("ArrowDown")
    first = options.first.locator("a").get_attribute("href")
    box.press("Enter")
    page.wait_for_url(re.compile(re.escape(first.split("#")[0].lstrip("./"))))
    assert page.console_errors == []


def test_the_word_being_typed_matches_as_a_prefix_and_enter_opens_the_full_results(page, site_url):
    page.goto(f"{site_url}en/guides/index.html")
    box = page.locator("input.sidebar-search")
    box.click()
    box.press_sequentially("hando")  # unfinished: handover
    hrefs = _options(page).locator("a").evaluate_all("a => a.map(x => x.getAttribute('href'))")
    assert any("handover.html" in href for href in hrefs[:3]), hrefs
    with page.expect_navigation():
        box.press("Enter")  # nothing chosen: the form's own submit
    assert urlsplit(page.url).path.endswith("/en/search.html")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["hando"]
    assert page.console_errors == []


def test_the_list_works_in_furos_mobile_drawer(new_page, site_url):
    tab = new_page(viewport={"width": 390, "height": 800})
    tab.goto(f"{site_url}ru/index.html")
    tab.locator("header .handbook-drawer-button.nav-overlay-icon").click()  # the drawer
    box = tab.locator("input.sidebar-search")
    box.wait_for(state="visible")
    box.click()
    box.press_sequentially("абонент")  # a reader's word: the handbook says клиент
    assert _options(tab).count() >= 1
    assert tab.locator("#handbook-suggestions").is_visible()
    assert tab.console_errors == []


def test_the_results_page_keeps_the_query_across_languages_and_advises_in_its_own(page, site_url):
    results, _, _ = search(page, f"{site_url}en/search.html", "subscriber")
    assert results, "a reader's word finds the pages of the handbook's term"
    assert "customer" in page.locator("#handbook-also").inner_text()
    link = page.locator("nav.language-switcher a.language-link[data-lang=et]")
    assert parse_qs(urlsplit(link.get_attribute("href")).query)["q"] == ["subscriber"]

    search(page, f"{site_url}et/search.html", "zzzyxq")
    advice = page.locator("#handbook-nothing")
    assert advice.inner_text().startswith("Midagi ei leitud")
    assert page.locator("#search-results p.search-summary").is_hidden()
    assert page.console_errors == []


def test_the_results_page_shows_every_result_at_once_at_its_section(page, site_url):
    fetched = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    results, _, _ = search(page, f"{site_url}en/search.html", "customer pauses")
    assert len(results) >= 10  # a page missing one of the words still appears
    pages = [path for path in fetched if path.endswith(".html")]
    assert all(path.endswith("/search.html") for path in pages), pages  # no fetch per result
    assert page.locator("#search-results ul.search > li p.context").count() >= len(results) - 2
    hrefs = page.locator("#search-results ul.search > li > a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert any("#" in href for href in hrefs[:5]), hrefs  # opened at the section
    assert page.console_errors == []


def test_nothing_in_the_readers_language_shows_other_languages_hits_labelled(page, site_url):
    search(page, f"{site_url}en/search.html", "извинение")  # Russian, on the English site
    assert page.locator("#handbook-nothing").inner_text().startswith("Nothing found")
    other = page.locator("#search-results li.handbook-other-language")
    other.first.wait_for()
    assert "(Русский)" in other.first.inner_text()
    assert other.first.locator("a").get_attribute("lang") == "ru"
    assert "/ru/" in other.first.locator("a").get_attribute("href")
    assert page.console_errors == []
