"""The synthetic handbook of `make bench` (handbook/dev/synthetic.py) and its comparison of the
stock and our builds (handbook/dev/bench.py). The benchmark itself is not part of make test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest

from handbook.dev import bench
from handbook.dev.synthetic import generate, shape


def test_a_large_handbook_is_nested_several_levels_deep(tmp_path):
    project = generate(tmp_path / "handbook", 300)
    docs = list((project / "docs").rglob("*.md"))
    assert len(docs) == 300
    assert max(len(p.relative_to(project / "docs").parts) for p in docs) == 4  # 3 folders
    assert shape(300) == (3, 3)
    for code in ("et", "en"):
        assert len(list((project / "locale" / code / "LC_MESSAGES").rglob("*.po"))) >= 300
    page = (project / "docs" / "part-1" / "chapter-1" / "section-1" / "page-0001.md").read_text()
    assert page.startswith("(page-0001)=\n# ") and "{ref}`" in page and "{term}`" in page


def test_every_message_sphinx_extracts_has_a_translation(tmp_path):
    project = generate(tmp_path / "handbook", 12)
    pot = tmp_path / "pot"
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-c", str(project),
         str(project / "docs"), str(pot)],
        check=True, cwd=project,
    )  # fmt: skip
    pages = {p.relative_to(project / "docs").with_suffix("") for p in project.rglob("docs/**/*.md")}
    # (templates of interface strings, such as sphinx.pot, are not the pages' business)
    templates = [
        t for t in sorted(pot.rglob("*.pot")) if t.relative_to(pot).with_suffix("") in pages
    ]
    assert len(templates) == len(pages) == 12
    for template in templates:
        wanted = {entry.msgid for entry in polib.pofile(str(template))}
        for code in ("et", "en"):
            path = project / "locale" / code / "LC_MESSAGES" / template.relative_to(pot)
            catalog = polib.pofile(str(path.with_suffix(".po")))
            translated = {entry.msgid for entry in catalog.translated_entries()}
            assert wanted <= translated, (code, template.name, wanted - translated)


def test_the_folder_must_be_new_or_empty(tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "file").write_text("")
    with pytest.raises(FileExistsError):
        generate(tmp_path / "used", 10)


def page(folder: Path, name: str, main: str, sidebar: str = "<ul></ul>") -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'<div class="sidebar-tree">{sidebar}</div>\n'
        f'<article role="main" id="furo-main-content">{main}</article>\n',
        encoding="utf-8",
    )


def test_the_comparison_finds_missing_pages_and_different_main_content(tmp_path):
    stock, ours = tmp_path / "stock", tmp_path / "ours"
    page(stock, "et/index.html", "<h1>Avaleht</h1>")
    page(ours, "et/index.html", "<h1>Avaleht</h1>", sidebar="<ul><li>other</li></ul>")
    page(stock, "et/a.html", "<p>sama</p>")
    page(ours, "et/a.html", "<p>sama</p>")
    same = bench.compare(stock, ours, ["et"])
    assert same.ok and (same.pages, same.same_content, same.same_navigation) == (2, 2, 1)
    assert same.identical == 1

    page(ours, "et/a.html", "<p>teine</p>")
    page(stock, "et/only-stock.html", "<p>x</p>")
    different = bench.compare(stock, ours, ["et"])
    assert not different.ok
    assert different.problems == [
        "et/only-stock.html: only in stock",
        "et/a.html: main content differs",
    ]


def test_the_loops_change_what_they_say_and_each_has_a_row(tmp_path):
    project = generate(tmp_path / "handbook", 6)
    page = bench.change_one_paragraph(project)
    assert "Новое предложение." in page.read_text(encoding="utf-8")
    assert bench.change_no_page(project) == project / "README.md"
    timing = bench.Timing(2.0, 1.0, 2**20)
    stock = {"clean": timing, "no-op": timing, **dict.fromkeys(bench.LOOPS, timing)}
    rows = bench._rows(stock, {name: bench.Timing(1.0, 1.0, 2**20) for name in stock})
    labels = [row[0] for row in rows]
    assert labels[3:7] == [label for label, _ in bench.LOOPS.values()]
    assert rows[3][3] == "×2.0"


def test_incremental_and_clean_trees_are_compared_byte_for_byte(tmp_path):
    for name in ("a", "b"):
        page(tmp_path / name, "et/index.html", "<p>sama</p>")
    assert bench.differences(tmp_path / "a", tmp_path / "b") == []
    page(tmp_path / "b", "et/index.html", "<p>teine</p>")
    page(tmp_path / "b", "et/new.html", "<p>uus</p>")
    assert bench.differences(tmp_path / "a", tmp_path / "b") == ["et/index.html", "et/new.html"]
