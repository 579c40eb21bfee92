"""Ship the package's own stylesheet (``handbook/static/``) with every HTML build.

Copied at the end of the build instead of appended to ``html_static_path``: changing a
config value at run time would make Sphinx see a changed configuration on every build.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file

STATIC = Path(__file__).resolve().parent.parent / "static"
STYLESHEET = "handbook.css"


def _copy_static(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        copy_asset_file(STATIC / STYLESHEET, Path(app.outdir) / "_static", force=True)


def setup(app: Sphinx) -> dict:
    app.add_css_file(STYLESHEET)
    app.connect("build-finished", _copy_static)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
