"""Language quality in ``make check``: typography (as readers see it after smartquotes), the
term base (locale/<lang>/terms.toml), the formal register in Estonian and obsolete entries.
Each rule fails on a catalog (or Russian page) that breaks it, naming ``path:LINE``, and
passes on one that keeps it; the handbook's own catalogs and pages keep every rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_checks import HEADER, Project

from handbook.checks import obsolete, register, termbase, typography
from handbook.checks.reading import catalog_paths, read_catalog

MSGSTR_LINE = 9  # HEADER is 7 lines; the entry's msgid is line 8


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def findings_for(project: Project, code: str, msgid: str, msgstr: str) -> list[str]:
    project.page(msgid, msgstr, code=code)
    return project.findings(codes=(code,))


# -- typography -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "msgstr", "words"),
    [
        ("et", "Klient on vihane — ta ootas kaua.", "spaced em dash (—) — et writes the spaced en"),
        ("et", "Klient on vihane --- ta ootas kaua.", "spaced em dash (—)"),  # smartquotes: —
        ("et", "Klient on vihane - ta ootas kaua.", "a hyphen used as a dash"),
        ("et", "Klient ütles: «Aitäh».", "quotation mark « »"),
        ("et", "Klient ütles: “Aitäh”.", "quotation mark “ ”"),
        (
            "en",
            "The customer is angry – he waited.",
            "spaced en dash (–) — en writes the spaced em",
        ),
        ("en", "The customer is angry -- he waited.", "spaced en dash (–)"),  # smartquotes: –
        ("en", "The customer said „thanks“.", "quotation mark „ “"),
    ],
)
def test_typography_that_readers_would_see_wrong_is_named(project, code, msgstr, words):
    found = findings_for(project, code, "Клиент зол — он долго ждал.", msgstr)
    assert len(found) == 1, found
    assert found[0].startswith(f"locale/{code}/LC_MESSAGES/page.po:{MSGSTR_LINE}: typography: ")
    assert words in found[0]


@pytest.mark.parametrize(
    ("code", "msgstr"),
    [
        ("et", "Klient on vihane – ta ootas kaua. Ta ütles: „Aitäh!“"),
        ("et", 'Klient on vihane -- ta ootas. Ta ütles: "Aitäh!"'),  # smartquotes: – and „…“
        ("en", "The customer is angry — he waited. He said “thanks” and didn’t stay."),
        ("en", 'The customer is angry --- he waited. He said "thanks".'),
    ],
)
def test_the_languages_own_dashes_and_quotes_pass(project, code, msgstr):
    assert findings_for(project, code, "Клиент зол — он долго ждал.", msgstr) == []


def test_code_ranges_and_compounds_are_not_dashes_between_words(project):
    msgid = "Открыто 9–17, `make check - x` и линия Таллин–Тарту."
    msgstr = "Avatud kell 9–17, `make check - x` ja Tallinna–Tartu liin."
    assert findings_for(project, "et", msgid, msgstr) == []


def test_russian_source_pages_are_checked_by_line(project):
    page = project.root / "docs" / "page.md"
    page.write_text(
        "# Страница\n\nКлиент зол – он ждал.\n\n```text\nкод - не текст\n```\n\n"
        "Клиент сказал: “спасибо” и ушёл - совсем.\n\nКлиент зол — он «ждал».\n",
        encoding="utf-8",
    )
    found = [f for f in project.findings(codes=("ru",)) if f.startswith("docs/")]
    assert [f.split(" — ")[0] for f in found] == [
        "docs/page.md:3: typography: spaced en dash (–)",
        'docs/page.md:9: typography: a hyphen used as a dash ("word - word")',
        "docs/page.md:9: typography: quotation mark “ ” is not ru's",
    ]


# -- the term base ----------------------------------------------------------------------------

TERMS = """\
[terms."раздел"]
use = "jaotis"
synonyms = ["osa", "peatükk"]

[terms."счёт"]
use = "arve"
except = ["на свой счёт"]
"""


def with_terms(project: Project, text: str = TERMS) -> Project:
    (project.root / "locale" / "et" / "terms.toml").write_text(text, encoding="utf-8")
    return project


def test_another_word_for_a_term_base_term_is_named_at_the_msgstr(project):
    found = findings_for(
        with_terms(project), "et", "Об этом — в следующем разделе.", "Sellest räägib järgmine osa."
    )
    assert found == [
        f'locale/et/LC_MESSAGES/page.po:{MSGSTR_LINE}: term base: "раздел" is "jaotis" in et — '
        "use a form of it (or change locale/et/terms.toml for every page)"
    ]


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Об этом — в следующем разделе.", "Sellest räägib järgmine jaotis."),
        ("Все разделы справочника.", "Käsiraamatu kõik jaotised."),  # inflected on both sides
        ("Проверьте счёт.", "Kontrollige arveread üle."),  # a compound holds the term
        ("Не принимайте на свой счёт.", "Ärge võtke seda isiklikult."),  # not a bill here
        ("Синонимы не проверяются.", "Sünonüüme ei kontrollita."),  # no term at all
    ],
)
def test_the_term_base_rendering_in_any_form_passes(project, msgid, msgstr):
    assert findings_for(with_terms(project), "et", msgid, msgstr) == []


def test_a_term_file_that_cannot_be_read_is_named(project):
    with_terms(project, '[terms."раздел"]\nsynonyms = ["osa"]\n')
    project.page("Раздел", "Jaotis")
    assert project.findings() == [
        'locale/et/terms.toml: term "раздел" has no use = "…" — write the one rendering'
    ]


def test_the_term_file_keeps_synonyms_for_the_search(tmp_path):
    path = tmp_path / "terms.toml"
    path.write_text(TERMS, encoding="utf-8")
    terms, errors = termbase.load(path)
    assert errors == []
    assert terms[0].synonyms == ("osa", "peatükk")
    assert terms[1].exceptions == ("на свой счёт",)


# -- the register -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("msgid", "msgstr", "words"),
    [
        (
            "Признайте ошибку, но не извиняйтесь",
            "Tunnista viga, kuid ära vabanda üleliia",
            '"Tunnista", "ära vabanda"',
        ),
        ("Если вы видите человека, проще.", "Kui sa näed inimest, on lihtsam.", '"sa", "näed"'),
        ("Не спорьте с клиентом.", "Ära vaidle kliendiga.", '"Ära vaidle"'),
        ("Это ваш выбор.", "See on sinu valik.", '"sinu"'),
    ],
)
def test_sina_forms_in_estonian_are_named(project, msgid, msgstr, words):
    found = findings_for(project, "et", msgid, msgstr)
    assert len(found) == 1, found
    assert found[0].startswith(f"locale/et/LC_MESSAGES/page.po:{MSGSTR_LINE}: register: {words}")


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Признайте ошибку, но не извиняйтесь", "Tunnistage viga, kuid ärge vabandage üleliia"),
        ("Клиент не отвечает.", "Klient ei vasta."),  # negative present, not an imperative
        ("Он выбросил это.", "Ta viskas selle ära."),  # ära as a particle
        (
            "Моника сказала: «Ты справишься».",
            "Monica ütles: „Sa saad hakkama.“",
        ),  # ты in the source
    ],
)
def test_the_formal_register_and_faithful_informal_quotes_pass(project, msgid, msgstr):
    assert findings_for(project, "et", msgid, msgstr) == []


# -- obsolete entries -------------------------------------------------------------------------


def test_an_obsolete_entry_is_named_at_its_line(project):
    body = 'msgid "а"\nmsgstr "a"\n\n#~ msgid "старое"\n#~ msgstr "vana"\n'
    project.write("et", "page", HEADER.format(code="et") + body)
    assert project.findings() == [
        "locale/et/LC_MESSAGES/page.po:11: obsolete entry (#~) — delete it: its paragraph is "
        "gone from the page, and make update-po keeps translations that can be reused"
    ]


# -- the real handbook ------------------------------------------------------------------------


def test_the_handbooks_catalogs_and_pages_keep_the_language_rules(declaration):
    site = declaration
    found = typography.source_problems(site.docs_dir, site.root, "ru")
    for code, path in catalog_paths(site, site.codes):
        catalog, problems = read_catalog(path, site.root, code)
        assert catalog is not None, problems
        terms, errors = termbase.file_problems(site.locale_dir, site.root, code)
        found += errors + typography.catalog_problems(catalog)
        found += register.catalog_problems(catalog) + obsolete.catalog_problems(catalog)
        found += termbase.catalog_problems(catalog, terms)
    assert [str(f) for f in found] == []


def test_interface_strings_keep_the_software_convention(project):
    assert findings_for(project, "et", "Go to the start page", "Mine avalehele") == []
