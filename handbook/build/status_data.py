"""The translation status page's figures, counted once per build, before Sphinx.

The status page (handbook/sphinxext/status.py) shows every language's progress on every
language's site. Read from the catalogs, every catalog would be an input of every language,
and one changed Estonian message would rebuild Russian and English too. Instead the build
counts every catalog here, writes the figures to ``<builddir>/status.json`` (atomically,
and only when they changed) and hands Sphinx that file (``-D handbook_status_data=…``).
The figures are then a source of each language's fingerprint: a corrected translation
changes no figure and rebuilds only its language; a newly translated or fuzzy message
changes a figure and rewrites the status page everywhere (and only it: Sphinx re-reads
that page on every build).

Counting 56 catalogs with polib takes a quarter of a second, so each catalog's figures are
kept in ``<builddir>/status-counts.json`` under the digest of its bytes: a build counts
only the catalogs that changed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from handbook import atomic
from handbook.catalogs import stats
from handbook.catalogs.layout import catalog_dir, catalog_names
from handbook.site import Site

DATA = "status.json"  # in the build folder: what Sphinx reads
COUNTS = "status-counts.json"  # in the build folder: figures by catalog digest
OPTION = "handbook_status_data"  # the config value (handbook/sphinxext/status.py)


def _cache(builddir: Path) -> dict[str, dict[str, int]]:
    try:
        data = json.loads((builddir / COUNTS).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def figures(site: Site, builddir: Path) -> dict[str, dict[str, dict[str, int]]]:
    """Language -> catalog name -> counts, as ``stats.document_stats`` gives them."""
    cache, used = _cache(builddir), {}
    result: dict[str, dict[str, dict[str, int]]] = {}
    for lang in site.languages:
        folder = catalog_dir(site.locale_dir, lang.code)
        language = {}
        for name in catalog_names(site.locale_dir, lang.code):
            path = folder / f"{name}.po"
            key = hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()
            if key not in cache:
                try:
                    cache[key] = stats.count(path)
                except (OSError, ValueError):
                    continue  # unreadable: make check and the build name it, not this
            used[key] = language[name] = cache[key]
        if language:
            result[lang.code] = language
    if used != _cache(builddir):
        atomic.write_text(builddir / COUNTS, json.dumps(used, sort_keys=True) + "\n")
    return result


def write(site: Site, builddir: Path) -> bytes:
    """Write ``<builddir>/status.json`` if its figures changed; its bytes, for the
    fingerprint."""
    data = (json.dumps(figures(site, builddir), sort_keys=True, indent=1) + "\n").encode()
    path = builddir / DATA
    try:
        current = path.read_bytes()
    except OSError:
        current = None
    if current != data:
        atomic.write_bytes(path, data)
    return data


def option(builddir: Path) -> list[str]:
    """The sphinx-build option that hands the figures to the status page."""
    return ["-D", f"{OPTION}={builddir / DATA}"]


def read(path: str) -> dict[str, dict[str, dict[str, int]]] | None:
    """The figures written by ``write``, or None (no file: a Sphinx run of its own)."""
    if not path:
        return None
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
