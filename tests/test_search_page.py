"""The search page of the built handbook, in Chromium: recall@5 of the evaluation set
(handbook/search/queries.toml) in every language, snippets and highlighting in any form
of the query's words, Sphinx's page structure, no script errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook.findings import Finding
from handbook.search.evaluation import (
    HELD_OUT,
    QuerySetError,
    evaluate,
    load,
    page_words,
    recall,
    search,
)

QUERIES = load()
LANGS = ("ru", "et", "en")


def test_the_evaluation_set_measures_the_analysis_not_exact_matches(built_site):
    for lang in LANGS:
        queries = [q for q in QUERIES if q.lang == lang]
        assert len(queries) >= 40, lang
        forms = [q for q in queries if "form" in q.kinds]
        unseen = [q for q in forms if q.unseen]
        assert len(unseen) * 2 >= len(forms), f"{lang}: fewer than half in unseen forms"
        words = page_words(built_site.html / lang)
        for query in queries:
            for page in query.pages:
                assert (built_site.html / lang / f"{page}.html").is_file(), (query, page)
            if query.unseen:
                seen = [w for w in re.findall(r"\w+", query.text) if w.lower() in words]
                assert seen == [], f"{lang} {query.text!r}: the handbook has {seen}"


def test_both_query_sets_cover_every_kind_of_hard_query(built_site):
    held_out = load(HELD_OUT)
    for lang in LANGS:
        for queries in (
            [q for q in QUERIES if q.lang == lang],
            [q for q in held_out if q.lang == lang],
        ):
            kinds = {kind for q in queries for kind in q.kinds}
            wanted = {"derived", "phrase", "reader"} | (
                {"comparative", "compound"} if lang == "et" else set()
            )
            assert wanted <= kinds, (lang, wanted - kinds)
            for query in queries:
                for page in query.pages:
                    assert (built_site.html / lang / f"{page}.html").is_file(), (query, page)
        assert len([q for q in held_out if q.lang == lang]) >= 20, lang
        assert all(q.held_out for q in held_out) and not any(q.held_out for q in QUERIES)
        tuned = {q.text for q in QUERIES if q.lang == lang}
        assert not tuned & {q.text for q in held_out if q.lang == lang}, lang


@pytest.mark.parametrize("lang", LANGS)
def test_recall_at_5_is_at_least_90_percent(page, site_url, lang):
    # the inflected-form queries the assertion was made for; the harder kinds added for
    # issue 14 are measured by make search-eval (not yet >= 90 % in every language)
    forms = [q for q in QUERIES if q.lang == lang and "form" in q.kinds]
    outcomes = evaluate(page, site_url, forms)
    misses = [(o.query.text, o.query.pages, o.results[:5]) for o in outcomes if o.recall < 1]
    assert recall(outcomes) >= 0.9, misses
    assert page.console_errors == []


def test_a_form_the_handbook_never_uses_finds_highlights_and_marks_the_page(page, site_url):
    # "sõpradega" (with friends) is nowhere in the Estonian handbook; "sõber" is
    results, _, _ = search(page, f"{site_url}et/search.html", "sõpradega")
    assert "principles/humanity" in results[:5]
    item = page.locator("ul.search > li", has=page.locator('a[href^="principles/humanity"]'))
    marked = item.locator("p.context span.highlighted").first
    marked.wait_for()
    form = marked.inner_text().lower()
    assert form.startswith(("sõb", "sõp")) and form != "sõpradega"

    # sphinx_highlight.js marks the forms the snippets found on the page the reader opens
    item.locator("a").first.click()
    page.wait_for_url(re.compile(r"principles/humanity\.html"))
    highlighted = page.locator("article span.highlighted")
    highlighted.first.wait_for()
    assert all(t.lower().startswith(("sõb", "sõp")) for t in highlighted.all_inner_texts())
    assert page.console_errors == []


def test_the_search_page_keeps_sphinx_structure_in_every_language(page, site_url):
    for lang, query in (("ru", "друзьями"), ("et", "klientidega"), ("en", "went")):
        results, _, _ = search(page, f"{site_url}{lang}/search.html", query)
        assert results, (lang, query)
        assert page.locator("#search-results > ul.search[role=list] > li > a").count() >= 1
        assert page.locator("#search-results > p.search-summary").count() == 1
        assert page.locator("#search-results p.context").first.is_visible()
        assert page.evaluate("document.documentElement.lang") == lang
    assert page.console_errors == []


def test_the_search_data_is_shipped_once_per_language_and_stays_small(built_site):
    for lang in LANGS:
        index = built_site.html / lang / "searchindex.js"
        text = index.read_text(encoding="utf-8")
        assert '"handbook_forms":{' in text
        # UTF-8, not \\uXXXX: a Russian or Estonian index half the size
        assert "\\u04" not in text and "\\u00f5" not in text
        assert len(text.encode()) < 400_000, f"{lang}: {len(text.encode())} bytes"
        # every page has the list under its search box, but loads the data only on focus
        other = (built_site.html / lang / "index.html").read_text(encoding="utf-8")
        assert "handbook-suggest.js" in other and "searchindex.js" not in other


def test_a_broken_query_file_names_the_line(tmp_path):
    path = tmp_path / "queries.toml"
    path.write_text(
        '[[et]]\nquery = "sõpradega"\npages = ["principles/humanity"]\n\n'
        '[[et]]\nquery = "vihaste"\npages = []\n',
        encoding="utf-8",
    )
    with pytest.raises(QuerySetError) as raised:
        load(path)
    assert raised.value.findings == [Finding(str(path), 6, "'vihaste': 'pages' must list docnames")]
    path.write_text('[[et]]\nquery = "x\n', encoding="utf-8")
    with pytest.raises(QuerySetError, match=rf"{re.escape(str(path))}:2: not valid TOML"):
        load(Path(path))


def test_the_report_sets_this_project_beside_stock_sphinx_and_pagefind():
    from handbook.search.evaluation import Measured, Outcome, Query, report

    query = Query("et", "vihaste", ("guides/angry-client",), unseen=True)
    held = Query("et", "kiirem abi", ("guides/handover",), held_out=True)
    measured = Measured(
        {
            "stock": {"et": [Outcome(query, ["index"], 0.5, 0.2), Outcome(held, [], 0.5, 0.2)]},
            "pagefind": {
                "et": [
                    Outcome(query, ["index", "x", "guides/angry-client"], 0.1, 0.1),
                    Outcome(held, ["guides/handover"], 0.1, 0.1),
                ]
            },
            "ours": {
                "et": [
                    Outcome(query, ["index", "guides/angry-client"], 0.4, 0.2),
                    Outcome(held, ["guides/handover"], 0.4, 0.3),
                ]
            },
        },
        {"stock": {"et": (66_000, 20_000)}, "ours": {"et": (150_000, 33_000)}},
    )
    lines = report(measured, ["et"])
    assert "| language | set | queries | stock Sphinx | Pagefind | this project |" in lines
    assert "| et | tuning | 1 | 0 % · 0.00 | 100 % · 0.33 | 100 % · 0.50 |" in lines
    assert "| et | held-out | 1 | 0 % · 0.00 | 100 % · 1.00 | 100 % · 1.00 |" in lines
    assert "| et | 200 ms / 200 ms | 100 ms / 100 ms | 200 ms / 300 ms |" in lines
    assert "  [et] 'vihaste' → guides/angry-client (shown: index)" in lines
    # the held-out set is looked at in aggregate only: its misses are not listed
    assert not [line for line in lines if "kiirem" in line]
