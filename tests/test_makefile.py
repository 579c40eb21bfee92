"""The Makefile is a readable front door: help first, every target listed and .PHONY."""

from __future__ import annotations

import re
import shlex
import subprocess

import pytest
from helpers import ROOT

from handbook import cli
from handbook.dev.synthetic import generate

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def targets() -> list[str]:
    return re.findall(r"^([a-z][a-z-]*):", MAKEFILE, flags=re.MULTILINE)


def test_help_is_the_default_and_describes_every_target():
    shown = subprocess.run(
        ["make", "--no-print-directory"], cwd=ROOT, capture_output=True, text=True
    )
    assert shown.returncode == 0
    described = {line.split()[0] for line in shown.stdout.splitlines() if line.strip()}
    assert described == set(targets())
    assert targets()[0] == "help"


def test_every_target_is_phony():
    phony = set(re.search(r"^\.PHONY: (.*)$", MAKEFILE, flags=re.MULTILINE)[1].split())
    assert phony == set(targets())


def test_the_language_variable_is_not_named_language():
    # gettext reads LANGUAGE from the environment; make would import a desktop's en_US:en.
    assert not re.search(r"^LANGUAGE\s*[?:]?=", MAKEFILE, flags=re.MULTILINE)
    assert re.search(r"^LANGS\s+\?=", MAKEFILE, flags=re.MULTILINE)


def test_ci_runs_exactly_what_the_readme_tells_a_developer_to_run():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    commands = [line for line in ci.splitlines() if line and not line.startswith("#")]
    assert commands[-1] == "make test"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make html" in quick_start and "make test" in quick_start


# -- Every variable the README documents, passed the way it documents it ----------------

# target -> the variables the README shows with it, and a value for each
DOCUMENTED = {
    "html": {"LANGS": "ru et", "SPHINXOPTS": "-a", "JOBS": "1"},
    "serve": {"PORT": "8123"},
    "serve-prod": {"PORT": "8124"},
    "stats": {"LANGS": "et", "STRICT": "1"},
    "update-po": {"LANGS": "et"},
    "check": {"LANGS": "et"},
    "live": {"LANGS": "et", "PORT": "8125"},
    "linkcheck": {"LANGS": "et", "JOBS": "1"},
    "bench": {"BENCH_PAGES": "5"},
    "search-eval": {"LANGS": "et"},
    "search-bench": {"BENCH_PAGES": "5"},
    "move-page": {"FROM": "stories/a", "TO": "stories/b"},
}
# what each variable must arrive as in `python -m handbook`'s parsed options
ARRIVES_AS = {
    "LANGS": lambda args, value: args.langs == value,
    "SPHINXOPTS": lambda args, value: args.sphinx_opts == value,
    "JOBS": lambda args, value: args.jobs == int(value),
    "PORT": lambda args, value: args.port == int(value),
    "STRICT": lambda args, value: args.strict is True,
    "BENCH_PAGES": lambda args, value: args.pages == int(value),
    "FROM": lambda args, value: args.old == value,
    "TO": lambda args, value: args.new == value,
}


def documented_variables() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "translators.md").read_text(encoding="utf-8")
    variables = set(re.findall(r"^([A-Z_]+)\s+\?=", MAKEFILE, flags=re.MULTILINE))
    return {name for name in re.findall(r"\b([A-Z_]+)=", readme + guide) if name in variables}


def commands(target: str, variables: dict[str, str], builddir) -> list[list[str]]:
    """The command lines `make <target>` would run, split as the shell splits them."""
    assignments = [f"{name}={value}" for name, value in variables.items()]
    shown = subprocess.run(
        ["make", "--no-print-directory", "-n", target, f"BUILDDIR={builddir}", *assignments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [shlex.split(line) for line in shown.splitlines()]


def test_the_readme_documents_no_variable_this_test_does_not_pass():
    tested = {name for variables in DOCUMENTED.values() for name in variables}
    assert documented_variables() <= tested


@pytest.mark.parametrize("target", sorted(DOCUMENTED))
def test_every_documented_variable_reaches_the_command_line(target, tmp_path):
    run = commands(target, DOCUMENTED[target], tmp_path)
    if target == "serve":  # Python's own server, after `make html`
        assert "http.server" in run[-1]
        assert run[-1][-1] == DOCUMENTED[target]["PORT"]
        return
    ours = [line[line.index("handbook") + 1 :] for line in run if "handbook" in line]
    assert ours, f"make {target} runs no `python -m handbook`"
    args = cli.parser().parse_args(ours[-1])  # argparse exits on what it cannot take
    for name, value in DOCUMENTED[target].items():
        assert ARRIVES_AS[name](args, value), (target, name, ours[-1])


def test_make_html_with_sphinxopts_builds(tmp_path):
    # README: `SPHINXOPTS=-a` to rewrite all pages; run for real, on a small handbook
    project = generate(tmp_path / "handbook", 3)
    builddir = tmp_path / "build"
    make = ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "-C", str(project)]
    setting = [f"VENV={ROOT / '.venv'}", "INSTALLED=", f"BUILDDIR={builddir}", "LANGS=ru"]
    html = subprocess.run(
        [*make, "html", *setting, "SPHINXOPTS=-a", "JOBS=1"], capture_output=True, text=True
    )
    assert html.returncode == 0, html.stdout + html.stderr
    assert "[ru] writing output 100 %" in html.stdout
    assert (builddir / "html" / "ru" / "index.html").is_file()
    stats = subprocess.run([*make, "stats", *setting, "STRICT=1"], capture_output=True, text=True)
    assert stats.returncode == 0, stats.stdout + stats.stderr
