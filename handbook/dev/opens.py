"""Every file a Python program opens for reading, written down when it ends.

``python -m handbook.dev.opens LIST MODULE ARG…`` runs ``python -m MODULE ARG…`` with an
audit hook (``sys.addaudithook``) on ``open`` and writes the absolute path of every file
opened for reading, one per line, to LIST when the program exits. The test of the
fingerprint's coverage (tests/test_fingerprint_coverage.py) runs Sphinx under it.
"""

from __future__ import annotations

import atexit
import os
import runpy
import sys

_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT


def _for_reading(mode: object, flags: object) -> bool:
    if isinstance(mode, str):
        return not any(c in mode for c in "wax+")
    return not (isinstance(flags, int) and flags & _WRITING)


def main() -> None:
    listing, module, *arguments = sys.argv[1:]
    opened: set[str] = set()

    def hook(event: str, args: tuple) -> None:
        path = args[0] if event == "open" else None
        if isinstance(path, (str, bytes, os.PathLike)) and _for_reading(args[1], args[2]):
            opened.add(os.path.abspath(os.fsdecode(path)))

    def write() -> None:
        with open(listing, "w", encoding="utf-8") as file:
            file.writelines(f"{path}\n" for path in sorted(opened))

    atexit.register(write)
    sys.addaudithook(hook)
    sys.argv = [module, *arguments]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
