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


def written(project: Path) -> dict[str, int]:
    work = project / "_build" / "work"
    return {str(p.relative_to(work)): p.stat().st_mtime_ns for p in work.rglob("*.html")}


def test_a_changed_source_paragraph_rewrites_only_its_page_in_every_language(project, tmp_path):
    before = written(project)
    page = sorted((project / "docs").rglob("page-*.md"))[-1]
    text = page.read_text(encoding="utf-8")
    paragraph = next(line for line in text.splitlines() if len(line) > 60)
    page.write_text(text.replace(paragraph, paragraph + " Новое предложение."), "utf-8")
    output = build(project, project / "_build")
    assert ran(output) == {"ru", "et", "en"}, output
    changed = {name for name, when in written(project).items() if before.get(name) != when}
    name = str(page.relative_to(project / "docs").with_suffix(".html"))
    # the page itself, the start page, whose status tables are made on every build, and
    # the pages Sphinx writes after every build (index, search, not found)
    always = ("index.html", "genindex.html", "search.html", "404.html")
    assert changed == {f"{code}/{n}" for code in ("ru", "et", "en") for n in (name, *always)}
    build(project, tmp_path / "clean")
    assert differences(project / "_build" / "html", tmp_path / "clean" / "html") == []
    for code in ("ru", "et", "en"):  # untranslated, the new sentence shows in Russian
        shown = (project / "_build" / "html" / code / name).read_text(encoding="utf-8")
        assert "Новое предложение." in shown
