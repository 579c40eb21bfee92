"""A no-op build starts no Sphinx (handbook/build/fingerprint.py); any input change rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import furo
import pytest
from helpers import run_handbook

from handbook import site
from handbook.build import fingerprint
from handbook.dev.synthetic import generate


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return generate(tmp_path / "handbook", 6)


def inputs(root: Path, *options: str) -> fingerprint.Inputs:
    return fingerprint.inputs(site.load.__wrapped__(root), root / "_build", options)


def test_the_same_inputs_give_the_same_fingerprint(project):
    assert inputs(project) == inputs(project)


def test_sources_and_catalogs_are_sources(project):
    before = inputs(project)
    page = next((project / "docs").glob("page-*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nЕщё абзац.\n", encoding="utf-8")
    after_page = inputs(project)
    assert after_page.sources != before.sources
    assert after_page.machinery == before.machinery
    catalog = project / "locale" / "et" / "LC_MESSAGES" / "index.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert inputs(project).sources != after_page.sources


def test_conf_templates_and_options_are_machinery(project):
    before = inputs(project)
    conf = project / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    after_conf = inputs(project)
    assert after_conf.machinery != before.machinery
    assert after_conf.sources == before.sources
    (project / "_templates").mkdir()
    (project / "_templates" / "page.html").write_text("{% extends '!page.html' %}\n")
    after_template = inputs(project)
    assert after_template.machinery != after_conf.machinery
    assert inputs(project, "-D", "html_title=X").machinery != after_template.machinery
    # options that only force a rebuild are not an input of the pages
    assert inputs(project, "-a").machinery == after_template.machinery
    assert fingerprint.forced(["-a"]) and not fingerprint.forced(["-D", "x=1"])


def test_what_no_build_reads_is_ignored(project):
    before = inputs(project)
    page = next((project / "docs").glob("page-*.md"))
    page.touch()  # same content, newer time: nothing to rebuild
    (project / "locale" / "et" / "LC_MESSAGES" / "index.mo").write_bytes(b"written by Sphinx")
    (project / "docs" / ".page.md.swp").write_text("an editor's file")
    (project / "tests").mkdir()
    (project / "tests" / "test_x.py").write_text("")
    (project / "design").mkdir()
    (project / "design" / "notes.md").write_text("developer documentation")
    (project / "_build" / "html").mkdir(parents=True)
    (project / "_build" / "html" / "index.html").write_text("output")
    assert inputs(project) == before


def test_installed_versions_and_the_commit_are_inputs(project):
    assert any(d.startswith(f"furo-{furo.__version__}.") for d in fingerprint._distributions())
    before = inputs(project)
    git = project / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "refs" / "heads" / "main").write_text("1" * 40 + "\n")
    first_commit = inputs(project)
    (git / "refs" / "heads" / "main").write_text("2" * 40 + "\n")
    assert before.machinery != first_commit.machinery != inputs(project).machinery


def test_a_no_op_build_starts_no_sphinx_and_a_changed_machinery_starts_afresh(project):
    first = run_handbook(project, "build", "--langs", "ru")
    assert first.returncode == 0, first.output
    index = project / "_build" / "html" / "ru" / "index.html"
    published = index.stat().st_ino, index.stat().st_mtime_ns

    again = run_handbook(project, "build", "--langs", "ru")
    assert again.returncode == 0, again.output
    assert "[ru]" not in again.output  # no Sphinx progress: Sphinx never started
    assert again.output.strip().splitlines()[-1].startswith("up to date ru: no input changed")
    assert (index.stat().st_ino, index.stat().st_mtime_ns) == published

    # recorded, but no longer published: built (and published) again
    shutil.rmtree(project / "_build" / "html" / "ru")
    republished = run_handbook(project, "build", "--langs", "ru")
    assert republished.returncode == 0 and "building ru" in republished.output
    assert index.is_file()

    # Sphinx would not notice a changed conf.py comment (or extension, or theme): the build
    # gives it a fresh environment, so every page is read and written again
    conf = project / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    rebuilt = run_handbook(project, "build", "--langs", "ru")
    assert rebuilt.returncode == 0, rebuilt.output
    assert "[ru] reading sources 100 %" in rebuilt.output
    assert "[ru] writing output 100 %" in rebuilt.output


def test_a_failed_build_is_not_recorded(project):
    assert run_handbook(project, "build", "--langs", "ru").returncode == 0
    page = next((project / "docs").glob("page-*.md"))
    good = page.read_text(encoding="utf-8")
    page.write_text(good + "\nСм. {ref}`no-such-label`.\n", encoding="utf-8")
    assert run_handbook(project, "build", "--langs", "ru").returncode == 1
    # Sphinx already read and wrote the broken page: an incremental retry would find
    # nothing to do and pass. The retry starts afresh and fails again.
    retry = run_handbook(project, "build", "--langs", "ru")
    assert retry.returncode == 1 and "no-such-label" in retry.output
    page.write_text(good, encoding="utf-8")
    back = run_handbook(project, "build", "--langs", "ru")
    assert back.returncode == 0, back.output
    assert "no-such-label" not in (project / "_build" / "html" / "ru" / page.name).with_suffix(
        ".html"
    ).read_text(encoding="utf-8")
