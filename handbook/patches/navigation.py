"""furo's sidebar navigation, built once per language instead of once per page.

furo asks Sphinx for the whole site's toctree on every page and reparses it with
BeautifulSoup to add its expand/collapse checkboxes: each page costs time proportional to
the number of pages, so a build grows with the square of its size (most of a clean build
at 300 pages). Yet the tree is the same on every page except for three things: the links
are relative to the page, the page and its ancestors carry ``current`` (their checkboxes
checked), and the last of them is ``current-page``.

So this extension resolves the toctree once, with a placeholder for every link and for
every class list that ``current`` could join, lets furo's own code turn it into its
sidebar once, and then fills the placeholders for each page with string joins. Readers see
exactly what stock furo renders: tests/test_navigation.py compares every page of a
fixture, and every build compares one or two pages with furo's own per-page result.

It depends on furo internals (how furo asks for the toctree and marks the current page),
so furo is pinned exactly and any other version, or any difference from furo's own
output, stops the build with a message instead of rendering something else.

``html-page-context`` handlers that read or change ``furo_navigation_tree`` must run after
this one (priority > 501); before it, the context holds the placeholders.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

import handbook
from handbook.patches import pins
from handbook.sphinxext.state import run as run_state

logger = logging.getLogger(__name__)

# exactly how furo's _compute_navigation_tree calls context["toctree"]
FURO_CALL = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
# a document name no toctree can contain, so that nothing is marked current
PROBE = "\x00handbook-navigation-probe"
URI_TOKEN = "hbnavuri"
CLASS_TOKEN = "hbnavcls"
_TOKEN = re.compile(rf"{URI_TOKEN}(\d+)x|{CLASS_TOKEN}(\d+)x")
_CLASS_ATTR = re.compile(r' class="([^"]*)"')
_ATTRIBUTE = re.compile(r' ([\w:-]+)="')


class NavigationChanged(SphinxError):
    category = "furo's navigation changed"


@dataclass
class _Slot:
    kind: str  # "href", "class" or "checked"
    index: int  # the link (href) or the element (class, checked)
    before: tuple[str, ...] = ()  # class: the classes before the place of "current"
    after: tuple[str, ...] = ()  # class: the classes after it
    anchor: str = ""  # href: the "#fragment" after the page's address


@dataclass
class Template:
    """One language's sidebar, cut into literal text and page-dependent slots."""

    html: str  # the toctree HTML handed to furo, placeholders included
    targets: list[str]  # document of each link placeholder
    item_of: dict[int, bool] = field(default_factory=dict)  # element -> is a <li>
    # document -> {element: how many links to the document it contains}
    current: dict[str, dict[int, int]] = field(default_factory=dict)
    parts: list[str | _Slot] = field(default_factory=list)
    furo_html: str = ""  # what furo made of `html`

    def render(self, pagename: str, page_uri: str, target_uris: list[str]) -> str:
        counts = self.current.get(pagename, {})
        items = [index for index in counts if self.item_of[index]]
        current_page = max(items) if items else None  # furo marks the last current <li>
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif part.kind == "href":  # as Sphinx's writer: an empty address is "#"
                out.append(relative_uri(page_uri, target_uris[part.index]) + part.anchor or "#")
            elif part.kind == "class":
                classes = [*part.before, *["current"] * counts.get(part.index, 0), *part.after]
                if part.index == current_page:
                    classes.append("current-page")
                out.append(f' class="{" ".join(classes)}"' if classes else "")
            elif counts.get(part.index):  # checked
                out.append(' checked=""')
        return "".join(out)


def _check_furo(app: Sphinx) -> None:
    if not _enabled(app):
        return
    pins.require(__name__)


def _enabled(app: Sphinx) -> bool:
    if not app.config.handbook_fast_navigation or app.config.html_theme != "furo":
        return False
    return app.builder.name == "html"


def _page_specific(env) -> str | None:
    """Why this site's toctree could differ between pages beyond 'current' (or None)."""
    for docname, meta in env.metadata.items():
        if "tocdepth" in meta:
            return f"{docname} sets tocdepth"
    for docname, toc in env.tocs.items():
        if next(toc.findall(addnodes.only), None) is not None:
            return f"{docname} has an 'only' directive around a heading"
    return None


class _LinkRecorder:
    """Stands in for the builder while the toctree is resolved: links become placeholders."""

    def __init__(self) -> None:
        self.targets: list[str] = []

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        self.targets.append(to)
        return f"{URI_TOKEN}{len(self.targets) - 1}x"


def build_template(app: Sphinx) -> Template | None:
    """The sidebar of this build with placeholders, or None when it has no toctree."""
    recorder = _LinkRecorder()
    tree = global_toctree_for_doc(app.env, PROBE, recorder, tags=app.builder.tags, **FURO_CALL)
    if tree is None:
        return None
    template = Template(html="", targets=recorder.targets)
    elements: dict[int, nodes.Element] = {}
    for node in tree.findall(nodes.Element):
        if isinstance(node, nodes.reference) and not node.get("refuri", "").startswith(URI_TOKEN):
            continue  # an external link is never current
        if isinstance(node, (nodes.reference, nodes.list_item, nodes.bullet_list)):
            index = len(elements)
            elements[index] = node
            template.item_of[index] = isinstance(node, nodes.list_item)
            # where Sphinx would append "current": after the classes it has by now
            node["classes"].append(f"{CLASS_TOKEN}{index}x")
    index_of = {id(node): index for index, node in elements.items()}
    for node in elements.values():
        if not isinstance(node, nodes.reference):
            continue
        link = int(node["refuri"][len(URI_TOKEN) :].split("x", 1)[0])
        if node["refuri"] != f"{URI_TOKEN}{link}x":
            continue  # a link to an anchor does not make its document current
        counts = template.current.setdefault(recorder.targets[link], {})
        branch: nodes.Node | None = node
        while branch is not None:  # Sphinx marks the whole branch up to the root
            if id(branch) in index_of:
                counts[index_of[id(branch)]] = counts.get(index_of[id(branch)], 0) + 1
            branch = branch.parent
    template.html = app.builder.render_partial(tree)["fragment"]
    return template


def _cut(template: Template, furo_html: str) -> None:
    """Split furo's sidebar into literal text and slots (see Template.render)."""
    edits: list[tuple[int, int, _Slot]] = []
    checkbox_owners = []
    for match in _CLASS_ATTR.finditer(furo_html):
        classes = match[1].split()
        tokens = [c for c in classes if c.startswith(CLASS_TOKEN)]
        if not tokens:
            continue
        index = int(tokens[0][len(CLASS_TOKEN) : -1])
        at = classes.index(tokens[0])
        slot = _Slot("class", index, tuple(classes[:at]), tuple(classes[at + 1 :]))
        edits.append((match.start(), match.end(), slot))
        if template.item_of[index] and "has-children" in classes:
            checkbox_owners.append((match.end(), index))
    for start, index in checkbox_owners:
        tag_start = furo_html.find("<input ", start)
        tag_end = furo_html.find(">", tag_start)
        if tag_start < 0 or "toctree-checkbox" not in furo_html[tag_start:tag_end]:
            raise NavigationChanged(f"furo no longer puts a checkbox in <li> {index}")
        # BeautifulSoup writes attributes sorted by name: "checked" goes before the first
        # attribute that sorts after it
        position = tag_end - (furo_html[tag_end - 1] == "/")
        for attribute in _ATTRIBUTE.finditer(furo_html, tag_start, tag_end):
            if attribute[1] > "checked":
                position = attribute.start()
                break
        edits.append((position, position, _Slot("checked", index)))
    for match in re.finditer(rf'{URI_TOKEN}(\d+)x(#[^"]*)?', furo_html):
        slot = _Slot("href", int(match[1]), anchor=match[2] or "")
        edits.append((match.start(), match.end(), slot))
    edits.sort(key=lambda edit: (edit[0], edit[1]))
    parts: list[str | _Slot] = []
    position = 0
    for start, end, slot in edits:
        if start < position:
            raise NavigationChanged("overlapping placeholders in furo's navigation")
        parts += [furo_html[position:start], slot]
        position = end
    parts.append(furo_html[position:])
    leftover = _TOKEN.search("".join(p for p in parts if isinstance(p, str)))
    if leftover:
        raise NavigationChanged(
            f"furo moved a placeholder where it cannot be filled: {leftover[0]}"
        )
    template.parts = parts
    template.furo_html = furo_html


@dataclass
class _State:
    template: Template | None = None
    target_uris: list[str] = field(default_factory=list)
    disabled: str | None = None  # why the fast path is off for this build
    checked_first: bool = False
    checked_branch: bool = False
    checking: str | None = None  # the page being compared with furo's own result


def _reset(app: Sphinx, env) -> None:
    # after reading: titles and toctrees may have changed, build the template afresh
    run_state(app).navigation = None


def _state(app: Sphinx) -> _State:
    state = getattr(run_state(app), "navigation", None)
    if state is None:
        state = _State()
        if not _enabled(app):
            state.disabled = "not a furo html build"
        else:
            state.disabled = _page_specific(app.env)
            if state.disabled:
                logger.info("furo navigation computed per page: %s", state.disabled)
            else:
                state.template = build_template(app)
                if state.template is None:
                    state.disabled = "no toctree"
                else:
                    from furo.navigation import get_navigation_tree

                    _cut(state.template, get_navigation_tree(state.template.html))
                    get_uri = app.builder.get_target_uri
                    state.target_uris = [get_uri(t) for t in state.template.targets]
        run_state(app).navigation = state
    return state


class _ToctreeForFuro:
    """context["toctree"] while furo's handler runs: furo's own call gets the template."""

    def __init__(self, original: Any, html: str) -> None:
        self.original = original
        self.html = html
        self.used = False

    def __call__(self, **kwargs: Any) -> str:
        if kwargs == FURO_CALL and sys._getframe(1).f_globals.get("__name__") == "furo":
            self.used = True
            return self.html
        return self.original(**kwargs)


def _before_furo(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if "toctree" not in context:
        return
    state = _state(app)
    if state.template is None:
        return
    # Compare with furo's own result on the first page and on the first page that has a
    # current branch: a furo that marks pages differently stops the build here.
    if not state.checked_first:
        state.checked_first = True
        state.checking = pagename
        return
    if not state.checked_branch and pagename in state.template.current:
        state.checked_branch = True
        state.checking = pagename
        return
    context["toctree"] = _ToctreeForFuro(context["toctree"], state.template.html)


def _after_furo(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    state = getattr(run_state(app), "navigation", None)
    if state is None or state.template is None or "toctree" not in context:
        return
    template = state.template
    ours = template.render(pagename, app.builder.get_target_uri(pagename), state.target_uris)
    if state.checking == pagename:
        state.checking = None
        if context.get("furo_navigation_tree") != ours:
            raise NavigationChanged(
                f"the fast sidebar of {pagename!r} differs from furo's own: furo's navigation "
                "markup has changed. Run tests/test_navigation.py and update "
                "handbook/patches/navigation.py (or set handbook_fast_navigation = False)."
            )
        return
    toctree = context["toctree"]
    if not isinstance(toctree, _ToctreeForFuro):
        return
    context["toctree"] = toctree.original  # templates that call toctree() get Sphinx's own
    if not toctree.used or context.get("furo_navigation_tree") != template.furo_html:
        raise NavigationChanged(
            "furo no longer builds its sidebar from context['toctree'](collapse=False, "
            "titles_only=True, maxdepth=-1, includehidden=True): update "
            "handbook/patches/navigation.py (or set handbook_fast_navigation = False)."
        )
    context["furo_navigation_tree"] = ours


def setup(app: Sphinx) -> dict:
    # off: stock furo (the benchmark's baseline and the tests' reference)
    app.add_config_value("handbook_fast_navigation", True, "", types=[bool])
    app.connect("builder-inited", _check_furo)
    app.connect("env-updated", _reset)
    # around furo's own handler (priority 500): hand it the template, then fill it in
    app.connect("html-page-context", _before_furo, priority=499)
    app.connect("html-page-context", _after_furo, priority=501)
    return handbook.extension_metadata()
