"""One format for every problem the project reports: ``path:LINE: message``.

The build, the catalog checks and the link report all speak it, so an editor or CI log
viewer can jump to the line whichever tool found the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib

# Sphinx: "/abs/docs/page.md:12: WARNING: text [type.subtype]"; the line may be absent
# ("page.md: WARNING: …"), docutils adds "(ERROR/3)" in place of WARNING, a problem inside a
# translated message is "page.md:12:<translated>:1: …", and a stage's progress may stand in
# front on the same line ("checking consistency... page.md: WARNING: …").
_SPHINX_LINE = re.compile(
    r"^(?:[a-z][a-z ]+\.\.\. (?:done )?)?"
    r"(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?(?P<translated>:<translated>:\d+)?:\s+"
    r"(?P<level>WARNING|ERROR|CRITICAL|SEVERE|\(\w+/\d\))[:\s]\s*(?P<message>.*)$"
)
_MARKUP_START = re.compile(r"^\s*(?:#+|[-*+>]|\d+[.)])\s+")  # heading, list item, quote
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def relative(path: str | Path, root: Path) -> str:
    """``path`` relative to the project root when it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(root))
    except ValueError:
        return str(path)


def in_catalog(finding: Finding, docs_dir: Path, catalog_dir: Path, root: Path) -> Finding:
    """A finding at a line of a Russian source, moved to the ``.po`` line of the translation
    the reader of this language saw there — the line a translator must fix. Unchanged when
    the paragraph has no translated entry (then the source itself is at fault)."""
    source = root / finding.path
    if finding.line is None or source.suffix != ".md" or not source.is_relative_to(docs_dir):
        return finding
    po_path = catalog_dir / source.relative_to(docs_dir).with_suffix(".po")
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
        catalog = polib.pofile(str(po_path))
    except (OSError, ValueError):
        return finding
    paragraph = []
    for text in lines[finding.line - 1 :]:
        if not text.strip():
            break
        paragraph.append(_MARKUP_START.sub("", text).strip())
    wanted = " ".join(" ".join(paragraph).split())[:60]
    if not wanted:
        return finding
    for entry in catalog.translated_entries():
        if " ".join(entry.msgid.split()).startswith(wanted):
            po_lines = po_path.read_text(encoding="utf-8").splitlines()
            line = next(
                (n for n in range(entry.linenum, len(po_lines) + 1)
                 if po_lines[n - 1].startswith("msgstr")),
                entry.linenum,
            )  # fmt: skip
            return Finding(
                relative(po_path, root),
                line,
                f"{finding.message} (translation of {finding.path}:{finding.line})",
            )
    return finding


def parse_sphinx_output(text: str, root: Path) -> list[Finding]:
    """The warnings and errors Sphinx printed, as findings relative to ``root``.

    Lines that name no file (e.g. "WARNING: html_static_path entry … does not exist")
    are kept too, with the configuration file as their place.
    """
    findings = []
    for raw in text.splitlines():
        line = _ANSI.sub("", raw).strip()
        match = _SPHINX_LINE.match(line)
        if match:
            path = relative(match["path"], root)
            number = int(match["line"]) if match["line"] else None
            findings.append(Finding(path, number, match["message"]))
        elif line.startswith(("WARNING:", "ERROR:")):
            findings.append(Finding("conf.py", None, line.split(":", 1)[1].strip()))
    return findings
