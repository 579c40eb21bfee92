"""The site's root page sends readers to their language: the choice they made before (the
handbook_lang cookie), else the browser's preference, else English; without JavaScript it
is the list of languages, each in its own name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from handbook.dev.browser import serve
from handbook.multilingual import landing
from handbook.site import Language, Site

STATIC = Path(__file__).resolve().parent.parent / "handbook" / "static"


@pytest.mark.parametrize(
    "locale, language",
    [("et-EE", "et"), ("ru-RU", "ru"), ("en-GB", "en"), ("fr-FR", "en"), ("de", "en")],
)
def test_browser_language_decides(new_page, site_url, locale, language):
    tab = new_page(locale=locale)
    tab.goto(site_url)
    tab.wait_for_url(f"{site_url}{language}/index.html")
    assert tab.locator("html").get_attribute("lang") == language
    assert tab.console_errors == []


def test_the_first_language_the_site_has_wins(new_page, site_url):
    tab = new_page(locale="fr-FR")
    tab.add_init_script(
        "Object.defineProperty(navigator, 'languages', {get: () => ['fr-FR', 'ru', 'et']})"
    )
    tab.goto(site_url)
    tab.wait_for_url(f"{site_url}ru/index.html")


def test_an_explicit_choice_wins_over_the_browser(new_page, site_url):
    tab = new_page(locale="et-EE")
    tab.goto(f"{site_url}et/index.html")
    tab.locator('nav.language-switcher a[hreflang="ru"]').click()
    tab.wait_for_url(f"{site_url}ru/index.html")
    tab.goto(site_url)
    tab.wait_for_url(f"{site_url}ru/index.html")  # the cookie, not et-EE


@pytest.mark.parametrize(
    "value", ["javascript:alert(1)", "xx", "../../evil", "%3Cscript%3E", "EN%00"]
)
def test_a_cookie_that_names_no_language_is_ignored(new_page, site_url, value):
    tab = new_page(locale="et-EE")
    tab.context.add_cookies([{"name": "handbook_lang", "value": value, "url": site_url}])
    dialogs = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(site_url)
    tab.wait_for_url(f"{site_url}et/index.html")
    assert dialogs == []


def test_without_javascript_the_languages_are_links_in_their_own_names(
    new_page, site_url, declaration
):
    tab = new_page(locale="et-EE", javascript=False)
    tab.goto(site_url)
    tab.wait_for_timeout(300)  # time a script would have had to leave
    assert tab.url == site_url
    links = tab.locator("ul.languages a")
    assert links.count() == len(declaration.languages)
    for index, lang in enumerate(declaration.languages):
        link = links.nth(index)
        assert link.inner_text() == lang.name
        assert link.get_attribute("hreflang") == lang.code
        assert link.evaluate("a => a.closest('li').lang") == lang.code
    links.nth(1).click()
    tab.wait_for_url(f"{site_url}et/index.html")


def test_the_root_page_has_no_inline_script_or_style(built_site):
    page = BeautifulSoup((built_site.html / "index.html").read_text(encoding="utf-8"), "lxml")
    assert not page.select("style, [style]")
    scripts = page.select("script")
    assert scripts and all(s.get("src") and not s.get_text().strip() for s in scripts)
    assert all(s["src"].startswith("ru/_static/language.js?v=") for s in scripts)
    assert not page.select("[onclick], [onload], [onerror]")


# -- a draft language is reached only by choosing it ------------------------------------


def draft_site(root: Path) -> Path:
    site = Site(
        root,
        "https://x.test/docs/",
        "",
        "main",
        (
            Language("ru", "Русский", "Справочник", "source", "release"),
            Language("et", "Eesti", "Käsiraamat", "translation", "draft"),
            Language("en", "English", "Handbook", "translation", "release"),
        ),
    )
    html = root / "html"
    for lang in site.languages:
        (html / lang.code / "_static").mkdir(parents=True)
        (html / lang.code / "index.html").write_text(
            f'<!doctype html><html lang="{lang.code}"><title>{lang.title}</title>'
            '<link rel="icon" href="data:,"></html>',
            encoding="utf-8",
        )
        for name in (landing.SCRIPT, landing.STYLESHEET, "favicon.svg"):
            shutil.copy(STATIC / name, html / lang.code / "_static" / name)
    landing.write(site, html, site.languages)
    return html


def test_a_draft_language_is_never_chosen_for_the_reader(new_page, tmp_path):
    html = draft_site(tmp_path)
    page = (html / "index.html").read_text(encoding="utf-8")
    assert 'data-cookie-path="/docs/"' in page
    assert "(draft)" in page  # no catalog in this folder: the English word
    with serve(html) as url:
        tab = new_page(locale="et-EE")
        tab.goto(url)
        tab.wait_for_url(f"{url}en/index.html")  # et is a draft: the fallback
        tab.context.add_cookies([{"name": "handbook_lang", "value": "et", "url": url}])
        tab.goto(url)
        tab.wait_for_url(f"{url}et/index.html")  # chosen explicitly: fine
        assert tab.console_errors == []


def test_the_draft_label_is_in_the_language_itself(declaration):
    estonian = Language("et", "Eesti", "Käsiraamat", "translation", "draft")
    assert landing.draft_label(declaration, estonian) == "mustand"
