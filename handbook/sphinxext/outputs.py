"""The output folder holds what these sources produce, nothing a previous build left.

Sphinx never deletes an output file. After an incremental build, the HTML (and the copied
source) of a removed page, an image no page shows any more, a download no page offers stay
in the output folder — and were published from there. At the end of every html build this
extension deletes, in the folders Sphinx derives from the documents, every file that the
current environment does not account for:

- pages (``*.html`` outside ``_``-folders): the documents' pages and those written in this
  run (search, genindex, 404 — ``html-collect-pages`` runs on every build);
- ``_sources/``: the documents' copied sources;
- ``_images/``: ``env.images``; ``_downloads/``: ``env.dlfiles``.

Everything else Sphinx (or an extension) rewrites on every build: ``_static``,
``searchindex.js``, ``objects.inv``, sitemaps. A changed theme or extension, which could
leave a stale static file, makes the build start from an empty folder (handbook/build/run.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx

import handbook

WRITTEN = "_handbook_written_pages"  # on the builder: pages written in this run
PRUNED = ("_sources", "_images", "_downloads")  # besides the pages


def _note_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    written = getattr(app.builder, WRITTEN, None)
    if written is None:
        written = set()
        setattr(app.builder, WRITTEN, written)
    written.add(pagename)


def expected(app: Sphinx) -> set[str]:
    """Output paths (relative, with /) that this environment accounts for, in the folders
    the pruning looks at."""
    builder, env = app.builder, app.env
    outdir = Path(app.outdir)
    keep = {f"_images/{name}" for _docs, name in env.images.values()}
    keep |= {f"_downloads/{dest}" for _docs, dest in env.dlfiles.values()}
    for page in {*env.found_docs, *getattr(builder, WRITTEN, ())}:
        keep.add(Path(builder.get_outfilename(page)).relative_to(outdir).as_posix())
    if app.config.html_copy_source:
        for docname in env.found_docs:
            suffix = str(env.doc2path(docname, False))[len(docname) :]
            if suffix != app.config.html_sourcelink_suffix:
                suffix += app.config.html_sourcelink_suffix
            keep.add(f"_sources/{docname}{suffix}")
    return keep


def stale(outdir: Path, keep: set[str]) -> list[Path]:
    """Files in the pruned folders of ``outdir`` that are not in ``keep``."""
    found = []
    for folder, dirs, files in os.walk(outdir):
        relative = Path(folder).relative_to(outdir)
        top = relative.parts[0] if relative.parts else ""
        if not relative.parts:
            dirs[:] = [d for d in dirs if not d.startswith("_") or d in PRUNED]
        for name in files:
            path = (relative / name).as_posix()
            if (top in PRUNED or name.endswith(".html")) and path not in keep:
                found.append(Path(folder) / name)
    return found


def _prune(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for path in stale(outdir, expected(app)):
        path.unlink()
        # its folder too, once empty (a removed section, a download's hash folder)
        for folder in path.parents:
            if folder == outdir or any(folder.iterdir()):
                break
            folder.rmdir()


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _note_page)
    app.connect("build-finished", _prune, priority=900)  # after every writer of files
    return handbook.extension_metadata()
