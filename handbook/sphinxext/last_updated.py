"""The "Last updated" date of every page, per language: git for the Russian sources, the
catalog's ``PO-Revision-Date`` for translations (handbook/sphinxext/revisions.py decides the dates).

The date shows in the page's language (Babel, as Sphinx formats its own dates) inside a
``<time datetime>``; the language sitemap reuses it as ``lastmod``. A date can change with
no change to the page's inputs that Sphinx tracks (a commit of an already built file), so
pages whose date changed are rewritten.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.dates import format_date
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

import handbook
from handbook import site
from handbook.sphinxext import revisions, state


def _revisions(app: Sphinx) -> revisions.Revisions:
    # One git call per Sphinx process, on first use.
    if getattr(state.run(app), "revisions", None) is None:
        declaration = site.load(Path(app.confdir))
        state.run(app).revisions = revisions.Revisions(
            declaration.root, declaration.docs_dir, declaration.locale_dir
        )
    return state.run(app).revisions


def page_date(app: Sphinx, docname: str) -> date | None:
    """When the page ``docname`` last changed in the language being built."""
    declaration = site.load(Path(app.confdir))
    language = app.config.language
    if language == declaration.source.code:
        return _revisions(app).source(Path(app.env.doc2path(docname)))
    po = declaration.locale_dir / language / "LC_MESSAGES" / f"{docname}.po"
    return _revisions(app).translation(po)


def _rewrite_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    current = {docname: page_date(app, docname) for docname in sorted(env.found_docs)}
    previous = getattr(env, "handbook_page_dates", {})
    env.handbook_page_dates = current
    return [d for d, when in current.items() if d in previous and previous[d] != when]


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if pagename not in app.env.found_docs:
        return
    when = page_date(app, pagename)
    if when is not None:
        context["handbook_last_updated"] = {"iso": when.isoformat(), "text": _shown(when, app)}


def _shown(when: date, app: Sphinx) -> str:
    try:
        return format_date(when, format="long", locale=app.config.language)
    except UnknownLocaleError:  # a language Babel does not know
        return when.isoformat()


def setup(app: Sphinx) -> dict:
    app.setup_extension("handbook.sphinxext.interface")  # the footer that shows it
    app.connect("env-get-updated", _rewrite_changed)
    app.connect("html-page-context", _page_context)
    return handbook.extension_metadata()
