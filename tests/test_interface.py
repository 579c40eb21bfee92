"""The interface speaks the page's language: furo's and Sphinx's words, our templates' words,
the search page, the footer and the title; "Edit this page", "Improve this translation" and
"Last updated" per page and language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment
from helpers import PO_REVISION, SOURCE_DATES

from handbook.patches import pins
from handbook.sphinxext import interface

# Where the document's own text is: titles, headings, paragraphs, the navigation's titles,
# index entries, search results. Everything else on a page is interface.
CONTENT = (
    "article > section:not(.genindex-section):not(#page-not-found)",
    ".genindex-jumpbox",
    ".genindextable",
    "section.genindex-section h2",
    ".sidebar-tree a",
    ".toc-tree",
    ".related-pages .title",
    ".brand",
    ".sidebar-brand-text",
    ".language-switcher li",  # language names, each in its own language by design
    ".translation-notice span[lang]",
    "ul.search",
    ".copyright",  # the year and the team's name, from the declaration and handbook.po
    ".last-updated time",  # a date, in the page's language (checked below)
)
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
# Names that are the same in every language.
NAMES = {"sphinx", "furo", "javascript", "русский", "eesti", "english"}
WORD = re.compile(r"[^\W\d_]{2,}")
LATIN = re.compile(r"[a-z]")
PAGES = (
    "index.html",
    "principles/humanity.html",
    "stories/ahto-johannes.html",
    "glossary.html",
    "translation-status.html",
    "genindex.html",
    "search.html",
    "404.html",
)


def interface_strings(html: str) -> set[str]:
    """Every piece of interface text of a page: text outside the document's own content,
    noscript included, and the title, aria-label, placeholder and alt attributes."""
    page = BeautifulSoup(html, "lxml")
    for element in page(["script", "style"]):
        element.decompose()
    for comment in page.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    for link in page.select('head link[rel="next"], head link[rel="prev"]'):
        link.decompose()  # their titles are the neighbouring documents' titles
    found = {page.title.get_text()}
    for element in page.select(", ".join(CONTENT)):
        for attribute in ATTRIBUTES:  # e.g. "Link to this heading" inside the content
            found.update(e[attribute] for e in element.select(f"[{attribute}]"))
        element.decompose()
    for element in page.find_all(True):
        found.update(element[a] for a in ATTRIBUTES if isinstance(element.get(a), str))
    found.update(page.body.find_all(string=True))
    found = {" ".join(text.split()) for text in found}
    # a navigation label embeds a document title: keep only its own words
    found = {re.sub(r"[«„].*[»“]", "", text) for text in found}
    return {text for text in found if WORD.search(text)}


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def english_in(strings: set[str], code: str, english: set[str], vocabulary: set[str]) -> set[str]:
    """The strings that are (partly) English. Russian: any Latin word that is not a name.
    Estonian: a word of the English interface that is not a word of the Estonian text."""
    flagged = set()
    for text in strings:
        found = words(text) - NAMES
        if code == "ru":
            found = {word for word in found if LATIN.match(word)}
        else:
            found = (found & english) - vocabulary
        if found:
            flagged.add(text)
    return flagged


def content_vocabulary(folder: Path) -> set[str]:
    vocabulary = set()
    for path in folder.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for section in page.select("article > section"):
            vocabulary |= words(section.get_text(" "))
    return vocabulary


@pytest.fixture(scope="module")
def english(built_site) -> set[str]:
    """The words of the English interface (the en build's interface strings)."""
    vocabulary = set()
    for name in PAGES:
        html = (built_site.html / "en" / name).read_text(encoding="utf-8")
        for text in interface_strings(html):
            vocabulary |= words(text)
    return vocabulary - NAMES


@pytest.fixture(scope="module")
def estonian(built_site) -> set[str]:
    return content_vocabulary(built_site.html / "et")


def test_the_english_interface_is_what_the_test_looks_for(built_site, english, estonian):
    # The detector must see English when it is there: run it on the en pages as if Estonian.
    assert {"toggle", "navigation", "back", "top", "edit", "updated", "search"} <= english
    strings = interface_strings((built_site.html / "en" / "index.html").read_text("utf-8"))
    flagged = english_in(strings, "et", english, estonian)
    assert {"Back to top", "Edit this page", "Skip to content"} <= flagged
    assert {"Back to top", "Edit this page"} <= english_in(strings, "ru", english, estonian)


@pytest.mark.parametrize("code", ["ru", "et"])
@pytest.mark.parametrize("name", PAGES)
def test_no_english_interface_text(built_site, english, estonian, code, name):
    html = (built_site.html / code / name).read_text(encoding="utf-8")
    strings = interface_strings(html)
    assert len(strings) > 15  # the whole interface was collected
    assert english_in(strings, code, english, estonian) == set()


def test_no_english_in_the_translation_notice(altered_site, english, estonian):
    docname, _ = altered_site.changed["et"]
    html = (altered_site.html / "et" / f"{docname}.html").read_text(encoding="utf-8")
    strings = interface_strings(html)
    assert any("originaali" in text for text in strings)
    assert english_in(strings, "et", english, estonian) == set()


SEARCHES = {"ru": "клиент", "et": "klient", "en": "customer"}
FOUND = {
    "ru": r"Поиск завершён: найден[оа] (\d+) страниц[аы]?\.",
    "et": r"Otsing on lõpetatud: leiti (\d+) lehekülg[e]?\.",
    "en": r"Search finished, found (\d+) pages? matching the search query\.",
}


@pytest.mark.parametrize("code", ["ru", "et", "en"])
def test_the_search_page_counts_its_results_in_the_page_language(
    page, site_url, english, estonian, code
):
    page.goto(f"{site_url}{code}/search.html?q={SEARCHES[code]}")
    summary = page.locator("#search-results p.search-summary")
    summary.wait_for()
    page.wait_for_function("!!document.querySelector('#search-results p.search-summary').innerText")
    text = summary.inner_text()
    match = re.fullmatch(FOUND[code], text)
    assert match, text
    results = page.locator("ul.search > li").count()
    assert int(match[1]) == results > 1
    assert page.console_errors == []
    if code != "en":
        strings = interface_strings(page.content())
        assert any(re.fullmatch(FOUND[code], s) for s in strings)
        assert english_in(strings, code, english, estonian) == set()


@pytest.mark.parametrize(
    "code, counts",
    [
        (
            "ru",
            {
                1: "найдена 1 страница",
                3: "найдено 3 страницы",
                5: "найдено 5 страниц",
                21: "найдена 21 страница",
            },
        ),
        ("et", {1: "leiti 1 lehekülg", 2: "leiti 2 lehekülge"}),
    ],
)
def test_plural_forms_of_the_count_line(page, site_url, code, counts):
    page.goto(f"{site_url}{code}/search.html")
    for n, expected in counts.items():
        text = page.evaluate(
            """n => Documentation.ngettext(
                "Search finished, found one page matching the search query.",
                "Search finished, found ${resultCount} pages matching the search query.",
                n).replace("${resultCount}", n)""",
            n,
        )
        assert expected in text
    assert page.console_errors == []


def test_search_translations_have_a_numeric_plural_rule(built_site):
    for code in ("ru", "et"):
        script = (built_site.html / code / "_static" / "translations.js").read_text("utf-8")
        assert '"plural_expr": "+(' in script
        assert "Number(rule(n))" in script


# -- the page's frame: title, footer, page actions ----------------------------------------


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_titles_end_with_the_handbook_s_title_in_the_language(built_site, declaration):
    for lang in declaration.languages:
        for name in PAGES[1:]:
            title = soup(built_site.html / lang.code / name).title.get_text()
            assert title.endswith(f" - {lang.title}"), title


def test_footer_is_in_the_language_of_the_page(built_site):
    expected = {
        "ru": ("Команда обслуживания клиентов", "Сделано с помощью Sphinx и Furo"),
        "et": ("Klienditeeninduse meeskond", "Tehtud tööriistadega Sphinx ja Furo"),
        "en": ("The customer service team", "Made with Sphinx and Furo"),
    }
    for code, (team, made_with) in expected.items():
        footer = soup(built_site.html / code / "glossary.html").select_one(".bottom-of-page")
        assert footer.select_one(".copyright").get_text().strip() == f"© 2026, {team}"
        assert " ".join(footer.select_one(".made-with").get_text().split()) == made_with


def test_edit_this_page_links_the_source_and_translations_their_catalog(built_site, declaration):
    repository = f"{declaration.repository}/edit/{declaration.branch}/"
    labels = {"ru": "Редактировать страницу", "et": "Muuda seda lehte", "en": "Edit this page"}
    improve = {"et": "Paranda tõlget", "en": "Improve this translation"}
    for code in ("ru", "et", "en"):
        for name in ("index.html", "principles/humanity.html", "guides/handover.html"):
            actions = soup(built_site.html / code / name).select(".page-actions a")
            links = {a.get_text(): a["href"] for a in actions}
            source = f"docs/{name.removesuffix('.html')}.md"
            assert links[labels[code]] == repository + source
            assert (declaration.root / source).is_file()
            if code == "ru":
                assert len(links) == 1
                continue
            catalog = f"locale/{code}/LC_MESSAGES/{name.removesuffix('.html')}.po"
            assert links[improve[code]] == repository + catalog
            assert (declaration.root / catalog).is_file()
        for generated in ("search.html", "genindex.html", "404.html"):
            assert not soup(built_site.html / code / generated).select(".page-actions")


def last_updated(path: Path) -> tuple[str, str]:
    time = soup(path).select_one(".last-updated time")
    return time["datetime"], " ".join(time.get_text().split())  # Babel's narrow spaces


def test_last_updated_comes_from_git_for_sources(altered_site):
    html = altered_site.html / "ru" / "principles"
    assert SOURCE_DATES["first"].startswith("2025-01-15")
    assert last_updated(html / "humanity.html") == ("2025-01-15", "15 января 2025 г.")
    assert last_updated(html / "empathy.html") == ("2025-06-20", "20 июня 2025 г.")
    label = soup(html / "empathy.html").select_one(".last-updated").get_text()
    assert " ".join(label.split()) == "Обновлено: 20 июня 2025 г."


def test_last_updated_comes_from_the_catalog_for_translations(altered_site):
    html = altered_site.html / "et" / "principles"
    assert PO_REVISION.startswith("2025-03-14")
    assert last_updated(html / "humanity.html") == ("2025-03-14", "14. märts 2025")
    # a catalog that still has the template's placeholder date: its last commit
    assert last_updated(html / "empathy.html") == ("2025-01-15", "15. jaanuar 2025")
    assert last_updated(altered_site.html / "en" / "principles" / "empathy.html") == (
        "2025-01-15",
        "January 15, 2025",
    )


def test_the_sitemap_dates_agree_with_the_pages(altered_site):
    sitemap = (altered_site.html / "et" / "sitemap.xml").read_text(encoding="utf-8")
    url = "https://handbook.example.org/handbook/et/principles/humanity.html"
    assert re.search(rf"<loc>{re.escape(url)}</loc>\s*<lastmod>2025-03-14</lastmod>", sitemap)


# -- the template overrides follow furo ---------------------------------------------------


@pytest.mark.sphinx("html", testroot="interface")
def test_a_different_furo_stops_the_build(app, monkeypatch):
    monkeypatch.setattr(pins, "installed", lambda package: "2000.1.1")
    with pytest.raises(pins.InternalsChanged, match=r"sphinxext\.interface relies on furo"):
        interface._check_internals(app)


@pytest.mark.sphinx("html", testroot="interface")
def test_the_installed_furo_is_the_one_the_templates_follow(app):
    app.build()
    assert app.warning.getvalue() == ""
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "К началу страницы" in page  # the project's sphinx.po, for a furo string
    assert 'aria-label="Меню навигации"' in page  # hard-coded in furo, made translatable
