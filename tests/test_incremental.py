"""After a title changes, in a source or in a translation, an incremental build writes
exactly what a clean build writes, in every language (handbook.patches.incremental)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from helpers import run_handbook

from handbook.dev.synthetic import generate


def build(project: Path, builddir: Path) -> None:
    run = run_handbook(project, "--builddir", str(builddir), "build")
    assert run.returncode == 0, run.output


def differences(incremental: Path, clean: Path) -> list[str]:
    """Every published file that is missing or not byte for byte the same."""
    names = {p.relative_to(clean) for p in clean.rglob("*") if p.is_file()}
    names |= {p.relative_to(incremental) for p in incremental.rglob("*") if p.is_file()}
    return sorted(
        str(name)
        for name in names
        if not (incremental / name).is_file()
        or not (clean / name).is_file()
        or (incremental / name).read_bytes() != (clean / name).read_bytes()
    )


def catalog(project: Path, code: str, page: str) -> polib.POFile:
    return polib.pofile(str(project / "locale" / code / "LC_MESSAGES" / f"{page}.po"))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """Eight pages three levels deep; the pages link each other with {ref} and {doc}."""
    return generate(tmp_path_factory.mktemp("incremental") / "handbook", 8)


def test_a_title_changed_in_the_source_is_new_on_every_page(project, tmp_path):
    build(project, project / "_build")
    page = "part-1/page-0001"
    source = project / "docs" / f"{page}.md"
    text = source.read_text(encoding="utf-8")
    old = text.splitlines()[1].removeprefix("# ")
    source.write_text(text.replace(old, "Новое название", 1), encoding="utf-8")
    for code, title in (("et", "Uus pealkiri"), ("en", "A new title")):
        po = catalog(project, code, page)  # what a translator does after update-po
        entry = po.find(old)
        entry.msgid, entry.msgstr = "Новое название", title
        po.save()

    build(project, project / "_build")
    build(project, tmp_path / "clean")
    assert differences(project / "_build" / "html", tmp_path / "clean" / "html") == []
    # the new title really is on other pages (the sidebar, the start page, references)
    start = (project / "_build" / "html" / "en" / "index.html").read_text(encoding="utf-8")
    assert "A new title" in start


def test_a_title_changed_in_a_translation_is_new_on_every_page(project, tmp_path):
    build(project, project / "_build")
    po = catalog(project, "et", "part-2/page-0002")
    title = po.translated_entries()[0]
    title.msgstr = "Tõlkes muudetud pealkiri"
    po.save()

    build(project, project / "_build")
    build(project, tmp_path / "clean")
    assert differences(project / "_build" / "html", tmp_path / "clean" / "html") == []
    start = (project / "_build" / "html" / "et" / "index.html").read_text(encoding="utf-8")
    assert "Tõlkes muudetud pealkiri" in start
