"""Honest about translation: what a translated page shows in Russian, it says so.

Sphinx shows the original text wherever a message has no usable translation (empty, or
fuzzy: the Russian changed since it was translated) and marks those nodes
``translated = False``; ``translation_progress_classes = "untranslated"`` (conf.py) gives
them the ``untranslated`` class. On top of that, this extension:

- gives each such passage ``lang="ru"`` (a ``language-ru`` class, which docutils writes as
  the attribute), so screen readers pronounce it as Russian, and ``outdated`` when its
  catalog entry is fuzzy; static/handbook-reading.css styles them quietly;
- corrects Sphinx's count where it is wrong: a translation identical to the original
  (a name, a number) is translated, not missing;
- treats a page without any catalog as wholly untranslated;
- puts a notice at the top of a page that is not fully translated, in the page's
  language: how much of it is translated, and a link to the Russian original.

The percentage is of the page's passages as the reader gets them (Sphinx's own count, the
one ``|translation progress|`` shows), so a paragraph the catalog lacks counts too. Catalog
entries are classified by ``handbook.catalogs.stats.entry_state``, as ``make stats`` does.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import polib
from babel.core import UnknownLocaleError
from babel.numbers import format_percent
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import NodeMatcher, extract_messages

import handbook
from handbook import site
from handbook.catalogs.stats import entry_state
from handbook.multilingual import alternates
from handbook.patches import pins
from handbook.sphinxext import state

PROGRESS = "handbook_translation"  # env attribute: per page, how much of it is translated

FALLBACK = "untranslated"  # Sphinx's class (translation_progress_classes)
OUTDATED = "outdated"


def _catalog_states(path: Path) -> dict[str, str] | None:
    """msgid -> "translated" / "fuzzy" / "untranslated"; None when there is no catalog."""
    if not path.is_file():
        return None
    return {
        entry.msgid: entry_state(entry) for entry in polib.pofile(str(path)) if not entry.obsolete
    }


class MarkFallbacks(SphinxTransform):
    """Mark the passages a translated page shows in the original language."""

    default_priority = 26  # after Sphinx's Locale (20) and its progress count (25)

    def apply(self, **kwargs: Any) -> None:
        from sphinx.builders.gettext import MessageCatalogBuilder

        builder = self.env._builder_cls  # private: see handbook/patches/pins.py
        if issubclass(builder, MessageCatalogBuilder):
            return
        declaration = site.load(Path(self.env.srcdir))
        language = self.config.language
        if language == declaration.source.code:
            return
        docname = self.env.docname
        states = _catalog_states(
            declaration.locale_dir / language / "LC_MESSAGES" / f"{docname}.po"
        )
        marks = [f"language-{declaration.source.code}"]  # docutils writes lang="ru"
        for node, message in extract_messages(self.document):
            if isinstance(node, (nodes.image, nodes.meta)):
                continue  # images below; meta is not shown
            if states is None:
                node["translated"] = False  # no catalog: Sphinx did not even look
            if node.get("translated", True):
                continue
            state = (states or {}).get(message)
            if state == "translated":  # the translation is the original, e.g. a name
                node["translated"] = True
                continue
            node["classes"] = [*node["classes"], *marks, *([OUTDATED] if state == "fuzzy" else [])]
        # An image's "translated" flag tells about its file name, not its alt text (Sphinx
        # swaps the file through figure_language_filename): the alt text decides.
        for image in self.document.findall(nodes.image):
            alt = image.get("alt")
            state = None if not alt else "untranslated" if states is None else states.get(alt)
            if "translated" in image or state is not None:
                image["translated"] = state in (None, "translated")
            if state in ("untranslated", "fuzzy"):
                image["classes"] = [*image["classes"], *marks]


def _remember(app: Sphinx, doctree: nodes.document) -> None:
    # Counted once the document is final: front matter fields, translatable but removed
    # from the page (Sphinx's metadata collector), do not count.
    if app.config.language == site.load(Path(app.confdir)).source.code:
        return
    shown = [
        node
        for node in NodeMatcher(nodes.Element, translated=Any).findall(doctree)
        if not isinstance(node, nodes.meta)
    ]
    env = app.env
    state.pages(env, PROGRESS)[env.docname] = {
        "total": len(shown),
        "translated": sum(1 for node in shown if node["translated"]),
        "outdated": sum(1 for node in shown if OUTDATED in node["classes"]),
    }


def percent_shown(translated: int, total: int, language: str) -> str:
    """Rounded down, in the language's own way ("85 %", "85%"): an incomplete page never
    says 100."""
    share = math.floor(100 * translated / total) / 100 if total else 1.0
    if translated < total:
        share = min(share, 0.99)
    try:
        return format_percent(share, locale=language)
    except UnknownLocaleError:
        return f"{round(share * 100)} %"


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    progress = state.pages(app.env, PROGRESS).get(pagename)
    if not progress or progress["translated"] >= progress["total"]:
        return
    declaration = site.load(Path(app.confdir))
    source = declaration.source
    page = app.builder.get_target_uri(pagename)
    context["handbook_notice"] = {
        "percent": percent_shown(progress["translated"], progress["total"], app.config.language),
        "outdated": progress["outdated"] > 0,
        "original_href": alternates.relative_href(page, source.code, page),
        "original_code": source.code,
        "original_name": source.name,
    }


def setup(app: Sphinx) -> dict:
    app.setup_extension("handbook.sphinxext.interface")  # the template that shows the notice
    pins.require(__name__)  # MarkFallbacks reads env._builder_cls
    # lang="ru" and the outdated mark on fallback passages; Sphinx's count corrected
    app.add_transform(MarkFallbacks)
    # the count of each page, kept for the notice (parallel-safe)
    app.connect("doctree-read", _remember, priority=900)  # after Sphinx's collectors
    state.track_pages(app, PROGRESS)
    # the notice at the top of a page that is not fully translated
    app.connect("html-page-context", _page_context)
    return handbook.extension_metadata()
