"""The real handbook builds in every language, and a failure publishes nothing."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from helpers import run_handbook

CYRILLIC = re.compile("[\u0400-\u04ff]")


def page(html: Path, code: str, name: str) -> BeautifulSoup:
    return BeautifulSoup((html / code / name).read_text(encoding="utf-8"), "lxml")


def test_every_language_builds_without_a_single_warning(built_site, declaration):
    for lang in declaration.languages:
        assert (built_site.html / lang.code / "index.html").is_file()
    assert "WARNING" not in built_site.run.output
    assert "ERROR" not in built_site.run.output


def test_terminal_shows_progress_and_the_time_of_each_language(built_site, declaration):
    output = built_site.run.output
    for lang in declaration.languages:
        assert f"[{lang.code}] reading sources" in output
        assert f"[{lang.code}] writing output 100 %" in output
    final = output.strip().splitlines()[-1]
    assert re.fullmatch(r"built (\w+ \d+\.\d s)( · \w+ \d+\.\d s)* — published .*html", final)


def test_html_lang_matches_the_language(built_site, declaration):
    for lang in declaration.languages:
        for name in ("index.html", "principles/humanity.html", "stories/ahto-johannes.html"):
            assert page(built_site.html, lang.code, name).html["lang"] == lang.code


def test_translations_really_are_used(built_site):
    # Guards the silent locale_dirs trap: a wrong path builds Russian pages with exit 0.
    titles = {
        code: page(built_site.html, code, "principles/humanity.html").find("h1").get_text()
        for code in ("ru", "et", "en")
    }
    assert CYRILLIC.search(titles["ru"])
    assert not CYRILLIC.search(titles["et"]) and "sõber" in titles["et"].lower()
    assert not CYRILLIC.search(titles["en"]) and "friend" in titles["en"].lower()


def test_the_page_title_is_in_the_language_of_the_page(built_site, declaration):
    for lang in declaration.languages:
        title = page(built_site.html, lang.code, "index.html").title.get_text()
        assert title.endswith(lang.title)


def test_root_page_lists_the_languages_in_their_own_names(built_site, declaration):
    root = BeautifulSoup((built_site.html / "index.html").read_text(encoding="utf-8"), "lxml")
    links = {a["hreflang"]: (a.get_text(), a["href"]) for a in root.select("ul.languages a")}
    assert links == {
        lang.code: (lang.name, f"{lang.code}/index.html") for lang in declaration.languages
    }


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_broken_reference_fails_names_file_and_line_and_publishes_nothing(project_copy):
    first = run_handbook(project_copy, "build", "--langs", "ru")
    assert first.returncode == 0, first.output
    published = snapshot(project_copy / "_build" / "html")

    guide = project_copy / "docs" / "guides" / "handover.md"
    lines = guide.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "\nСм. {ref}`no-such-label`.\n")
    guide.write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken_line = next(
        i for i, text in enumerate(guide.read_text().splitlines(), 1) if "no-such-label" in text
    )

    failed = run_handbook(project_copy, "build", "--langs", "ru et")
    assert failed.returncode == 1
    assert (
        f"docs/guides/handover.md:{broken_line}: undefined label: 'no-such-label'" in failed.output
    )
    assert "FAILED [ru]" in failed.output and "FAILED [et]" in failed.output
    assert "nothing published, the previous site is untouched" in failed.output
    assert snapshot(project_copy / "_build" / "html") == published


def test_an_unknown_language_is_refused_before_building(project_copy):
    run = run_handbook(project_copy, "build", "--langs", "xx")
    assert run.returncode == 2
    assert "unknown language 'xx': handbook.toml declares ru, et, en" in run.output
