"""A synthetic handbook of any size, for measuring builds (and search) at scale.

``generate(folder, pages)`` writes a complete project: Russian MyST sources nested several
levels deep, complete Estonian and English catalogs, and the real project's ``conf.py``,
``handbook.toml``, interface catalogs and package, so it builds with every extension the
handbook uses. The text is machine-assembled from a small phrase bank that exists in all
three languages; every msgid Sphinx extracts has a translation (tests/test_bench.py checks
this with the gettext builder).
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import polib

from handbook import site

LANGS = ("ru", "et", "en")
TRANSLATIONS = ("et", "en")
PLURAL_FORMS = {
    "et": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
}

# (ru, et, en) — each sentence exists in all three languages.
SENTENCES = (
    (
        "Хороший разговор начинается с внимательного приветствия.",
        "Hea vestlus algab tähelepaneliku tervitusega.",
        "A good conversation starts with an attentive greeting.",
    ),
    (
        "Сотрудник сначала выслушивает вопрос до конца и только потом отвечает.",
        "Töötaja kuulab küsimuse esmalt lõpuni ja vastab alles siis.",
        "The employee first listens to the whole question and only then answers.",
    ),
    (
        "Короткое резюме помогает убедиться, что обе стороны поняли друг друга.",
        "Lühike kokkuvõte aitab veenduda, et mõlemad pooled said teineteisest aru.",
        "A short summary helps make sure that both sides understood each other.",
    ),
    (
        "Если ответа пока нет, честно назовите срок, к которому он появится.",
        "Kui vastust veel ei ole, nimetage ausalt tähtaeg, milleks see tuleb.",
        "If there is no answer yet, honestly name the date by which it will come.",
    ),
    (
        "Запись в системе избавляет коллег от лишних вопросов.",
        "Märge süsteemis säästab kolleege liigsetest küsimustest.",
        "A note in the system spares colleagues unnecessary questions.",
    ),
    (
        "Спокойный тон действует сильнее длинных объяснений.",
        "Rahulik toon mõjub tugevamalt kui pikad selgitused.",
        "A calm tone works better than long explanations.",
    ),
    (
        "Проверьте данные клиента, прежде чем менять настройки.",
        "Kontrollige kliendi andmeid enne seadete muutmist.",
        "Check the customer's details before changing any settings.",
    ),
    (
        "Простые слова понятнее профессиональных терминов.",
        "Lihtsad sõnad on arusaadavamad kui erialaterminid.",
        "Plain words are clearer than professional jargon.",
    ),
    (
        "После сложного звонка полезно сделать короткую паузу.",
        "Pärast rasket kõnet on kasulik teha lühike paus.",
        "After a difficult call it helps to take a short break.",
    ),
    (
        "Команда регулярно обсуждает случаи, которые вызвали затруднения.",
        "Meeskond arutab regulaarselt juhtumeid, mis tekitasid raskusi.",
        "The team regularly discusses cases that caused difficulties.",
    ),
    (
        "Обещание имеет смысл только тогда, когда его выполняют вовремя.",
        "Lubadusel on mõte ainult siis, kui see täidetakse õigel ajal.",
        "A promise only makes sense when it is kept on time.",
    ),
    (
        "Клиенту важно знать, что будет происходить дальше.",
        "Kliendile on oluline teada, mis edasi saab.",
        "It matters to the customer to know what happens next.",
    ),
    (
        "Вежливый отказ лучше, чем неопределённое обещание.",
        "Viisakas keeldumine on parem kui ebamäärane lubadus.",
        "A polite refusal is better than a vague promise.",
    ),
    (
        "Новые сотрудники учатся быстрее, когда рядом есть наставник.",
        "Uued töötajad õpivad kiiremini, kui kõrval on juhendaja.",
        "New employees learn faster when a mentor is nearby.",
    ),
    (
        "Хорошая инструкция отвечает на вопрос ещё до того, как его зададут.",
        "Hea juhend vastab küsimusele juba enne, kui see esitatakse.",
        "A good guide answers a question before it is even asked.",
    ),
    (
        "Повторите номер заказа вслух, чтобы избежать ошибки.",
        "Korrake tellimuse numbrit valjult, et vältida viga.",
        "Repeat the order number aloud to avoid a mistake.",
    ),
    (
        "Благодарность в конце разговора оставляет приятное впечатление.",
        "Tänusõnad vestluse lõpus jätavad meeldiva mulje.",
        "Thanks at the end of a conversation leave a pleasant impression.",
    ),
    (
        "Иногда лучший ответ — предложить перезвонить позже.",
        "Mõnikord on parim vastus pakkuda hiljem tagasi helistamist.",
        "Sometimes the best answer is to offer to call back later.",
    ),
)

TOPICS = (
    ("Приветствие", "Tervitus", "Greeting"),
    ("Уточняющие вопросы", "Täpsustavad küsimused", "Clarifying questions"),
    ("Сроки и обещания", "Tähtajad ja lubadused", "Deadlines and promises"),
    ("Записи в системе", "Märked süsteemis", "Notes in the system"),
    ("Настройка оборудования", "Seadmete seadistamine", "Setting up equipment"),
    ("Вопросы по счетам", "Arvetega seotud küsimused", "Billing questions"),
    ("Работа с жалобами", "Kaebustega tegelemine", "Handling complaints"),
    ("Передача обращения", "Pöördumise üleandmine", "Passing on a request"),
    ("Обучение новичков", "Uute töötajate väljaõpe", "Training newcomers"),
    ("Разговор в салоне", "Vestlus esinduses", "A conversation in the shop"),
    ("Звонок по телефону", "Telefonikõne", "A phone call"),
    ("Завершение разговора", "Vestluse lõpetamine", "Ending a conversation"),
)

# Index pages by depth: part, chapter, section.
LEVEL_NAMES = (
    ("Часть", "Osa", "Part"),
    ("Глава", "Peatükk", "Chapter"),
    ("Раздел", "Jaotis", "Section"),
)
TOPIC_WORD = ("тема", "teema", "topic")
HEADINGS = (
    ("know", ("Что важно знать", "Mida on oluline teada", "What matters")),
    ("act", ("Как действовать", "Kuidas toimida", "How to act")),
    ("related", ("Связанные страницы", "Seotud lehed", "Related pages")),
)
CONTENTS_CAPTION = ("Содержание", "Sisukord", "Contents")
REFERENCE_CAPTION = ("Справка", "Teatmik", "Reference")
GLOSSARY_TITLE = ("Глоссарий", "Sõnastik", "Glossary")
GLOSSARY_INTRO = (
    "Основные понятия, которые встречаются на страницах справочника.",
    "Põhimõisted, mis esinevad käsiraamatu lehtedel.",
    "The main terms that appear on the pages of the handbook.",
)
# (Russian term, its definition) in each language
TERMS = (
    (
        ("клиент", "klient", "customer"),
        (
            "Человек, который обращается к нам с вопросом или просьбой.",
            "Inimene, kes pöördub meie poole küsimuse või palvega.",
            "A person who comes to us with a question or a request.",
        ),
    ),
    (
        ("обращение", "pöördumine", "request"),
        (
            "Вопрос, просьба или жалоба клиента, которую мы ведём до решения.",
            "Kliendi küsimus, palve või kaebus, mida me lahenduseni ajame.",
            "A customer's question, request or complaint that we follow to a solution.",
        ),
    ),
    (
        ("наставник", "juhendaja", "mentor"),
        (
            "Опытный коллега, который помогает новичку в первые недели.",
            "Kogenud kolleeg, kes aitab uustulnukat esimestel nädalatel.",
            "An experienced colleague who helps a newcomer in the first weeks.",
        ),
    ),
)
RELATED = (
    "Подробнее о соседней теме — на странице {{ref}}`{other}`. Весь раздел описан на "
    "странице {{doc}}`index`. См. также термин {{term}}`{term}`.",
    "Naaberteemast lähemalt lehel {{ref}}`{other}`. Kogu jaotist kirjeldab leht "
    "{{doc}}`index`. Vaata ka mõistet {{term}}`{term_et} <{term}>`.",
    "More on a neighbouring topic on the page {{ref}}`{other}`. The whole section is "
    "described on the page {{doc}}`index`. See also the term {{term}}`{term_en} <{term}>`.",
)


@dataclass
class Page:
    docname: str
    label: str
    titles: tuple[str, str, str]
    children: list[Page] = field(default_factory=list)
    # msgid -> (et, en) for every message this page's catalog needs
    messages: dict[str, tuple[str, str]] = field(default_factory=dict)
    source: str = ""

    def say(self, texts: tuple[str, str, str]) -> str:
        """Record a Russian message with its translations; returns the Russian text."""
        self.messages[texts[0]] = (texts[1], texts[2])
        return texts[0]


def shape(pages: int) -> tuple[int, int]:
    """(index levels below the start page, fan-out): deep, but leaves are most pages."""
    for depth in (3, 2, 1):
        for fanout in (3, 2):
            indexes = sum(fanout**level for level in range(depth + 1))
            if indexes * 2 <= pages - 1:
                return depth, fanout
    return 0, 0


def generate(folder: Path, pages: int = 300, seed: int = 8) -> Path:
    """Write a synthetic handbook of ``pages`` pages (glossary included) into ``folder``.

    ``folder`` must not exist or be empty. Returns the project root (``folder``), which
    builds like the real handbook: ``python -m handbook build`` run inside it.
    """
    if pages < 3:
        raise ValueError("a synthetic handbook needs at least 3 pages")
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty")
    rng = random.Random(seed)
    tree = _outline(pages, rng)
    _write_project(folder)
    leaves = [page for page in _walk(tree) if not page.children and page.docname != "glossary"]
    for page in _walk(tree):
        if page.docname == "glossary":
            _glossary(page)
        elif page.children:
            _index_page(page, rng, top=page is tree)
        else:
            _leaf_page(page, rng, rng.choice(leaves))
        path = folder / "docs" / f"{page.docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.source, encoding="utf-8")
        for index, code in enumerate(TRANSLATIONS):
            _write_catalog(folder, code, page, index)
    return folder


def _outline(pages: int, rng: random.Random) -> Page:
    depth, fanout = shape(pages)
    root = Page("index", "start", ("Синтетический справочник", "Sünteetiline käsiraamat",
                                   "Synthetic handbook"))  # fmt: skip
    level = [root]
    for d in range(depth):
        nxt = []
        for parent in level:
            for i in range(1, fanout + 1):
                prefix = "" if parent is root else parent.docname.rsplit("/", 1)[0] + "/"
                number = f"{_number(parent)}{i}"
                names = LEVEL_NAMES[d]
                topic = rng.choice(TOPICS)
                titles = tuple(f"{names[k]} {number}. {topic[k]}" for k in range(3))
                docname = f"{prefix}{('part', 'chapter', 'section')[d]}-{i}/index"
                child = Page(docname, f"{('part', 'chapter', 'section')[d]}-{number}", titles)
                parent.children.append(child)
                nxt.append(child)
        level = nxt
    used = 1 + sum(fanout**d for d in range(1, depth + 1)) + 1  # + start page + glossary
    for n in range(pages - used):
        parent = level[n % len(level)]
        topic = TOPICS[n % len(TOPICS)]
        titles = tuple(f"{topic[k]}: {TOPIC_WORD[k]} {n + 1}" for k in range(3))
        folder = "" if parent is root else parent.docname.rsplit("/", 1)[0] + "/"
        parent.children.append(Page(f"{folder}page-{n + 1:04d}", f"page-{n + 1:04d}", titles))
    root.children.append(Page("glossary", "glossary", GLOSSARY_TITLE))
    return root


def _number(page: Page) -> str:
    if "-" not in page.label:
        return ""
    return page.label.split("-", 1)[1] + "."


def _walk(page: Page):
    yield page
    for child in page.children:
        yield from _walk(child)


def _paragraph(page: Page, rng: random.Random, sentences: int) -> str:
    chosen = rng.sample(SENTENCES, sentences)
    return page.say(tuple(" ".join(s[k] for s in chosen) for k in range(3)))


def _heading(page: Page, label: str, texts: tuple[str, str, str], level: int = 1) -> str:
    return f"({label})=\n{'#' * level} {page.say(texts)}\n"


def _toctree(page: Page, entries: list[str], caption=None, hidden=False) -> str:
    options = [":maxdepth: 2"]
    if caption:
        options.append(f":caption: {page.say(caption)}")
    if hidden:
        options.append(":hidden:")
    lines = "\n".join([*options, "", *entries])
    return f"```{{toctree}}\n{lines}\n```\n"


def _relative(page: Page, child: Page) -> str:
    base = page.docname.rsplit("/", 1)[0] + "/" if "/" in page.docname else ""
    return child.docname[len(base) :]


def _index_page(page: Page, rng: random.Random, top: bool) -> None:
    parts = [_heading(page, page.label, page.titles), _paragraph(page, rng, 3) + "\n"]
    contents = [_relative(page, c) for c in page.children if c.docname != "glossary"]
    parts.append(_toctree(page, contents, caption=CONTENTS_CAPTION if top else None))
    if top:  # the glossary sits in a hidden toctree of its own, with a caption
        parts.append(_toctree(page, ["glossary"], caption=REFERENCE_CAPTION, hidden=True))
    page.source = "\n".join(parts)


def _leaf_page(page: Page, rng: random.Random, other: Page) -> None:
    parts = [_heading(page, page.label, page.titles), _paragraph(page, rng, 3) + "\n"]
    for key, texts in HEADINGS:
        parts.append(_heading(page, f"{page.label}-{key}", texts, level=2))
        if key == "know":
            parts.append(_paragraph(page, rng, 4) + "\n")
            items = rng.sample(SENTENCES, 3)
            parts.append("\n".join(f"- {page.say(item)}" for item in items) + "\n")
        elif key == "act":
            parts.append(_paragraph(page, rng, 4) + "\n")
            parts.append(_paragraph(page, rng, 3) + "\n")
        else:
            term = rng.choice(TERMS)[0]
            values = {"other": other.label, "term": term[0], "term_et": term[1],
                      "term_en": term[2]}  # fmt: skip
            parts.append(page.say(tuple(t.format(**values) for t in RELATED)) + "\n")
    page.source = "\n".join(parts)


def _glossary(page: Page) -> None:
    entries = []
    for term, definition in TERMS:
        entries.append(f"{page.say(term)}\n  {page.say(definition)}\n")
    page.source = "\n".join(
        [
            _heading(page, page.label, page.titles),
            page.say(GLOSSARY_INTRO) + "\n",
            "```{glossary}\n" + "\n".join(entries) + "```\n",
        ]
    )


def _write_catalog(folder: Path, code: str, page: Page, index: int) -> None:
    catalog = polib.POFile(wrapwidth=79)
    catalog.metadata = {
        "Project-Id-Version": "Synthetic handbook",
        "Report-Msgid-Bugs-To": "",
        "PO-Revision-Date": "2026-01-01 00:00+0000",
        "Language": code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[code],
    }
    for msgid, translations in page.messages.items():
        catalog.append(polib.POEntry(msgid=msgid, msgstr=translations[index]))
    path = folder / "locale" / code / "LC_MESSAGES" / f"{page.docname}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))


def _write_project(folder: Path) -> None:
    """conf.py, handbook.toml and the interface catalogs of the real project."""
    real = site.find_root(Path(__file__).resolve().parent)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(real / "conf.py", folder / "conf.py")
    shutil.copy2(real / site.DECLARATION, folder / site.DECLARATION)
    # A copy of the package: conf.py names its files relative to the project (favicon,
    # templates), and Python imports it from the project folder first, so a benchmark runs
    # one version of the code from start to end even while the package is being edited.
    package = Path(__file__).resolve().parent.parent
    shutil.copytree(package, folder / "handbook", ignore=shutil.ignore_patterns("__pycache__"))
    real_pages = {p.stem for p in (real / "docs").glob("*.md")}
    for code in LANGS:
        source = real / "locale" / code / "LC_MESSAGES"
        target = folder / "locale" / code / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        for path in source.glob("*") if source.is_dir() else ():
            if path.is_file() and path.suffix != ".mo" and path.stem not in real_pages:
                shutil.copy2(path, target / path.name)
