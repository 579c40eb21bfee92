"""Build every language with Sphinx, in parallel processes, then publish them together.

Each language builds into its own persistent working folder (``_build/work/<lang>``,
doctrees in ``_build/doctrees/<lang>``), so Sphinx's incremental rebuilds keep working.
Only when every requested language succeeded is ``_build/html`` replaced (publish.py);
a failure leaves the published site exactly as it was. One build per build folder runs
at a time (lock.py), with catalogs compiled into that folder (compiled.py); a language
whose last build was interrupted or failed starts from empty folders (design/faults.md).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from handbook.build import checked, compiled, fingerprint, lock, publish, status_data, storage
from handbook.catalogs import completeness
from handbook.findings import Finding, in_catalog, parse_sphinx_output
from handbook.site import Site

# Warnings are errors, references are checked (nitpicky), and every problem is
# reported before the build gives up.
STRICT_OPTIONS = ("-W", "--keep-going", "-n")
_PROGRESS = re.compile(r"^(?P<stage>[a-z][a-z ]+)\.\.\. \[\s*(?P<percent>\d+)%\]")


@dataclass
class LanguageBuild:
    code: str
    seconds: float = 0.0
    returncode: int = 0
    findings: list[Finding] = field(default_factory=list)
    output: str = ""
    skipped: bool = False  # its inputs are those of its published pages: Sphinx not run
    storage: str | None = None  # the build folder could not be written: what to do

    @property
    def ok(self) -> bool:
        return self.returncode == 0


@dataclass
class BuildResult:
    languages: list[LanguageBuild]
    published: Path | None

    @property
    def ok(self) -> bool:
        return all(build.ok for build in self.languages)


def default_jobs(languages: int) -> int:
    """One Sphinx process per core at most: more only makes them fight for the CPU."""
    return max(1, min(languages, os.cpu_count() or 1))


def sphinx_command(
    site: Site,
    code: str,
    builddir: Path,
    extra: Sequence[str] = (),
    catalogs: Path | None = None,
) -> list[str]:
    """The strict Sphinx run of one language; ``catalogs``: the compiled copy of locale/
    it reads (compiled.py) — without it, conf.py's locale/, as in a run of Sphinx alone."""
    locale = ["-D", f"locale_dirs={catalogs}"] if catalogs else []
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        *STRICT_OPTIONS,
        "-c",
        str(site.root),
        "-D",
        f"language={code}",
        *locale,
        "-d",
        str(builddir / "doctrees" / code),
        *extra,
        str(site.docs_dir),
        str(builddir / "work" / code),
    ]


def build_language(
    site: Site,
    code: str,
    builddir: Path,
    extra: Sequence[str] = (),
    report: Callable[[str], None] = lambda _: None,
    keep_fds: Sequence[int] = (),
) -> LanguageBuild:
    """Run Sphinx for one language, reporting each stage as it advances. ``keep_fds``
    (the build folder's lock) stay open in Sphinx: a killed parent's Sphinx still holds it."""
    started = time.monotonic()
    # the status page's figures, counted once for every language (status_data.py)
    extra = [*status_data.option(builddir), *extra]
    command = sphinx_command(site, code, builddir, extra, compiled.folder(builddir))
    # NO_COLOR: with CI=true Sphinx assumes a colour terminal and redraws its progress
    # on one line with \r and ANSI codes, which hides it from the progress reader.
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    env.pop("LANGUAGE", None)  # gettext would read it instead of the language we build
    process = subprocess.Popen(
        command,
        cwd=site.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        pass_fds=keep_fds,
    )
    lines = []
    shown: dict[str, int] = {}
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        if match := _PROGRESS.match(line):
            stage, percent = match["stage"], int(match["percent"])
            # a line per quarter keeps three parallel builds readable
            if percent // 25 > shown.get(stage, -1):
                shown[stage] = percent // 25
                report(f"[{code}] {stage} {percent:3d} %")
    output = "".join(lines)
    return LanguageBuild(
        code=code,
        seconds=time.monotonic() - started,
        returncode=process.wait(),
        findings=_in_catalogs(site, code, parse_sphinx_output(output, site.root)),
        output=output,
        storage=storage.in_sphinx_output(output, builddir),
    )


def _in_catalogs(site: Site, code: str, findings: list[Finding]) -> list[Finding]:
    """In a translation's build, problems at a Russian line point at the .po line instead."""
    if code == site.source.code:
        return findings
    folder = site.locale_dir / code / "LC_MESSAGES"
    return [in_catalog(f, site.docs_dir, folder, site.root) for f in findings]


class Copies(Protocol):
    """What ``make offline`` adds to a build (handbook/offline/build.py)."""

    def current(self, codes: Sequence[str], inputs: dict) -> list[str]: ...
    def make(self, code: str, inputs, report: Callable[[str], None]) -> LanguageBuild: ...
    def files(self, code: str) -> list[Path]: ...
    def record(self, codes: Sequence[str], inputs: dict) -> None: ...


def build(
    site: Site,
    codes: Sequence[str],
    builddir: Path,
    jobs: int | None = None,
    extra: Sequence[str] = (),
    report: Callable[[str], None] = lambda _: None,
    copies: Copies | None = None,
) -> BuildResult:
    """Build ``codes`` in parallel; publish into ``builddir/html`` only if all succeed.

    ``copies`` (``make offline``): files made from each built language (its PDF and EPUB),
    published beside its pages in the same exchange.

    One build per build folder runs at a time (handbook/build/lock.py): another waits.
    Languages whose published pages were built from exactly the current inputs
    (handbook/build/fingerprint.py) are not rebuilt: a no-op build starts no Sphinx at all.
    Raises storage.BuildFolderError when the build folder cannot be written.
    """
    for code in codes:
        site.language(code)  # unknown codes fail before anything runs
    try:
        with lock.held(builddir, say=report) as descriptor:
            return _build(site, codes, builddir, jobs, extra, report, descriptor, copies)
    except OSError as error:
        explained = storage.explain(error, builddir)
        if explained is None:
            raise
        raise explained from None


def _build(
    site: Site,
    codes: Sequence[str],
    builddir: Path,
    jobs: int | None,
    extra: Sequence[str],
    report: Callable[[str], None],
    descriptor: int,
    copies: Copies | None = None,
) -> BuildResult:
    # Read only now, under the lock: a build that waited sees what the other published.
    # each language's inputs: docs/, its own catalogs, the status page's figures
    figures = status_data.write(site, builddir)
    inputs = fingerprint.languages(site, builddir, codes, extra, shared=figures)
    current = [] if fingerprint.forced(extra) else fingerprint.up_to_date(builddir, codes, inputs)
    if copies is not None:  # a language is current only when its copies are too
        current = [code for code in current if code in copies.current(current, inputs)]
    unchanged = [LanguageBuild(code, skipped=True) for code in current]
    codes = [code for code in codes if code not in current]
    if not codes:
        return BuildResult(unchanged, published=builddir / "html")
    # (Checked only when something changed: unchanged catalogs passed when last published.)
    # Catalogs first (handbook/checks/): Sphinx reads a broken .po silently and would
    # publish raw HTML that a translation added; refuse both, naming path.po:LINE. And a
    # release language must have every page's catalog (handbook/catalogs/completeness.py).
    refused = {
        code: [
            # (only the catalogs not known to pass: checked.py)
            *checked.blockers(site, [code], builddir, inputs[code].machinery),
            *completeness.problems(site, [code]),
        ]
        for code in codes
    }
    if any(refused.values()):
        failed = [LanguageBuild(code, returncode=1, findings=f) for code, f in refused.items() if f]
        return BuildResult(failed, published=None)
    # A language whose last build did not end cleanly (killed, out of disk, failed) may
    # have half-written pages, index and environment: it starts from empty folders.
    fresh = fingerprint.dirty(builddir, codes)
    for code in fresh:
        shutil.rmtree(builddir / "work" / code, ignore_errors=True)
        shutil.rmtree(builddir / "doctrees" / code, ignore_errors=True)
    fingerprint.mark_dirty(builddir, codes, site.codes)
    for code in codes:
        compiled.mirror(site, code, compiled.folder(builddir))
    workers = jobs or default_jobs(len(codes))
    report(f"building {', '.join(codes)} with {workers} parallel Sphinx process(es)")
    # Sphinx does not notice a changed extension, theme or conf.py: a fresh environment
    # then makes the incremental build equal a clean one.
    options = {
        code: [*extra, "-E"]
        if fingerprint.machinery_changed(builddir, code, inputs[code])
        else extra
        for code in codes
    }
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(build_language, site, code, builddir, options[code], report, (descriptor,))
            for code in codes
        ]
        results = [future.result() for future in futures]
    if not all(result.ok for result in results):
        return BuildResult(results, published=None)  # they stay dirty: rebuilt afresh
    attachments = None
    if copies is not None:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            made = list(pool.map(lambda code: copies.make(code, inputs[code], report), codes))
        if not all(result.ok for result in made):
            return BuildResult(made, published=None)
        attachments = {code: copies.files(code) for code in codes}
    fingerprint.settle(builddir, codes)
    published = publish.publish(site, builddir, codes, attachments)
    fingerprint.record(builddir, codes, inputs)
    if copies is not None:
        copies.record(codes, inputs)
    return BuildResult([*results, *unchanged], published=published)


def summary(result: BuildResult) -> list[str]:
    """What the terminal shows at the end: failures first, then the times."""
    lines = []
    for build in result.languages:
        if build.ok:
            continue
        if build.storage:  # a full or read-only disk: one line, not Sphinx's traceback
            lines.append(f"FAILED [{build.code}]: {build.storage}")
            continue
        if build.findings:
            lines.append(f"FAILED [{build.code}]: {len(build.findings)} problem(s)")
            lines.extend(f"  {finding}" for finding in build.findings)
        else:  # a crash, not a warning: Sphinx's own last words say what happened
            lines.append(f"FAILED [{build.code}]: Sphinx stopped; its last lines:")
            lines.extend("  " + line for line in build.output.strip().splitlines()[-15:])
    if all(build.skipped for build in result.languages):
        codes = " · ".join(build.code for build in result.languages)
        lines.append(f"up to date {codes}: no input changed — published {result.published}")
        return lines
    times = " · ".join(
        f"{b.code} unchanged" if b.skipped else f"{b.code} {b.seconds:.1f} s"
        for b in result.languages
    )
    if result.published:
        lines.append(f"built {times} — published {result.published}")
    else:
        lines.append(f"built {times} — nothing published, the previous site is untouched")
    return lines
