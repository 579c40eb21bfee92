"""External links (``make linkcheck``), checked in every language.

Sphinx's linkcheck builder runs once per language, because a translation can change a link's
target. Its per-language ``output.json`` is merged into one report,
``<builddir>/linkcheck/report.json`` and ``report.txt``, in which each link says where it
lives — ``docs/page.md:LINE``, and ``locale/<lang>/LC_MESSAGES/page.po:LINE`` when the address
comes from a translation — and is classified as **broken** (the server answered 4xx/5xx, or
the ``#anchor`` is missing), **unreachable** (name lookup, refused connection, timeout),
**redirected**, ok, ignored (``linkcheck_ignore``) or unchecked.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import polib

from handbook.build import compiled
from handbook.build.run import default_jobs
from handbook.findings import relative
from handbook.site import Site

BROKEN = "broken"
UNREACHABLE = "unreachable"
REDIRECTED = "redirected"
OK = "ok"
IGNORED = "ignored"
UNCHECKED = "unchecked"
FAILING = (BROKEN, UNREACHABLE)
# Order of the report: what needs fixing first.
STATUSES = (BROKEN, UNREACHABLE, REDIRECTED, OK, IGNORED, UNCHECKED)


# -- External links: Sphinx's linkcheck builder in every language --------------------------


@dataclass(frozen=True)
class Link:
    """One checked link of one language, as the report shows it."""

    language: str
    uri: str
    status: str  # one of STATUSES
    reason: str
    source: str  # docs/page.md:LINE
    catalog: str | None = None  # locale/<lang>/LC_MESSAGES/page.po:LINE, for translations
    code: int | None = None  # the HTTP status, when the server gave one
    detail: str = ""  # Sphinx's own words (requests' exception, the redirect target)

    def __str__(self) -> str:
        place = self.catalog or self.source
        text = f"{place}: [{self.language}] {self.status} {self.uri}"
        if self.reason:
            text += f" — {self.reason}"
        if self.catalog:
            text += f" (translation of {self.source})"
        return text


@dataclass
class LanguageCheck:
    code: str
    returncode: int
    output: str  # Sphinx's own words, shown when it failed without a result
    links: list[Link] = field(default_factory=list)
    crashed: bool = False


@dataclass
class LinkReport:
    languages: list[LanguageCheck]
    json_path: Path
    text_path: Path

    @property
    def links(self) -> list[Link]:
        order = {check.code: index for index, check in enumerate(self.languages)}
        return sorted(
            (link for check in self.languages for link in check.links),
            key=lambda link: (
                STATUSES.index(link.status),
                *_place(link.source),
                order[link.language],
            ),
        )

    @property
    def ok(self) -> bool:
        return not any(check.crashed for check in self.languages) and not any(
            link.status in FAILING for link in self.links
        )


def _place(where: str) -> tuple[str, int]:
    """("docs/a.md", 12) from "docs/a.md:12", so that line 9 sorts before line 10."""
    path, _, line = where.rpartition(":")
    return (path, int(line)) if line.isdigit() else (where, 0)


def linkcheck_command(site: Site, code: str, builddir: Path) -> list[str]:
    """Sphinx's linkcheck builder for one language. Not build.sphinx_command: that one is
    the strict HTML build (-W -n); reading warnings are not the link check's business."""
    folder = builddir / "linkcheck"
    return [
        sys.executable, "-m", "sphinx", "-b", "linkcheck", "-q",
        "-c", str(site.root), "-D", f"language={code}",
        # catalogs compiled into its own folder, never into locale/ (build/compiled.py)
        "-D", f"locale_dirs={compiled.folder(folder)}",
        # doctrees apart from the HTML build's, so both can run at once
        "-d", str(folder / ".doctrees" / code),
        str(site.docs_dir), str(folder / code),
    ]  # fmt: skip


def check_language(site: Site, code: str, builddir: Path) -> LanguageCheck:
    results = builddir / "linkcheck" / code / "output.json"
    results.unlink(missing_ok=True)  # a crashed run must not leave the last run's results
    env = dict(os.environ)
    env.pop("LANGUAGE", None)  # gettext would read it instead of the language we check
    compiled.mirror(site, code, compiled.folder(builddir / "linkcheck"))
    done = subprocess.run(
        linkcheck_command(site, code, builddir),
        cwd=site.root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
    )
    check = LanguageCheck(code, done.returncode, done.stdout + done.stderr)
    if not results.is_file():
        check.crashed = True
        return check
    for line in filter(str.strip, results.read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        # "#anchor" alone is a reference Sphinx resolved itself; the built-site crawl checks it
        if not record["uri"].startswith("#"):
            check.links.append(_link(site, code, record))
    # Sphinx exits 1 for broken links and timeouts; any other failure is its own.
    failing = any(link.status in FAILING for link in check.links)
    check.crashed = done.returncode not in (0, 1) or (done.returncode == 1 and not failing)
    return check


def check(
    site: Site,
    codes: Sequence[str],
    builddir: Path,
    jobs: int | None = None,
    report: Callable[[str], None] = lambda _: None,
) -> LinkReport:
    """Check the external links of ``codes`` in parallel; write the merged report."""
    for code in codes:
        site.language(code)  # unknown codes fail before anything runs
    workers = jobs or default_jobs(len(codes))
    report(f"checking links in {', '.join(codes)} with {workers} parallel Sphinx process(es)")
    with ThreadPoolExecutor(max_workers=workers) as pool:
        checks = list(pool.map(lambda code: check_language(site, code, builddir), codes))
    folder = builddir / "linkcheck"
    result = LinkReport(checks, folder / "report.json", folder / "report.txt")
    _write(result.json_path, json.dumps([asdict(link) for link in result.links], indent=1))
    _write(result.text_path, "\n".join(summary(result)) + "\n")
    return result


def summary(result: LinkReport) -> list[str]:
    """What the terminal and report.txt show: every link that is not simply fine, then counts."""
    lines = [str(link) for link in result.links if link.status in (*FAILING, REDIRECTED)]
    for check in result.languages:
        if check.crashed:
            lines.append(f"FAILED [{check.code}]: Sphinx's linkcheck builder did not finish")
            lines.extend("  " + line for line in check.output.strip().splitlines()[-15:])
    for check in result.languages:
        counts = Counter(link.status for link in check.links)
        shown = ", ".join(f"{counts[status]} {status}" for status in STATUSES if counts[status])
        lines.append(f"[{check.code}] {len(check.links)} link(s): {shown or 'none'}")
    verdict = "links ok" if result.ok else "links FAILED"
    lines.append(f"{verdict} — report: {result.json_path}")
    return lines


def _write(path: Path, text: str) -> None:
    """Replace ``path`` whole: a reader never sees half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


# -- Classifying Sphinx's results ------------------------------------------------------------

_HTTP_ERROR = re.compile(r"\b(?P<code>[45]\d\d) (?:Client|Server) Error: (?P<phrase>.*?) for url")
_ANCHOR = re.compile(r"Anchor '(?P<anchor>.*)' not found")
_PERMANENT = (301, 308)  # the others (302, 303, 307) are temporary
_TLS = re.compile(r"SSLError|CERTIFICATE_VERIFY_FAILED")
# requests' words for failures below HTTP; Sphinx reports them as "broken" with code 0
_UNREACHABLE = (
    (re.compile(r"NameResolution|Failed to resolve|Name or service not known|name resolution"),
     "name lookup failed"),
    (re.compile(r"Connection refused"), "connection refused"),
    (re.compile(r"timed out|Timeout", re.IGNORECASE), "timed out"),
    (re.compile(r"NewConnectionError|ConnectionError|Connection aborted|RemoteDisconnected"
                r"|Max retries exceeded"), "connection failed"),
)  # fmt: skip


def classify(record: dict) -> tuple[str, str, int | None]:
    """(status, reason, HTTP code) for one line of Sphinx's output.json."""
    status, info, code = record["status"], record.get("info", ""), record.get("code") or None
    if status == "working":
        return OK, "", None
    if status == "redirected":
        kind = "permanently" if code in _PERMANENT else "temporarily"
        return REDIRECTED, f"{kind} ({code or '3xx'}) to {info}", code
    if status == "timeout":
        return UNREACHABLE, "timed out", None
    if status == "unchecked":
        return UNCHECKED, info, None
    if status == "ignored":
        if info == "service unavailable":  # Sphinx's word for a 503: the server is down
            return UNREACHABLE, "HTTP 503 Service Unavailable", 503
        return IGNORED, info or "linkcheck_ignore", None
    if match := _HTTP_ERROR.search(info):
        http = int(match["code"])
        reason = f"HTTP {http} {match['phrase']}"
        if http == 429:  # still rate-limited after linkcheck_rate_limit_timeout
            return UNREACHABLE, reason, http
        return BROKEN, reason, http
    if match := _ANCHOR.search(info):
        return BROKEN, f"anchor #{unquote(match['anchor'])} not found", None
    if info == "unauthorized":
        return BROKEN, "HTTP 401 Unauthorized", 401
    if not info:  # a relative link to a file that does not exist
        return BROKEN, "no such file", None
    if _TLS.search(info):  # reachable, but a reader's browser would refuse it
        return BROKEN, "TLS certificate not accepted", None
    for pattern, reason in _UNREACHABLE:
        if pattern.search(info):
            return UNREACHABLE, reason, None
    return BROKEN, info, None


def _link(site: Site, code: str, record: dict) -> Link:
    status, reason, http = classify(record)
    source_md = site.docs_dir / record["filename"]
    uri = record["uri"]
    line = record.get("lineno") or 0
    catalog = None
    entry = None if code == site.source.code else _translated_entry(site, code, record, uri)
    if entry:
        po, po_line, msgid = entry
        catalog = f"{relative(po, site.root)}:{po_line}"
        # Sphinx's line for a translated node is unreliable (often 1): find the msgid
        line = _paragraph_line(source_md, msgid) or line
    line = _line_with(source_md, uri, line)
    where = relative(source_md, site.root) + (f":{line}" if line > 0 else "")
    return Link(code, uri, status, reason, where, catalog, http, record.get("info", ""))


# -- Where a link lives: the source line, and the catalog line of a translation ------------


def _forms(uri: str) -> tuple[str, ...]:
    """The address as Sphinx reports it and as an author typed it (MyST percent-encodes)."""
    return tuple(dict.fromkeys((uri, unquote(uri))))


def _lines(path: Path) -> tuple[str, ...]:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return ()
    return _read_lines(path, stat.st_mtime_ns, stat.st_size)


@cache
def _read_lines(path: Path, _mtime: int, _size: int) -> tuple[str, ...]:
    # keyed by time and size too: a long-lived process (the tests) sees edited files anew
    return tuple(path.read_text(encoding="utf-8", errors="replace").splitlines())


def _line_with(path: Path, uri: str, start: int) -> int:
    """The line of the paragraph starting at ``start`` that holds ``uri`` (Sphinx gives the
    paragraph's first line); ``start`` when the address is not found in that paragraph."""
    lines = _lines(path)
    for number in range(max(start, 1), len(lines) + 1):
        text = lines[number - 1]
        if any(form in text for form in _forms(uri)):
            return number
        if not text.strip() and number > start > 0:  # unknown start: search the whole file
            break
    return start


def _paragraph_line(path: Path, msgid: str) -> int | None:
    """The line of ``path`` where the paragraph behind ``msgid`` starts (gettext joins a
    paragraph's lines with spaces, so whitespace is compared loosely)."""
    words = [(word, number) for number, text in enumerate(_lines(path), 1) for word in text.split()]
    wanted = msgid.split()
    for size in (len(wanted), min(len(wanted), 5)):  # the whole msgid, else its start
        probe = wanted[:size]
        for index in range(len(words) - size + 1):
            if [word for word, _ in words[index : index + size]] == probe:
                return words[index][1]
    return None


def _catalog(path: Path) -> polib.POFile | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return _read_catalog(path, stat.st_mtime_ns, stat.st_size)


@cache
def _read_catalog(path: Path, _mtime: int, _size: int) -> polib.POFile | None:
    try:
        return polib.pofile(str(path))
    except (OSError, ValueError):  # a broken catalog is `make check`'s finding, not ours
        return None


def _translated_entry(
    site: Site, code: str, record: dict, uri: str
) -> tuple[Path, int, str] | None:
    """(po path, line of the address in the msgstr, msgid) of the translated message that
    carries ``uri``; None when the link comes from the Russian text itself. One catalog per
    page (gettext_compact = False): locale/<lang>/LC_MESSAGES/<page>.po."""
    po = site.locale_dir / code / "LC_MESSAGES" / Path(record["filename"]).with_suffix(".po")
    catalog = _catalog(po)
    if catalog is None:
        return None
    for entry in catalog.translated_entries():
        if any(form in entry.msgstr for form in _forms(uri)):
            return po, _msgstr_line(po, entry.linenum, uri), entry.msgid
    return None


def _msgstr_line(po: Path, start: int, uri: str) -> int:
    """The line of the msgstr that shows ``uri`` (or the ``msgstr`` keyword's line)."""
    lines = _lines(po)
    msgstr = None
    for number in range(start, len(lines) + 1):
        text = lines[number - 1]
        if msgstr is None and text.startswith("msgstr"):
            msgstr = number
        if msgstr is not None:
            if any(form in text for form in _forms(uri)):
                return number
            if not text.strip():
                break
    return msgstr or start
