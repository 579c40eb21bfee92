"""The one canonical form of a catalog: what ``make update-po`` writes, what ``make po-format``
restores and what ``make check`` asks for. design/catalog-form.md explains the choices.

The form is polib's own serialisation at width 79 (``str(POFile)``), after three
normalisations: no obsolete (``#~``) entries, previous-source (``#|``) lines only on fuzzy
entries, flags sorted. polib fixes the header order (gettext's, then the other fields
alphabetically) and keeps everything else a translator may write (translator comments,
``#| msgctxt``, plural forms). Files are UTF-8 without a BOM, with LF line endings.

Babel is not the writer: its reader drops ``#|`` lines and its writer breaks a long
``#| msgid`` in the middle of a quoted string; it also re-derives the header and the
python-format flag from its own rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import polib

from handbook.findings import Finding
from handbook.patches import pins

WIDTH = 79  # fixed wrapping: the same text always gives the same bytes
BOM = "\ufeff"


class NotACatalog(ValueError):
    """The text is not a valid catalog; ``findings`` say where (``path:LINE``)."""

    def __init__(self, findings: list[Finding]):
        super().__init__("\n".join(str(f) for f in findings))
        self.findings = findings


def parse(data: bytes, name: str) -> polib.POFile:
    """A catalog's bytes read with full fidelity, or ``NotACatalog``.

    The strict lexer runs first: polib reads some broken files silently (an unclosed
    string, a duplicate msgid) and would drop what it could not read.
    """
    from handbook.checks.po_syntax import syntax  # here: handbook.checks imports this module

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise NotACatalog([Finding(name, line, "not UTF-8 — save the file as UTF-8")]) from None
    text = text.removeprefix(BOM).replace("\r\n", "\n")
    if problems := syntax(name, text):
        raise NotACatalog(problems)
    try:
        catalog = polib.pofile(text, wrapwidth=WIDTH)
    except (OSError, ValueError) as exc:  # what the lexer let through and polib refuses
        raise NotACatalog([Finding(name, None, f"syntax: {exc}")]) from None
    catalog.wrapwidth = WIDTH
    return catalog


def normalise(catalog: polib.POFile) -> int:
    """Bring ``catalog``'s content to the canonical form in place; returns how many
    obsolete entries were dropped (update-po drops them too: their page text is gone)."""
    obsolete = [entry for entry in catalog if entry.obsolete]
    for entry in obsolete:
        catalog.remove(entry)
    for entry in catalog:
        if not entry.fuzzy:  # an accepted translation needs no "what changed" any more
            entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
        entry.flags = sorted(set(entry.flags))
    catalog.wrapwidth = WIDTH
    return len(obsolete)


def render(catalog: polib.POFile) -> bytes:
    """The canonical bytes of an already normalised catalog."""
    pins.require(__name__)  # polib's layout is the form: another polib, another form
    catalog.wrapwidth = WIDTH
    text = str(catalog)
    if not catalog.header:  # polib writes a lone "#" for a catalog without a header comment
        text = text.removeprefix("#\n")
    return text.encode("utf-8")


def content(catalog: polib.POFile) -> list[tuple]:
    """What a catalog says, independent of its layout: the header fields and every
    entry's identity, translations, flags, comments and previous source. Wrapping a
    comment differently is layout, so comments are compared word by word."""

    def words(text: str | None) -> str:
        return " ".join((text or "").split())

    header = sorted((key, value.strip()) for key, value in catalog.metadata.items())
    entries = [
        (
            entry.msgctxt,
            entry.msgid,
            entry.msgid_plural,
            entry.msgstr,
            sorted(entry.msgstr_plural.items()),
            sorted(set(entry.flags)),
            words(entry.tcomment),
            words(entry.comment),
            [tuple(o) for o in entry.occurrences],
            entry.previous_msgctxt,
            entry.previous_msgid,
            entry.previous_msgid_plural,
        )
        for entry in catalog
        if not entry.obsolete
    ]
    return [("header", header, bool(catalog.metadata_is_fuzzy)), *entries]


@dataclass(frozen=True)
class Formatted:
    data: bytes  # the canonical bytes
    dropped_obsolete: int


def formatted(data: bytes, name: str) -> Formatted:
    """``data`` in the canonical form. Raises ``NotACatalog`` for a broken catalog, and
    for one whose canonical text would read differently (see ``checked_render``)."""
    catalog = parse(data, name)
    dropped = normalise(catalog)
    return Formatted(checked_render(catalog, name), dropped)


def checked_render(catalog: polib.POFile, name: str) -> bytes:
    """``render``, then read back and compared with ``catalog``: a difference (a bug, or
    a polib corner case) raises ``NotACatalog`` — a writer must never be the one that
    loses a translation."""
    data = render(catalog)
    if content(parse(data, name)) != content(catalog):
        raise NotACatalog(
            [Finding(name, 1, "cannot be written in the canonical form without changing it")]
        )
    return data


def needs_formatting(data: bytes, name: str) -> bool:
    """Whether ``data`` differs from its canonical form. False for a broken catalog: the
    syntax check names that one, and the formatter refuses it."""
    try:
        return formatted(data, name).data != data
    except NotACatalog:
        return False
