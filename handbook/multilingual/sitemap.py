"""Sitemaps with hreflang alternates (sitemaps.org protocol, Google's ``xhtml:link``).

Each language's build writes ``<lang>/sitemap.xml``: its pages, their "Last updated" date
and the same page in every language. Publishing writes ``sitemap.xml`` at the root, an index
of the language sitemaps, after correcting the alternates to the pages really published
(``handbook.multilingual.alternates``). Every address derives from the base URL in handbook.toml.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from html import escape as _escape  # &, <, >, quotes: right for XML too
from pathlib import Path

from handbook import atomic
from handbook.site import Site

FILENAME = "sitemap.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def render(
    site: Site,
    code: str,
    pages: Mapping[str, date | None],
    alternates_of: Callable[[str], Iterable[tuple[str, str]]],
) -> str:
    """The sitemap of language ``code``: ``pages`` maps ``principles/humanity.html`` to its
    last update; ``alternates_of(page)`` gives its ``(hreflang, address)`` pairs."""
    lines = [
        _XML_HEAD.rstrip(),
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for page in sorted(pages):
        lines.append("  <url>")
        lines.append(f"    <loc>{_escape(site.url(code, page))}</loc>")
        if pages[page] is not None:
            lines.append(f"    <lastmod>{pages[page].isoformat()}</lastmod>")
        for hreflang, href in alternates_of(page):
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang="{_escape(hreflang)}" '
                f'href="{_escape(href)}"/>'
            )
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def read(site: Site, code: str, path: Path) -> dict[str, date | None]:
    """Page -> last update, from a language sitemap written by ``render``."""
    prefix = site.url(code)
    pages: dict[str, date | None] = {}
    for url in ET.parse(path).getroot().iterfind(f"{{{SITEMAP_NS}}}url"):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", "")
        if not loc.startswith(prefix):
            continue  # not this site's page (a changed base URL): rebuilt next time
        lastmod = url.findtext(f"{{{SITEMAP_NS}}}lastmod")
        pages[loc[len(prefix) :]] = date.fromisoformat(lastmod) if lastmod else None
    return pages


def read_alternates(site: Site, code: str, path: Path) -> dict[str, frozenset[str]]:
    """Page -> the hreflang values its sitemap entry lists (x-default included)."""
    prefix = site.url(code)
    found = {}
    for url in ET.parse(path).getroot().iterfind(f"{{{SITEMAP_NS}}}url"):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", "")
        if loc.startswith(prefix):
            found[loc[len(prefix) :]] = frozenset(
                link.get("hreflang", "") for link in url.iterfind(f"{{{XHTML_NS}}}link")
            )
    return found


def render_index(site: Site, codes: Iterable[str]) -> str:
    """The root ``sitemap.xml``: the language sitemaps."""
    lines = [_XML_HEAD.rstrip(), f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for code in codes:
        lines.append(f"  <sitemap><loc>{_escape(site.url(code, FILENAME))}</loc></sitemap>")
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def write_index(site: Site, folder: Path, codes: Iterable[str]) -> Path | None:
    """``folder/sitemap.xml`` over the language sitemaps that exist in ``folder``."""
    present = [code for code in codes if (folder / code / FILENAME).is_file()]
    if not present:
        return None
    path = folder / FILENAME
    atomic.write_text(path, render_index(site, present))
    return path
