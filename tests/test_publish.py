"""Publishing swaps in a new _build/html without ever sharing files with Sphinx's
working folders (which Sphinx overwrites in place on the next build)."""

from __future__ import annotations

from pathlib import Path

from handbook.build import publish
from handbook.site import Language, Site


def make_site(root: Path) -> Site:
    langs = (
        Language("ru", "Русский", "Справочник", "source", "release"),
        Language("et", "Eesti", "Käsiraamat", "translation", "draft"),
    )
    return Site(root, "https://x.test/", "", "main", langs)


def work_tree(builddir: Path, code: str, pages: dict[str, str]) -> None:
    for name, text in pages.items():
        path = builddir / "work" / code / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_published_files_never_share_an_inode_with_working_files(tmp_path):
    site = make_site(tmp_path)
    work_tree(tmp_path, "ru", {"index.html": "ru", "_static/a.css": "css"})
    live = publish.publish(site, tmp_path, ["ru"])
    published = inodes(live / "ru")
    working = inodes(tmp_path / "work" / "ru")
    assert set(published) == set(working) == {"index.html", "_static/a.css"}
    assert all(published[name] != working[name] for name in published)
    # what Sphinx does on the next build: write the working file in place
    (tmp_path / "work" / "ru" / "index.html").write_text("half-written", encoding="utf-8")
    assert (live / "ru" / "index.html").read_text(encoding="utf-8") == "ru"


def test_unchanged_files_are_linked_from_the_previous_publication(tmp_path):
    site = make_site(tmp_path)
    work_tree(tmp_path, "ru", {"index.html": "ru", "page.html": "old"})
    live = publish.publish(site, tmp_path, ["ru"])
    before = inodes(live / "ru")
    work_tree(tmp_path, "ru", {"page.html": "new text"})
    publish.publish(site, tmp_path, ["ru"])
    after = inodes(live / "ru")
    assert after["index.html"] == before["index.html"]  # unchanged: a link, no copy
    assert after["page.html"] != before["page.html"]
    assert (live / "ru" / "page.html").read_text(encoding="utf-8") == "new text"


def test_publishing_one_language_keeps_the_others_and_lists_them(tmp_path):
    site = make_site(tmp_path)
    work_tree(tmp_path, "ru", {"index.html": "ru"})
    work_tree(tmp_path, "et", {"index.html": "et v1"})
    live = publish.publish(site, tmp_path, ["ru", "et"])
    work_tree(tmp_path, "et", {"index.html": "et v2"})
    work_tree(tmp_path, "ru", {"index.html": "ru, rebuilt but not published"})
    publish.publish(site, tmp_path, ["et"])
    assert (live / "et" / "index.html").read_text(encoding="utf-8") == "et v2"
    assert (live / "ru" / "index.html").read_text(encoding="utf-8") == "ru"
    landing = (live / "index.html").read_text(encoding="utf-8")
    assert '<a href="ru/index.html" hreflang="ru" class="language-button">Русский</a>' in landing
    assert '<a href="et/index.html" hreflang="et" class="language-button">Eesti</a>' in landing
    assert "(draft)" in landing  # et is declared as a draft
    assert not (tmp_path / ".html-staging").exists()
