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
    errno.EACCES: "give yourself access to it, or build elsewhere with BUILDDIR=…",
    errno.EPERM: "give yourself access to it, or build elsewhere with BUILDDIR=…",
}
# What Sphinx prints when it could not write: its warning "error writing file /x: [Errno
# 28] …", or the last line of its crash report "[Errno 28] No space left on device: '/src'
# -> '/x'" (the target last, as shutil gives it).
_SPHINX_ERROR = re.compile(
    r"(?:error writing file (?P<written>\S+): )?\[Errno (?P<number>\d+)\] [^\n]*?"
    r"(?:: '(?P<path>[^'\n]+)'(?: -> '(?P<target>[^'\n]+)')?)?$",
    re.M,
)


class BuildFolderError(RuntimeError):
    """The build folder cannot take what the build writes; the message says what to do."""


def explain(error: OSError, fallback: Path) -> BuildFolderError | None:
    """The one-line error for a storage fault, None for any other OSError (a bug)."""
    if error.errno not in REMEDIES:
        return None
    path = error.filename2 or error.filename or fallback  # shutil: filename2 is the target
    reason = error.strerror or "cannot write"
    return BuildFolderError(f"{path}: {reason} — {REMEDIES[error.errno]}, then build again")


def in_sphinx_output(output: str, fallback: Path) -> str | None:
    """The same line for a storage fault that stopped a Sphinx process, if it was one."""
    for match in _SPHINX_ERROR.finditer(output):
        number = int(match["number"])
        if number in REMEDIES:
            path = match["written"] or match["target"] or match["path"]
            error = OSError(number, os.strerror(number), path)
            explained = explain(error, fallback)
            return str(explained) if explained else None
    return None
