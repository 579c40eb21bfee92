"""Translations are input, not code (handbook/checks/trust.py, sphinxext/sources.py).

Each attack a catalog could carry is put into a copy of the real handbook's Estonian
catalog: the build must refuse it before Sphinx runs, at the msgstr's .po line, execute
nothing (a marker file) and publish nothing of the file it names (the whole build tree is
searched). A second test skips the catalog checks and runs Sphinx itself on the attacks:
the build's own defences (no substitutions, files confined to docs/) still hold.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest
from helpers import run_handbook

from handbook import site
from handbook.build import run as builder

PAGE = "principles/humanity"
SECRET_FILE = Path("/etc/passwd")
SECRET = b"root:x:0:0"


def _attacks(marker: Path) -> dict[str, str]:
    command = f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"
    return {
        "substitution": f"Tekst {command} lõpp.",
        "include": "Tekst.\n\n```{include} /etc/passwd\n```\n",
        "include-relative": "```{include} ../../../../../../../../etc/passwd\n```",
        "raw-file": "```{raw} html\n:file: /etc/passwd\n```",
        "image": "Tekst ![x](../../../../../../../../etc/passwd) lõpp.",
        "download": "Tekst {download}`x <../../../../../../../../etc/passwd>` lõpp.",
        "raw-role": "Tekst {raw-html}`<script>alert(1)</script>` lõpp.",
        "html": "Tekst <img src=x onerror=alert(1)> lõpp.",
        "list": "1. Tekst, mis muutub loendiks.",
    }


def _plain_entry(catalog: polib.POFile) -> polib.POEntry:
    return next(
        e
        for e in catalog.translated_entries()
        if len(e.msgid) > 80 and not set("{`[*") & set(e.msgid)
    )


def _inject(project: Path, msgstr: str) -> int:
    """Put ``msgstr`` into a plain paragraph's entry; the msgstr's line."""
    path = project / "locale" / "et" / "LC_MESSAGES" / f"{PAGE}.po"
    catalog = polib.pofile(str(path))
    entry = _plain_entry(catalog)
    entry.msgstr = msgstr
    catalog.save(str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    start = polib.pofile(str(path)).find(entry.msgid).linenum
    line = next(n for n in range(start, len(lines) + 1) if lines[n - 1].startswith("msgstr"))
    return line


def _leaked(builddir: Path) -> list[Path]:
    return (
        [p for p in builddir.rglob("*") if p.is_file() and SECRET in p.read_bytes()]
        if builddir.exists()
        else []
    )


@pytest.mark.parametrize("attack", sorted(_attacks(Path("/tmp/x"))))
def test_a_translation_that_does_more_than_change_words_is_refused(project_copy, attack):
    assert SECRET in SECRET_FILE.read_bytes()
    marker = project_copy / "MARKER"
    line = _inject(project_copy, _attacks(marker)[attack])
    run = run_handbook(project_copy, "build", "--langs", "et")
    assert run.returncode != 0, run.output
    assert f"locale/et/LC_MESSAGES/{PAGE}.po:{line}:" in run.output, run.output
    assert "Traceback" not in run.output
    assert not marker.exists()
    assert _leaked(project_copy / "_build") == []
    assert not (project_copy / "_build" / "html").exists()  # nothing published


def test_the_build_itself_holds_when_the_catalog_checks_are_skipped(project_copy, tmp_path):
    """Defence in depth: Sphinx run directly on catalogs carrying the attacks."""
    marker = project_copy / "MARKER"
    attacks = _attacks(marker)
    path = project_copy / "locale" / "et" / "LC_MESSAGES" / f"{PAGE}.po"
    catalog = polib.pofile(str(path))
    entries = [e for e in catalog.translated_entries() if not set("{`[*") & set(e.msgid)]
    for entry, name in zip(entries, ("substitution", "image", "download", "include"), strict=False):
        entry.msgstr = attacks[name]
    catalog.save(str(path))
    declaration = site.load(project_copy)
    builddir = tmp_path / "build"
    command = builder.sphinx_command(declaration, "et", builddir)
    done = subprocess.run(command, cwd=project_copy, capture_output=True, text=True)
    output = done.stdout + done.stderr
    assert done.returncode != 0  # the sources errors fail the strict build
    assert "outside docs/" in output, output[-3000:]
    assert not marker.exists()
    assert _leaked(builddir) == [], output[-2000:]
