"""The offline copies' side of a Sphinx build (listed in conf.py's extensions).

- Every HTML page gets ``handbook-print.css`` (media print): printing a page gives the
  article only, with the targets of external links.
- The epub builder gets the handbook's settings: the file name from the same slug as the
  PDF, a stable identifier (the language's address), no index (the glossary is the index),
  no meta pages (status, translators: about making the handbook, not for reading on the
  go; links to them lead to the website), only the static files a book page uses, and a
  version (EPUB 3 wants one) from SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import os
import posixpath
import time
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config

import handbook
from handbook import site
from handbook.offline import names
from handbook.sphinxext import assets

STATIC = Path(__file__).resolve().parent / "static"
PRINT_STYLESHEET = "handbook-print.css"
# Pages about making the handbook; the EPUB leaves them out (the PDF keeps every page).
META_PAGES = ("translation-status", "translators")
# What HTML pages need and a book does not: search, the root page, the switcher, icons.
_WEB_ONLY_STATIC = (
    "_static/favicon.svg",
    "_static/handbook-csp-plural.js",
    "_static/handbook-search.js",
    "_static/landing.css",
    "_static/language.js",
    "_static/language_data.js",
    "_static/translations.js",
    "_static/documentation_options.js",
    "_static/minus.png",
    "_static/plus.png",
)


def _epub_settings(app: Sphinx, config: Config) -> None:
    declaration = site.load(Path(app.confdir))
    lang = declaration.language(config.language)
    config.epub_basename = names.epub_name(lang).removesuffix(".epub")
    # One name for both: epubcheck wants the NCX's uid to equal the OPF's identifier, and
    # Sphinx uses the uid as an XML id (no "/" or ":", so not the language's address).
    config.epub_uid = config.epub_identifier = f"{config.epub_basename}-{lang.code}"
    config.epub_publisher = declaration.base_url
    config.epub_use_index = False
    config.epub_exclude_files = [
        *config.epub_exclude_files,
        *(f"{page}.xhtml" for page in META_PAGES),
        *_WEB_ONLY_STATIC,
    ]


def _epub_version(app: Sphinx) -> None:
    # Before Sphinx's check that warns about an empty version (-W: an error); the HTML
    # builds keep theirs empty, and so their configuration unchanged.
    if app.builder.name == "epub" and not app.config.version:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0)
        app.config.version = time.strftime("%Y-%m-%d", time.gmtime(epoch))


def _meta_links_to_website(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the EPUB, a link to a left-out page leads to that page on the website."""
    if app.builder.name != "epub":
        return
    for toctree in doctree.findall(addnodes.toctree):  # resolved after this event
        toctree["entries"] = [e for e in toctree["entries"] if e[1] not in META_PAGES]
        toctree["includefiles"] = [f for f in toctree["includefiles"] if f not in META_PAGES]
    declaration = site.load(Path(app.confdir))
    for reference in doctree.findall(nodes.reference):
        uri = reference.get("refuri", "")
        path, _hash, fragment = uri.partition("#")
        if not path or "://" in path:
            continue
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
        target = resolved.removesuffix(app.builder.out_suffix)
        if target not in META_PAGES:
            continue
        address = declaration.url(app.config.language, f"{target}.html")
        reference["refuri"] = address + (f"#{fragment}" if fragment else "")
        reference["internal"] = False
        reference["classes"] = [c for c in reference["classes"] if c != "internal"]
        reference["classes"].append("external")


def setup(app: Sphinx) -> dict:
    assets.ship(app, STATIC)
    app.add_css_file(PRINT_STYLESHEET, media="print")
    app.connect("config-inited", _epub_settings)
    app.connect("builder-inited", _epub_version, priority=100)
    app.connect("doctree-resolved", _meta_links_to_website)
    return handbook.extension_metadata()
