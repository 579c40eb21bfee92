"""Sphinx's translated interface strings without ``eval``, so the site's Content-Security-Policy
(handbook/deploy/csp.py) needs no ``'unsafe-eval'``.

``_static/translations.js`` hands the catalog to Sphinx's ``Documentation.addTranslations``,
which turns the catalog's plural expression into a function with ``new Function()`` — eval.
Under the policy that call throws, so ru and et pages log an error and count with English
plural rules. ``csp_plural.js`` replaces ``addTranslations`` with one that parses the
expression instead; it loads after doctools.js (priority 200) and before translations.js (500),
whoever writes translations.js.
"""

from __future__ import annotations

from sphinx.application import Sphinx

import handbook

SCRIPT = "handbook-csp-plural.js"  # in handbook/static/


def setup(app: Sphinx) -> dict:
    app.setup_extension("handbook.sphinxext.assets")
    app.add_js_file(SCRIPT, priority=300)
    return handbook.extension_metadata()
