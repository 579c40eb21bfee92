"""A page whose catalog was deleted is read again — untranslated, as a clean build reads it.

Sphinx re-reads a page when its ``.mo`` is newer than the page's last reading, but it keeps
that dependency only for pages it did not read in that run, and a deleted ``.mo`` leaves
nothing to compare: the page stayed translated from its old doctree until a clean build.
So each reading notes whether the page had a catalog, and a page whose catalog came or went
since is outdated. (The build removes a deleted ``.po``'s ``.mo`` from its own compiled copy
of the catalogs, handbook/build/compiled.py.)
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.i18n import docname_to_domain

import handbook
from handbook.sphinxext import state

CATALOGUED = "handbook_catalogued"  # env attribute: page -> it had a catalog when read


def _has_catalog(app: Sphinx, docname: str) -> bool:
    domain = docname_to_domain(docname, app.config.gettext_compact)
    return any(
        Path(app.srcdir, folder, app.config.language, "LC_MESSAGES", f"{domain}.mo").is_file()
        for folder in app.config.locale_dirs
    )


def _note(app: Sphinx, docname: str, source: list[str]) -> None:
    state.pages(app.env, CATALOGUED)[docname] = _has_catalog(app, docname)


def _changed(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    if not getattr(app.builder, "use_message_catalog", False):
        return []
    noted = state.pages(env, CATALOGUED)
    return sorted(
        docname
        for docname, had in noted.items()
        if docname in env.found_docs
        and docname not in removed
        and had != _has_catalog(app, docname)
    )


def setup(app: Sphinx) -> dict:
    app.connect("source-read", _note)
    app.connect("env-get-outdated", _changed)
    state.track_pages(app, CATALOGUED)
    return handbook.extension_metadata()
