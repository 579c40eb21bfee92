"""The readers' words for the handbook's terms (locale/<lang>/search-synonyms.toml): a
translation-side file, so untrusted — plain words only, each problem at its line — and the
table the build ships for the page."""

from __future__ import annotations

from pathlib import Path

from handbook.search import synonyms

ROOT = Path(__file__).resolve().parents[1]


def test_every_languages_file_is_plain_words_only():
    for lang in ("ru", "et", "en"):
        path = synonyms.path_for(ROOT / "locale", lang)
        words, problems = synonyms.load(path)
        assert problems == [], problems
        assert len(words) >= 20, lang


def test_markup_and_phrases_are_refused_at_their_line(tmp_path):
    path = tmp_path / "search-synonyms.toml"
    path.write_text(
        '[[term]]\nterm = "customer"\nsynonyms = ["subscriber", "<img src=x>", "two words"]\n\n'
        '[[term]]\nterm = "<b>bill</b>"\nsynonyms = ["invoice"]\n\n'
        '[[term]]\nterm = "price plan"\nsynonyms = ["tariff"]\n',
        encoding="utf-8",
    )
    words, problems = synonyms.load(path)
    assert words == {"subscriber": ["customer"], "tariff": ["price plan"]}
    assert [(p.line, p.message) for p in problems] == [
        (2, "'customer': '<img src=x>' is not one word"),
        (2, "'customer': 'two words' is not one word"),
        (6, "term '<b>bill</b>': plain words only"),
    ]
    assert synonyms.load(tmp_path / "missing.toml") == ({}, [])
    path.write_text("term = 1\n", encoding="utf-8")
    assert synonyms.load(path)[1][0].message == "expected only [[term]] entries"


def test_the_page_gets_the_terms_under_the_key_of_the_readers_word():
    def key(word: str) -> str:
        return "" if word == "the" else word.lower().removesuffix("s")

    words = {"Subscribers": ["customer"], "subscriber": ["client"], "the": ["x"]}
    assert synonyms.table(words, key) == {"subscriber": ["client", "customer"]}
    # the readers' words and the terms' words join the forms table
    assert synonyms.keys({"tariffs": ["price plan"]}, key) == {"tariff", "price", "plan"}
