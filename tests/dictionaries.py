"""Debian's hunspell and the ru, et and en dictionaries for the spelling check, installed
with apt-get when missing (the machines run as root), as tests/browser.py does for Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess

from handbook import checks

PACKAGES = ("hunspell", *(package for _, package in checks.DICTIONARIES.values()))


def ensure_dictionaries() -> None:
    missing = [code for code in checks.DICTIONARIES if checks.dictionary_problem(code)]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise RuntimeError(f"spelling needs `apt-get install -y {' '.join(PACKAGES)}`")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", *PACKAGES], check=True, env=env, capture_output=True
    )
