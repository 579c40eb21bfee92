"""PO syntax, checked by a strict lexer of our own: polib, Babel and so Sphinx read some
broken files silently (an unclosed string, a duplicate msgid) and build pages with
translations missing."""

from __future__ import annotations

import re

from handbook.findings import Finding

# -- syntax ------------------------------------------------------------------------------

_KEYWORD = re.compile(
    r"^(?P<key>msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?:\s+(?P<s>.*?))?\s*$"
)
_ESCAPE = re.compile(r'\\(?:[ntrabfv"\\?\']|[0-7]{1,3}|x[0-9a-fA-F]+)')


def _string_problem(literal: str | None) -> str | None:
    """What is wrong with a PO string literal, or None when it is a valid C string."""
    if not literal:
        return 'the text is missing — write it in double quotes, e.g. msgstr ""'
    if not literal.startswith('"'):
        return "the text must be in double quotes"
    body, closed = literal[1:], False
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            escape = _ESCAPE.match(body, index)
            if not escape:
                return (
                    f"unknown escape \\{body[index + 1 : index + 2]} — write \\\\ for a backslash"
                )
            index = escape.end()
            continue
        if char == '"':
            closed = True
            if body[index + 1 :].strip():
                return 'a double quote inside the text must be written \\"'
            break
        index += 1
    if not closed:
        return "the string is not closed — end the line with a double quote"
    return None


def syntax(name: str, text: str) -> list[Finding]:
    """PO syntax as GNU gettext defines it, checked line by line.

    polib and Babel both accept some broken files silently (an unclosed string, a
    duplicate msgid) and build pages with translations missing; this refuses them.
    """
    problems: list[Finding] = []
    state = "start"  # the last keyword seen: start, msgctxt, msgid, msgid_plural, msgstr
    entry_line, context, msgid = 0, "", [""]
    seen: dict[tuple[str, str], int] = {}

    def unfinished() -> None:
        if state in ("msgctxt", "msgid", "msgid_plural"):
            problems.append(
                Finding(name, entry_line, "msgid without msgstr — add a msgstr line after it")
            )

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):  # comments, flags and obsolete (#~) entries
            continue
        if line.startswith('"'):  # a string continuing the one above
            if state == "start":
                problems.append(Finding(name, number, "syntax: a string with no msgid above it"))
            elif problem := _string_problem(line):
                problems.append(Finding(name, number, f"syntax: {problem}"))
            elif state == "msgid":
                msgid.append(line)
            continue
        match = _KEYWORD.match(line)
        if not match:
            problems.append(
                Finding(
                    name,
                    number,
                    "syntax: not a PO line — each line is a comment (#…), a keyword "
                    "(msgid, msgstr…) with a quoted string, or a quoted string continuing "
                    "the one above",
                )
            )
            continue
        key, literal = match["key"], match["s"] or ""
        if problem := _string_problem(literal):
            problems.append(Finding(name, number, f"syntax: {problem}"))
        if key == "msgctxt" or (key == "msgid" and state != "msgctxt"):
            unfinished()
            context = ""
        if key == "msgctxt":
            entry_line, context = number, literal
        elif key == "msgid":
            entry_line, msgid = number, [literal]
        elif key == "msgid_plural":
            if state != "msgid":
                problems.append(Finding(name, number, "syntax: msgid_plural must follow a msgid"))
        elif state in ("msgid", "msgid_plural"):  # the first msgstr of an entry
            identity = (context, "".join(msgid))
            if identity in seen:
                problems.append(
                    Finding(
                        name,
                        entry_line,
                        f"duplicate msgid (first at line {seen[identity]}) — keep one entry",
                    )
                )
            seen.setdefault(identity, entry_line)
        elif state != "msgstr":
            problems.append(Finding(name, number, "syntax: msgstr without a msgid above it"))
        state = "msgstr" if key.startswith("msgstr") else key
    unfinished()
    return problems
