"""Each build folder compiles the catalogs it builds with into a folder of its own.

Left to itself, Sphinx compiles ``locale/<lang>/LC_MESSAGES/*.mo`` in place, next to the
``.po`` files — a folder shared by every build folder, ``make live`` included, so one build
could read a ``.mo`` another is half-way through writing. And Sphinx never deletes a
``.mo``: a deleted catalog kept translating its page from the old one, so incremental and
clean builds disagreed. So the build mirrors the catalogs of a language into
``<builddir>/locale/<lang>/LC_MESSAGES/`` (``.po`` copied, ``.mo`` compiled, both written
atomically, gone when the ``.po`` is gone) and hands Sphinx that folder as ``locale_dirs``.
The checks, the status page and the stats keep reading the real ``locale/``.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from handbook import atomic
from handbook.catalogs.layout import catalog_dir
from handbook.site import Site

FOLDER = "locale"  # in the build folder


class CatalogError(ValueError):
    """A catalog that cannot be compiled (checks.build_blockers names most first)."""


def folder(builddir: Path) -> Path:
    """What the build passes to Sphinx as ``locale_dirs``."""
    return builddir / FOLDER


def mirror(site: Site, code: str, target: Path) -> list[str]:
    """Make ``target/<code>/LC_MESSAGES`` hold exactly the catalogs of ``locale/<code>``,
    compiled. Returns the names of the catalogs (re)compiled."""
    source = catalog_dir(site.locale_dir, code)
    mirrored = catalog_dir(target, code)
    wanted = {p.relative_to(source) for p in source.rglob("*.po")} if source.is_dir() else set()
    compiled = []
    for name in sorted(wanted):
        if _compile(source / name, mirrored / name, code):
            compiled.append(str(name.with_suffix("")))
    _remove_others(mirrored, wanted)
    return compiled


def _compile(po: Path, copy: Path, code: str) -> bool:
    try:
        data = po.read_bytes()
    except OSError as error:  # not the build folder's fault: say so, not "disk full"
        raise CatalogError(f"{po}: cannot be read ({error.strerror})") from None
    mo = copy.with_suffix(".mo")
    if _current(copy, mo, data):
        return False
    try:
        catalog = read_po(io.BytesIO(data), locale=code)
    except Exception as error:  # Babel raises many kinds; each means "cannot be read"
        raise CatalogError(f"{po}: cannot be compiled: {error}") from None
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # Sphinx's default: fuzzy shows Russian
    copy.parent.mkdir(parents=True, exist_ok=True)
    # .mo first, the .po copy last: killed in between, the copy differs and all is redone
    atomic.write_bytes(mo, compiled.getvalue())
    atomic.write_bytes(copy, data)
    os.utime(mo)  # newer than the copy, or Sphinx would compile it again, in place
    return True


def _current(copy: Path, mo: Path, data: bytes) -> bool:
    try:
        return copy.read_bytes() == data and mo.stat().st_mtime_ns >= copy.stat().st_mtime_ns
    except OSError:
        return False


def _remove_others(mirrored: Path, wanted: set[Path]) -> None:
    """A catalog deleted from locale/ is deleted here too: Sphinx then re-reads its page
    (a missing dependency) and shows it untranslated, as a clean build would."""
    if not mirrored.is_dir():
        return
    for path in sorted(mirrored.rglob("*"), reverse=True):  # files before their folders
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif path.relative_to(mirrored).with_suffix(".po") not in wanted:
            path.unlink()
