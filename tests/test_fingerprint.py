"""A no-op build starts no Sphinx (handbook/build/fingerprint.py); any input change rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import furo
import pytest
from helpers import SOURCE_DATES, differences, git, run_handbook

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


def test_installed_versions_are_inputs(project):
    assert any(d.startswith(f"furo-{furo.__version__}.") for d in fingerprint._distributions())


def test_the_commit_is_no_input_but_a_page_date_is_a_source(project):
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "first", when=SOURCE_DATES["first"])
    first = inputs(project)
    # a commit that changes only files no page depends on: the same fingerprint
    for name in ("README.md", "CONTRIBUTING.md", "Makefile", "design/notes.md", "tests/t.py"):
        (project / name).parent.mkdir(exist_ok=True)
        (project / name).write_text("for developers\n")
    (project / ".github" / "workflows").mkdir(parents=True)
    (project / ".github" / "workflows" / "ci.yml").write_text("on: push\n")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "docs for developers", when=SOURCE_DATES["second"])
    assert inputs(project) == first
    # a commit that changes only a page's date ("Last updated"): a source change, so that
    # Sphinx rewrites that page, but not the machinery (no fresh environment)
    page = next((project / "docs").glob("page-*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "a blank line", when=SOURCE_DATES["first"])
    page.write_text(page.read_text(encoding="utf-8")[:-1], encoding="utf-8")
    git(project, "commit", "-q", "-am", "back", when=SOURCE_DATES["second"])
    dated = inputs(project)
    assert dated.sources != first.sources
    assert dated.machinery == first.machinery


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


def test_a_commit_that_changes_no_page_starts_no_sphinx_and_a_new_date_one_page(project, tmp_path):
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "first", when=SOURCE_DATES["first"])
    assert run_handbook(project, "build", "--langs", "ru").returncode == 0

    (project / "README.md").write_text("What the handbook is.\n")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "readme", when=SOURCE_DATES["second"])
    readme = run_handbook(project, "build", "--langs", "ru")
    assert readme.returncode == 0, readme.output
    assert "[ru]" not in readme.output
    assert readme.output.strip().splitlines()[-1].startswith("up to date ru")

    # the same text committed again on a later day: only its "Last updated" changes
    page, other = sorted((project / "docs").glob("page-*.md"))[:2]
    untouched = (project / "_build" / "work" / "ru" / other.name).with_suffix(".html")
    written = untouched.stat().st_mtime_ns
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "blank", when=SOURCE_DATES["second"])
    page.write_text(text, encoding="utf-8")
    git(project, "commit", "-q", "-am", "back", when=SOURCE_DATES["second"])
    dated = run_handbook(project, "build", "--langs", "ru")
    assert dated.returncode == 0, dated.output
    assert "[ru] writing output" in dated.output  # Sphinx ran ...
    assert untouched.stat().st_mtime_ns == written  # ... incrementally, not -E
    clean = run_handbook(project, "--builddir", str(tmp_path / "clean"), "build", "--langs", "ru")
    assert clean.returncode == 0, clean.output
    assert differences(project / "_build" / "html", tmp_path / "clean" / "html") == []
    published = (project / "_build" / "html" / "ru" / page.name).with_suffix(".html")
    assert "2025-06-20" in published.read_text(encoding="utf-8")
