"""Shared fixtures: Sphinx's own test fixtures for tiny projects in tests/roots, and the
real handbook built once per test session (every test that needs it reads that build)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import (
    ALTERED_BASE_URL,
    PO_REVISION,
    ROOT,
    SOURCE_DATES,
    Run,
    copy_project,
    ensure_dictionaries,
    git,
    run_handbook,
)

from handbook import site

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]


# -- make test-quick: pytest --quick ----------------------------------------------------
# Leaves out the tests that need the real handbook built (the session's build, or a copy of
# the project that a test builds), a browser, or a fresh virtual environment.
SLOW_FIXTURES = {"built_site", "altered_site", "project_copy"}  # the real handbook built
SLOW_FIXTURES |= {"site_url", "chromium", "page", "new_page"}  # a browser
SLOW_MODULES = {"test_install.py"}  # a fresh venv, then the real handbook built
SLOW_TESTS = {"test_the_handbook_itself_checks_every_language"}  # linkcheck of the real one


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--quick",
        action="store_true",
        help="only the tests that need no full build, no browser and no new venv",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--quick"):
        return
    slow = [
        item
        for item in items
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))
        or item.path.name in SLOW_MODULES
        or getattr(item, "originalname", item.name) in SLOW_TESTS
    ]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item not in slow]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOT / "tests" / "roots"


@pytest.fixture(scope="session")
def declaration() -> site.Site:
    return site.load(ROOT)


@dataclass
class BuiltSite:
    project: Path
    html: Path
    run: Run


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real handbook, every language, built once with the project's own command."""
    builddir = tmp_path_factory.mktemp("build")
    run = run_handbook(ROOT, "--builddir", str(builddir), "build")
    assert run.returncode == 0, run.output
    return BuiltSite(ROOT, builddir / "html", run)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A writable copy of the handbook's sources, for tests that break or extend them."""
    return copy_project(tmp_path)


# -- A real browser ---------------------------------------------------------------------
# Tests that run anything in the page use these: `site_url` serves the session's build on
# 127.0.0.1, `page` is a fresh Chromium tab whose console errors are collected and which
# leaves a screenshot in _build/test-screenshots/ when its test fails.

SCREENSHOTS = ROOT / "_build" / "test-screenshots"


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite):
    from handbook.dev.browser import serve

    with serve(built_site.html) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from handbook.dev.browser import CHROMIUM_ARGS, ensure_chromium

    executable = ensure_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(chromium, request):
    context = chromium.new_context(locale="en-GB")
    tab = context.new_page()
    _watch(tab)
    yield tab
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


# -- Catalog QA (issue 6) ---------------------------------------------------------------


@pytest.fixture(scope="session")
def hunspell() -> None:
    """Debian's hunspell with the ru, et and en dictionaries, installed when missing."""
    ensure_dictionaries()


# -- Reading in three languages (issue 4) -----------------------------------------------


def _watch(tab) -> None:
    """Collect a tab's console errors, page errors and failed responses (as `page` does)."""
    tab.console_errors = []
    tab.on("console", lambda msg: msg.type == "error" and tab.console_errors.append(msg.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    tab.on(
        "response",
        lambda response: (
            response.status >= 400
            and tab.console_errors.append(f"HTTP {response.status}: {response.url}")
        ),
    )


@pytest.fixture
def new_page(chromium, request):
    """Fresh Chromium tabs with their own settings: ``new_page(locale="et-EE",
    javascript=False, viewport={"width": 390, "height": 800})``. Like ``page``, each collects
    its console errors, and every tab leaves a screenshot when the test fails."""
    contexts = []

    def make(locale: str = "en-GB", javascript: bool = True, viewport: dict | None = None):
        options = {"locale": locale, "java_script_enabled": javascript}
        if viewport:
            options["viewport"] = viewport
        context = chromium.new_context(**options)
        contexts.append(context)
        tab = context.new_page()
        _watch(tab)
        return tab

    yield make
    failed = getattr(request.node, "report_call", None)
    for number, context in enumerate(contexts):
        if failed is not None and failed.failed:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            for index, tab in enumerate(context.pages):
                name = f"{request.node.name}-{number}-{index}.png"
                tab.screenshot(path=str(SCREENSHOTS / name), full_page=True)
        context.close()


@pytest.fixture(scope="session")
def altered_site(tmp_path_factory: pytest.TempPathFactory) -> AlteredSite:
    """The handbook built once more, changed the ways readers notice:
    - published under a sub-path: base_url ``…/handbook/``;
    - a git repository whose commits date the sources: everything on 2025-01-15, then
      docs/principles/empathy.md alone on 2025-06-20 (a comment line: no new message);
    - et ``principles/humanity.po``: one entry made fuzzy, PO-Revision-Date 2025-03-14;
    - en ``principles/composure.po``: one entry emptied (untranslated).
    ``altered_site.changed`` names the Russian texts of the two changed entries."""
    import polib

    project = copy_project(tmp_path_factory.mktemp("altered"))
    toml = project / "handbook.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            'base_url = "https://handbook.example.org/"', f'base_url = "{ALTERED_BASE_URL}"'
        ),
        encoding="utf-8",
    )
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "first", when=SOURCE_DATES["first"])
    empathy = project / "docs" / "principles" / "empathy.md"
    empathy.write_text(empathy.read_text(encoding="utf-8") + "\n% reviewed\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "second", when=SOURCE_DATES["second"])

    changed = {}
    for code, page, fuzzy in (
        ("et", "principles/humanity", True),
        ("en", "principles/composure", False),
    ):
        path = project / "locale" / code / "LC_MESSAGES" / f"{page}.po"
        catalog = polib.pofile(str(path))
        # a plain paragraph (no markup), so its Russian text shows verbatim on the page
        entry = next(e for e in catalog if len(e.msgid) > 80 and not set("{`[*") & set(e.msgid))
        if fuzzy:
            entry.flags.append("fuzzy")
            catalog.metadata["PO-Revision-Date"] = PO_REVISION
        else:
            entry.msgstr = ""
        catalog.save(str(path))
        changed[code] = (page, entry.msgid)

    run = run_handbook(project, "build")
    assert run.returncode == 0, run.output
    return AlteredSite(project, project / "_build" / "html", run, changed)


@dataclass
class AlteredSite(BuiltSite):
    changed: dict[str, tuple[str, str]]  # language -> (docname, Russian msgid changed)
