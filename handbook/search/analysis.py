"""The word analysis of the handbook's search: one function from a word to its index key.

The build indexes every word under its key, and the search page turns every query word into
a key the same way (``handbook/search/static/handbook-search.js`` mirrors this module line by line;
a test runs both over every word of the built handbook). A key is the Snowball stem of the
word's *lemma*, so forms that stemming alone keeps apart meet: klientidega/klient,
sõpradega/sõber, друзья/друг, went/go.

The build knows every lemma (simplemma's dictionary, ``handbook.search.lemmas``); the page knows
only the *forms table* shipped in the search index: for every lemma whose key occurs in the
handbook, each form the dictionary knows whose stem differs from its lemma's. Every other
form already stems to its lemma's key, so the table plus Snowball gives the page exactly
the build's answer — for forms the handbook never uses as well.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Set

from handbook.search.lemmas import FOLDS, LemmaDictionary, decode_form, encode_form, fold

# Python's \w with NFC text; the page uses /[\p{L}\p{N}_]+/gu on NFC text, the same class.
_WORD = re.compile(r"\w+")
_ASCII_DIGITS = re.compile(r"[0-9]+")  # Sphinx's page skips /^\d+$/, which is ASCII only

# Part of the build's configuration: a change here makes Sphinx re-index every page.
VERSION = 1

# The word splitter of the search page (language_data.js), the same as ``split``.
SPLITTER_JS = """
function splitQuery(query) {
  return query.normalize("NFC").match(/[\\p{L}\\p{N}_]+/gu) || [];
}
"""


def split(text: str) -> list[str]:
    """The words of ``text``, as the index and the search box see them."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


class Analysis:
    """word → key: ``""`` for a stop word, else the Snowball stem of the word's lemma.

    ``lemma_of`` answers for folded forms: the full dictionary when the index is built, the
    shipped forms table where the page's side is checked. A word is a stop word when it or
    its lemma is in the stop-word list: "temaga" (lemma "tema"), "been" ("be").
    """

    def __init__(
        self,
        lang: str,
        stem: Callable[[str], str],
        stopwords: Set[str],
        lemma_of: Callable[[str], str | None],
    ) -> None:
        self.lang = lang
        self.stem = stem
        self.stopwords = stopwords
        self.lemma_of = lemma_of
        self._keys: dict[str, str] = {}

    def key(self, word: str) -> str:
        known = self._keys.get(word)
        if known is None:
            known = self._keys[word] = self._key(word)
        return known

    def _key(self, word: str) -> str:
        lemma = self.lemma(word)
        return "" if lemma is None else self.key_of_lemma(lemma)

    def lemma(self, word: str) -> str | None:
        """The lemma ``word`` is keyed by (the folded word itself when none is known);
        None for a word that is a stop word before any lemma is looked up."""
        lower = word.lower()
        if lower in self.stopwords or _ASCII_DIGITS.fullmatch(lower):
            return None
        form = fold(self.lang, lower)
        if form in self.stopwords:
            return None
        return self.lemma_of(form) or form

    def key_of_lemma(self, lemma: str) -> str:
        if lemma in self.stopwords:
            return ""
        return self.key_of_stem(self.stem(lemma))

    def key_of_stem(self, stem: str) -> str:
        # Sphinx drops index keys that look like stop words or numbers ("аам" stems to
        # "а"); a "~", which no word contains, keeps such a key searchable.
        return f"{stem}~" if stem in self.stopwords or _ASCII_DIGITS.fullmatch(stem) else stem


def forms_table(
    analysis: Analysis, dictionary: LemmaDictionary, index_keys: Iterable[str]
) -> dict[str, str]:
    """What the page needs to analyse words as the build does: lemma → its forms (each
    written with ``encode_form``, space-separated) for every lemma the index can meet.

    A lemma can be met when its key is in the index, or when it is a stop word (its
    forms, "temaga", "been", are stop words too). Of its forms the table holds those whose
    key without the table would differ: mostly the ones whose stem is not the lemma's.
    """
    stopwords = analysis.stopwords
    keys = set(index_keys) - {""}
    stems = {key.removesuffix("~") for key in keys} | {analysis.stem(w) for w in stopwords}
    # lemma -> (its stem, its key); the dictionary files lemmas by stem, so no stemming here
    wanted: dict[str, tuple[str, str]] = {}
    forms_of: dict[str, list[str]] = {}
    for stem in sorted(stems):
        for lemma, forms in dictionary.lemmas_with_stem(stem).items():
            key = "" if lemma in stopwords else analysis.key_of_stem(stem)
            if key in keys or key == "":
                wanted[lemma] = (stem, key)
                forms_of[lemma] = forms
    # the stems of the forms, kept in the dictionary's cache: stemming tens of thousands
    # of forms here would cost seconds per build
    variants = dictionary.variants(wanted)
    table = {}
    for lemma, (lemma_stem, key) in sorted(wanted.items()):
        stems_of = variants.get(lemma, {})
        # a stop-word lemma needs all its forms; another only those that stem elsewhere
        forms = forms_of[lemma] if key == "" else stems_of
        codes = [
            encode_form(lemma, form)
            for form in sorted(forms)
            if form != lemma
            and _key_without_table(analysis, form, stems_of.get(form, lemma_stem)) != key
        ]
        if codes:
            table[lemma] = " ".join(codes)
    return table


def _key_without_table(analysis: Analysis, form: str, stem: str) -> str:
    """What ``analysis.key`` gives a folded ``form`` that the table does not list."""
    if form in analysis.stopwords or _ASCII_DIGITS.fullmatch(form):
        return ""
    return analysis.key_of_stem(stem)


def is_indexable(key: str, stopwords: Set[str]) -> bool:
    """Whether Sphinx's indexer may keep ``key`` (its ``word_filter``)."""
    return bool(key) and key not in stopwords and not _ASCII_DIGITS.fullmatch(key)


def pack(table: Mapping[str, str], lang: str) -> dict:
    """The forms table as shipped in searchindex.js. Lemmas of one paradigm share their
    codes ("na ni tena teni"), so each distinct code list is written once and the lemmas
    point to it: Estonian's table halves."""
    counts = Counter(table.values())
    paradigms = sorted(counts, key=lambda codes: (-counts[codes], codes))
    number = {codes: i for i, codes in enumerate(paradigms)}
    return {
        "folds": FOLDS.get(lang, {}),
        "paradigms": paradigms,
        "lemmas": {lemma: number[codes] for lemma, codes in sorted(table.items())},
    }


def unpack(shipped: Mapping) -> dict[str, str]:
    """form → lemma, from the shipped table (as handbook-search.js decodes it)."""
    paradigms = shipped["paradigms"]
    return {
        decode_form(lemma, code): lemma
        for lemma, number in shipped["lemmas"].items()
        for code in paradigms[number].split(" ")
    }
