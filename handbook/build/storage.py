"""A build folder that cannot be written — full, read-only, not ours — is a fault the user
can fix, not a bug: one line naming the path and what to do, never a traceback."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

# errno -> what the user can do about it
REMEDIES = {
    errno.ENOSPC: "free some space on that disk, or build elsewhere with BUILDDIR=…",
    errno.EDQUOT: "free some space within your disk quota, or build elsewhere with BUILDDIR=…",
    errno.EROFS: "the file system is read-only: build elsewhere with BUILDDIR=…",
    errno.EACCES: "make it writable for you, or build elsewhere with BUILDDIR=…",
    errno.EPERM: "make it writable for you, or build elsewhere with BUILDDIR=…",
}
# what Sphinx prints when it could not write: "[Errno 28] No space left on device: '/x'"
_SPHINX_ERROR = re.compile(r"\[Errno (?P<number>\d+)\] [^\n]*?(?:: '(?P<path>[^'\n]+)')?$", re.M)


class BuildFolderError(RuntimeError):
    """The build folder cannot take what the build writes; the message says what to do."""


def explain(error: OSError, fallback: Path) -> BuildFolderError | None:
    """The one-line error for a storage fault, None for any other OSError (a bug)."""
    if error.errno not in REMEDIES:
        return None
    path = error.filename or fallback
    reason = error.strerror or "cannot write"
    return BuildFolderError(f"{path}: {reason} — {REMEDIES[error.errno]}, then build again")


def in_sphinx_output(output: str, fallback: Path) -> str | None:
    """The same line for a storage fault that stopped a Sphinx process, if it was one."""
    for match in _SPHINX_ERROR.finditer(output):
        number = int(match["number"])
        if number in REMEDIES:
            error = OSError(number, os.strerror(number), match["path"])
            explained = explain(error, fallback)
            return str(explained) if explained else None
    return None
