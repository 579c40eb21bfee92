"""``make offline``: the published site with a PDF and an EPUB of every language.

Per language, in parallel (one process per core at most): the HTML build exactly as
``make html`` runs it (same working folder, so either command continues the other's
incremental build), then Sphinx's epub builder, then the PDF from the built pages. Only when
every language succeeded is the site published — the pages, the copies beside them and the
links to them in one atomic exchange (build/publish.py). Each step is skipped when its
inputs did not change: the HTML by build/fingerprint.py's record, the copies by their own
record (``_build/offline/fingerprints.json``) of the same fingerprint.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from handbook.build import fingerprint
from handbook.build import run as html_build
from handbook.build.run import BuildResult, LanguageBuild
from handbook.findings import Finding
from handbook.offline import epub, names
from handbook.site import Site

FOLDER = "offline"  # in the build folder: epub/, doctrees/, <lang>/ (the copies), record


def source_date_epoch(site: Site) -> str:
    """The copies' date: SOURCE_DATE_EPOCH when set, else the commit's time, so that a
    build of the same commit gives the same bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    done = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=site.root, capture_output=True, text=True
    )
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "0"


def copies(site: Site, builddir: Path, code: str) -> list[Path]:
    lang = site.language(code)
    folder = builddir / FOLDER / code
    return [folder / names.pdf_name(lang), folder / names.epub_name(lang)]


def _pdf(site: Site, builddir: Path, code: str, target: Path, environment: dict) -> LanguageBuild:
    command = [sys.executable, "-m", "handbook.offline.pdf", code, str(builddir / "work" / code)]
    done = subprocess.run(
        [*command, str(target)],
        cwd=site.root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **environment},
    )
    output = done.stdout + done.stderr
    findings = []
    if done.returncode != 0:  # WeasyPrint's (or book.py's) last words say why
        last = output.strip().splitlines()[-1] if output.strip() else "no output"
        findings = [Finding(str(target), None, f"PDF not made: {last}")]
    return LanguageBuild(code, returncode=done.returncode, findings=findings, output=output)


class OfflineCopies:
    """The PDF and EPUB of each language, made after its HTML (build/run.py's ``copies``).

    Each language's copies are recorded (``<builddir>/offline/fingerprints.json``) with the
    same per-language inputs as its pages, so an unchanged language makes none again."""

    def __init__(self, site: Site, builddir: Path, forced: bool) -> None:
        self.site, self.builddir, self.forced = site, builddir, forced
        self.folder = builddir / FOLDER
        self.folder.mkdir(parents=True, exist_ok=True)
        self.environment = {"SOURCE_DATE_EPOCH": source_date_epoch(site)}
        self.previous = fingerprint.recorded(self.folder)

    def current(self, codes: Sequence[str], inputs: dict) -> list[str]:
        if self.forced:
            return []
        published = self.builddir / "html"
        return [
            code
            for code in codes
            if self.previous.get(code) == inputs[code]
            and all((published / code / p.name).is_file() for p in self.files(code))
        ]

    def files(self, code: str) -> list[Path]:
        return copies(self.site, self.builddir, code)

    def make(self, code: str, inputs, report: Callable[[str], None]) -> LanguageBuild:
        started = time.monotonic()
        recorded = self.previous.get(code)
        fresh = self.forced or recorded is None or recorded.machinery != inputs.machinery
        pdf_target, epub_target = self.files(code)
        report(f"[{code}] epub")
        returncode, findings, output = epub.build(
            self.site, code, self.folder, epub_target, self.environment, fresh
        )
        if returncode != 0:
            return LanguageBuild(code, time.monotonic() - started, returncode, findings, output)
        report(f"[{code}] pdf")
        result = _pdf(self.site, self.builddir, code, pdf_target, self.environment)
        result.seconds = time.monotonic() - started
        return result

    def record(self, codes: Sequence[str], inputs: dict) -> None:
        fingerprint.record(self.folder, codes, inputs)


def build(
    site: Site,
    codes: Sequence[str],
    builddir: Path,
    jobs: int | None = None,
    extra: Sequence[str] = (),
    report: Callable[[str], None] = lambda _: None,
) -> BuildResult:
    """``make html`` with the copies: one pipeline (lock, dirty marks, compiled catalogs,
    per-language fingerprints, one atomic exchange), see build/run.py."""
    copies_ = OfflineCopies(site, builddir, fingerprint.forced(extra))
    return html_build.build(site, codes, builddir, jobs, extra, report, copies=copies_)
