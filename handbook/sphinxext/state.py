"""Where the handbook's extensions keep what they know — one idiom for all of them.

- **Per page, kept between incremental builds**: a dict ``env.<attribute>`` keyed by page.
  ``track_pages(app, attribute)`` registers, once, what Sphinx needs to keep such a dict
  right: the page's entry dropped when the page is re-read or removed (``env-purge-doc``)
  and the entries of parallel readers merged back (``env-merge-info``). Without both an
  extension is not parallel-safe. ``pages(env, attribute)`` reads (and creates) it.
- **Per run of Sphinx, never pickled**: ``run(app)``, a namespace on the application for
  flags and caches that one build computes once (the git dates, whether a catalog changed).

(Sphinx's ``EnvironmentCollector`` does the same for a single ``doctree-read`` handler; ours
fill their data at other moments — after the transforms, at ``doctree-resolved`` — so the
two events are connected here instead.)
"""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

_RUN = "_handbook_run"


def pages(env: BuildEnvironment, attribute: str) -> dict[str, Any]:
    """The per-page dict ``env.<attribute>``, created empty on first use."""
    data = getattr(env, attribute, None)
    if data is None:
        data = {}
        setattr(env, attribute, data)
    return data


def track_pages(app: Sphinx, attribute: str) -> None:
    """Keep ``env.<attribute>`` right across re-reads, removals and parallel reads."""

    def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        pages(env, attribute).pop(docname, None)

    def merge(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other) -> None:
        theirs = pages(other, attribute)
        pages(env, attribute).update({d: theirs[d] for d in docnames if d in theirs})

    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)


def run(app: Sphinx) -> SimpleNamespace:
    """This Sphinx run's own state (not saved with the environment)."""
    found = getattr(app, _RUN, None)
    if found is None:
        found = SimpleNamespace()
        setattr(app, _RUN, found)
    return found
