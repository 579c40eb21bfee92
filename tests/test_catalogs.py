"""Refreshing and counting the catalogs: update-po keeps moved translations and is
idempotent; stats count fuzzy entries apart; a broken catalog stops the build with
``path.po:LINE`` instead of a traceback."""

from __future__ import annotations

import math
import re
from pathlib import Path

import polib
from helpers import run_handbook

from handbook.catalogs import stats as catalogs

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
        "guides/page": {"translated": 3, "fuzzy": 2, "untranslated": 2},
        "handbook": {"translated": 1, "fuzzy": 0, "untranslated": 0},
    }
    assert catalogs.total(stats) == {"translated": 4, "fuzzy": 2, "untranslated": 2}
    assert catalogs.percent(stats["guides/page"]) == 300 / 7
    assert catalogs.percent(catalogs.total(stats)) == 50.0
    assert catalogs.document_stats(tmp_path, "fi") == {}


def test_a_percentage_just_below_100_is_not_shown_as_100():
    assert catalogs.shown(99.96).strip() == "99.9 %"
    assert catalogs.shown(100.0).strip() == "100.0 %"


def test_make_stats_prints_pages_and_a_total_line_and_strict_fails_below_100(project_copy):
    done = run_handbook(project_copy, "stats", "--strict")
    assert done.returncode == 0, done.output
    assert "et  100.0 %  (0 fuzzy, 0 untranslated)" in done.output.splitlines()

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
        f"{math.floor(1000 * (total - 2) / total) / 10:.1f}",  # rounded down, as shown
        "%",
        str(total - 2),
        "translated",
        "1",
        "fuzzy",
        "1",
        "untranslated",
    ]
    assert lines[-1].startswith("et  99.") and lines[-1].endswith("(1 fuzzy, 1 untranslated)")
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
