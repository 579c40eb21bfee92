"""``make live LANGS=et``: sphinx-autobuild serves one language on 127.0.0.1 and rebuilds
when a catalog changes; the .mo files Sphinx writes do not start rebuilds of their own,
and a broken catalog is named by path:LINE before any rebuild."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import polib

from handbook.build import lock


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(check: Callable[[], bool], seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"no {what} within {seconds} s:\n{log.read_text()[-3000:]}")


def test_the_live_preview_shows_a_changed_catalog_and_names_a_broken_one(rootdir, tmp_path):
    # a tiny project (tests/roots/test-live) laid out like the handbook: docs/, locale/
    project = tmp_path / "project"
    shutil.copytree(rootdir / "test-live", project)
    port, log = free_port(), tmp_path / "live.log"
    command = [sys.executable, "-m", "handbook", "live", "--langs", "et", "--port", str(port)]
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}/index.html"
    po = project / "locale" / "et" / "LC_MESSAGES" / "index.po"
    try:
        wait_for(lambda: "Esimene lõik." in fetch(url), 120, "first build", log)

        catalog = polib.pofile(str(po))
        catalog.find("Первый абзац.").msgstr = "Muudetud lõik."
        catalog.save()
        wait_for(lambda: "Muudetud lõik." in fetch(url), 120, "rebuild", log)

        po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "y\n', "utf-8")
        broken = len(po.read_text(encoding="utf-8").splitlines())
        where = f"locale/et/LC_MESSAGES/index.po:{broken}: syntax"
        wait_for(lambda: where in log.read_text(), 60, "path:LINE of the broken catalog", log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
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
