"""The warm live preview (handbook/build/warm.py): a kept Sphinx application shows each saved
translation, names a broken catalog instead of building, and ends equal to a clean build;
served by ``handbook live --warm`` it reloads the page on save."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import polib
from helpers import differences, fetch, live_preview, wait_for

from handbook import site
from handbook.build import compiled, status_data
from handbook.build.warm import WarmBuild
from handbook.dev.synthetic import generate


def clean_build(project: Path, out: Path) -> None:
    """A cold Sphinx, in a process of its own, with the preview's inputs."""
    declaration = site.load.__wrapped__(project)
    folder = out / "build"
    folder.mkdir(parents=True)
    status_data.write(declaration, folder)
    compiled.mirror(declaration, "et", compiled.folder(folder))
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(project),
        "-D", "language=et", "-D", f"locale_dirs={compiled.folder(folder)}",
        *status_data.option(folder), "-d", str(folder / "doctrees"),
        str(project / "docs"), str(out / "html"),
    ]  # fmt: skip
    done = subprocess.run(command, cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]


def test_a_kept_application_shows_each_saved_translation_and_equals_a_clean_build(tmp_path):
    """Run in a Python of its own, as `make live` runs the kept application: Sphinx keeps
    some translated interface words process-wide, and the in-process test applications of
    other modules (in other languages) would leave theirs in this one's objects.inv."""
    if os.environ.get(CHILD) != "1":
        test = f"{__file__}::{sys._getframe().f_code.co_name}"
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
            env={**os.environ, CHILD: "1"},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
        return
    _kept_application(tmp_path)


CHILD = "HANDBOOK_TEST_WARM_CHILD"


def _kept_application(tmp_path):
    project = generate(tmp_path / "handbook", 6)
    preview = WarmBuild(site.load.__wrapped__(project), "et", project / "_build", quiet=True)
    assert preview()
    folder = project / "locale" / "et" / "LC_MESSAGES"
    path = sorted(folder.rglob("page-*.po"))[0]
    page = (preview.outdir / path.relative_to(folder)).with_suffix(".html")
    for n in range(3):
        catalog = polib.pofile(str(path))
        catalog.translated_entries()[1].msgstr += f" Muudetud {n}."
        catalog.save()
        assert preview([path])
        assert f"Muudetud {n}." in page.read_text(encoding="utf-8")
    source = sorted((project / "docs").rglob("page-*.md"))[-1]
    source.write_text(source.read_text(encoding="utf-8") + "\nНовый абзац.\n", "utf-8")
    assert preview([source])

    good = path.read_text(encoding="utf-8")
    path.write_text(good + '\nmsgid "x"\nmsgstr "y\n', encoding="utf-8")
    assert not preview([path])  # refused: named on stderr, nothing rebuilt
    path.write_text(good, encoding="utf-8")
    assert preview([path])

    clean_build(project, tmp_path / "clean")
    # (.buildinfo: a hash of the options, whose folders differ here)
    assert differences(preview.outdir, tmp_path / "clean" / "html") in ([], [".buildinfo"])


def test_the_warm_server_reloads_a_saved_translation(rootdir, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(rootdir / "test-live", project)
    log = tmp_path / "live.log"
    po = project / "locale" / "et" / "LC_MESSAGES" / "index.po"
    with live_preview(project, log, "--warm") as url:
        wait_for(lambda: "Esimene lõik." in fetch(url), 120, "first build", log)
        assert "websocket-reload" in fetch(url)  # the page reloads itself on a rebuild
        for text in ("Muudetud lõik.", "Teist korda muudetud."):
            catalog = polib.pofile(str(po))
            catalog.find("Первый абзац.").msgstr = text
            saved = time.monotonic()
            catalog.save()
            wait_for(lambda text=text: text in fetch(url), 60, "rebuild", log)
            print(f"save → served: {time.monotonic() - saved:.2f} s")  # a figure, not a test
    assert not list((project / "locale").rglob("*.mo"))
