"""The site declaration (``handbook.toml``): languages, base URL, repository.

Everything that needs to know which languages exist reads them from here, so adding a
language is one line in ``handbook.toml`` plus its catalogs.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

DECLARATION = "handbook.toml"
_DOCNAME = re.compile(r"^[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*$")
ROLES = ("source", "translation")
STATUSES = ("release", "draft")


class DeclarationError(ValueError):
    """handbook.toml says something the project cannot build."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself: Русский, Eesti, English
    title: str  # the handbook's title in this language
    role: str  # "source" or "translation"
    status: str  # "release" or "draft"

    @property
    def is_source(self) -> bool:
        return self.role == "source"

    @property
    def is_release(self) -> bool:
        return self.status == "release"


@dataclass(frozen=True)
class Site:
    root: Path
    base_url: str
    repository: str
    branch: str
    languages: tuple[Language, ...]
    # Pages that moved, old docname -> new docname ([redirects] in handbook.toml).
    redirects: tuple[tuple[str, str], ...] = ()

    @property
    def source(self) -> Language:
        return next(lang for lang in self.languages if lang.is_source)

    @property
    def translations(self) -> tuple[Language, ...]:
        return tuple(lang for lang in self.languages if not lang.is_source)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        known = ", ".join(self.codes)
        raise DeclarationError(f"unknown language {code!r}: {DECLARATION} declares {known}")

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def locale_dir(self) -> Path:
        # Absolute on purpose: Sphinx resolves locale_dirs against docs/, sphinx-intl
        # against conf.py's folder; an absolute path means the same to both.
        return self.root / "locale"

    def url(self, code: str, page: str = "") -> str:
        """Absolute address of ``page`` (e.g. ``stories/index.html``) in language ``code``."""
        return f"{self.base_url}{code}/{page}"

    @property
    def base_path(self) -> str:
        """The base URL's path: ``/`` or a sub-path such as ``/handbook/`` (cookie path,
        404 pages' addresses)."""
        return urlsplit(self.base_url).path or "/"

    @property
    def fallback(self) -> Language:
        """The language for readers whose browser asks for none of ours: English when it is
        declared (the lingua franca of the team), otherwise the source."""
        return next((lang for lang in self.languages if lang.code == "en"), self.source)


def find_root(start: Path | None = None) -> Path:
    """The project folder: the nearest folder upwards that holds handbook.toml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DECLARATION).is_file():
            return folder
    raise DeclarationError(f"no {DECLARATION} in {here} or any folder above it")


@cache
def load(root: Path | None = None) -> Site:
    root = find_root(root)
    path = root / DECLARATION
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DeclarationError(f"{path}: {exc}") from None
    site = data.get("site", {})
    base_url = site.get("base_url", "/")
    if not base_url.endswith("/"):
        raise DeclarationError(f"{path}: site.base_url must end with '/', got {base_url!r}")
    languages = tuple(_language(path, entry) for entry in data.get("languages", {}).get("list", []))
    _validate(path, languages)
    return Site(
        root=root,
        base_url=base_url,
        repository=site.get("repository", "").rstrip("/"),
        branch=site.get("branch", "main"),
        languages=languages,
        redirects=_redirects(path, data.get("redirects", {})),
    )


def _redirects(path: Path, table: dict) -> tuple[tuple[str, str], ...]:
    """``[redirects]``: ``"old/page" = "new/page"``, docnames without a suffix. Whether the
    pages exist is the build's question (handbook/multilingual/redirects.py)."""
    pairs = []
    for old, new in table.items():
        for docname in (old, new):
            if not isinstance(docname, str) or not _DOCNAME.match(docname):
                raise DeclarationError(
                    f"{path}:{redirect_line(path, old)}: redirects: {docname!r} is not a "
                    "page name like 'stories/some-story' (no suffix, no leading slash)"
                )
        pairs.append((old, new))
    return tuple(pairs)


def redirect_line(path: Path, old: str) -> int | None:
    """The line of handbook.toml that declares the redirect from ``old`` (for path:LINE)."""
    key = re.compile(rf"""^\s*["']?{re.escape(old)}["']?\s*=""")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if key.match(line):
            return number
    return None


def _language(path: Path, entry: dict) -> Language:
    missing = {"code", "name", "title", "role", "status"} - entry.keys()
    if missing:
        raise DeclarationError(f"{path}: language {entry} lacks {', '.join(sorted(missing))}")
    lang = Language(entry["code"], entry["name"], entry["title"], entry["role"], entry["status"])
    if lang.role not in ROLES:
        raise DeclarationError(
            f"{path}: {lang.code}: role must be one of {ROLES}, got {lang.role!r}"
        )
    if lang.status not in STATUSES:
        raise DeclarationError(
            f"{path}: {lang.code}: status must be one of {STATUSES}, got {lang.status!r}"
        )
    return lang


def _validate(path: Path, languages: tuple[Language, ...]) -> None:
    codes = [lang.code for lang in languages]
    if len(set(codes)) != len(codes):
        raise DeclarationError(f"{path}: a language code is declared twice: {codes}")
    sources = [lang.code for lang in languages if lang.is_source]
    if len(sources) != 1:
        raise DeclarationError(
            f"{path}: exactly one language must have role 'source', got {sources}"
        )
