"""``python -m handbook <command>``: the command line the Makefile calls.

Thin on purpose: each command parses its options, calls a function that returns data,
and prints it.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
from pathlib import Path

from handbook import checks, site
from handbook.build import compiled, live, storage
from handbook.build import run as builder
from handbook.catalogs import completeness, reformat
from handbook.catalogs import stats as catalog_stats
from handbook.catalogs import update as catalog_update
from handbook.deploy import nginx as deploy
from handbook.patches import pins


def _codes(declaration: site.Site, value: str | None, translations_only: bool = False) -> list[str]:
    """Language codes from a LANGS value ("et en" or "et,en"); all declared when empty."""
    if value and value.strip():
        codes = value.replace(",", " ").split()
        for code in codes:
            declaration.language(code)
        return codes
    pool = declaration.translations if translations_only else declaration.languages
    return [lang.code for lang in pool]


def cmd_build(args: argparse.Namespace, declaration: site.Site) -> int:
    return _build_and_publish(args, declaration, builder.build)


def cmd_offline(args: argparse.Namespace, declaration: site.Site) -> int:
    from handbook.offline import build as offline  # WeasyPrint and pango only when asked
    from handbook.offline import system

    system.ensure_build_packages()
    return _build_and_publish(args, declaration, offline.build)


def _build_and_publish(args: argparse.Namespace, declaration: site.Site, build) -> int:
    """``make html`` and ``make offline``: build, publish, print the summary; a full disk,
    an unreadable catalog and Ctrl-C each end in one line."""
    try:
        result = build(
            declaration,
            _codes(declaration, args.langs),
            Path(args.builddir).resolve(),
            jobs=args.jobs or None,
            extra=args.sphinx_opts.split() if args.sphinx_opts else (),
            report=lambda line: print(line, flush=True),
        )
    except (storage.BuildFolderError, compiled.CatalogError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C reached Sphinx too; the lock and staging are gone
        print(
            "interrupted: nothing published, the previous site is untouched; the next build "
            "starts the interrupted languages afresh",
            file=sys.stderr,
        )
        return 130
    for line in builder.summary(result):
        print(line, file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def cmd_langs(args: argparse.Namespace, declaration: site.Site) -> int:
    langs = declaration.translations if args.translations else declaration.languages
    print(" ".join(lang.code for lang in langs))
    return 0


def cmd_gettext(args: argparse.Namespace, declaration: site.Site) -> int:
    print(catalog_update.extract(declaration, Path(args.builddir).resolve()))
    return 0


def cmd_update_po(args: argparse.Namespace, declaration: site.Site) -> int:
    codes = _codes(declaration, args.langs, True)
    results = catalog_update.update(declaration, Path(args.builddir).resolve(), codes)
    for result in results:
        if result.status != "unchanged":
            print(result.describe(declaration.root))
        for problem in result.problems:
            print(f"{problem} — the catalog was left as it is", file=sys.stderr)
    for code in codes:
        for name in catalog_update.orphans(declaration, code):
            print(
                f"note: locale/{code}/LC_MESSAGES/{name}.po belongs to no page any more; its "
                "translations were offered to moved paragraphs — delete it when done"
            )
    changed = sum(r.status in ("created", "updated") for r in results)
    reused = sum(r.reused for r in results)
    sources = sum(r.changed for r in results)
    print(
        f"{len(results)} catalogs, {changed} changed, {reused} translations reused (fuzzy: "
        f"review them), {sources} sources changed (fuzzy, the old text kept as #| msgid)"
    )
    refused = [r for r in results if r.status == "refused"]
    if refused:
        print(f"{len(refused)} broken catalog(s) not updated: fix the lines above", file=sys.stderr)
    return 1 if refused else 0


def cmd_po_format(args: argparse.Namespace, declaration: site.Site) -> int:
    results = reformat.reformat(declaration, _codes(declaration, args.langs))
    for result in results:
        if result.status == "formatted":
            print(result.describe(declaration.root))
        for problem in result.problems:
            print(f"{problem} — the catalog was left as it is", file=sys.stderr)
    formatted = sum(r.status == "formatted" for r in results)
    refused = sum(r.status == "refused" for r in results)
    print(f"{len(results)} catalogs, {formatted} rewritten in the canonical form")
    if refused:
        print(f"{refused} broken catalog(s) not formatted: fix the lines above", file=sys.stderr)
    return 1 if refused else 0


# -- translators' workflow (issue 6): stats, check, validate, live -------------------------


def cmd_stats(args: argparse.Namespace, declaration: site.Site) -> int:
    codes = _codes(declaration, args.langs)
    if broken := checks.unreadable(declaration, codes):
        for finding in broken:
            print(finding, file=sys.stderr)
        return 1
    lines, complete = catalog_stats.stats_report(declaration, codes)
    print("\n".join(lines))
    # a missing or empty catalog would otherwise count as nothing left to translate
    for finding in (absent := completeness.problems(declaration, codes)):
        print(finding, file=sys.stderr)
    return 1 if args.strict and (absent or not complete) else 0


def cmd_check(args: argparse.Namespace, declaration: site.Site) -> int:
    codes = _codes(declaration, args.langs)
    findings = checks.check(declaration, codes, spelling=not args.no_spelling)
    for finding in findings:
        print(finding)
    where = ", ".join(codes)
    if findings:
        print(f"{len(findings)} problem(s) in the catalogs of {where}", file=sys.stderr)
        return 1
    print(f"no problems in the catalogs of {where}", file=sys.stderr)
    return 0


def cmd_move_page(args: argparse.Namespace, declaration: site.Site) -> int:
    from handbook import move

    try:
        written = move.move(declaration, args.old, args.new)
    except move.MoveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.relative_to(declaration.root)}")
    print(f"moved {args.old} to {args.new}; the old address redirects (handbook.toml)")
    return 0


def cmd_validate(args: argparse.Namespace, declaration: site.Site) -> int:
    codes = _codes(declaration, args.langs)
    findings = checks.build_blockers(declaration, codes)
    for finding in findings:
        print(finding, file=sys.stderr)
    if findings:
        return 1
    if args.compile_into:  # make live's own compiled catalogs (handbook/build/compiled.py)
        try:
            for code in codes:
                compiled.mirror(declaration, code, Path(args.compile_into))
        except compiled.CatalogError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    return 0


def cmd_live(args: argparse.Namespace, declaration: site.Site) -> int:
    codes = _codes(declaration, args.langs) if args.langs else [declaration.source.code]
    if len(codes) != 1:
        print("error: live previews one language: LANGS=et", file=sys.stderr)
        return 2
    builddir = Path(args.builddir).resolve()
    if args.warm:  # one kept Sphinx application (handbook/build/warm.py)
        from handbook.build import warm_server

        return warm_server.run(declaration, codes[0], builddir, host=args.host, port=args.port)
    return live.run(declaration, codes[0], builddir, host=args.host, port=args.port)


def cmd_nginx(args: argparse.Namespace, declaration: site.Site) -> int:
    builddir = Path(args.builddir).resolve()
    try:
        path, warnings = deploy.write_site(
            declaration,
            Path(args.html).resolve() if args.html else builddir / "html",
            Path(args.out) if args.out else builddir / "nginx" / deploy.SITE_CONF,
            root=Path(args.root) if args.root else None,
            listen=args.listen or deploy.PRODUCTION_LISTEN,
        )
    except deploy.DeployError as error:
        print(error, file=sys.stderr)
        return 1
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(path)
    return 0


def cmd_serve_prod(args: argparse.Namespace, declaration: site.Site) -> int:
    builddir = Path(args.builddir).resolve()
    # `kill` (SIGTERM) ends it as cleanly as Ctrl-C: nginx is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        with deploy.running(
            declaration,
            builddir / "html",
            builddir / "nginx",
            port=args.port,
            access_log="/dev/stdout",
            timeout=30,
        ) as server:
            for warning in server.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            print(f"nginx serves {builddir / 'html'} on {server.url} — Ctrl-C stops it", flush=True)
            return server.wait()
    except deploy.DeployError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def cmd_linkcheck(args: argparse.Namespace, declaration: site.Site) -> int:
    # lxml and polib are loaded only when links are checked
    from handbook.links import crawl
    from handbook.links import external as links

    builddir = Path(args.builddir).resolve()
    if args.built_site:
        html = builddir / "html"
        if not (html / "index.html").is_file():
            print(f"error: no built site in {html}: run `make html` first", file=sys.stderr)
            return 2
        findings = crawl.crawl(html, declaration.base_url)
        for finding in findings:
            print(finding, file=sys.stderr)
        print(f"{len(findings)} broken local link(s) in {html}")
        return 1 if findings else 0
    result = links.check(
        declaration,
        _codes(declaration, args.langs),
        builddir,
        jobs=args.jobs or None,
        report=lambda line: print(line, flush=True),
    )
    for line in links.summary(result):
        print(line, file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def cmd_bench(args: argparse.Namespace, declaration: site.Site) -> int:
    from handbook.dev import bench  # imports the synthetic generator only when asked

    keep = Path(args.keep).resolve() if args.keep else None
    return bench.run_bench(
        declaration, args.pages, keep=keep, real_handbook=not args.no_real, offline=args.offline
    )


def cmd_search_eval(args: argparse.Namespace, declaration: site.Site) -> int:
    from handbook.search import (
        evaluation as search_eval,  # Playwright and the tests' browser helpers
    )

    codes = _codes(declaration, args.langs)
    folder = Path(args.builddir).resolve() / "search-eval"
    measured = search_eval.measure(declaration, folder, codes, say=lambda s: print(s, flush=True))
    print()
    for line in search_eval.report(measured, codes):
        print(line)
    return 0


def cmd_search_bench(args: argparse.Namespace, declaration: site.Site) -> int:
    import tempfile

    from handbook.search import evaluation as search_eval

    keep = Path(args.keep).resolve() if args.keep else None
    folder = keep or Path(tempfile.mkdtemp(prefix="handbook-search-bench-"))
    try:
        lines = search_eval.bench(args.pages, folder, say=lambda s: print(s, flush=True))
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print()
    print("\n".join(lines))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m handbook", description=__doc__.splitlines()[0])
    top.add_argument("--builddir", default="_build", help="build folder (default _build)")
    commands = top.add_subparsers(dest="command", required=True)

    p = commands.add_parser("build", help="build languages in parallel and publish _build/html")
    p.add_argument("--langs", help="languages to build, e.g. 'et en' (default: all)")
    p.add_argument("--jobs", type=int, default=0, help="parallel Sphinx processes (default: cores)")
    p.add_argument("--sphinx-opts", default="", help="extra sphinx-build options")
    p.set_defaults(run=cmd_build)

    p = commands.add_parser("offline", help="build and publish with a PDF and an EPUB per language")
    p.add_argument("--langs", help="languages to build, e.g. 'et en' (default: all)")
    p.add_argument("--jobs", type=int, default=0, help="parallel languages (default: cores)")
    p.add_argument("--sphinx-opts", default="", help="extra sphinx-build options")
    p.set_defaults(run=cmd_offline)

    p = commands.add_parser("langs", help="print the declared language codes")
    p.add_argument("--translations", action="store_true", help="only the translations")
    p.set_defaults(run=cmd_langs)

    p = commands.add_parser("gettext", help="extract messages into <builddir>/gettext/*.pot")
    p.set_defaults(run=cmd_gettext)

    p = commands.add_parser("update-po", help="refresh locale/<lang>/LC_MESSAGES/*.po from docs/")
    p.add_argument("--langs", help="translation languages (default: all translations)")
    p.set_defaults(run=cmd_update_po)

    p = commands.add_parser("po-format", help="rewrite catalogs in the one canonical form")
    p.add_argument("--langs", help="languages, e.g. 'et en' (default: all)")
    p.set_defaults(run=cmd_po_format)

    p = commands.add_parser("stats", help="translated, fuzzy, untranslated per language and page")
    p.add_argument("--langs", help="languages, e.g. 'et en' (default: all)")
    p.add_argument("--strict", action="store_true", help="exit 1 when a language is below 100 %%")
    p.set_defaults(run=cmd_stats)

    p = commands.add_parser("check", help="catalog QA: every problem as path:LINE: message")
    p.add_argument("--langs", help="languages, e.g. 'et en' (default: all)")
    p.add_argument("--no-spelling", action="store_true", help="skip the hunspell check")
    p.set_defaults(run=cmd_check)

    p = commands.add_parser("validate", help="what a build refuses: broken .po, raw HTML added")
    p.add_argument("--langs", help="languages, e.g. 'et en' (default: all)")
    p.add_argument("--compile-into", help="then compile the catalogs into this locale folder")
    p.set_defaults(run=cmd_validate)

    p = commands.add_parser("move-page", help="move a page, its catalogs and links; redirect")
    p.add_argument("old", help="the page's name now, e.g. stories/old-name")
    p.add_argument("new", help="its new name, e.g. stories/new-name")
    p.set_defaults(run=cmd_move_page)

    p = commands.add_parser("live", help="live preview of one language (sphinx-autobuild)")
    p.add_argument("--langs", help="the one language to preview (default: the source)")
    p.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--warm", action="store_true", help="keep Sphinx warm between saves")
    p.set_defaults(run=cmd_live)

    p = commands.add_parser("nginx", help="write the nginx configuration for the built site")
    p.add_argument("--html", help="the built site to hash (default: <builddir>/html)")
    p.add_argument("--root", help="where the server finds that site (default: the same)")
    p.add_argument(
        "--listen", action="append", help="nginx listen address, repeatable (default: 80, [::]:80)"
    )
    p.add_argument("--out", help="file or folder to write (default: <builddir>/nginx/)")
    p.set_defaults(run=cmd_nginx)

    p = commands.add_parser("serve-prod", help="serve the built site with nginx on 127.0.0.1")
    p.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (default 8080)")
    p.set_defaults(run=cmd_serve_prod)

    p = commands.add_parser(
        "linkcheck", help="check every external link in every language (<builddir>/linkcheck/)"
    )
    p.add_argument("--langs", help="languages to check, e.g. 'et en' (default: all)")
    p.add_argument("--jobs", type=int, default=0, help="parallel Sphinx processes (default: cores)")
    p.add_argument(
        "--built-site",
        action="store_true",
        help="instead, check the local links of <builddir>/html offline",
    )
    p.set_defaults(run=cmd_linkcheck)

    p = commands.add_parser("bench", help="time stock vs this project's build, synthetic handbook")
    p.add_argument("--pages", type=int, default=300, help="pages per language (default 300)")
    p.add_argument("--keep", help="build in this (new) folder and keep it (default: a temp dir)")
    p.add_argument("--no-real", action="store_true", help="skip the real handbook's no-op")
    p.add_argument("--offline", action="store_true", help="also time a clean make offline")
    p.set_defaults(run=cmd_bench)

    p = commands.add_parser("search-eval", help="recall@5 of the search, ours vs stock Sphinx")
    p.add_argument("--langs", help="languages to evaluate (default: all)")
    p.set_defaults(run=cmd_search_eval)

    p = commands.add_parser("search-bench", help="time the search page, synthetic handbook")
    p.add_argument("--pages", type=int, default=300, help="pages per language (default 300)")
    p.add_argument("--keep", help="work in this (new) folder and keep it (default: a temp dir)")
    p.set_defaults(run=cmd_search_bench)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        declaration = site.load()
    except site.DeclarationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return args.run(args, declaration)
    except site.DeclarationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (catalog_update.ExtractError, pins.InternalsChanged) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
