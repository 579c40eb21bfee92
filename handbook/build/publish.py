"""Publish the built languages into ``_build/html`` all at once.

The new tree is composed beside the old one and exchanged with it in a single rename,
so a reader (or a web server) sees either the old site or the new one, never a mix.
Files unchanged since the last publication are hard links to the published copy;
changed ones are copied from Sphinx's working folder. A published file therefore never
shares an inode with a working file that Sphinx will overwrite in place later.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from handbook.multilingual import alternates, landing, sitemap
from handbook.site import Site

_RENAME_EXCHANGE = 2  # linux/fs.h


def publish(site: Site, builddir: Path, codes: Sequence[str]) -> Path:
    """Put ``work/<code>`` for ``codes`` (and the published rest) live in ``builddir/html``."""
    live = builddir / "html"
    staging = builddir / ".html-staging"
    shutil.rmtree(staging, ignore_errors=True)  # a killed build's (the lock makes it no one's)
    staging.mkdir(parents=True)
    try:
        _stage(site, builddir, codes, staging)
    except BaseException:
        # a full disk, Ctrl-C: no half-composed tree is left behind; the live one is intact
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, live)
    shutil.rmtree(staging, ignore_errors=True)  # now the previous site
    return live


def _stage(site: Site, builddir: Path, codes: Sequence[str], staging: Path) -> None:
    """Compose the site to publish in ``staging``: the languages built now from their
    working folders, the others from what is published, and the root's own files."""
    live = builddir / "html"
    for lang in site.languages:
        if lang.code in codes:
            _compose(builddir / "work" / lang.code, live / lang.code, staging / lang.code)
        elif (live / lang.code).is_dir():  # not rebuilt this time: keep what is published
            _compose(live / lang.code, live / lang.code, staging / lang.code)
    published = [lang for lang in site.languages if (staging / lang.code).is_dir()]
    # switcher links, hreflang alternates and sitemaps to match the pages really published
    alternates.reconcile(site, staging, [lang.code for lang in published])
    sitemap.write_index(site, staging, [lang.code for lang in published])
    landing.write(site, staging, published)


def _compose(source: Path, published: Path, target: Path) -> None:
    for folder, _dirs, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            src = Path(folder) / name
            old = published / relative / name
            if _same(src, old):
                os.link(old, target / relative / name)
            else:
                shutil.copy2(src, target / relative / name)


def _same(a: Path, b: Path) -> bool:
    try:
        sa, sb = a.stat(), b.stat()
    except FileNotFoundError:
        return False
    return sa.st_size == sb.st_size and sa.st_mtime_ns == sb.st_mtime_ns


def _swap(staging: Path, live: Path) -> None:
    """Exchange the two folders atomically (renameat2), or move staging in place."""
    if not live.exists():
        staging.rename(live)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    at_fdcwd = -100
    if renameat2 is not None:
        ok = renameat2(at_fdcwd, bytes(staging), at_fdcwd, bytes(live), _RENAME_EXCHANGE) == 0
        if ok:
            return
    # No atomic exchange here (another OS, or a filesystem without it): two renames.
    old = live.with_name(live.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    live.rename(old)
    staging.rename(live)
    old.rename(staging)
