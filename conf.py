"""Sphinx configuration of the customer-service handbook.

One Sphinx run builds one language: ``sphinx-build -D language=et ...``. The languages,
the base URL and the repository come from handbook.toml, never from here.
"""

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
    # ours (handbook/sphinxext/)
    "handbook.sphinxext.site_config",  # title of the language being built
    "handbook.sphinxext.stories",  # story <-> principle links from front matter
]
exclude_patterns = ["_build", "**/.*"]
root_doc = "index"
myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
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

# -- Options for HTML output -------------------------------------------------
html_theme = "furo"
html_baseurl = SITE.base_url
html_last_updated_fmt = None
html_static_path = []
html_favicon = "handbook/static/favicon.svg"
