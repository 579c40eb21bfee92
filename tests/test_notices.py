"""Honest about translation: a page that is not fully translated says so, in its own
language, links the Russian original, and marks what it shows in Russian with lang="ru"."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from handbook.sphinxext.notices import percent_shown

CYRILLIC = re.compile("[\u0400-\u04ff]")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def pages(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.html") if not p.relative_to(folder).parts[0].startswith("_")]


def test_a_complete_translation_shows_no_notice_and_no_russian(built_site):
    for code in ("et", "en"):
        for path in pages(built_site.html / code):
            page = soup(path)
            assert page.select_one(".translation-notice") is None, path
            assert not page.select("article .untranslated, article .outdated"), path


def test_a_fuzzy_entry_brings_the_notice_in_the_page_language(altered_site):
    docname, _russian = altered_site.changed["et"]
    page = soup(altered_site.html / "et" / f"{docname}.html")
    notice = page.select_one(".translation-notice")
    assert notice is not None
    text = " ".join(notice.get_text().split())
    assert "Selle lehe originaali on pärast tõlkimist muudetud" in text  # fuzzy: outdated
    assert re.search(r"tõlgitud ja ajakohane on 9\d%", text)
    original = notice.select_one("a[hreflang='ru']")
    assert original.get_text() == "Loe originaali"
    assert original["href"] == f"../../ru/{docname}.html"
    target = (altered_site.html / "et" / docname).parent / original["href"]
    assert target.resolve() == (altered_site.html / "ru" / f"{docname}.html").resolve()
    assert notice.select_one("span[lang='ru']").get_text() == "Русский"


def test_an_untranslated_entry_brings_the_english_notice(altered_site):
    docname, _russian = altered_site.changed["en"]
    notice = soup(altered_site.html / "en" / f"{docname}.html").select_one(".translation-notice")
    text = " ".join(notice.get_text().split())
    assert re.search(r"This page is not fully translated yet: 9\d% of it is translated\.", text)
    assert "Read the original" in text


def test_pages_left_as_they_were_have_no_notice(altered_site):
    changed = {f"{code}/{doc}.html" for code, (doc, _) in altered_site.changed.items()}
    for code in ("et", "en"):
        for path in pages(altered_site.html / code):
            if str(path.relative_to(altered_site.html)) in changed:
                continue
            assert soup(path).select_one(".translation-notice") is None, path


def test_russian_passages_carry_lang_ru_and_the_fallback_classes(altered_site):
    for code, (docname, russian) in altered_site.changed.items():
        page = soup(altered_site.html / code / f"{docname}.html")
        marked = page.select("article [lang='ru']")
        assert [" ".join(m.get_text().split()) for m in marked] == [" ".join(russian.split())]
        classes = marked[0]["class"]
        assert "untranslated" in classes
        assert ("outdated" in classes) == (code == "et")  # fuzzy: the original changed
        # and nothing else in the article is Russian
        for element in page.select("article p, article li, article h1, article h2"):
            if element.find_parent(attrs={"lang": "ru"}) or element.get("lang") == "ru":
                continue
            assert not CYRILLIC.search(element.get_text()), element


def test_the_fallback_passage_is_marked_visibly_in_the_browser(new_page, altered_site):
    from handbook.dev.browser import serve

    docname, russian = altered_site.changed["et"]
    with serve(altered_site.html) as url:
        tab = new_page()
        tab.goto(f"{url}et/{docname}.html")
        notice = tab.locator(".translation-notice")
        assert notice.is_visible()
        passage = tab.locator("article [lang='ru']")
        style = passage.evaluate(
            "e => { const s = getComputedStyle(e); return [s.borderLeftStyle, s.borderLeftWidth] }"
        )
        assert style[0] in ("dotted", "dashed") and style[1] != "0px"
        normal = tab.locator("article p:not([lang])").first
        assert normal.evaluate("e => getComputedStyle(e).borderLeftStyle") == "none"
        assert html.unescape(passage.inner_text()).split()[:3] == russian.split()[:3]
        assert tab.console_errors == []


@pytest.mark.parametrize(
    "translated, total, language, shown",
    [
        (199, 200, "en", "99%"),  # 99.5 % is not "100 %"
        (17, 23, "et", "73%"),
        (1, 3, "ru", "33\xa0%"),
        (0, 12, "en", "0%"),
        (5, 5, "en", "100%"),
        (9, 10, "xx", "90 %"),  # a language Babel does not know
    ],
)
def test_percentages_round_down_in_the_language_s_own_way(translated, total, language, shown):
    assert percent_shown(translated, total, language) == shown
