"""The one way the package ships static files to the HTML pages.

Each capability keeps its files in its own ``static/`` folder (``handbook/static/``,
``handbook/search/static/``). ``ship(app, folder)`` adds that folder to ``html_static_path``
at ``config-inited``: Sphinx copies it (rendering ``*.jinja`` files), and tags the links of
the CSS and JavaScript files registered with ``add_css_file``/``add_js_file`` with their
checksum (``?v=``). Doing it at ``config-inited`` means the value is the same when Sphinx
compares the configuration with the previous build's, so nothing is rebuilt for it.

This extension itself ships ``handbook/static/`` and the site's stylesheet.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

import handbook

STATIC = Path(__file__).resolve().parent.parent / "static"
STYLESHEET = "handbook.css"


def ship(app: Sphinx, folder: Path) -> None:
    """Copy ``folder``'s files into every HTML build's ``_static``."""

    def add(app: Sphinx, config: Config) -> None:
        # A new list rather than append(): the default is shared between Sphinx instances.
        if str(folder) not in config.html_static_path:
            config.html_static_path = [*config.html_static_path, str(folder)]

    app.connect("config-inited", add)


def setup(app: Sphinx) -> dict:
    ship(app, STATIC)
    app.add_css_file(STYLESHEET)
    return handbook.extension_metadata()
