"""The "Download: PDF · EPUB" links, put into the published pages only where the files are.

``make html`` makes no PDF, so its pages must not link one. The templates leave a marker
(``<!-- handbook:offline -->`` in every page's footer, ``<!-- handbook:offline-start -->`` on
the start page) and publishing fills it from what the composed tree really holds: links
when ``<lang>/<slug>.pdf`` and ``.epub`` are there, nothing otherwise. It works from the
published files alone, like alternates.reconcile, so it also undoes itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from pathlib import Path

from handbook import atomic
from handbook.offline import names, words
from handbook.site import Site

_SLOT = re.compile(
    r"(?P<marker><!-- handbook:offline(?P<start>-start)? -->)"
    r'(?:<(?P<tag>div|p) class="offline-copies[^"]*">.*?</(?P=tag)>)?',
    re.DOTALL,
)
NOT_FOUND = "404.html"  # served at any address: its links are absolute (notfound.py)


def files(site: Site, code: str) -> tuple[str, str]:
    lang = site.language(code)
    return names.pdf_name(lang), names.epub_name(lang)


def markup(site: Site, code: str, page: str, start: bool) -> str:
    """The links as ``page`` (relative to the language's folder) shows them."""
    _ = words.translator(site, code)
    prefix = f"{site.base_path}{code}/" if page == NOT_FOUND else "../" * page.count("/")
    pdf, epub = files(site, code)
    tag, extra = ("p", " offline-copies-start") if start else ("div", "")
    return (
        f'<{tag} class="offline-copies{extra}">{escape(_("Download"))}: '
        f'<a href="{escape(prefix + pdf)}" type="application/pdf">{escape(_("PDF"))}</a> · '
        f'<a href="{escape(prefix + epub)}" type="application/epub+zip">{escape(_("EPUB"))}</a>'
        f"</{tag}>"
    )


def reconcile(site: Site, folder: Path, codes: Sequence[str]) -> list[Path]:
    """Fill or empty the markers of ``codes``' pages in ``folder``; the files rewritten."""
    rewritten = []
    for code in codes:
        language = folder / code
        present = all((language / name).is_file() for name in files(site, code))
        for path in sorted(language.rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            if "<!-- handbook:offline" not in text:
                continue
            page = path.relative_to(language).as_posix()
            fixed = _SLOT.sub(
                lambda m, page=page, code=code, present=present: (
                    m["marker"] + (markup(site, code, page, bool(m["start"])) if present else "")
                ),
                text,
            )
            if fixed != text:
                # a new file, not an edit: the old one may be a hard link to the live site
                atomic.write_text(path, fixed)
                rewritten.append(path)
    return rewritten
