"""Counting catalogs: what ``make stats``, the status page and the translation notices read.
A fuzzy entry is never counted as translated (Sphinx does not use it; readers see Russian)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import polib

from handbook.catalogs.layout import catalog_dir, catalog_names
from handbook.site import Site

STATES = ("translated", "fuzzy", "untranslated")
# Fuzzy entries whose Russian text changed (update-po kept the old text as "#| msgid"):
# counted among the fuzzy ones and also apart, since an editor can show what changed.
SOURCE_CHANGED = "source changed"


# -- stats ------------------------------------------------------------------------------


def entry_state(entry: polib.POEntry) -> str:
    """ "translated", "fuzzy" or "untranslated". A fuzzy entry is not translated: Sphinx
    does not use it (the page shows the Russian text), so it is never counted as done."""
    strings = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    if not all(strings):
        return "untranslated"
    return "fuzzy" if entry.fuzzy else "translated"


def count(path: Path) -> dict[str, int]:
    """``{"translated": n, "fuzzy": n, "untranslated": n, "source changed": n}`` of one
    catalog (header and obsolete entries left out; "source changed" is a part of "fuzzy").
    Raises OSError for a catalog polib cannot read."""
    counts = dict.fromkeys((*STATES, SOURCE_CHANGED), 0)
    for entry in polib.pofile(str(path)):
        if entry.msgid and not entry.obsolete:
            state = entry_state(entry)
            counts[state] += 1
            if state == "fuzzy" and entry.previous_msgid is not None:
                counts[SOURCE_CHANGED] += 1
    return counts


def document_stats(locale_dir: Path, code: str) -> dict[str, dict[str, int]]:
    """Per catalog of language ``code``: ``{"guides/handover": {"translated": 30,
    "fuzzy": 2, "untranslated": 1}, "handbook": {...}, ...}``.

    Keys are Sphinx docnames (page catalogs) or domain names (``handbook``: the interface
    words our extensions add). Plain data, like sphinx-intl's ``stat()`` but keyed by
    docname and with fuzzy entries apart from translated ones. Empty for a language
    without catalogs.
    """
    folder = catalog_dir(locale_dir, code)
    return {name: count(folder / f"{name}.po") for name in catalog_names(locale_dir, code)}


def total(stats: dict[str, dict[str, int]]) -> dict[str, int]:
    """The sum of ``document_stats`` values."""
    keys = (*STATES, SOURCE_CHANGED)
    return {key: sum(counts.get(key, 0) for counts in stats.values()) for key in keys}


def percent(counts: dict[str, int]) -> float:
    """Share of entries translated (fuzzy ones are not); 100.0 for an empty catalog."""
    entries = sum(counts[state] for state in STATES)
    return 100.0 * counts["translated"] / entries if entries else 100.0


def shown(value: float) -> str:
    """A percentage rounded down: 99.96 % is not shown as a complete 100.0 %."""
    return f"{math.floor(value * 10) / 10:5.1f} %"


def stats_report(site: Site, codes: Sequence[str]) -> tuple[list[str], bool]:
    """What ``make stats`` prints, and whether every language is at 100 %."""
    lines, complete = [], True
    width = max((len(n) for c in codes for n in catalog_names(site.locale_dir, c)), default=8)
    for code in codes:
        stats = document_stats(site.locale_dir, code)
        for name, counts in stats.items():
            lines.append(
                f"{code}  {name:<{width}}  {shown(percent(counts))}  "
                f"{counts['translated']:4d} translated  {counts['fuzzy']:3d} fuzzy "
                f"({counts[SOURCE_CHANGED]} source changed)  "
                f"{counts['untranslated']:3d} untranslated"
            )
        summed = total(stats)
        lines.append(
            f"{code}  {shown(percent(summed)).strip()}  "
            f"({summed['fuzzy']} fuzzy, {summed[SOURCE_CHANGED]} of them source changed, "
            f"{summed['untranslated']} untranslated)"
        )
        lines.append("")
        complete = complete and summed["translated"] == sum(summed[s] for s in STATES)
    return lines[:-1], complete
