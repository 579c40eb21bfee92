"""One language's PDF: WeasyPrint over the book (book.py) with the book stylesheet.

Run as its own process (``python -m handbook.offline.pdf``) so that the languages' PDFs are
made in parallel, as their Sphinx runs are: WeasyPrint is pure Python and would share one
interpreter lock in threads. The same inputs give the same bytes: the PDF's dates are the
edition (SOURCE_DATE_EPOCH), and the fonts are fixed files (system.FONTS).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from handbook import atomic, site
from handbook.offline import book, system, words
from handbook.sphinxext import assets

STYLESHEET = Path(__file__).resolve().parent / "book.css"
# the handbook's own styles for what its extensions add (story cards, notices)
PAGE_STYLESHEETS = (assets.STATIC / "handbook.css", assets.STATIC / "handbook-reading.css")


def edition(environment: dict | None = None) -> str:
    """The book's date: SOURCE_DATE_EPOCH's day (build.py sets it from the commit)."""
    epoch = int((environment or os.environ).get("SOURCE_DATE_EPOCH") or 0)
    return time.strftime("%Y-%m-%d", time.gmtime(epoch))


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def book_stylesheet(title: str) -> str:
    """The fonts as files (every machine embeds the same ones) and the running title."""
    faces = "\n".join(
        f"@font-face {{ font-family: {css_string(family)}; font-weight: {weight}; "
        f"font-style: {style}; src: url({path.as_uri()}); }}"
        for (family, weight, style), path in system.FONTS.items()
    )
    return f"{faces}\n@page {{ @top-left {{ content: {css_string(title)}; }} }}\n"


def render(declaration: site.Site, code: str, language_dir: Path, target: Path) -> None:
    """Write the PDF of ``code``, made from its built pages in ``language_dir``."""
    from weasyprint import CSS, HTML  # loads pango: only when a PDF is made

    lang = declaration.language(code)
    document = book.compose(
        declaration, code, language_dir, words.translator(declaration, code), edition()
    )
    stylesheets = [CSS(filename=str(path)) for path in (*PAGE_STYLESHEETS, STYLESHEET)] + [
        CSS(string=book_stylesheet(lang.title))
    ]
    pdf = HTML(string=document, base_url=str(language_dir) + "/").write_pdf(stylesheets=stylesheets)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(target, pdf)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the PDF of one language's built pages")
    parser.add_argument("code")
    parser.add_argument("language_dir", type=Path)
    parser.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    render(site.load(), args.code, args.language_dir.resolve(), args.target.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
