"""The root page of the published site: ``_build/html/index.html``, the front door.

The handbook's name in every language is the page's one heading; under it every language is
a button in its own name with one line, in that language, on what the handbook is. It
looks like the site (furo's fonts and colours, the favicon, landing.css) and works without
JavaScript. With it,
``_static/language.js`` (shipped in every language's ``_static``) goes straight to the
reader's language: the one chosen before with the switcher (the ``handbook_lang`` cookie),
else the browser's preference among the finished languages, else the fallback language
(English). It only follows the links below; nothing from the address is used.
No inline script or style: both are files, so a strict Content-Security-Policy holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from html import escape
from pathlib import Path

import polib

from handbook import atomic
from handbook.multilingual.alternates import START, alternates, head_links
from handbook.site import Language, Site

SCRIPT = "language.js"
STYLESHEET = "landing.css"

PAGE = """<!DOCTYPE html>
<html lang="{source}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{titles}</title>
<link rel="icon" href="{icon}">
<link rel="stylesheet" href="{stylesheet}">
{alternates}
</head>
<body>
<main>
<header class="masthead">
<img class="logo" src="{icon}" alt="" width="48" height="48">
<h1>{headings}</h1>
</header>
<ul class="languages" data-fallback="{fallback}" data-cookie-path="{cookie_path}">
{items}
</ul>
</main>
<script src="{script}"></script>
</body>
</html>
"""
# What the handbook is, one line in each language's handbook.po (kept by hand).
ABOUT = (
    "Principles of the service team, colleagues' stories behind them, programmes and tools, "
    "and step-by-step practice guides."
)


def render(site: Site, languages: Sequence[Language], folder: Path | None = None) -> str:
    """The page for the published ``languages``; ``folder`` (the published tree) versions
    the asset addresses with their content, as Sphinx does with ``?v=``."""
    items = "\n".join(_item(site, lang) for lang in languages)
    codes = {lang.code for lang in languages}
    pairs = alternates(site, START, codes)  # the start pages', x-default: this page
    fallback = site.fallback.code if site.fallback.code in codes else languages[0].code
    assets = f"{languages[0].code}/_static/"
    return PAGE.format(
        source=escape(site.source.code),
        icon=escape(f"{assets}favicon.svg"),
        stylesheet=escape(_versioned(folder, assets + STYLESHEET)),
        script=escape(_versioned(folder, assets + SCRIPT)),
        titles=" · ".join(escape(lang.title) for lang in languages),
        headings="\n".join(
            f'<span lang="{escape(lang.code)}">{escape(lang.title)}</span>' for lang in languages
        ),
        alternates=head_links(pairs),
        fallback=escape(fallback),
        cookie_path=escape(site.base_path),
        items=items,
    )


def _versioned(folder: Path | None, address: str) -> str:
    path = folder / address if folder else None
    if path is None or not path.is_file():
        return address
    return f"{address}?v={hashlib.sha256(path.read_bytes()).hexdigest()[:8]}"


def _catalog_text(site: Site, lang: Language, message: str) -> str:
    """``message`` in the language itself, from its handbook catalog (else English)."""
    path = site.locale_dir / lang.code / "LC_MESSAGES" / "handbook.po"
    if path.is_file():
        entry = polib.pofile(str(path)).find(message)
        if entry is not None and entry.translated() and not entry.fuzzy:
            return entry.msgstr
    return message


def draft_label(site: Site, lang: Language) -> str:
    """The word "draft" in the language itself, from its handbook catalog (else English)."""
    return _catalog_text(site, lang, "draft")


def _item(site: Site, lang: Language) -> str:
    """A language: its name as the button, what the handbook is in one line of it."""
    draft = (
        f' <span class="draft">({escape(draft_label(site, lang))})</span>'
        if not lang.is_release
        else ""
    )
    return (
        f'<li lang="{escape(lang.code)}" data-status="{escape(lang.status)}">'
        f'<a href="{escape(lang.code)}/index.html" hreflang="{escape(lang.code)}" '
        f'class="language-button">{escape(lang.name)}</a>{draft}'
        f'<p class="about">{escape(_catalog_text(site, lang, ABOUT))}</p></li>'
    )


def write(site: Site, folder: Path, languages: Sequence[Language]) -> Path:
    path = folder / "index.html"
    atomic.write_text(path, render(site, languages, folder))
    return path
