"""Stable, readable, ASCII-safe file names from the handbook's title in a language:
``Klienditeeninduse käsiraamat`` → ``klienditeeninduse-kasiraamat``, ``Справочник по
обслуживанию клиентов`` → ``spravochnik-po-obsluzhivaniyu-klientov``. The published
addresses are ``/<lang>/<slug>.pdf`` and ``/<lang>/<slug>.epub``."""

from __future__ import annotations

import re
import unicodedata

from handbook.site import Language

# Russian letters by the common ("passport"-like) romanization, the hard and soft signs
# dropped; other letters lose their accents.
_LATIN = (
    *("a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o"),
    *("p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e"),
    *("yu", "ya"),
)
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN, strict=True))


def slug(title: str) -> str:
    """Lower-case ASCII words of ``title`` joined by hyphens."""
    letters = "".join(_CYRILLIC.get(char, char) for char in title.lower())
    ascii_text = unicodedata.normalize("NFKD", letters).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    if not words:
        raise ValueError(f"no ASCII letters can be made of the title {title!r}")
    return "-".join(words)


def pdf_name(language: Language) -> str:
    return f"{slug(language.title)}.pdf"


def epub_name(language: Language) -> str:
    return f"{slug(language.title)}.epub"
