"""Is every page catalog of a release language there, readable and not empty?

A release language promises every page translated. Sphinx shows a page whose catalog is
missing or empty in Russian, without a word of warning, and ``make stats`` counts only the
catalogs that exist — so a deleted or emptied catalog looked complete. Expected: one
catalog per Russian page in docs/, ``locale/<lang>/LC_MESSAGES/<page>.po``. Called by
``make html`` (before Sphinx), ``make stats STRICT=1`` and ``make check``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from handbook.catalogs.layout import catalog_dir
from handbook.findings import Finding
from handbook.site import Site

# an entry: a msgid line that is not the header's (msgid "" followed by msgstr)
_ENTRY = re.compile(rb'^msgid (?!""\s*\nmsgstr)', re.M)


def pages(site: Site) -> list[str]:
    """The Russian pages, by docname, as Sphinx finds them (hidden files excluded)."""
    found = []
    for path in site.docs_dir.rglob("*.md"):
        relative = path.relative_to(site.docs_dir)
        if not any(part.startswith(".") or part == "_build" for part in relative.parts):
            found.append(relative.with_suffix("").as_posix())
    return sorted(found)


def problems(site: Site, codes: Sequence[str]) -> list[Finding]:
    """Every missing, unreadable or empty page catalog of the release translations among
    ``codes``; draft languages and the source have none to promise."""
    found = []
    for code in codes:
        lang = site.language(code)
        if lang.is_source or not lang.is_release:
            continue
        for page in pages(site):
            problem = _problem(catalog_dir(site.locale_dir, code) / f"{page}.po")
            if problem:
                where = _relative(catalog_dir(site.locale_dir, code) / f"{page}.po", site.root)
                found.append(Finding(where, None, problem.format(page=page, code=code)))
    return found


def _problem(path: Path) -> str | None:
    if not path.exists():
        return (
            "missing: the page docs/{page}.md has no catalog in this release language — "
            "`make update-po LANGS={code}` creates it (or restore it from git)"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        return f"cannot be read ({error.strerror}) — make it a readable file"
    if not _ENTRY.search(data):
        return (
            "empty: no messages of docs/{page}.md — restore it from git, or "
            "`make update-po LANGS={code}` and translate it"
        )
    return None


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
