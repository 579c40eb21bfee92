"""The translation status page: made at build time from the catalogs, right figures,
fuzzy entries apart, in every language, linked from the start page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors
from sphinx.util.docutils import patch_docutils

from handbook.catalogs import stats as catalogs


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def build(app) -> None:
    # as sphinx-build does: docutils has no Estonian and would warn about it
    with patch_docutils(app.confdir):
        app.build()


def cells(row) -> list[str]:
    return [td.get_text(" ", strip=True) for td in row.find_all("td")]


@pytest.mark.sphinx("html", testroot="status", confoverrides={"language": "et"})
def test_the_status_page_shows_the_catalogs_figures(app):
    build(app)
    assert app.warning.getvalue() == ""
    page = soup(app.outdir / "status.html")
    # other.po: 2 translated, 1 fuzzy, 1 untranslated -> 50 %, the fuzzy one not counted
    row = page.select_one("#status-et-other")
    assert cells(row) == ["Teine leht", "50,0 %", "2", "1", "1"]
    assert row.select_one("a")["href"] == "other.html"
    widths = {rect["class"][0]: float(rect["width"]) for rect in row.select("svg.status-bar rect")}
    assert widths == {"status-translated": 50.0, "status-fuzzy": 25.0, "status-untranslated": 25.0}
    assert row.select_one("svg")["aria-label"] == "50,0 % translated, 1 fuzzy, 1 untranslated"
    # the interface catalog has its own row, named from the handbook catalog
    assert cells(page.select_one("#status-et-handbook"))[0] == "Liidese tekstid (handbook.po)"
    # the language total: 3 of 5 entries
    total = page.select_one("#status-et p").get_text(" ", strip=True)
    assert total.startswith("Eesti – 60,0 % translated, 1 fuzzy, 1 untranslated")  # et dash
    assert page.select_one("#status-et strong")["lang"] == "et"
    assert page.select_one("#status-ru") is None  # no catalogs: no table


@pytest.mark.sphinx(
    "html", testroot="status", srcdir="status-again", confoverrides={"language": "et"}
)
def test_the_page_follows_a_changed_catalog_on_the_next_incremental_build(app, make_app):
    build(app)
    po = app.srcdir / "locale" / "et" / "LC_MESSAGES" / "other.po"
    po.write_text(po.read_text().replace('msgstr ""\n', 'msgstr "Kolmas lõik."\n'))
    # a new run on the same folders, as the next `make html`: status.md itself is unchanged
    again = make_app("html", srcdir=app.srcdir, confoverrides={"language": "et"})
    build(again)
    assert "writing output... [100%] status" in strip_colors(again.status.getvalue())
    row = soup(again.outdir / "status.html").select_one("#status-et-other")
    assert cells(row)[1:] == ["75,0 %", "3", "1", "0"]


@pytest.mark.sphinx("gettext", testroot="status", srcdir="status-gettext")
def test_the_figures_are_not_messages_to_translate(app):
    build(app)
    template = (app.outdir / "status.pot").read_text(encoding="utf-8")
    assert "Состояние" in template
    assert "Другая страница" not in template and "%" not in template.split("msgid", 2)[-1]


# -- the real handbook ----------------------------------------------------------------------


@pytest.mark.parametrize("code", ["ru", "et", "en"])
def test_every_language_has_the_status_page_linked_from_the_start_page(
    built_site, declaration, code
):
    start = soup(built_site.html / code / "index.html")
    article = start.select_one("article[role=main]")
    assert article.select_one('a[href="translation-status.html"]')
    page = soup(built_site.html / code / "translation-status.html")
    for lang in declaration.translations:
        stats = catalogs.document_stats(declaration.locale_dir, lang.code)
        for name, counts in stats.items():
            row = page.select_one(f"#status-{lang.code}-{name.replace('/', '-')}")
            figures = [int(n) for n in cells(row)[2:]]
            assert figures == [counts[s] for s in catalogs.STATES], (lang.code, name)
