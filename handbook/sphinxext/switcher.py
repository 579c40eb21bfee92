"""The same page in every language: the switcher, hreflang alternates and the language's
sitemap.

- The switcher (templates/partials/handbook-switcher.html) links the same page in every
  other language, relative to the page, so the site works under any sub-path; on the 404
  page it links the other languages' start pages. static/language.js remembers the choice in
  the ``handbook_lang`` cookie (the production server honours it) and keeps the #fragment,
  which exists in every language because headings carry explicit labels.
- ``<link rel="alternate" hreflang>`` for every language and x-default in each page's head
  (the canonical link, with the language's folder, is site_config's ``html_baseurl``).
- ``<lang>/sitemap.xml``: every page with its "Last updated" date and its alternates.

A build assumes every language has every page (they share the sources); publishing corrects
that against what is really published (handbook/multilingual/alternates.py).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

import handbook
from handbook import atomic, site
from handbook.multilingual import alternates, sitemap
from handbook.sphinxext.last_updated import page_date

COOKIE = "handbook_lang"  # also read by static/language.js and the nginx configuration
NOT_FOUND = "404"  # handbook/sphinxext/notfound.py


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    declaration = site.load(Path(app.confdir))
    page = app.builder.get_target_uri(pagename)
    target = alternates.START if pagename == NOT_FOUND else page
    context["handbook_languages"] = [
        {
            "code": lang.code,
            "name": lang.name,
            "current": lang.code == app.config.language,
            "draft": not lang.is_release,
            "href": alternates.relative_href(page, lang.code, target),
        }
        for lang in declaration.languages
    ]
    context["handbook_cookie_path"] = declaration.base_path
    if pagename == "genindex":
        # The term index repeats the glossary's headwords as links: a page for readers,
        # not for search engines, like the search page. Marked noindex rather than given
        # alternates; the glossary is the indexable page, with its alternates.
        context["handbook_noindex"] = True
    if pagename in app.env.found_docs:
        pairs = alternates.alternates(declaration, page, declaration.codes)
        context["handbook_alternates"] = alternates.head_links(pairs)


def _write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    declaration = site.load(Path(app.confdir))
    pages = {
        app.builder.get_target_uri(docname): page_date(app, docname)
        for docname in app.env.found_docs
    }
    text = sitemap.render(
        declaration,
        app.config.language,
        pages,
        lambda page: alternates.alternates(declaration, page, declaration.codes),
    )
    path = Path(app.outdir) / sitemap.FILENAME
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        atomic.write_text(path, text)  # unchanged: keep the file, and its hard link


def setup(app: Sphinx) -> dict:
    app.setup_extension("handbook.sphinxext.interface")  # the templates that show it
    app.setup_extension("handbook.sphinxext.last_updated")  # the sitemap's dates
    # remembers the reader's choice (handbook_lang cookie) and keeps the #fragment
    app.add_js_file("language.js")
    # the switcher's links and the hreflang alternates of every page
    app.connect("html-page-context", _page_context)
    # <lang>/sitemap.xml, from every document, on every build
    app.connect("build-finished", _write_sitemap)
    return handbook.extension_metadata()
