"""A 404 page in each language that works at any depth, also under a sub-path."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from handbook.sphinxext.notfound import absolutize

TITLES = {"ru": "Страница не найдена", "et": "Lehte ei leitud", "en": "Page not found"}
_LANGUAGE = re.compile(r"^/handbook/(?P<code>ru|et|en)/")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize("code", ["ru", "et", "en"])
def test_each_language_has_a_404_page_with_absolute_addresses(built_site, declaration, code):
    page = soup(built_site.html / code / "404.html")
    assert page.html["lang"] == code
    assert page.select_one("article h1").get_text() == TITLES[code]
    assert page.title.get_text() == f"{TITLES[code]} - {declaration.language(code).title}"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one('link[rel="canonical"]') is None
    assert page.html["data-content_root"] == f"/{code}/"
    for element in page.select("[href], [src], [action]"):
        for attribute in ("href", "src", "action"):
            value = element.get(attribute)
            if value is not None:
                assert re.match(r"^(/|#|https?:)", value), f"{attribute}={value!r}"
    start = page.select_one("#page-not-found a")
    assert start["href"] == f"/{code}/index.html"


def test_absolutize_keeps_fragments_urls_and_absolute_paths():
    html = (
        '<a href="principles/x.html#a">x</a> <a href="#top">t</a> <img src="_images/i.svg">'
        '<a href="https://example.org/">e</a> <a href="/other/">o</a> <a href="../ru/index.html">'
        '<form action="search.html"></form> <html data-content_root="./">'
        '<a href="mailto:a@b.c">m</a> <a href="">self</a>'
    )
    assert absolutize(html, "/handbook/et/") == (
        '<a href="/handbook/et/principles/x.html#a">x</a> <a href="#top">t</a> '
        '<img src="/handbook/et/_images/i.svg">'
        '<a href="https://example.org/">e</a> <a href="/other/">o</a> '
        '<a href="/handbook/ru/index.html">'
        '<form action="/handbook/et/search.html"></form> <html data-content_root="/handbook/et/">'
        '<a href="mailto:a@b.c">m</a> <a href="/handbook/et/">self</a>'
    )


class _LikeProduction(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /handbook/, and a missing page with its language's 404 page
    and status 404 — what the production server does (issue 9)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        match = _LANGUAGE.match(self.path)
        if code != 404 or not match:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "handbook" / match["code"] / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve_under_sub_path(html: Path, folder: Path) -> Iterator[str]:
    (folder / "handbook").symlink_to(html, target_is_directory=True)
    handler = functools.partial(_LikeProduction, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def problems(tab, depth: str) -> list[str]:
    """Console errors and failed requests, apart from the missing page's own 404 (Chromium
    logs it once more without its address; every other failure is listed with its URL)."""
    return [
        error
        for error in tab.console_errors
        if f"/handbook/et/{depth}" not in error and not error.startswith("Failed to load resource")
    ]


@pytest.mark.parametrize("depth", ["missing.html", "a/b/c/d/missing.html", "principles/x/"])
def test_the_404_page_works_at_any_depth_under_a_sub_path(new_page, altered_site, tmp_path, depth):
    with serve_under_sub_path(altered_site.html, tmp_path) as origin:
        tab = new_page(locale="et-EE")
        response = tab.goto(f"{origin}/handbook/et/{depth}")
        assert response.status == 404
        assert tab.locator("article h1").inner_text() == TITLES["et"]
        # furo's stylesheet and scripts were found: the sidebar is laid out, the theme set
        assert (
            tab.evaluate("getComputedStyle(document.querySelector('.sidebar-drawer')).display")
            != "inline"
        )
        assert tab.evaluate("document.body.dataset.theme") == "auto"
        assert problems(tab, depth) == []
        links = tab.locator("nav.language-switcher a.language-link")
        hrefs = {
            links.nth(i).get_attribute("lang"): links.nth(i).get_attribute("href")
            for i in range(links.count())
        }
        assert hrefs == {"ru": "/handbook/ru/index.html", "en": "/handbook/en/index.html"}
        # the switcher's choice is remembered for the whole site, under its sub-path
        tab.locator('nav.language-switcher a[hreflang="en"]').click()
        tab.wait_for_url(f"{origin}/handbook/en/index.html")
        cookie = next(c for c in tab.context.cookies() if c["name"] == "handbook_lang")
        assert (cookie["value"], cookie["path"]) == ("en", "/handbook/")
        tab.go_back()
        tab.locator(".sidebar-tree a", has_text="Sõnastik").click()
        tab.wait_for_url(f"{origin}/handbook/et/glossary.html")
        tab.go_back()
        tab.locator("#page-not-found a").click()
        tab.wait_for_url(f"{origin}/handbook/et/index.html")
        assert problems(tab, depth) == []
