"""The build and the page analyse words alike: Python, as the index was built, against the
search page's JavaScript, run by node on the files of the built site — over every word of
the built handbook and tens of thousands of forms that are not in it."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.search import js_index

from handbook.search import lemmas
from handbook.search.analysis import Analysis, split, unpack
from handbook.search.estonian import SearchEstonian
from handbook.search.evaluation import load
from handbook.search.extension import INDEX_KEY, OPTION, LemmaSearch, _base_class, _lemma_class

NODE = shutil.which("node") or "/usr/bin/node"
RUNNER = Path(__file__).resolve().parent / "search" / "node_analysis.js"

# Words no page may contain, for the corners of the analysis: case, ё, NFD, digits, stop
# words (also as forms of a stop-word lemma), words of other languages, nonsense.
EXTRA = {
    "et": "KLIENTIDEGA Sõpradega SÕBER sõbrale temaga teda Johannesele Tallinnas 2026 2026a "
    "x 0 ja Ja JA olid oleksime kliendi\u0303 ko\u0303ik õ o\u0303 müügispetsialistidele "
    "vabandustega hello apologising друзья zzzyx aa ääää",
    "ru": "Друзья ДРУЗЬЯМИ друзей счёт счет Счёт ёлка елка ЁЖИК её ее его ему 2026 2026г "
    "и И клиентами Йоханнесу шёл пошёл хорошо лучше лучший hello zzzyx",
    "en": "Went GONE better BEST children Children's apologizing apologised been being "
    "was Were 2026 1st the THE over Monica's hello друзья klient zzzyx",
}


@cache
def built_language(lang: str) -> LemmaSearch:
    """The search language exactly as the build made it (the lemma dictionary included)."""
    base = SearchEstonian if lang == "et" else _base_class(lang)
    return _lemma_class(base)({OPTION: str(lemmas.cache_path(lang))})


def indexed_key(language: LemmaSearch, word: str) -> str:
    """What Sphinx's IndexBuilder.feed indexes ``word`` under ("" for nothing)."""
    key = language.stem(word)
    if not language.word_filter(key) and language.word_filter(word):
        key = word
    return key if language.word_filter(key) else ""


def run_page(folder: Path, words: list[str], texts: list[str] = ()) -> dict:
    done = subprocess.run(
        [NODE, str(RUNNER), str(folder)],
        input=json.dumps({"words": words, "texts": list(texts)}),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def page_texts(folder: Path, main_only: bool = False) -> list[str]:
    """The text of every page: all of it, or the main content (what the index holds)."""
    texts = []
    for page in sorted(folder.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        part = soup.select_one('[role="main"]') if main_only else soup
        if part is not None:
            texts.append(part.get_text(" "))
    return texts


def _index(folder: Path) -> dict:
    return js_index.loads((folder / "searchindex.js").read_text(encoding="utf-8"))


def shipped(folder: Path) -> dict:
    return _index(folder)[INDEX_KEY]


def keys_of(folder: Path) -> set[str]:
    index = _index(folder)
    return set(index["terms"]) | set(index["titleterms"])


@pytest.mark.parametrize("lang", ["et", "ru", "en"])
def test_the_page_analyses_every_word_as_the_build_did(built_site, lang):
    """Two claims, over every word on the built pages and forms not on them:

    - the page's analysis (JavaScript, with the forms table shipped in searchindex.js)
      and its Python mirror (handbook.search.analysis with the same table) agree on any word;
    - for the words the index holds and every form of every lemma the table lists, both
      give the key the build indexed under (the build itself checks this for the words
      it indexes, and fails under -W if one differs).

    Beyond those, a word whose lemma the handbook never uses keeps its Snowball stem on
    the page; its lemma's key is in no index, so no search can tell the difference.
    """
    folder = built_site.html / lang
    language = built_language(lang)
    texts = page_texts(folder)
    on_pages = {word for text in texts for word in split(text)}
    main_text = {word for text in page_texts(folder, main_only=True) for word in split(text)}
    lemma_of = unpack(shipped(folder))
    # forms the handbook does not use: every form of every lemma the page knows, every
    # form the dictionary knows of the handbook's lemmas, the corners above, the queries
    queries = {word for q in load() if q.lang == lang for word in split(q.text)}
    of_lemmas = set()
    for word in main_text:
        lemma = language.dictionary.lemma(lemmas.fold(lang, word))
        if lemma:
            of_lemmas.update(language.dictionary.forms(lemma))
    others = (set(lemma_of) | of_lemmas | set(EXTRA[lang].split()) | queries) - on_pages
    words = sorted(on_pages) + sorted(others)

    page = run_page(folder, words, texts)
    keys = dict(zip(words, page["keys"], strict=True))

    built = language.analysis
    mirror = Analysis(lang, built.stem, built.stopwords, lemma_of.get)
    differ = [(w, mirror.key(w), keys[w]) for w in words if mirror.key(w) != keys[w]]
    assert differ == [], f"{len(differ)} of {len(words)} words differ: {differ[:10]}"
    assert page["splits"] == [split(text) for text in texts]

    # every word the build keys to something the index holds (or to nothing: a stop word)
    index_keys = keys_of(folder)
    built_keys = {w: indexed_key(language, w) for w in words}
    must_agree = [w for w in words if built_keys[w] in index_keys or not built_keys[w]]
    differ = [(w, built_keys[w], keys[w]) for w in must_agree if built_keys[w] != keys[w]]
    assert differ == [], f"{len(differ)} of {len(must_agree)} words differ: {differ[:10]}"

    # the test covered what it claims
    assert len(on_pages) > 1000 and len(must_agree) > 1000
    assert len(others) > {"et": 20000, "ru": 5000, "en": 1000}[lang]


def test_every_form_the_dictionary_knows_meets_its_lemma(built_site):
    """The point of it all, on the page: for each lemma of the Estonian handbook, each
    of its forms (the dictionary's and those completed by analogy) searches for the key
    the lemma is indexed under — "sõpradega" finds "sõber"."""
    folder = built_site.html / "et"
    language = built_language("et")
    words = {w for text in page_texts(folder) for w in split(text)}
    dictionary, analysis = language.dictionary, language.analysis
    index_keys = keys_of(folder)
    lemma_of = {}
    for word in sorted(words):
        lemma = dictionary.lemma(lemmas.fold("et", word))
        if lemma and analysis.key_of_lemma(lemma) in index_keys:  # a lemma of the index
            for form in dictionary.forms(lemma):
                if dictionary.lemma(form) == lemma and analysis.lemma(form) is not None:
                    lemma_of[form] = lemma
    pairs = sorted(lemma_of.items())
    keys = run_page(folder, [form for form, _ in pairs])["keys"]
    apart = [
        (form, lemma, key)
        for (form, lemma), key in zip(pairs, keys, strict=True)
        if key != analysis.key_of_lemma(lemma)
    ]
    assert apart == [], f"{len(apart)} of {len(pairs)} forms miss their lemma: {apart[:10]}"
    assert len(pairs) > 30000
