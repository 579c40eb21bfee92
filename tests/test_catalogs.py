"""Refreshing and counting the catalogs: update-po keeps moved translations and is
idempotent; stats count fuzzy entries apart; a broken catalog stops the build with
``path.po:LINE`` instead of a traceback."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
from helpers import run_handbook

from handbook import atomic
from handbook.catalogs import form
from handbook.catalogs import stats as catalogs
from handbook.catalogs.layout import INTERFACE_CATALOGS

FIXTURE = """\
msgid ""
msgstr ""
"Language: et\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "один"
msgstr "üks"

msgid "два"
msgstr "kaks"

msgid "три"
msgstr "kolm"

#, fuzzy
msgid "четыре"
msgstr "neli?"

#, fuzzy
#| msgid "пять!"
msgid "пять"
msgstr "viis?"

#, fuzzy
msgid "шесть"
msgstr ""

msgid "семь"
msgstr ""

#~ msgid "старое"
#~ msgstr "vana"
"""


def po_files(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in project.glob("locale/**/*.po")}


# -- stats ------------------------------------------------------------------------------


def test_stats_count_fuzzy_apart_and_never_as_translated(tmp_path):
    folder = tmp_path / "et" / "LC_MESSAGES"
    (folder / "guides").mkdir(parents=True)
    (folder / "guides" / "page.po").write_text(FIXTURE, encoding="utf-8")
    (folder / "handbook.po").write_text(FIXTURE.split('\nmsgid "два')[0], encoding="utf-8")
    stats = catalogs.document_stats(tmp_path, "et")
    assert stats == {
        "guides/page": {"translated": 3, "fuzzy": 2, "untranslated": 2, "source changed": 1},
        "handbook": {"translated": 1, "fuzzy": 0, "untranslated": 0, "source changed": 0},
    }
    assert catalogs.total(stats) == {
        "translated": 4,
        "fuzzy": 2,
        "untranslated": 2,
        "source changed": 1,
    }
    assert catalogs.percent(stats["guides/page"]) == 300 / 7
    assert catalogs.percent(catalogs.total(stats)) == 50.0
    assert catalogs.document_stats(tmp_path, "fi") == {}


def test_a_percentage_just_below_100_is_not_shown_as_100():
    assert catalogs.shown(99.96).strip() == "99.9 %"
    assert catalogs.shown(100.0).strip() == "100.0 %"


def test_make_stats_prints_pages_and_a_total_line_and_strict_fails_below_100(project_copy):
    done = run_handbook(project_copy, "stats", "--strict")
    assert done.returncode == 0, done.output
    assert "et  100.0 %  (0 fuzzy, 0 of them source changed, 0 untranslated)" in (
        done.output.splitlines()
    )

    path = project_copy / "locale" / "et" / "LC_MESSAGES" / "principles" / "growth.po"
    catalog = polib.pofile(str(path))
    entries = [e for e in catalog if e.msgid]
    entries[1].flags.append("fuzzy")
    entries[2].msgstr = ""
    catalog.save()
    total = len(entries)
    done = run_handbook(project_copy, "stats", "--langs", "et")
    assert done.returncode == 0, done.output
    lines = done.output.splitlines()
    page = next(line for line in lines if "principles/growth " in line)
    assert page.split()[2:] == [
        catalogs.shown(100 * (total - 2) / total).split()[0],  # rounded down, as shown
        "%",
        str(total - 2),
        "translated",
        "1",
        "fuzzy",
        "(0",
        "source",
        "changed)",
        "1",
        "untranslated",
    ]
    assert lines[-1].startswith("et  99.")
    assert lines[-1].endswith("(1 fuzzy, 0 of them source changed, 1 untranslated)")
    assert run_handbook(project_copy, "stats", "--strict").returncode == 1


# -- update-po --------------------------------------------------------------------------


def test_the_committed_catalogs_are_what_update_po_makes(project_copy):
    before = po_files(project_copy)
    done = run_handbook(project_copy, "update-po")
    assert done.returncode == 0, done.output
    assert po_files(project_copy) == before, done.output


def test_a_moved_paragraph_keeps_its_translation_as_fuzzy_and_a_rerun_changes_nothing(
    project_copy,
):
    docs, locale = project_copy / "docs" / "principles", project_copy / "locale"
    source = (docs / "growth.md").read_text(encoding="utf-8").split("\n\n")
    moved = next(block for block in source if block.startswith("Важная мысль"))
    (docs / "growth.md").write_text("\n\n".join(b for b in source if b != moved), "utf-8")
    with (docs / "adventure.md").open("a", encoding="utf-8") as page:
        page.write(f"\n{moved}\n")
    old = {
        code: polib.pofile(str(locale / code / "LC_MESSAGES/principles/growth.po")).find(moved)
        for code in ("et", "en")
    }

    first = run_handbook(project_copy, "update-po")
    assert first.returncode == 0, first.output
    assert "2 translations reused" in first.output
    for code in ("et", "en"):
        folder = locale / code / "LC_MESSAGES" / "principles"
        assert polib.pofile(str(folder / "growth.po")).find(moved) is None
        arrived = polib.pofile(str(folder / "adventure.po")).find(moved)
        assert arrived.msgstr == old[code].msgstr and old[code].msgstr
        assert arrived.fuzzy

    after_first = po_files(project_copy)
    second = run_handbook(project_copy, "update-po")
    assert second.returncode == 0, second.output
    assert po_files(project_copy) == after_first
    assert "0 changed" in second.output


# -- a broken catalog stops the build ----------------------------------------------------


def test_a_broken_catalog_or_added_html_fails_the_build_with_path_line(project_copy):
    growth = project_copy / "locale" / "et" / "LC_MESSAGES" / "principles" / "growth.po"
    lines = growth.read_text(encoding="utf-8").splitlines()
    broken = next(i for i, line in enumerate(lines) if line.startswith('msgstr "') and i > 20)
    lines[broken] = lines[broken].rstrip('"')  # an unclosed string
    growth.write_text("\n".join(lines) + "\n", encoding="utf-8")
    humanity = project_copy / "locale" / "en" / "LC_MESSAGES" / "principles" / "humanity.po"
    catalog = polib.pofile(str(humanity))
    catalog[0].msgstr = f'<script src="https://evil.example/x.js"></script>{catalog[0].msgstr}'
    catalog.save()
    done = run_handbook(project_copy, "build", "--langs", "et en")
    assert done.returncode == 1
    assert "Traceback" not in done.output
    assert (
        f"locale/et/LC_MESSAGES/principles/growth.po:{broken + 1}: syntax: the string is not "
        "closed" in done.output
    )
    found = re.search(
        r"locale/en/LC_MESSAGES/principles/humanity.po:(\d+): raw HTML <script", done.output
    )
    assert found, done.output
    entry = humanity.read_text(encoding="utf-8").splitlines()[int(found[1]) - 1 :]
    assert entry[0].startswith("msgstr") and "<script" in " ".join(entry[:3])
    assert not (project_copy / "_build" / "html").exists()


# -- translators see what changed (#| msgid) ------------------------------------------------


def blocks(path: Path) -> list[str]:
    """A catalog's entries (and header) as text blocks, in file order."""
    return path.read_text(encoding="utf-8").split("\n\n")


def test_an_edited_paragraph_keeps_its_old_text_as_previous_msgid_in_every_translation(
    project_copy,
):
    page, locale = project_copy / "docs" / "principles" / "growth.md", project_copy / "locale"
    source = page.read_text(encoding="utf-8")
    old = next(b for b in source.split("\n\n") if b.startswith("Важная мысль"))
    new = old.replace("Важная мысль", "Самая важная мысль")
    page.write_text(source.replace(old, new), encoding="utf-8")
    catalogs_of = {
        code: locale / code / "LC_MESSAGES/principles/growth.po" for code in ("et", "en")
    }
    before = {code: blocks(path) for code, path in catalogs_of.items()}
    # a broken catalog elsewhere is refused and named, and stops nothing else
    broken = locale / "en" / "LC_MESSAGES" / "principles" / "humanity.po"
    broken.write_bytes(broken.read_bytes().replace(b'msgid "', b'msgid "\\q', 1))
    broken_bytes = broken.read_bytes()
    created = locale / "en" / "LC_MESSAGES" / "stories" / "index.po"  # as for a new language
    created.unlink()

    done = run_handbook(project_copy, "update-po")
    assert done.returncode == 1
    assert not form.needs_formatting(created.read_bytes(), str(created))
    line = next(i for i, text in enumerate(broken_bytes.splitlines(), 1) if b"\\q" in text)
    assert f"locale/en/LC_MESSAGES/principles/humanity.po:{line}: syntax: unknown escape" in (
        done.output
    )
    assert broken.read_bytes() == broken_bytes
    assert "2 sources changed" in done.output
    for code, path in catalogs_of.items():
        entry = polib.pofile(str(path)).find(new)
        assert entry.fuzzy and entry.previous_msgid == old and entry.msgstr
        # only that entry changed: no header line, no other entry rewrapped
        after = blocks(path)
        changed = [i for i, (a, b) in enumerate(zip(before[code], after, strict=True)) if a != b]
        assert len(changed) == 1 and "#| msgid" in after[changed[0]], code
    stats = run_handbook(project_copy, "stats", "--langs", "et")
    assert "(1 fuzzy, 1 of them source changed, 0 untranslated)" in stats.output

    # the translator accepts the translation in an editor that leaves the #| lines behind
    et = catalogs_of["et"]
    et.write_text(et.read_text(encoding="utf-8").replace("#, fuzzy\n#|", "#|", 1), "utf-8")
    assert "#| msgid" in et.read_text(encoding="utf-8")
    broken.write_bytes(broken_bytes.replace(b"\\q", b"", 1))
    done = run_handbook(project_copy, "update-po")
    assert done.returncode == 0, done.output
    assert "#|" not in et.read_text(encoding="utf-8")
    assert not polib.pofile(str(et)).find(new).fuzzy
    assert "#| msgid" in catalogs_of["en"].read_text(encoding="utf-8")  # still fuzzy there


# -- an interrupted update-po loses nothing --------------------------------------------------

# update-po after Sphinx's extraction (which writes no catalog): the part that writes them,
# in a process of its own, so that a dozen runs stay quick
MERGE = [
    sys.executable,
    "-c",
    "from pathlib import Path; from handbook import site; from handbook.catalogs import update; "
    "update.merge_templates(site.load(Path.cwd()), Path('_build/gettext'), ['et', 'en'])",
]
UPDATE_PO = [sys.executable, "-m", "handbook", "update-po"]  # the whole command, as make runs it

# (signal, catalogs already replaced when it is sent, what runs): from the start to the last
MOMENTS = [
    (signal.SIGINT, 0, MERGE),
    (signal.SIGKILL, 1, MERGE),
    (signal.SIGINT, 2, UPDATE_PO),
    (signal.SIGKILL, 4, MERGE),
    (signal.SIGINT, 7, MERGE),
    (signal.SIGKILL, 11, UPDATE_PO),
    (signal.SIGINT, 17, MERGE),
    (signal.SIGKILL, 25, MERGE),
    (signal.SIGINT, 34, MERGE),
    (signal.SIGKILL, 45, MERGE),
    (signal.SIGKILL, 57, MERGE),
]


def reviewed(path: Path) -> dict[str, str]:
    """A catalog's reviewed translations; the strict lexer first, so a cut file fails."""
    catalog = form.parse(path.read_bytes(), str(path))
    return {e.msgid: e.msgstr for e in catalog.translated_entries() if not e.obsolete}


def signature(path: Path) -> tuple[int, int, int]:
    status = path.stat()
    return status.st_ino, status.st_size, status.st_mtime_ns


def interrupt(
    project: Path, catalogs: list[Path], sig: int, replaced: int, command: list[str]
) -> None:
    """Start ``command`` and send ``sig`` to it once ``replaced`` catalogs have
    been touched, or ``replaced - 1`` and a temporary file of the next one exists.
    Touched = inode, size or time changed: that sees a rename as well as a write in place."""

    def touched() -> set[Path]:
        return {p for p in catalogs if signature(p) != state[p]}

    state = {p: signature(p) for p in catalogs}
    process = subprocess.Popen(
        command,
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
    )
    try:
        while process.poll() is None:
            done = len(touched())
            writing = replaced and done >= replaced - 1 and any(project.glob("locale/**/.*.tmp"))
            if done >= replaced or writing:
                os.killpg(process.pid, sig)
                break
            time.sleep(0.001)
    finally:
        process.wait()


def test_update_po_interrupted_at_any_moment_leaves_every_catalog_as_it_was_or_as_it_should_be(
    project_copy,
):
    for page in (project_copy / "docs").rglob("*.md"):  # every catalog gets a new entry
        with page.open("a", encoding="utf-8") as text:
            text.write("\nНовый абзац в конце страницы.\n")
    catalogs = [
        path
        for code in ("et", "en")
        for path in sorted((project_copy / "locale" / code).glob("LC_MESSAGES/**/*.po"))
        if path.stem not in INTERFACE_CATALOGS
    ]
    pristine = {p: p.read_bytes() for p in catalogs}
    translations = {p: reviewed(p) for p in catalogs}
    done = run_handbook(project_copy, "update-po")  # what they should be; Sphinx warmed up
    assert done.returncode == 0, done.output
    expected = {p: p.read_bytes() for p in catalogs}
    assert all(expected[p] != pristine[p] for p in catalogs)
    assert len(catalogs) > MOMENTS[-1][1]

    for sig, replaced, command in MOMENTS:
        for path in catalogs:
            atomic.write_bytes(path, pristine[path])  # a new inode, as update-po's own writes
        interrupt(project_copy, catalogs, sig, replaced, command)
        for leftover in project_copy.glob("locale/**/.*.tmp"):
            leftover.unlink()  # a temporary file killed before its rename: never a catalog
        for path in catalogs:
            where = f"{path.relative_to(project_copy)} after {sig.name} at {replaced}"
            assert path.read_bytes() in (pristine[path], expected[path]), where
            assert reviewed(path) == translations[path], where
