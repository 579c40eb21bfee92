"""The root page of the published site: ``_build/html/index.html``.

Every language is a link in its own name, so the page works without JavaScript. With it,
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
<ul class="languages" data-fallback="{fallback}" data-cookie-path="{cookie_path}">
{items}
</ul>
</main>
<script src="{script}"></script>
</body>
</html>
"""


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


def draft_label(site: Site, lang: Language) -> str:
    """The word "draft" in the language itself, from its handbook catalog (else English)."""
    path = site.locale_dir / lang.code / "LC_MESSAGES" / "handbook.po"
    if path.is_file():
        entry = polib.pofile(str(path)).find("draft")
        if entry is not None and entry.translated():
            return entry.msgstr
    return "draft"


def _item(site: Site, lang: Language) -> str:
    draft = (
        f' <span class="draft">({escape(draft_label(site, lang))})</span>'
        if not lang.is_release
        else ""
    )
    return (
        f'<li lang="{escape(lang.code)}" data-status="{escape(lang.status)}">'
        f'<a href="{escape(lang.code)}/index.html" hreflang="{escape(lang.code)}">'
        f"{escape(lang.name)}</a> — {escape(lang.title)}{draft}</li>"
    )


def write(site: Site, folder: Path, languages: Sequence[Language]) -> Path:
    path = folder / "index.html"
    atomic.write_text(path, render(site, languages, folder))
    return path
