"""The same page in every language: the switcher, hreflang alternates, sitemaps, and the
publish step that keeps them true to the pages really published."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import run_handbook

from handbook import site
from handbook.multilingual import alternates, sitemap

PAGES = ("index.html", "principles/humanity.html", "stories/ahto-johannes.html", "glossary.html")
NS = {"s": sitemap.SITEMAP_NS, "x": sitemap.XHTML_NS}
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 800}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def html_pages(folder: Path) -> list[str]:
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*.html")
        if not p.relative_to(folder).parts[0].startswith("_")
    )


# -- in the built pages ------------------------------------------------------------------


def test_every_page_links_the_same_page_in_each_other_language(built_site, declaration):
    for lang in declaration.languages:
        folder = built_site.html / lang.code
        pages = html_pages(folder)
        assert len(pages) > 20
        for name in pages:
            page = soup(folder / name)
            switcher = page.select_one("nav.language-switcher")
            assert switcher is not None, f"{lang.code}/{name} has no switcher"
            links = {a["hreflang"]: a for a in switcher.select("a.language-link")}
            assert set(links) == set(declaration.codes) - {lang.code}, f"{lang.code}/{name}"
            current = switcher.select_one("[aria-current]")
            assert (current["lang"], current.get_text()) == (lang.code, lang.name)
            for other in declaration.languages:
                if other.code == lang.code:
                    continue
                link = links[other.code]
                assert link.get_text() == other.name  # in its own name
                assert link["lang"] == other.code
                if name == "404.html":  # absolute: it answers at any depth; start pages
                    assert link["href"] == f"{declaration.base_path}{other.code}/index.html"
                    continue
                target = ((folder / name).parent / link["href"]).resolve()
                assert target == (built_site.html / other.code / name).resolve()
                assert target.is_file()


def test_the_switcher_is_labelled_in_the_language_of_the_page(built_site):
    labels = {
        code: soup(built_site.html / code / "index.html").select_one("nav.language-switcher")[
            "aria-label"
        ]
        for code in ("ru", "et", "en")
    }
    assert labels == {"ru": "Язык", "et": "Keel", "en": "Language"}


def test_head_lists_every_language_and_x_default(built_site, declaration):
    for lang in declaration.languages:
        for name in PAGES:
            head = soup(built_site.html / lang.code / name).head
            found = {
                link["hreflang"]: link["href"]
                for link in head.select('link[rel="alternate"][hreflang]')
            }
            expected = {code: declaration.url(code, name) for code in declaration.codes}
            expected["x-default"] = (
                declaration.base_url if name == "index.html" else declaration.url("en", name)
            )
            assert found == expected, f"{lang.code}/{name}"
            canonical = head.select_one('link[rel="canonical"]')["href"]
            assert canonical == declaration.url(lang.code, name)


def test_generated_pages_have_no_alternates(built_site):
    for name in ("search.html", "genindex.html", "404.html"):
        assert not soup(built_site.html / "et" / name).select('link[rel="alternate"]')


def test_generated_pages_are_not_for_search_engines(built_site):
    """Pages without alternates are all noindex: the term index (genindex) like the search
    and 404 pages; it repeats the glossary, which is indexed with its alternates."""
    for code in ("ru", "et", "en"):
        for name in ("search.html", "genindex.html", "404.html"):
            robots = soup(built_site.html / code / name).select_one('meta[name="robots"]')
            assert robots is not None and "noindex" in robots["content"], f"{code}/{name}"


def test_sitemaps_list_every_page_with_its_alternates_and_date(built_site, declaration):
    root = ET.parse(built_site.html / "sitemap.xml").getroot()
    listed = [loc.text for loc in root.iterfind("s:sitemap/s:loc", NS)]
    assert listed == [declaration.url(code, "sitemap.xml") for code in declaration.codes]
    for code in declaration.codes:
        urls = ET.parse(built_site.html / code / "sitemap.xml").getroot().findall("s:url", NS)
        pages = {url.findtext("s:loc", namespaces=NS): url for url in urls}
        expected = {
            declaration.url(code, name)
            for name in html_pages(built_site.html / code)
            if name not in alternates.GENERATED
        }
        assert set(pages) == expected
        url = pages[declaration.url(code, "principles/humanity.html")]
        assert date.fromisoformat(url.findtext("s:lastmod", namespaces=NS))
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert links["x-default"] == declaration.url("en", "principles/humanity.html")
        assert {k: v for k, v in links.items() if k != "x-default"} == {
            c: declaration.url(c, "principles/humanity.html") for c in declaration.codes
        }


# -- in the browser ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("principles/humanity.html", "#principle-humanity-why"),
        ("guides/handover.html", ""),
        ("stories/ahto-johannes.html", "#story-ahto-johannes"),
        ("glossary.html", "#glossary"),
    ],
)
def test_round_trip_ru_et_en_ru_keeps_the_page_and_fragment(page, site_url, name, fragment):
    page.goto(f"{site_url}ru/{name}{fragment}")
    for code in ("et", "en", "ru"):
        page.locator(f'nav.language-switcher a[hreflang="{code}"]').click()
        page.wait_for_url(f"{site_url}{code}/{name}{fragment}")
        assert page.locator("html").get_attribute("lang") == code
        if fragment:
            assert page.locator(fragment).count() == 1  # the same section exists there
    assert page.console_errors == []


def test_the_fragment_follows_the_reader_within_the_page(page, site_url):
    page.goto(f"{site_url}en/principles/humanity.html")
    page.evaluate("location.hash = '#principle-humanity-avoid'")  # e.g. a click in the ToC
    target = page.evaluate(
        "document.querySelector('nav.language-switcher a[hreflang=\"et\"]').href"
    )
    assert target == f"{site_url}et/principles/humanity.html#principle-humanity-avoid"


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_switcher_is_visible_and_works_from_the_keyboard(new_page, site_url, viewport):
    tab = new_page(viewport=viewport)
    tab.goto(f"{site_url}et/guides/apologising.html")
    switcher = tab.locator("nav.language-switcher")
    assert switcher.is_visible()
    box = switcher.bounding_box()
    assert box["y"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    for _ in range(40):  # Tab through the page until the English link has the focus
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.getAttribute('hreflang')") == "en":
            break
    else:
        pytest.fail("the English link of the switcher never got the keyboard focus")
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"{site_url}en/guides/apologising.html")
    assert tab.console_errors == []


def test_choosing_a_language_sets_the_agreed_cookie(page, site_url):
    page.goto(f"{site_url}en/index.html")
    page.locator('nav.language-switcher a[hreflang="et"]').click()
    page.wait_for_url(f"{site_url}et/index.html")
    cookies = {c["name"]: c for c in page.context.cookies()}
    cookie = cookies["handbook_lang"]
    assert cookie["value"] == "et"
    assert cookie["path"] == "/"  # the base URL's path
    assert cookie["sameSite"] == "Lax"
    year = 365 * 24 * 3600
    remaining = cookie["expires"] - page.evaluate("Date.now() / 1000")
    assert year - 120 < remaining <= year


# -- publishing only some languages ------------------------------------------------------


NEW_PAGE = """(new-page)=
# Новая страница

Эту страницу добавили после перевода.
"""


def test_a_page_missing_in_a_language_links_its_start_page_until_it_exists(project_copy):
    """Add a page and publish only Russian: the other languages do not have it yet."""
    assert run_handbook(project_copy, "build", "--langs", "et").returncode == 0
    (project_copy / "docs" / "new.md").write_text(NEW_PAGE, encoding="utf-8")
    index = project_copy / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    assert "\nglossary\n" in text  # the toctree's line
    index.write_text(text.replace("\nglossary\n", "\nglossary\nnew\n", 1), encoding="utf-8")
    run = run_handbook(project_copy, "build", "--langs", "ru")
    assert run.returncode == 0, run.output
    html = project_copy / "_build" / "html"

    new = soup(html / "ru" / "new.html")
    links = {a["hreflang"]: a["href"] for a in new.select("nav.language-switcher a")}
    assert links["et"] == "../et/index.html"  # et has no such page: its start page
    # en is declared but not published at all: not offered
    assert new.select_one('li.language-item[data-lang="en"]').has_attr("hidden")
    alternates_ = {a["hreflang"] for a in new.head.select('link[rel="alternate"]')}
    assert alternates_ == {"ru"}  # x-default would be English, which does not have it
    humanity = soup(html / "ru" / "principles" / "humanity.html")
    links = {a["hreflang"]: a["href"] for a in humanity.select("nav.language-switcher a")}
    assert links["et"] == "../../et/principles/humanity.html"  # existing pages: unchanged
    ru_map = sitemap.read(site.load(project_copy), "ru", html / "ru" / "sitemap.xml")
    assert "new.html" in ru_map
    assert (html / "sitemap.xml").read_text(encoding="utf-8").count("<sitemap>") == 2

    # Estonian is built too, its catalog as `make update-po` leaves it (a release language
    # must have one for every page; nothing translated yet): the link comes back.
    catalog = project_copy / "locale" / "et" / "LC_MESSAGES" / "new.po"
    catalog.write_text(
        '# Estonian\nmsgid ""\nmsgstr ""\n"Language: et\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Новая страница"\nmsgstr ""\n\n'
        'msgid "Эту страницу добавили после перевода."\nmsgstr ""\n',
        encoding="utf-8",
    )
    run = run_handbook(project_copy, "build", "--langs", "et")
    assert run.returncode == 0, run.output
    new = soup(html / "ru" / "new.html")
    links = {a["hreflang"]: a["href"] for a in new.select("nav.language-switcher a")}
    assert links["et"] == "../et/new.html"
    assert {a["hreflang"] for a in new.head.select('link[rel="alternate"]')} == {"ru", "et"}
    # … and the Estonian page, all in Russian, says so and marks the Russian text
    estonian = soup(html / "et" / "new.html")
    assert "0%" in estonian.select_one(".translation-notice").get_text()
    assert estonian.select_one("article h1")["lang"] == "ru"


def test_reconcile_changes_nothing_when_every_language_has_every_page(built_site, tmp_path):
    import shutil

    copy = tmp_path / "html"
    shutil.copytree(built_site.html, copy)
    before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    assert alternates.reconcile(site.load(built_site.project), copy, ["ru", "et", "en"]) == []
    assert before == {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}


def test_relative_hrefs_climb_out_of_the_language_folder():
    assert alternates.relative_href("index.html", "et", "index.html") == "../et/index.html"
    assert alternates.relative_href("a/b/c.html", "ru", "a/b/c.html") == "../../../ru/a/b/c.html"
    assert re.fullmatch(r"(\.\./)+en/x\.html", alternates.relative_href("q/x.html", "en", "x.html"))
