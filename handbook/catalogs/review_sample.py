"""The sample a language review reads (design/language-quality.md): whole pages, drawn in a
random order fixed by a seed until the words read reach the target, so a review can be
repeated and its "errors per 1,000 words" compared with the last one.

Words are those a reader sees in the translations (markup, code and link targets left out),
counted the same way for every review. Inline code is not translated text and
is not counted::

    python -m handbook.catalogs.review_sample et            # every page, with its words
    python -m handbook.catalogs.review_sample et 5000 202611  # >= 5,000 words, seed 202611
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import polib

from handbook.catalogs.layout import INTERFACE_CATALOGS, catalog_dir, catalog_names
from handbook.checks.markup import markup
from handbook.site import Site

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def page_words(site: Site, code: str) -> dict[str, int]:
    """Words a reader sees on each page of ``code`` (its translated entries)."""
    folder = catalog_dir(site.locale_dir, code)
    counts = {}
    for name in catalog_names(site.locale_dir, code):
        if name in INTERFACE_CATALOGS:
            continue
        entries = polib.pofile(str(folder / f"{name}.po")).translated_entries()
        counts[name] = sum(len(WORD.findall(" ".join(markup(e.msgstr).text))) for e in entries)
    return counts


def sample(site: Site, code: str, words: int | None = None, seed: int = 0) -> dict[str, int]:
    """Pages to review and their words: every page when ``words`` is None, otherwise whole
    pages in the order ``seed`` gives until at least ``words`` words (or every page)."""
    counts = page_words(site, code)
    if words is None:
        return counts
    order = sorted(counts)
    random.Random(seed).shuffle(order)
    chosen: dict[str, int] = {}
    for name in order:
        if sum(chosen.values()) >= words:
            break
        chosen[name] = counts[name]
    return dict(sorted(chosen.items()))


def main(argv: list[str]) -> int:
    from handbook import site as site_module

    if not argv or len(argv) > 3:
        print(__doc__.strip().splitlines()[-2].strip(), file=sys.stderr)
        return 2
    site = site_module.load(Path.cwd())
    words = int(argv[1]) if len(argv) > 1 else None
    chosen = sample(site, argv[0], words, int(argv[2]) if len(argv) > 2 else 0)
    for name, count in chosen.items():
        print(f"{name}\t{count}")
    print(f"{len(chosen)} pages\t{sum(chosen.values())} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
