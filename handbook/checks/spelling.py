"""Spelling with Debian's hunspell dictionaries plus the project's word lists."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from handbook.site import Site

# Debian's hunspell dictionaries (/usr/share/hunspell) and the packages that install them.
# English is en_GB: the handbook writes British English (behaviour, programme, apologise).
DICTIONARIES = {
    "ru": ("ru_RU", "hunspell-ru"),
    "et": ("et_EE", "myspell-et"),
    "en": ("en_GB", "hunspell-en-gb"),
}
DICTIONARY_DIR = Path("/usr/share/hunspell")
WORD_LIST = "words.txt"  # locale/words.txt (all languages) and locale/<lang>/words.txt


# -- spelling ----------------------------------------------------------------------------


def word_list(site: Site, code: str) -> set[str]:
    """The project's words (names, product terms) for ``code``: both word lists."""
    words: set[str] = set()
    for path in (site.locale_dir / WORD_LIST, site.locale_dir / code / WORD_LIST):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#"):
                    words.add(line.strip())
    return words


def dictionary_problem(code: str) -> str | None:
    """Why spelling cannot be checked for ``code`` on this machine, or None."""
    if code not in DICTIONARIES:
        return None
    dictionary, package = DICTIONARIES[code]
    if not shutil.which("hunspell"):
        return "spelling: hunspell is not installed — apt-get install hunspell"
    if not (DICTIONARY_DIR / f"{dictionary}.dic").exists():
        return f"spelling: the {dictionary} dictionary is missing — apt-get install {package}"
    return None


def misspelled(words: Iterable[str], code: str) -> set[str]:
    """The words hunspell does not know (hyphenated words are reported by their parts)."""
    dictionary, _ = DICTIONARIES[code]
    done = subprocess.run(
        ["hunspell", "-d", str(DICTIONARY_DIR / dictionary), "-i", "utf-8", "-l"],
        input="\n".join(sorted(set(words))),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return set(done.stdout.split())


def is_known_word(word: str, known: set[str]) -> bool:
    if len(word) == 1:  # a letter: "D-stiil", "C-type"
        return True
    candidates = {word, word.lower(), re.sub(r"['’]s$", "", word)}
    return any(c in known or c.lower() in known for c in candidates)
