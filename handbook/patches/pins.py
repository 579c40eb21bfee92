"""Every place the handbook depends on another package's internals, and the versions each
was written and tested for: one registry, one policy.

Policy: when an installed version is outside what a dependence was verified against, the
build stops (``InternalsChanged``, a Sphinx error; a plain error for the catalog tools) with
a message naming our module, what it relies on, the test that verifies it and what to do.
Never a silent fallback, never a warning that only ``-W`` would stop.

design/internals.md ("Internals we depend on") explains each entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version

from packaging.specifiers import SpecifierSet
from sphinx.errors import SphinxError


@dataclass(frozen=True)
class Internal:
    module: str  # ours, the one that relies on it
    package: str  # the distribution whose internals it uses
    verified: str  # the versions it was written and tested for (a PEP 440 specifier)
    relies_on: str  # what of the package's internals
    tested_by: str  # the test that fails when the internals change
    removed_by: str  # the upstream change that would make it unnecessary


INTERNALS = (
    Internal(
        "handbook.patches.navigation",
        "furo",
        "==2025.12.19",
        "furo's _compute_navigation_tree (its toctree() call and get_navigation_tree), "
        "recognised with sys._getframe",
        "tests/test_navigation.py (every page against furo's own sidebar)",
        "furo computing the sidebar once per build instead of once per page",
    ),
    Internal(
        "handbook.patches.fast_i18n",
        "myst-parser",
        "==5.2.*",
        "myst_parser.mdit_to_docutils.base.get_default_settings, rebound",
        "tests/test_fast_i18n.py (translated pages equal to MyST's own)",
        "MyST caching docutils' default settings for translated messages",
    ),
    Internal(
        "handbook.patches.incremental",
        "sphinx",
        "==9.0.*",
        "IndexBuilder's private _index_entries, _titles, _mapping, _title_mapping",
        "tests/test_incremental.py (incremental equals clean, search index included)",
        "Sphinx keeping the search index of unchanged pages on incremental builds",
    ),
    Internal(
        "handbook.sphinxext.notices",
        "sphinx",
        "==9.0.*",
        "BuildEnvironment._builder_cls (is this a gettext build?)",
        "tests/test_notices.py",
        "a public way for a transform to ask which builder runs",
    ),
    Internal(
        "handbook.sphinxext.interface",
        "furo",
        "==2025.12.19",
        "copies of furo's page.html and partials/icons.html (handbook/templates/); "
        "search.html extends furo's, filling its `content` block",
        "tests/test_interface.py (no English in the ru and et interface), "
        "tests/test_accessibility.py (one h1 on every page)",
        "furo passing its aria-labels and icon titles through gettext",
    ),
    Internal(
        "handbook.sphinxext.interface",
        "sphinx",
        "==9.0.*",
        "the JSON inside Sphinx's bundled locale/<lang>/LC_MESSAGES/sphinx.js",
        "tests/test_interface.py (the search page counts in the page's language)",
        "Sphinx building translations.js from the project's catalogs (and a numeric "
        "Estonian plural rule)",
    ),
    Internal(
        "handbook.search.extension",
        "sphinx",
        "==9.0.*",
        "sphinx.search.js_index (PREFIX, SUFFIX, loads) to rewrite searchindex.js, and "
        "the SearchLanguage classes' stemmer attribute",
        "tests/test_search_extension.py, tests/test_search_analysis.py",
        "a Sphinx hook to add data to the search index",
    ),
    Internal(
        "handbook.catalogs.update",
        "sphinx-intl",
        "==2.4.*",
        "sphinx_intl.catalog.load_po (its charset handling of the .pot templates)",
        "tests/test_catalogs.py",
        "sphinx-intl offering a compendium and in-process merge as API",
    ),
    Internal(
        "handbook.catalogs.update",
        "babel",
        "==2.18.*",
        "Catalog.update setting Message.previous_id on near matches, and read_po taking "
        "'#|' lines for translator comments (so they are kept out of what Babel reads)",
        "tests/test_catalogs.py (#| msgid after an edited paragraph)",
        "Babel reading and writing previous msgids itself",
    ),
    Internal(
        "handbook.catalogs.form",
        "polib",
        "==1.2.*",
        "the exact layout of str(POFile) at wrapwidth 79 (line breaks, header order): it "
        "is the canonical catalog form, so another layout would flag every catalog",
        "tests/test_catalog_form.py (every editor's layout to the same bytes)",
        "a PO formatter whose layout is specified and versioned",
    ),
)


class InternalsChanged(SphinxError):
    category = "Internals of another package changed"


@cache
def installed(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def problems(module: str) -> list[str]:
    """What is wrong for ``module`` with the packages installed now (empty: nothing)."""
    found = []
    for internal in INTERNALS:
        if internal.module != module:
            continue
        have = installed(internal.package)
        if have is not None and SpecifierSet(internal.verified).contains(have):
            continue
        found.append(
            f"{module} relies on {internal.package}'s internals ({internal.relies_on}) and "
            f"was verified with {internal.package}{internal.verified}, but "
            f"{internal.package} {have or '(not installed)'} is installed. Install the "
            f"version constraints.txt pins (make rebuilds .venv), or run "
            f"{internal.tested_by} against the new version and widen `verified` in "
            "handbook/patches/pins.py."
        )
    return found


def require(module: str) -> None:
    """Stop unless every internal that ``module`` relies on is one it was verified with."""
    found = problems(module)
    if found:
        raise InternalsChanged("\n".join(found))
