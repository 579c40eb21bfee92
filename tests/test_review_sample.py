"""The review sample (design/language-quality.md): words a reader sees, per page, and a
seeded draw of whole pages that reaches the target and is the same every time."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_checks import HEADER, Project, quoted

from handbook.catalogs.review_sample import page_words, sample


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = Project(tmp_path)
    for index in range(6):
        entries = "".join(
            f"msgid {quoted(f'Текст {index} {n}')}\nmsgstr {quoted('Üks kaks kolm neli.')}\n\n"
            for n in range(index + 1)
        )
        project.write("et", f"pages/p{index}", HEADER.format(code="et") + entries)
    project.write("et", "handbook", HEADER.format(code="et") + 'msgid "Page"\nmsgstr "Leht"\n')
    return project


def test_words_are_what_readers_see_on_each_page(project):
    project.page(
        "Смотрите {ref}`guide-x` и `make check`.",
        "Vaadake juhendit {ref}`guide-x` ja `make check`.",
    )
    counts = page_words(project.site, "et")
    assert counts["page"] == 3  # "Vaadake juhendit ja": no label, no code
    assert counts["pages/p2"] == 12
    assert "handbook" not in counts  # interface words are not a page


def test_the_sample_is_whole_pages_reaching_the_target_the_same_for_a_seed(project):
    first = sample(project.site, "et", words=30, seed=7)
    assert sum(first.values()) >= 30
    assert sample(project.site, "et", words=30, seed=7) == first
    assert sample(project.site, "et") == page_words(project.site, "et")  # every page
    assert sample(project.site, "et", words=10_000, seed=1) == page_words(project.site, "et")
