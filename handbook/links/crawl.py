"""The built site's own links, offline (in ``make test`` and ``python -m handbook linkcheck
--built-site``): :func:`crawl` reads every HTML file of a built site — every language and the
root page — and checks that each local ``href``/``src`` resolves to a file and each
``#anchor`` to an ``id`` in it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from handbook.findings import Finding, relative

# -- Internal links of the built site ---------------------------------------------------------
# Not the `linkchecker` package (PyPI, 10.6.0), although it was tried first: on the whole
# handbook it took 44 s where this takes well under one, reports a broken link only at the first
# page that has it, treats a missing #anchor as a warning (and checks anchors only with an
# [AnchorCheck] config section), and as root it drops to `nobody`, which cannot read pytest's
# 0700 temporary folders. What we need is small: resolve each local href/src of every page.

# Attributes that point at something: <a href>, <link href>, <use href>, <img src>, <script src>,
# <source src>, <form action>, <object data>, <video poster>.
_POINTERS = ("href", "src", "action", "data", "poster", "xlink:href")
_ELSEWHERE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # scheme or other host


def crawl(html_root: Path, base_url: str = "") -> list[Finding]:
    """Every local link of every HTML file under ``html_root`` that does not resolve.

    Links to ``base_url`` (the published site: hreflang alternates, canonical links) count
    as local; links to other hosts are the external link check's business.
    """
    html_root = html_root.resolve()
    anchors = _Anchors()
    findings = []
    for page in sorted(html_root.rglob("*.html")):
        tree = _parse(page)
        if tree is None:
            findings.append(Finding(relative(page, html_root), None, "empty, not an HTML page"))
            continue
        for line, value in _pointers(tree):
            problem = _resolve(html_root, page, value.strip(), base_url, anchors)
            if problem:
                findings.append(Finding(relative(page, html_root), line, problem))
    return findings


def _parse(page: Path) -> etree._ElementTree | None:
    tree = lxml_html.parse(str(page))
    return tree if tree.getroot() is not None else None


def _pointers(tree: etree._ElementTree) -> Iterator[tuple[int, str]]:
    for element in tree.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        for name in _POINTERS:
            if value := element.get(name):
                yield element.sourceline, value
        for candidate in (element.get("srcset") or "").split(","):  # "url 2x, url 3x"
            if candidate.strip():
                yield element.sourceline, candidate.split()[0]


def _resolve(root: Path, page: Path, value: str, base_url: str, anchors: _Anchors) -> str | None:
    """What is wrong with the link ``value`` on ``page``; None when it resolves."""
    base_path = urlsplit(base_url).path or "/"
    from_top = value.startswith("/") and not value.startswith("//")  # "/en/…" (404 pages)
    if base_url and value.startswith(base_url):
        in_site = value[len(base_url) :]  # hreflang alternates, canonical links
    elif from_top and value.startswith(base_path):
        in_site = value[len(base_path) :]
    elif from_top:
        return f"link {value} leads outside the site (its pages are under {base_path})"
    elif _ELSEWHERE.match(value):
        return None  # another host or a scheme like mailto: — not ours to check offline
    else:
        in_site = None
    if in_site is not None:  # from the top of the published site, whatever the page
        parts = urlsplit(in_site)
        target = root / unquote(parts.path)
    else:
        parts = urlsplit(value)
        # "#anchor" and "?query" alone point at this very page
        target = page.parent / unquote(parts.path) if parts.path else page
    target = Path(os.path.normpath(target))
    if target != root and root not in target.parents:
        return f"link {value} leads outside the site"
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"broken link {value}: {relative(target, root)} does not exist"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in anchors.of(target):
        return f"broken link {value}: no id {fragment!r} in {relative(target, root)}"
    return None


class _Anchors:
    """The ids (and <a name>s) of each page, read once however many links point at it."""

    def __init__(self) -> None:
        self._seen: dict[Path, frozenset[str]] = {}

    def of(self, page: Path) -> frozenset[str]:
        if page not in self._seen:
            tree = _parse(page)
            ids = tree.xpath("//@id") + tree.xpath("//a/@name") if tree is not None else []
            self._seen[page] = frozenset(ids)
        return self._seen[page]
