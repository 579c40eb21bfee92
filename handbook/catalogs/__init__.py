"""The translation catalogs: refreshing them from the Russian sources, and counting them.

``update`` is what ``make update-po`` runs: Sphinx's gettext builder, then a merge into
``locale/<lang>/LC_MESSAGES/<page>.po`` with sphinx-intl's own catalog functions (Babel),
plus a compendium so that a paragraph that moves to another page keeps its translation.
``document_stats`` is what ``make stats``, the status page and the translation notices read.
"""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polib
from sphinx_intl import catalog as babel_catalog

from handbook.patches import pins
from handbook.site import Site

LINE_WIDTH = 79  # fixed wrapping: the same text always gives the same bytes
# Catalogs that hold the interface words of a gettext domain, not the text of a page:
# handbook.po (our extensions' words) and sphinx.po (overrides of Sphinx's own words).
INTERFACE_CATALOGS = ("handbook", "sphinx")
STATES = ("translated", "fuzzy", "untranslated")


class ExtractError(RuntimeError):
    """Sphinx's gettext builder failed; its warnings (file:LINE) are printed above."""


def extract(site: Site, builddir: Path) -> Path:
    """Run Sphinx's gettext builder; returns the folder of .pot templates."""
    pot_dir = builddir / "gettext"
    done = subprocess.run(
        [
            sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-W", "--keep-going",
            "-c", str(site.root), "-d", str(builddir / "doctrees" / "gettext"),
            str(site.docs_dir), str(pot_dir),
        ],
        cwd=site.root,
    )  # fmt: skip
    if done.returncode:
        raise ExtractError("extracting the Russian messages failed: fix the warnings above")
    return pot_dir


# -- update-po ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UpdateResult:
    path: Path
    status: str  # "created", "updated" or "unchanged"
    added: int = 0
    dropped: int = 0
    reused: int = 0  # translations found elsewhere in the language, marked fuzzy

    def describe(self, root: Path) -> str:
        """One line for the terminal, the path relative to the project."""
        path = self.path.relative_to(root) if self.path.is_relative_to(root) else self.path
        if self.status == "unchanged":
            return f"unchanged  {path}"
        reused = f", {self.reused} reused (fuzzy)" if self.reused else ""
        return f"{self.status:<10} {path}  +{self.added} -{self.dropped}{reused}"


def catalog_dir(locale_dir: Path, code: str) -> Path:
    return locale_dir / code / "LC_MESSAGES"


def catalog_names(locale_dir: Path, code: str) -> list[str]:
    """Every catalog of a language, as ``guides/handover`` (= the Sphinx docname)."""
    folder = catalog_dir(locale_dir, code)
    return sorted(str(p.relative_to(folder).with_suffix("")) for p in folder.rglob("*.po"))


def compendium(locale_dir: Path, code: str) -> dict[str, str]:
    """msgid -> msgstr of every translation in the language's page catalogs.

    Read before the merge drops entries, so a paragraph that moved to another page
    finds its translation here. Reviewed translations win over fuzzy ones; among equals
    the first catalog in name order wins, so the result never depends on file order.
    """
    reviewed: dict[str, str] = {}
    fuzzy: dict[str, str] = {}
    folder = catalog_dir(locale_dir, code)
    for name in catalog_names(locale_dir, code):
        if name in INTERFACE_CATALOGS:
            continue
        for message in babel_catalog.load_po(str(folder / f"{name}.po")):
            if message.id and isinstance(message.id, str) and message.string:
                (fuzzy if message.fuzzy else reviewed).setdefault(message.id, message.string)
    return {**fuzzy, **reviewed}


def _templates(pot_dir: Path) -> dict[str, Path]:
    """The pages' templates. sphinx.pot (strings of the HTML templates) is left out: the
    interface catalogs are kept by hand and hold more than the templates' strings."""
    templates = {str(p.relative_to(pot_dir).with_suffix("")): p for p in pot_dir.rglob("*.pot")}
    return {name: templates[name] for name in sorted(templates) if name not in INTERFACE_CATALOGS}


def merge(po_path: Path, pot_path: Path, code: str, memory: dict[str, str]) -> UpdateResult:
    """Merge one template into one catalog (Babel's update, as sphinx-intl does it).

    Entries gone from the page are dropped; an entry new to this page, or still empty,
    takes its translation from ``memory`` (the compendium) when the same msgid was
    translated anywhere in the language, flagged fuzzy for review. The file is written
    only when something changed, so a second run on unchanged sources writes nothing.
    """
    template = babel_catalog.load_po(str(pot_path))
    if po_path.exists():
        catalog = babel_catalog.load_po(str(po_path))
        before = {m.id for m in catalog if m.id}
        catalog.update(template)  # Babel marks near matches within the page fuzzy
        status = "updated"
    else:
        catalog, before, status = template, set(), "created"
        catalog.locale = code  # Language and Plural-Forms headers
    reused = 0
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or message.id not in memory:
            continue
        new_here = message.id not in before
        if not message.string or (new_here and message.fuzzy):
            # An exact match from another page beats Babel's near match on this one.
            message.string = memory[message.id]
            message.flags.add("fuzzy")
            reused += 1
    after = {m.id for m in catalog if m.id}
    if status == "updated" and after == before and not reused:
        return UpdateResult(po_path, "unchanged")
    babel_catalog.dump_po(str(po_path), catalog, width=LINE_WIDTH, ignore_obsolete=True)
    return UpdateResult(po_path, status, len(after - before), len(before - after), reused)


def update(site: Site, builddir: Path, codes: Sequence[str]) -> list[UpdateResult]:
    """Refresh ``locale/<code>/LC_MESSAGES/*.po`` of each translation from fresh templates."""
    pins.require(__name__)  # sphinx_intl.catalog is not sphinx-intl's documented API
    templates = _templates(extract(site, builddir))
    results = []
    for code in codes:
        memory = compendium(site.locale_dir, code)  # before any entry is dropped
        folder = catalog_dir(site.locale_dir, code)
        for name, pot_path in templates.items():
            results.append(merge(folder / f"{name}.po", pot_path, code, memory))
    return results


def orphans(site: Site, code: str) -> list[str]:
    """Page catalogs whose page is gone (renamed or removed): update-po never deletes them."""
    pages = {str(p.relative_to(site.docs_dir).with_suffix("")) for p in site.docs_dir.rglob("*.md")}
    return [
        name
        for name in catalog_names(site.locale_dir, code)
        if name not in pages and name not in INTERFACE_CATALOGS
    ]


# -- stats ------------------------------------------------------------------------------


def entry_state(entry: polib.POEntry) -> str:
    """ "translated", "fuzzy" or "untranslated". A fuzzy entry is not translated: Sphinx
    does not use it (the page shows the Russian text), so it is never counted as done."""
    strings = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    if not all(strings):
        return "untranslated"
    return "fuzzy" if entry.fuzzy else "translated"


def count(path: Path) -> dict[str, int]:
    """``{"translated": n, "fuzzy": n, "untranslated": n}`` of one catalog (header and
    obsolete entries left out). Raises OSError for a catalog polib cannot read."""
    counts = dict.fromkeys(STATES, 0)
    for entry in polib.pofile(str(path)):
        if entry.msgid and not entry.obsolete:
            counts[entry_state(entry)] += 1
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
    return {state: sum(counts[state] for counts in stats.values()) for state in STATES}


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
                f"{counts['translated']:4d} translated  {counts['fuzzy']:3d} fuzzy  "
                f"{counts['untranslated']:3d} untranslated"
            )
        summed = total(stats)
        lines.append(
            f"{code}  {shown(percent(summed)).strip()}  "
            f"({summed['fuzzy']} fuzzy, {summed['untranslated']} untranslated)"
        )
        lines.append("")
        complete = complete and summed["translated"] == sum(summed.values())
    return lines[:-1], complete
