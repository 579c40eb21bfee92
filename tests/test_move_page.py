"""``make move-page``: a page moves with its catalogs and every link to it, and its old
address keeps answering in every language — through the redirect page the build writes and
through nginx's 301. A redirect list that names a live page or a missing one fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import copy_project, run_handbook
from test_nginx import THEME_SCRIPT, ensure_nginx, fetch

from handbook import site
from handbook.deploy import nginx as deploy
from handbook.move import _retarget
from handbook.multilingual import redirects

OLD, NEW = "stories/ahto-calling", "stories/ahto-vocation"
CODES = ("ru", "et", "en")


def test_link_targets_follow_the_page_and_keep_their_spelling():
    assert _retarget("/stories/ahto-calling", "guides/x", OLD, NEW) == "/stories/ahto-vocation"
    assert _retarget("ahto-calling", "stories/index", OLD, NEW) == "ahto-vocation"
    assert _retarget("../stories/ahto-calling", "guides/x", OLD, NEW) == "../stories/ahto-vocation"
    assert _retarget("/guides/promises", OLD, OLD, NEW) == "/guides/promises"
    # the moved page's own relative links, from its new folder
    moved = ("stories/a", "deep/er/b")
    assert _retarget("../guides/promises", "stories/a", *moved) == "../../guides/promises"
    assert _retarget("sibling", "stories/old", "stories/old", "stories/new") == "sibling"


@pytest.fixture(scope="module")
def moved(tmp_path_factory) -> Path:
    """The handbook with a story moved by ``move-page``, then built."""
    project = copy_project(tmp_path_factory.mktemp("moved"))
    run = run_handbook(project, "move-page", OLD, NEW)
    assert run.returncode == 0, run.output
    run = run_handbook(project, "build")
    assert run.returncode == 0, run.output
    return project


def test_every_translation_stays_translated_and_every_link_follows(moved):
    assert not (moved / "docs" / f"{OLD}.md").exists()
    for code in ("et", "en"):
        assert (moved / "locale" / code / "LC_MESSAGES" / f"{NEW}.po").is_file()
        assert not (moved / "locale" / code / "LC_MESSAGES" / f"{OLD}.po").exists()
    stats = run_handbook(moved, "stats", "--strict")
    assert stats.returncode == 0, stats.output  # every release language still 100 %
    texts = "".join(
        p.read_text(encoding="utf-8")
        for p in [*(moved / "docs").rglob("*.md"), *(moved / "locale").rglob("*.po")]
    )
    # no {doc} link or toctree entry names the old page (labels like story-ahto-calling stay)
    assert "/ahto-calling`" not in texts and "\nahto-calling\n" not in texts
    toml = (moved / "handbook.toml").read_text(encoding="utf-8")
    assert f'"{OLD}" = "{NEW}"' in toml
    html = moved / "_build" / "html"
    for code in CODES:
        johannes = (html / code / "stories" / "ahto-johannes.html").read_text(encoding="utf-8")
        assert 'href="ahto-vocation.html"' in johannes
        principle = (html / code / "principles" / "humanity.html").read_text(encoding="utf-8")
        assert "../stories/ahto-vocation.html" in principle  # the story list, from front matter
    estonian = (html / "et" / f"{NEW}.html").read_text(encoding="utf-8")
    assert "Ahto" in estonian and 'lang="ru"' not in estonian.split("<article", 1)[1]


def test_the_old_address_is_a_redirect_page_in_every_language(moved):
    html = moved / "_build" / "html"
    for code in CODES:
        page = BeautifulSoup((html / code / f"{OLD}.html").read_text(encoding="utf-8"), "lxml")
        new_title = BeautifulSoup(
            (html / code / f"{NEW}.html").read_text(encoding="utf-8"), "lxml"
        ).h1.get_text()
        assert page.html["lang"] == code
        assert len(page.select("h1")) == 1
        assert page.title.get_text().startswith(new_title.rstrip("¶"))
        link = page.select_one("#page-moved a")
        assert link["href"] == "ahto-vocation.html"
        refresh = page.select_one('meta[http-equiv="refresh"]')["content"]
        assert refresh == "0; url=ahto-vocation.html"
        assert "noindex" in page.select_one('meta[name="robots"]')["content"]
        assert page.select_one('link[rel="canonical"]')["href"].endswith(f"/{code}/{NEW}.html")
        # no inline script of its own: furo's one-line theme script is on every page
        inline = {s.get_text().strip() for s in page.select("script") if not s.get("src")}
        assert inline <= {THEME_SCRIPT}
        sitemap = (html / code / "sitemap.xml").read_text(encoding="utf-8")
        assert f"/{NEW}.html" in sitemap and f"/{OLD}.html" not in sitemap


def test_the_old_address_leads_a_browser_to_the_new_page(moved, new_page):
    from handbook.dev.browser import serve

    with serve(moved / "_build" / "html") as url:
        for code in CODES:
            tab = new_page()
            tab.goto(f"{url}{code}/{OLD}.html")
            tab.wait_for_url(f"{url}{code}/{NEW}.html")
            assert tab.locator("html").get_attribute("lang") == code


def test_nginx_answers_the_old_address_with_301(moved, tmp_path):
    ensure_nginx()
    declaration = site.load(moved)
    html = moved / "_build" / "html"
    with deploy.running(declaration, html, tmp_path / "nginx", log=tmp_path / "log") as server:
        for code in CODES:
            response = fetch(f"{server.url}{code}/{OLD}.html")
            assert response.status == 301
            assert response.headers["Location"] == f"/{code}/{NEW}.html"
            assert fetch(f"{server.url}{code}/{NEW}.html").status == 200


def test_a_principle_moved_is_renamed_in_the_stories_front_matter(tmp_path):
    project = copy_project(tmp_path)
    run = run_handbook(project, "move-page", "principles/humanity", "principles/people-first")
    assert run.returncode == 0, run.output
    story = (project / "docs" / "stories" / "ahto-johannes.md").read_text(encoding="utf-8")
    assert re.search(r"^principles: \[people-first, empathy\]$", story, re.MULTILINE)
    toctree = (project / "docs" / "principles" / "index.md").read_text(encoding="utf-8")
    assert "\npeople-first\n" in toctree and "\nhumanity\n" not in toctree
    refused = run_handbook(project, "move-page", "principles/empathy", "guides/empathy")
    assert refused.returncode == 2 and "principle stays" in refused.output


def _declare(project: Path, line: str) -> int:
    """Add ``line`` under ``[redirects]``; returns its line number."""
    path = project / "handbook.toml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("[redirects]") + 1
    while lines[at].startswith('"'):
        at += 1
    lines.insert(at, line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def test_a_redirect_from_a_live_page_or_to_nowhere_is_named_by_its_line(tmp_path):
    project = copy_project(tmp_path)
    live = _declare(project, '"guides/handover" = "guides/promises"')
    nowhere = _declare(project, '"guides/old" = "guides/nowhere"')
    found = [str(f) for f in redirects.problems(site.load.__wrapped__(project))]
    assert found == [
        f"handbook.toml:{live}: redirect from 'guides/handover': 'guides/handover' is a live "
        "page (docs/guides/handover.md)",
        f"handbook.toml:{nowhere}: redirect from 'guides/old': the new page 'guides/nowhere' "
        "does not exist",
    ]
    run = run_handbook(project, "build", "--langs", "ru")
    assert run.returncode != 0
    assert f"handbook.toml:{nowhere}:" in run.output and "guides/nowhere" in run.output


def test_the_redirect_page_passes_axe(moved, new_page):
    """Read as it is before it sends the reader on (its meta refresh taken out)."""
    from handbook.dev.browser import ensure_axe, serve

    html = moved / "_build" / "html"

    def without_refresh(route):
        page = html / route.request.url.split("/", 3)[3]
        body = re.sub(r'<meta http-equiv="refresh"[^>]*>', "", page.read_text(encoding="utf-8"))
        route.fulfill(body=body, content_type="text/html; charset=utf-8")

    with serve(html) as url:
        tab = new_page(viewport={"width": 390, "height": 800})
        tab.route(f"**/{OLD}.html", without_refresh)
        tab.goto(f"{url}et/{OLD}.html")
        tab.add_script_tag(path=str(ensure_axe()))
        assert tab.evaluate("async () => (await axe.run()).violations.map(v => v.id)") == []
        assert tab.locator("h1").count() == 1
