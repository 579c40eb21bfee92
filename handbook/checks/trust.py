"""The trust boundary: a translation may change the words of a page, nothing else.

Catalogs come from translators and translation platforms; CI builds whatever they commit.
Sphinx parses every msgstr as MyST, so a msgstr could otherwise bring what its msgid does
not have: a directive (``{include}`` of any file, ``{raw}``), a role (``{download}`` of any
file), an image or link target, a substitution (MyST renders ``{{ … }}`` with Jinja2: code),
raw HTML, or block structure (a list, a heading, a code block). Before Sphinx runs, every
translated entry is held against its msgid with MyST's own parser, and any markup the msgid
does not have — or lacks — refuses the build at the msgstr's ``.po`` line.

Allowed: the words, the visible text of roles and links, and a link's address listed in
``locale/<lang>/localized-links.txt`` (a localized page on purpose).
"""

from __future__ import annotations

from collections import Counter

from handbook.checks.markup import html_problems, markup, markup_problems, myst_parser

# Block tokens that are only the frame of ordinary text.
_PLAIN = {"paragraph_open", "paragraph_close", "inline"}


def blocks(text: str) -> Counter:
    """The block structure MyST finds in ``text``: directives with their arguments, code
    blocks, targets, comments, lists, headings, tables, quotes, math, front matter…"""
    found: Counter = Counter()
    for token in myst_parser().parse(text):
        if token.type in _PLAIN or token.type.endswith("_close"):
            continue
        if token.type in ("fence", "colon_fence"):
            found[(token.type, token.info.strip())] += 1
        elif token.type == "myst_target":  # a label: must stay as it is
            found[(token.type, token.content.strip())] += 1
        else:
            found[(token.type.removesuffix("_open"), "")] += 1
    return found


def _show(item: tuple[str, str]) -> str:
    kind, detail = item
    if kind in ("fence", "colon_fence"):
        return f"a directive or code block ({detail or 'no name'})"
    return f"block markup {kind}" + (f" ({detail[:40]})" if detail else "")


def block_problems(msgid: str, msgstr: str) -> list[str]:
    source, translation = blocks(msgid), blocks(msgstr)
    problems = [
        f"{_show(item)} is not in the msgid — a translation may change words only; if the "
        "text must start like markup (e.g. '12. märtsil'), escape it: '12\\. märtsil'"
        for item in sorted((translation - source).elements())
    ]
    problems += [
        f"{_show(item)} from the msgid is missing — keep the msgid's markup"
        for item in sorted((source - translation).elements())
    ]
    return problems


def translation_problems(
    msgid: str, msgstr: str, localized_links: dict[str, str], interface: bool = False
) -> list[str]:
    """Everything a msgstr does beyond changing words, as messages for the translator.

    ``interface``: a catalog of interface words (handbook.po, sphinx.po) that templates and
    scripts insert as they are, never parsed as MyST — raw HTML is what matters there."""
    if interface:
        return html_problems(markup(msgid), markup(msgstr))
    problems = block_problems(msgid, msgstr)
    source, translation = markup(msgid), markup(msgstr)
    problems += markup_problems(source, translation, localized_links)
    problems += html_problems(source, translation)
    return problems
