"""The readers' words for the handbook's terms: a search for *subscriber* finds *customer*.

One file per language, ``locale/<lang>/search-synonyms.toml`` (until the terms file that
the editorial checks will read, ``locale/<lang>/terms.toml``, carries a ``synonyms`` field
per term; the format is chosen so that its entries can move there as they are):

    [[term]]
    term = "customer"                        # the handbook's word or words
    synonyms = ["subscriber", "client"]      # single words readers type for it

It is a translation-side file, so untrusted: plain words only (letters, digits, spaces,
hyphens, apostrophes), each at most 40 characters; anything else is reported and left out.
The build turns it into ``{key of the reader's word: [term, …]}`` (``table``) inside
searchindex.js; the page searches a reader's word and its terms together, and shows the
terms it also searched (as text, never as markup).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

from handbook.findings import Finding
from handbook.search.analysis import split

FILENAME = "search-synonyms.toml"
_PLAIN = re.compile(r"[\w][\w '’-]{0,39}")


def path_for(locale_dir: Path, lang: str) -> Path:
    return locale_dir / lang / FILENAME


def load(path: Path) -> tuple[dict[str, list[str]], list[Finding]]:
    """``{reader's word: [term, …]}`` and what was wrong; no file: nothing, no problem."""
    if not path.is_file():
        return {}, []
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return {}, [Finding(str(path), getattr(error, "lineno", None), f"not valid TOML: {error}")]
    lines = text.splitlines()
    found: dict[str, list[str]] = {}
    problems = []
    entries = data.get("term", [])
    if not isinstance(entries, list) or set(data) - {"term"}:
        return {}, [Finding(str(path), None, "expected only [[term]] entries")]
    for entry in entries:
        term, synonyms = entry.get("term"), entry.get("synonyms")
        line = _line_of(lines, term)
        if not _plain(term):
            problems.append(Finding(str(path), line, f"term {term!r}: plain words only"))
            continue
        if not isinstance(synonyms, list) or set(entry) - {"term", "synonyms"}:
            problems.append(Finding(str(path), line, f"{term!r}: 'synonyms' is a list of words"))
            continue
        for word in synonyms:
            if not _plain(word) or len(split(word)) != 1:
                problems.append(Finding(str(path), line, f"{term!r}: {word!r} is not one word"))
                continue
            found.setdefault(word, [])
            if term not in found[word]:
                found[word].append(term)
    return found, problems


def _plain(value: object) -> bool:
    return isinstance(value, str) and _PLAIN.fullmatch(value) is not None


def _line_of(lines: list[str], term: object) -> int | None:
    for number, line in enumerate(lines, 1):
        if line.strip().startswith("term") and f'"{term}"' in line:
            return number
    return None


def table(synonyms: dict[str, list[str]], key: Callable[[str], str]) -> dict[str, list[str]]:
    """``{key of the reader's word: [term, …]}``; the page keys a query word the same way."""
    shipped: dict[str, list[str]] = {}
    for word, terms in synonyms.items():
        reader = key(word)
        if reader:
            shipped.setdefault(reader, [])
            shipped[reader] += [t for t in terms if t not in shipped[reader]]
    return {reader: sorted(terms) for reader, terms in sorted(shipped.items())}


def keys(synonyms: dict[str, list[str]], key: Callable[[str], str]) -> set[str]:
    """Every key the synonyms bring: the forms table must cover the readers' words too."""
    words = [
        w for word, terms in synonyms.items() for w in [word, *(x for t in terms for x in split(t))]
    ]
    return {k for k in map(key, words) if k}
