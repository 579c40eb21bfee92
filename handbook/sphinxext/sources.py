"""What a source may do. Sources are trusted, but confined to ``docs/``: nothing a page
names may read a file outside the source folder; and a page's markup must be whole.

- Before MyST parses a page (``source-read``), every directive that reads a file —
  ``include``, ``literalinclude``, ``raw``/``csv-table`` with ``:file:``, ``image``,
  ``figure`` — is resolved; a path that leaves ``docs/`` is an error at its line and the
  directive is blanked out, so the file is never opened. The same pass finds a code fence
  or directive left open at the end of the page (MyST would silently turn the rest of the
  page into one block and lose its labels), and front matter that is not valid YAML (named
  at its own line, instead of MyST's line 1 and a story's "lacks person, role…").
- After reading (``doctree-read``), whatever survived as an image or a download — from a
  source or from a translation that slipped past the catalog checks — is checked again and
  removed with an error before Sphinx copies anything.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

import handbook
from handbook.checks.markup import myst_parser
from handbook.sphinxext import state

logger = logging.getLogger(__name__)

# directive -> where its file is named: the argument, or the :file: option
_BY_ARGUMENT = {"include", "literalinclude", "image", "figure"}
_BY_OPTION = {"raw", "csv-table", "table", "list-table"}
_FILE_OPTION = re.compile(r"^\s*:?file:\s*(\S+)")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def outside(srcdir: Path, docname: str, target: str) -> bool:
    """Whether ``target``, as ``docname`` names it, lies outside the source folder."""
    if not target or _URL.match(target):
        return False
    base = srcdir if target.startswith("/") else (srcdir / docname).parent
    resolved = (base / target.lstrip("/")).resolve()
    return not resolved.is_relative_to(srcdir.resolve())


def _directive_files(info: str, content: str) -> list[str]:
    name, _, argument = info.strip().partition(" ")
    if not (name.startswith("{") and name.endswith("}")):
        return []
    directive = name[1:-1]
    files = [argument.strip()] if directive in _BY_ARGUMENT else []
    if directive in _BY_OPTION or directive in _BY_ARGUMENT:
        files += [m[1] for line in content.splitlines() if (m := _FILE_OPTION.match(line))]
    return files


def _unclosed(token, lines: list[str]) -> bool:
    """A fence runs to the end of the page without a closing line of its own marker."""
    start, end = token.map
    if end < len(lines):
        return False
    last = lines[end - 1].strip() if end - 1 > start else ""
    return not (last.startswith(token.markup) and set(last) == {token.markup[0]})


def problems(text: str, srcdir: Path, docname: str, offset: int = 0):
    """(line, first, last, message) for each file read from outside and each open block."""
    lines = text.rstrip("\n").split("\n")
    found = []
    for token in myst_parser().parse(text):
        if token.type not in ("fence", "colon_fence") or not token.map:
            continue
        start, end = token.map
        if _unclosed(token, lines):
            found.append(
                (
                    offset + start + 1,
                    None,
                    None,
                    f"the {'directive' if '{' in token.info else 'code block'} opened here "
                    f"({token.markup}{token.info.strip()}) is never closed — end it with a "
                    f"line of {token.markup}",
                )
            )
        for target in _directive_files(token.info, token.content):
            if outside(srcdir, docname, target):
                found.append(
                    (
                        offset + start + 1,
                        offset + start,
                        offset + end,
                        f"{token.info.strip()} reads {target}, outside docs/ — a page may "
                        "only read files inside docs/",
                    )
                )
        if token.info.strip().startswith("{"):  # a directive's own content may nest more
            found += problems(token.content, srcdir, docname, offset + start + 1)
    return found


def front_matter_problem(text: str) -> tuple[int, str] | None:
    """(line, message) when the page's front matter is not valid YAML."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 3)
    block = text[4:end] if end != -1 else text[4:]
    try:
        yaml.safe_load(block)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return (
            line,
            f"front matter is not valid YAML: {problem} — fix the line between the '---' lines",
        )
    return None


def _check_source(app: Sphinx, docname: str, source: list[str]) -> None:
    srcdir = Path(app.srcdir)
    if found := front_matter_problem(source[0]):
        line, message = found
        logger.error(message, location=(docname, line), type="handbook", subtype="source")
        state.run(app).broken_front_matter = {*broken_front_matter(app), docname}
    lines = source[0].split("\n")
    for line, first, last, message in problems(source[0], srcdir, docname):
        logger.error(message, location=(docname, line), type="handbook", subtype="source")
        if first is not None:
            lines[first:last] = [""] * (last - first)  # keep the line numbers of the rest
    source[0] = "\n".join(lines)


def broken_front_matter(app: Sphinx) -> set[str]:
    """Pages of this run whose front matter did not parse (already reported)."""
    return getattr(state.run(app), "broken_front_matter", set())


def _check_doctree(app: Sphinx, doctree: nodes.document) -> None:
    env, srcdir = app.env, Path(app.srcdir)
    docname = env.docname
    for node in list(doctree.findall(nodes.image)):
        # Sphinx's candidates are relative to the source folder ("index" lies at its top)
        if any(outside(srcdir, "index", t) for t in node.get("candidates", {}).values()):
            _refuse(node, f"image {node.get('uri')} lies outside docs/")
    for node in list(doctree.findall(addnodes.download_reference)):
        target = node.get("reftarget", "")
        if outside(srcdir, docname, target):
            filename = node.get("filename")
            if filename:  # collected already: forget it so that nothing is copied
                for path, (_, dest) in list(env.dlfiles.items()):
                    if str(dest) == str(filename):
                        del env.dlfiles[path]
            _refuse(node, f"download {target} lies outside docs/")


def _refuse(node: nodes.Element, message: str) -> None:
    logger.error(
        f"{message} — a page may only use files inside docs/",
        location=node,
        type="handbook",
        subtype="source",
    )
    node.replace_self(nodes.Text(""))


def setup(app: Sphinx) -> dict:
    app.connect("source-read", _check_source)
    # after Sphinx's own collectors (500), before anything is copied at writing
    app.connect("doctree-read", _check_doctree, priority=900)
    return handbook.extension_metadata()
