"""A real browser for tests: Debian's Chromium driven by Playwright, and a static HTTP
server on 127.0.0.1. Never ``playwright install`` — it downloads a browser, and only the
package registries are reachable; the test setup installs Debian's package instead."""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google's hosts,
# which this closed network refuses, many at a time.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def ensure_chromium() -> Path:
    """Debian's Chromium, installed with apt-get when missing (the machines run as root)."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise RuntimeError(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "chromium"], check=True, env=env, capture_output=True
    )
    return CHROMIUM


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free port of 127.0.0.1; yields the base URL (with '/')."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# axe-core, the accessibility rules the tests run in the page: pinned in tests/axe/
# (package.json + package-lock.json) and installed from npm with `npm ci`, like Chromium
# itself, into a folder of its own keyed by the lock file, so a new pin installs afresh.
AXE_PINS = Path(__file__).resolve().parents[2] / "tests" / "axe"
AXE_CACHE = Path(os.environ.get("HANDBOOK_CACHE_DIR", Path.home() / ".cache" / "service-handbook"))


def ensure_axe(pins: Path = AXE_PINS) -> Path:
    """The path of ``axe.min.js``, installed with ``npm ci`` from ``pins`` when missing."""
    lock = (pins / "package-lock.json").read_bytes()
    folder = AXE_CACHE / "axe-core" / hashlib.sha256(lock).hexdigest()[:16]
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if script.is_file():
        return script
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("axe-core needs npm: `apt-get install -y npm`")
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(pins / name, folder / name)
    subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    return script
