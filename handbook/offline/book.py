"""One HTML book of a language, made of its built web pages (``_build/work/<lang>/``): a
title page, a table of contents, then every page in table-of-contents order, each with its
translation notice and its article — exactly what the web page shows, localized figures
and interface words included.

Every page becomes a ``<section id="page-…">``; its ids get that prefix, so that links
between pages ({doc}, {ref}, glossary terms) become links inside the book. Links to files
that are not pages of the book (the index, another language) lead to the website.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html as lxml_html

from handbook.site import Site

START = "index.html"
SVG_STYLESHEET = Path(__file__).resolve().parent / "book-svg.css"
# lxml's HTML parser lower-cases attribute names; SVG's camel-case ones must be restored
_SVG_ATTRIBUTES = {"viewbox": "viewBox", "preserveaspectratio": "preserveAspectRatio"}
_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_LINKING = (("a", "href"),)
_LOADING = (("img", "src"), ("object", "data"), ("image", "href"), ("source", "src"))


@dataclass(frozen=True)
class Page:
    path: str  # relative to the language's folder: guides/handover.html
    level: int  # 0 for the start page, 1 for the sections below it, …
    title: str


def page_id(path: str) -> str:
    return "page-" + re.sub(r"[^A-Za-z0-9_-]", "_", path.removesuffix(".html"))


def contents(language_dir: Path) -> list[Page]:
    """The pages in table-of-contents order: the start page, then furo's navigation tree as
    the start page shows it (the whole toctree, titles only)."""
    tree = lxml_html.parse(str(language_dir / START))
    title = tree.find(".//article//h1")
    pages = [Page(START, 0, _text(title))]
    for link in tree.xpath('//div[@class="sidebar-tree"]//a[contains(@class, "reference")]'):
        href = link.get("href", "")
        if _SCHEME.match(href) or "#" in href:
            continue
        level = len(link.xpath("ancestor::ul"))
        pages.append(Page(posixpath.normpath(href), level, _text(link)))
    return pages


def _text(element) -> str:
    if element is None:
        return ""
    for link in element.xpath('.//a[@class="headerlink"]'):
        link.drop_tree()
    return " ".join(element.text_content().split())


class _Linker:
    """Rewrites the addresses of one language's pages for the book."""

    def __init__(self, site: Site, code: str, language_dir: Path, pages: list[Page]) -> None:
        self.site, self.code, self.language_dir = site, code, language_dir
        self.pages = {page.path for page in pages}
        self.ids: set[str] = set()
        self.internal: list = []  # (element, attribute, page id, fragment): checked at the end

    def element_ids(self, page: str, root) -> None:
        prefix = page_id(page)
        for element in root.xpath(".//*[@id]"):
            element.set("id", f"{prefix}--{element.get('id')}")
            self.ids.add(element.get("id"))

    def link(self, page: str, element, attribute: str) -> None:
        href = element.get(attribute, "")
        if not href or _SCHEME.match(href):
            if href.startswith(("http://", "https://")) and _text(element) != href:
                element.set("class", (element.get("class", "") + " show-target").strip())
            return
        path, _hash, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
        if target in self.pages:
            element.set(attribute, "#" + page_id(target))
            self.internal.append((element, attribute, page_id(target), fragment))
            return
        # not in the book: the same file on the website (an index, another language)
        address = posixpath.normpath(posixpath.join(self.code, target))
        element.set(attribute, self.site.base_url + address + (f"#{fragment}" if fragment else ""))

    def load(self, page: str, element, attribute: str) -> None:
        src = element.get(attribute, "")
        if src and not _SCHEME.match(src) and not src.startswith("#"):
            file = (self.language_dir / posixpath.dirname(page) / urlsplit(src).path).resolve()
            element.set(attribute, file.as_uri())

    def check_fragments(self) -> None:
        """A fragment the book has no id for (the article's own id) leads to the page."""
        for element, attribute, target, fragment in self.internal:
            wanted = f"{target}--{fragment}"
            element.set(attribute, "#" + (wanted if fragment and wanted in self.ids else target))


def _page_parts(linker: _Linker, page: Page) -> list:
    tree = lxml_html.parse(str(linker.language_dir / page.path))
    article = tree.find('.//article[@id="furo-main-content"]')
    if article is None:
        raise ValueError(f"{linker.language_dir / page.path}: no <article> in the page")
    parts = [*tree.xpath('//aside[contains(@class, "translation-notice")]'), article]
    for part in parts:
        for headerlink in part.xpath('.//a[@class="headerlink"]'):
            headerlink.drop_tree()
        linker.element_ids(page.path, part)
        for tag, attribute in _LINKING:
            for element in part.iter(tag):
                linker.link(page.path, element, attribute)
        for tag, attribute in _LOADING:
            for element in part.iter(tag):
                linker.load(page.path, element, attribute)
        for svg in part.iter("svg"):
            _inline_svg(svg)
    article.tag, article.attrib["class"] = "div", "book-article"
    for name in ("role", "id"):
        article.attrib.pop(name, None)
    return parts


def _inline_svg(svg) -> None:
    for lower, proper in _SVG_ATTRIBUTES.items():
        if lower in svg.attrib:
            svg.set(proper, svg.attrib.pop(lower))
    style = svg.makeelement("style", {})
    # without comments: inside <svg> the HTML parser reads a <style>'s text as markup
    style.text = re.sub(r"/\*.*?\*/", "", SVG_STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    svg.insert(0, style)


def _section(page: Page, parts: list) -> str:
    body = "".join(lxml_html.tostring(part, encoding="unicode") for part in parts)
    return (
        f'<section class="book-page level-{page.level}" id="{page_id(page.path)}">\n'
        f"{body}\n</section>"
    )


def compose(
    site: Site, code: str, language_dir: Path, _: Callable[[str], str], edition: str
) -> str:
    """The book of language ``code`` as one HTML document (its stylesheets come apart)."""
    lang = site.language(code)
    pages = contents(language_dir)
    linker = _Linker(site, code, language_dir, pages)
    parts = [_page_parts(linker, page) for page in pages]
    linker.check_fragments()  # once every page's ids are known
    sections = [_section(page, part) for page, part in zip(pages, parts, strict=True)]
    toc = "\n".join(
        f'<li class="level-{page.level}"><a href="#{page_id(page.path)}">'
        f"{escape(page.title)}</a></li>"
        for page in pages
    )
    title = escape(lang.title)
    return f"""<!DOCTYPE html>
<html lang="{escape(code)}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="author" content="{escape(_("The customer service team"))}">
<meta name="dcterms.created" content="{escape(edition)}">
<meta name="dcterms.modified" content="{escape(edition)}">
</head>
<body>
<section class="book-title">
<p class="book-title-name">{title}</p>
<p class="book-title-team">{escape(_("The customer service team"))}</p>
<p class="book-title-edition"><time datetime="{escape(edition)}">{escape(edition)}</time></p>
<p class="book-title-address">{escape(site.url(code))}</p>
</section>
<nav class="book-contents">
<p class="book-contents-title">{escape(_("Contents"))}</p>
<ul>
{toc}
</ul>
</nav>
{chr(10).join(sections)}
</body>
</html>
"""
