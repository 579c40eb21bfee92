"""The Makefile is a readable front door: help first, every target listed and .PHONY."""

from __future__ import annotations

import re
import subprocess

from helpers import ROOT

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
