"""Translated pages come out the same with docutils' settings assembled once
(handbook.patches.fast_i18n) as with MyST's own per-message settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser

from handbook.dev.synthetic import generate
from handbook.patches import fast_i18n


def comparable(settings) -> dict:
    values = vars(settings).copy()
    values["record_dependencies"] = values["record_dependencies"].list  # no __eq__ of its own
    return values


def test_each_caller_gets_its_own_copy_of_the_same_defaults():
    first, second = fast_i18n.default_settings(Parser), fast_i18n.default_settings(Parser)
    assert comparable(first) == comparable(get_default_settings(Parser))
    assert first is not second
    first.report_level = 5
    first._config_files.append("changed")
    assert comparable(second) == comparable(get_default_settings(Parser))


def sphinx_build(project: Path, out: Path, *options: str) -> dict[str, bytes]:
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(project),
         "-D", "language=et", *options, str(project / "docs"), str(out)],
        check=True, cwd=project,
    )  # fmt: skip
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*.html")}


def test_translated_pages_are_the_same_as_with_myst_alone(tmp_path):
    project = generate(tmp_path / "handbook", 6)
    stock = sphinx_build(project, tmp_path / "stock", "-D", "handbook_fast_i18n=0")
    fast = sphinx_build(project, tmp_path / "fast")
    assert len(stock) >= 6 and fast == stock
    assert "<h1>Sünteetiline käsiraamat" in fast["index.html"].decode()  # translated
