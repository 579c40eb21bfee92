"""The one declaration of languages and addresses (handbook.toml, handbook/site.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, run_handbook

from handbook import site


def write_declaration(folder: Path, languages: str, base_url: str = "https://x.test/hb/") -> Path:
    (folder / "handbook.toml").write_text(
        f'[site]\nbase_url = "{base_url}"\n[languages]\nlist = [\n{languages}\n]\n',
        encoding="utf-8",
    )
    return folder


RU = '{ code = "ru", name = "Русский", title = "T", role = "source", status = "release" },'
ET = '{ code = "et", name = "Eesti", title = "T", role = "translation", status = "draft" },'


def test_the_project_declares_russian_source_and_two_translations(declaration):
    assert declaration.source.code == "ru"
    assert [(lang.code, lang.name) for lang in declaration.translations] == [
        ("et", "Eesti"),
        ("en", "English"),
    ]
    assert all(lang.is_release for lang in declaration.languages)


def test_addresses_derive_from_the_one_base_url(tmp_path):
    declared = site.load(write_declaration(tmp_path, RU + ET))
    assert declared.url("et", "stories/index.html") == "https://x.test/hb/et/stories/index.html"
    assert not declared.language("et").is_release


@pytest.mark.parametrize(
    ("languages", "base_url", "message"),
    [
        (ET, "https://x.test/", "exactly one language must have role 'source'"),
        (RU + RU, "https://x.test/", "a language code is declared twice"),
        (RU.replace("release", "final"), "https://x.test/", "status must be one of"),
        ('{ code = "ru", name = "Русский" },', "https://x.test/", "lacks role, status, title"),
        (RU, "https://x.test/hb", "base_url must end with '/'"),
    ],
)
def test_a_wrong_declaration_says_what_is_wrong(tmp_path, languages, base_url, message):
    with pytest.raises(site.DeclarationError, match=message):
        site.load(write_declaration(tmp_path, languages, base_url))


def test_the_cli_prints_the_declared_codes_for_the_makefile():
    assert run_handbook(ROOT, "langs").output.split() == ["ru", "et", "en"]
    assert run_handbook(ROOT, "langs", "--translations").output.split() == ["et", "en"]


def test_a_fourth_language_is_one_line_plus_its_catalogs(project_copy):
    declaration = project_copy / "handbook.toml"
    text = declaration.read_text(encoding="utf-8")
    line = (
        '  { code = "fi", name = "Suomi", title = "Asiakaspalvelun käsikirja",'
        ' role = "translation", status = "draft" },\n'
    )
    head, closing, tail = text.rpartition("]\n")  # the end of the language list
    declaration.write_text(head + line + closing + tail, encoding="utf-8")

    update = run_handbook(project_copy, "update-po", "--langs", "fi")
    assert update.returncode == 0, update.output
    assert (
        project_copy / "locale" / "fi" / "LC_MESSAGES" / "stories" / "ahto-johannes.po"
    ).is_file()

    built = run_handbook(project_copy, "build", "--langs", "fi")
    assert built.returncode == 0, built.output
    html = project_copy / "_build" / "html"
    page = BeautifulSoup((html / "fi" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.html["lang"] == "fi"
    assert page.title.get_text().endswith("Asiakaspalvelun käsikirja")
    root = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "lxml")
    finnish = root.select_one('li[lang="fi"]')
    assert finnish.a.get_text() == "Suomi" and "(draft)" in finnish.get_text()
