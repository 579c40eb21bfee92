"""A Content-Security-Policy for the built site, with hashes computed from its pages.

furo writes an inline ``<script>`` (the colour theme), an inline ``<style>`` block and
``style="…"`` attributes on every page, and a figure with a width adds another attribute.
Rather than allow ``'unsafe-inline'``, the policy lists the SHA-256 of every inline script,
style block and style attribute found in the built pages, so it follows the theme and the
content whenever they change, and anything injected into a page later does not run.

What a hash cannot allow is reported as a finding (``path:LINE: message``): inline event
handlers (``onclick="…"``) and ``javascript:`` URLs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from handbook.findings import Finding, relative

# Stylesheets that draw images from data: URLs (furo's external-link icon) need img-src data:.
_DATA_URL_IN_CSS = re.compile(r"""url\(\s*["']?data:""", re.IGNORECASE)
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href")


def sha256_source(text: str) -> str:
    """The CSP hash source of ``text`` as the browser computes it (UTF-8 bytes, after the
    HTML parser has turned CRLF and lone CR into LF)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class InlineCode:
    """The hash sources a set of pages needs, and what no hash can allow."""

    scripts: set[str] = field(default_factory=set)
    style_blocks: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)
    data_images: bool = False
    findings: list[Finding] = field(default_factory=list)


class _PageScanner(HTMLParser):
    """Collects the inline code of one page. Script and style contents arrive raw (the
    parser does not decode entities inside them); attribute values arrive decoded — the
    same texts the browser hashes."""

    def __init__(self, code: InlineCode, path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.code = code
        self.path = path
        self._open: tuple[str, list[str]] | None = None  # inline <script> or <style> being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self._report(line, f"<{tag} {name}=…>: an inline event handler")
            elif name == "style" and value is not None:
                self.code.style_attributes.add(sha256_source(value))
            elif name in _URL_ATTRIBUTES and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self._report(line, f'<{tag} {name}="javascript:…">: a javascript: URL')
        if tag == "style" or (tag == "script" and values.get("src") is None):
            self._open = (tag, [])

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is None or self._open[0] != tag:
            return
        text = "".join(self._open[1])
        target = self.code.scripts if tag == "script" else self.code.style_blocks
        target.add(sha256_source(text))
        self._open = None

    def _report(self, line: int, what: str) -> None:
        self.code.findings.append(
            Finding(
                self.path,
                line,
                f"{what}, which a Content-Security-Policy without 'unsafe-inline' blocks; "
                "attach it from a script file instead",
            )
        )


def scan(html_root: Path, project_root: Path | None = None) -> InlineCode:
    """Every inline script, style block and style attribute under ``html_root``."""
    code = InlineCode()
    shown_root = project_root or html_root
    for page in sorted(html_root.rglob("*.html")):
        scanner = _PageScanner(code, relative(page, shown_root))
        scanner.feed(page.read_text(encoding="utf-8"))
        scanner.close()
    code.data_images = any(
        _DATA_URL_IN_CSS.search(sheet.read_text(encoding="utf-8", errors="replace"))
        for sheet in html_root.rglob("*.css")
    )
    code.findings.sort()
    return code


def policy(code: InlineCode) -> str:
    """The header value: the site itself, plus exactly the inline code its pages carry."""
    scripts = " ".join(sorted(code.scripts))
    blocks = " ".join(sorted(code.style_blocks))
    attributes = " ".join(sorted(code.style_attributes))
    directives = [
        "default-src 'self'",
        f"script-src 'self' {scripts}".rstrip(),
        # style-src is what browsers without -elem/-attr support (before 2022) fall back to.
        f"style-src 'self' 'unsafe-hashes' {blocks} {attributes}".rstrip(),
        f"style-src-elem 'self' {blocks}".rstrip(),
        f"style-src-attr 'unsafe-hashes' {attributes}".rstrip()
        if attributes
        else "style-src-attr 'none'",
        "img-src 'self' data:" if code.data_images else "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)
