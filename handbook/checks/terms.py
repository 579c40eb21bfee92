"""The glossary's fixed terms: a translation uses the rendering the language's glossary
catalog fixes, in any inflected form."""

from __future__ import annotations

import functools
import re

import polib

from handbook.catalogs.layout import catalog_dir
from handbook.site import Site

GLOSSARY_DIRECTIVE = "```{glossary}"
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


# -- the glossary's fixed terms ----------------------------------------------------------


def glossary_doc(site: Site) -> str | None:
    """The docname of the page with the ``{glossary}`` directive."""
    for path in sorted(site.docs_dir.rglob("*.md")):
        if GLOSSARY_DIRECTIVE in path.read_text(encoding="utf-8"):
            return str(path.relative_to(site.docs_dir).with_suffix(""))
    return None


def fixed_terms(site: Site, code: str) -> dict[str, str]:
    """Glossary term (lower case, Russian) -> the term the glossary fixes in ``code``.

    The language's glossary catalog is the authority: its translation of each term is
    the word every page of that language uses for it.
    """
    doc = glossary_doc(site)
    path = catalog_dir(site.locale_dir, code) / f"{doc}.po"
    if doc is None or not path.exists():
        return {}
    return {
        e.msgid.lower(): e.msgstr
        for e in polib.pofile(str(path))
        if e.msgid and e.msgstr and not e.fuzzy and "\n" not in e.msgid and len(e.msgid) < 60
    }


@functools.cache
def _normalizers(code: str):
    """Word -> lemma (simplemma) and word -> stem (Snowball) for ``code``, where known."""
    import simplemma
    import snowballstemmer
    from babel import Locale

    def lemma(word: str) -> str:
        try:
            return simplemma.lemmatize(word.lower(), lang=code)
        except ValueError:  # a language simplemma has no dictionary for
            return word.lower()

    try:
        stemmer = snowballstemmer.stemmer(Locale.parse(code).english_name.lower())
        stem = stemmer.stemWord
    except (KeyError, ValueError):
        stem = str.lower
    return lemma, lambda word: stem(word.lower())


def same_term(text: str, fixed: str, code: str) -> bool:
    """Does ``text`` use ``fixed`` (in any inflected form)? Every word of the fixed term
    must appear, compared by lemma or by stem: kliendiga is a form of klient."""
    lemma, stem = _normalizers(code)
    words = WORD.findall(text)
    forms = {lemma(w) for w in words} | {stem(w) for w in words} | {w.lower() for w in words}
    return all(
        lemma(w) in forms or stem(w) in forms or w.lower() in forms for w in WORD.findall(fixed)
    )
