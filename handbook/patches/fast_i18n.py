"""Translated pages read without rebuilding docutils' default settings for every message.

Sphinx parses each translated message (msgstr) as a little document of its own, and MyST's
renderer creates a throwaway document for each — ``options.get("document",
make_document())`` evaluates ``make_document()`` even when a document is given — whose
default settings docutils assembles from ~70 command-line option definitions every time.
With 5,000 messages in a 300-page language that is about 40 % of its build's CPU time.

The defaults never change within a process, so they are assembled once per parser class
and each caller gets its own deep copy (0.04 ms instead of 0.85 ms). Pages come out byte
for byte the same (the benchmark compares every page with a stock build). Written for
MyST-Parser's 5.2 internals: another version stops the build (handbook/patches/pins.py).
"""

from __future__ import annotations

import copy
import functools

from myst_parser.mdit_to_docutils import base
from sphinx.application import Sphinx

import handbook
from handbook.patches import pins

_STOCK = base.get_default_settings


@functools.cache
def _defaults(*components):
    return _STOCK(*components)


def default_settings(*components):
    """What docutils.frontend.get_default_settings returns, assembled once."""
    return copy.deepcopy(_defaults(*components))


def _apply(app: Sphinx) -> None:
    wanted = app.config.handbook_fast_i18n
    if wanted:
        pins.require(__name__)  # another MyST: stop, never a silent fallback
    # per application: a stock build in the same process gets the stock function back
    base.get_default_settings = default_settings if wanted else _STOCK


def setup(app: Sphinx) -> dict:
    # off: MyST's own behaviour (the benchmark's baseline)
    app.add_config_value("handbook_fast_i18n", True, "", types=[bool])
    app.connect("builder-inited", _apply)
    return handbook.extension_metadata()
