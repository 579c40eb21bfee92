"""``make live LANGS=et``: sphinx-autobuild serves one language on 127.0.0.1 and rebuilds
when a catalog changes; the .mo files Sphinx writes do not start rebuilds of their own,
and a broken catalog is named by path:LINE before any rebuild."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import polib
from helpers import fetch, live_preview, wait_for

from handbook.build import lock


def test_the_live_preview_shows_a_changed_catalog_and_names_a_broken_one(rootdir, tmp_path):
    # a tiny project (tests/roots/test-live) laid out like the handbook: docs/, locale/
    project = tmp_path / "project"
    shutil.copytree(rootdir / "test-live", project)
    log = tmp_path / "live.log"
    po = project / "locale" / "et" / "LC_MESSAGES" / "index.po"
    with live_preview(project, log) as url:
        wait_for(lambda: "Esimene lõik." in fetch(url), 120, "first build", log)

        catalog = polib.pofile(str(po))
        catalog.find("Первый абзац.").msgstr = "Muudetud lõik."
        catalog.save()
        wait_for(lambda: "Muudetud lõik." in fetch(url), 120, "rebuild", log)

        po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "y\n', "utf-8")
        broken = len(po.read_text(encoding="utf-8").splitlines())
        where = f"locale/et/LC_MESSAGES/index.po:{broken}: syntax"
        wait_for(lambda: where in log.read_text(), 60, "path:LINE of the broken catalog", log)
    changes = re.findall(r"Detected changes \(([^)]*)\)", log.read_text())
    assert changes and not any(".mo" in change for change in changes), changes
    # the preview compiles into its own folder (handbook/build/compiled.py): make html,
    # running beside it, never reads a .mo the preview is writing
    assert not list((project / "locale").rglob("*.mo"))
    assert (project / "_build" / "live" / "locale" / "et" / "LC_MESSAGES" / "index.mo").is_file()


def test_a_second_preview_of_the_same_language_stops_in_one_line(rootdir, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(rootdir / "test-live", project)
    with lock.held(project / "_build" / "live" / "doctrees" / "et"):  # the first preview
        done = subprocess.run(
            [sys.executable, "-m", "handbook", "live", "--langs", "et", "--port", "1"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr.strip().endswith("another `make live LANGS=et` is running")
    assert len(done.stderr.strip().splitlines()) == 1
