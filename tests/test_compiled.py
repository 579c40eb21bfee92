"""Each build folder compiles its own copy of the catalogs (handbook/build/compiled.py):
nothing is written into locale/, and a deleted catalog is deleted from the copy too."""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import pytest
from helpers import ROOT

from handbook import site as site_module
from handbook.build import compiled


@pytest.fixture
def project(tmp_path: Path) -> site_module.Site:
    shutil.copy2(ROOT / "handbook.toml", tmp_path / "handbook.toml")
    folder = tmp_path / "locale" / "et" / "LC_MESSAGES"
    (folder / "guides").mkdir(parents=True)
    for name in ("index.po", "guides/handover.po"):
        shutil.copy2(ROOT / "locale" / "et" / "LC_MESSAGES" / name, folder / name)
    return site_module.load.__wrapped__(tmp_path)


def translations(mirror: Path, domain: str) -> gettext.GNUTranslations:
    return gettext.translation(domain, str(mirror), languages=["et"])


def test_the_copy_is_compiled_once_and_nothing_is_written_into_locale(project, tmp_path):
    mirror = tmp_path / "_build" / "locale"
    assert compiled.mirror(project, "et", mirror) == ["guides/handover", "index"]
    assert compiled.mirror(project, "et", mirror) == []  # unchanged: nothing to do
    assert not list(project.locale_dir.rglob("*.mo"))
    copy = mirror / "et" / "LC_MESSAGES"
    # newer than its .po, or Sphinx would compile it again, in place
    assert (copy / "index.mo").stat().st_mtime_ns >= (copy / "index.po").stat().st_mtime_ns
    title = "Справочник по обслуживанию клиентов"
    assert translations(mirror, "index").gettext(title) == "Klienditeeninduse käsiraamat"


def test_a_changed_catalog_is_compiled_again_and_a_deleted_one_is_gone(project, tmp_path):
    mirror = tmp_path / "_build" / "locale"
    compiled.mirror(project, "et", mirror)
    source = project.locale_dir / "et" / "LC_MESSAGES"
    (source / "index.po").write_bytes((source / "index.po").read_bytes() + b"\n")
    (source / "guides" / "handover.po").unlink()
    copy = mirror / "et" / "LC_MESSAGES"
    (copy / ".index.mo.1234.tmp").write_bytes(b"")  # what a killed writer could leave
    assert compiled.mirror(project, "et", mirror) == ["index"]
    assert sorted(p.name for p in copy.rglob("*")) == ["index.mo", "index.po"]


def test_a_catalog_babel_cannot_read_is_named(project, tmp_path):
    (project.locale_dir / "et" / "LC_MESSAGES" / "index.po").write_bytes(b"msgid \xff\n")
    with pytest.raises(compiled.CatalogError, match=r"index\.po: cannot be compiled"):
        compiled.mirror(project, "et", tmp_path / "_build" / "locale")
