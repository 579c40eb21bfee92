"""Publishing recipes without a running server: the CSP hashes (handbook/deploy/csp.py), the nginx
configuration's inputs and refusals (handbook/deploy/nginx.py), and the Read the Docs and GitHub
Pages recipes. tests/test_nginx.py runs the configuration in Debian's nginx."""

from __future__ import annotations

import base64
import gettext
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import sphinx
import yaml
from bs4 import BeautifulSoup
from helpers import ROOT, run_handbook

from handbook import site
from handbook.deploy import csp
from handbook.deploy import nginx as deploy


def expected_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def write_page(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html>\n<html><head></head>\n<body>\n{body}\n</body></html>\n")
    return path


# -- CSP hashes -----------------------------------------------------------------------------


def test_inline_scripts_styles_and_style_attributes_are_hashed_as_the_browser_sees_them(
    tmp_path,
):
    write_page(
        tmp_path,
        "a.html",
        '<script>let a = "&amp;";</script>\n'
        '<script src="x.js"></script>\n'
        "<style>p { color: red }</style>\n"
        '<p style="content: &quot;x&quot;">text</p>',
    )
    code = csp.scan(tmp_path)
    # Script and style contents are raw text; an attribute value is hashed decoded.
    assert code.scripts == {expected_hash('let a = "&amp;";')}
    assert code.style_blocks == {expected_hash("p { color: red }")}
    assert code.style_attributes == {expected_hash('content: "x"')}
    assert code.findings == []


def test_carriage_returns_are_hashed_as_the_html_parser_leaves_them(tmp_path):
    (tmp_path / "crlf.html").write_bytes(b"<script>\r\nlet a = 1;\r\n</script>")
    assert csp.scan(tmp_path).scripts == {expected_hash("\nlet a = 1;\n")}


def test_what_no_hash_can_allow_is_reported_with_file_and_line(tmp_path):
    write_page(
        tmp_path,
        "sub/page.html",
        '<button onclick="go()">go</button>\n<a href=" JavaScript:alert(1)">x</a>',
    )
    findings = [str(finding) for finding in csp.scan(tmp_path, tmp_path).findings]
    assert len(findings) == 2
    assert findings[0].startswith("sub/page.html:4: <button onclick=…>: an inline event handler")
    assert findings[1].startswith('sub/page.html:5: <a href="javascript:…">: a javascript: URL')


def test_data_images_are_allowed_only_when_a_stylesheet_draws_one(tmp_path):
    write_page(tmp_path, "a.html", "<p>plain</p>")
    (tmp_path / "a.css").write_text("a { color: red }")
    assert "img-src 'self';" in csp.policy(csp.scan(tmp_path))
    (tmp_path / "b.css").write_text("a:after { content: url('data:image/svg+xml,%3Csvg%3E') }")
    assert "img-src 'self' data:;" in csp.policy(csp.scan(tmp_path))


def test_the_policy_allows_only_the_site_and_the_hashed_inline_code(built_site):
    header = csp.policy(csp.scan(built_site.html))
    directives = dict(d.split(" ", 1) for d in header.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    for value in directives.values():
        sources = set(value.split()) - {"'self'", "'none'", "'unsafe-hashes'", "data:"}
        assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", s) for s in sources), value
    # only style attributes need 'unsafe-hashes'; scripts never get it
    assert "'unsafe-hashes'" not in directives["script-src"]


def test_the_hashes_match_every_inline_block_an_independent_parser_finds(built_site):
    # BeautifulSoup with lxml reads the same built pages as handbook.deploy.csp's own parser.
    scripts, blocks, attributes = set(), set(), set()
    for path in built_site.html.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        scripts |= {expected_hash(s.string or "") for s in soup.find_all("script", src=False)}
        blocks |= {expected_hash(s.string or "") for s in soup.find_all("style")}
        attributes |= {expected_hash(t["style"]) for t in soup.find_all(style=True)}
    code = csp.scan(built_site.html)
    assert scripts and blocks and attributes  # furo's theme script, its colours, the sprite
    assert (code.scripts, code.style_blocks, code.style_attributes) == (
        scripts,
        blocks,
        attributes,
    )
    assert code.findings == []


# -- Sphinx's translated strings without eval (handbook/sphinxext/csp_plural) --------------


def sphinx_plural_expressions() -> list[str]:
    """Every plural expression of the catalogs Sphinx ships, e.g. Russian's four forms."""
    found = set()
    for catalog in Path(sphinx.package_dir, "locale").glob("*/LC_MESSAGES/sphinx.js"):
        match = re.search(r'"plural_expr":\s*("(?:[^"\\]|\\.)*")', catalog.read_text("utf-8"))
        if match:
            found.add(json.loads(match[1]))
    return sorted(found)


def test_plural_rules_are_computed_without_eval_as_gettext_computes_them(page, site_url):
    expressions = sphinx_plural_expressions()
    assert len(expressions) > 10
    page.goto(f"{site_url}ru/index.html")
    computed = page.evaluate(
        """(expressions) => expressions.map((expression) => {
            Documentation.addTranslations({messages: {}, plural_expr: expression, locale: "x"});
            return Array.from({length: 250}, (_, n) => Documentation.PLURAL_EXPR(n));
        })""",
        expressions,
    )
    for expression, forms in zip(expressions, computed, strict=True):
        rule = gettext.c2py(expression)  # Python's own reading of the same C expression
        assert forms == [rule(n) for n in range(250)], expression
    # the project's translations.js wraps the rule in +(…): still arithmetic, still a number
    page.evaluate("""Documentation.addTranslations(
        {messages: {}, plural_expr: "+((n != 1))", locale: "et"})""")
    assert page.evaluate("[1, 2].map(Documentation.PLURAL_EXPR)") == [0, 1]
    assert page.console_errors == []


def test_anything_but_arithmetic_on_n_is_refused_not_run(page, site_url):
    page.goto(f"{site_url}en/index.html")
    for hostile in ("alert(1)", "n; fetch('x')", "(n != 1", "n = 2", "constructor"):
        error = page.evaluate(
            """(expression) => {
                try {
                    Documentation.addTranslations({messages: {}, plural_expr: expression});
                } catch (error) { return error.name; }
                return null;
            }""",
            hostile,
        )
        assert error == "SyntaxError", hostile


def test_the_replacement_loads_between_doctools_and_translations(built_site):
    for code in ("ru", "et"):
        soup = BeautifulSoup(
            (built_site.html / code / "search.html").read_text(encoding="utf-8"), "lxml"
        )
        scripts = [tag["src"].split("?")[0] for tag in soup.select("script[src]")]
        order = [
            scripts.index(f"_static/{name}")
            for name in ("doctools.js", "handbook-csp-plural.js", "translations.js")
        ]
        assert order == sorted(order), scripts


# -- The configuration's inputs -------------------------------------------------------------


def declaration_in(folder: Path, base_url: str, languages: str | None = None) -> site.Site:
    text = (ROOT / "handbook.toml").read_text(encoding="utf-8")
    text = text.replace('base_url = "https://handbook.example.org/"', f'base_url = "{base_url}"')
    if languages is not None:
        text = re.sub(r"list = \[\n.*?\n\]", f"list = [\n{languages}\n]", text, flags=re.S)
    (folder / "handbook.toml").write_text(text, encoding="utf-8")
    return site.load(folder)


def test_the_sub_path_comes_from_the_base_url(tmp_path):
    assert deploy.base_path(declaration_in(tmp_path, "https://intra.example.org/handbook/")) == (
        "/handbook/"
    )


def test_a_base_url_nginx_cannot_route_names_its_line_in_the_declaration(tmp_path):
    declaration = declaration_in(tmp_path, "https://intra.example.org/hand book/")
    with pytest.raises(deploy.DeployError) as error:
        deploy.base_path(declaration)
    line = next(
        n
        for n, text in enumerate((tmp_path / "handbook.toml").read_text().splitlines(), 1)
        if text.startswith("base_url")
    )
    assert str(error.value).startswith(f"handbook.toml:{line}: the base URL's path")


def test_no_build_means_a_clear_refusal_and_nothing_written(tmp_path):
    out = tmp_path / "conf"
    out.mkdir()
    run = run_handbook(ROOT, "--builddir", str(tmp_path / "empty"), "nginx", "--out", str(out))
    assert run.returncode == 1
    assert f"{tmp_path / 'empty' / 'html'}: no built site here: run `make html` first" in (
        run.output
    )
    assert list(out.iterdir()) == []


def test_a_language_declared_but_not_built_is_named(built_site, tmp_path):
    html = tmp_path / "html"
    shutil.copytree(built_site.html, html)
    shutil.rmtree(html / "et")
    with pytest.raises(deploy.DeployError) as error:
        deploy.render_site(site.load(ROOT), html)
    assert str(error.value) == (
        f"{html / 'et' / 'index.html'}: missing: et is declared in handbook.toml but not built "
        "(`make html`)"
    )


def test_an_inline_event_handler_in_the_build_stops_the_configuration(built_site, tmp_path):
    html = tmp_path / "html"
    shutil.copytree(built_site.html, html)
    page = html / "en" / "glossary.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("<body>", '<body onload="x()">', 1), "utf-8"
    )
    out = tmp_path / "handbook.conf"
    with pytest.raises(deploy.DeployError) as error:
        deploy.write_site(site.load(ROOT), html, out)
    assert "glossary.html:" in str(error.value) and "onload" in str(error.value)
    assert not out.exists()


def test_a_folder_nginx_cannot_quote_is_refused(built_site):
    with pytest.raises(deploy.DeployError, match="quotes, '\\$'"):
        deploy.render_site(site.load(ROOT), built_site.html, root=Path('/srv/"$x";'))


def test_the_configuration_is_written_for_production_by_default(built_site, tmp_path):
    run = run_handbook(
        ROOT, "nginx", "--html", str(built_site.html), "--root", "/srv/handbook/html",
        "--out", str(tmp_path),
    )  # fmt: skip
    assert run.returncode == 0, run.output
    text = (tmp_path / "handbook.conf").read_text(encoding="utf-8")
    assert "listen 80;" in text and "listen [::]:80;" in text
    assert "server_name handbook.example.org;" in text
    assert 'alias "/srv/handbook/html/";' in text
    header = csp.policy(csp.scan(built_site.html))
    assert f'add_header Content-Security-Policy "{header}" always;' in text


# -- Other ways to publish ------------------------------------------------------------------


def test_read_the_docs_builds_with_make_offline_and_publishes_the_tree_as_it_is():
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    commands = config["build"]["commands"]
    assert "make offline" in commands  # the pages plus PDF and EPUB
    assert commands[-1] == 'cp -a _build/html/. "$READTHEDOCS_OUTPUT/html/"'
    assert "sphinx" not in config  # no second, single-language build next to ours


def test_github_pages_deploys_the_offline_build_on_pushes_to_main():
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    )
    # PyYAML reads the key `on` as True (YAML 1.1)
    assert workflow[True]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert "make offline" in runs
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    assert publish["needs"] == "build"
    assert any("deploy-pages" in step.get("uses", "") for step in publish["steps"])


def test_readme_tells_the_three_ways_to_publish():
    readme = (ROOT / "handbook" / "deploy" / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Publishing\n", 1)[1].split("\n## ", 1)[0]
    for words in ("make serve-prod", "python -m handbook nginx", ".readthedocs.yaml", "pages.yml"):
        assert words in section
