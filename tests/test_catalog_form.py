"""One canonical catalog form (handbook/catalogs/form.py): whatever editor saved a catalog,
``make po-format`` brings it back to the same bytes without changing a translation, refuses
what it cannot read, and ``make check`` names a catalog that is not in the form."""

from __future__ import annotations

import shutil
import subprocess

import polib
import pytest
from helpers import ROOT, run_handbook

from handbook import checks, site
from handbook.catalogs import form

PAGE = "locale/et/LC_MESSAGES/principles/growth.po"

EXTRAS = """\
# A translator's note: its line breaks are the translator's own.
#. An extracted comment
#, fuzzy
#| msgid "Старый текст абзаца"
msgid "Новый текст абзаца"
msgstr "Lõigu tekst"

#| msgid "Принятый перевод сохранил старый текст"
msgid "Принятый перевод"
msgstr "Aktsepteeritud tõlge"

msgid "Одна страница"
msgid_plural "%(n)s страниц"
msgstr[0] "Üks lehekülg, mille tõlge on piisavalt pikk, et redaktor selle mitmeks reaks murraks"
msgstr[1] "%(n)s lehekülge"

#~ msgid "Давно удалённый абзац"
#~ msgstr "Ammu kustutatud lõik"
"""


def translations(catalog: polib.POFile) -> list[tuple]:
    """What a translator wrote: every live entry's identity, translations and flags."""
    return [
        (
            e.msgctxt,
            e.msgid,
            e.msgid_plural,
            e.msgstr,
            sorted(e.msgstr_plural.items()),
            sorted(e.flags),  # as a set: the canonical form sorts them
        )
        for e in catalog
        if not e.obsolete
    ]


@pytest.fixture(scope="module")
def sample() -> bytes:
    """A real page catalog with a fuzzy entry, comments, a plural entry and an obsolete one."""
    return (ROOT / PAGE).read_bytes() + b"\n" + EXTRAS.encode()


def msgcat(data: bytes, *options: str) -> bytes:
    if not shutil.which("msgcat"):
        pytest.skip("needs GNU gettext's msgcat: apt-get install gettext")
    done = subprocess.run(["msgcat", *options, "-"], input=data, capture_output=True, check=True)
    return done.stdout


def test_every_editors_layout_comes_back_to_the_same_bytes(sample):
    canonical = form.formatted(sample, PAGE).data
    saved = {
        "msgcat --width=76": msgcat(sample, "--width=76"),
        "msgcat --no-wrap": msgcat(sample, "--no-wrap"),
        "msgcat (gettext's own width)": msgcat(sample),
        "polib at width 78": str(polib.pofile(sample.decode())).encode(),
        "CRLF and a BOM": b"\xef\xbb\xbf" + sample.replace(b"\n", b"\r\n"),
    }
    for editor, data in saved.items():
        assert data != canonical, editor
        assert form.formatted(data, PAGE).data == canonical, editor
    assert form.formatted(canonical, PAGE).data == canonical  # a fixed point
    assert not form.needs_formatting(canonical, PAGE)


def test_the_canonical_form_changes_no_translation_and_keeps_only_meaningful_lines(sample):
    canonical = form.formatted(sample, PAGE).data
    before, after = polib.pofile(sample.decode()), polib.pofile(canonical.decode())
    assert translations(after) == translations(before)
    text = canonical.decode()
    assert "\r" not in text and not text.startswith("\ufeff") and text.endswith('"\n')
    assert '#| msgid "Старый текст абзаца"' in text  # the fuzzy entry keeps its old source
    assert "Принятый перевод сохранил" not in text  # an accepted one does not
    assert "#~" not in text and "Давно удалённый" not in text
    assert after.find("Новый текст абзаца").tcomment.split() == (
        before.find("Новый текст абзаца").tcomment.split()
    )
    header = [
        line.split(":")[0] for line in text.splitlines() if line.startswith('"') and ":" in line
    ]
    assert header[:3] == ['"Project-Id-Version', '"Report-Msgid-Bugs-To', '"POT-Creation-Date']


def test_a_broken_catalog_is_refused_with_path_and_line(project_copy):
    path = project_copy / PAGE
    lines = path.read_text(encoding="utf-8").splitlines()
    broken = next(i for i, line in enumerate(lines) if line.startswith('msgstr "') and i > 20)
    lines[broken] = lines[broken].rstrip('"')  # an unclosed string
    data = ("\r\n".join(lines) + "\r\n").encode()  # and a layout po-format would fix
    path.write_bytes(data)
    done = run_handbook(project_copy, "po-format", "--langs", "et")
    assert done.returncode == 1
    assert f"{PAGE}:{broken + 1}: syntax: the string is not closed" in done.output
    assert path.read_bytes() == data


def test_po_format_on_the_repositorys_catalogs_changes_no_translation(project_copy):
    paths = sorted(project_copy.glob("locale/**/*.po"))
    before = {p: translations(polib.pofile(str(p))) for p in paths}
    done = run_handbook(project_copy, "po-format")
    assert done.returncode == 0, done.output
    assert {p: translations(polib.pofile(str(p))) for p in paths} == before
    assert not [p for p in paths if form.needs_formatting(p.read_bytes(), str(p))]
    again = run_handbook(project_copy, "po-format", "--langs", "ru et en")
    assert (
        again.output.splitlines()[-1] == f"{len(paths)} catalogs, 0 rewritten in the canonical form"
    )


def test_make_check_names_a_catalog_not_in_the_canonical_form(project_copy):
    path = project_copy / PAGE
    for other in path.parent.parent.glob("**/*.po"):
        if other != path:
            other.unlink()  # one catalog keeps the check quick
    path.write_bytes(msgcat(path.read_bytes(), "--width=76"))
    found = [str(f) for f in checks.check(site.load(project_copy), ["et"], spelling=False)]
    # (the deleted catalogs are named as missing too: et is a release language)
    assert [f for f in found if ": missing: " not in f] == [
        f"{PAGE}:1: not in the canonical form — run make po-format"
    ]
    done = run_handbook(project_copy, "po-format", "--langs", "et")
    assert done.output.splitlines() == [
        f"formatted  {PAGE}",
        "1 catalogs, 1 rewritten in the canonical form",
    ]
    assert not form.needs_formatting(path.read_bytes(), PAGE)
