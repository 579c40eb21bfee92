"""simplemma's dictionary of one language, looked up both ways: form → lemma, lemma → forms.

simplemma ships each language as a compressed form → lemma table; decoding it takes seconds
(Estonian: 2.7 million forms, ~3.5 s), too slow for every incremental build. The first use
per language turns it into a SQLite file in the user's cache folder (20–60 s, once per
simplemma and snowballstemmer version); after that a lookup costs microseconds and nothing
is loaded whole. Delete ``~/.cache/service-handbook`` to reclaim the space (~50 MB).

Forms and lemmas are *folded* the way the search analysis folds a word — lower case, NFC,
and for Russian ё → е — so the build and the page look words up with the same spelling.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sqlite3
import tempfile
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

# Bump when the file layout or the folding changes: old caches are then ignored.
SCHEMA = 5
CACHE_ENV = "HANDBOOK_CACHE_DIR"
# Forms are stored in buckets by their first letters: one bucket is read per lookup.
BUCKET_PREFIX = 4
# Languages whose sparse paradigms are completed by analogy (complete_paradigms).
ANALOGY = frozenset({"et"})
ANALOGY_SPARSE = 10  # a lemma with 2 to 9 forms is completed …
ANALOGY_DONOR_FORMS = 20  # … from one with at least 20 …
ANALOGY_ENDING, ANALOGY_ENDING_MAX = 4, 9  # … that shares its longest ending of 4 to 9 letters


# Spellings readers use interchangeably, folded before any lookup (and shipped to the page,
# whose analysis folds alike): readers rarely type ё, and Snowball's Russian folds it too.
FOLDS: dict[str, dict[str, str]] = {"ru": {"ё": "е"}}


def fold(lang: str, word: str) -> str:
    """The spelling a word is looked up by: lower case, NFC, the language's folds."""
    word = word.lower()
    if not word.isascii():
        word = unicodedata.normalize("NFC", word)
    for old, new in FOLDS.get(lang, {}).items():
        word = word.replace(old, new)
    return word


def cache_dir() -> Path:
    """``$HANDBOOK_CACHE_DIR``, else ``$XDG_CACHE_HOME/service-handbook``, else ~/.cache/…"""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "service-handbook"


def cache_path(lang: str) -> Path:
    stamp = f"simplemma-{version('simplemma')}-snowball-{version('snowballstemmer')}-v{SCHEMA}"
    return cache_dir() / "lemmas" / stamp / f"{lang}.sqlite"


def supported(lang: str) -> bool:
    """Whether simplemma has a dictionary for ``lang`` (without importing it: 0.5 s)."""
    spec = importlib.util.find_spec("simplemma")
    folders = spec.submodule_search_locations if spec else None
    data = Path(next(iter(folders or [""]))) / "strategies" / "dictionaries" / "data"
    return bool(folders) and (data / f"{lang}.plzma").is_file()


def encode_form(lemma: str, form: str) -> str:
    """``form`` written against ``lemma``: the characters to drop from the lemma's end and
    what to add ("klient", "kliendiga" → "1:diga"; "klient", "klientide" → "ide").
    Most forms share most of their lemma, so a table of forms shrinks to about a third."""
    shared = 0
    for a, b in zip(lemma, form, strict=False):
        if a != b:
            break
        shared += 1
    drop = len(lemma) - shared
    return f"{drop}:{form[shared:]}" if drop else form[shared:]


def decode_form(lemma: str, code: str) -> str:
    drop, colon, suffix = code.partition(":")
    if not colon:
        return lemma + code
    return lemma[: len(lemma) - int(drop)] + suffix


def _priority(form: str) -> tuple[bool, bool, str]:
    # Several dictionary forms can fold to one spelling (Tallinn/tallinn, всё/все): like
    # simplemma's own lookup, the lower-case form wins, then one without ё, then the rest.
    return (form != form.lower(), "ё" in form, form)


_WORD = re.compile(r"\w+")


def _bucket(form: str) -> str:
    return form[:BUCKET_PREFIX]


class LemmaDictionary:
    """Lookups in the folded dictionary of one language, from its cache file.

    The file holds the forms in buckets by their first letters (form → lemma) and the
    lemmas in buckets by their Snowball stem (lemma → forms), zlib-compressed: Estonian's
    3.1 million forms (those completed by analogy included) take 25 MB, and a lookup reads
    one small bucket. ``stem`` is the language's Snowball stemmer.
    """

    def __init__(self, path: Path, lang: str, stem: Callable[[str], str]) -> None:
        self.path = path
        self.lang = lang
        self._stem = stem
        # check_same_thread: Sphinx may finish a build in another thread than it started
        self._db = sqlite3.connect(path, timeout=60, check_same_thread=False)
        # a bucket stays decompressed while it is in use: neighbouring words share it
        self._form_bucket = lru_cache(maxsize=4096)(self._read_form_bucket)
        self._lemma_bucket = lru_cache(maxsize=4096)(self._read_lemma_bucket)

    @classmethod
    def open(
        cls, lang: str, stem: Callable[[str], str], report: Callable[[str], None] = print
    ) -> LemmaDictionary:
        """The dictionary of ``lang``, building its cache file first if there is none."""
        path = cache_path(lang)
        if not path.exists():
            report(f"preparing the '{lang}' lemma dictionary (once per machine): {path}")
            build(lang, path, stem)
        return cls(path, lang, stem)

    def close(self) -> None:
        self._db.close()

    def lemma(self, form: str) -> str | None:
        """The lemma of an already folded form, or None when the dictionary lacks it."""
        bucket = self._form_bucket(_bucket(form))  # "\nform\tlemma\nform\tlemma\n…"
        at = bucket.find(f"\n{form}\t")
        if at < 0:
            return None
        start = at + len(form) + 2
        return bucket[start : bucket.index("\n", start)]

    def lemmas_with_stem(self, stem: str) -> dict[str, list[str]]:
        """lemma → its forms, for every lemma whose Snowball stem is ``stem``."""
        return self._lemma_bucket(stem)

    def forms(self, lemma: str) -> list[str]:
        """The lemma and every form whose lemma it is."""
        return self._lemma_bucket(self._stem(lemma)).get(lemma, [])

    def variants(self, lemmas: Iterable[str]) -> dict[str, dict[str, str]]:
        """lemma → {form: the form's stem} for the forms whose stem is not the lemma's.

        Only these forms need the lemma to meet it: the others stem alike on their own.
        Stemming every form of a language takes minutes, so a lemma's forms are stemmed
        the first time it is asked for, and the result is kept in the cache file.
        """
        wanted = sorted(set(lemmas))
        known: dict[str, str] = {}
        for start in range(0, len(wanted), 500):  # SQLite's limit on ? parameters
            part = wanted[start : start + 500]
            marks = ",".join("?" * len(part))
            query = f"SELECT lemma, stems FROM variant WHERE lemma IN ({marks})"
            known.update(self._db.execute(query, part).fetchall())
        result, fresh = {}, []
        for lemma in wanted:
            if lemma in known:
                result[lemma] = json.loads(known[lemma])
                continue
            lemma_stem = self._stem(lemma)
            found = {}
            for form in self._lemma_bucket(lemma_stem).get(lemma, []):
                form_stem = self._stem(form)
                if form_stem != lemma_stem:
                    found[form] = form_stem
            result[lemma] = found
            fresh.append((lemma, json.dumps(found, ensure_ascii=False, sort_keys=True)))
        if fresh:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO variant VALUES (?, ?)", fresh)
        return result

    def _read_form_bucket(self, prefix: str) -> str:
        row = self._db.execute("SELECT data FROM form WHERE prefix = ?", (prefix,)).fetchone()
        return f"\n{zlib.decompress(row[0]).decode()}\n" if row else ""

    def _read_lemma_bucket(self, stem: str) -> dict[str, list[str]]:
        row = self._db.execute("SELECT data FROM lemma WHERE stem = ?", (stem,)).fetchone()
        if row is None:
            return {}
        lemmas = json.loads(zlib.decompress(row[0]))
        return {
            lemma: [lemma, *(decode_form(lemma, code) for code in codes.split(" ") if codes)]
            for lemma, codes in lemmas.items()
        }


def complete_paradigms(
    forms_of: dict[str, list[str]], lemma_of: dict[str, str]
) -> dict[str, list[str]]:
    """Forms the dictionary lacks, by analogy: lemma → new forms.

    simplemma lists some Estonian lemmas with a few of their forms only ("heatahtlikkus":
    nominative and partitive of ~30). Such a lemma borrows the endings of the lemma that
    shares its longest ending (at least 4 letters) and has a full paradigm: heatahtlikkus
    declines like muutlikkus, so "heatahtlikkusele" is a form of it. Lemmas with one form
    (adverbs, particles) are left alone, and no form the dictionary gives to a lemma is
    ever reassigned. The new forms are recorded in ``lemma_of`` as well.
    """
    donors: dict[str, str] = {}  # ending -> the lemma with the fullest paradigm ending so
    for lemma, forms in sorted(forms_of.items()):
        if len(forms) < ANALOGY_DONOR_FORMS:
            continue
        for length in range(ANALOGY_ENDING, min(len(lemma), ANALOGY_ENDING_MAX) + 1):
            rival = donors.get(lemma[-length:])
            if rival is None or len(forms_of[rival]) < len(forms):
                donors[lemma[-length:]] = lemma
    added: dict[str, list[str]] = {}
    for lemma, forms in sorted(forms_of.items()):
        if not 1 < len(forms) < ANALOGY_SPARSE:
            continue
        for length in range(min(len(lemma) - 1, ANALOGY_ENDING_MAX), ANALOGY_ENDING - 1, -1):
            donor = donors.get(lemma[-length:])
            if donor is None or donor == lemma:
                continue
            donor_stem, stem = donor[:-length], lemma[:-length]
            new = [
                stem + form[len(donor_stem) :]
                for form in forms_of[donor]
                if form.startswith(donor_stem)
            ]
            new = [form for form in new if form not in lemma_of]
            if new:
                added[lemma] = new
                lemma_of.update(dict.fromkeys(new, lemma))
            break
    return added


def build(lang: str, path: Path, stem: Callable[[str], str]) -> None:
    """Write the folded dictionary of ``lang`` to ``path``, atomically: into a temporary
    file renamed into place, so a parallel build never opens half a file."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    source = DefaultDictionaryFactory(cache_max_size=1).get_dictionary(lang)
    best: dict[str, tuple[str, str]] = {}  # folded form -> (dictionary form, folded lemma)
    folded_lemmas: dict[str, str] = {}
    for form, lemma in source.items():
        folded = fold(lang, form)
        if lemma not in folded_lemmas:
            folded_lemmas[lemma] = fold(lang, lemma)
        rival = best.get(folded)
        if rival is None or _priority(form) < _priority(rival[0]):
            best[folded] = (form, folded_lemmas[lemma])

    lemma_of: dict[str, str] = {}
    for form, (_, lemma) in best.items():
        # the analysis only ever looks up whole words; "e-mail" or "in spite" never arrive
        if _WORD.fullmatch(form) and "\t" not in lemma and "\n" not in lemma:
            lemma_of[form] = lemma
    forms_of: dict[str, list[str]] = {}
    for form, lemma in sorted(lemma_of.items()):
        forms_of.setdefault(lemma, []).append(form)
    if lang in ANALOGY:
        for lemma, forms in complete_paradigms(forms_of, lemma_of).items():
            forms_of[lemma] = sorted(forms_of[lemma] + forms)

    form_buckets: dict[str, list[str]] = {}
    for form, lemma in sorted(lemma_of.items()):
        form_buckets.setdefault(_bucket(form), []).append(f"{form}\t{lemma}")
    lemma_buckets: dict[str, dict[str, str]] = {}
    for lemma, forms in forms_of.items():
        codes = " ".join(encode_form(lemma, form) for form in forms if form != lemma)
        lemma_buckets.setdefault(stem(lemma), {})[lemma] = codes

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{lang}-", suffix=".tmp")
    os.close(handle)
    try:
        db = sqlite3.connect(temporary)
        with db:
            db.executescript(
                """
                CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
                CREATE TABLE form(prefix TEXT PRIMARY KEY, data BLOB NOT NULL);
                CREATE TABLE lemma(stem TEXT PRIMARY KEY, data BLOB NOT NULL);
                CREATE TABLE variant(lemma TEXT PRIMARY KEY, stems TEXT NOT NULL);
                """
            )
            db.executemany(
                "INSERT INTO form VALUES (?, ?)",
                (
                    (p, zlib.compress("\n".join(lines).encode()))
                    for p, lines in form_buckets.items()
                ),
            )
            db.executemany(
                "INSERT INTO lemma VALUES (?, ?)",
                (
                    (s, zlib.compress(json.dumps(lemmas, ensure_ascii=False).encode()))
                    for s, lemmas in lemma_buckets.items()
                ),
            )
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("lang", lang),
                    ("simplemma", version("simplemma")),
                    ("forms", str(len(lemma_of))),
                ],
            )
        db.close()
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
