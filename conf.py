"""Sphinx configuration of the customer-service handbook.

One Sphinx run builds one language: ``sphinx-build -D language=et ...``. The languages,
the base URL and the repository come from handbook.toml, never from here.
"""

import re
from pathlib import Path

from handbook import site as _site

SITE = _site.load(Path(__file__).parent)

# -- Project information -----------------------------------------------------
# project, html_title and author are set per language from handbook.toml and the
# "handbook" catalog (handbook.sphinxext.site_config); copyright gets the author appended.
copyright = "2026"

# -- General configuration ---------------------------------------------------
extensions = [
    # external
    "myst_parser",
    # ours (handbook/sphinxext/, handbook/patches/, handbook/search/)
    "handbook.sphinxext.site_config",  # title of the language being built
    "handbook.sphinxext.sources",  # files only from docs/, closed fences, valid front matter
    "handbook.sphinxext.stories",  # story <-> principle links from front matter
    "handbook.sphinxext.outputs",  # no page, image or download a previous build left
    "handbook.sphinxext.removed_catalogs",  # a page whose catalog was deleted is re-read
    "handbook.patches.navigation",  # furo's sidebar built once per language, not per page
    "handbook.patches.incremental",  # a changed title rewrites the pages that show it
    "handbook.patches.fast_i18n",  # docutils settings built once, not per translated message
    "handbook.sphinxext.csp_plural",  # translations.js without eval (CSP: no unsafe-eval)
    "handbook.sphinxext.status",  # translation status page, from the catalogs
    "handbook.sphinxext.glossary_order",  # each language's glossary in its own alphabet
    # reading in three languages (issue 4): each also loads handbook.sphinxext.interface,
    # the template overrides and interface strings in the page's language
    "handbook.sphinxext.switcher",  # same-page language links, hreflang, <lang>/sitemap.xml
    "handbook.sphinxext.notices",  # partial-translation notice, lang="ru" on fallbacks
    "handbook.sphinxext.last_updated",  # "Last updated": git for sources, PO-Revision-Date
    "handbook.sphinxext.notfound",  # <lang>/404.html with absolute addresses
    "handbook.sphinxext.redirects",  # moved pages: a redirect page at every old address
    "handbook.search.extension",  # search by lemma in every language; Estonian for Sphinx
    "handbook.offline.sphinxext",  # print stylesheet; the epub builder's settings (make offline)
]
exclude_patterns = ["_build", "**/.*"]
root_doc = "index"
# No "substitution": MyST renders {{ … }} with an unsandboxed Jinja2, and no page needs it.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 0  # every linked heading carries an explicit (label)= target
nitpicky = True

# -- Options for internationalization ---------------------------------------
language = SITE.source.code  # overridden per build with -D language=<code>
locale_dirs = [str(SITE.locale_dir)]  # absolute: Sphinx and sphinx-intl agree on it
gettext_compact = False  # one catalog per page: small diffs, per-page progress
gettext_uuid = False
# No "#: file:line" comments: a moved paragraph would otherwise rewrite every
# catalog below it. Entries are found by their msgid; `make check` names .po lines.
gettext_location = False
figure_language_filename = "{root}.{language}{ext}"
# Passages shown in Russian on an et/en page get Sphinx's "untranslated" class;
# handbook.sphinxext.notices adds lang="ru" to them and the notice at the top of the page.
translation_progress_classes = "untranslated"

# -- Options for search (handbook.search.extension, design/search.md) -------
# "lemmas": every word is indexed under the stem of its lemma; "stems": Snowball only;
# "stock": Sphinx as shipped. `make search-eval` builds all three and compares them.
handbook_search = "lemmas"
# Languages searched by lemma. Each needs its simplemma dictionary prepared once per
# machine (Estonian ~20 s, into ~/.cache/service-handbook); others get Snowball only.
handbook_search_lemmas = ["ru", "et", "en"]

# -- Options for HTML output -------------------------------------------------
html_theme = "furo"
html_baseurl = SITE.base_url  # plus <lang>/ per language (site_config)
html_last_updated_fmt = None
html_static_path = []
# from the installed package, not relative to conf.py: copies of the sources build too
html_favicon = str(Path(_site.__file__).parent / "static" / "favicon.svg")

# -- Options for the linkcheck builder (make linkcheck, handbook/links/) ---
# Run once per language; handbook/links/external.py sorts the results into broken / unreachable /
# redirected and exits non-zero on the first two.
linkcheck_timeout = 15  # seconds per request; slower counts as unreachable (default 30)
linkcheck_report_timeouts_as_broken = False  # a timeout is "unreachable", not "broken"
linkcheck_retries = 2  # one more try before a link counts as broken: hosts have hiccups
# On HTTP 429 Sphinx waits as long as the server's Retry-After says, else 60 s, doubling
# while under this limit (seconds); beyond it the link is reported, as unreachable.
linkcheck_rate_limit_timeout = 120.0
linkcheck_ignore = [
    # The handbook's own published pages: the built site's links are checked offline in
    # `make test` (handbook/links/crawl.py), and a page that is new in this change is not
    # online until it is published.
    re.escape(SITE.base_url),
]
linkcheck_anchors_ignore_for_url = [
    # GitHub draws the anchors of rendered files (#readme, #L12) with JavaScript, so they
    # are never in the HTML Sphinx fetches; the page itself is still checked.
    r"https://github\.com/",
]
