"""When each page last changed, per language: what "Last updated" and the sitemap show.

- A source page (Russian): the date of the last git commit that touched its ``.md``.
- A translated page: its catalog's ``PO-Revision-Date`` (PO editors set it on save); while a
  catalog still has the template's placeholder, the last commit that touched the ``.po``.
- A file with uncommitted changes, or a project outside git: the file's modification date.

One ``git log`` call answers for every file, so the cost does not grow with git calls per page.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

# "PO-Revision-Date: 2026-03-14 10:05+0200"; the template's "YEAR-MO-DA HO:MI+ZONE" is no date
_PO_REVISION = re.compile(r'^"PO-Revision-Date: (\d{4})-(\d\d)-(\d\d)', re.MULTILINE)
_HEADER_END = 4096  # the header is at the top; never read a whole big catalog for it


def po_revision_date(path: Path) -> date | None:
    """The catalog's ``PO-Revision-Date``, or None while it is the template's placeholder."""
    with path.open(encoding="utf-8", errors="replace") as file:
        head = file.read(_HEADER_END)
    match = _PO_REVISION.search(head)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def git_dates(root: Path, folders: Iterable[str]) -> dict[Path, date]:
    """The date of the last commit touching each file under ``folders`` (relative to
    ``root``), for files whose working copy is committed as it is. Empty outside git."""
    folders = list(folders)
    try:
        toplevel = _git(root, "rev-parse", "--show-toplevel").strip()
        log = _git(root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", *folders)
        changed = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *folders)
    except (OSError, subprocess.CalledProcessError):
        return {}
    top = Path(toplevel)
    dirty = {(top / line[3:].split(" -> ")[-1]).resolve() for line in changed.splitlines()}
    dates: dict[Path, date] = {}
    when: date | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            when = date.fromisoformat(line[1:])
        elif line and when is not None:
            path = (top / line).resolve()
            if path not in dates and path not in dirty:  # newest commit first
                dates[path] = when
    return dates


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", *args],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout


def modified_date(path: Path) -> date:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).date()


class Revisions:
    """Dates for the pages of one project, with git asked once."""

    def __init__(self, root: Path, docs_dir: Path, locale_dir: Path) -> None:
        self.root = root
        self.docs_dir = docs_dir
        self.locale_dir = locale_dir
        folders = [str(p.relative_to(root)) for p in (docs_dir, locale_dir) if p.is_dir()]
        self._git = git_dates(root, folders)

    def _committed_or_modified(self, path: Path) -> date:
        return self._git.get(path.resolve()) or modified_date(path)

    def source(self, source_file: Path) -> date:
        return self._committed_or_modified(source_file)

    def translation(self, po_file: Path) -> date | None:
        """None when the page has no catalog (it is shown untranslated)."""
        if not po_file.is_file():
            return None
        return po_revision_date(po_file) or self._committed_or_modified(po_file)
