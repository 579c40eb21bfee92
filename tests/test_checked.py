"""A build re-checks only the catalogs that changed (handbook/build/checked.py), and a
catalog with findings is reported on every build."""

from __future__ import annotations

from pathlib import Path

import polib

from handbook import checks, site
from handbook.build import checked
from handbook.dev.synthetic import generate


def test_only_changed_catalogs_are_checked_and_findings_every_time(tmp_path, monkeypatch):
    project = generate(tmp_path / "handbook", 4)
    declaration = site.load.__wrapped__(project)
    builddir = project / "_build"
    builddir.mkdir()
    seen: list[Path] = []
    check = checks.catalog_blockers

    def counted(site, code, path):
        seen.append(path)
        return check(site, code, path)

    monkeypatch.setattr(checks, "catalog_blockers", counted)
    assert checked.blockers(declaration, ["et"], builddir, "m1") == []
    everything = len(seen)
    assert everything > 3
    seen.clear()
    assert checked.blockers(declaration, ["et"], builddir, "m1") == []
    assert seen == []  # all passed before, none changed

    path = sorted((project / "locale" / "et" / "LC_MESSAGES").rglob("page-*.po"))[0]
    catalog = polib.pofile(str(path))
    catalog.translated_entries()[1].msgstr += " <script>alert(1)</script>"  # raw HTML
    catalog.save()
    for _ in range(2):  # refused, and refused again
        seen.clear()
        found = checked.blockers(declaration, ["et"], builddir, "m1")
        assert seen == [path] and found and all(f.path.endswith(path.name) for f in found)
    assert checked.blockers(declaration, ["en"], builddir, "m1") == []  # another language
    seen.clear()
    checked.blockers(declaration, ["et"], builddir, "m2")  # another package or handbook.toml
    assert len(seen) == everything
