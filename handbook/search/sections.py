"""The text of every section of the built pages, for the search page's snippets.

Sphinx's search page fetches each result's whole page to cut a snippet from it: 30 pages
found, 30 downloads, and a list that fills in over seconds. The build already has the
text, so it writes it once per language, split by section, into
``_static/handbook-sections.js``:

    HandbookSections = {"guides/handover": [["", "How to hand …", "A conversation …"],
                                            ["guide-handover-when", "When to …", "…"]]}

(anchor — "" for the text before the first sub-heading —, heading, text). The search page
loads it after the index and shows every result at once, opened at the section that holds
most of the query's words, with the snippet from that section. It is read from the built
HTML (each page's ``<article>``), the text a reader sees, so it is plain text and is put
into the page as text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from lxml import html as lxml_html

FILENAME = "handbook-sections.js"
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def page_sections(markup: str) -> list[list[str]]:
    """[[anchor, heading, text], …] of one built page's article, in reading order."""
    tree = lxml_html.fromstring(markup)
    articles = tree.xpath("//article")
    if not articles:
        return []
    found: list[list[str]] = []
    for section in articles[0].iter("section"):
        heading, texts = "", []
        for child in section:
            if child.tag == "section":
                continue
            if child.tag in _HEADINGS and not heading:
                for link in child.xpath(".//a[contains(@class, 'headerlink')]"):
                    link.drop_tree()
                heading = " ".join(child.text_content().split())
                continue
            texts.append(child.text_content())
        text = " ".join(" ".join(texts).split())
        anchor = "" if not found else section.get("id", "")
        if text or heading:
            found.append([anchor, heading, text])
    return found


def write(outdir: Path, docnames: Iterable[str], suffix: str = ".html") -> Path:
    """Write ``_static/handbook-sections.js`` for the built pages ``docnames``."""
    data = {}
    for docname in sorted(docnames):
        page = outdir / f"{docname}{suffix}"
        if page.is_file():
            sections = page_sections(page.read_text(encoding="utf-8"))
            if sections:
                data[docname] = sections
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    target = outdir / "_static" / FILENAME
    target.write_text(f"var HandbookSections = {text};\n", encoding="utf-8")
    return target
