"""No obsolete (``#~``) entries: a catalog holds only what its page says today.

``make update-po`` reuses every finished translation through the language's shared memory
before it drops an entry, so an obsolete entry only carries text readers never see and
reviewers keep reading."""

from __future__ import annotations

from handbook.checks.reading import Catalog
from handbook.findings import Finding


def catalog_problems(catalog: Catalog) -> list[Finding]:
    """One finding per obsolete entry, at its first ``#~`` line."""
    return [
        catalog.finding(
            entry,
            "obsolete entry (#~) — delete it: its paragraph is gone from the page, and "
            "make update-po keeps translations that can be reused",
            "#~",
        )
        for entry in catalog.po.obsolete_entries()
    ]
