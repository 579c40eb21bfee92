"""Every problem is reported as path:LINE: message (handbook.findings)."""

from __future__ import annotations

from pathlib import Path

from handbook.findings import Finding, parse_sphinx_output

ROOT = Path("/project")


def test_sphinx_warnings_become_relative_path_line_message():
    output = (
        "reading sources... [ 50%] guides/handover\n"
        "/project/docs/guides/handover.md:12: WARNING: undefined label: 'x' [ref.ref]\n"
        "/project/docs/index.md: WARNING: document isn't included in any toctree"
        " [toc.not_included]\n"
        "\x1b[91m/project/docs/a.md:3: ERROR: Unknown directive type: 'nope'\x1b[39;49;00m\n"
        "WARNING: html_static_path entry 'x' does not exist\n"
        "build finished with problems, 4 warnings (with warnings treated as errors).\n"
    )
    assert parse_sphinx_output(output, ROOT) == [
        Finding("docs/guides/handover.md", 12, "undefined label: 'x' [ref.ref]"),
        Finding("docs/index.md", None, "document isn't included in any toctree [toc.not_included]"),
        Finding("docs/a.md", 3, "Unknown directive type: 'nope'"),
        Finding("conf.py", None, "html_static_path entry 'x' does not exist"),
    ]


def test_a_finding_prints_like_a_compiler_message():
    assert str(Finding("locale/et/LC_MESSAGES/index.po", 7, "bad")) == (
        "locale/et/LC_MESSAGES/index.po:7: bad"
    )
    assert str(Finding("conf.py", None, "bad")) == "conf.py: bad"
