"""Stories and principles link each other, from the stories' front matter alone.

A story (``docs/stories/*.md``) declares in its front matter who tells it and which
principles it illustrates::

    ---
    person: kai-kamarik
    role: sales-specialist
    principles: [initiative, humanity]
    ---

Under the story's title the build puts a card linking to those principle pages; a
``{principle-stories}`` directive on a principle page becomes the list of stories that
name it. Nobody keeps either list by hand, and an unknown principle name fails the build.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import handbook
from handbook.sphinxext import state
from handbook.sphinxext.messages import _
from handbook.sphinxext.sources import broken_front_matter

logger = logging.getLogger(__name__)

STORIES = "stories/"
PRINCIPLES = "principles/"
REQUIRED_FIELDS = ("person", "role", "principles")


class principle_stories(nodes.General, nodes.Element):
    """Placeholder for the list of stories, filled once all documents are read."""


class PrincipleStoriesDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        return [principle_stories(principle=self.env.docname)]


def _story_principles(env: BuildEnvironment) -> dict[str, tuple[str, ...]]:
    """story docname -> principle docnames, as declared in front matter."""
    stories = {}
    for docname in sorted(env.found_docs):
        if not docname.startswith(STORIES) or docname.endswith("/index"):
            continue
        meta = env.metadata.get(docname, {})
        names = _as_list(meta.get("principles", ""))
        stories[docname] = tuple(PRINCIPLES + name for name in names)
    return stories


def _as_list(value: str) -> list[str]:
    # MyST stores non-string front matter values as JSON; accept "a, b" too.
    try:
        parsed = json.loads(value)
    except (TypeError, ValueError):
        parsed = value.split(",")
    if isinstance(parsed, str):
        parsed = [parsed]
    return [str(item).strip() for item in parsed if str(item).strip()]


def _check_front_matter(app: Sphinx, env: BuildEnvironment) -> None:
    known = sorted(d[len(PRINCIPLES) :] for d in env.found_docs if _is_principle(d))
    for story, principles in _story_principles(env).items():
        meta = env.metadata.get(story, {})
        missing = [field for field in REQUIRED_FIELDS if not meta.get(field)]
        if missing and story not in broken_front_matter(app):  # its YAML error says it all
            logger.error(
                "story front matter lacks %s — add it between the '---' lines at the top",
                ", ".join(missing),
                location=(story, 1),
                type="handbook",
                subtype="story",
            )
        for principle in principles:
            if principle not in env.found_docs:
                logger.error(
                    "unknown principle %r in front matter — use one of: %s",
                    principle[len(PRINCIPLES) :],
                    ", ".join(known),
                    location=(story, 1),
                    type="handbook",
                    subtype="story",
                )


def _is_principle(docname: str) -> bool:
    return docname.startswith(PRINCIPLES) and not docname.endswith("/index")


def _link(app: Sphinx, fromdoc: str, todoc: str) -> nodes.reference:
    title = app.env.titles[todoc].astext()
    uri = app.builder.get_relative_uri(fromdoc, todoc)
    return nodes.reference("", title, internal=True, refuri=uri)


def _fill_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    stories = _story_principles(app.env)
    for node in list(doctree.findall(principle_stories)):
        illustrating = [s for s, principles in stories.items() if docname in principles]
        items = nodes.bullet_list(classes=["principle-stories"])
        for story in sorted(illustrating, key=lambda s: app.env.titles[s].astext()):
            items += nodes.list_item("", nodes.paragraph("", "", _link(app, docname, story)))
        if not illustrating:
            logger.error(
                "no story names this principle in its front matter — add it to a story's "
                "'principles' or remove the {principle-stories} directive",
                location=node,
                type="handbook",
                subtype="story",
            )
        node.replace_self(items)
    if stories.get(docname):
        section = next(doctree.findall(nodes.section))
        section.insert(1, _story_card(app, docname, stories[docname]))  # right under the title


def _story_card(app: Sphinx, story: str, principles: Iterable[str]) -> nodes.Element:
    card = nodes.container(classes=["story-card"])
    para = nodes.paragraph()
    para += nodes.strong("", _("Principles this story illustrates:"))
    para += nodes.Text(" ")
    for i, principle in enumerate(p for p in principles if p in app.env.titles):
        if i:
            para += nodes.Text(" · ")
        para += _link(app, story, principle)
    card += para
    return card


def _outdated_by_front_matter(app: Sphinx, env: BuildEnvironment) -> list[str]:
    # A story's front matter or a title changes pages that were not themselves edited:
    # rewrite every story and principle page whenever one of them was re-read or removed.
    current = _story_principles(env)
    previous = getattr(env, "handbook_story_principles", None)
    env.handbook_story_principles = current
    touched = state.run(app).reread | set(previous or {}) ^ set(current)
    if previous == current and not any(d.startswith((STORIES, PRINCIPLES)) for d in touched):
        return []
    return [d for d in env.found_docs if d.startswith((STORIES, PRINCIPLES))]


def _remember_reread(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    state.run(app).reread = set(docnames)


def setup(app: Sphinx) -> dict:
    app.setup_extension("handbook.sphinxext.messages")
    app.setup_extension("handbook.sphinxext.assets")  # the story card's style
    state.run(app).reread = set()
    # the directive a principle page uses to list its stories
    app.add_directive("principle-stories", PrincipleStoriesDirective)
    app.add_node(principle_stories)
    # unknown principle names fail the build, naming the story file
    app.connect("env-check-consistency", _check_front_matter)
    # the story card and the principle pages' lists, once every title is known
    app.connect("doctree-resolved", _fill_pages)
    # front matter edits rewrite the pages that show it
    app.connect("env-before-read-docs", _remember_reread)
    app.connect("env-get-updated", _outdated_by_front_matter)
    return handbook.extension_metadata()
