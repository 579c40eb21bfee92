"""The root page of the published site: ``_build/html/index.html``.

Every language is a link in its own name, so the page works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from handbook.site import Language, Site

PAGE = """<!DOCTYPE html>
<html lang="{source}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{titles}</title>
<link rel="icon" href="{icon}">
{alternates}
<style>
body {{ font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1d1d1f; }}
ul {{ list-style: none; padding: 0; }}
li {{ margin: 0.75rem 0; }}
a {{ font-size: 1.35rem; }}
.draft {{ font-size: 0.9rem; color: #6b6b6b; }}
</style>
</head>
<body>
<main>
<ul class="languages">
{items}
</ul>
</main>
</body>
</html>
"""


def render(site: Site, languages: Sequence[Language]) -> str:
    items = "\n".join(_item(lang) for lang in languages)
    alternates = "\n".join(
        f'<link rel="alternate" hreflang="{escape(lang.code)}" '
        f'href="{escape(site.url(lang.code))}">'
        for lang in languages
    )
    return PAGE.format(
        source=escape(site.source.code),
        icon=escape(f"{languages[0].code}/_static/favicon.svg"),
        titles=" · ".join(escape(lang.title) for lang in languages),
        alternates=alternates,
        items=items,
    )


def _item(lang: Language) -> str:
    draft = ' <span class="draft">(draft)</span>' if not lang.is_release else ""
    return (
        f'<li lang="{escape(lang.code)}"><a href="{escape(lang.code)}/index.html" '
        f'hreflang="{escape(lang.code)}">{escape(lang.name)}</a> — '
        f"{escape(lang.title)}{draft}</li>"
    )


def write(site: Site, folder: Path, languages: Sequence[Language]) -> Path:
    path = folder / "index.html"
    path.write_text(render(site, languages), encoding="utf-8")
    return path
