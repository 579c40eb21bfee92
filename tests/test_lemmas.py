"""handbook/search/lemmas.py: simplemma's dictionaries folded, completed and looked up both ways."""

from __future__ import annotations

import snowballstemmer

from handbook.search import lemmas


def test_forms_are_written_against_their_lemma_and_read_back():
    for lemma, form, code in (
        ("klient", "kliendiga", "1:diga"),
        ("klient", "klientidega", "idega"),
        ("sõber", "sõpradega", "3:pradega"),
        ("go", "went", "2:went"),
        ("l2", "l22", "2"),  # digits in a form stay unambiguous
    ):
        assert lemmas.encode_form(lemma, form) == code
        assert lemmas.decode_form(lemma, code) == form


def test_folding_is_the_search_box_spelling():
    assert lemmas.fold("ru", "Счёт") == "счет"
    assert lemmas.fold("et", "Sõbraga") == "sõbraga"
    assert lemmas.fold("et", "so\u0303ber") == "sõber"  # NFD, as some keyboards type it
    assert lemmas.fold("en", "Children") == "children"


def test_a_sparse_paradigm_borrows_the_endings_of_the_fullest_lemma_of_its_ending():
    endings = ["", "e", "t", "ele", "ega", "est", "el", "es", "esse", "eks", "ena", "eni"]
    endings += ["eta", "elt", "ed", "te", "tega", "tele", "test", "tel", "tes", "i", "ile"]
    forms_of = {
        "muutlikkus": [f"muutlikkus{ending}" for ending in endings],  # a full paradigm
        "heatahtlikkus": ["heatahtlikkus", "heatahtlikkust"],  # what simplemma lists
        "kiiresti": ["kiiresti"],  # one form: an adverb, left alone
    }
    lemma_of = {form: lemma for lemma, forms in forms_of.items() for form in forms}
    lemma_of["heatahtlikkusega"] = "elsewhere"  # a form the dictionary gives another lemma

    added = lemmas.complete_paradigms(forms_of, lemma_of)

    assert set(added) == {"heatahtlikkus"}
    assert "heatahtlikkusele" in added["heatahtlikkus"]
    assert lemma_of["heatahtlikkusele"] == "heatahtlikkus"
    assert "heatahtlikkusega" not in added["heatahtlikkus"]  # never taken from its lemma
    assert lemma_of["heatahtlikkusega"] == "elsewhere"


def test_the_dictionary_answers_both_ways(tmp_path, monkeypatch):
    # the real cache (built on first use, shared with every build on this machine)
    stem = snowballstemmer.stemmer("estonian").stemWord
    dictionary = lemmas.LemmaDictionary.open("et", stem, report=lambda _: None)
    assert dictionary.path == lemmas.cache_path("et")
    assert dictionary.lemma("klientidega") == "klient"
    assert dictionary.lemma("sõpradega") == "sõber"
    assert dictionary.lemma("heatahtlikkusele") == "heatahtlikkus"  # completed by analogy
    assert dictionary.lemma("zzzyx") is None
    assert "klientidele" in dictionary.forms("klient")
    assert "klient" in dictionary.lemmas_with_stem(stem("klient"))
    variants = dictionary.variants(["klient"])["klient"]
    assert variants["klientidega"] == stem("klientidega") != stem("klient")
    assert "klien" not in variants.values()  # only the forms that stem elsewhere

    monkeypatch.setenv(lemmas.CACHE_ENV, str(tmp_path))
    assert lemmas.cache_path("ru").is_relative_to(tmp_path)
