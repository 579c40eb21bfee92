"""An incremental build writes what a clean build would write.

Sphinx rewrites the pages whose sources (or catalogs) changed, but a page also shows
things that live in other pages: every title in furo's sidebar, its neighbours' titles in
the previous/next links, and the section titles that ``{ref}`` turns into link text. After
a title changes, stock Sphinx leaves those pages with the old words until a clean build.

Here each build remembers what other pages can show — the titles and the toctrees (the
sidebar and previous/next come from these) and the cross-reference targets (labels, terms)
— and after reading compares: a changed title or toctree rewrites every page; a changed
target rewrites the pages that refer to it.

Sphinx 9's search index has gaps of the same kind. An incremental build keeps the index
entries (glossary terms, ``{index}``) only of the pages it rewrote, so searching for a term
finds its glossary entry only after a clean build; and a word no page uses any more stays
in the index with no page. Before the index is written, the entries of every page are put
back from the index domain, in a clean build's order, and the words without pages go.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.index_entries import split_index_msg

import handbook
from handbook.patches import pins
from handbook.sphinxext import state

REFERENCES = "handbook_references"  # env attribute: the targets each page refers to


@dataclass(frozen=True)
class Snapshot:
    layout: tuple  # titles, toctrees and documents: shown on every page
    targets: dict[str, tuple]  # cross-reference target name -> where it points and its text


def snapshot(env: BuildEnvironment) -> Snapshot:
    layout = []
    for docname in sorted(env.found_docs):
        title = env.titles.get(docname)
        toc = env.tocs.get(docname)
        toctrees = [str(node) for node in toc.findall(addnodes.toctree)] if toc else []
        layout.append((docname, str(title) if title else "", tuple(toctrees)))
    std = env.domains.standard_domain.data
    targets: dict[str, tuple] = {}
    for name, value in std.get("labels", {}).items():
        targets[name.lower()] = (*targets.get(name.lower(), ()), ("label", *value))
    for name, value in std.get("anonlabels", {}).items():
        targets[name.lower()] = (*targets.get(name.lower(), ()), ("anon", *value))
    for (objtype, name), value in std.get("objects", {}).items():
        targets[name.lower()] = (*targets.get(name.lower(), ()), (objtype, *value))
    return Snapshot(tuple(layout), targets)


def changed_targets(before: Snapshot, after: Snapshot) -> set[str]:
    names = before.targets.keys() | after.targets.keys()
    return {name for name in names if before.targets.get(name) != after.targets.get(name)}


def _references(doctree: nodes.document) -> set[str]:
    return {
        str(node.get("reftarget", "")).lower() for node in doctree.findall(addnodes.pending_xref)
    }


def _note_references(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    state.pages(env, REFERENCES)[env.docname] = _references(doctree)


def _pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    before = getattr(env, "handbook_snapshot", None)
    after = snapshot(env)
    env.handbook_snapshot = after
    if before is None:  # the first build writes every page anyway
        return []
    if before.layout != after.layout:
        return sorted(env.found_docs)
    changed = changed_targets(before, after)
    if not changed:
        return []
    references = state.pages(env, REFERENCES)
    return sorted(doc for doc in env.found_docs if references.get(doc, set()) & changed)


def _search_entries(entries: Iterable[tuple]) -> list[tuple[str, str, str]]:
    """What IndexBuilder.feed makes of a page's index entries (Sphinx 9.0)."""
    found: set[tuple[str, str, str]] = set()
    for entry_type, value, target_id, main, _category in entries:
        try:
            result = split_index_msg(entry_type, value)
        except ValueError:
            continue
        if entry_type in {"see", "seealso"}:
            found.add((result[0], target_id or "", main))
        found |= {(word, target_id or "", main) for word in result}
    return sorted(found)


def _search_index_as_clean(app: Sphinx) -> list:
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None:
        return []  # no search index (pins.py vouches for the private fields below)
    entries = app.env.domains.index_domain.entries
    # every indexed page, in the order a clean build feeds them (sorted)
    indexer._index_entries = {
        docname: _search_entries(entries.get(docname, ())) for docname in sorted(indexer._titles)
    }
    for words in (indexer._mapping, indexer._title_mapping):
        for word in [word for word, docnames in words.items() if not docnames]:
            del words[word]  # left by IndexBuilder.prune: no page has it any more
    return []


def setup(app: Sphinx) -> dict:
    pins.require(__name__)
    # which targets each page refers to, kept per page like Sphinx's own data
    app.connect("doctree-read", _note_references)
    state.track_pages(app, REFERENCES)
    # after reading: the pages that show something that changed elsewhere
    app.connect("env-get-updated", _pages_to_rewrite)
    # runs after the pages are written, before the search index is dumped
    app.connect("html-collect-pages", _search_index_as_clean)
    return handbook.extension_metadata()
