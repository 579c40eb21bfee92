"""``make update-po``: Sphinx's gettext builder, then a merge into
``locale/<lang>/LC_MESSAGES/<page>.po`` with sphinx-intl's own catalog functions (Babel),
plus a compendium so that a paragraph that moves to another page keeps its translation."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sphinx_intl import catalog as babel_catalog

from handbook.catalogs.layout import INTERFACE_CATALOGS, catalog_dir, catalog_names
from handbook.patches import pins
from handbook.site import Site

LINE_WIDTH = 79  # fixed wrapping: the same text always gives the same bytes


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
