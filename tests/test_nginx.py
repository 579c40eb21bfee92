"""The production configuration, run in Debian's nginx on 127.0.0.1 against the real built
handbook: the language redirect, the 404 pages, headers, caching, compression and MIME types
over HTTP, and in Chromium through nginx pages, search and the language switcher with no
Content-Security-Policy violation. nginx is installed with apt-get when missing."""

from __future__ import annotations

import gzip
import http.client
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, run_handbook

from handbook import site
from handbook.deploy import csp
from handbook.deploy import nginx as deploy

YEAR = "public, max-age=31536000, immutable"
THEME_SCRIPT = 'document.body.dataset.theme = localStorage.getItem("theme") || "auto";'
# What each kind of file in the build must be served as. A new kind of file fails the MIME
# test until it is added here (and, if Debian's mime.types lacks it, to the template).
MIME = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "text/xml; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".inv": "application/octet-stream",  # Sphinx's zlib-compressed object inventory
}


def ensure_nginx() -> Path:
    """Debian's nginx, installed with apt-get when missing (the machines run as root)."""
    try:
        return deploy.nginx_binary()
    except deploy.DeployError:
        pass
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise RuntimeError("nginx is missing: install it with `apt-get install -y nginx`")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # Debian starts a service when its package is installed; the tests want no nginx left
    # listening on port 80. policy-rc.d forbids that start (containers usually have one).
    policy = Path("/usr/sbin/policy-rc.d")
    created = not policy.exists()
    if created:
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
    try:
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env, capture_output=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "nginx"], check=True, env=env, capture_output=True
        )
    finally:
        if created:
            policy.unlink()
    return deploy.nginx_binary()


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def vary(self) -> set[str]:
        return {v.strip() for h in self.headers.get_all("Vary", []) for v in h.split(",")}


def fetch(url: str, headers: dict[str, str] | None = None) -> Response:
    """One GET, redirects not followed, nothing decompressed."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", target, headers=headers or {})
        response = connection.getresponse()
        return Response(response.status, response.msg, response.read())
    finally:
        connection.close()


@pytest.fixture(scope="session")
def nginx() -> Path:
    return ensure_nginx()


@pytest.fixture(scope="module")
def served(nginx, built_site, declaration, tmp_path_factory) -> deploy.Server:
    """The session's build, served by nginx with the generated configuration."""
    run = tmp_path_factory.mktemp("nginx")
    with deploy.running(declaration, built_site.html, run, log=run / "error.log") as server:
        yield server


def local_404(html: Path, code: str) -> bytes:
    page = html / code / "404.html"
    assert page.is_file(), f"{page} is not in the build: the per-language 404 pages (issue 4)"
    return page.read_bytes()


# -- The language redirect at the root -------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "code"),
    [
        ("et-EE,et;q=0.9,en;q=0.8", "et"),
        ("ru-RU,ru;q=0.9", "ru"),
        ("en-GB,en;q=0.9", "en"),
        ("fr-FR,fr;q=0.9", "en"),  # none of the handbook's: English
        ("fr-FR,fr;q=0.9,et;q=0.5", "et"),  # the first of the handbook's in the reader's list
        ("de, ru;q=0.8, et;q=0.7", "ru"),
        ("et;q=0, ru;q=0.5", "ru"),  # q=0 means "not this one"
        ("ET-ee", "et"),
        ("eesti, estonian", "en"),  # not language tags the handbook has
        ("*", "en"),
        (None, "en"),
    ],
)
def test_the_root_redirects_to_the_readers_language(served, accept, code):
    response = fetch(served.url, {"Accept-Language": accept} if accept else {})
    assert response.status == 302
    assert response.headers["Location"] == f"/{code}/"
    assert {"Accept-Language", "Cookie"} <= response.vary()
    assert response.headers["Cache-Control"] == "no-cache"


def test_the_redirect_lands_on_the_start_page_of_that_language(served, declaration):
    for lang in declaration.languages:
        location = fetch(served.url, {"Accept-Language": lang.code}).headers["Location"]
        landed = fetch(urljoin(served.url, location))
        assert landed.status == 200
        assert BeautifulSoup(landed.body, "lxml").html["lang"] == lang.code


@pytest.mark.parametrize(
    ("cookie", "code"),
    [
        ("handbook_lang=ru", "ru"),
        ("theme=dark; handbook_lang=en; other=1", "en"),
        # anything that is not exactly a declared code is ignored: Accept-Language decides
        ("handbook_lang=ET", "et"),
        ("handbook_lang=xx", "et"),
        ("handbook_lang=../ru", "et"),
        ("handbook_lang=javascript:alert(1)", "et"),
    ],
)
def test_the_switchers_cookie_wins_over_accept_language(served, cookie, code):
    response = fetch(served.url, {"Accept-Language": "et-EE,et;q=0.9", "Cookie": cookie})
    assert response.status == 302
    assert response.headers["Location"] == f"/{code}/"


# -- 404 pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["no-such-page.html", "stories/gone/deeper.html", "_static/"])
def test_a_missing_page_answers_404_with_its_languages_404_page(
    served, built_site, declaration, missing
):
    for lang in declaration.languages:
        response = fetch(f"{served.url}{lang.code}/{missing}", {"Accept-Language": "ru"})
        assert response.status == 404
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert response.body == local_404(built_site.html, lang.code)
        assert "Accept-Language" not in response.vary()


def test_a_missing_page_outside_the_languages_answers_in_the_readers_language(served, built_site):
    by_browser = fetch(f"{served.url}no-such-page", {"Accept-Language": "ru-RU"})
    assert by_browser.status == 404
    assert by_browser.body == local_404(built_site.html, "ru")
    assert {"Accept-Language", "Cookie"} <= by_browser.vary()
    chosen = fetch(f"{served.url}nope/", {"Accept-Language": "ru", "Cookie": "handbook_lang=et"})
    assert (chosen.status, chosen.body) == (404, local_404(built_site.html, "et"))


def test_sphinx_files_starting_with_a_dot_are_not_served(served, built_site):
    assert (built_site.html / "en" / ".buildinfo").is_file()
    assert fetch(f"{served.url}en/.buildinfo").status == 404


# -- Headers ---------------------------------------------------------------------------------


def test_every_response_carries_the_security_headers(served, built_site):
    policy = csp.policy(csp.scan(built_site.html))
    for path, status in [
        ("", 302),
        ("en", 301),
        ("en/", 200),
        ("en/_static/searchtools.js", 200),
        ("en/missing.html", 404),
    ]:
        response = fetch(served.url + path)
        assert response.status == status, path
        assert response.headers["Content-Security-Policy"] == policy, path
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert response.headers["X-Frame-Options"] == "DENY", path
        assert response.headers["Referrer-Policy"] == "same-origin", path
        assert response.headers["Server"] == "nginx", path  # no version given away


def assets(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    links = [tag["href"] for tag in soup.select("link[rel~=stylesheet][href]")]
    return links + [tag["src"] for tag in soup.select("script[src]")]


def test_only_version_tagged_files_are_cached_for_long(served, built_site):
    page = built_site.html / "en" / "search.html"
    tagged = [url for url in assets(page) if "?v=" in url]
    untagged = [url for url in assets(page) if "?v=" not in url]
    assert tagged, "Sphinx tags its static files with ?v=<checksum>"
    # These three have no tag in Sphinx 9 and must be revalidated like the HTML.
    for name in ("searchindex.js", "_static/searchtools.js", "_static/language_data.js"):
        assert name in untagged
    base = f"{served.url}en/search.html"
    for url in tagged:
        assert fetch(urljoin(base, url)).headers["Cache-Control"] == YEAR, url
        untagged.append(url.split("?", 1)[0])  # the same file without its tag
    image = next((built_site.html / "en" / "_images").iterdir()).name
    for url in [*untagged, "search.html", "index.html", f"_images/{image}"]:
        response = fetch(urljoin(base, url))
        assert response.status == 200, url
        assert response.headers["Cache-Control"] == "no-cache", url
        # revalidation: the same file again costs a 304 and no body
        again = fetch(urljoin(base, url), {"If-None-Match": response.headers["ETag"]})
        assert (again.status, again.body) == (304, b""), url
    assert fetch(f"{served.url}en/search.html?v=0badc0de").headers["Cache-Control"] == "no-cache"


def test_every_file_in_the_build_is_served_as_itself_with_its_mime_type(served, built_site):
    files = [
        path
        for path in sorted(built_site.html.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    ]
    unknown = {path.suffix for path in files} - MIME.keys()
    assert not unknown, f"no expected MIME type for {unknown}: add it to MIME and the template"
    for path in files:
        url = served.url + quote(path.relative_to(built_site.html).as_posix())
        response = fetch(url)
        assert response.status == 200, url
        assert response.headers["Content-Type"] == MIME[path.suffix], url
        assert response.body == path.read_bytes(), url


def test_text_is_compressed(served, built_site):
    for name in (
        "en/index.html",
        "en/searchindex.js",
        "en/_static/styles/furo.css",
        next((built_site.html / "en" / "_images").glob("*.svg")).relative_to(built_site.html),
    ):
        response = fetch(f"{served.url}{name}", {"Accept-Encoding": "gzip"})
        assert response.headers["Content-Encoding"] == "gzip", name
        assert "Accept-Encoding" in response.vary(), name
        assert gzip.decompress(response.body) == (built_site.html / name).read_bytes(), name
    png = next((built_site.html / "en").rglob("*.png")).relative_to(built_site.html)
    assert (
        "Content-Encoding"
        not in fetch(served.url + png.as_posix(), {"Accept-Encoding": "gzip"}).headers
    )


# -- In Chromium, through nginx --------------------------------------------------------------

WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.__csp.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`));
"""


def violations(tab) -> list[str]:
    reported = tab.evaluate("window.__csp || []")
    logged = [m for m in tab.console_errors if "Content Security Policy" in m]
    return reported + logged


def open_tab(chromium, locale: str):
    context = chromium.new_context(locale=locale)
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda msg: msg.type == "error" and tab.console_errors.append(msg.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    tab.add_init_script(WATCH_CSP)
    return context, tab


def test_pages_work_through_nginx_with_no_csp_violation(page, served, declaration):
    page.add_init_script(WATCH_CSP)
    for lang in declaration.languages:
        for name in ("index.html", "stories/ahto-calling.html", "glossary.html", "genindex.html"):
            page.goto(f"{served.url}{lang.code}/{name}")
            assert violations(page) == [], name
            # furo's inline script ran, its inline <style> and style="…" attributes applied
            assert page.evaluate("document.body.dataset.theme") == "auto"
            colour = "getComputedStyle(document.body).getPropertyValue('--color-code-background')"
            assert page.evaluate(colour).strip()
            sprite = "getComputedStyle(document.querySelector('body > svg')).display"
            assert page.evaluate(sprite) == "none"
    page.goto(f"{served.url}index.html")  # the root page that leads to the languages
    assert violations(page) == []
    assert page.console_errors == []


def test_search_works_through_nginx_with_no_csp_violation(
    chromium, served, built_site, declaration
):
    for lang in declaration.languages:
        # the story's hero, as this language writes his name (Ахто, Ahto)
        story = built_site.html / lang.code / "stories" / "ahto-johannes.html"
        word = BeautifulSoup(story.read_text(encoding="utf-8"), "lxml").h1.get_text().split()[0]
        context, tab = open_tab(chromium, "en-GB")
        try:
            tab.goto(f"{served.url}{lang.code}/index.html")
            box = tab.locator("input[name=q]:visible").first
            box.fill(word)
            box.press("Enter")
            tab.wait_for_url("**/search.html?q=*")
            hit = tab.locator("#search-results li a[href*='ahto']").first
            hit.wait_for(timeout=10_000)
            assert violations(tab) == [], lang.code
        finally:
            context.close()


def test_the_switcher_works_through_nginx_and_its_choice_wins_at_the_root(chromium, served):
    context, tab = open_tab(chromium, "et-EE")
    try:
        tab.goto(served.url)
        assert urlsplit(tab.url).path == "/et/"
        tab.goto(f"{served.url}et/principles/empathy.html")
        switch = tab.locator('a[hreflang="en"][lang="en"]:visible')
        assert switch.count(), "no language switcher link to English on the page (issue 4)"
        switch.first.click()
        tab.wait_for_url("**/en/principles/empathy.html*")
        cookies = {c["name"]: c["value"] for c in context.cookies()}
        assert cookies.get(deploy.COOKIE) == "en"
        tab.goto(served.url)  # the browser still prefers Estonian; the choice wins
        assert urlsplit(tab.url).path == "/en/"
        assert violations(tab) == []
    finally:
        context.close()


def test_a_changed_inline_script_changes_the_header_and_the_old_header_blocks_it(
    nginx, chromium, built_site, declaration, tmp_path
):
    changed = tmp_path / "html"
    shutil.copytree(built_site.html, changed)
    page = changed / "en" / "glossary.html"
    text = page.read_text(encoding="utf-8")
    assert THEME_SCRIPT in text
    script = f'{THEME_SCRIPT} document.body.dataset.changed = "yes";'
    page.write_text(text.replace(THEME_SCRIPT, script), encoding="utf-8")
    old, new = csp.policy(csp.scan(built_site.html)), csp.policy(csp.scan(changed))
    assert new != old
    new_hash = next(iter(csp.scan(changed).scripts - csp.scan(built_site.html).scripts))
    assert new_hash in new and new_hash not in old

    # Serving the changed pages with the configuration of the old ones: the browser refuses.
    for built, header, ran in ((built_site.html, old, None), (changed, new, "yes")):
        run = tmp_path / f"run-{ran}"
        with deploy.running(declaration, built, run, root=changed, log=run / "log") as server:
            url = f"{server.url}en/glossary.html"
            assert fetch(url).headers["Content-Security-Policy"] == header
            context, tab = open_tab(chromium, "en-GB")
            try:
                tab.goto(url)
                assert tab.evaluate("document.body.dataset.changed") == ran
                blocked = [v for v in violations(tab) if v.startswith("script-src")]
                assert bool(blocked) is (ran is None), violations(tab)
            finally:
                context.close()


# -- Generated from the declaration, sub-path included ---------------------------------------


def declare(folder: Path, base_url: str, languages: list[str]) -> site.Site:
    text = (ROOT / "handbook.toml").read_text(encoding="utf-8")
    text = text.replace('base_url = "https://handbook.example.org/"', f'base_url = "{base_url}"')
    if languages:
        lines = "\n".join(languages)
        start, end = text.index("list = [\n"), text.index("\n]", text.index("list = [\n"))
        text = f"{text[:start]}list = [\n{lines}{text[end:]}"
    (folder / "handbook.toml").write_text(text, encoding="utf-8")
    return site.load(folder)


def test_a_new_language_line_reaches_the_server_and_a_draft_is_only_chosen(nginx, tmp_path):
    line = '{{ code = "{}", name = "{}", title = "T", role = "{}", status = "{}" }},'
    languages = [
        line.format("ru", "Русский", "source", "release"),
        line.format("et", "Eesti", "translation", "release"),
        line.format("en", "English", "translation", "release"),
        line.format("fi", "Suomi", "translation", "draft"),
        line.format("lv", "Latviešu", "translation", "release"),
    ]
    declaration = declare(tmp_path, "https://handbook.example.org/", languages)
    html = tmp_path / "html"
    for code in declaration.codes:
        (html / code).mkdir(parents=True)
        (html / code / "index.html").write_text(f"<!doctype html><html lang='{code}'></html>")
        (html / code / "404.html").write_text(f"<!doctype html><p>{code}: not found</p>")
    with deploy.running(declaration, html, tmp_path / "run", log=tmp_path / "log") as server:
        assert fetch(server.url, {"Accept-Language": "lv"}).headers["Location"] == "/lv/"
        # a draft is not pushed on readers by their browser, but an explicit choice gets it
        assert fetch(server.url, {"Accept-Language": "fi"}).headers["Location"] == "/en/"
        chosen = fetch(server.url, {"Accept-Language": "fi", "Cookie": "handbook_lang=fi"})
        assert chosen.headers["Location"] == "/fi/"
        missing = fetch(f"{server.url}fi/nope.html")
        assert (missing.status, missing.body) == (404, (html / "fi" / "404.html").read_bytes())
        # no inline code in these pages: nothing but the site itself is allowed
        policy = fetch(server.url).headers["Content-Security-Policy"]
        assert "script-src 'self';" in policy and "sha256" not in policy


def test_the_site_works_under_the_sub_path_of_its_base_url(nginx, chromium, project_copy):
    # Two of the languages are enough here, and build in one round on two cores.
    languages = (ROOT / "handbook.toml").read_text(encoding="utf-8").splitlines()
    two = [
        line.strip()
        for line in languages
        if line.strip().startswith(('{ code = "ru"', '{ code = "et"'))
    ]
    assert len(two) == 2
    declaration = declare(project_copy, "https://intranet.example.org/handbook/", two)
    builddir = project_copy / "_build"
    built = run_handbook(project_copy, "--builddir", str(builddir), "build")
    assert built.returncode == 0, built.output
    html = builddir / "html"
    run = project_copy / "run"
    with deploy.running(declaration, html, run, log=run / "log") as server:
        assert server.url.endswith("/handbook/")
        top = server.url.removesuffix("handbook/")
        assert fetch(top).headers["Location"] == "/handbook/"
        assert fetch(f"{top}handbook").headers["Location"] == "/handbook/"
        outside = fetch(f"{top}ru/", {"Accept-Language": "ru"})  # only the sub-path is ours
        assert (outside.status, outside.body) == (404, local_404(html, "ru"))
        assert {"Accept-Language", "Cookie"} <= outside.vary()
        redirect = fetch(server.url, {"Accept-Language": "et"})
        assert (redirect.status, redirect.headers["Location"]) == (302, "/handbook/et/")
        assert {"Accept-Language", "Cookie"} <= redirect.vary()

        start = f"{server.url}et/"
        assert fetch(start).status == 200
        missing_url = f"{server.url}et/stories/gone/deeper.html"
        missing = fetch(missing_url)
        assert (missing.status, missing.body) == (404, local_404(html, "et"))
        # the 404 page's own files load from wherever the reader mistyped an address
        soup = BeautifulSoup(missing.body, "lxml")
        sources = [t["href"] for t in soup.select("link[rel~=stylesheet][href]")]
        sources += [t["src"] for t in soup.select("script[src], img[src]")]
        assert sources
        for source in sources:
            assert fetch(urljoin(missing_url, source)).status == 200, source

        context, tab = open_tab(chromium, "et-EE")
        try:
            tab.goto(server.url)
            assert urlsplit(tab.url).path == "/handbook/et/"
            tab.goto(missing_url)
            assert tab.evaluate("document.styleSheets.length") >= 2
            assert violations(tab) == []
        finally:
            context.close()


def test_the_production_configuration_passes_nginx_own_check(nginx, built_site, tmp_path):
    run = run_handbook(ROOT, "nginx", "--html", str(built_site.html), "--out", str(tmp_path))
    assert run.returncode == 0, run.output
    main = tmp_path / "nginx.conf"
    main.write_text(deploy.render_main(tmp_path / "handbook.conf", tmp_path), encoding="utf-8")
    checked = subprocess.run(
        [str(nginx), "-t", "-p", str(tmp_path), "-c", str(main), "-e", "stderr"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


# -- make serve-prod -------------------------------------------------------------------------


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def session_members(session: int) -> list[str]:
    """Command lines of the processes that belong to ``session``."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == session:
                    members.append((entry / "cmdline").read_text().replace("\0", " "))
            except (OSError, ProcessLookupError):
                pass
    return members


def test_make_serve_prod_runs_nginx_in_the_foreground_and_ctrl_c_leaves_nothing(
    nginx, built_site, tmp_path
):
    port = deploy.free_port()
    output = tmp_path / "output"
    # -o html: the session's build is current; what is tested is the target itself
    command = ["make", "--no-print-directory", "-o", "html", "serve-prod"]
    variables = [f"BUILDDIR={built_site.html.parent}", f"PORT={port}"]
    with open(output, "wb") as sink:
        make = subprocess.Popen(
            command + variables, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    try:
        # ready when it says so (nginx listens a moment before that line is printed)
        deadline = time.monotonic() + 30
        while "Ctrl-C stops it" not in output.read_text():
            assert make.poll() is None, output.read_text()
            assert time.monotonic() < deadline, output.read_text()
            time.sleep(0.05)
        assert listening(port)
        assert any("nginx: master process" in m for m in session_members(make.pid))
        response = fetch(f"http://127.0.0.1:{port}/", {"Accept-Language": "et"})
        assert (response.status, response.headers["Location"]) == (302, "/et/")
        assert "Content-Security-Policy" in response.headers
        # Ctrl-C in a terminal signals the whole foreground process group
        os.killpg(make.pid, signal.SIGINT)
        make.wait(timeout=30)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait()
    assert session_members(make.pid) == []
    assert not listening(port)
    assert f"on http://127.0.0.1:{port}/ — Ctrl-C stops it" in output.read_text()
    assert '"GET / HTTP/1.1" 302' in output.read_text()  # the access log, in the terminal
