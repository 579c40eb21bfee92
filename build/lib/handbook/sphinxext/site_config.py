"""Per-language settings that conf.py cannot know: conf.py runs before ``-D language=``
is applied, so the title of the language being built is set once config is final."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from handbook import site


def _apply_language(app: Sphinx, config: Config) -> None:
    declaration = site.load(Path(app.confdir))
    lang = declaration.language(config.language)
    config.project = lang.title
    config.html_title = lang.title


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _apply_language, priority=100)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
