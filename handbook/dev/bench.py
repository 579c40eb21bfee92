"""``make bench``: the stock way and this project's way of building the same handbook, timed.

On a synthetic handbook (``generate``, handbook/dev/synthetic.py) it measures, in one run:

- **stock**: one ``sphinx-build -b html -D language=<code>`` per language, one after the
  other, with none of our speed-ups (``handbook_fast_navigation`` and ``handbook_fast_i18n``
  off: stock furo, stock MyST) — the workflow sphinx-intl's documentation describes;
- **ours**: ``python -m handbook build``, the command ``make html`` runs;

a clean build, a no-op rebuild and the edit loops (``LOOPS``: one translation changed, one
source paragraph changed, a commit that changes no page), with the peak memory of the clean
builds, plus a no-op ``make html`` of the real handbook. After each it checks that both
ways produced the same pages with the same main content, and at the end that our
incremental result is byte for byte a clean build of ours, before it prints the speedup. With
``offline``, also a clean ``make offline`` (a PDF and an EPUB per language): what the
copies add to a clean build.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from handbook.dev.synthetic import generate
from handbook.site import Site

__all__ = ["generate", "run_bench"]

_MAIN = re.compile(r'<article role="main" id="furo-main-content">(.*?)</article>', re.DOTALL)
_SIDEBAR = re.compile(r'<div class="sidebar-tree">(.*?)</div>', re.DOTALL)


@dataclass
class Timing:
    seconds: float  # wall-clock time
    cpu_seconds: float  # user + system time of every process involved
    peak_bytes: int  # largest resident memory of the process tree at any moment
    output: str = ""


def _tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in bytes (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm") as statm:
                total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue  # the process ended meanwhile
    return total


def measure(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Timing:
    """Run ``command``; its wall and CPU time and the peak memory of its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, _tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # includes the children's children
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-3000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Timing(seconds, cpu, peak, output)


def _environment() -> dict[str, str]:
    env = {**os.environ}
    env.pop("LANGUAGE", None)  # gettext would read it instead of the language we build
    return env


def stock_build(project: Path, outdir: Path, codes: Sequence[str]) -> Timing:
    """sphinx-build once per language, in sequence, stock furo: sphinx-intl's workflow."""
    seconds, cpu, peak = 0.0, 0.0, 0
    for code in codes:
        run = measure(
            [
                sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(project),
                "-D", f"language={code}",
                # none of our speed-ups: stock furo, stock MyST
                "-D", "handbook_fast_navigation=0", "-D", "handbook_fast_i18n=0",
                str(project / "docs"), str(outdir / code),
            ],
            cwd=project,
            env=_environment(),
        )  # fmt: skip
        seconds += run.seconds
        cpu += run.cpu_seconds
        peak = max(peak, run.peak_bytes)
    return Timing(seconds, cpu, peak)


def our_build(project: Path, builddir: Path) -> Timing:
    """What ``make html`` runs."""
    command = [sys.executable, "-m", "handbook", "--builddir", str(builddir), "build"]
    return measure(command, cwd=project, env=_environment())


def offline_build(project: Path, builddir: Path) -> Timing:
    """What ``make offline`` runs: the pages plus a PDF and an EPUB of every language."""
    command = [sys.executable, "-m", "handbook", "--builddir", str(builddir), "offline"]
    return measure(command, cwd=project, env=_environment())


def _part(pattern: re.Pattern, html: str) -> str:
    match = pattern.search(html)
    return match[1] if match else ""


@dataclass
class Comparison:
    pages: int  # pages in the stock build
    same_content: int  # of those, with the same main content in ours
    same_navigation: int  # of those, with the same sidebar navigation
    identical: int  # of those, byte for byte identical
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def compare(stock: Path, ours: Path, codes: Sequence[str]) -> Comparison:
    """Same set of pages in every language, each with the same main content?"""
    result = Comparison(0, 0, 0, 0, [])
    for code in codes:
        theirs = {p.relative_to(stock / code) for p in (stock / code).rglob("*.html")}
        mine = {p.relative_to(ours / code) for p in (ours / code).rglob("*.html")}
        for missing in sorted(theirs ^ mine)[:20]:
            where = "only in stock" if missing in theirs else "only in ours"
            result.problems.append(f"{code}/{missing}: {where}")
        for name in sorted(theirs & mine):
            result.pages += 1
            a = (stock / code / name).read_text(encoding="utf-8")
            b = (ours / code / name).read_text(encoding="utf-8")
            if _part(_MAIN, a) != _part(_MAIN, b):
                result.problems.append(f"{code}/{name}: main content differs")
                continue
            result.same_content += 1
            result.same_navigation += _part(_SIDEBAR, a) == _part(_SIDEBAR, b)
            result.identical += a == b
    return result


def change_one_translation(project: Path, code: str = "et") -> Path:
    """Edit one paragraph's translation in the catalog of the first content page."""
    catalogs = sorted((project / "locale" / code / "LC_MESSAGES").rglob("page-*.po"))
    catalog = polib.pofile(str(catalogs[0]))
    entry = catalog.translated_entries()[1]  # a paragraph, not the title
    entry.msgstr += " (muudetud)"
    catalog.save()
    return catalogs[0]


def change_one_paragraph(project: Path) -> Path:
    """Add a sentence to one paragraph of the first content page's Russian source."""
    page = sorted((project / "docs").rglob("page-*.md"))[0]
    text = page.read_text(encoding="utf-8")
    paragraph = next(line for line in text.splitlines() if len(line) > 60)
    page.write_text(text.replace(paragraph, paragraph + " Новое предложение.", 1), "utf-8")
    return page


def change_no_page(project: Path) -> Path:
    """What a commit of only developer files changes: the README."""
    readme = project / "README.md"
    readme.write_text("What this handbook is, for its developers.\n", encoding="utf-8")
    return readme


# the edit-and-build loops measured after the clean build and the no-op rebuild
LOOPS = {
    "one translation": ("one translation changed", change_one_translation),
    "one paragraph": ("one source paragraph changed", change_one_paragraph),
    "no page": ("a commit that changes no page", change_no_page),
    # (measured apart, by live_save: one language, no make html)
    "live save": ("live preview (et): a translation saved → built", None),
}


def live_save(project: Path, folder: Path) -> tuple[Timing, Timing]:
    """A saved translation in a live preview of Estonian: stock, what sphinx-autobuild does
    (a fresh ``sphinx-build``, incremental); ours, the warm preview (handbook/build/warm.py),
    both first built once, untimed. Their pages land in ``folder/stock`` and
    ``folder/ours`` (``<code>/`` below each, for ``compare``)."""
    from handbook import site as declaration
    from handbook.build.warm import WarmBuild

    warm = WarmBuild(declaration.load.__wrapped__(project), "et", folder / "warm", quiet=True)
    warm()
    stock_build(project, folder / "stock", ["et"])
    changed = change_one_translation(project)
    stock = stock_build(project, folder / "stock", ["et"])
    started = time.monotonic()
    warm([changed])
    ours = Timing(time.monotonic() - started, 0.0, 0)
    (folder / "ours").mkdir()
    (folder / "ours" / "et").symlink_to(warm.outdir)
    return stock, ours


def noop_make_html(root: Path, builddir: Path) -> tuple[Timing, Timing]:
    """The real handbook: a first ``make html``, then a timed no-op one."""
    command = ["make", "--no-print-directory", "html", f"BUILDDIR={builddir}"]
    first = measure(command, cwd=root, env=_environment())
    return first, measure(command, cwd=root, env=_environment())


def differences(built: Path, clean: Path) -> list[str]:
    """The files of two built trees that are missing from one or differ in a byte."""
    names = {p.relative_to(clean) for p in clean.rglob("*") if p.is_file()}
    names |= {p.relative_to(built) for p in built.rglob("*") if p.is_file()}
    return sorted(
        str(name)
        for name in names
        if not ((built / name).is_file() and (clean / name).is_file())
        or (built / name).read_bytes() != (clean / name).read_bytes()
    )


def _mb(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


def _ratio(stock: float, ours: float) -> str:
    return f"×{stock / ours:.1f}" if ours > 0 else "—"


def _rows(stock: dict[str, Timing], ours: dict[str, Timing]) -> list[tuple[str, ...]]:
    def seconds(label: str, a: float, b: float) -> tuple[str, ...]:
        return (label, f"{a:.1f} s", f"{b:.1f} s", _ratio(a, b))

    clean, noop = ((stock[name], ours[name]) for name in ("clean", "no-op"))
    loops = [
        seconds(label, stock[name].seconds, ours[name].seconds)
        for name, (label, _change) in LOOPS.items()
        if name in stock
    ]
    return [
        seconds("clean build", clean[0].seconds, clean[1].seconds),
        seconds("clean build, CPU time", clean[0].cpu_seconds, clean[1].cpu_seconds),
        seconds("no-op rebuild", noop[0].seconds, noop[1].seconds),
        *loops,
        ("peak memory (clean)", _mb(clean[0].peak_bytes), _mb(clean[1].peak_bytes), ""),
    ]


def run_bench(
    site: Site,
    pages: int = 300,
    keep: Path | None = None,
    real_handbook: bool = True,
    say: Callable[[str], None] = print,
    offline: bool = False,
) -> int:
    """The whole benchmark; prints the table. 0 when both builds agree, 1 when not."""
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    try:
        project = generate(folder / "handbook", pages)
        codes = site.codes
        stock_out, our_dir = folder / "stock", folder / "ours"
        cores = os.cpu_count() or 1
        load = os.getloadavg()[0]
        say(f"synthetic handbook: {pages} pages × {len(codes)} languages in {project}")
        say(f"machine: {cores} cores, load average {load:.1f} at the start")

        # caches kept outside the build folder (e.g. the search's lemma tables) are
        # filled by a first build: warm them so that neither side pays for them
        say("warming up …")
        our_build(generate(folder / "warm-up", 8), folder / "warm-up-build")
        say("clean builds …")
        stock = {"clean": stock_build(project, stock_out, codes)}
        ours = {"clean": our_build(project, our_dir)}
        clean = compare(stock_out, our_dir / "html", codes)
        copies = None
        if offline:
            say("clean build with a PDF and an EPUB per language (make offline) …")
            copies = offline_build(project, folder / "offline")

        say("no-op rebuilds …")
        stock["no-op"] = stock_build(project, stock_out, codes)
        ours["no-op"] = our_build(project, our_dir)

        # each loop: one edit, both ways built again, and the pages compared again
        comparisons = [("clean", clean)]
        for name, (label, change) in LOOPS.items():
            if change is None:
                continue
            changed = change(project)
            say(f"{label} ({changed.relative_to(project)}) …")
            stock[name] = stock_build(project, stock_out, codes)
            ours[name] = our_build(project, our_dir)
            comparisons.append((f"after: {label}", compare(stock_out, our_dir / "html", codes)))

        say("live preview: a saved translation, sphinx-autobuild's way and warm …")
        stock["live save"], ours["live save"] = live_save(project, folder / "live")
        live = compare(folder / "live" / "stock", folder / "live" / "ours", ["et"])
        comparisons.append(("after: live preview", live))

        say("a clean build of ours, to compare the incremental one with …")
        our_build(project, folder / "ours-clean")
        unequal = differences(our_dir / "html", folder / "ours-clean" / "html")

        real = None
        if real_handbook:
            say("no-op make html on the real handbook …")
            real = noop_make_html(site.root, folder / "real-build")

        rows = _rows(stock, ours)
        say("")
        say(f"| build ({pages} pages × {len(codes)} languages) | stock | ours | speedup |")
        say("| --- | ---: | ---: | ---: |")
        if copies:
            added = copies.seconds - ours["clean"].seconds
            rows.append(
                ("clean build + PDF and EPUB (make offline)", "—", f"{copies.seconds:.1f} s", "")
            )
            rows.append(("what the offline copies add", "—", f"+{added:.1f} s", ""))
            cpu = copies.cpu_seconds - ours["clean"].cpu_seconds
            rows.append(("… in CPU time", "—", f"+{cpu:.1f} s", ""))
            rows.append(("peak memory (make offline)", "—", _mb(copies.peak_bytes), ""))
        for row in rows:
            say(f"| {' | '.join(row)} |")
        say("")
        say(
            "stock: sphinx-build per language in sequence, stock furo and MyST; ours: make html "
            f"({min(len(codes), cores)} languages at a time); peak memory: all processes at once; "
            f"load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
        )
        if real:
            say(
                f"no-op make html on the real handbook: {real[1].seconds:.2f} s "
                f"(its first build {real[0].seconds:.1f} s; target ≤ 1 s)"
            )
        for when, comparison in comparisons:
            say(
                f"same pages, same main content ({when}): {comparison.same_content} of "
                f"{comparison.pages} pages; same sidebar: {comparison.same_navigation}; "
                f"byte for byte identical: {comparison.identical}"
            )
        say(f"our incremental build against a clean one: {len(unequal)} file(s) differ")
        problems = [problem for _, comparison in comparisons for problem in comparison.problems]
        problems += [f"incremental ≠ clean: {name}" for name in unequal]
        if problems:
            say("the two builds differ — no speedup to report:")
            for problem in problems[:30]:
                say(f"  {problem}")
            return 1
        a, b = stock["clean"].seconds, ours["clean"].seconds
        say(f"speedup {_ratio(a, b)} (stock {a:.1f} s, ours {b:.1f} s)")
        return 0
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
