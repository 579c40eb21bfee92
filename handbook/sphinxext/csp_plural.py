"""Sphinx's translated interface strings without ``eval``, so the site's Content-Security-Policy
(handbook/csp.py) needs no ``'unsafe-eval'``.

``_static/translations.js`` hands the catalog to Sphinx's ``Documentation.addTranslations``,
which turns the catalog's plural expression into a function with ``new Function()`` — eval.
Under the policy that call throws, so ru and et pages log an error and count with English
plural rules. ``csp_plural.js`` replaces ``addTranslations`` with one that parses the
expression instead; it loads after doctools.js (priority 200) and before translations.js (500),
whoever writes translations.js.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file

SCRIPT = Path(__file__).with_suffix(".js")
PUBLISHED = "handbook-csp-plural.js"


def _add_script(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    # Copied before the pages are written, so Sphinx tags its links with the checksum (?v=).
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    copy_asset_file(SCRIPT, static / PUBLISHED, force=True)
    app.add_js_file(PUBLISHED, priority=300)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _add_script)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
