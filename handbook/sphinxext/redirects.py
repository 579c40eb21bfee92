"""A redirect page at every old address of a moved page, in the page's language.

The list is ``[redirects]`` in handbook.toml (``make move-page`` adds to it). Each old
address gets a page of the handbook's own template: the new page's title and the language,
a heading that says the page has moved, a link to it, a canonical link to the new address,
``noindex``, and a ``<meta http-equiv="refresh">`` — no inline script, so the
Content-Security-Policy holds. The sitemaps list documents only, so only the new address.

Why not sphinx-reredirects (1.1.0): its page is a ``string.Template`` with one variable,
``${to_uri}`` — no title, no language, no translated words — and its default carries an
inline script. Sphinx's own ``html-collect-pages`` renders the page with the site's template
in the language being built, like the search and 404 pages.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

import handbook
from handbook import site
from handbook.multilingual import redirects
from handbook.sphinxext.interface import handbook_text

logger = logging.getLogger(__name__)


def _check(app: Sphinx) -> None:
    # An error naming handbook.toml:LINE; the project builds with -W, so the build fails.
    declaration = site.load(Path(app.confdir))
    for finding in redirects.problems(declaration):
        path = declaration.root / finding.path
        logger.error(finding.message, location=f"{path}:{finding.line or 0}")


def _collect(app: Sphinx):
    if app.builder.format != "html":
        return
    declaration = site.load(Path(app.confdir))
    for old, new in declaration.redirects:
        if new not in app.env.found_docs or old in app.env.found_docs:
            continue  # reported by _check
        title = app.env.titles[new].astext()
        href = app.builder.get_relative_uri(old, new)
        link = f'<a href="{escape(href)}">{escape(title)}</a>'
        body = (
            f'<section id="page-moved">\n<h1>{handbook_text("This page has moved")}</h1>\n'
            f"<p>{handbook_text('It is now here: %(link)s', link=link)}</p>\n</section>\n"
        )
        context = {
            "title": title,
            "body": body,
            "handbook_redirect": href,
            "handbook_noindex": True,
            "handbook_canonical": declaration.url(
                app.config.language, app.builder.get_target_uri(new)
            ),
        }
        yield old, context, "page.html"


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if context.get("handbook_redirect"):
        context["pageurl"] = context["handbook_canonical"]  # the new address is canonical


def setup(app: Sphinx) -> dict:
    app.setup_extension("handbook.sphinxext.interface")  # its words and template
    app.connect("builder-inited", _check)
    app.connect("html-collect-pages", _collect)
    app.connect("html-page-context", _page_context)
    return handbook.extension_metadata()
