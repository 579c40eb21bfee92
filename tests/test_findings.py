"""Every problem is reported as path:LINE: message (handbook.findings)."""

from __future__ import annotations

from pathlib import Path

from handbook.findings import Finding, in_catalog, parse_sphinx_output

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


def test_a_problem_inside_a_translated_message_is_read():
    root = Path("/project")
    text = (
        "/project/docs/principles/humanity.md:4:<translated>:1: CRITICAL: Unknown directive\n"
        "checking consistency... /project/docs/orphan.md: WARNING: document isn't included\n"
    )
    assert parse_sphinx_output(text, root) == [
        Finding("docs/principles/humanity.md", 4, "Unknown directive"),
        Finding("docs/orphan.md", None, "document isn't included"),
    ]


def test_a_problem_at_a_russian_line_moves_to_the_po_line_of_its_translation(declaration):
    docs = declaration.docs_dir
    source = docs / "principles" / "humanity.md"
    lines = source.read_text(encoding="utf-8").splitlines()
    number = next(n for n, t in enumerate(lines, 1) if len(t) > 80 and not set("{`[*") & set(t))
    finding = Finding("docs/principles/humanity.md", number, "something is wrong")
    catalog_dir = declaration.locale_dir / "et" / "LC_MESSAGES"
    moved = in_catalog(finding, docs, catalog_dir, declaration.root)
    assert moved.path == "locale/et/LC_MESSAGES/principles/humanity.po"
    po_lines = (catalog_dir / "principles" / "humanity.po").read_text(encoding="utf-8")
    assert po_lines.splitlines()[moved.line - 1].startswith("msgstr")
    assert moved.message == f"something is wrong (translation of {finding.path}:{number})"
    # a blank line has no translated entry behind it: the finding stays where it was
    blank = next(n for n, t in enumerate(lines, 1) if not t.strip())
    unmoved = Finding(finding.path, blank, "x")
    assert in_catalog(unmoved, docs, catalog_dir, declaration.root) == unmoved
