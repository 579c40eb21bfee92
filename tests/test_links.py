"""Links (handbook.links.external): external links checked in every language against a real HTTP
server on 127.0.0.1, and the built site's own links checked offline."""

from __future__ import annotations

import http.server
import json
import re
import runpy
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from helpers import ROOT, run_handbook
from lxml import html as lxml_html

from handbook.links import crawl
from handbook.links import external as links

PROJECT = ROOT / "tests" / "roots" / "test-linkcheck"
SLOW_SECONDS = 10  # the project's linkcheck_timeout is 3 s


# -- A server with one answer of each kind --------------------------------------------------


class _Answers(http.server.BaseHTTPRequestHandler):
    live = b'<!DOCTYPE html><html><body><h1 id="here">Live</h1></body></html>'

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def _answer(self, with_body: bool) -> None:
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        if path in ("/live", "/live-ru", "/slow"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(self.live)))
            self.end_headers()
            if with_body:
                self.wfile.write(self.live)
            return
        if path == "/old":
            self.send_response(301)
            self.send_header("Location", "/live")
        else:
            self.send_response(500 if path == "/error" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # the client gave up on /slow before it answered: expected


@pytest.fixture(scope="module")
def server():
    httpd = _Server(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> str:
    """A loopback address where nothing listens (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{probe.getsockname()[1]}"


def make_project(target: Path, server: str) -> Path:
    """A copy of tests/roots/test-linkcheck whose links point at ``server``."""
    shutil.copytree(PROJECT, target)
    refused = closed_port()
    for path in target.rglob("*"):
        if path.suffix in (".md", ".po"):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("SERVER", server).replace("REFUSED", refused))
    return target


def line_of(path: Path, text: str) -> int:
    """The first line of ``path`` that contains ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.fixture(scope="module")
def checked(server, tmp_path_factory):
    """`python -m handbook linkcheck` run once on the project, as `make linkcheck` runs it."""
    project = make_project(tmp_path_factory.mktemp("linkcheck") / "project", server)
    run = run_handbook(project, "--builddir", str(project / "_build"), "linkcheck")
    report = json.loads((project / "_build" / "linkcheck" / "report.json").read_text())
    return project, run, report


def find(report: list[dict], language: str, uri_end: str) -> dict:
    [link] = [
        link for link in report if link["language"] == language and link["uri"].endswith(uri_end)
    ]
    return link


# -- External links ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("uri_end", "status", "reason"),
    [
        ("/live", links.OK, ""),
        ("/live#here", links.OK, ""),
        ("/missing", links.BROKEN, "HTTP 404 Not Found"),
        ("/error", links.BROKEN, "HTTP 500 Internal Server Error"),
        ("/live#nowhere", links.BROKEN, "anchor #nowhere not found"),
        ("/old", links.REDIRECTED, "permanently (301) to http://{server}/live"),
        ("/slow", links.UNREACHABLE, "timed out"),
        ("no-such-host.invalid/", links.UNREACHABLE, "name lookup failed"),
        ("/ru/index.html", links.IGNORED, "linkcheck_ignore"),
    ],
)
def test_each_kind_of_link_is_classified_where_it_lives(checked, server, uri_end, status, reason):
    project, _run, report = checked
    link = find(report, "ru", uri_end)
    assert (link["status"], link["reason"]) == (status, reason.format(server=server))
    source = project / "docs" / "index.md"
    assert link["source"] == f"docs/index.md:{line_of(source, uri_end)}"
    assert link["catalog"] is None


def test_a_port_nobody_listens_on_is_unreachable(checked):
    project, _run, report = checked
    source = project / "docs" / "index.md"
    number = line_of(source, "никто не слушает")
    address = re.search(r"\((http://[^)]+)\)", source.read_text().splitlines()[number - 1])[1]
    refused = find(report, "ru", address)
    assert (refused["status"], refused["reason"]) == (links.UNREACHABLE, "connection refused")
    assert refused["source"] == f"docs/index.md:{number}"


def test_a_link_the_translation_changed_is_reported_at_its_catalog_line(checked):
    project, _run, report = checked
    po = project / "locale" / "en" / "LC_MESSAGES" / "index.po"
    source = project / "docs" / "index.md"
    changed = find(report, "en", "/gone-en")
    assert changed["status"] == links.BROKEN
    assert changed["reason"] == "HTTP 404 Not Found"
    assert changed["catalog"] == f"locale/en/LC_MESSAGES/index.po:{line_of(po, '/gone-en')}"
    # the Russian paragraph it translates
    assert changed["source"] == f"docs/index.md:{line_of(source, '/live-ru')}"
    assert not [link for link in report if link["language"] == "en" and "/live-ru" in link["uri"]]


def test_a_translated_link_names_its_catalog_and_an_untranslated_one_its_source(checked):
    project, _run, report = checked
    po = project / "locale" / "en" / "LC_MESSAGES" / "index.po"
    source = project / "docs" / "index.md"
    kept = find(report, "en", "/missing")  # translated message, same address
    assert kept["status"] == links.BROKEN
    assert kept["catalog"] == f"locale/en/LC_MESSAGES/index.po:{line_of(po, 'is gone')}"
    assert kept["source"] == f"docs/index.md:{line_of(source, '/missing')}"
    fallback = find(report, "en", "/error")  # untranslated: the Russian text is shown
    assert fallback["catalog"] is None
    assert fallback["source"] == f"docs/index.md:{line_of(source, '/error')}"
    assert fallback["status"] == links.BROKEN


def test_the_terminal_names_every_failure_by_file_and_line_and_the_exit_is_non_zero(checked):
    project, run, _report = checked
    assert run.returncode == 1, run.output
    lines = run.output.splitlines()
    source = project / "docs" / "index.md"
    missing = next(line for line in lines if line.endswith("/missing — HTTP 404 Not Found"))
    assert missing.startswith(f"docs/index.md:{line_of(source, '/missing')}: [ru] broken http://")
    assert any(
        line.startswith("locale/en/LC_MESSAGES/index.po:") and "[en] broken" in line
        for line in lines
    )
    assert not [line for line in lines if "] ok " in line], "working links are not listed"
    assert "[ru] 11 link(s): 3 broken, 3 unreachable, 1 redirected, 3 ok, 1 ignored" in lines
    assert lines[-1].startswith("links FAILED — report: ")
    report_txt = (project / "_build" / "linkcheck" / "report.txt").read_text().splitlines()
    assert report_txt == lines[1:]  # everything but the progress line


def test_only_working_and_redirected_links_pass(server, tmp_path):
    project = make_project(tmp_path / "project", server)
    index = project / "docs" / "index.md"
    kept = [
        line
        for line in index.read_text().splitlines()
        if line.startswith("#") or "/live)" in line or "/old)" in line
    ]
    index.write_text("\n\n".join(kept) + "\n")
    run = run_handbook(project, "--builddir", str(tmp_path / "build"), "linkcheck")
    assert run.returncode == 0, run.output
    assert "redirected" in run.output and "links ok" in run.output


def test_a_failing_sphinx_is_reported_not_taken_for_a_clean_check(server, tmp_path):
    project = make_project(tmp_path / "project", server)
    (project / "conf.py").write_text("extensions = ['no_such_extension']\n")
    builddir = tmp_path / "build"
    stale = builddir / "linkcheck" / "ru" / "output.json"
    stale.parent.mkdir(parents=True)
    # a previous run's results must not be taken for this run's
    old = {"filename": "index.md", "lineno": 3, "status": "working", "code": 0, "uri": "http://x/"}
    stale.write_text(json.dumps(old) + "\n")
    run = run_handbook(project, "--builddir", str(builddir), "linkcheck", "--langs", "ru")
    assert run.returncode == 1
    assert "FAILED [ru]: Sphinx's linkcheck builder did not finish" in run.output
    assert "no_such_extension" in run.output
    assert json.loads((builddir / "linkcheck" / "report.json").read_text()) == []


def test_the_handbook_itself_checks_every_language(tmp_path, declaration):
    run = run_handbook(ROOT, "--builddir", str(tmp_path), "linkcheck")
    assert run.returncode == 0, run.output
    for lang in declaration.languages:
        assert re.search(rf"^\[{lang.code}\] \d+ link\(s\): ", run.output, re.MULTILINE)
        assert (tmp_path / "linkcheck" / lang.code / "output.json").is_file()
    report = json.loads((tmp_path / "linkcheck" / "report.json").read_text())
    assert not [link for link in report if link["status"] in links.FAILING]


def test_the_handbook_configures_timeouts_retries_and_its_own_site_as_an_exception(declaration):
    config = runpy.run_path(str(ROOT / "conf.py"))
    assert 5 <= config["linkcheck_timeout"] < 30  # Sphinx's default 30 s: a dead host is slow
    assert config["linkcheck_retries"] >= 2
    assert config["linkcheck_rate_limit_timeout"] <= 300
    assert config["linkcheck_report_timeouts_as_broken"] is False  # timeouts: "unreachable"
    ignored = [re.compile(pattern) for pattern in config["linkcheck_ignore"]]
    assert any(pattern.match(declaration.url("et", "index.html")) for pattern in ignored)
    assert not any(pattern.match("https://www.sphinx-doc.org/") for pattern in ignored)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        # what Sphinx 9 writes for cases the local server does not stage
        ({"status": "ignored", "info": "service unavailable", "code": 0},
         (links.UNREACHABLE, "HTTP 503 Service Unavailable", 503)),
        ({"status": "broken", "code": 0,
          "info": "429 Client Error: Too Many Requests for url: https://x.org/"},
         (links.UNREACHABLE, "HTTP 429 Too Many Requests", 429)),
        ({"status": "broken", "info": "unauthorized", "code": 0},
         (links.BROKEN, "HTTP 401 Unauthorized", 401)),
        ({"status": "redirected", "info": "https://x.org/new", "code": 307},
         (links.REDIRECTED, "temporarily (307) to https://x.org/new", 307)),
        ({"status": "broken", "info": "", "code": 0}, (links.BROKEN, "no such file", None)),
        ({"status": "broken", "code": 0,
          "info": "HTTPSConnectionPool(host='x.org', port=443): Max retries exceeded with url: / "
                  "(Caused by SSLError(SSLCertVerificationError(1, '[SSL: "
                  "CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has "
                  "expired (_ssl.c:1006)')))"},
         (links.BROKEN, "TLS certificate not accepted", None)),
        ({"status": "unchecked", "info": "", "code": 0}, (links.UNCHECKED, "", None)),
    ],
)  # fmt: skip
def test_classification_of_results_no_local_server_can_stage(record, expected):
    assert links.classify(record) == expected


# -- The built site's own links ------------------------------------------------------------------


def test_every_local_link_of_the_built_site_resolves(built_site, declaration):
    assert crawl.crawl(built_site.html, declaration.base_url) == []


def test_the_command_line_checks_a_built_site_and_refuses_a_missing_one(built_site, tmp_path):
    run = run_handbook(ROOT, "--builddir", str(built_site.html.parent), "linkcheck", "--built-site")
    assert (run.returncode, run.output.strip()) == (
        0,
        f"0 broken local link(s) in {built_site.html}",
    )
    run = run_handbook(ROOT, "--builddir", str(tmp_path), "linkcheck", "--built-site")
    assert run.returncode == 2
    assert f"no built site in {tmp_path / 'html'}: run `make html` first" in run.output


def test_the_crawl_reads_every_page_of_every_language_and_the_root_page(built_site):
    pages = {path.relative_to(built_site.html).parts[0] for path in built_site.html.rglob("*.html")}
    assert {"index.html", "ru", "et", "en"} <= pages
    # the root page's language links (hreflang, like the switcher's) are among those checked
    root = (built_site.html / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="et/index.html" hreflang="et"', root)


def test_each_broken_local_link_is_reported_with_its_page_and_line(
    built_site, declaration, tmp_path
):
    html = tmp_path / "html"
    shutil.copytree(built_site.html, html)

    def edit(page: str, old: str, new: str) -> int:
        path = html / page
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {page}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return line_of(path, new)

    root_line = edit("index.html", 'href="et/index.html"', 'href="et/no-such-page.html"')
    (html / "en" / "_static" / "pygments.css").unlink()
    # a language link the way a switcher writes it, to a page that is there, anchor that is not
    switch_line = edit(
        "ru/glossary.html",
        "</body>",
        '<a href="../et/glossary.html#no-such-term" hreflang="et">Eesti</a></body>',
    )
    canonical = declaration.url("en", "glossary.html")
    canonical_line = edit("en/glossary.html", canonical, declaration.url("en", "glossary-old.html"))
    escape_line = edit("en/index.html", "</body>", '<img src="../../../etc/hostname"></body>')
    top_line = edit("en/glossary.html", "</body>", '<a href="/en/nope.html#x">top</a></body>')
    # the site's own root, as an x-default alternate names it, resolves
    edit("et/index.html", "</head>", f'<link rel="alternate" href="{declaration.base_url}"></head>')
    (html / "et" / "half-written.html").write_text("")

    findings = [str(finding) for finding in crawl.crawl(html, declaration.base_url)]

    assert (
        f"index.html:{root_line}: broken link et/no-such-page.html: "
        "et/no-such-page.html does not exist"
    ) in findings
    assert (
        f"ru/glossary.html:{switch_line}: broken link ../et/glossary.html#no-such-term: "
        "no id 'no-such-term' in et/glossary.html"
    ) in findings
    assert (
        f"en/glossary.html:{canonical_line}: broken link "
        f"{declaration.url('en', 'glossary-old.html')}: en/glossary-old.html does not exist"
    ) in findings
    assert (
        f"en/index.html:{escape_line}: link ../../../etc/hostname leads outside the site"
    ) in findings
    css = [f for f in findings if "en/_static/pygments.css does not exist" in f]
    en_pages = [p for p in (html / "en").rglob("*.html") if "pygments.css" in p.read_text()]
    assert len(css) == len(en_pages) > 20  # every page that uses it, not only the first
    assert (
        f"en/glossary.html:{top_line}: broken link /en/nope.html#x: en/nope.html does not exist"
    ) in findings
    assert "et/half-written.html: empty, not an HTML page" in findings
    assert len(findings) == 6 + len(css)


def test_the_language_switchers_links_are_checked(built_site, declaration, tmp_path):
    html = tmp_path / "html"
    shutil.copytree(built_site.html, html)
    page = lxml_html.parse(str(html / "et" / "principles" / "humanity.html"))
    to_english = [a.sourceline for a in page.iter("a") if a.get("hreflang") == "en"]
    assert to_english, "an Estonian page links the same page in English"
    (html / "en" / "principles" / "humanity.html").unlink()
    broken = {(f.path, f.line) for f in crawl.crawl(html, declaration.base_url)}
    for line in to_english:
        assert ("et/principles/humanity.html", line) in broken


def test_a_site_under_a_sub_path_resolves_links_from_its_top(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text('<html><body><h1 id="top">Top</h1></body></html>')
    (tmp_path / "index.html").write_text(
        "<html><body>\n"
        '<a href="/handbook/en/index.html">from the top</a>\n'
        '<a href="https://intra.example.org/handbook/en/#top">absolute</a>\n'
        '<a href="/elsewhere/page.html">another site on the host</a>\n'
        "</body></html>\n"
    )
    findings = crawl.crawl(tmp_path, "https://intra.example.org/handbook/")
    assert [str(finding) for finding in findings] == [
        "index.html:4: link /elsewhere/page.html leads outside the site "
        "(its pages are under /handbook/)"
    ]
