"""Narrower must not mean wrong: every file a Sphinx build of the real handbook opens is
covered by that language's fingerprint (handbook/build/fingerprint.py) — no other
language's catalog — or is one of the few things it covers another way. Sphinx runs
under handbook/dev/opens.py, an audit hook on ``open``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SOURCE_DATES, copy_project, git

import handbook
from handbook import site
from handbook.build import compiled, fingerprint, run, status_data
from handbook.search import lemmas


def covered_otherwise(path: Path, builddir: Path) -> bool:
    """Files the fingerprint stands for without hashing them: the build's own state; Python
    and the installed distributions (their versions are hashed); the lemma dictionaries
    made once from an installed simplemma (its version is hashed); the operating system's
    files (time zones), which no fingerprint of ours follows."""
    return (
        path.is_relative_to(builddir)
        or path.is_relative_to(Path(sys.prefix).resolve())
        or path.is_relative_to(Path(sys.base_prefix).resolve())
        or path.is_relative_to(lemmas.cache_dir().resolve())
        or path.parts[1] in {"usr", "etc", "proc", "sys", "dev"}
    )


def its_own(path: Path, locale: Path, code: str, declared: set[str]) -> bool:
    """In the fingerprint of ``code``: anything but another language's catalogs."""
    if not path.is_relative_to(locale):
        return True
    parts = path.relative_to(locale).parts
    return not (len(parts) > 1 and parts[0] in declared and parts[0] != code)


# et: a translation reads its catalogs, and its status page the figures of all
@pytest.mark.parametrize("code", ["et"])
def test_every_file_a_build_opens_is_covered_by_its_language_fingerprint(tmp_path, code):
    project = copy_project(tmp_path / "handbook")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "sources", when=SOURCE_DATES["first"])
    declaration = site.load.__wrapped__(project)
    builddir = project / "_build"
    builddir.mkdir()
    status_data.write(declaration, builddir)  # the status page's figures, as make html does
    compiled.mirror(declaration, code, compiled.folder(builddir))
    options = status_data.option(builddir)
    command = run.sphinx_command(declaration, code, builddir, options, compiled.folder(builddir))
    listing = tmp_path / "opened.txt"
    at = command.index("sphinx")
    command[at : at + 1] = ["handbook.dev.opens", str(listing), "sphinx"]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    root, package = project.resolve(), Path(handbook.__file__).resolve().parent
    locale, declared = declaration.locale_dir.resolve(), set(declaration.codes)
    hashed = {
        p.resolve()
        for p in fingerprint.input_files(root, exclude=[builddir])
        if its_own(p.resolve(), locale, code, declared)
    }
    hashed |= {p.resolve() for p in fingerprint.input_files(package, project=False)}
    opened = {Path(line).resolve() for line in listing.read_text(encoding="utf-8").splitlines()}
    opened = {path for path in opened if path.is_file()}
    assert any(path.suffix == ".md" for path in opened)  # the hook saw the build's reading
    missed = sorted(
        str(path)
        for path in opened
        if path not in hashed
        and path.suffix != ".pyc"  # compiled from a hashed .py
        and not covered_otherwise(path, builddir.resolve())
    )
    assert missed == []
