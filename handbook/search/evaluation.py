"""How well the search finds what readers type: recall@5 and MRR, measured in Chromium.

Two query sets: ``queries.toml`` (the tuning set) and ``queries-held-out.toml`` (never tuned
on; only its aggregate is looked at). Every query is typed into the search box of a built
site's ``search.html`` and submitted, as a reader does; the first five results shown are
compared with the expected pages. ``make search-eval`` (``measure``) builds the handbook
twice — this project and stock Sphinx — indexes this project's built pages' ``<article>``
with Pagefind (the static-site search to beat), runs both sets on all three in one
Chromium, and prints recall@5, MRR and latency per language side by side; the tests run
``evaluate`` on the session's build.

recall@5 of a language is the mean, over its queries, of the share of a query's expected
pages among its first five results; MRR the mean of 1 / the rank of the first expected page
(0 when none is in the first ten).
"""

from __future__ import annotations

import gzip
import math
import re
import sys
import time
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from handbook.findings import Finding
from handbook.search.analysis import split

QUERIES = Path(__file__).resolve().parent / "queries.toml"
HELD_OUT = Path(__file__).resolve().parent / "queries-held-out.toml"
TOP = 5
MRR_DEPTH = 10
# what makes a query hard; "form": an inflected form of the handbook's own word
KINDS = ("form", "derived", "phrase", "reader", "comparative", "compound")

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
    kinds: tuple[str, ...] = ("form",)
    held_out: bool = False  # from queries-held-out.toml: looked at in aggregate only


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
            unknown = sorted(set(entry) - {"query", "pages", "unseen", "kind"})
            kinds = entry.get("kind", ["form"])
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
            elif not isinstance(kinds, list) or not kinds or not set(kinds) <= set(KINDS):
                problems.append(
                    Finding(str(path), line, f"{query!r}: 'kind' lists some of {', '.join(KINDS)}")
                )
            else:
                unseen = entry.get("unseen", False)
                held = path.resolve() == HELD_OUT
                queries.append(
                    Query(lang, query, tuple(pages), unseen, line or 0, tuple(kinds), held)
                )
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
    first_seconds: float  # from pressing Enter to the first five results shown (or all)

    @property
    def found(self) -> list[str]:
        top = self.results[:TOP]
        return [page for page in self.query.pages if page in top]

    @property
    def recall(self) -> float:
        return len(self.found) / len(self.query.pages)

    @property
    def reciprocal_rank(self) -> float:
        for rank, page in enumerate(self.results[:MRR_DEPTH], 1):
            if page in self.query.pages:
                return 1 / rank
        return 0.0


def search(page, search_url: str, text: str) -> tuple[list[str], float, float]:
    """Type ``text`` into the search box of ``search_url`` and press Enter; the docnames
    of the results and the seconds until the first five (or all, if fewer) and the last of
    them showed."""
    if urlsplit(page.url)._replace(query="", fragment="").geturl() != search_url:
        page.goto(search_url)  # else: the box of the previous results page will do
    box = page.locator('input[name="q"]').first
    box.fill(text)
    with page.expect_navigation():
        started = time.perf_counter()
        box.press("Enter")
    page.wait_for_function(
        f"() => ({_DONE})() || document.querySelectorAll({_RESULTS!r}).length >= {TOP}",
        polling=5,
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


def precision(outcomes: Sequence[Outcome]) -> float:
    """The share of the first five results that are expected pages (at most 1 / 5 for a
    query of one page): with recall, it shows whether word families flood the list."""
    shown = [min(len(o.results), TOP) for o in outcomes]
    hits = sum(len(o.found) for o in outcomes)
    return hits / sum(shown) if sum(shown) else 0.0


def mrr(outcomes: Sequence[Outcome]) -> float:
    return sum(o.reciprocal_rank for o in outcomes) / len(outcomes) if outcomes else 0.0


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.5: the median)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


# -- Pagefind, the peer ------------------------------------------------------------------

# In a page of the language (Pagefind picks its index by <html lang>): load it once, as a
# search box does with its page; then each query to its first five results' data.
_PAGEFIND_INIT = """async () => {
  window.__pagefind = await import('/pagefind/pagefind.js');
  await window.__pagefind.init();
}"""
_PAGEFIND_SEARCH = """async ([q, top]) => {
  const started = performance.now();
  const found = await window.__pagefind.search(q);
  const data = await Promise.all(found.results.slice(0, top).map((r) => r.data()));
  return { urls: data.map((d) => d.url), ms: performance.now() - started,
           total: found.results.length };
}"""


def pagefind_index(html: Path) -> None:
    """Index the built pages' ``<article>`` with Pagefind, into ``html/pagefind``."""
    import subprocess

    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(html), "--root-selector", "article"],
        check=True,
        capture_output=True,
    )


def pagefind_evaluate(page, base_url: str, queries: Iterable[Query]) -> list[Outcome]:
    """Run every query through Pagefind's API in a page of the query's language."""
    outcomes = []
    for query in queries:
        home = f"{base_url}{query.lang}/index.html"
        if page.url != home:
            page.goto(home)
            page.evaluate(_PAGEFIND_INIT)
        found = page.evaluate(_PAGEFIND_SEARCH, [query.text, MRR_DEPTH])
        docnames = [_pagefind_docname(url, query.lang) for url in found["urls"]]
        seconds = found["ms"] / 1000
        outcomes.append(Outcome(query, docnames, seconds, seconds))
    return outcomes


def suggest_timings(page, base_url: str, lang: str, texts: Iterable[str]) -> list[float]:
    """Type each text, key by key, into the search box of a page of ``lang``; the seconds
    from each keydown to the list under the box painted (handbook-suggest.js measures)."""
    page.goto(f"{base_url}{lang}/index.html")
    box = page.locator("input.sidebar-search")
    box.click()
    page.wait_for_function("() => typeof Search !== 'undefined' && !!Search._index")
    typed = 0
    for text in texts:
        box.fill("")
        box.press_sequentially(text)
        typed += len(text)  # one input event, so one timing, per key
        page.wait_for_function(
            "n => (window.handbookSuggestTimings || []).length >= n", arg=typed, polling=5
        )
    return [ms / 1000 for ms in page.evaluate("window.handbookSuggestTimings || []")]


def first_result_bytes(page, url: str) -> int:
    """Gzipped bytes a fresh page loads for search before it can show a first result: what
    it fetches once the search box has focus (ours) or Pagefind's API has answered."""

    def ask() -> None:
        page.locator("input.sidebar-search").click()
        page.wait_for_function("() => typeof Search !== 'undefined' && !!Search._index")
        page.wait_for_timeout(100)

    return _gzipped_loads(page, url, ask)


def pagefind_first_bytes(page, url: str, text: str) -> int:
    def ask() -> None:
        page.evaluate(_PAGEFIND_INIT)
        page.evaluate(_PAGEFIND_SEARCH, [text, TOP])

    return _gzipped_loads(page, url, ask)


def _gzipped_loads(page, url: str, ask) -> int:
    """What ``ask`` makes the page at ``url`` load, gzipped (as a server would send it)."""
    import gzip

    loaded: list = []
    page.on("response", loaded.append)
    page.goto(url)
    before = len(loaded)
    ask()
    page.remove_listener("response", loaded.append)
    total = 0
    for response in loaded[before:]:
        body = response.body()
        total += min(len(body), len(gzip.compress(body)))
    return total


def _pagefind_docname(url: str, lang: str) -> str:
    path = urlsplit(url).path.removeprefix(f"/{lang}/").removesuffix(".html")
    return path.removesuffix("/") + "/index" if path.endswith("/") else (path or "index")


# -- make search-eval -------------------------------------------------------------------

VARIANTS = {
    # name: heading; "pagefind" indexes the built pages of "ours"
    "stock": "stock Sphinx",
    "pagefind": "Pagefind",
    "ours": "this project",
}
SETS = {"tuning": QUERIES, "held-out": HELD_OUT}


@dataclass
class Measured:
    outcomes: dict[str, dict[str, list[Outcome]]]  # variant -> lang -> outcomes (all sets)
    index_bytes: dict[str, dict[str, tuple[int, int]]]  # variant -> lang -> (raw, gzip)
    typing: dict[str, list[float]] = field(default_factory=dict)  # lang -> keydown → list
    first_bytes: dict[str, dict[str, int]] = field(default_factory=dict)  # variant -> lang


def queries_of(codes: Sequence[str]) -> list[Query]:
    """Both sets, tuning first."""
    return [q for path in SETS.values() for q in load(path) if q.lang in codes]


def set_of(query: Query) -> str:
    return "held-out" if query.held_out else "tuning"


def measure(
    site, builddir: Path, codes: Sequence[str], say: Callable[[str], None] = print
) -> Measured:
    """Build stock Sphinx and this project into ``builddir/<variant>``, index this project's
    pages with Pagefind, and run both query sets on the three in one Chromium."""
    from playwright.sync_api import sync_playwright

    from handbook.build import run as builder
    from handbook.dev.browser import CHROMIUM_ARGS, ensure_chromium, serve

    queries = queries_of(codes)
    folders = {}
    for name, mode in (("stock", "stock"), ("ours", "lemmas")):
        say(f"building {VARIANTS[name]} ({', '.join(codes)}) …")
        done = builder.build(site, codes, builddir / name, extra=["-D", f"handbook_search={mode}"])
        if not done.ok:
            for line in builder.summary(done):
                say(line)
            raise SystemExit(1)
        folders[name] = builddir / name / "html"
    say("indexing this project's pages with Pagefind …")
    pagefind_index(folders["ours"])

    measured = Measured({}, {})
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(ensure_chromium()), headless=True, args=CHROMIUM_ARGS
        )
        for name in VARIANTS:
            say(f"searching {VARIANTS[name]} …")
            html = folders["ours" if name == "pagefind" else name]
            page = browser.new_page()
            with serve(html) as url:
                if name == "pagefind":
                    outcomes = pagefind_evaluate(page, url, queries)
                else:
                    page.goto(f"{url}{codes[0]}/search.html")  # warm the browser up
                    outcomes = evaluate(page, url, queries)
            page.close()
            measured.outcomes[name] = {
                lang: [o for o in outcomes if o.query.lang == lang] for lang in codes
            }
            if name != "pagefind":
                measured.index_bytes[name] = {lang: _index_size(html / lang) for lang in codes}
            else:
                measured.index_bytes[name] = {lang: _pagefind_size(html) for lang in codes}
        say("typing into the search box of this project's pages …")
        with serve(folders["ours"]) as url:
            for lang in codes:
                texts = [q.text for q in queries if q.lang == lang]
                home = f"{url}{lang}/index.html"
                tab = browser.new_page()
                measured.typing[lang] = suggest_timings(tab, url, lang, texts)
                tab.close()
                tab = browser.new_page()
                measured.first_bytes.setdefault("ours", {})[lang] = first_result_bytes(tab, home)
                tab.close()
                tab = browser.new_page()
                pagefind_bytes = pagefind_first_bytes(tab, home, texts[0])
                measured.first_bytes.setdefault("pagefind", {})[lang] = pagefind_bytes
                tab.close()
        browser.close()
    return measured


def _index_size(folder: Path) -> tuple[int, int]:
    data = (folder / "searchindex.js").read_bytes()
    return len(data), len(gzip.compress(data))


def _pagefind_size(html: Path) -> tuple[int, int]:
    """Pagefind's whole bundle (all languages; it loads only parts of it per query)."""
    files = [f for f in (html / "pagefind").rglob("*") if f.is_file()]
    raw = sum(f.stat().st_size for f in files)
    return raw, sum(min(f.stat().st_size, len(gzip.compress(f.read_bytes()))) for f in files)


def _cell(outcomes: Sequence[Outcome]) -> str:
    if not outcomes:
        return "–"
    return f"{recall(outcomes) * 100:.0f} % · {mrr(outcomes):.2f}"


def _per_language(
    measured: Measured,
    codes: Sequence[str],
    names: Sequence[str],
    title: str,
    cell: Callable[[list], str],
) -> list[str]:
    """A table of the report: one row per language, one ``cell`` per search compared."""
    lines = [
        "",
        title,
        "",
        "| language | " + " | ".join(VARIANTS[n] for n in names) + " |",
        "| --- | " + " | ".join("---:" for _ in names) + " |",
    ]
    for lang in codes:
        cells = [cell(measured.outcomes[name].get(lang, [])) for name in names]
        lines.append(f"| {lang} | " + " | ".join(cells) + " |")
    return lines


def report(measured: Measured, codes: Sequence[str]) -> list[str]:
    """The tables ``make search-eval`` prints."""
    names = [n for n in VARIANTS if n in measured.outcomes]
    lines = [
        f"recall@{TOP} · MRR: queries typed into search.html (Pagefind: its API in a page of the "
        "language), Chromium",
        "",
        "| language | set | queries | " + " | ".join(VARIANTS[n] for n in names) + " |",
        "| --- | --- | ---: | " + " | ".join("---:" for _ in names) + " |",
    ]
    for lang in codes:
        for set_name in SETS:
            row = []
            count = 0
            for name in names:
                outcomes = [
                    o for o in measured.outcomes[name].get(lang, []) if set_of(o.query) == set_name
                ]
                count = len(outcomes)
                row.append(_cell(outcomes))
            if count:
                lines.append(f"| {lang} | {set_name} | {count} | " + " | ".join(row) + " |")

    def precision_and_count(outcomes: list) -> str:
        counts = [len(o.results) for o in outcomes] or [0]
        return f"{precision(outcomes) * 100:.0f} % · {percentile(counts, 0.5):.0f}"

    def latency(outcomes: list) -> str:
        times = [o.first_seconds for o in outcomes]
        return f"{_ms(percentile(times, 0.5))} / {_ms(percentile(times, 0.95))}" if times else "–"

    lines += _per_language(
        measured,
        codes,
        names,
        f"precision@{TOP} (expected pages among the results shown in the first {TOP}) · "
        "median number of results (Pagefind: of the first 10 read), both sets:",
        precision_and_count,
    )
    lines += _per_language(
        measured,
        codes,
        names,
        "latency, median / p95 (search.html: Enter → first five results shown, the page's own "
        "loading included; Pagefind: search() → five results' data, its script loaded)",
        latency,
    )
    if measured.typing:
        lines += [
            "",
            "as you type, this project (keydown → list under the box painted, every key):",
        ]
        for lang, times in measured.typing.items():
            if times:
                lines.append(
                    f"  {lang}: median {_ms(percentile(times, 0.5))}, "
                    f"p95 {_ms(percentile(times, 0.95))} ({len(times)} keys)"
                )
    if measured.first_bytes:
        lines += ["", "gzipped bytes a fresh page loads before its first search result:"]
        for lang in codes:
            cells = [
                f"{VARIANTS[name]} {measured.first_bytes[name][lang] / 1024:.0f} KB"
                for name in ("pagefind", "ours")
                if lang in measured.first_bytes.get(name, {})
            ]
            lines.append(f"  {lang}: " + " · ".join(cells))
    lines += [
        "",
        "search data (searchindex.js per language; Pagefind: its whole bundle), raw / gzip:",
    ]
    for lang in codes:
        sizes = []
        for name in names:
            if lang in measured.index_bytes.get(name, {}):
                raw, packed = measured.index_bytes[name][lang]
                sizes.append(f"{VARIANTS[name]} {raw / 1024:.0f} / {packed / 1024:.0f} KB")
        lines.append(f"  {lang}: " + " · ".join(sizes))
    # misses are printed for the tuning set only: the held-out set is looked at in aggregate
    for name in names:
        outcomes = measured.outcomes[name]
        misses = [
            o
            for lang in codes
            for o in outcomes.get(lang, [])
            if o.recall < 1 and set_of(o.query) == "tuning"
        ]
        if misses:
            lines += ["", f"tuning queries not in the first {TOP} results, {VARIANTS[name]}:"]
        for o in misses:
            missing = ", ".join(p for p in o.query.pages if p not in o.found)
            shown = ", ".join(o.results[:TOP]) or "no results"
            lines.append(f"  [{o.query.lang}] {o.query.text!r} → {missing} (shown: {shown})")
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
    variants = {"stock": (VARIANTS["stock"], "stock"), "ours": (VARIANTS["ours"], "lemmas")}
    for name, (heading, mode) in variants.items():
        say(f"building {', '.join(codes)} with {heading} …")
        started = time.perf_counter()
        done = builder.build(
            declaration, codes, folder / name, extra=["-D", f"handbook_search={mode}"]
        )
        if not done.ok:
            raise SystemExit("\n".join(builder.summary(done)))
        say(f"  built in {time.perf_counter() - started:.0f} s")
    rows, typing = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(ensure_chromium()), headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        for lang in codes:
            for name, (heading, _) in variants.items():
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
        with serve(folder / "ours" / "html") as url:
            for lang in codes:
                tab = browser.new_page()
                times = suggest_timings(tab, url, lang, BENCH_QUERIES[lang] * 2)
                tab.close()
                tab = browser.new_page()
                loaded = first_result_bytes(tab, f"{url}{lang}/index.html")
                tab.close()
                typing.append(
                    f"| {lang} | {_ms(percentile(times, 0.5))} | {_ms(percentile(times, 0.95))} "
                    f"| {len(times)} | {loaded / 1024:.0f} KB |"
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
        "",
        "As you type, this project: the list under a page's search box, from keydown to "
        "painted (every key of every query; target p95 <= 50 ms), and the gzipped bytes a "
        "fresh page loads before its first result (budget 64 KB):",
        "",
        "| language | median | p95 | keys | bytes before the first result |",
        "| --- | ---: | ---: | ---: | ---: |",
        *typing,
    ]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"
