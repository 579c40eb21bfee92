"""Reading a catalog for the checks: its entries with their line numbers, and which
catalogs a check looks at."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from handbook.catalogs.layout import INTERFACE_CATALOGS, catalog_dir, catalog_names
from handbook.checks.po_syntax import syntax
from handbook.findings import Finding
from handbook.site import Site


@dataclass
class Catalog:
    path: Path
    name: str  # as findings show it: relative to the project
    code: str
    lines: list[str]
    po: polib.POFile

    @property
    def is_interface(self) -> bool:
        """handbook.po or sphinx.po: interface words, not the text of a page."""
        return self.path.parent.name == "LC_MESSAGES" and self.path.stem in INTERFACE_CATALOGS

    def line_of(self, entry: polib.POEntry, keyword: str) -> int:
        """The line of ``keyword`` ("msgid", "msgstr", "#,") within ``entry``."""
        for number in range(entry.linenum, len(self.lines) + 1):
            if self.lines[number - 1].startswith(keyword):
                return number
        return entry.linenum

    def finding(self, entry: polib.POEntry | None, message: str, keyword: str = "msgstr"):
        return Finding(self.name, self.line_of(entry, keyword) if entry else None, message)


def read_catalog(path: Path, root: Path, code: str) -> tuple[Catalog | None, list[Finding]]:
    name = relative(path, root)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Finding(name, line, "not UTF-8 — save the file with UTF-8 encoding")]
    if text.startswith("\ufeff"):
        return None, [
            Finding(name, 1, "starts with a byte-order mark (BOM) — save it as UTF-8 without BOM")
        ]
    problems = syntax(name, text)
    if problems:
        return None, problems
    try:
        po = polib.pofile(text)
    except (OSError, ValueError) as exc:  # the lexer let through something polib refuses
        line = re.search(r"line (\d+)", str(exc))
        return None, [Finding(name, int(line[1]) if line else None, f"syntax: {exc}")]
    catalog = Catalog(path, name, code, text.splitlines(), po)
    declared = po.metadata.get("Content-Type", "")
    if po.metadata and "charset=utf-8" not in declared.lower().replace(" ", ""):
        # Babel, and so Sphinx, would decode the file with the declared charset
        line = next((n for n, x in enumerate(catalog.lines, 1) if "Content-Type" in x), 1)
        return None, [
            Finding(
                name,
                line,
                f"header: Content-Type {declared.strip()!r} — the file is UTF-8; write "
                '"Content-Type: text/plain; charset=UTF-8\\n"',
            )
        ]
    return catalog, []


def relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def catalog_paths(site: Site, codes: Sequence[str]) -> Iterator[tuple[str, Path]]:
    for code in codes:
        folder = catalog_dir(site.locale_dir, code)
        for name in catalog_names(site.locale_dir, code):
            yield code, folder / f"{name}.po"
