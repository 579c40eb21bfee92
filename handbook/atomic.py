"""Files the project writes for its users are written atomically: a temporary file in the same
folder, flushed to disk, then renamed over the target. Killed at any moment (Ctrl-C, SIGKILL,
a full disk), the target is either as it was or as it should be — never empty, never half.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def replace(path: Path, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on a clean exit it replaces ``path``."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, mode, encoding=encoding) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, path.stat().st_mode & 0o777)  # keep the target's mode
        if not path.exists():
            os.chmod(temporary, 0o644)  # mkstemp's 0600 is wrong for a published file
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(error, OSError) and not error.filename:
            error.filename = str(path)  # a failed write or fsync does not say what it wrote
        raise


def write_bytes(path: Path, data: bytes) -> None:
    with replace(path, "wb") as stream:
        stream.write(data)


def write_text(path: Path, text: str) -> None:
    with replace(path, "w", encoding="utf-8") as stream:
        stream.write(text)
