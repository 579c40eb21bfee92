"""make offline (issue 16): a PDF and an EPUB of every language, linked from its pages, and
pages that print well. One offline build per session (conftest.offline_site); the PDFs are
read with poppler (pdftotext, pdffonts), the EPUBs checked with epubcheck."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import offline_build
from lxml import html as lxml_html

from handbook.links import crawl
from handbook.offline import book, links, names, system

CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")


@pytest.fixture(scope="session")
def checkers() -> None:
    """poppler-utils, epubcheck and Java: installed from Debian when missing."""
    system.ensure_check_packages()


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.decode("utf-8").split())


def copies(declaration, html: Path, code: str) -> tuple[Path, Path]:
    lang = declaration.language(code)
    return html / code / names.pdf_name(lang), html / code / names.epub_name(lang)


# -- names and links, without a build ---------------------------------------------------------


def test_file_names_are_readable_ascii_slugs_of_the_titles(declaration):
    assert [names.pdf_name(lang) for lang in declaration.languages] == [
        "spravochnik-po-obsluzhivaniyu-klientov.pdf",
        "klienditeeninduse-kasiraamat.pdf",
        "customer-service-handbook.pdf",
    ]
    assert names.slug("Объявление: Ёлка & «Друзья»") == "obyavlenie-elka-druzya"


def test_plain_html_build_links_no_copies(built_site):
    pages = list(built_site.html.rglob("*.html"))
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "offline-copies" not in text, path
        assert not re.search(r'href="[^"]*\.(pdf|epub)"', text), path


def test_links_follow_the_files(built_site, declaration, tmp_path):
    folder = tmp_path / "html"
    shutil.copytree(built_site.html / "et", folder / "et")
    pdf, epub = copies(declaration, folder, "et")
    pdf.write_bytes(b"%PDF")
    epub.write_bytes(b"PK")
    rewritten = links.reconcile(declaration, folder, ["et"])
    assert len(rewritten) == len(list((folder / "et").rglob("*.html")))
    start = (folder / "et" / "index.html").read_text(encoding="utf-8")
    assert start.count(f'href="{pdf.name}"') == 2  # top of the article and footer
    assert f'href="../{epub.name}"' in (folder / "et" / "guides" / "handover.html").read_text()
    assert f'href="/et/{pdf.name}"' in (folder / "et" / "404.html").read_text()
    assert "Laadi alla" in start
    assert links.reconcile(declaration, folder, ["et"]) == []  # already right: nothing written
    pdf.unlink()
    links.reconcile(declaration, folder, ["et"])
    for path in (folder / "et").rglob("*.html"):
        assert "offline-copies" not in path.read_text(encoding="utf-8"), path


# -- the offline build ------------------------------------------------------------------------


def test_offline_build_links_both_files_from_every_start_page(offline_site, declaration):
    assert "published" in offline_site.run.output
    for lang in declaration.languages:
        pdf, epub = copies(declaration, offline_site.html, lang.code)
        assert pdf.stat().st_size > 10_000 and epub.stat().st_size > 10_000
        start = lxml_html.parse(str(offline_site.html / lang.code / "index.html"))
        hrefs = start.xpath(
            '//article/preceding-sibling::p[@class="offline-copies offline-copies-start"]//a/@href'
        )
        assert hrefs == [pdf.name, epub.name]
        footer = start.xpath('//footer//div[@class="offline-copies"]//a/@href')
        assert footer == [pdf.name, epub.name]
    assert crawl.crawl(offline_site.html, declaration.base_url) == []


def test_offline_build_is_skipped_when_nothing_changed(offline_site):
    done = subprocess.run(
        [sys.executable, "-m", "handbook", "--builddir", str(offline_site.builddir), "offline"],
        cwd=offline_site.project,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "up to date ru · et · en" in done.stdout


def test_a_failed_copy_publishes_nothing(offline_site, tmp_path):
    """English's EPUB cannot be written (a file stands where Sphinx writes it): the build
    fails and the published site stays exactly as it was, file for file."""
    builddir = tmp_path / "build"
    shutil.copytree(offline_site.builddir, builddir, symlinks=True)
    record = builddir / "offline" / "fingerprints.json"
    recorded = json.loads(record.read_text())
    del recorded["published"]["en"]  # as if English's copies were never made
    record.write_text(json.dumps(recorded))
    blocked = builddir / "offline" / "epub" / "en"
    shutil.rmtree(blocked)
    blocked.write_text("in the way")

    def published() -> dict:
        html = builddir / "html"
        return {str(p.relative_to(html)): p.stat().st_ino for p in html.rglob("*") if p.is_file()}

    before = published()
    done = subprocess.run(
        [sys.executable, "-m", "handbook", "--builddir", str(builddir), "offline"],
        cwd=offline_site.project,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAILED [en]" in done.stderr and "nothing published" in done.stderr
    assert published() == before


def test_pdf_holds_every_page_in_its_language_with_embedded_fonts(
    offline_site, declaration, checkers
):
    names_of_languages = {lang.name for lang in declaration.languages}
    for lang in declaration.languages:
        pdf, _ = copies(declaration, offline_site.html, lang.code)
        text = pdf_text(pdf)
        titles = [page.title for page in book.contents(offline_site.html / lang.code)]
        assert len(titles) > 20
        missing = [title for title in titles if " ".join(title.split()) not in text]
        assert missing == [], f"{lang.code}: page titles not in the PDF"
        assert lang.title in text
        if not lang.is_source:
            cyrillic = set(CYRILLIC_WORD.findall(text)) - names_of_languages
            assert cyrillic == set(), f"{lang.code}: Russian words in the PDF"
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows, fonts
        for row in rows:
            embedded = row.split()[-5]  # name type encoding emb sub uni object ID
            assert embedded == "yes", f"{lang.code}: font not embedded: {row}"
    et_pdf, _ = copies(declaration, offline_site.html, "et")
    assert "Sisukord" in pdf_text(et_pdf)  # the contents' heading in the language


def test_pdf_links_between_pages_lead_inside_the_pdf(offline_site, declaration, checkers):
    """{doc}, {ref} and glossary terms: links to pages of the PDF itself (poppler draws them
    as href="<file>.html#<page number>")."""
    for lang in declaration.languages:
        pdf, _ = copies(declaration, offline_site.html, lang.code)
        xml = subprocess.run(
            ["pdftohtml", "-xml", "-i", "-stdout", str(pdf)], capture_output=True, text=True
        ).stdout
        pages = int(re.findall(r'<page number="(\d+)"', xml)[-1])
        targets = [int(n) for n in re.findall(r'<a href="[^"#]*\.html#(\d+)"', xml)]
        assert len(targets) > 50, lang.code
        assert all(1 <= n <= pages for n in targets)
        assert len(set(targets)) > 15, lang.code  # the contents and cross-references


def test_epubcheck_reports_no_error(offline_site, declaration, checkers):
    for lang in declaration.languages:
        _, epub = copies(declaration, offline_site.html, lang.code)
        done = subprocess.run(
            [*system.EPUBCHECK, str(epub)],
            capture_output=True,
            text=True,
        )
        report = done.stdout + done.stderr
        assert done.returncode == 0 and "0 errors" in report, report
        with zipfile.ZipFile(epub) as archive:
            files = archive.namelist()
            opf = archive.read("content.opf").decode("utf-8")
        assert files[0] == "mimetype"
        assert f"<dc:title>{lang.title}</dc:title>" in opf
        assert f"<dc:language>{lang.code}</dc:language>" in opf
        assert "_static/handbook.css" in files
        assert "translators.xhtml" not in files and "translation-status.xhtml" not in files


def test_two_offline_builds_give_the_same_bytes(offline_site, built_site, declaration, tmp_path):
    builddir = tmp_path / "build"
    run = offline_build(built_site, builddir)
    assert run.returncode == 0, run.output
    for lang in declaration.languages:
        for first, second in zip(
            copies(declaration, offline_site.html, lang.code),
            copies(declaration, builddir / "html", lang.code),
            strict=True,
        ):
            assert first.read_bytes() == second.read_bytes(), second.name


def test_pdf_shows_the_translation_notice_of_a_partly_translated_page(
    altered_site, declaration, checkers, tmp_path
):
    """The PDF alone (python -m handbook.offline.pdf, as make offline runs it), made from the
    altered site's Estonian pages, one of which is partly translated."""
    pdf, pages = tmp_path / "et.pdf", altered_site.html.parent / "work" / "et"
    done = subprocess.run(
        [sys.executable, "-m", "handbook.offline.pdf", "et", str(pages), str(pdf)],
        cwd=altered_site.project,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    page, _msgid = altered_site.changed["et"]
    web = lxml_html.parse(str(altered_site.html / "et" / f"{page}.html"))
    notice = web.xpath('//aside[contains(@class, "translation-notice")]')[0]
    text = pdf_text(pdf)
    assert " ".join(notice.text_content().split()) in text
    assert CYRILLIC_WORD.search(text)  # the passage still in Russian, as on the web page


# -- printing a web page ----------------------------------------------------------------------


def test_printing_a_page_gives_the_article_only(built_site, site_url, page, checkers, tmp_path):
    path = "et/guides/handover.html"
    web = lxml_html.parse(str(built_site.html / path))
    article_text = " ".join(web.xpath("//article")[0].text_content().split())
    skip = " ".join(web.xpath('//a[contains(@class, "skip-to-content")]')[0].text_content().split())
    sidebar_only = [
        " ".join(a.text_content().split())
        for a in web.xpath('//div[@class="sidebar-tree"]//a')
        if " ".join(a.text_content().split()) not in article_text
    ]
    assert sidebar_only
    page.goto(site_url + path)
    # an external link in the article: its address must be printed after it
    page.evaluate(
        """() => { const a = document.createElement('a');
        a.className = 'reference external'; a.href = 'https://example.org/printed-target';
        a.textContent = 'näide'; document.querySelector('article p').append(' ', a); }"""
    )
    printed = tmp_path / "page.pdf"
    printed.write_bytes(page.pdf())
    text = pdf_text(printed)
    assert skip not in text
    assert [title for title in sidebar_only if title in text] == []
    assert "Русский" not in text  # the language switcher
    # (word-break: break-all may wrap the address anywhere: compare without line breaks)
    assert "https://example.org/printed-target" in "".join(text.split())
    assert web.xpath("//article//h1")[0].text_content().strip("¶ ") in text
