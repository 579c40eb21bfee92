"""The package installs like any other: ``pip install .`` (not editable) into a fresh virtual
environment carries every file the build reads (templates, static files, nginx templates),
and that installation builds the handbook from a folder that holds only the sources."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, copy_project


def test_a_plain_install_builds_every_language(tmp_path: Path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # A copy of the checkout, so that setuptools' build/ and egg-info stay out of it.
    checkout = tmp_path / "checkout"
    shutil.copytree(
        ROOT,
        checkout,
        ignore=shutil.ignore_patterns(".venv", "_build", ".git", "*.egg-info", "__pycache__"),
    )
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--constraint", "constraints.txt", "."],
        cwd=checkout,
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    # Only the sources: the package can come from nowhere but the environment.
    project = copy_project(tmp_path / "project")
    where = subprocess.run(
        [python, "-c", "import handbook; print(handbook.__file__)"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(venv) in where.stdout
    built = subprocess.run(
        [python, "-m", "handbook", "build"], cwd=project, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stdout + built.stderr
    html = project / "_build" / "html"
    for code in ("ru", "et", "en"):
        page = (html / code / "index.html").read_text(encoding="utf-8")
        assert "handbook-reading.css" in page  # handbook/static/, from the installed package
        assert (html / code / "_static" / "handbook-search.js").is_file()  # search/static/
    nginx = subprocess.run(
        [python, "-m", "handbook", "nginx", "--out", str(tmp_path / "handbook.conf")],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert nginx.returncode == 0, nginx.stdout + nginx.stderr  # deploy/templates/
