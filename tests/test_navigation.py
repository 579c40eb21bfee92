"""furo's sidebar built once per build (handbook.patches.navigation) looks exactly like
stock furo's on every page, and a furo that changes stops the build instead."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import furo
import pytest
from bs4 import BeautifulSoup
from helpers import ROOT
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.testing.util import SphinxTestApp

from handbook.patches import pins

FIXTURE = ROOT / "tests" / "roots" / "test-navigation"
SIDEBAR = re.compile(r'<div class="sidebar-tree">.*?</div>', re.DOTALL)


def build(folder: Path, **overrides) -> Path:
    """Build a copy of the fixture (three levels, captions, hidden toctree, orphan)."""
    shutil.copytree(FIXTURE, folder)
    app = SphinxTestApp("html", srcdir=folder, confoverrides=overrides)
    try:
        app.build()
        assert app.warning.getvalue() == ""
    finally:
        app.cleanup()
    return Path(app.outdir)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("navigation")
    stock = build(folder / "stock", handbook_fast_navigation=False)
    fast = build(folder / "fast")
    return stock, fast


def pages(outdir: Path) -> list[str]:
    return sorted(str(p.relative_to(outdir)) for p in outdir.rglob("*.html"))


def sidebar(outdir: Path, page: str) -> str:
    return SIDEBAR.search((outdir / page).read_text(encoding="utf-8"))[0]


def test_every_page_has_exactly_stock_furos_sidebar(builds):
    stock, fast = builds
    assert pages(fast) == pages(stock)
    assert "orphan.html" in pages(stock) and "genindex.html" in pages(stock)
    for page in pages(stock):
        assert sidebar(fast, page) == sidebar(stock, page), page
        # and nothing else on the page differs either
        assert (fast / page).read_bytes() == (stock / page).read_bytes(), page


def test_the_fixture_shows_what_must_match(builds):
    """The comparison above means something: current page, open ancestors, captions,
    the hidden toctree, the orphan page and page-relative links are all in play."""
    stock, _ = builds
    leaf = BeautifulSoup(sidebar(stock, "guide/deep/leaf.html"), "html.parser")
    current = leaf.select("li.current-page")
    assert [li.a.get_text() for li in current] == ["A leaf three levels down"]
    assert current[0]["class"][0] == "toctree-l3"
    assert current[0].a["href"] == "#"
    expanded = [box.find_previous_sibling("a").get_text() for box in leaf.select("input[checked]")]
    assert expanded == ["The guide", "Deeper"]
    assert leaf.select_one('a[href="../../about.html"]').get_text() == "About"
    captions = [c.get_text() for c in leaf.select("p.caption")]
    assert captions == ["The guide", "Extras"]
    assert leaf.select_one('a[href="../../extras/notes.html"]').get_text() == "Notes"
    assert leaf.select_one('a[href="https://example.org/"]').get_text() == "External site"
    assert "First steps &amp; <code" in sidebar(stock, "index.html")
    orphan = BeautifulSoup(sidebar(stock, "orphan.html"), "html.parser")
    assert orphan.select(".current") == [] and orphan.select("input[checked]") == []
    notes = BeautifulSoup(sidebar(stock, "extras/notes.html"), "html.parser")
    assert notes.select_one("li.current-page").a.get_text() == "Notes"


def test_the_whole_site_tree_is_resolved_once_per_build_not_once_per_page(tmp_path, monkeypatch):
    calls = []
    original = StandaloneHTMLBuilder._get_local_toctree

    def counting(self, docname, collapse=True, **kwargs):
        calls.append(docname)
        return original(self, docname, collapse, **kwargs)

    monkeypatch.setattr(StandaloneHTMLBuilder, "_get_local_toctree", counting)
    outdir = build(tmp_path / "site")
    # at most the two pages compared with furo's own result at build time
    assert len(pages(outdir)) == 12
    assert len(calls) <= 2


def test_another_furo_version_stops_the_build(tmp_path, monkeypatch):
    real = pins.installed
    monkeypatch.setattr(pins, "installed", lambda p: "2099.1.1" if p == "furo" else real(p))
    expected = "handbook.patches.navigation relies on furo's internals"
    with pytest.raises(pins.InternalsChanged, match=re.escape(expected)):
        build(tmp_path / "site")


def test_furo_marking_the_current_page_differently_stops_the_build(tmp_path, monkeypatch):
    original = furo.navigation.get_navigation_tree

    def changed(html: str) -> str:  # as if a new furo added an attribute to the current page
        return original(html).replace('current-page"', 'current-page" aria-current="page"')

    monkeypatch.setattr(furo, "get_navigation_tree", changed)
    monkeypatch.setattr(furo.navigation, "get_navigation_tree", changed)
    with pytest.raises(Exception, match="differs from furo's own"):
        build(tmp_path / "site")


def test_furo_is_pinned_to_the_version_the_navigation_is_written_for():
    (verified,) = {i.verified for i in pins.INTERNALS if i.package == "furo"}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert f"furo{verified}" in project["project"]["dependencies"]
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8").split()
    assert f"furo{verified}" in constraints
    assert f"=={furo.__version__}" == verified
