"""The translation status page: per language and per page, how much is translated.

A page that holds the ``{translation-status}`` directive gets, at build time, one table
per language: every catalog with a progress bar (translated / fuzzy / untranslated) and
the figures. The figures come from ``handbook.catalogs.stats.document_stats`` — the same
numbers ``make stats`` prints, fuzzy entries never counted as translated.

The tables are made after the page is read (``doctree-resolved``), so the gettext builder
never sees them: page titles and numbers are not messages to translate. The page is read
again on every build, because catalogs change without its source changing. ``make html``
counts the catalogs once, before Sphinx, and passes the figures as a file
(``handbook_status_data``, handbook/build/status_data.py), so that other languages'
catalogs are not inputs of this language's build; Sphinx run alone counts them itself.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from babel.numbers import format_decimal
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

import handbook
from handbook import site
from handbook.build import status_data
from handbook.catalogs import stats as catalogs
from handbook.catalogs.layout import INTERFACE_CATALOGS
from handbook.checks.typography import EM, STYLES
from handbook.sphinxext import state
from handbook.sphinxext.messages import _

STATUS_PAGES = "handbook_status_docs"  # env attribute: the pages with the directive

STATES = catalogs.STATES  # translated, fuzzy, untranslated
# handbook.po (our extensions' words), sphinx.po (Sphinx's and furo's): no page of their own
INTERFACE = INTERFACE_CATALOGS


class translation_status(nodes.General, nodes.Element):
    """Placeholder for the status tables, filled when the page is written as HTML."""


class TranslationStatusDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        _status_docs(self.env)[self.env.docname] = True
        return [translation_status()]


def shown(value: float, code: str) -> str:
    """98.7 % in the page's own number format (et: 98,7 %), never rounded up to 100."""
    floored = int(value * 10) / 10
    return f"{format_decimal(floored, format='0.0', locale=code)} %"


def summary(counts: dict[str, int], code: str) -> str:
    return _("%(percent)s translated, %(fuzzy)d fuzzy, %(untranslated)d untranslated") % {
        "percent": shown(catalogs.percent(counts), code),
        "fuzzy": counts["fuzzy"],
        "untranslated": counts["untranslated"],
    }


def bar(counts: dict[str, int], code: str) -> nodes.raw:
    """Three segments in one SVG, then the percentage. Widths are SVG attributes, not
    inline styles, so a Content-Security-Policy without 'unsafe-inline' allows them."""
    entries = sum(counts[kind] for kind in STATES) or 1
    rects, x = [], 0.0
    for kind in STATES:
        width = 100.0 * counts[kind] / entries
        if width:
            rects.append(
                f'<rect class="status-{kind}" x="{x:.2f}" y="0" width="{width:.2f}" height="1"/>'
            )
        x += width
    label = escape(summary(counts, code))
    percent = shown(catalogs.percent(counts), code)
    html = (  # one line: the bar and its percentage never part ("100,0 %" fell under it)
        '<span class="status-bar-line"><svg class="status-bar" viewBox="0 0 100 1" '
        f'preserveAspectRatio="none" role="img" aria-label="{label}" focusable="false">'
        f'{"".join(rects)}</svg><span class="status-percent">{percent}</span></span>'
    )
    return nodes.raw("", html, format="html")


def _cell(*children: nodes.Node, classes: tuple[str, ...] = ()) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", "", *children), classes=list(classes))


def _order(stats: dict[str, dict[str, int]], env: BuildEnvironment) -> list[str]:
    """The start page, the other pages by name, catalogs of no page, the interface catalogs."""
    pages = sorted(
        (n for n in stats if n in env.found_docs), key=lambda n: (n != env.config.root_doc, n)
    )
    others = sorted(n for n in stats if n not in env.found_docs and n not in INTERFACE)
    return pages + others + [n for n in INTERFACE if n in stats]


def _table(app: Sphinx, docname: str, stats: dict[str, dict[str, int]], code: str) -> nodes.table:
    headers = (_("Page"), _("Progress"), _("Translated"), _("Fuzzy"), _("Untranslated"))
    group = nodes.tgroup(cols=len(headers))
    group += [nodes.colspec(colwidth=width) for width in (34, 30, 12, 12, 12)]
    head = nodes.row()
    head += [_cell(nodes.Text(header)) for header in headers]
    group += nodes.thead("", head)
    body = nodes.tbody()
    env = app.builder.env
    for name in _order(stats, env):
        counts = stats[name]
        if name in env.found_docs:
            uri = app.builder.get_relative_uri(docname, name)
            page = nodes.reference("", env.titles[name].astext(), internal=True, refuri=uri)
        else:
            page = nodes.Text(f"{_('Interface text')} ({name}.po)" if name in INTERFACE else name)
        row = nodes.row(ids=[f"status-{code}-{name.replace('/', '-')}"])
        row += _cell(page)
        row += nodes.entry("", bar(counts, app.config.language))
        row += [_cell(nodes.Text(str(counts[s])), classes=(f"status-{s}",)) for s in STATES]
        body += row
    group += body
    return nodes.table("", group, classes=["translation-status"])


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(translation_status))
    if not placeholders:
        return
    if app.builder.format != "html":
        for node in placeholders:
            node.parent.remove(node)
        return
    declaration = site.load(Path(app.confdir))
    page_code = app.config.language
    content: list[nodes.Node] = []
    counted = status_data.read(app.config.handbook_status_data)
    for lang in declaration.languages:
        if counted is None:
            stats = catalogs.document_stats(declaration.locale_dir, lang.code)
        else:
            stats = counted.get(lang.code, {})
        if not stats:
            continue
        summed = catalogs.total(stats)
        # each language named in itself and marked up as that language (screen readers)
        name = f'<strong lang="{lang.code}">{escape(lang.name)}</strong>'
        heading = nodes.paragraph("", "", nodes.raw("", name, format="html"))
        dash = STYLES[page_code].dash if page_code in STYLES else EM  # the page's own dash
        heading += nodes.Text(f" {dash} " + summary(summed, page_code))
        block = nodes.container(classes=["status-language"], ids=[f"status-{lang.code}"])
        block += [heading, nodes.paragraph("", "", bar(summed, page_code))]
        block += _table(app, docname, stats, lang.code)
        content.append(block)
    for node in placeholders:
        node.replace_self(content)


def _status_docs(env: BuildEnvironment) -> dict[str, bool]:
    """The pages with the directive, kept on ``env`` between incremental builds."""
    return state.pages(env, STATUS_PAGES)


def _reread(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    return sorted(set(_status_docs(env)) - set(removed))


def setup(app: Sphinx) -> dict:
    app.setup_extension("handbook.sphinxext.messages")
    app.setup_extension("handbook.sphinxext.assets")  # the progress bars' colours
    # the figures counted by make html (a path; the file's bytes are fingerprinted)
    app.add_config_value(status_data.OPTION, "", "", types=frozenset({str}))
    app.add_directive("translation-status", TranslationStatusDirective)
    app.add_node(translation_status)
    app.connect("env-get-outdated", _reread)  # the catalogs change, not the page
    state.track_pages(app, STATUS_PAGES)
    app.connect("doctree-resolved", _fill)
    return handbook.extension_metadata()
