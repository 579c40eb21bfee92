"""Sources are confined to docs/ (handbook/sphinxext/sources.py): a directive, image or
download that names a file outside the source folder is an error at its line and the file
is never read or copied; a fence left open at the end of a page is an error too."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

SECRET = "TOP-SECRET-LINE"


@pytest.fixture
def secret(rootdir: Path, tmp_path: Path):
    # tests/roots/test-sources is copied to tmp_path/<root>; "../../secret.txt" from
    # its pages points two folders above it.
    for name in ("secret.txt", "secret.svg"):
        (tmp_path / name).write_text(SECRET, encoding="utf-8")
    return tmp_path


@pytest.mark.sphinx("html", testroot="sources", freshenv=True)
def test_files_outside_docs_are_refused_at_their_line_and_never_published(app, secret):
    shutil.copy2(secret / "secret.txt", Path(app.srcdir).parent.parent / "secret.txt")
    shutil.copy2(secret / "secret.svg", Path(app.srcdir).parent.parent / "secret.svg")
    app.build()
    warnings = app.warning.getvalue()
    errors = re.findall(r"escapes\.md:(\d+): ERROR: (.*)", warnings)
    assert {int(line) for line, _ in errors} == {3, 7, 11, 13, 15}, warnings
    assert all("outside docs/" in message for _, message in errors)
    for path in Path(app.outdir).rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Included from inside." in page  # inside docs/ stays allowed
    assert (Path(app.outdir) / "_images" / "picture.svg").is_file()


@pytest.mark.sphinx("html", testroot="sources", freshenv=True)
def test_a_fence_left_open_is_an_error_at_its_first_line(app):
    app.build()
    warnings = app.warning.getvalue()
    expected = r"open\.md:6: ERROR: the code block opened here \(```python\) is never closed"
    assert re.search(expected, warnings), warnings


def test_broken_front_matter_is_named_at_its_line(project_copy):
    from helpers import run_handbook

    story = project_copy / "docs" / "stories" / "kai-unbilled-help.md"
    lines = story.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "---"
    broken_at = next(n for n, line in enumerate(lines) if line.startswith("principles")) + 1
    lines[broken_at - 1] = lines[broken_at - 1] + " ]["
    story.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_handbook(project_copy, "build", "--langs", "ru")
    assert run.returncode == 1
    assert f"docs/stories/kai-unbilled-help.md:{broken_at}: front matter is not valid YAML" in (
        run.output
    ), run.output
    assert "lacks" not in run.output
