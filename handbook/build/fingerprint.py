"""Has anything a build reads changed since the last published build?

A no-op ``make html`` must take well under a second, and three Sphinx start-ups alone take
longer, so the build first takes a fingerprint of every input and skips Sphinx for each
language whose published pages were built from exactly these inputs. Each language has
its own fingerprint (``languages``), in two halves:

- **sources**: ``docs/`` and that language's catalogs (with what under ``locale/`` belongs
  to no language) — what Sphinx's own incremental build tracks —, the status page's
  figures (handbook/build/status_data.py: not the other languages' catalogs themselves),
  and the date each of those files shows as "Last updated" (git's, or the file's own:
  handbook/sphinxext/revisions.py); a commit that changes only a date is a source change,
  and sphinxext/last_updated.py rewrites the pages whose date changed;
- **machinery**: every other file a page depends on (conf.py, handbook.toml, templates,
  static files, anything conf.py may name), the package's files when it is installed from
  elsewhere, the installed distributions and their versions, Python, the build's options
  and environment.

Sphinx does not notice when the machinery changes (a new extension version, an edited
extension): then the build asks Sphinx for a fresh environment (``-E``), so that the
result equals a clean build. Not hashed, because no page depends on them: build and cache
folders, the venv, git's files and the commit checked out (only the dates above), the
tests, design/, the files for developers (README.md, CONTRIBUTING.md, the Makefile: what it
passes is hashed as options), CI files, hidden files, and the ``.mo`` files Sphinx itself
writes into ``locale/``. tests/test_fingerprint_coverage.py records every file a Sphinx
build opens and checks that the fingerprint covers it.
Files are hashed by content: touching a file without changing it rebuilds nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import handbook
from handbook import atomic
from handbook.site import Site
from handbook.sphinxext import revisions

RECORD = "fingerprints.json"  # in the build folder: what is published, from which Inputs;
# and which working folders are dirty (a build of theirs did not end in a publication)
# top-level folders that no build reads (hidden ones, such as .git and .venv, neither)
SKIPPED_FOLDERS = {"_build", "build", "design", "dist", "node_modules", "tests", "venv"}
# top-level files for developers and tools, read by no build (the Makefile's options and
# the installed versions that constraints.txt and pyproject.toml pin are hashed as such)
SKIPPED_FILES = {
    "CONTRIBUTING.md",
    "LICENSE",
    "Makefile",
    "README.md",
    "constraints.txt",
    "pyproject.toml",
}
SKIPPED_SUFFIXES = (".mo", ".pyc", ".pyo", ".egg-info")  # .egg-info: a folder
# environment variables that change what Sphinx writes
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)
# sphinx-build options that ask for a full rebuild whatever the inputs
FORCING_OPTIONS = ("-a", "-E", "--write-all", "--fresh-env")


@dataclass(frozen=True)
class Inputs:
    sources: str  # digest of docs/ and locale/ and their dates
    machinery: str  # digest of everything else a build depends on


def input_files(root: Path, exclude: Sequence[Path] = (), project: bool = True) -> Iterator[Path]:
    """Every file under ``root`` that a build may read, in a stable order. ``project``:
    ``root`` is the project, whose top-level folders and files for developers are skipped
    (not so in the package: its ``build/`` folder is code the status page imports)."""
    excluded = {path.resolve() for path in exclude}
    for folder, dirs, files in os.walk(root):
        top = project and Path(folder) == root
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and not (top and d in SKIPPED_FOLDERS)
            and d != "__pycache__"
            and not d.endswith(SKIPPED_SUFFIXES)
            and (Path(folder) / d).resolve() not in excluded
        )
        for name in sorted(files):
            if top and name in SKIPPED_FILES:
                continue
            if not name.startswith(".") and not name.endswith(SKIPPED_SUFFIXES):
                yield Path(folder) / name


def _distributions() -> list[str]:
    """The installed distributions: pip names their folders ``name-version.dist-info``.

    (Listing the folders takes a millisecond; reading every METADATA file through
    importlib.metadata, a tenth of the second a no-op build may take.)"""
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(name for name in names if name.endswith((".dist-info", ".egg-info")))
    return sorted(found)


class _Digest:
    def __init__(self) -> None:
        self._hash = hashlib.blake2b(digest_size=20)

    def add(self, *parts: str | bytes) -> None:
        for part in parts:
            self._hash.update(part if isinstance(part, bytes) else part.encode("utf-8"))
            self._hash.update(b"\0")

    def add_file(self, name: str, path: Path) -> None:
        self.add(name, hashlib.blake2b(path.read_bytes()).digest())

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def inputs(site: Site, builddir: Path, options: Sequence[str] = ()) -> Inputs:
    """The fingerprint of every input of a build of ``site`` with these sphinx options,
    every language's catalogs included."""
    return _fingerprints(site, builddir, None, options, b"")[None]


def languages(
    site: Site,
    builddir: Path,
    codes: Sequence[str],
    options: Sequence[str] = (),
    shared: bytes = b"",
) -> dict[str, Inputs]:
    """Each language's fingerprint: its sources are ``docs/``, its own catalogs and the
    rest of ``locale/`` that belongs to no language, plus ``shared`` (the status page's
    figures, handbook/build/status_data.py) — not the other languages' catalogs."""
    return _fingerprints(site, builddir, codes, options, shared)


def _fingerprints(
    site: Site,
    builddir: Path,
    codes: Sequence[str] | None,
    options: Sequence[str],
    shared: bytes,
) -> dict:
    """Walk the project once; ``codes`` None: one fingerprint of everything, keyed None."""
    machinery, common = _Digest(), _Digest()
    own = {code: _Digest() for code in codes or ()}
    declared = set(site.codes)
    docs, locale = site.docs_dir.resolve(), site.locale_dir.resolve()
    root = site.root.resolve()
    folders = [str(d.relative_to(root)) for d in (docs, locale) if d.is_dir()]
    dates = revisions.git_dates(root, folders)
    for path in input_files(root, exclude=[builddir]):
        name = str(path.relative_to(root))
        if path.is_relative_to(docs) or path.is_relative_to(locale):
            parts = path.relative_to(locale).parts if path.is_relative_to(locale) else ()
            language = parts[0] if len(parts) > 1 and parts[0] in declared else None
            if codes is not None and language is not None and language not in own:
                continue  # another language's catalog: no input of these pages
            digest = own[language] if codes is not None and language else common
            digest.add_file(name, path)
            digest.add(str(dates.get(path) or revisions.modified_date(path)))
        else:
            machinery.add_file(name, path)
    package = Path(handbook.__file__).resolve().parent
    if not package.is_relative_to(root):
        for path in input_files(package, project=False):
            machinery.add_file(str(path.relative_to(package)), path)
    machinery.add(sys.version, *_distributions())
    machinery.add(*(option for option in options if option not in FORCING_OPTIONS))
    machinery.add(*(f"{name}={os.environ.get(name, '')}" for name in ENVIRONMENT))
    common.add(shared)
    if codes is None:
        return {None: Inputs(common.hexdigest(), machinery.hexdigest())}
    result = {}
    for code, digest in own.items():
        both = _Digest()
        both.add(common.hexdigest(), digest.hexdigest())
        result[code] = Inputs(both.hexdigest(), machinery.hexdigest())
    return result


def forced(options: Sequence[str]) -> bool:
    return any(option in FORCING_OPTIONS for option in options)


def _load(builddir: Path) -> dict:
    try:
        data = json.loads((builddir / RECORD).read_text(encoding="utf-8"))
        published = {code: Inputs(**value) for code, value in data["published"].items()}
        return {"published": published, "dirty": set(data["dirty"])}
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        # no record, or one this version cannot read: everything is built afresh
        return {"published": {}, "dirty": None}


def recorded(builddir: Path) -> dict[str, Inputs]:
    """Language -> the inputs its published pages were built from."""
    return _load(builddir)["published"]


def dirty(builddir: Path, codes: Sequence[str]) -> list[str]:
    """The languages of ``codes`` whose working folders may not match any build: one that
    was interrupted (killed, out of disk) or failed. They are built afresh.
    Without a readable record, every language is."""
    marked = _load(builddir)["dirty"]
    return [code for code in codes if marked is None or code in marked]


def up_to_date(builddir: Path, codes: Sequence[str], current: dict[str, Inputs]) -> list[str]:
    """The languages whose published pages were built from exactly their inputs."""
    record = recorded(builddir)
    published = builddir / "html"
    return [
        code
        for code in codes
        if record.get(code) == current[code] and (published / code / "index.html").is_file()
    ]


def machinery_changed(builddir: Path, code: str, current: Inputs) -> bool:
    """True unless ``code``'s last build was published, with this very machinery."""
    previous = recorded(builddir).get(code)
    return previous is None or previous.machinery != current.machinery


def mark_dirty(builddir: Path, codes: Sequence[str], declared: Sequence[str]) -> None:
    """Before Sphinx touches the working folders of ``codes``: until ``record`` says
    otherwise (settle, record), they are half-written. (What is published stays recorded.)
    Without a readable record, every ``declared`` language stays unknown, so dirty."""
    state = _load(builddir)
    state["dirty"] = set(declared if state["dirty"] is None else state["dirty"]) | set(codes)
    _write(builddir, state)


def settle(builddir: Path, codes: Sequence[str]) -> None:
    """Sphinx finished ``codes`` without an error: their working folders are whole, even
    if publishing them fails (a full disk) — the next build need not start afresh."""
    state = _load(builddir)
    state["dirty"] = (state["dirty"] or set()) - set(codes)
    _write(builddir, state)


def record(builddir: Path, codes: Sequence[str], current: dict[str, Inputs]) -> None:
    """``codes`` were just published from ``current``: their working folders are whole."""
    state = _load(builddir)
    state["published"].update({code: current[code] for code in codes})
    state["dirty"] = (state["dirty"] or set()) - set(codes)
    _write(builddir, state)


def _write(builddir: Path, state: dict) -> None:
    data = {
        "published": {code: asdict(value) for code, value in state["published"].items()},
        "dirty": sorted(state["dirty"]),
    }
    atomic.write_text(builddir / RECORD, json.dumps(data, indent=1, sort_keys=True) + "\n")
