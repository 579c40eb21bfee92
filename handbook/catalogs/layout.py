"""Where catalogs live and which are pages': the one place that knows the folder layout
``locale/<lang>/LC_MESSAGES/<page>.po``."""

from __future__ import annotations

from pathlib import Path

# Catalogs that hold the interface words of a gettext domain, not the text of a page:
# handbook.po (our extensions' words) and sphinx.po (overrides of Sphinx's own words).
INTERFACE_CATALOGS = ("handbook", "sphinx")


def catalog_dir(locale_dir: Path, code: str) -> Path:
    return locale_dir / code / "LC_MESSAGES"


def catalog_names(locale_dir: Path, code: str) -> list[str]:
    """Every catalog of ``code`` by its page name ("guides/handover"), in a stable order."""
    folder = catalog_dir(locale_dir, code)
    return sorted(str(p.relative_to(folder).with_suffix("")) for p in folder.rglob("*.po"))
