"""``python -m handbook <command>``: the command line the Makefile calls.

Thin on purpose: each command parses its options, calls a function that returns data,
and prints it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handbook import build as builder
from handbook import catalogs, site


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
    result = builder.build(
        declaration,
        _codes(declaration, args.langs),
        Path(args.builddir).resolve(),
        jobs=args.jobs or None,
        extra=args.sphinx_opts.split() if args.sphinx_opts else (),
        report=lambda line: print(line, flush=True),
    )
    for line in builder.summary(result):
        print(line, file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def cmd_langs(args: argparse.Namespace, declaration: site.Site) -> int:
    langs = declaration.translations if args.translations else declaration.languages
    print(" ".join(lang.code for lang in langs))
    return 0


def cmd_gettext(args: argparse.Namespace, declaration: site.Site) -> int:
    print(catalogs.extract(declaration, Path(args.builddir).resolve()))
    return 0


def cmd_update_po(args: argparse.Namespace, declaration: site.Site) -> int:
    catalogs.update(
        declaration, Path(args.builddir).resolve(), _codes(declaration, args.langs, True)
    )
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

    p = commands.add_parser("langs", help="print the declared language codes")
    p.add_argument("--translations", action="store_true", help="only the translations")
    p.set_defaults(run=cmd_langs)

    p = commands.add_parser("gettext", help="extract messages into <builddir>/gettext/*.pot")
    p.set_defaults(run=cmd_gettext)

    p = commands.add_parser("update-po", help="refresh locale/<lang>/LC_MESSAGES/*.po from docs/")
    p.add_argument("--langs", help="translation languages (default: all translations)")
    p.set_defaults(run=cmd_update_po)
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


if __name__ == "__main__":
    sys.exit(main())
