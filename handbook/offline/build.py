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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from handbook import checks
from handbook.build import fingerprint, publish
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


def up_to_date(site: Site, builddir: Path, codes: Sequence[str], inputs) -> list[str]:
    """Languages whose published copies were made from exactly these inputs."""
    record = fingerprint.recorded(builddir / FOLDER)
    return [
        code
        for code in codes
        if record.get(code) == inputs
        and all((builddir / "html" / code / p.name).is_file() for p in copies(site, builddir, code))
    ]


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


def build_language(
    site: Site,
    code: str,
    builddir: Path,
    html_options: Sequence[str] | None,
    fresh_epub: bool,
    environment: dict[str, str],
    report: Callable[[str], None],
) -> LanguageBuild:
    """HTML (unless ``html_options`` is None: up to date), EPUB, PDF of one language."""
    started = time.monotonic()
    if html_options is not None:
        result = html_build.build_language(site, code, builddir, html_options, report)
        if not result.ok:
            return result
    pdf_target, epub_target = copies(site, builddir, code)
    report(f"[{code}] epub")
    returncode, findings, output = epub.build(
        site, code, builddir / FOLDER, epub_target, environment, fresh_epub
    )
    if returncode != 0:
        return LanguageBuild(code, time.monotonic() - started, returncode, findings, output)
    report(f"[{code}] pdf")
    result = _pdf(site, builddir, code, pdf_target, environment)
    result.seconds = time.monotonic() - started
    return result


def build(
    site: Site,
    codes: Sequence[str],
    builddir: Path,
    jobs: int | None = None,
    extra: Sequence[str] = (),
    report: Callable[[str], None] = lambda _: None,
) -> BuildResult:
    """Build and publish ``codes`` with their offline copies; see the module's docstring."""
    for code in codes:
        site.language(code)
    inputs = fingerprint.inputs(site, builddir, extra)
    forced = fingerprint.forced(extra)
    html_current = [] if forced else fingerprint.up_to_date(builddir, codes, inputs)
    copies_current = [] if forced else up_to_date(site, builddir, codes, inputs)
    todo = [code for code in codes if code not in html_current or code not in copies_current]
    if not todo:
        return BuildResult([LanguageBuild(c, skipped=True) for c in codes], builddir / "html")
    refused = {code: checks.build_blockers(site, [code]) for code in todo}
    if any(refused.values()):
        failed = [LanguageBuild(code, returncode=1, findings=f) for code, f in refused.items() if f]
        return BuildResult(failed, published=None)
    workers = jobs or html_build.default_jobs(len(todo))
    report(f"building {', '.join(todo)} with their PDF and EPUB, {workers} at a time")
    environment = {"SOURCE_DATE_EPOCH": source_date_epoch(site)}
    (builddir / FOLDER).mkdir(parents=True, exist_ok=True)  # its record, even on failure
    previous = fingerprint.recorded(builddir / FOLDER)

    def html_options(code: str) -> list[str] | None:
        if code in html_current:
            return None
        fresh = fingerprint.machinery_changed(builddir, code, inputs)
        return [*extra, "-E"] if fresh else list(extra)

    def fresh_epub(code: str) -> bool:
        recorded = previous.get(code)
        return forced or recorded is None or recorded.machinery != inputs.machinery

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(
                build_language,
                site,
                code,
                builddir,
                html_options(code),
                fresh_epub(code),
                environment,
                report,
            )
            for code in todo
        ]
        results = [future.result() for future in futures]
    if not all(result.ok for result in results):
        failed = [result.code for result in results if not result.ok]
        fingerprint.forget(builddir, [c for c in failed if c not in html_current])
        fingerprint.forget(builddir / FOLDER, failed)
        return BuildResult(results, published=None)
    attachments = {code: copies(site, builddir, code) for code in todo}
    published = publish.publish(site, builddir, todo, attachments)
    fingerprint.record(builddir, todo, inputs)
    fingerprint.record(builddir / FOLDER, todo, inputs)
    unchanged = [LanguageBuild(code, skipped=True) for code in codes if code not in todo]
    return BuildResult([*results, *unchanged], published=published)
