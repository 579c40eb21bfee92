"""Interface words of a language outside Sphinx (the book, the download links), from the
same catalog the extensions use: ``locale/<lang>/LC_MESSAGES/handbook.po``."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import polib

from handbook.site import Site


@cache
def _catalog(path: str, _mtime: int) -> dict[str, str]:  # mtime: an edited catalog is read anew
    catalog = polib.pofile(path)
    return {
        entry.msgid: entry.msgstr
        for entry in catalog
        if entry.translated() and not entry.fuzzy and not entry.obsolete
    }


def translator(site: Site, code: str) -> Callable[[str], str]:
    """``_`` for language ``code``: the msgid itself when the catalog lacks a word."""
    path = site.locale_dir / code / "LC_MESSAGES" / "handbook.po"
    words = _catalog(str(path), path.stat().st_mtime_ns) if path.is_file() else {}
    return lambda message: words.get(message) or message
