"""The theme speaks the page's language.

- Template overrides (``handbook/templates``): furo's page and icon templates with their
  hard-coded English made translatable, plus the places the other reading extensions fill
  (switcher, translation notice, "Last updated", page actions).
- Strings of Sphinx and furo come from Sphinx's catalogs, overridden and completed by the
  project's ``locale/<lang>/LC_MESSAGES/sphinx.po``; words we add come from the ``handbook``
  domain (``handbook_()`` in templates).
- furo's sidebar says "Toggle navigation of …" from Python; that label is translated here.
- The search page's strings: Sphinx copies them from its own ``sphinx.js``, which has an
  empty Russian "found N pages" line and an Estonian plural rule that returns a boolean
  (``TypeError`` on the page). ``static/translations.js.jinja`` replaces that file with
  Sphinx's messages, the project's ``sphinx.po`` over them, and a numeric plural rule.
- "Edit this page" (the source ``.md``) and "Improve this translation" (the page's ``.po``),
  from the repository declared once in handbook.toml.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import polib
import sphinx
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.locale import get_translation
from sphinx.util import logging

import handbook
from handbook import site
from handbook.patches import pins
from handbook.sphinxext.messages import _

logger = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"
# templates/page.html and templates/partials/icons.html are furo's, adapted (patches/pins.py)

# Builders whose theme is furo: the template overrides extend furo's base.html, which the
# epub builder's theme (basic) lacks.
FURO_BUILDERS = ("html", "dirhtml", "singlehtml")

sphinx_ = get_translation("sphinx")  # Sphinx's own domain, with the project's sphinx.po
_NAVIGATION_LABEL = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')


def _configure(app: Sphinx, config: Config) -> None:
    # New lists rather than append(): the defaults are shared between Sphinx instances.
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
    config.html_context = {
        **config.html_context,
        "handbook_search_translations": search_translations(
            config.language, [Path(d) for d in config.locale_dirs]
        ),
    }


def _bundled_sphinx_js(language: str) -> Path:
    return Path(sphinx.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.js"


def search_translations(language: str, locale_dirs: list[Path]) -> str:
    """The JSON that ``_static/translations.js`` passes to ``Documentation.addTranslations``:
    Sphinx's messages for ``language``, with the project's ``sphinx.po`` entries over them
    and a plural rule that returns a number, as ``translated[PLURAL_EXPR(n)]`` needs."""
    data = {"messages": {}, "plural_expr": "(n != 1)", "locale": language}
    bundled = _bundled_sphinx_js(language)
    if bundled.is_file():
        text = bundled.read_text(encoding="utf-8")
        data.update(json.loads(text[text.index("{") : text.rindex("}") + 1]))
    for folder in reversed(locale_dirs):  # the first folder wins, as in Sphinx
        path = folder / language / "LC_MESSAGES" / "sphinx.po"
        if not path.is_file():
            continue
        catalog = polib.pofile(str(path))
        for entry in catalog:
            if entry.obsolete or entry.fuzzy or not entry.translated():
                continue
            if entry.msgid_plural:
                forms = entry.msgstr_plural
                data["messages"][entry.msgid] = [forms[i] for i in sorted(forms)]
            else:
                data["messages"][entry.msgid] = entry.msgstr
        rule = re.search(r"plural=(.*?);?\s*$", catalog.metadata.get("Plural-Forms", ""))
        if rule:
            data["plural_expr"] = rule[1]
    data["plural_expr"] = f"+({data['plural_expr']})"  # +(n != 1): 0 or 1, not false or true
    return json.dumps(data, ensure_ascii=True, sort_keys=True, indent=1)


def _theme_templates_only(app: Sphinx) -> None:
    """Other builders (epub) render their own theme: load their templates without ours.

    templates_path is read when the builder starts, and the builder is unknown before, so
    the loader is built again; the configuration itself stays as Sphinx recorded it."""
    if (
        app.builder.name in FURO_BUILDERS
        or not isinstance(app.builder, StandaloneHTMLBuilder)  # gettext, linkcheck: as before
        or str(TEMPLATES) not in app.config.templates_path
    ):
        return
    configured = app.config.templates_path
    app.config.templates_path = [path for path in configured if path != str(TEMPLATES)]
    try:
        app.builder.init_templates()
    finally:
        app.config.templates_path = configured


def _check_internals(app: Sphinx) -> None:
    # the templates are furo's, the search strings Sphinx's: see handbook/patches/pins.py
    if app.builder.format == "html":
        pins.require(__name__)


def _translations_script(app: Sphinx) -> None:
    # Sphinx links translations.js only for languages it ships strings for; a language
    # whose search strings come only from the project's sphinx.po needs the link too.
    if app.builder.format != "html" or _bundled_sphinx_js(app.config.language).is_file():
        return
    if any(
        Path(d, app.config.language, "LC_MESSAGES", "sphinx.po").is_file()
        for d in app.config.locale_dirs
    ):
        app.add_js_file("translations.js")


def handbook_text(message: str, **markup: str) -> str:
    """A word of ours in the page's language, HTML-escaped, with ``markup`` (already HTML)
    put in its ``%(name)s`` places."""
    text = escape(str(_(message)))
    return text % markup if markup else text


def localize_navigation(html: str) -> str:
    """furo's "Toggle navigation of <title>" checkbox labels in the page's language."""
    pattern = escape(str(sphinx_("Toggle navigation of %(title)s")))
    return _NAVIGATION_LABEL.sub(
        lambda m: 'aria-label="' + pattern.replace("%(title)s", m[1]) + '"', html
    )


def _repository_file(declaration: site.Site, path: Path) -> str | None:
    """The file's editing page in the repository (GitHub's /edit/<branch>/<path>); None
    without a repository, or for a file outside the project (nothing to link)."""
    if not declaration.repository:
        return None
    for base, target in (
        (declaration.root, Path(path)),
        (declaration.root.resolve(), Path(path).resolve()),
    ):
        if target.is_relative_to(base):
            relative = target.relative_to(base).as_posix()
            return f"{declaration.repository}/edit/{declaration.branch}/{relative}"
    return None


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["handbook_"] = handbook_text
    if app.builder.name not in FURO_BUILDERS:
        return
    if context.get("furo_navigation_tree"):
        context["furo_navigation_tree"] = localize_navigation(context["furo_navigation_tree"])
    if pagename not in app.env.found_docs:
        return
    declaration = site.load(Path(app.confdir))
    context["handbook_edit_url"] = _repository_file(declaration, app.env.doc2path(pagename))
    if app.config.language != declaration.source.code:
        po = declaration.locale_dir / app.config.language / "LC_MESSAGES" / f"{pagename}.po"
        if po.is_file():
            context["handbook_translation_url"] = _repository_file(declaration, po)


def setup(app: Sphinx) -> dict:
    app.setup_extension("handbook.sphinxext.messages")
    app.setup_extension("handbook.sphinxext.assets")  # handbook/static/
    app.add_css_file("handbook-reading.css")  # switcher, notice, footer details, 404
    app.add_css_file("handbook-access.css")  # phones, keyboards, screen readers
    app.add_js_file("handbook-drawers.js", defer="defer")  # menu and contents buttons
    # our templates and the search page's strings
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _theme_templates_only)
    app.connect("builder-inited", _check_internals)
    app.connect("builder-inited", _translations_script)
    # after furo (500) and the navigation cache (501): the sidebar's labels, page actions
    app.connect("html-page-context", _page_context, priority=600)
    return handbook.extension_metadata()
