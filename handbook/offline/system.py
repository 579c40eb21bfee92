"""What the offline copies need from Debian, installed with apt-get when missing (the
machines and CI run as root), as the browser tests install Chromium.

- WeasyPrint draws text with pango (``libpango-1.0-0``, ``libpangoft2-1.0-0``);
- the book's fonts are files named here, so every machine embeds the same ones: Noto Sans
  (``fonts-noto-core``: real italics, every Cyrillic and Estonian letter) for text, DejaVu
  Sans Mono (``fonts-dejavu-core``) for code;
- the tests read the results with ``poppler-utils`` (pdftotext, pdffonts, pdftoppm) and
  ``epubcheck`` with a Java runtime.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

NOTO = Path("/usr/share/fonts/truetype/noto")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
# (family in book.css, weight, style) -> font file
FONTS = {
    ("Book Sans", "normal", "normal"): NOTO / "NotoSans-Regular.ttf",
    ("Book Sans", "bold", "normal"): NOTO / "NotoSans-Bold.ttf",
    ("Book Sans", "normal", "italic"): NOTO / "NotoSans-Italic.ttf",
    ("Book Sans", "bold", "italic"): NOTO / "NotoSans-BoldItalic.ttf",
    ("Book Mono", "normal", "normal"): DEJAVU / "DejaVuSansMono.ttf",
    ("Book Mono", "bold", "normal"): DEJAVU / "DejaVuSansMono-Bold.ttf",
}
# a file that shows the package is there -> the package
BUILD_PACKAGES = {
    Path("/usr/lib/x86_64-linux-gnu/libpango-1.0.so.0"): "libpango-1.0-0",
    Path("/usr/lib/x86_64-linux-gnu/libpangoft2-1.0.so.0"): "libpangoft2-1.0-0",
    NOTO / "NotoSans-Regular.ttf": "fonts-noto-core",
    DEJAVU / "DejaVuSansMono.ttf": "fonts-dejavu-core",
}
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
# Debian's /usr/bin/epubcheck does not start here; the jar does. A short run needs neither
# parallel garbage collection nor the optimising compiler: 3.7 s of CPU instead of 8.6.
EPUBCHECK = ("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", str(EPUBCHECK_JAR))
CHECK_PACKAGES = {
    Path("/usr/bin/pdftotext"): "poppler-utils",
    EPUBCHECK_JAR: "epubcheck",
    Path("/usr/bin/java"): "default-jre-headless",
}


def _pango_present() -> bool:
    # Another architecture keeps pango elsewhere: ask the dynamic linker's cache.
    try:
        listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    except OSError:
        return False
    return "libpango-1.0.so.0" in listing and "libpangoft2-1.0.so.0" in listing


def missing(packages: dict[Path, str]) -> list[str]:
    wanted = []
    for path, package in packages.items():
        if path.exists() or (package.startswith("libpango") and _pango_present()):
            continue
        wanted.append(package)
    return sorted(set(wanted))


def install(packages: Iterable[str]) -> None:
    """apt-get install ``packages`` (as root); a clear error when that is impossible."""
    packages = sorted(set(packages))
    if not packages:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise RuntimeError(
            f"missing Debian packages: install them with `apt-get install -y {' '.join(packages)}`"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
        check=True,
        env=env,
        capture_output=True,
    )


def ensure_build_packages() -> None:
    install(missing(BUILD_PACKAGES))


def ensure_check_packages() -> None:
    install(missing(CHECK_PACKAGES))
