"""Catalog QA (``make check``): every check fails on a catalog that breaks its rule and
passes on one that keeps it; findings name ``path:LINE``; the real catalogs are clean."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from helpers import run_handbook

from handbook import checks, site

TOML = """\
[site]
base_url = "https://example.org/"
[languages]
list = [
  { code = "ru", name = "Русский", title = "Т", role = "source", status = "release" },
  { code = "et", name = "Eesti", title = "T", role = "translation", status = "release" },
  { code = "en", name = "English", title = "T", role = "translation", status = "draft" },
]
"""
HEADER = """\
msgid ""
msgstr ""
"Language: {code}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""
GLOSSARY = 'msgid "клиент"\nmsgstr "{term}"\n'
FINDING = re.compile(r"^[^:\s]+\.po:\d+: .+ — .+$")


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class Project:
    """A tiny project: handbook.toml, a glossary and one page, with et and en catalogs."""

    def __init__(self, root: Path):
        self.root = root
        (root / "handbook.toml").write_text(TOML, encoding="utf-8")
        (root / "docs").mkdir()
        (root / "docs" / "glossary.md").write_text(
            "# Глоссарий\n\n```{glossary}\nклиент\n  Человек.\n```\n", encoding="utf-8"
        )
        (root / "docs" / "page.md").write_text("# Страница\n", encoding="utf-8")
        for code, term in (("et", "klient"), ("en", "customer")):
            self.write(code, "glossary", HEADER.format(code=code) + GLOSSARY.format(term=term))
        self.site = site.load(root)

    def write(self, code: str, name: str, text: str) -> Path:
        path = self.root / "locale" / code / "LC_MESSAGES" / f"{name}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def page(self, msgid: str, msgstr: str, code: str = "et", flags: str = "") -> Path:
        entry = f"{flags}msgid {quoted(msgid)}\nmsgstr {quoted(msgstr)}\n"
        return self.write(code, "page", HEADER.format(code=code) + entry)

    def findings(self, codes=("et",), spelling=False) -> list[str]:
        # these catalogs are written by hand, not in the canonical form: that check has its
        # own tests (test_catalog_form.py)
        found = [str(f) for f in checks.check(self.site, list(codes), spelling=spelling)]
        return [
            f for f in found if not f.endswith(":1: not in the canonical form — run make po-format")
        ]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


# -- syntax and headers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('msgid "a"\nmsgstr "b\n', 9, "not closed"),
        ('msgid "a"\nmsgstr "b" c"\n', 9, 'written \\"'),
        ('msgid "a"\n\nmsgid "c"\nmsgstr "d"\n', 8, "msgid without msgstr"),
        (
            'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
            11,
            "duplicate msgid (first at line 8)",
        ),
        ('msgid "a"\nmsgstr "b"\nstray words\n', 10, "not a PO line"),
        ('msgid "a"\nmsgstr "b\\q"\n', 9, "unknown escape"),
    ],
)
def test_a_syntax_error_is_named_by_line(project, body, line, words):
    project.write("et", "page", HEADER.format(code="et") + body)
    found = project.findings()
    assert len(found) == 1, found
    assert found[0].startswith(f"locale/et/LC_MESSAGES/page.po:{line}: ")
    assert words in found[0]


def test_valid_syntax_with_continuations_passes(project):
    body = 'msgid ""\n"a"\nmsgstr ""\n"b \\"c\\"\\n"\n'
    project.write("et", "page", HEADER.format(code="et") + body)
    assert project.findings() == []


def test_a_catalog_that_is_not_utf8_is_named(project):
    path = project.write("et", "page", HEADER.format(code="et"))
    path.write_bytes(path.read_bytes() + b'msgid "a"\nmsgstr "\xe4"\n')
    assert project.findings() == [
        "locale/et/LC_MESSAGES/page.po:9: not UTF-8 — save the file with UTF-8 encoding"
    ]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ('"Language: en\\n"', "Language"),
        ('"Content-Type: text/plain; charset=ISO-8859-1\\n"', "charset"),
        ('"Plural-Forms: two forms\\n"', "nplurals=2; plural=(n != 1);"),
    ],
)
def test_headers_must_name_the_language_utf8_and_its_plural_rule(project, header, field):
    kind = header.split(":")[0]
    text = "".join(
        header + "\n" if line.startswith(kind) else line + "\n"
        for line in HEADER.format(code="et").splitlines()
    )
    project.write("et", "page", text + 'msgid "а"\nmsgstr "a"\n')
    found = project.findings()
    assert len(found) == 1 and field in found[0], found
    line = int(found[0].split(":")[1])
    assert (
        (project.root / "locale/et/LC_MESSAGES/page.po")
        .read_text()
        .splitlines()[line - 1]
        .startswith(kind)
    )


def test_plural_entries_need_as_many_forms_as_the_header_declares(project):
    entry = 'msgid "page"\nmsgid_plural "pages"\nmsgstr[0] "leht"\nmsgstr[1] "lehte"\n'
    project.write("et", "page", HEADER.format(code="et") + entry)
    assert project.findings() == []
    project.write("et", "page", HEADER.format(code="et") + entry + 'msgstr[2] "lehti"\n')
    assert project.findings() == [
        "locale/et/LC_MESSAGES/page.po:10: 3 plural forms where Plural-Forms declares 2 — "
        "write msgstr[0] to msgstr[1]"
    ]


# -- MyST markup and raw HTML ---------------------------------------------------------------

SOURCE = (
    "См. {ref}`stories`, {doc}`/guides/index`, {term}`клиенту <клиент>`, `make check`, "
    "{{ phone }}, сноску[^1] и [сайт](https://example.ru/)."
)
FAITHFUL = (
    "Vt {ref}`stories`, {doc}`/guides/index`, {term}`kliendile <клиент>`, `make check`, "
    "{{ phone }}, joonealust märkust[^1] ja [saiti](https://example.ru/)."
)


def test_a_faithful_translation_keeps_every_piece_of_markup(project):
    project.page(SOURCE, FAITHFUL)
    assert project.findings() == []


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("{ref}`stories`", "lood", "{ref}`stories` from the msgid is missing"),
        ("{ref}`stories`", "{ref}`lood`", "{ref}`stories` became {ref}`lood`"),
        ("<клиент>", "<klient>", "keep the Russian target"),
        ("{doc}`/guides/index`", "{doc}`/guides/other`", "became"),
        ("`make check`", "`make kontroll`", "inline code `make check` became"),
        ("{{ phone }}", "telefon", "substitution {{ phone }}"),
        ("[^1]", "", "footnote reference [^1]"),
        ("(https://example.ru/)", "(https://example.ee/)", "link (https://example.ru/) became"),
        ("ja [saiti]", "{ref}`extra` ja [saiti]", "{ref}`extra` is not in the msgid"),
    ],
)
def test_markup_changed_by_a_translation_is_named(project, old, new, words):
    assert old in FAITHFUL
    path = project.page(SOURCE, FAITHFUL.replace(old, new))
    found = project.findings()
    assert len(found) == 1, found
    assert found[0].startswith(f"{path.relative_to(project.root)}:9: markup: ")
    assert words in found[0]


def test_a_link_localized_on_purpose_is_allowed_by_the_list(project):
    project.page(SOURCE, FAITHFUL.replace("example.ru", "example.ee"))
    (project.root / "locale" / "et" / checks.LINK_LIST).write_text(
        "# source-url translation-url\nhttps://example.ru/ https://example.ee/\n"
    )
    assert project.findings() == []


def test_raw_html_added_by_a_translation_is_a_finding_and_blocks_the_build(project):
    project.page("Будьте *вежливы*.", "Olge <b>viisakas</b>.")
    found = project.findings()
    assert len(found) == 1 and "raw HTML <b> </b> is not in the msgid" in found[0]
    blockers = [str(f) for f in checks.build_blockers(project.site, ["et"])]
    assert blockers == found


def test_html_that_the_source_has_may_stay(project):
    project.page("Нажмите <kbd>Enter</kbd>.", "Vajutage <kbd>Enter</kbd>.")
    assert project.findings() == []
    assert checks.build_blockers(project.site, ["et"]) == []


# -- glossary terms ---------------------------------------------------------------------


def test_a_glossary_term_in_any_inflected_form_passes(project):
    project.page("Помогите {term}`клиенту <клиент>`.", "Aidake {term}`kliendile <клиент>`.")
    assert project.findings() == []


def test_another_word_for_a_glossary_term_is_named_with_the_fixed_one(project):
    project.page("Помогите {term}`клиенту <клиент>`.", "Aidake {term}`ostjale <клиент>`.")
    found = project.findings()
    assert len(found) == 1
    assert 'glossary: "ostjale" for the term "клиент"' in found[0]
    assert '"klient"' in found[0]


def test_the_fixed_term_is_the_one_of_the_catalogs_language(project):
    project.page("Помогите {term}`клиенту <клиент>`.", "Help the {term}`customer <клиент>`.", "en")
    assert project.findings(["en"]) == []
    project.page("Помогите {term}`клиенту <клиент>`.", "Help the {term}`client <клиент>`.", "en")
    assert ['"customer"' in f for f in project.findings(["en"])] == [True]


# -- fuzzy entries, placeholders ------------------------------------------------------------


def test_fuzzy_entries_fail_a_release_language_and_not_a_draft(project):
    project.page("Текст.", "Tekst.", "et", flags="#, fuzzy\n")
    found = project.findings(["et"])
    assert len(found) == 1
    assert found[0].startswith("locale/et/LC_MESSAGES/page.po:8: fuzzy entry in release")
    project.page("Текст.", "Text.", "en", flags="#, fuzzy\n")
    assert project.findings(["en"]) == []


def test_untranslated_entries_fail_a_release_language(project):
    project.page("Текст.", "")
    assert ["untranslated entry in release language et" in f for f in project.findings()] == [True]


def test_python_format_placeholders_must_survive(project):
    flags = "#, python-format\n"
    project.page("%(n)d pages", "%(n)d lehte", flags=flags)
    assert project.findings() == []
    project.page("%(n)d pages", "%(m)d lehte", flags=flags)
    assert ["placeholders %(m)d differ" in f for f in project.findings()] == [True]


def test_a_catalog_without_its_page_is_named(project):
    project.write("et", "gone", HEADER.format(code="et") + 'msgid "а"\nmsgstr "a"\n')
    found = project.findings()
    assert found == [
        "locale/et/LC_MESSAGES/gone.po: no page docs/gone.md for this catalog — the page was "
        "renamed or removed; delete the catalog (make update-po already reused its translations)"
    ]


# -- spelling -------------------------------------------------------------------------------


def test_a_misspelled_word_is_named_and_the_word_list_accepts_names(project, hunspell):
    project.page("Ахто помогает клиенту.", "Ahto aitab klientti.")
    found = project.findings(spelling=True)
    assert len(found) == 1
    assert 'spelling: "Ahto", "klientti" not in the et_EE dictionary' in found[0]
    (project.root / "locale" / checks.WORD_LIST).write_text("# names\nAhto\n")
    project.page("Ахто помогает клиенту.", "Ahto aitab klienti.")
    assert project.findings(spelling=True) == []


def test_english_is_checked_with_the_british_dictionary(project, hunspell):
    project.page("Поведение.", "Behaviour and programme.", "en")
    assert project.findings(["en"], spelling=True) == []
    project.page("Поведение.", "Behavior and programm.", "en")
    found = project.findings(["en"], spelling=True)
    assert len(found) == 1 and '"Behavior", "programm"' in found[0]


# -- the real handbook ----------------------------------------------------------------------


def test_the_handbooks_catalogs_have_no_findings(declaration, hunspell):
    assert [str(f) for f in checks.check(declaration)] == []


def test_make_check_prints_path_line_findings_and_fails(project_copy, hunspell):
    assert run_handbook(project_copy, "po-format").returncode == 0
    page = project_copy / "locale" / "en" / "LC_MESSAGES" / "principles" / "humanity.po"
    catalog = polib.pofile(str(page))  # saved at polib's default width: out of form too
    catalog[0].msgstr = f"<i>{catalog[0].msgstr}</i>"
    linked = next(entry for entry in catalog if "{ref}`" in entry.msgstr)
    linked.msgstr = linked.msgstr.replace("{ref}`", "{ref}`x", 1)
    catalog.save()
    run = run_handbook(project_copy, "check")
    assert run.returncode == 1
    lines = run.output.strip().splitlines()
    assert lines[-1] == "3 problem(s) in the catalogs of ru, et, en"
    assert f"{page.relative_to(project_copy)}:1: not in the canonical form" in run.output
    assert all(FINDING.match(line) for line in lines[:-1]), lines
    assert all(
        line.startswith("locale/en/LC_MESSAGES/principles/humanity.po:") for line in lines[:-1]
    )


# -- what the build refuses before Sphinx runs (the trust boundary: checks/trust.py) --------


def test_a_byte_order_mark_is_named_for_what_it_is(project):
    path = project.page("а", "a")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert project.findings() == [
        "locale/et/LC_MESSAGES/page.po:1: starts with a byte-order mark (BOM) — save it as "
        "UTF-8 without BOM"
    ]
    assert [str(f) for f in checks.build_blockers(project.site, ["et"])] == project.findings()


def test_another_charset_is_refused_by_the_build_at_its_header_line(project):
    path = project.page("а", "a")
    path.write_text(path.read_text().replace("charset=UTF-8", "charset=ISO-8859-1"))
    (found,) = checks.build_blockers(project.site, ["et"])
    line = path.read_text().splitlines()[found.line - 1]
    assert "Content-Type" in line and "ISO-8859-1" in found.message


@pytest.mark.parametrize(
    ("msgstr", "expected"),
    [
        ("Tekst {{ x }} lõpp.", "substitution {{ x }} is not in the msgid"),
        ("```{include} /etc/passwd\n```", "a directive or code block ({include} /etc/passwd)"),
        ("Tekst ![x](/etc/passwd).", "image (/etc/passwd) is not in the msgid"),
        ("Tekst {download}`x </etc/passwd>`.", "{download}`/etc/passwd` is not in the msgid"),
        ("- loend", "block markup bullet_list is not in the msgid"),
        ("Tekst <b>paks</b>.", "raw HTML <b> </b> is not in the msgid"),
    ],
)
def test_a_translation_may_change_words_only(project, msgstr, expected):
    project.page("Текст.", msgstr)
    blockers = [str(f) for f in checks.build_blockers(project.site, ["et"])]
    assert any(expected in b and "page.po:9:" in b for b in blockers), blockers
    project.page("Текст.", "Tekst, ainult sõnad.")
    assert checks.build_blockers(project.site, ["et"]) == []


def test_make_check_names_a_missing_or_empty_catalog_of_a_release_language(project_copy):
    site_ = site.load(project_copy)
    missing = project_copy / "locale" / "et" / "LC_MESSAGES" / "principles" / "growth.po"
    missing.unlink()
    empty = project_copy / "locale" / "en" / "LC_MESSAGES" / "glossary.po"
    empty.write_bytes(b"")
    found = [str(f) for f in checks.check(site_, ["et", "en"], spelling=False)]
    assert any(f.startswith("locale/et/LC_MESSAGES/principles/growth.po") for f in found), found
    assert any(f.startswith("locale/en/LC_MESSAGES/glossary.po") for f in found), found
    done = run_handbook(project_copy, "check", "--langs", "et")
    assert done.returncode != 0 and "principles/growth.po" in done.output
