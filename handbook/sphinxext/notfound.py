"""A 404 page in each language: ``<lang>/404.html``.

The web server answers a missing address with it (status 404 is the server's job), from
whatever depth the address had: ``/et/a/b/c.html`` gets the same file as ``/et/x.html``.
Relative links would then point nowhere, so once Sphinx has written the page, every
relative address in it (styles, scripts, the sidebar, the switcher, the search form,
``data-content_root``) is made absolute from the base URL's path in handbook.toml —
``/et/…``, or ``/handbook/et/…`` under a sub-path. Path-absolute rather than with the host,
so it works on any host that serves the site, including a test server on 127.0.0.1.
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from pathlib import Path

from sphinx.application import Sphinx

import handbook
from handbook import site
from handbook.sphinxext.interface import handbook_text

PAGENAME = "404"
# href="…", src="…", action="…", data-content_root="…" — Sphinx and furo always use "
_ADDRESS = re.compile(r'(\s(?:href|src|action|data-content_root)=")([^"]*)(")')
_NOT_RELATIVE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def absolutize(html: str, prefix: str) -> str:
    """Every relative address in ``html`` (a page at the language's root) made absolute
    with ``prefix`` (``/handbook/et/``); fragments, absolute paths and URLs stay."""

    def fix(match: re.Match) -> str:
        address = match[2]
        if _NOT_RELATIVE.match(address):
            return match[0]
        path, hash_, fragment = address.partition("#")
        absolute = posixpath.normpath(prefix + path) if path not in ("", ".", "./") else prefix
        if path.endswith("/") and not absolute.endswith("/"):
            absolute += "/"
        return f"{match[1]}{absolute}{hash_}{fragment}{match[3]}"

    return _ADDRESS.sub(fix, html)


def _collect(app: Sphinx):
    if app.builder.name != "html":
        return []
    title = handbook_text("Page not found")
    explanation = handbook_text(
        "There is no page at this address. It may have moved, or the address may be mistyped."
    )
    body = (
        f'<section id="page-not-found">\n<h1>{title}</h1>\n<p>{explanation}</p>\n'
        f'<p><a href="{escape(app.builder.get_target_uri(app.config.root_doc))}">'
        f"{handbook_text('Go to the start page')}</a></p>\n</section>\n"
    )
    return [(PAGENAME, {"title": title, "body": body}, "page.html")]


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if pagename != PAGENAME:
        return
    context["pageurl"] = None  # not a page of its own address: no canonical link
    context["handbook_noindex"] = True


def _absolute_addresses(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    path = Path(app.outdir) / f"{PAGENAME}.html"
    if not path.is_file():
        return
    declaration = site.load(Path(app.confdir))
    prefix = f"{declaration.base_path}{app.config.language}/"
    path.write_text(absolutize(path.read_text(encoding="utf-8"), prefix), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.setup_extension("handbook.sphinxext.interface")  # its words and template
    app.setup_extension("handbook.sphinxext.switcher")  # links the other start pages
    # the page itself, written with the other generated pages (search, genindex)
    app.connect("html-collect-pages", _collect)
    app.connect("html-page-context", _page_context)
    # absolute addresses, so that it works at any depth
    app.connect("build-finished", _absolute_addresses)
    return handbook.extension_metadata()
