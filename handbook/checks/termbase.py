"""The term base: recurring words beyond the glossary, one rendering per language.

``locale/<lang>/terms.toml`` maps a Russian word to the one word the language uses for it::

    [terms."раздел"]
    use = "jaotis"                   # the one rendering (any inflected form counts)
    synonyms = ["osa", "peatükk"]    # words readers may search with (for the search)
    except = ["на свой счёт"]        # Russian phrases in which the word is not this term
    note = "a part of the handbook or of a page"

A msgstr whose msgid uses the Russian term (any form: compared by lemma, ё as е) must use
the rendering, in any inflected form — the matching of glossary terms
(:func:`handbook.checks.terms.same_term`). ``synonyms`` are not checked: they are the words
readers may type instead, for the search to read from the same file.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from handbook.checks.reading import Catalog, relative
from handbook.checks.terms import WORD, _normalizers, same_term
from handbook.checks.typography import visible
from handbook.findings import Finding

TERM_FILE = "terms.toml"  # locale/<lang>/terms.toml
SOURCE = "ru"


@dataclass(frozen=True)
class Term:
    source: str  # the Russian term
    use: str  # the one rendering in the language
    synonyms: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = field(default=())
    note: str = ""


def term_file(locale_dir: Path, code: str) -> Path:
    return locale_dir / code / TERM_FILE


def load(path: Path) -> tuple[list[Term], list[str]]:
    """The terms of one term file, and what is wrong with the file (empty when none)."""
    if not path.exists():
        return [], []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        return [], [f"not valid TOML: {exc}"]
    terms, errors = [], []
    for source, fields in data.get("terms", {}).items():
        use = fields.get("use") if isinstance(fields, dict) else None
        if not isinstance(use, str) or not use.strip():
            errors.append(f'term "{source}" has no use = "…" — write the one rendering')
            continue
        unknown = set(fields) - {"use", "synonyms", "except", "note"}
        if unknown:
            errors.append(f'term "{source}": unknown field(s) {", ".join(sorted(unknown))}')
        terms.append(
            Term(
                source,
                use,
                tuple(fields.get("synonyms", ())),
                tuple(fields.get("except", ())),
                fields.get("note", ""),
            )
        )
    return terms, errors


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@functools.cache
def _source_lemma(word: str) -> str:
    lemma, _ = _normalizers(SOURCE)
    return _fold(lemma(_fold(word)))


def uses(text: str, term: Term) -> bool:
    """Does the Russian ``text`` use ``term`` (every word, by lemma), outside its
    exceptions?"""
    for phrase in term.exceptions:
        text = re.sub(re.escape(_fold(phrase)), " ", _fold(text))
    lemmas = {_source_lemma(w) for w in WORD.findall(text)}
    return all(_source_lemma(w) in lemmas for w in WORD.findall(term.source))


def renders(text: str, use: str, code: str) -> bool:
    """Does the translation ``text`` use the rendering ``use``, in any inflected form — or
    as part of a compound (*teeninduspõhimõtted* has *põhimõte*, *arveküsimus* has *arve*)?"""
    if same_term(text, use, code):
        return True
    lemma, _ = _normalizers(code)
    lemmas = {lemma(w) for w in WORD.findall(text)}
    parts = [lemma(w) for w in WORD.findall(use)]
    return all(
        len(part) >= 4 and any(w.startswith(part) or w.endswith(part) for w in lemmas)
        for part in parts
    )


def catalog_problems(catalog: Catalog, terms: list[Term]) -> list[Finding]:
    """Translations whose Russian uses a term of the term base but not its rendering."""
    findings = []
    for entry in catalog.po.translated_entries():
        if entry.obsolete or entry.msgid_plural or not terms:
            continue
        source, translation = visible(entry.msgid), visible(entry.msgstr)
        for term in terms:
            if uses(source, term) and not renders(translation, term.use, catalog.code):
                findings.append(
                    catalog.finding(
                        entry,
                        f'term base: "{term.source}" is "{term.use}" in {catalog.code} — use '
                        f"a form of it (or change locale/{catalog.code}/{TERM_FILE} for "
                        "every page)",
                    )
                )
    return findings


def file_problems(locale_dir: Path, root: Path, code: str) -> tuple[list[Term], list[Finding]]:
    """The language's terms, and findings for a term file that cannot be read."""
    path = term_file(locale_dir, code)
    terms, errors = load(path)
    return terms, [Finding(relative(path, root), None, error) for error in errors]
