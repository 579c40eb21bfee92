"""Stories and principles link each other from front matter (handbook.sphinxext.stories)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="stories", srcdir="stories-ok")
def test_story_card_links_the_principles_from_front_matter(app):
    app.build()
    card = soup(app, "stories/first.html").select_one(".story-card")
    links = [(a.get_text(), a["href"]) for a in card.find_all("a")]
    assert links == [
        ("Stay calm", "../principles/calm.html"),
        ("Be kind", "../principles/kind.html"),
    ]
    assert "Principles this story illustrates:" in card.get_text()


@pytest.mark.sphinx("html", testroot="stories", srcdir="stories-ok")
def test_principle_page_lists_every_story_that_names_it(app):
    app.build()
    kind = soup(app, "principles/kind.html").select("ul.principle-stories a")
    assert [a.get_text() for a in kind] == ["A first story", "A second story"]
    calm = soup(app, "principles/calm.html").select("ul.principle-stories a")
    assert [(a.get_text(), a["href"]) for a in calm] == [("A first story", "../stories/first.html")]
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="stories", srcdir="stories-unknown")
def test_unknown_principle_is_an_error_naming_the_story(app):
    first = app.srcdir / "stories" / "first.md"
    first.write_text(first.read_text().replace("[calm, kind]", "[calm, kindness]"))
    app.build()
    warnings = app.warning.getvalue()
    assert "stories/first.md:1: ERROR: unknown principle 'kindness'" in warnings
    assert "use one of: calm, kind, lonely" in warnings


@pytest.mark.sphinx("html", testroot="stories", srcdir="stories-missing-field")
def test_front_matter_without_person_is_an_error(app):
    second = app.srcdir / "stories" / "second.md"
    second.write_text(second.read_text().replace("person: second-person\n", ""))
    app.build()
    assert "stories/second.md:1: ERROR: story front matter lacks person" in app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="stories", srcdir="stories-orphan-principle")
def test_a_story_list_with_no_story_is_an_error(app):
    lonely = app.srcdir / "principles" / "lonely.md"
    lonely.write_text(lonely.read_text() + "\n```{principle-stories}\n```\n")
    app.build()
    warnings = app.warning.getvalue()
    assert "principles/lonely.md" in warnings
    assert "no story names this principle" in warnings


@pytest.mark.sphinx("html", testroot="stories", srcdir="stories-incremental")
def test_editing_front_matter_rewrites_the_principle_pages(app, make_app):
    app.build()
    second = app.srcdir / "stories" / "second.md"
    second.write_text(second.read_text().replace("[kind]", "[kind, calm]"))
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    calm = soup(again, "principles/calm.html").select("ul.principle-stories a")
    assert [a.get_text() for a in calm] == ["A first story", "A second story"]
