"""A live preview that stays warm: one Sphinx application per previewed language, kept.

sphinx-autobuild starts Sphinx for every change (~2 s from a saved ``.po`` to the page).
This keeps the application and, on save:

1. checks the changed catalogs' syntax (handbook/checks/po_syntax.py): a broken one is named
   by ``path:LINE`` and nothing is rebuilt;
2. recompiles only the changed catalogs into the preview's own compiled folder
   (handbook/build/compiled.py) — Sphinx marks a page outdated when its ``.mo`` is newer;
3. forgets the loaded translations of those catalogs (Sphinx's ``translators`` and
   gettext's own cache), so that the page is translated from the new ``.mo``;
4. counts the status figures (handbook/build/status_data.py, cached per catalog) instead of
   letting the status page read every catalog;
5. restores the registered and the builder's page scripts and styles to a fresh
   application's, and rebuilds incrementally. A change to an interface catalog
   (``handbook``, ``sphinx``), loaded once when Sphinx starts, starts a new application.

The server is sphinx-autobuild's own (its file watcher, page server and reload script),
with the rebuild run in this process instead of a fresh one.
"""

from __future__ import annotations

import gettext
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import sphinx.locale
from sphinx.application import Sphinx

from handbook.build import compiled, status_data
from handbook.catalogs.layout import INTERFACE_CATALOGS, catalog_dir
from handbook.checks import po_syntax
from handbook.site import Site


class WarmBuild:
    """Call with the changed paths; returns False when a catalog was refused."""

    def __init__(self, site: Site, code: str, builddir: Path, quiet: bool = False) -> None:
        self.site, self.code = site, code
        self.folder = builddir / "live"
        self.catalogs = compiled.folder(self.folder)
        self.quiet = quiet
        self.app: Sphinx | None = None

    @property
    def outdir(self) -> Path:
        return self.folder / self.code

    def _start(self) -> Sphinx:
        sphinx.locale.translators.clear()
        gettext._translations.clear()  # type: ignore[attr-defined]
        return Sphinx(
            srcdir=self.site.docs_dir,
            confdir=self.site.root,
            outdir=self.outdir,
            doctreedir=self.folder / "doctrees" / self.code,
            buildername="html",
            confoverrides={
                "language": self.code,
                "locale_dirs": [str(self.catalogs)],
                status_data.OPTION: str(self.folder / status_data.DATA),
            },
            status=io.StringIO() if self.quiet else sys.stdout,
            warning=sys.stderr,
            keep_going=True,
        )

    def refused(self, changed: Sequence[Path]) -> list[str]:
        problems = []
        for path in changed:
            if path.suffix == ".po" and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                problems += [str(f) for f in po_syntax.syntax(str(path), text)]
        return problems

    def __call__(self, changed_paths: Sequence[Path] = ()) -> bool:
        problems = self.refused(changed_paths)
        if problems:
            for problem in problems:
                print(problem, file=sys.stderr)
            return False
        try:
            recompiled = compiled.mirror(self.site, self.code, self.catalogs)
        except compiled.CatalogError as error:
            print(f"error: {error}", file=sys.stderr)
            return False
        status_data.write(self.site, self.folder)
        if self.app is None or set(recompiled) & set(INTERFACE_CATALOGS):
            self.app = self._start()
            # the page scripts and styles as set up: an extension may add one while a page
            # is written (the search page's), which Sphinx would carry into the next build
            self._assets = self._lists(self.app)
            self._saved = [list(items) for items in self._assets]
        else:
            self._forget(recompiled)
            for items, saved in zip(self._assets, self._saved, strict=True):
                items[:] = saved
        self.app.build()
        return self.app.statuscode == 0

    @staticmethod
    def _lists(app: Sphinx) -> tuple[list, ...]:
        """The scripts and styles registered (app.add_js_file) and the builder's."""
        registry, builder = app.registry, app.builder
        return (registry.js_files, registry.css_files, builder._js_files, builder._css_files)

    def _forget(self, names: Sequence[str]) -> None:
        """Drop the loaded translations of ``names``: the next read loads the new .mo."""
        folder = catalog_dir(self.catalogs, self.code)
        for name in names:
            sphinx.locale.translators.pop(("general", name), None)
            mo = os.path.abspath(folder / f"{name}.mo")
            for key in [k for k in gettext._translations if k[1] == mo]:  # type: ignore[attr-defined]
                del gettext._translations[key]  # type: ignore[attr-defined]
