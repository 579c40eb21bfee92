"""The catalogs that passed the build's checks, remembered so that a build re-checks only
the catalogs that changed.

Before Sphinx, ``make html`` refuses catalogs that do not parse or whose translations do
more than change words (``checks.build_blockers``); checking all 50-odd catalogs of a
language takes half a second, most of a corrected translation's wait outside Sphinx. A
catalog's findings depend only on its bytes, its path, handbook.toml and this package
(``checks.catalog_blockers``), so a catalog that passed is remembered in
``<builddir>/checked.json`` under the digest of those — the bytes, the path, and the
fingerprint's machinery (which holds handbook.toml and the package) — and not checked
again. A catalog with findings is never remembered: it is checked, and reported, every time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from handbook import atomic, checks
from handbook.checks.reading import catalog_paths
from handbook.findings import Finding
from handbook.site import Site

RECORD = "checked.json"  # in the build folder


def _key(machinery: str, site: Site, path: Path) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in (machinery.encode(), str(path.relative_to(site.root)).encode()):
        digest.update(part + b"\0")
    digest.update(path.read_bytes())
    return digest.hexdigest()


def _load(builddir: Path) -> dict[str, str]:
    """Digest -> the language of a catalog that passed."""
    try:
        data = json.loads((builddir / RECORD).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def blockers(site: Site, codes: Sequence[str], builddir: Path, machinery: str) -> list[Finding]:
    """``checks.build_blockers(site, codes)``, checking only catalogs not known to pass."""
    known = _load(builddir)
    # other languages' entries stay; these languages' are those that pass now
    passed = {key: code for key, code in known.items() if code not in codes}
    findings: list[Finding] = []
    for code, path in catalog_paths(site, codes):
        try:
            key = _key(machinery, site, path)
        except OSError:
            key = None  # unreadable: checks.catalog_blockers says so
        if key in known:
            passed[key] = code
            continue
        found = checks.catalog_blockers(site, code, path)
        findings += found
        if not found and key is not None:
            passed[key] = code
    if passed != known:
        atomic.write_text(builddir / RECORD, json.dumps(passed, sort_keys=True) + "\n")
    return findings
