"""How well the search page finds what readers type: recall@5, measured in real Chromium.

The queries and the pages each must find are in ``handbook/search/queries.toml``. Every
query is typed into the search box of a built site's ``search.html`` and submitted, as a
reader does; the first five results Sphinx shows are compared with the expected pages.
``make search-eval`` (``run``) builds the handbook three ways — this project, Snowball only
(Estonian), stock Sphinx (Estonian falls back to the English stemmer) — and prints recall@5
per language side by side; the tests run ``evaluate`` on the session's build.

recall@5 of a language is the mean, over its queries, of the share of a query's expected
pages among its first five results.
"""

from __future__ import annotations

import gzip
import re
import time
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from handbook.findings import Finding
from handbook.search.analysis import split

QUERIES = Path(__file__).resolve().parent / "queries.toml"
TOP = 5

# Sphinx's search has finished when its heading loses the pulsing dots: _finishSearch
# replaces "Searching…" with "Search Results". (Its "found N pages" line comes next and may
# be missing or broken in some languages; Search._pulse_status is no signal either: the
# pending pulse timer sets it again after the end.)
_DONE = """() => {
  const results = document.getElementById("search-results");
  return results !== null && results.querySelector("ul.search") !== null
    && results.querySelector("h2") !== null && results.querySelector("h2 span") === null;
}"""
_RESULTS = "#search-results ul.search > li > a"


class QuerySetError(ValueError):
    """The query file says something the evaluation cannot use."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(str(f) for f in findings))
        self.findings = findings


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    pages: tuple[str, ...]
    unseen: bool = False
    line: int = 0  # in the query file, for messages


def load(path: Path = QUERIES) -> list[Query]:
    """The evaluation set; a malformed entry fails with ``path:LINE: message``."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None) or _line_from(str(error))
        raise QuerySetError([Finding(str(path), line, f"not valid TOML: {error}")]) from None
    lines = text.splitlines()
    queries, problems = [], []
    for lang, entries in data.items():
        if not isinstance(entries, list):
            problems.append(Finding(str(path), None, f"{lang!r}: expected [[{lang}]] entries"))
            continue
        for entry in entries:
            query = entry.get("query")
            line = _line_of(lines, query) if isinstance(query, str) else None
            pages = entry.get("pages")
            unknown = sorted(set(entry) - {"query", "pages", "unseen"})
            if not isinstance(query, str) or not split(query):
                problems.append(Finding(str(path), line, f"[[{lang}]]: 'query' must be words"))
            elif (
                not isinstance(pages, list)
                or not pages
                or not all(isinstance(p, str) and p for p in pages)
            ):
                problems.append(Finding(str(path), line, f"{query!r}: 'pages' must list docnames"))
            elif not isinstance(entry.get("unseen", False), bool):
                problems.append(Finding(str(path), line, f"{query!r}: 'unseen' is true/false"))
            elif unknown:
                problems.append(Finding(str(path), line, f"{query!r}: unknown {unknown}"))
            else:
                unseen = entry.get("unseen", False)
                queries.append(Query(lang, query, tuple(pages), unseen, line or 0))
    if problems:
        raise QuerySetError(problems)
    return queries


def _line_of(lines: list[str], query: str) -> int | None:
    for number, line in enumerate(lines, 1):
        if line.strip().startswith("query") and query in line:
            return number
    return None


def _line_from(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def page_words(html: Path) -> set[str]:
    """Every word form, lower-cased, in the main content of the built pages of one
    language (``html/<lang>``): what "appears in the handbook's text" means here."""
    from bs4 import BeautifulSoup

    words: set[str] = set()
    for page in html.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        main = soup.select_one('[role="main"]')
        if main is not None:
            words.update(word.lower() for word in split(main.get_text(" ")))
    return words


@dataclass
class Outcome:
    query: Query
    results: list[str]  # docnames, in the order shown
    seconds: float  # from pressing Enter to the complete result list
    first_seconds: float  # from pressing Enter to the first result shown

    @property
    def found(self) -> list[str]:
        top = self.results[:TOP]
        return [page for page in self.query.pages if page in top]

    @property
    def recall(self) -> float:
        return len(self.found) / len(self.query.pages)


def search(page, search_url: str, text: str) -> tuple[list[str], float, float]:
    """Type ``text`` into the search box of ``search_url`` and press Enter; the docnames
    of the results and the seconds until the first and the last of them showed."""
    if urlsplit(page.url)._replace(query="", fragment="").geturl() != search_url:
        page.goto(search_url)  # else: the box of the previous results page will do
    box = page.locator('input[name="q"]').first
    box.fill(text)
    with page.expect_navigation():
        started = time.perf_counter()
        box.press("Enter")
    page.wait_for_function(
        f"() => ({_DONE})() || document.querySelector({_RESULTS!r}) !== null", polling=5
    )
    first = time.perf_counter() - started
    page.wait_for_function(_DONE, polling=5)
    seconds = time.perf_counter() - started
    hrefs = page.eval_on_selector_all(_RESULTS, "links => links.map(a => a.getAttribute('href'))")
    return [_docname(href) for href in hrefs], first, seconds


def _docname(href: str) -> str:
    path = urlsplit(href).path
    return path.removesuffix(".html")


def evaluate(page, base_url: str, queries: Iterable[Query]) -> list[Outcome]:
    """Run every query on the site served at ``base_url`` (the folder holding <lang>/)."""
    outcomes = []
    for query in queries:
        results, first, seconds = search(page, f"{base_url}{query.lang}/search.html", query.text)
        outcomes.append(Outcome(query, results, seconds, first))
    return outcomes


def recall(outcomes: Sequence[Outcome]) -> float:
    return sum(o.recall for o in outcomes) / len(outcomes) if outcomes else 0.0


# -- make search-eval -------------------------------------------------------------------

VARIANTS = {
    # name: (heading, handbook_search mode, languages it differs in (None: all))
    "stock": ("stock Sphinx", "stock", None),
    "stems": ("Snowball only", "stems", ("et",)),
    "ours": ("this project", "lemmas", None),
}


@dataclass
class Measured:
    outcomes: dict[str, dict[str, list[Outcome]]]  # variant -> lang -> outcomes
    index_bytes: dict[str, dict[str, tuple[int, int]]]  # variant -> lang -> (raw, gzip)


def measure(
    site, builddir: Path, codes: Sequence[str], say: Callable[[str], None] = print
) -> Measured:
    """Build each variant into ``builddir/<variant>`` and run the queries on it."""
    from playwright.sync_api import sync_playwright

    from handbook.build import run as builder
    from handbook.dev.browser import CHROMIUM_ARGS, ensure_chromium, serve

    queries = [q for q in load() if q.lang in codes]
    folders = {}
    for name, (heading, mode, only) in VARIANTS.items():
        langs = [c for c in codes if only is None or c in only]
        if not langs:
            continue
        say(f"building {heading} ({', '.join(langs)}) …")
        done = builder.build(site, langs, builddir / name, extra=["-D", f"handbook_search={mode}"])
        if not done.ok:
            for line in builder.summary(done):
                say(line)
            raise SystemExit(1)
        folders[name] = (builddir / name / "html", langs)

    measured = Measured({}, {})
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(ensure_chromium()), headless=True, args=CHROMIUM_ARGS
        )
        for name, (html, langs) in folders.items():
            say(f"searching {VARIANTS[name][0]} …")
            page = browser.new_page()
            with serve(html) as url:
                page.goto(f"{url}{langs[0]}/search.html")  # warm the browser up
                outcomes = evaluate(page, url, [q for q in queries if q.lang in langs])
            page.close()
            measured.outcomes[name] = {
                lang: [o for o in outcomes if o.query.lang == lang] for lang in langs
            }
            measured.index_bytes[name] = {lang: _index_size(html / lang) for lang in langs}
        browser.close()
    return measured


def _index_size(folder: Path) -> tuple[int, int]:
    data = (folder / "searchindex.js").read_bytes()
    return len(data), len(gzip.compress(data))


def _percent(outcomes: Sequence[Outcome]) -> str:
    return f"{recall(outcomes) * 100:.0f} %" if outcomes else "–"


def report(measured: Measured, codes: Sequence[str]) -> list[str]:
    """The table ``make search-eval`` prints."""
    names = [n for n in VARIANTS if n in measured.outcomes]
    lines = [
        f"recall@{TOP}: the share of expected pages among the first {TOP} results, "
        "queries typed into search.html in Chromium",
        f"(overall · queries in forms absent from the handbook's text; {QUERIES.name})",
        "",
        "| language | queries | " + " | ".join(VARIANTS[n][0] for n in names) + " |",
        "| --- | ---: | " + " | ".join("---:" for _ in names) + " |",
    ]
    for lang in codes:
        some = next(measured.outcomes[n][lang] for n in names if lang in measured.outcomes[n])
        unseen = sum(o.query.unseen for o in some)
        cells = []
        for name in names:
            outcomes = measured.outcomes[name].get(lang)
            if outcomes is None:
                cells.append("= stock")
                continue
            hidden = [o for o in outcomes if o.query.unseen]
            cells.append(f"{_percent(outcomes)} · {_percent(hidden)}")
        lines.append(f"| {lang} | {len(some)} ({unseen} unseen) | " + " | ".join(cells) + " |")
    lines += ["", "search data per search page (searchindex.js, raw / gzip):"]
    for lang in codes:
        sizes = []
        for name in names:
            if lang in measured.index_bytes[name]:
                raw, packed = measured.index_bytes[name][lang]
                sizes.append(f"{VARIANTS[name][0]} {raw / 1024:.0f} / {packed / 1024:.0f} KB")
        lines.append(f"  {lang}: " + " · ".join(sizes))
    for name in names:
        outcomes = measured.outcomes[name]
        misses = [o for lang in codes for o in outcomes.get(lang, []) if o.recall < 1]
        if misses:
            lines += ["", f"not in the first {TOP} results, {VARIANTS[name][0]}:"]
        for o in misses:
            missing = ", ".join(p for p in o.query.pages if p not in o.found)
            shown = ", ".join(o.results[:TOP]) or "no results"
            lines.append(f"  [{o.query.lang}] {o.query.text!r} → {missing} (shown: {shown})")
    ours = measured.outcomes.get("ours", {})
    times = [o.seconds for lang in codes for o in ours.get(lang, [])]
    if times:
        times.sort()
        median, slowest = times[len(times) // 2] * 1000, times[-1] * 1000
        lines += [
            "",
            f"this project, Enter → complete result list: median {median:.0f} ms, slowest "
            f"{slowest:.0f} ms ({len(times)} queries, loading the search page included)",
        ]
    return lines


# -- make search-bench ------------------------------------------------------------------

# Forms of the synthetic handbook's words (handbook/dev/synthetic.py's phrase bank), mostly
# forms its text does not use: each query goes through the lemma table.
BENCH_QUERIES = {
    "ru": ("разговорами", "коллегам", "обещаниями", "вопросов клиента", "паузами"),
    "et": ("vestlustega", "kolleegidele", "lubadustest", "kliendi küsimused", "pausidest"),
    "en": ("conversations", "colleague", "promised", "customer questions", "breaks"),
}


def bench(pages: int, folder: Path, say: Callable[[str], None] = print) -> list[str]:
    """Time the search page of a synthetic handbook of ``pages`` pages per language, built
    by stock Sphinx and by this project: from pressing Enter to the first result shown and
    to the complete list (the search page's own loading included, as a reader waits for
    it). Reported, never asserted."""
    from playwright.sync_api import sync_playwright

    from handbook import site
    from handbook.build import run as builder
    from handbook.dev.browser import CHROMIUM_ARGS, ensure_chromium, serve
    from handbook.dev.synthetic import generate

    say(f"generating a synthetic handbook of {pages} pages per language …")
    declaration = site.load(generate(folder / "handbook", pages))
    codes = [lang.code for lang in declaration.languages if lang.code in BENCH_QUERIES]
    variants = {name: VARIANTS[name] for name in ("stock", "ours")}
    for name, (heading, mode, _) in variants.items():
        say(f"building {', '.join(codes)} with {heading} …")
        started = time.perf_counter()
        done = builder.build(
            declaration, codes, folder / name, extra=["-D", f"handbook_search={mode}"]
        )
        if not done.ok:
            raise SystemExit("\n".join(builder.summary(done)))
        say(f"  built in {time.perf_counter() - started:.0f} s")
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(ensure_chromium()), headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        for lang in codes:
            for name, (heading, _, _) in variants.items():
                say(f"searching {lang}, {heading} …")
                html = folder / name / "html"
                with serve(html) as url:
                    search_url = f"{url}{lang}/search.html"
                    page.goto(search_url)  # the first load warms the browser's cache
                    timings = [search(page, search_url, q) for q in BENCH_QUERIES[lang] * 2]
                first = sorted(t[1] for t in timings)
                complete = sorted(t[2] for t in timings)
                found = sorted(len(t[0]) for t in timings)
                raw, packed = _index_size(html / lang)
                rows.append(
                    f"| {lang} | {heading} | {_ms(first[len(first) // 2])} | {_ms(first[-1])} "
                    f"| {_ms(complete[len(complete) // 2])} | {_ms(complete[-1])} "
                    f"| {found[0]}–{found[-1]} | {raw / 1024:.0f} / {packed / 1024:.0f} KB |"
                )
        browser.close()
    return [
        f"search on a synthetic handbook of {pages} pages per language (Chromium, headless; "
        f"{len(BENCH_QUERIES['et'])} queries per language, each typed and submitted twice)",
        "",
        "| language | built by | first result, median | slowest | complete list, median "
        "| slowest | results | searchindex.js raw / gzip |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
        "From pressing Enter: the search page loads (its index included), the query is "
        "analysed, Sphinx shows the results one by one (every 5 ms, each fetching its page "
        "for the snippet). Target for the first result: under 300 ms.",
    ]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"
