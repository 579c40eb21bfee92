"""``make live LANGS=et``: a live preview of one language with sphinx-autobuild.

The browser reloads when a Russian source in docs/ or a catalog in locale/ changes. Before
every rebuild the catalogs are validated (``python -m handbook validate``), so that a broken
.po shows ``file:LINE`` instead of a page with translations silently missing, and compiled
into the preview's own ``<builddir>/live/locale`` (handbook/build/compiled.py): nothing is
written into locale/, which ``make html`` reads at the same time. (.mo files in locale/ —
older versions wrote them there — are still ignored: a watcher seeing them would loop.)
One preview per language and build folder runs at a time (handbook/build/lock.py).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from handbook.build import compiled, lock
from handbook.site import Site

IGNORED = (
    r"\.mo$",  # compiled catalogs older versions let Sphinx write into locale/
    r"\.po~$|\.swp$|/\.#",  # editors' backup and lock files
)


def command(site: Site, code: str, builddir: Path, host: str, port: int) -> list[str]:
    """The sphinx-autobuild command line for language ``code``."""
    catalogs = compiled.folder(builddir / "live")
    validate = [sys.executable, "-m", "handbook", "validate", "--langs", code]
    validate += ["--compile-into", str(catalogs)]
    ignored = [arg for pattern in IGNORED for arg in ("--re-ignore", pattern)]
    return [
        sys.executable, "-m", "sphinx_autobuild",
        "-b", "html", "-n", "--keep-going",
        "-c", str(site.root), "-D", f"language={code}",
        "-D", f"locale_dirs={catalogs}",
        "-d", str(builddir / "live" / "doctrees" / code),
        "--watch", str(site.locale_dir), *ignored,
        "--pre-build", shlex.join(validate),
        "--host", host, "--port", str(port),
        str(site.docs_dir), str(builddir / "live" / code),
    ]  # fmt: skip


def run(site: Site, code: str, builddir: Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Serve the preview until interrupted; its own folder keeps ``make html``'s intact."""
    env = {**os.environ}
    env.pop("LANGUAGE", None)  # gettext would read it instead of the language we build
    try:
        with lock.held(builddir / "live" / "doctrees" / code, wait=False):
            return subprocess.run(
                command(site, code, builddir, host, port), cwd=site.root, env=env
            ).returncode
    except lock.Busy as busy:
        print(f"error: {busy}: another `make live LANGS={code}` is running", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
