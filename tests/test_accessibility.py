"""Every page of every language, and the root page, read as readers read them: in Chromium,
from a 320 px phone to a 1280 px desktop, and by axe-core (installed from npm by the test
setup, tests/axe/). One pass over the session's build, in one browser context."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.dev.browser import ensure_axe

WIDTHS = (320, 360, 390, 768, 1280)
# axe runs on every page at a phone's width, where the drawers are hidden, and at a
# desktop's on one page of each kind: the templates and styles are the same in every
# language, and axe is most of this test's time.
DESKTOP_AXE = {
    "index.html",
    *(
        f"ru/{page}.html"
        for page in (
            "index", "glossary", "principles/empathy", "stories/kai-unbilled-help",
            "translation-status", "search", "genindex", "404",
        )
    ),
}  # fmt: skip

# Words of the <h1> whose letters lie on more than one line. A break after a hyphen
# ("call-/backs") is where a compound may break, so hyphens separate words here.
LAYOUT = """() => {
  const split = [];
  for (const heading of document.querySelectorAll('h1')) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.headerlink')) continue;
      for (const word of node.data.matchAll(/[^\\s\\-\\u2010\\u2011]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(word[0]);
      }
    }
  }
  const root = document.documentElement;
  return {
    h1: document.querySelectorAll('h1').length,
    split,
    sideways: root.scrollWidth - root.clientWidth,
  };
}"""

AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v =>
    `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
}"""


def _pages(html: Path) -> list[str]:
    """Every HTML page a reader can open, the root page first."""
    pages = [
        path.relative_to(html).as_posix()
        for path in html.rglob("*.html")
        if not {"_static", "_sources", "_images"} & set(path.relative_to(html).parts)
    ]
    return sorted(pages, key=lambda page: (page != "index.html", page))


@pytest.fixture(scope="module")
def axe_script() -> Path:
    return ensure_axe()


def _read(tab, url: str, page: str) -> list[str]:
    problems = []
    tab.goto(url + page)
    if tab.url != url + page:
        return [f"{page}: the browser was sent on to {tab.url}"]
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 800})
        found = tab.evaluate(LAYOUT)
        if found["h1"] != 1:
            problems.append(f"{page} at {width} px: {found['h1']} <h1> elements")
        if found["split"]:
            problems.append(f"{page} at {width} px: title words split {found['split']}")
        if found["sideways"] > 0:
            problems.append(f"{page} at {width} px: scrolls sideways by {found['sideways']} px")
    for width in (390, 1280) if page in DESKTOP_AXE else (390,):
        tab.set_viewport_size({"width": width, "height": 800})
        problems += [f"{page} at {width} px: axe {v}" for v in tab.evaluate(AXE)]
    return problems


def test_every_page_reads_well_at_every_width(chromium, built_site, site_url, axe_script):
    """No axe-core violation of any impact, exactly one <h1>, no title word broken across
    lines and no sideways scrolling, on every page of every language and the root page
    (as it is when its script does not send the reader on)."""
    pages = _pages(built_site.html)
    assert "index.html" in pages and "et/principles/empathy.html" in pages
    assert set(pages) >= DESKTOP_AXE
    problems = []
    for selected, stub_language_js in ((pages[:1], True), (pages[1:], False)):
        context = chromium.new_context()
        # in every page before its own scripts: Chromium keeps the compiled script
        context.add_init_script(path=str(axe_script))
        if stub_language_js:  # the root page's script would send the reader on
            context.route("**/language.js*", lambda route: route.fulfill(body=""))
        tab = context.new_page()
        for page in selected:
            problems += _read(tab, site_url, page)
        context.close()
    assert problems == []


def test_the_small_layout_faults_stay_fixed(new_page, site_url):
    """The story card keeps its padding (furo's `[role="main"] .container` used to win), the
    status bar and its percentage share a line, glossary headwords stand out."""
    tab = new_page(viewport={"width": 390, "height": 800})
    tab.goto(site_url + "et/stories/kai-unbilled-help.html")
    padding = tab.evaluate("getComputedStyle(document.querySelector('.story-card')).paddingLeft")
    assert float(padding.removesuffix("px")) >= 12
    tab.goto(site_url + "ru/translation-status.html")
    assert tab.evaluate(
        """() => [...document.querySelectorAll('table.translation-status td svg.status-bar')]
           .every(bar => {
             const percent = bar.nextElementSibling.getBoundingClientRect();
             const box = bar.getBoundingClientRect();
             return percent.top < box.bottom && percent.bottom > box.top;
           })"""
    )
    tab.goto(site_url + "en/glossary.html")
    headword = "getComputedStyle(document.querySelector('dl.glossary > dt'))"
    assert int(tab.evaluate(f"{headword}.fontWeight")) >= 600
    body = tab.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('dl.glossary dd')).fontSize)"
    )
    assert tab.evaluate(f"parseFloat({headword}.fontSize)") > body
