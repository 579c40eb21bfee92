"""The handbook itself: complete pages in every language, the seed's people and
programmes everywhere, no untranslated leftovers, stories and principles linked."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from helpers import ROOT

CYRILLIC = re.compile("[\u0400-\u04ff]+")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
GENERATED = {"genindex.html", "search.html", "404.html"}  # 404: handbook/sphinxext/notfound.py
MIN_PAGES, MIN_WORDS = 15, 250

# What the seed article is about, as each language writes it (Estonian inflects names).
SEED_FACTS = {
    "ru": [r"Кай Камарик", r"Моник\w* Йыэ", r"Ахто Ильвес", r"Йоханнес", r"Типы друзей",
           r"Лиг\w* обслуживания", r"DISC", r"Tele2"],
    "et": [r"Kai Kamarik", r"Monica Jõe", r"Ahto Ilves", r"Johannes", r"Sõprade tüü[bp]",
           r"Teeninduse liiga", r"DISC", r"Tele2"],
    "en": [r"Kai Kamarik", r"Monica Jõe", r"Ahto Ilves", r"Johannes", r"Types of Friends",
           r"Service League", r"DISC", r"Tele2"],
}  # fmt: skip


def pages(html: Path, code: str) -> dict[str, BeautifulSoup]:
    found = {}
    for path in sorted((html / code).rglob("*.html")):
        name = str(path.relative_to(html / code))
        if name not in GENERATED:
            found[name] = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return found


def body_words(page: BeautifulSoup) -> int:
    article = page.select_one("article[role=main]")
    for anchor in article.select("a.headerlink"):
        anchor.decompose()
    return len(WORD.findall(article.get_text(" ")))


def visible_text(page: BeautifulSoup) -> str:
    """What a reader sees or hears, minus passages marked as Russian on purpose."""
    for tag in page(["script", "style"]):
        tag.decompose()
    for tag in page.select('[lang="ru"]'):
        tag.decompose()
    texts = [page.body.get_text(" "), page.title.get_text()]
    texts += [img.get("alt", "") for img in page.find_all("img")]
    return " ".join(texts)


@pytest.mark.parametrize("code", ["ru", "et", "en"])
def test_at_least_fifteen_written_pages_of_250_words(built_site, code):
    counts = {name: body_words(page) for name, page in pages(built_site.html, code).items()}
    long_enough = {name for name, words in counts.items() if words >= MIN_WORDS}
    assert len(long_enough) >= MIN_PAGES, counts
    assert set(counts) == long_enough, {n: w for n, w in counts.items() if w < MIN_WORDS}


@pytest.mark.parametrize("code", ["ru", "et", "en"])
def test_the_seed_people_and_programmes_appear_in_every_language(built_site, code):
    text = " ".join(p.get_text(" ") for p in pages(built_site.html, code).values())
    missing = [fact for fact in SEED_FACTS[code] if not re.search(fact, text)]
    assert missing == []


@pytest.mark.parametrize("code", ["et", "en"])
def test_translated_pages_have_no_russian_leftovers(built_site, code):
    leftovers = {}
    for name, page in pages(built_site.html, code).items():
        if words := CYRILLIC.findall(visible_text(page)):
            leftovers[name] = words[:8]
    assert leftovers == {}


@pytest.mark.parametrize("code", ["ru", "et", "en"])
def test_every_story_is_on_a_principle_page_and_every_principle_lists_one(built_site, code):
    html = built_site.html / code
    stories = {p.name for p in (html / "stories").glob("*.html") if p.name != "index.html"}
    listed = set()
    for principle in (html / "principles").glob("*.html"):
        if principle.name == "index.html":
            continue
        page = BeautifulSoup(principle.read_text(encoding="utf-8"), "lxml")
        links = [a["href"].rsplit("/", 1)[-1] for a in page.select("ul.principle-stories a")]
        assert links, f"{principle.name} lists no story"
        listed.update(links)
    assert stories and listed == stories


@pytest.mark.parametrize("code", ["et", "en"])
def test_catalogs_are_complete_and_nothing_is_fuzzy(declaration, code):
    problems = []
    for path in sorted((declaration.locale_dir / code / "LC_MESSAGES").rglob("*.po")):
        catalog = polib.pofile(str(path))
        where = path.relative_to(ROOT)
        problems += [f"{where}:{e.linenum}: untranslated" for e in catalog.untranslated_entries()]
        problems += [f"{where}:{e.linenum}: fuzzy" for e in catalog.fuzzy_entries()]
    assert problems == []


SEED_OVERLAP = ROOT.parent / "shared" / "tools" / "seed-overlap"


@pytest.mark.skipif(not SEED_OVERLAP.exists(), reason="../shared is not beside this checkout")
def test_no_sentence_is_copied_from_the_seed_article():
    done = subprocess.run(
        [sys.executable, str(SEED_OVERLAP), "docs", "locale"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout


# Each story is told in full once, on its own page; elsewhere a sentence and a link. These
# phrases carry the facts of each story (Russian sources) and must occur on that page only.
STORY_PHRASES = {
    "stories/kai-unbilled-help.md": [
        "помогли ему настроить оборудование",
        "ждал счёта именно за эту работу",
        "хотели заплатить за то, что для них хорошо сделали",
    ],
    "stories/monica-irritated-client.md": [
        "коллега направила раздражённого человека к Монике",
        "подобные вызовы ей по душе",
        "довольны остались оба участника",
    ],
    "stories/ahto-johannes.md": [
        "приходит к команде раз в месяц",
        "что появилось нового в мире технологий",
        "Со временем Йоханнес стал для команды настоящим другом",
    ],
    "stories/monica-lessons.md": [
        "кто здесь главный",
        "помог жить осознанно",
        "скорее удовольствие, чем обязанность",
    ],
    "stories/ahto-calling.md": [
        "душа у него поёт",
        "качество, которому нет цены и меры",
        "он вырос как личность",
    ],
}  # fmt: skip


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def test_every_story_is_told_in_full_on_its_own_page_only():
    docs = ROOT / "docs"
    sources = {
        str(p.relative_to(docs)): _plain(p.read_text(encoding="utf-8"))
        for p in sorted(docs.rglob("*.md"))
    }
    assert set(STORY_PHRASES) == {n for n in sources if n.startswith("stories/")} - {
        "stories/index.md"
    }
    problems = []
    for story, phrases in STORY_PHRASES.items():
        for phrase in map(_plain, phrases):
            if phrase not in sources[story]:
                problems.append(f"{story}: lost its phrase {phrase!r}")
            retold = [name for name, text in sources.items() if name != story and phrase in text]
            problems += [f"{name}: retells {story} ({phrase!r})" for name in retold]
    assert problems == []
