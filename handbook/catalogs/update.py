"""``make update-po``: Sphinx's gettext builder, then a merge into
``locale/<lang>/LC_MESSAGES/<page>.po`` with Babel's ``Catalog.update`` (as sphinx-intl
does it), plus a compendium so that a paragraph that moves to another page keeps its
translation. An entry that turned fuzzy because its Russian text changed keeps the old text
as ``#| msgid``. Catalogs are read with polib (Babel drops ``#|``), written in the one
canonical form (``form``) through a temporary file (``handbook.atomic``), and only when
their content changed. design/catalog-form.md explains the choices."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polib
from babel.messages import pofile
from babel.messages.catalog import Catalog, Message
from babel.util import TextWrapper
from sphinx_intl import catalog as babel_catalog

from handbook import atomic
from handbook.catalogs import form
from handbook.catalogs.layout import INTERFACE_CATALOGS, catalog_dir, catalog_names
from handbook.findings import Finding, relative
from handbook.patches import pins
from handbook.site import Site


class ExtractError(RuntimeError):
    """Sphinx's gettext builder failed; its warnings (file:LINE) are printed above."""


def extract(site: Site, builddir: Path) -> Path:
    """Run Sphinx's gettext builder; returns the folder of .pot templates."""
    pot_dir = builddir / "gettext"
    done = subprocess.run(
        [
            sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-W", "--keep-going",
            "-c", str(site.root), "-d", str(builddir / "doctrees" / "gettext"),
            str(site.docs_dir), str(pot_dir),
        ],
        cwd=site.root,
    )  # fmt: skip
    if done.returncode:
        raise ExtractError("extracting the Russian messages failed: fix the warnings above")
    return pot_dir


# -- update-po ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UpdateResult:
    path: Path
    status: str  # "created", "updated", "unchanged" or "refused" (a broken catalog)
    added: int = 0
    dropped: int = 0
    reused: int = 0  # translations found elsewhere in the language, marked fuzzy
    changed: int = 0  # entries now fuzzy with their previous source (#| msgid)
    relaid: bool = False  # the file was not in the canonical form: rewritten whole
    problems: tuple[Finding, ...] = ()  # why a catalog was refused, as path:LINE

    def describe(self, root: Path) -> str:
        """One line for the terminal, the path relative to the project."""
        path = self.path.relative_to(root) if self.path.is_relative_to(root) else self.path
        if self.status in ("unchanged", "refused"):
            return f"{self.status:<10} {path}"
        reused = f", {self.reused} reused (fuzzy)" if self.reused else ""
        changed = f", {self.changed} source changed (fuzzy, #|)" if self.changed else ""
        relaid = "; was not in the canonical form, so every line may differ" if self.relaid else ""
        return f"{self.status:<10} {path}  +{self.added} -{self.dropped}{reused}{changed}{relaid}"


def compendium(locale_dir: Path, code: str) -> dict[str, str]:
    """msgid -> msgstr of every translation in the language's page catalogs.

    Read before the merge drops entries, so a paragraph that moved to another page
    finds its translation here. Reviewed translations win over fuzzy ones; among equals
    the first catalog in name order wins, so the result never depends on file order.
    """
    reviewed: dict[str, str] = {}
    fuzzy: dict[str, str] = {}
    folder = catalog_dir(locale_dir, code)
    for name in catalog_names(locale_dir, code):
        if name in INTERFACE_CATALOGS:
            continue
        path = folder / f"{name}.po"
        try:
            entries = form.parse(path.read_bytes(), str(path))
        except form.NotACatalog:
            continue  # its merge refuses it and names the line; make check does too
        for entry in entries:
            if entry.msgid and not entry.msgid_plural and not entry.obsolete and entry.msgstr:
                (fuzzy if entry.fuzzy else reviewed).setdefault(entry.msgid, entry.msgstr)
    return {**fuzzy, **reviewed}


def _templates(pot_dir: Path) -> dict[str, Path]:
    """The pages' templates. sphinx.pot (strings of the HTML templates) is left out: the
    interface catalogs are kept by hand and hold more than the templates' strings."""
    templates = {str(p.relative_to(pot_dir).with_suffix("")): p for p in pot_dir.rglob("*.pot")}
    return {name: templates[name] for name in sorted(templates) if name not in INTERFACE_CATALOGS}


def _entry(message: Message, plurals: int) -> polib.POEntry:
    """A merged Babel message as a polib entry, for the canonical writer."""
    entry = polib.POEntry(
        msgctxt=message.context,
        flags=sorted(message.flags),
        tcomment="\n".join(message.user_comments),
        comment="\n".join(message.auto_comments),
        occurrences=[(path, str(line) if line else "") for path, line in message.locations],
    )
    if isinstance(message.id, (list, tuple)):
        strings = list(message.string or ()) + [""] * plurals
        entry.msgid, entry.msgid_plural = message.id[0], message.id[1]
        entry.msgstr_plural = {index: strings[index] for index in range(plurals)}
    else:
        entry.msgid, entry.msgstr = message.id, message.string or ""
    return entry


def _previous(message: Message, old: dict[str, polib.POEntry]) -> polib.POEntry | None:
    """The source text the translation of a fuzzy ``message`` was made for, or None.

    Babel's near match names the old msgid (``previous_id``): the Russian text changed in
    this run. An entry that was already fuzzy with a previous source keeps that older
    text, as msgmerge does: the translation still answers it, so the translator sees the
    whole change, however many runs it took.
    """
    if not message.fuzzy:
        return None
    earlier = old.get(message.previous_id[0] if message.previous_id else message.id)
    if earlier is None:
        return None
    if earlier.fuzzy and earlier.previous_msgid is not None:
        return _as_source(earlier)
    return earlier if message.previous_id else None


def _as_source(entry: polib.POEntry) -> polib.POEntry:
    """``entry``'s previous source as an entry of its own."""
    return polib.POEntry(
        msgctxt=entry.previous_msgctxt,
        msgid=entry.previous_msgid,
        msgid_plural=entry.previous_msgid_plural or "",
    )


def merge(
    po_path: Path, pot_path: Path, code: str, memory: dict[str, str], shown: str = ""
) -> UpdateResult:
    """Merge one template into one catalog (Babel's update, as sphinx-intl does it).

    Entries gone from the page are dropped; an entry new to this page, or still empty,
    takes its translation from ``memory`` (the compendium) when the same msgid was
    translated anywhere in the language, flagged fuzzy for review. An entry that turned
    fuzzy because its Russian text changed keeps the old text as ``#| msgid``. The
    result is written in the canonical form (``form``), atomically, and only when the
    catalog's content changed: a second run on unchanged sources writes nothing.
    """
    name = shown or str(po_path)
    template = babel_catalog.load_po(str(pot_path))
    if po_path.exists():
        old_data = po_path.read_bytes()
        try:
            before = form.parse(old_data, name)
        except form.NotACatalog as broken:  # merging what polib half-read would lose entries
            return UpdateResult(po_path, "refused", problems=tuple(broken.findings))
        catalog = pofile.read_po(io.BytesIO(_for_babel(before)), charset="utf-8")
        catalog.update(template)  # Babel marks near matches within the page fuzzy
        status = "updated"
    else:
        before, catalog, status = None, template, "created"
        catalog.locale = code  # Language and Plural-Forms headers
    old = {e.msgid: e for e in before or () if not e.obsolete and not e.msgctxt}
    reused = _reuse(catalog, old, memory)
    result = _catalog_like(before, catalog)
    for message in catalog:
        if not message.id:
            continue
        entry = _entry(message, catalog.num_plurals)
        if (source := _previous(message, old)) is not None:
            entry.previous_msgctxt = source.msgctxt
            entry.previous_msgid = source.msgid
            entry.previous_msgid_plural = source.msgid_plural or None
        result.append(entry)
    form.normalise(result)
    # compared with the file as it is: stale #| lines or obsolete entries are a change
    if before is not None and form.content(result) == form.content(before):
        return UpdateResult(po_path, "unchanged")
    try:
        data = form.checked_render(result, name)
    except form.NotACatalog as unwritable:
        return UpdateResult(po_path, "refused", problems=tuple(unwritable.findings))
    po_path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(po_path, data)
    ids_before, ids_after = set(old), {e.msgid for e in result}
    added, dropped = len(ids_after - ids_before), len(ids_before - ids_after)
    changed = sum(
        e.previous_msgid is not None and (e.msgid not in old or old[e.msgid].previous_msgid is None)
        for e in result
    )
    relaid = before is not None and form.needs_formatting(old_data, name)
    return UpdateResult(po_path, status, added, dropped, reused, changed, relaid)


def _reuse(catalog: Catalog, old: dict[str, polib.POEntry], memory: dict[str, str]) -> int:
    """Fill entries from the compendium, flagged fuzzy; returns how many."""
    reused = 0
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or message.id not in memory:
            continue
        if not message.string or (message.id not in old and message.fuzzy):
            # An exact match from another page beats Babel's near match on this one.
            message.string = memory[message.id]
            message.flags.add("fuzzy")
            message.previous_id = []  # no earlier source here to compare with
            reused += 1
    return reused


def _for_babel(catalog: polib.POFile) -> bytes:
    """``catalog`` as Babel should merge it: Babel reads "#|" lines as translator
    comments, so the previous sources stay out (``_previous`` takes them from polib)."""
    copy = polib.pofile(str(catalog), wrapwidth=form.WIDTH)
    form.normalise(copy)
    for entry in copy:
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    return form.render(copy)


def _catalog_like(before: polib.POFile | None, merged: Catalog) -> polib.POFile:
    """An empty catalog with the header of ``before`` kept as it was (no date bumped, no
    field reordered: a header line changed on every run would conflict in every merge),
    or, for a new catalog, Babel's header for the language."""
    result = polib.POFile(wrapwidth=form.WIDTH)
    if before is not None:
        result.header, result.metadata = before.header, dict(before.metadata)
        result.metadata_is_fuzzy = before.metadata_is_fuzzy
        return result
    wrapper = TextWrapper(width=form.WIDTH, subsequent_indent="# ", break_long_words=False)
    lines = [part for line in merged.header_comment.splitlines() for part in wrapper.wrap(line)]
    result.header = "\n".join(line[2:] for line in lines)  # wrapped as Babel wraps it
    result.metadata = {key: value.strip() for key, value in merged.mime_headers}
    result.metadata_is_fuzzy = merged.fuzzy
    return result


def update(site: Site, builddir: Path, codes: Sequence[str]) -> list[UpdateResult]:
    """Refresh ``locale/<code>/LC_MESSAGES/*.po`` of each translation from fresh templates."""
    return merge_templates(site, extract(site, builddir), codes)


def merge_templates(site: Site, pot_dir: Path, codes: Sequence[str]) -> list[UpdateResult]:
    """Merge the page templates in ``pot_dir`` into the catalogs of ``codes``."""
    pins.require(__name__)  # sphinx_intl.catalog is not sphinx-intl's documented API
    templates = _templates(pot_dir)
    results = []
    for code in codes:
        memory = compendium(site.locale_dir, code)  # before any entry is dropped
        folder = catalog_dir(site.locale_dir, code)
        for name, pot_path in templates.items():
            path = folder / f"{name}.po"
            results.append(merge(path, pot_path, code, memory, relative(path, site.root)))
    return results


def orphans(site: Site, code: str) -> list[str]:
    """Page catalogs whose page is gone (renamed or removed): update-po never deletes them."""
    pages = {str(p.relative_to(site.docs_dir).with_suffix("")) for p in site.docs_dir.rglob("*.md")}
    return [
        name
        for name in catalog_names(site.locale_dir, code)
        if name not in pages and name not in INTERFACE_CATALOGS
    ]
