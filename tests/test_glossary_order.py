"""Each language's glossary is in its own alphabetical order, with headwords that stand out."""

from __future__ import annotations

from bs4 import BeautifulSoup

from handbook.sphinxext.glossary_order import sort_key


def _sorted(words: list[str], language: str) -> list[str]:
    return sorted(words, key=lambda word: sort_key(word, language))


def test_estonian_order_puts_s_caron_and_z_before_t_and_the_umlauts_after_w():
    words = ["õun", "tool", "zooloog", "šokk", "suvi", "ülikool", "ärkamine", "žürii", "xenon"]
    assert _sorted(words, "et") == [
        "suvi", "šokk", "zooloog", "žürii", "tool", "õun", "ärkamine", "ülikool", "xenon",
    ]  # fmt: skip


def test_russian_order_keeps_yo_after_ye_and_ignores_case_and_quotes():
    words = ["ёж", "«Типы друзей»", "Лига", "ель", "жук", "эмпатия"]
    assert _sorted(words, "ru") == ["ель", "ёж", "жук", "Лига", "«Типы друзей»", "эмпатия"]


def test_english_order_files_a_prefix_first():
    assert _sorted(["customer service", "Customer", "admitting"], "en") == [
        "admitting", "Customer", "customer service",
    ]  # fmt: skip


def test_every_built_glossary_is_in_its_languages_order(built_site):
    for code in ("ru", "et", "en"):
        page = BeautifulSoup(
            (built_site.html / code / "glossary.html").read_text(encoding="utf-8"), "lxml"
        )
        headwords = [dt.get_text().rstrip("¶").strip() for dt in page.select("dl.glossary > dt")]
        assert len(headwords) >= 10
        assert headwords == _sorted(headwords, code), code
    estonian = (built_site.html / "et" / "glossary.html").read_text(encoding="utf-8")
    assert estonian.index(">Sõprade tüübid<") < estonian.index(">Teeninduse liiga<")
