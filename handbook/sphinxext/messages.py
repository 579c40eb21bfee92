"""The interface words our extensions add to pages, in the page's language.

They live in the ``handbook`` gettext domain: ``locale/<lang>/LC_MESSAGES/handbook.po``,
beside the page catalogs, so translators find every string of a language in one folder.
msgids are English, as in Sphinx's own catalogs; the source language has a catalog too.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation
from sphinx.util.i18n import CatalogInfo

import handbook
from handbook.sphinxext import state

DOMAIN = "handbook"

_ = get_translation(DOMAIN)


def _compile(app: Sphinx) -> bool:
    """Compile our catalog when its .po is newer; True when it was."""
    compiled = False
    for locale_dir in app.config.locale_dirs:
        catalog = CatalogInfo(f"{locale_dir}/{app.config.language}/LC_MESSAGES", DOMAIN, "utf-8")
        if catalog.po_path.exists() and catalog.is_outdated():
            catalog.write_mo(app.config.language)
            compiled = True
        app.add_message_catalog(DOMAIN, locale_dir)
    return compiled


def _rewrite_all_if_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    # Our words appear on pages that were not edited: a changed catalog rewrites them all.
    return sorted(env.found_docs) if state.run(app).messages_changed else []


def setup(app: Sphinx) -> dict:
    # Sphinx compiles only its own 'sphinx' domain before extensions load; ours is
    # compiled here, with Sphinx's own routine, so the very first build is translated.
    state.run(app).messages_changed = _compile(app)
    app.connect("env-get-updated", _rewrite_all_if_changed)
    return handbook.extension_metadata()
