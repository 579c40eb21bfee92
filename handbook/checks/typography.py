"""Typography as readers see it: each language's dash and quotation marks.

Sphinx's smartquotes (``smartquotes_action = "qDe"``) turns straight quotes into the
language's quotes, ``--`` into an en dash and ``---`` into an em dash before a page is
published, so every rule here judges the text *after* that transformation
(:func:`seen`). Code, link targets and role targets are not text a reader sees and are left
out (the text comes from :func:`handbook.checks.markup.markup`).

The rules, per language:

* the dash between words is spaced and is the language's own: Russian ``—``, Estonian
  ``–``, English ``—`` (as the English pages write it); the other dash, spaced, is wrong;
* a hyphen is not a dash: ``word - word`` is always wrong;
* quotation marks are the language's: Russian «…» („…“ inside), Estonian „…“, English “…”.

Russian is the source language: its pages in ``docs/`` are checked too
(:func:`source_problems`), reported as ``docs/page.md:LINE``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from handbook.checks.markup import markup
from handbook.checks.reading import Catalog, relative
from handbook.findings import Finding


@dataclass(frozen=True)
class Style:
    dash: str  # the dash between words, spaced
    opening: str  # opening quotation marks
    closing: str  # closing quotation marks (and the apostrophe)


EM, EN = "\u2014", "\u2013"
STYLES = {
    "ru": Style(EM, "«„", "»“’"),
    "et": Style(EN, "„‚", "“‘’"),
    "en": Style(EM, "“‘", "”’"),
}
DASH_NAMES = {EM: "em dash (—)", EN: "en dash (–)"}
QUOTES = "«»„“”‚‘’"
SPACED_DASH = re.compile(rf"(?<=\S)[ \u00a0]([{EM}{EN}])[ \u00a0](?=\S)")
HYPHEN_AS_DASH = re.compile(r"(?<=\w)[ \u00a0]-[ \u00a0](?=\w)")
QUOTE = re.compile(rf"[{QUOTES}]")
FENCE = re.compile(r"^\s*(```+|~~~+|:::+)(.*)$")
# a role ({term}`…`) stays for markup() to read; inline code counts as a word
ROLE_OR_CODE = re.compile(
    r"(?P<role>\{[^{}\s]+\})?(?P<ticks>`+)(?!`)(?P<body>.+?)(?<!`)(?P=ticks)(?!`)"
)


def visible(text: str) -> str:
    """The text of a msgstr or a source line that readers see, inline code as one word."""

    def code_as_word(match: re.Match) -> str:
        return match[0] if match["role"] else "CODE"

    return "".join(markup(ROLE_OR_CODE.sub(code_as_word, text)).text)


def seen(text: str, code: str) -> str:
    """``text`` as a reader sees it: after docutils' smartquotes for ``code``."""
    from docutils.utils.smartquotes import smartyPants

    return smartyPants(text, "qDe", code)


def problems(text: str, code: str) -> Iterator[str]:
    """What is wrong with the typography of the visible ``text`` in language ``code``."""
    style = STYLES.get(code)
    if style is None:
        return
    shown = seen(text, code)
    wrong_dashes = sorted({m[1] for m in SPACED_DASH.finditer(shown) if m[1] != style.dash})
    for dash in wrong_dashes:
        yield (
            f"typography: spaced {DASH_NAMES[dash]} — {code} writes the spaced "
            f"{DASH_NAMES[style.dash]} between words"
        )
    if HYPHEN_AS_DASH.search(shown):
        yield (
            f'typography: a hyphen used as a dash ("word - word") — write the spaced '
            f"{DASH_NAMES[style.dash]}"
        )
    wrong_quotes = []
    for match in QUOTE.finditer(shown):
        before = shown[match.start() - 1] if match.start() else " "
        opening = before.isspace() or before in "([{/" + EM + EN
        allowed = style.opening if opening else style.closing
        if match[0] not in allowed and match[0] not in wrong_quotes:
            wrong_quotes.append(match[0])
    if wrong_quotes:
        yield (
            f"typography: quotation mark {' '.join(wrong_quotes)} is not {code}'s — write "
            f'{style.opening[0]}…{style.closing[0]} (or straight "…", which smartquotes turns '
            "into them)"
        )


def catalog_problems(catalog: Catalog) -> list[Finding]:
    """Typography of every translation in ``catalog``, at its msgstr line."""
    findings = []
    for entry in catalog.po.translated_entries():
        if entry.obsolete or entry.msgid_plural or not entry.msgid:
            continue
        text = visible(entry.msgstr)
        for problem in problems(text, catalog.code):
            findings.append(catalog.finding(entry, problem))
    return findings


def source_problems(docs_dir: Path, root: Path, code: str) -> list[Finding]:
    """Typography of the source pages (``docs/**/*.md``, language ``code``), by line.

    Code fences are skipped; directive fences (```` ```{glossary} ````) hold text and are
    read."""
    findings = []
    for path in sorted(docs_dir.rglob("*.md")):
        name = relative(path, root)
        fence: str | None = None
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if opened := FENCE.match(line):
                marker, info = opened[1], opened[2].strip()
                if fence is None and not info.startswith("{") and marker[0] != ":":
                    fence = marker
                elif fence is not None and marker.startswith(fence) and not info:
                    fence = None
                continue
            if fence is not None or not line.strip():
                continue
            text = visible(line)
            for problem in problems(text, code):
                findings.append(Finding(name, number, problem))
    return findings
