"""No fault loses a catalog or half-publishes the site (design/faults.md): two builds at
once, a build killed while writing, missing and empty catalogs, a removed image or
download, a full or read-only disk. Each on a small synthetic handbook, built for real."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from helpers import differences, run_handbook, snapshot

from handbook import site as site_module
from handbook.build import lock, publish, storage
from handbook.dev.synthetic import generate

LANGS = "ru et"  # two languages show a half-published site as well as three, at 2/3 the cost
PAGE = "page-0001"


def build(project: Path, builddir: Path, *args: str) -> subprocess.Popen:
    """``python -m handbook build`` started, not waited for; its own process group."""
    return subprocess.Popen(
        [sys.executable, "-m", "handbook", "--builddir", str(builddir), "build", *args],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def built(project: Path, builddir: Path, langs: str = LANGS) -> str:
    run = run_handbook(project, "--builddir", str(builddir), "build", "--langs", langs)
    assert run.returncode == 0, run.output
    return run.output


def catalog(project: Path, code: str, page: str = PAGE) -> Path:
    return project / "locale" / code / "LC_MESSAGES" / f"{page}.po"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("faults") / "handbook", 3)


@pytest.fixture(scope="module")
def clean(project: Path) -> Path:
    """The untouched project built from nothing: what every other build must equal."""
    built(project, project.parent / "clean")
    return project.parent / "clean" / "html"


@pytest.fixture(scope="module")
def together(project: Path, clean: Path) -> list[tuple[int, str]]:
    """Two builds of one folder started at the same moment (a second terminal, an
    editor's save hook): their exit codes and outputs."""
    processes = [build(project, project / "_build", "--langs", LANGS) for _ in range(2)]
    return [(p.wait(timeout=600), p.stdout.read()) for p in processes]


# -- Two builds at once -----------------------------------------------------------------


def test_two_builds_started_together_leave_a_complete_site_equal_to_a_clean_build(
    project, clean, together
):
    for returncode, output in together:
        assert returncode == 0, output
        assert "Traceback" not in output
    assert differences(project / "_build" / "html", clean) == []
    assert not (project / "_build" / ".html-staging").exists()


def test_a_second_build_waits_for_the_first_and_says_so_in_one_line(project, together):
    builddir = project / "_build"
    with lock.held(builddir):  # what a running build holds
        second = build(project, builddir, "--langs", LANGS)
        first_line = second.stdout.readline()
    assert first_line.startswith(f"waiting for the other build in {builddir} (pid {os.getpid()})")
    assert second.wait(timeout=600) == 0
    # it read the inputs once the first had finished: nothing left to do
    assert "up to date ru · et" in second.stdout.read()


def test_make_live_beside_make_html_compiles_into_its_own_folder(project, together):
    # no build writes into locale/ any more: each compiles its own copy of the catalogs
    assert not list((project / "locale").rglob("*.mo"))
    assert (project / "_build" / "locale" / "et" / "LC_MESSAGES" / f"{PAGE}.mo").is_file()


# -- Catalogs of a release language -----------------------------------------------------


@pytest.mark.parametrize("fault", ["emptied", "deleted"])
def test_an_empty_or_deleted_catalog_of_a_release_language_is_refused(project, together, fault):
    path = catalog(project, "et")
    original = path.read_bytes()
    published = snapshot(project / "_build" / "html")
    try:
        if fault == "emptied":
            path.write_bytes(b"")
        else:
            path.unlink()
        run = run_handbook(project, "build", "--langs", LANGS)
        stats = run_handbook(project, "stats", "--langs", "et", "--strict")
    finally:
        path.write_bytes(original)
    where = f"locale/et/LC_MESSAGES/{PAGE}.po: {'empty' if fault == 'emptied' else 'missing'}"
    assert run.returncode == 1 and where in run.output, run.output
    assert "[et] reading" not in run.output  # refused before Sphinx started
    assert snapshot(project / "_build" / "html") == published
    assert stats.returncode == 1 and where in stats.output, stats.output


# -- What the current inputs no longer produce is not published -------------------------

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201a5f3c1d80000000049454e44ae426082"
)


ORPHAN = "---\norphan: true\n---\n(extra-page)=\n# Лишняя страница\n\nТекст.\n"
ORPHAN_PO = (
    'msgid ""\nmsgstr ""\n"Language: et\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\nmsgid "Лишняя страница"\nmsgstr ""\n'
)


def test_a_reverted_page_image_and_download_are_unpublished(project, clean, together):
    # An author adds a page and, to another, an image and a download, then reverts it all.
    # (A translation may not add either: the trust checks refuse markup not in the msgid.)
    (project / "docs" / "extra.png").write_bytes(PNG)
    (project / "docs" / "extra.txt").write_text("lisa\n", encoding="utf-8")
    page = project / "docs" / f"{PAGE}.md"
    original = page.read_bytes()
    added = "\n![Картинка](extra.png)\n\n{download}`Скачать <extra.txt>`\n"
    page.write_text(original.decode("utf-8") + added, encoding="utf-8")
    (project / "docs" / "extra-page.md").write_text(ORPHAN, encoding="utf-8")
    catalog(project, "et", "extra-page").write_text(ORPHAN_PO, encoding="utf-8")
    html = project / "_build" / "html"
    try:
        built(project, project / "_build")
        assert (html / "et" / "_images" / "extra.png").is_file()
        assert list((html / "et" / "_downloads").glob("*/extra.txt"))
        assert (html / "ru" / "extra-page.html").is_file()
    finally:
        page.write_bytes(original)
        (project / "docs" / "extra-page.md").unlink()
        catalog(project, "et", "extra-page").unlink()
    built(project, project / "_build")
    assert not (html / "et" / "_images").exists() and not (html / "et" / "_downloads").exists()
    assert differences(html, clean) == []  # the page, its source copy: gone too


# -- Killed while writing ---------------------------------------------------------------


def interrupt_while_writing(
    project: Path, sent: signal.Signals, group: bool = True
) -> subprocess.Popen:
    """A build of et, sent ``sent`` once Sphinx has read every page, pickled that, and
    writes: with its Sphinx processes (the process group, as a terminal's Ctrl-C), or
    the parent alone (its Sphinx, orphaned, keeps the build folder's lock until it ends)."""
    process = build(project, project / "_build", "--langs", "et")
    for line in process.stdout:
        if line.startswith("[et] writing output"):
            (os.killpg if group else os.kill)(process.pid, sent)
            break
    process.wait(timeout=600)
    return process


def test_a_build_killed_while_writing_and_rebuilt_equals_a_clean_build(tmp_path):
    # A changed translation: Sphinx re-reads its page, but only its environment (pickled
    # before writing) knows that. Rebuilt incrementally after the kill, nothing looked
    # outdated: the page and the search index stayed stale, and were published.
    project = generate(tmp_path / "handbook", 3)
    built(project, project / "_build", "et")
    published = snapshot(project / "_build" / "html")
    po = polib.pofile(str(catalog(project, "et")))
    entry = next(e for e in po if e.msgstr and "\n" not in e.msgid and len(e.msgid) > 40)
    entry.msgstr += " Kiilvesi."
    po.save()

    stopped = interrupt_while_writing(project, signal.SIGINT)
    rest = stopped.stdout.read()
    assert stopped.returncode == 130 and "Traceback" not in rest, rest
    assert rest.strip().splitlines()[-1].startswith("interrupted: nothing published")
    assert snapshot(project / "_build" / "html") == published
    for group in (False, True):
        killed = interrupt_while_writing(project, signal.SIGKILL, group)
        assert killed.returncode == -signal.SIGKILL

    again = built(project, project / "_build", "et")
    assert "up to date" not in again
    built(project, tmp_path / "clean", "et")
    assert differences(project / "_build" / "html", tmp_path / "clean" / "html") == []
    index = (project / "_build" / "html" / "et" / "searchindex.js").read_text(encoding="utf-8")
    assert "kiilves" in index.lower()  # the search finds the new sentence


# -- A draft language: a removed catalog ------------------------------------------------


def test_a_removed_catalog_of_a_draft_language_builds_as_a_clean_build_does(tmp_path):
    project = generate(tmp_path / "handbook", 3)
    toml = project / "handbook.toml"
    lines = toml.read_text(encoding="utf-8").splitlines(keepends=True)
    toml.write_text(
        "".join(
            line.replace('status = "release"', 'status = "draft"')
            if 'code = "et"' in line
            else line
            for line in lines
        ),
        encoding="utf-8",
    )
    built(project, project / "_build", "et")
    catalog(project, "et").unlink()
    built(project, project / "_build", "et")
    built(project, tmp_path / "clean", "et")
    assert differences(project / "_build" / "html", tmp_path / "clean" / "html") == []
    page = (project / "_build" / "html" / "et" / f"{PAGE}.html").read_text(encoding="utf-8")
    assert "Tervitus" not in page  # no catalog, no translation: the Russian page


# -- A full or read-only disk -----------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 6 MB tmpfs of its own (as root), so that filling it fills nothing else."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(disk)], check=True)
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def fill(disk: Path, leave_kb: int) -> Path:
    """Take all but ``leave_kb`` of the disk's free space."""
    ballast = disk / "ballast"
    ballast.unlink(missing_ok=True)
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with ballast.open("wb") as out:
        out.truncate(0)
        os.posix_fallocate(out.fileno(), 0, max(free - leave_kb * 1024, 1))
    return ballast


def leftovers(builddir: Path) -> list[Path]:
    return [p for p in builddir.rglob("*") if p.name.endswith(".tmp") or p.name == ".html-staging"]


def test_a_full_disk_fails_in_one_line_and_leaves_nothing_behind(tmp_path, small_disk):
    project = generate(tmp_path / "handbook", 3)
    builddir = small_disk / "_build"
    built(project, builddir, "ru")
    published = snapshot(builddir / "html")
    page = project / "docs" / f"{PAGE}.md"
    long = "\n\n".join(f"Новый абзац номер {n}, " + "довольно длинный. " * 40 for n in range(300))
    page.write_text(page.read_text(encoding="utf-8") + "\n" + long + "\n", encoding="utf-8")
    # nothing free: the build's first write fails; a little: Sphinx's, with a long new page
    for leave_kb in (0, 150):
        ballast = fill(small_disk, leave_kb)
        run = run_handbook(project, "--builddir", str(builddir), "build", "--langs", "ru")
        assert run.returncode == 1, run.output
        assert "Traceback" not in run.output
        problem = [line for line in run.output.splitlines() if "No space left on device" in line]
        assert len(problem) == 1 and "free some space on that disk" in problem[0], run.output
        assert str(builddir) in problem[0]
        # which write failed: the build's own record, or one of Sphinx's
        assert problem[0].startswith("error: " if leave_kb == 0 else "FAILED [ru]: "), run.output
        assert leftovers(builddir) == []
        assert snapshot(builddir / "html") == published  # the published site is intact
        ballast.unlink()

    built(project, builddir, "ru")  # space again: the next build publishes the change
    assert "Новый абзац номер 299" in (builddir / "html" / "ru" / f"{PAGE}.html").read_text()
    assert leftovers(builddir) == []


def test_publishing_onto_a_full_disk_leaves_no_staging_and_the_site_intact(tmp_path, small_disk):
    site = site_module.load(generate(tmp_path / "handbook", 3))
    builddir = small_disk / "_build"
    (builddir / "work" / "ru").mkdir(parents=True)
    (builddir / "work" / "ru" / "index.html").write_text("first", encoding="utf-8")
    publish.publish(site, builddir, ["ru"])
    published = snapshot(builddir / "html")
    (builddir / "work" / "ru" / "big.bin").write_bytes(os.urandom(1024 * 1024))
    ballast = fill(small_disk, 512)
    with pytest.raises(OSError) as raised:
        publish.publish(site, builddir, ["ru"])
    assert raised.value.errno == errno.ENOSPC
    explained = storage.explain(raised.value, builddir)
    assert str(explained).startswith(f"{builddir}/.html-staging/ru/big.bin: No space left")
    assert leftovers(builddir) == []
    assert snapshot(builddir / "html") == published
    ballast.unlink()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A build folder nobody can write: on a tmpfs remounted read-only (as root, whom
    permissions do not stop), else without write permission."""
    if os.geteuid() != 0:
        folder = tmp_path / "_build"
        folder.mkdir()
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], check=True)
    (disk / "_build").mkdir()
    try:
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        yield disk / "_build"
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def test_a_read_only_build_folder_fails_in_one_line(tmp_path, read_only_folder):
    project = generate(tmp_path / "handbook", 3)
    run = run_handbook(project, "--builddir", str(read_only_folder), "build", "--langs", "ru")
    assert run.returncode == 1
    reason = "Read-only file system" if os.geteuid() == 0 else "Permission denied"
    assert run.output.strip().splitlines() == [
        f"error: {read_only_folder / lock.LOCK}: {reason} — "
        f"{storage.REMEDIES[errno.EROFS if os.geteuid() == 0 else errno.EACCES]}, "
        "then build again"
    ]


# -- The pieces, alone ------------------------------------------------------------------


def test_a_held_build_folder_names_its_holder_to_one_that_will_not_wait(tmp_path):
    busy = rf"in use by another build \(pid {os.getpid()}\)"
    with lock.held(tmp_path), pytest.raises(lock.Busy, match=busy), lock.held(tmp_path, wait=False):
        pass
    with lock.held(tmp_path, wait=False):  # released with its descriptor
        pass


def test_storage_faults_are_explained_and_other_errors_are_not(tmp_path):
    full = OSError(errno.ENOSPC, "No space left on device", "/b/x.html")
    assert str(storage.explain(full, tmp_path)).startswith("/b/x.html: No space left on device")
    copying = OSError(errno.EROFS, "Read-only file system", "/docs/a.png", None, "/b/a.png")
    assert str(storage.explain(copying, tmp_path)).startswith("/b/a.png: Read-only")
    assert storage.explain(FileNotFoundError(errno.ENOENT, "gone", "/x"), tmp_path) is None
    assert storage.in_sphinx_output("[Errno 2] No such file: '/x'", tmp_path) is None
