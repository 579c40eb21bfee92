"""Helpers the tests share: where the project is, running its command line as the Makefile
does, copying its sources, dating them in git, and the Debian dictionaries spelling needs.
(Fixtures are in conftest.py; plain functions and constants live here, so tests import
them from a module of their own.)"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from handbook import checks

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("conf.py", "handbook.toml", "docs", "locale")


@dataclass
class Run:
    returncode: int
    output: str


def run_handbook(project: Path, *args: str) -> Run:
    """``python -m handbook …`` in ``project``, as the Makefile runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "handbook", *args],
        cwd=project,
        capture_output=True,
        text=True,
    )
    return Run(done.returncode, done.stdout + done.stderr)


def copy_project(target: Path) -> Path:
    """The handbook's sources (not its package) copied into ``target``, without .mo files."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("*.mo"))
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


ALTERED_BASE_URL = "https://handbook.example.org/handbook/"
SOURCE_DATES = {"first": "2025-01-15T10:00:00+00:00", "second": "2025-06-20T10:00:00+00:00"}
PO_REVISION = "2025-03-14 09:30+0200"


def git(project: Path, *args: str, when: str | None = None) -> None:
    env = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )


# -- Debian's hunspell and the ru, et and en dictionaries, for the spelling check ---------
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


# -- Comparing built sites ---------------------------------------------------------------


def differences(built: Path, clean: Path) -> list[str]:
    """Every file of two built trees that is missing from one or not byte for byte the same
    (an incremental or interrupted build against a clean one)."""
    names = {p.relative_to(clean) for p in clean.rglob("*") if p.is_file()}
    names |= {p.relative_to(built) for p in built.rglob("*") if p.is_file()}
    return sorted(
        str(name)
        for name in names
        if not (built / name).is_file()
        or not (clean / name).is_file()
        or (built / name).read_bytes() != (clean / name).read_bytes()
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# -- make live: a preview on 127.0.0.1 (tests/test_live.py, tests/test_warm.py) -------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(check: Callable[[], bool], seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"no {what} within {seconds} s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def live_preview(project: Path, log: Path, *options: str) -> Iterator[str]:
    """``python -m handbook live --langs et`` in ``project``, its output in ``log``; yields
    the address of its start page and stops the whole process group afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "handbook", "live", "--langs", "et", *options]
    with log.open("w") as output:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield f"http://127.0.0.1:{port}/index.html"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
