"""``make po-format``: the catalogs of the chosen languages rewritten in the canonical form
(``form``), whichever editor saved them last. Only the layout changes: a catalog whose
rewrite would read differently, or that does not parse, is left as it is and named."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from handbook import atomic
from handbook.catalogs import form
from handbook.catalogs.layout import catalog_dir, catalog_names
from handbook.findings import Finding, relative
from handbook.site import Site


@dataclass(frozen=True)
class Reformatted:
    path: Path
    status: str  # "formatted", "canonical" (already) or "refused"
    dropped_obsolete: int = 0
    problems: tuple[Finding, ...] = ()

    def describe(self, root: Path) -> str:
        dropped = (
            f"  ({self.dropped_obsolete} obsolete #~ dropped)" if self.dropped_obsolete else ""
        )
        return f"{self.status:<10} {relative(self.path, root)}{dropped}"


def reformat(site: Site, codes: Sequence[str]) -> list[Reformatted]:
    """Every catalog of ``codes`` (page and interface catalogs) in the canonical form."""
    results = []
    for code in codes:
        folder = catalog_dir(site.locale_dir, code)
        for name in catalog_names(site.locale_dir, code):
            results.append(reformat_file(folder / f"{name}.po", site.root))
    return results


def reformat_file(path: Path, root: Path) -> Reformatted:
    data = path.read_bytes()
    try:
        result = form.formatted(data, relative(path, root))
    except form.NotACatalog as broken:
        return Reformatted(path, "refused", problems=tuple(broken.findings))
    if result.data == data:
        return Reformatted(path, "canonical")
    atomic.write_bytes(path, result.data)
    return Reformatted(path, "formatted", result.dropped_obsolete)
