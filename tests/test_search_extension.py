"""handbook.search.extension and handbook.search.estonian on a tiny Estonian project
(tests/roots/test-search): the index language, lemma keys, the forms table in
searchindex.js, incremental builds, and the modes `make search-eval` compares."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.search import js_index, languages

from handbook.search.analysis import unpack
from handbook.search.extension import INDEX_KEY, SCRIPT

ROOT = Path(__file__).resolve().parent / "roots" / "test-search"


@pytest.fixture(autouse=True)
def _restore_search_languages():
    # Sphinx keeps search languages in one process-wide table; leave it as we found it.
    saved = dict(languages)
    yield
    languages.clear()
    languages.update(saved)


def _index(outdir: Path) -> dict:
    return js_index.loads((outdir / "searchindex.js").read_text(encoding="utf-8"))


@pytest.mark.sphinx("html", testroot="search")
def test_estonian_pages_are_indexed_by_lemma_and_the_page_gets_the_forms(app):
    app.build()
    status = app.status.getvalue()
    assert "dumping search index in Estonian (code: et)" in status
    assert app.warning.getvalue() == ""

    index = _index(app.outdir)
    terms = set(index["terms"]) | set(index["titleterms"])
    # "klientidega" and "klient" share a key; Snowball alone gives "klienti" and "klien"
    assert "klien" in terms and "klienti" not in terms
    # the page learns forms the text never uses: "sõpradega" means the lemma "sõber"
    lemma_of = unpack(index[INDEX_KEY])
    assert lemma_of["sõpradega"] == "sõber"
    assert lemma_of["klientidele"] == "klient"
    assert "search index:" in status and "forms table" in status

    language_data = (app.outdir / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "window.Stemmer = EstonianStemmer;" in language_data
    assert '"temaga"' in language_data or '"ja"' in language_data  # Estonian stop words
    assert "function splitQuery" in language_data  # the page splits words as the index
    search_page = (app.outdir / "search.html").read_text(encoding="utf-8")
    assert f"_static/{SCRIPT}" in search_page and "defer" in search_page
    # every page has the list under its search box; only search.html loads the index
    other = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "handbook-suggest.js" in other and "searchindex.js" not in other
    # loaded by the script, untagged: it is written after the pages that would tag it
    assert "handbook-sections.js" not in search_page
    assert (app.outdir / "_static" / SCRIPT).is_file()
    sections = (app.outdir / "_static" / "handbook-sections.js").read_text(encoding="utf-8")
    assert sections.startswith("var HandbookSections = {")
    # written with mkstemp, then given the mode Sphinx's file had: a web server can read it
    assert (app.outdir / "searchindex.js").stat().st_mode & 0o044 == 0o044


@pytest.mark.sphinx("html", testroot="search", srcdir="search-incremental")
def test_a_new_page_adds_its_lemmas_on_the_next_incremental_build(app, make_app):
    app.build()
    assert "sõber" in unpack(_index(app.outdir)[INDEX_KEY]).values()
    assert "tänama" not in unpack(_index(app.outdir)[INDEX_KEY]).values()

    (app.srcdir / "thanks.md").write_text(
        "# Tänu\n\nTäname klienti, kes meid aitas.\n", encoding="utf-8"
    )
    index = app.srcdir / "index.md"
    text = index.read_text(encoding="utf-8").replace("apology\n", "apology\nthanks\n")
    index.write_text(text, encoding="utf-8")
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    # a second app in one process re-registers Sphinx's nodes: that is all it may say
    warnings = again.warning.getvalue().splitlines()
    assert [line for line in warnings if "is already registered" not in line] == []
    built = _index(again.outdir)
    lemma_of = unpack(built[INDEX_KEY])
    assert lemma_of["tänati"] == "tänama"  # a form of a lemma the new page brought
    assert lemma_of["sõpradega"] == "sõber"  # the unchanged page's lemmas are still there
    assert "apology" in built["docnames"] and "thanks" in built["docnames"]


@pytest.mark.sphinx("html", testroot="search", confoverrides={"handbook_search": "sometimes"})
def test_an_unknown_mode_names_the_choices(make_app, app_params):
    args, kwargs = app_params
    with pytest.raises(Exception, match="use one of lemmas, stems, stock"):
        make_app(*args, **kwargs)


def _sphinx(tmp_path: Path, *options: str) -> tuple[str, Path]:
    """A fresh process, as `make search-eval` builds: the search language table starts
    as Sphinx ships it."""
    source, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(ROOT, source)
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", *options, str(source), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout, out


def test_stock_mode_is_sphinx_as_shipped(tmp_path):
    output, out = _sphinx(tmp_path, "-D", "handbook_search=stock")
    assert "dumping search index in English (code: en)" in output  # Sphinx's fallback
    assert INDEX_KEY not in _index(out)
    assert SCRIPT not in (out / "search.html").read_text(encoding="utf-8")


def test_stems_mode_is_snowball_estonian_without_lemmas(tmp_path):
    output, out = _sphinx(tmp_path, "-D", "handbook_search=stems")
    assert "dumping search index in Estonian (code: et)" in output
    index = _index(out)
    assert INDEX_KEY not in index
    assert "klienti" in index["terms"]  # Snowball's stem of "klientidega", no lemma
    raw = (out / "searchindex.js").read_text(encoding="utf-8")
    assert json.loads(raw[len(js_index.PREFIX) : -len(js_index.SUFFIX)])  # Sphinx's format


@pytest.mark.sphinx("html", testroot="search", srcdir="search-selfcheck")
def test_the_build_warns_when_the_page_would_analyse_an_indexed_word_differently(app):
    from handbook.search.extension import _check_page_agrees

    app.build()
    assert app.warning.getvalue() == ""
    language = app.builder.indexer.lang
    shipped = _index(app.outdir)[INDEX_KEY]
    assert "klientidega" in language.fed  # the build saw it, and the page maps it
    # a table that lost "klient": the page would stem "klientidega" on its own
    shipped["lemmas"].pop("klient")
    _check_page_agrees(language, shipped)
    assert "klientidega" in app.warning.getvalue()
    assert "[handbook.search]" in app.warning.getvalue()


def test_a_second_build_in_the_same_process_wraps_sphinx_class_not_ours(make_app, tmp_path):
    from sphinx.search.en import SearchEnglish

    from handbook.search.extension import LemmaSearch

    # Sphinx's table of search languages outlives an app: the second app finds ours in it
    for build in ("first", "second"):
        shutil.copytree(ROOT, tmp_path / build)
        app = make_app("html", srcdir=tmp_path / build, confoverrides={"language": "en"})
        app.build()
        language = type(app.builder.indexer.lang)
        assert language.__mro__[1:3] == (LemmaSearch, SearchEnglish), build
