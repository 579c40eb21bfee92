"""Shared fixtures: Sphinx's own test fixtures for tiny projects in tests/roots, and the
real handbook built once per test session (every test that needs it reads that build)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from handbook import site

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("conf.py", "handbook.toml", "docs", "locale")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOT / "tests" / "roots"


@pytest.fixture(scope="session")
def declaration() -> site.Site:
    return site.load(ROOT)


@dataclass
class Run:
    returncode: int
    output: str


def run_handbook(project: Path, *args: str) -> Run:
    """``python -m handbook …`` in ``project``, as the Makefile runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "handbook", *args],
        cwd=project,
        capture_output=True,
        text=True,
    )
    return Run(done.returncode, done.stdout + done.stderr)


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
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("*.mo"))
        else:
            shutil.copy2(source, tmp_path / name)
    return tmp_path


# -- A real browser ---------------------------------------------------------------------
# Tests that run anything in the page use these: `site_url` serves the session's build on
# 127.0.0.1, `page` is a fresh Chromium tab whose console errors are collected and which
# leaves a screenshot in _build/test-screenshots/ when its test fails.

SCREENSHOTS = ROOT / "_build" / "test-screenshots"


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite):
    from browser import serve

    with serve(built_site.html) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    from browser import CHROMIUM_ARGS, ensure_chromium
    from playwright.sync_api import sync_playwright

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
    yield tab
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()
