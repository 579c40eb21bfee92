"""Per-language settings that conf.py cannot know: conf.py runs before ``-D language=``
is applied, so the title and the author of the language being built are set once the
configuration is final (``config-inited``), the same way on every run."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

import handbook
from handbook import site
from handbook.sphinxext.messages import _


def _apply_language(app: Sphinx, config: Config) -> None:
    declaration = site.load(Path(app.confdir))
    lang = declaration.language(config.language)
    config.project = lang.title
    config.html_title = lang.title
    config.author = _("The customer service team")
    config.copyright = f"{config.copyright}, {config.author}"
    # Each language is published under <base_url><code>/: canonical links must say so
    # (found by the built-site link crawl, handbook/links/crawl.py).
    config.html_baseurl = declaration.url(lang.code)


def setup(app: Sphinx) -> dict:
    app.setup_extension("handbook.sphinxext.messages")  # author's name in the page's language
    app.connect("config-inited", _apply_language, priority=100)
    return handbook.extension_metadata()
