"""Refreshing the translation catalogs from the Russian sources (gettext + sphinx-intl)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from handbook.site import Site

LINE_WIDTH = 79  # fixed wrapping: the same text always gives the same bytes


def extract(site: Site, builddir: Path) -> Path:
    """Run Sphinx's gettext builder; returns the folder of .pot templates."""
    pot_dir = builddir / "gettext"
    subprocess.run(
        [
            sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-W", "--keep-going",
            "-c", str(site.root), "-d", str(builddir / "doctrees" / "gettext"),
            str(site.docs_dir), str(pot_dir),
        ],
        check=True,
        cwd=site.root,
    )  # fmt: skip
    return pot_dir


def update(site: Site, builddir: Path, codes: Sequence[str]) -> None:
    """Merge fresh templates into ``locale/<code>/LC_MESSAGES/*.po`` for each translation."""
    pot_dir = extract(site, builddir)
    languages = [arg for code in codes for arg in ("-l", code)]
    subprocess.run(
        [
            sys.executable, "-m", "sphinx_intl", "update", "-p", str(pot_dir),
            "-d", str(site.locale_dir), "-w", str(LINE_WIDTH), "--no-obsolete", *languages,
        ],
        check=True,
        cwd=site.root,
    )  # fmt: skip
