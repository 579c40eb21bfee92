"""The interface words our extensions add to pages, in the page's language.

They live in the ``handbook`` gettext domain: ``locale/<lang>/LC_MESSAGES/handbook.po``,
beside the page catalogs, so translators find every string of a language in one folder.
msgids are English, as in Sphinx's own catalogs; the source language has a catalog too.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util.i18n import CatalogInfo

DOMAIN = "handbook"

_ = get_translation(DOMAIN)


def setup(app: Sphinx) -> dict:
    # Sphinx compiles only its own 'sphinx' domain before extensions load; ours is
    # compiled here, with Sphinx's own routine, so the very first build is translated.
    for locale_dir in app.config.locale_dirs:
        lc_messages = f"{locale_dir}/{app.config.language}/LC_MESSAGES"
        catalog = CatalogInfo(lc_messages, DOMAIN, "utf-8")
        if catalog.po_path.exists() and catalog.is_outdated():
            catalog.write_mo(app.config.language)
        app.add_message_catalog(DOMAIN, locale_dir)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
