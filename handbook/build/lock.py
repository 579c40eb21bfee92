"""One build per build folder at a time.

Two ``make html`` in the same build folder would write the same working folders, compose
the same staging tree and exchange it with the same published one. An advisory ``flock``
on ``<folder>/build.lock`` lets the second one wait, saying so once. The kernel drops the
lock when the last descriptor of it closes — the build is killed, whatever the signal —
and the Sphinx processes of a build inherit the descriptor, so a build whose parent was
killed still holds the folder until its last Sphinx process has exited.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK = "build.lock"


class Busy(RuntimeError):
    """Another process holds the folder and the caller would not wait."""


@contextlib.contextmanager
def held(
    folder: Path, say: Callable[[str], None] = lambda _: None, wait: bool = True
) -> Iterator[int]:
    """Hold ``folder``'s lock for the ``with`` block; yields the descriptor (to pass on
    to child processes). Waits for another holder, or raises Busy when ``wait`` is False."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(descriptor)
            if not wait:
                raise Busy(f"{folder} is in use by another build{holder}") from None
            say(f"waiting for the other build in {folder}{holder} to finish …")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        # who holds it, for the next one's message; not worth failing a build over
        with contextlib.suppress(OSError):
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield descriptor
    finally:
        os.close(descriptor)


def _holder(descriptor: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        return f" (pid {int(os.pread(descriptor, 32, 0))})"
    return ""
