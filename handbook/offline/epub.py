"""One language's EPUB: Sphinx's epub builder (with the project's extensions and
``sphinxext``'s settings), then the archive packed again so that the same inputs give the
same bytes — Sphinx's zip carries each file's modification time."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from handbook import atomic
from handbook.build.run import STRICT_OPTIONS
from handbook.findings import Finding, parse_sphinx_output
from handbook.offline import names
from handbook.site import Site

# 1980-01-01, the earliest time a zip entry can carry
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def sphinx_command(site: Site, code: str, workdir: Path, extra: list[str]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "epub",
        *STRICT_OPTIONS,
        "-c",
        str(site.root),
        "-D",
        f"language={code}",
        "-d",
        str(workdir / "doctrees" / code),
        *extra,
        str(site.docs_dir),
        str(workdir / "epub" / code),
    ]


def build(
    site: Site, code: str, workdir: Path, target: Path, environment: dict[str, str], fresh: bool
) -> tuple[int, list[Finding], str]:
    """Build ``code``'s EPUB into ``target`` (written atomically); Sphinx's exit code, its
    findings and its output. ``environment`` carries SOURCE_DATE_EPOCH."""
    command = sphinx_command(site, code, workdir, ["-E"] if fresh else [])
    env = {**os.environ, **environment, "NO_COLOR": "1"}
    env.pop("LANGUAGE", None)
    done = subprocess.run(
        command, cwd=site.root, capture_output=True, text=True, encoding="utf-8", env=env
    )
    output = done.stdout + done.stderr
    findings = parse_sphinx_output(output, site.root)
    if done.returncode == 0:
        built = workdir / "epub" / code / names.epub_name(site.language(code))
        repack(built, target)
    return done.returncode, findings, output


def repack(source: Path, target: Path) -> None:
    """Copy the archive entry by entry in the same order (``mimetype`` first and stored, as
    EPUB requires), every entry with one fixed time and the same permissions."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        zipfile.ZipFile(source) as old,
        atomic.replace(target) as stream,
        zipfile.ZipFile(stream, "w") as new,
    ):
        for entry in old.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=_ZIP_EPOCH)
            fixed.compress_type = entry.compress_type
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3  # Unix, wherever it was built
            new.writestr(fixed, old.read(entry.filename), compresslevel=9)
