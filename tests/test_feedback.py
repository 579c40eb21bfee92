"""A catalog change rebuilds its language only (design/feedback.md): each language has its
own fingerprint, and the status page shows figures counted before Sphinx
(handbook/build/status_data.py). After each change the published site equals a clean build."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from helpers import differences, run_handbook

from handbook.dev.synthetic import generate


def build(project: Path, builddir: Path) -> str:
    run = run_handbook(project, "--builddir", str(builddir), "build")
    assert run.returncode == 0, run.output
    return run.output


def ran(output: str) -> set[str]:
    """The languages whose Sphinx ran (each reports its progress)."""
    return {code for code in ("ru", "et", "en") if f"[{code}] " in output}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """Six pages; the start page holds the translation status of every language."""
    root = generate(tmp_path_factory.mktemp("feedback") / "handbook", 6)
    index = root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n```{translation-status}\n```\n")
    build(root, root / "_build")
    return root


def edit(project: Path, code: str, change) -> None:
    path = project / "locale" / code / "LC_MESSAGES" / "part-1" / "page-0001.po"
    if not path.is_file():
        path = next((project / "locale" / code / "LC_MESSAGES").rglob("page-*.po"))
    po = polib.pofile(str(path))
    change([e for e in po.translated_entries() if e.msgid != po.translated_entries()[0].msgid])
    po.save()


def test_a_corrected_translation_rebuilds_its_language_only(project, tmp_path):
    def correct(entries):
        entries[0].msgstr += " Parandatud."

    edit(project, "et", correct)
    output = build(project, project / "_build")
    assert ran(output) == {"et"}, output
    assert "ru unchanged" in output and "en unchanged" in output
    build(project, tmp_path / "clean")
    assert differences(project / "_build" / "html", tmp_path / "clean" / "html") == []
    page = next((project / "_build" / "html" / "et").rglob("page-*.html"))
    assert "Parandatud." in "".join(
        p.read_text(encoding="utf-8") for p in page.parent.rglob("*.html")
    )


def test_a_changed_figure_rewrites_every_status_page(project, tmp_path):
    def untranslate(entries):
        entries[0].msgstr = ""

    edit(project, "en", untranslate)
    output = build(project, project / "_build")
    assert ran(output) == {"ru", "et", "en"}, output  # each language's status page
    build(project, tmp_path / "clean")
    assert differences(project / "_build" / "html", tmp_path / "clean" / "html") == []
    # and the next build, with nothing changed, starts no Sphinx
    assert ran(build(project, project / "_build")) == set()
