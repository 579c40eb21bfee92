"""One format for every problem the project reports: ``path:LINE: message``.

The build, the catalog checks and the link report all speak it, so an editor or CI log
viewer can jump to the line whichever tool found the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Sphinx: "/abs/docs/page.md:12: WARNING: text [type.subtype]"; the line may be absent
# ("page.md: WARNING: …") and docutils adds "(ERROR/3)" in place of WARNING.
_SPHINX_LINE = re.compile(
    r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?:\s+"
    r"(?P<level>WARNING|ERROR|CRITICAL|SEVERE|\(\w+/\d\))[:\s]\s*(?P<message>.*)$"
)
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
