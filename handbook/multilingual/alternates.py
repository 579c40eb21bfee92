"""The language versions of a page: their addresses, and links that match what is published.

Every language is built from the same sources, so each build links every page to the same
page in every declared language (``<link rel="alternate" hreflang>`` in the head, the
switcher, the language sitemap). Only publishing knows what really exists: after
``make html LANGS=ru`` with a new page, Estonian does not have it yet. ``reconcile`` then
corrects the composed tree: the switcher points to that language's start page, the head and
the sitemap drop the missing alternate, and a language that is not published at all is
hidden from the switcher. It works from the published pages alone, so it also undoes its
corrections once the missing pages appear.

The markup it corrects is written by templates/partials/handbook-switcher.html and
``head_links`` below; tests/test_switcher.py builds a partial site to hold them together.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from html import escape
from pathlib import Path

from handbook import atomic
from handbook.multilingual import sitemap
from handbook.site import Site

START = "index.html"
# Pages every language build writes besides the documents; not in sitemaps (noindex).
GENERATED = ("search.html", "genindex.html", "404.html")

_ALTERNATE = re.compile(r'<link rel="alternate" hreflang="[^"]*" href="[^"]*">\n?')
_LINK = re.compile(r'(<a class="language-link" data-lang="(?P<code>[^"]+)" href=")(?P<href>[^"]*)"')
_ITEM = re.compile(r'<li class="language-item" data-lang="(?P<code>[^"]+)"(?: hidden)?>')


def alternates(site: Site, page: str, codes: Collection[str]) -> list[tuple[str, str]]:
    """``(hreflang, address)`` of ``page`` in each language of ``codes``, and x-default:
    the root landing page for the start page (it picks the reader's language), otherwise
    the page in the fallback language, which is what a reader of any other language gets."""
    pairs = [
        (lang.code, site.url(lang.code, page)) for lang in site.languages if lang.code in codes
    ]
    if page == START:
        pairs.append(("x-default", site.base_url))
    elif site.fallback.code in codes:
        pairs.append(("x-default", site.url(site.fallback.code, page)))
    return pairs


def head_links(pairs: Iterable[tuple[str, str]]) -> str:
    return "\n".join(
        f'<link rel="alternate" hreflang="{escape(hreflang)}" href="{escape(href)}">'
        for hreflang, href in pairs
    )


def relative_href(page: str, code: str, target: str) -> str:
    """From ``<some language>/<page>`` to ``<code>/<target>``, relative, so that the site
    works under any sub-path and from the file system."""
    return "../" * (page.count("/") + 1) + f"{code}/{target}"


def published_pages(site: Site, folder: Path, code: str) -> dict:
    """Pages of a published language: from its sitemap, or (a tree built before sitemaps
    existed) from its HTML files."""
    language = folder / code
    path = language / sitemap.FILENAME
    if path.is_file():
        return sitemap.read(site, code, path)
    return {
        str(p.relative_to(language)): None
        for p in sorted(language.rglob("*.html"))
        if not p.relative_to(language).parts[0].startswith("_")
        and str(p.relative_to(language)) not in GENERATED
    }


def reconcile(site: Site, folder: Path, codes: Sequence[str]) -> list[Path]:
    """Make the languages of ``codes`` in ``folder`` link only to pages that exist there.
    Returns the files rewritten (none when every language has every page)."""
    pages = {code: published_pages(site, folder, code) for code in codes}
    rewritten = []
    for code in codes:
        # A page whose sitemap entry already lists the right languages is right as well
        # (the build writes both alike, and so does this function): only the others are
        # read, which in the usual case of a complete site is none of them.
        map_path = folder / code / sitemap.FILENAME
        recorded = sitemap.read_alternates(site, code, map_path) if map_path.is_file() else {}
        for page in [*pages[code], *GENERATED]:
            path = folder / code / page
            if not path.is_file():
                continue
            have = [
                c
                for c in codes
                if page in pages[c] or (page in GENERATED and (folder / c / page).is_file())
            ]
            wanted = frozenset(hreflang for hreflang, _ in alternates(site, page, have))
            if page in recorded and recorded[page] == wanted:
                continue
            text = path.read_text(encoding="utf-8")
            fixed = _fix_page(site, text, page, have, codes)
            if fixed != text:
                _replace(path, fixed)
                rewritten.append(path)
        if map_path.is_file():
            text = map_path.read_text(encoding="utf-8")
            fixed = sitemap.render(
                site,
                code,
                pages[code],
                lambda p: alternates(site, p, [c for c in codes if p in pages[c]]),
            )
            if fixed != text:
                _replace(map_path, fixed)
                rewritten.append(map_path)
    return rewritten


def _fix_page(
    site: Site, text: str, page: str, have: Collection[str], published: Collection[str]
) -> str:
    found = list(_ALTERNATE.finditer(text))
    if found:
        start = found[0].start()
        without = _ALTERNATE.sub("", text)
        links = head_links(alternates(site, page, have)) + "\n"
        text = without[:start] + links + without[start:]

    def link(match: re.Match) -> str:
        code, href = match["code"], match["href"]
        same, start = relative_href(page, code, page), relative_href(page, code, START)
        path, hash_, fragment = href.partition("#")
        if path not in (same, start):
            return match[0]  # not a same-page link (the 404 page links start pages by path)
        wanted = same if code in have else start
        return f'{match[1]}{wanted}{hash_}{fragment}"'

    def item(match: re.Match) -> str:
        hidden = "" if match["code"] in published else " hidden"
        return f'<li class="language-item" data-lang="{match["code"]}"{hidden}>'

    return _ITEM.sub(item, _LINK.sub(link, text))


def _replace(path: Path, text: str) -> None:
    """Write a new file in place of ``path``: the old one may be a hard link to the live
    site, which must not change."""
    atomic.write_text(path, text)
