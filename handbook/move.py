"""``make move-page FROM=stories/old TO=stories/new``: move a page and keep everything.

- the Russian source ``docs/FROM.md`` becomes ``docs/TO.md``;
- every language's catalog ``locale/<lang>/LC_MESSAGES/FROM.po`` becomes ``TO.po``: the
  msgids do not change, so every translation stays translated;
- every ``{doc}`` link and toctree entry that names the page, in the sources and in every
  catalog (msgid and msgstr alike), names the new page; the moved page's own relative
  links are rewritten for its new folder;
- a principle that moves within ``docs/principles/`` is renamed in the stories' front
  matter (``principles: [...]``);
- handbook.toml's ``[redirects]`` gets ``"FROM" = "TO"``, and earlier entries that led to
  FROM lead to TO (no chains): the old address keeps answering in every language.

Catalogs are edited as text where a link changes, then written in the one canonical form
(handbook/catalogs/form.py), which refuses to write anything that would read differently.
Every file is written atomically.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from handbook import atomic
from handbook.catalogs import form
from handbook.site import _DOCNAME, DECLARATION, Site

PRINCIPLES = "principles/"  # handbook/sphinxext/stories.py: front matter names these pages
# {doc}`target` or {doc}`Title <target>`; in a catalog the title may be wrapped ("\n").
_DOC_ROLE = re.compile(r'(\{doc\}`(?:[^`<]*<)?)([^<>`\s"]+)(>?`)')
_TITLED = re.compile(r"^(.*<)([^<>]+)(>)$", re.DOTALL)
_FENCE = re.compile(r"^(`{3,}|:{3,})\{toctree\}.*?^\1\s*$", re.MULTILINE | re.DOTALL)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_PRINCIPLES_FIELD = re.compile(r"^(principles:\s*\[)([^\]]*)(\])", re.MULTILINE)


class MoveError(ValueError):
    """The page cannot be moved as asked."""


def move(site: Site, old: str, new: str) -> list[Path]:
    """Move page ``old`` to ``new`` (docnames); returns the files written."""
    _check(site, old, new)
    written: list[Path] = []
    docs = site.docs_dir

    def retarget(referrer: str) -> Callable[[str], str]:
        """The link rewriter for a text of page ``referrer`` (its docname before the move)."""
        return lambda text: _retarget_text(text, referrer, old, new)

    # 1. Sources: links and toctrees everywhere, front matter of stories; then the move.
    for path in sorted(docs.rglob("*.md")):
        referrer = path.relative_to(docs).with_suffix("").as_posix()
        text = path.read_text(encoding="utf-8")
        changed = _retarget_toctrees(retarget(referrer)(text), referrer, old, new)
        changed = _rename_principle(changed, old, new)
        target = docs / f"{new}.md" if referrer == old else path
        if changed != text or target != path:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_text(target, changed)
            written.append(target)
            if target != path:
                path.unlink()
    # 2. Catalogs of every language, the moved page's among them.
    for language in sorted(p for p in site.locale_dir.iterdir() if p.is_dir()):
        messages = language / "LC_MESSAGES"
        for path in sorted(messages.rglob("*.po")):
            referrer = path.relative_to(messages).with_suffix("").as_posix()
            target = messages / f"{new}.po" if referrer == old else path
            if _rewrite_catalog(path, target, retarget(referrer)):
                written.append(target)
            if target != path:
                path.unlink()
                path.with_suffix(".mo").unlink(missing_ok=True)  # Sphinx recompiles it
    # 3. The redirect.
    written.append(_add_redirect(site, old, new))
    return written


def _check(site: Site, old: str, new: str) -> None:
    for name in (old, new):
        if not _DOCNAME.match(name):
            raise MoveError(f"{name!r} is not a page name like 'stories/some-story'")
    if not (site.docs_dir / f"{old}.md").is_file():
        raise MoveError(f"docs/{old}.md: no such page")
    if (site.docs_dir / f"{new}.md").exists():
        raise MoveError(f"docs/{new}.md: already exists")
    if old.startswith(PRINCIPLES) != new.startswith(PRINCIPLES):
        # stories name principles by file name in docs/principles/ (sphinxext/stories.py)
        raise MoveError(f"a principle stays in docs/{PRINCIPLES}: stories name it there")


def _resolve(target: str, referrer: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(referrer), target))


def _express(docname: str, referrer: str, absolute: bool) -> str:
    if absolute:
        return f"/{docname}"
    return posixpath.relpath(docname, posixpath.dirname(referrer) or ".")


def _retarget(target: str, referrer: str, old: str, new: str) -> str:
    """One link target written in page ``referrer``, after ``old`` moved to ``new``."""
    resolved = _resolve(target, referrer)
    moved_target = new if resolved == old else resolved
    moved_referrer = new if referrer == old else referrer
    absolute = target.startswith("/")
    same_folder = posixpath.dirname(moved_referrer) == posixpath.dirname(referrer)
    if moved_target == resolved and (absolute or same_folder):
        return target  # still right as written: keep the author's spelling
    return _express(moved_target, moved_referrer, absolute)


def _retarget_entry(entry: str, referrer: str, old: str, new: str) -> str:
    """``target`` or ``Title <target>``."""
    titled = _TITLED.match(entry)
    if titled:
        return titled[1] + _retarget(titled[2], referrer, old, new) + titled[3]
    return _retarget(entry, referrer, old, new)


def _retarget_text(text: str, referrer: str, old: str, new: str) -> str:
    return _DOC_ROLE.sub(lambda m: m[1] + _retarget(m[2], referrer, old, new) + m[3], text)


def _retarget_toctrees(text: str, referrer: str, old: str, new: str) -> str:
    def block(match: re.Match) -> str:
        lines = match[0].split("\n")
        for index, line in enumerate(lines[1:-1], 1):
            entry = line.strip()
            if entry and not entry.startswith(":") and "*" not in entry:
                lines[index] = line.replace(entry, _retarget_entry(entry, referrer, old, new))
        return "\n".join(lines)

    return _FENCE.sub(block, text)


def _rename_principle(text: str, old: str, new: str) -> str:
    if not old.startswith(PRINCIPLES):
        return text
    front = _FRONT_MATTER.match(text)
    if not front:
        return text
    old_name, new_name = old[len(PRINCIPLES) :], new[len(PRINCIPLES) :]

    def field(match: re.Match) -> str:
        names = [name.strip() for name in match[2].split(",")]
        renamed = [new_name if name == old_name else name for name in names]
        return match[1] + ", ".join(renamed) + match[3] if renamed != names else match[0]

    head = _PRINCIPLES_FIELD.sub(field, front[0])
    return head + text[front.end() :]


def _rewrite_catalog(path: Path, target: Path, retarget: Callable[[str], str]) -> bool:
    """Rewrite the links of every msgid and msgstr alike (the msgid must still match the
    source's, the msgstr keeps the translation working); write ``target`` when anything
    changed or the catalog moves."""
    text = path.read_text(encoding="utf-8")
    changed = retarget(text)
    if changed == text and target == path:
        return False
    data = form.formatted(changed.encode("utf-8"), str(target)).data
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(target, data)
    return True


def _add_redirect(site: Site, old: str, new: str) -> Path:
    """``"old" = "new"`` at the end of ``[redirects]``; entries that led to ``old`` lead to
    ``new`` now. The rest of handbook.toml stays as written (comments included)."""
    path = site.root / DECLARATION
    lines = path.read_text(encoding="utf-8").splitlines()
    try:
        start = lines.index("[redirects]")
    except ValueError:
        lines += ["", "[redirects]"]
        start = len(lines) - 1
    end = start + 1
    while end < len(lines) and not lines[end].startswith("["):
        end += 1
    # back over the blank lines and the comments that introduce the next table
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    for index in range(start + 1, end):
        lines[index] = re.sub(rf'=\s*"{re.escape(old)}"\s*$', f'= "{new}"', lines[index])
    lines.insert(end, f'"{old}" = "{new}"')
    atomic.write_text(path, "\n".join(lines) + "\n")
    return path
