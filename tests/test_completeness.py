"""A release language has a readable, non-empty catalog for every Russian page
(handbook/catalogs/completeness.py); a draft language need not."""

from __future__ import annotations

import pytest
from helpers import copy_project

from handbook import site as site_module
from handbook.catalogs import completeness


@pytest.fixture
def project(tmp_path) -> site_module.Site:
    return site_module.load.__wrapped__(copy_project(tmp_path))


def test_the_handbook_has_every_catalog_of_its_release_languages(declaration):
    assert "guides/handover" in completeness.pages(declaration)
    assert completeness.problems(declaration, declaration.codes) == []


def test_missing_empty_and_unreadable_catalogs_are_named(project):
    folder = project.locale_dir / "et" / "LC_MESSAGES"
    (folder / "guides" / "handover.po").unlink()
    (folder / "index.po").write_text('msgid ""\nmsgstr ""\n"Language: et\\n"\n', "utf-8")
    (folder / "glossary.po").unlink()
    (folder / "glossary.po").mkdir()  # exists, cannot be read as a file
    (project.docs_dir / ".#index.md").write_text("an editor's lock file", "utf-8")
    found = {str(f): f for f in completeness.problems(project, ["ru", "et"])}
    assert sorted(f.path for f in found.values()) == [
        "locale/et/LC_MESSAGES/glossary.po",
        "locale/et/LC_MESSAGES/guides/handover.po",
        "locale/et/LC_MESSAGES/index.po",
    ]
    messages = {f.path: f.message for f in found.values()}
    assert messages["locale/et/LC_MESSAGES/guides/handover.po"].startswith(
        "missing: the page docs/guides/handover.md has no catalog"
    )
    assert "make update-po LANGS=et" in messages["locale/et/LC_MESSAGES/guides/handover.po"]
    assert messages["locale/et/LC_MESSAGES/index.po"].startswith("empty: no messages")
    assert messages["locale/et/LC_MESSAGES/glossary.po"].startswith("cannot be read")


def test_a_draft_language_may_lack_catalogs(project):
    draft = site_module.Site(
        project.root,
        project.base_url,
        project.repository,
        project.branch,
        tuple(
            site_module.Language(lang.code, lang.name, lang.title, lang.role, "draft")
            if lang.code == "et"
            else lang
            for lang in project.languages
        ),
    )
    (project.locale_dir / "et" / "LC_MESSAGES" / "index.po").unlink()
    assert completeness.problems(draft, ["et"]) == []
