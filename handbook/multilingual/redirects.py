"""Old addresses of moved pages: the one list (``[redirects]`` in handbook.toml) and what
must hold for it. The Sphinx extension (handbook/sphinxext/redirects.py) writes a redirect
page at every old address in every language; the nginx configuration answers the same
addresses with a 301 (handbook/deploy/nginx.py)."""

from __future__ import annotations

from handbook.findings import Finding, relative
from handbook.site import DECLARATION, Site, redirect_line


def problems(site: Site) -> list[Finding]:
    """Entries a build refuses: an old page that is a live page again (the redirect would
    hide it), a new page that does not exist (a redirect to nowhere, or to another old
    address: no chains)."""
    path = site.root / DECLARATION
    found = []
    for old, new in site.redirects:
        line = redirect_line(path, old)
        where = relative(path, site.root)
        if (site.docs_dir / f"{old}.md").is_file():
            found.append(
                Finding(
                    where, line, f"redirect from {old!r}: {old!r} is a live page (docs/{old}.md)"
                )
            )
        if not (site.docs_dir / f"{new}.md").is_file():
            found.append(
                Finding(where, line, f"redirect from {old!r}: the new page {new!r} does not exist")
            )
    return found


def moved(site: Site, code: str) -> list[tuple[str, str]]:
    """``(old path, new path)`` under the base URL's path for language ``code``:
    ``("/et/stories/old.html", "/et/stories/new.html")``."""
    base = site.base_path
    return [(f"{base}{code}/{old}.html", f"{base}{code}/{new}.html") for old, new in site.redirects]
