"""Catalog QA: every mistake a translator can make in a .po, found before readers see it.

Each problem is a :class:`~handbook.findings.Finding` — ``locale/et/LC_MESSAGES/page.po:LINE:
what is wrong — what to do``. ``check`` is ``make check``; ``build_blockers`` is the part that
``make html`` (and ``make live``) refuses to build with: broken syntax, and raw HTML that a
translation added.

MyST markup is compared with the parser MyST itself uses (markdown-it-py with MyST's
plugins and this project's extensions), never with regular expressions over the text.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from handbook.catalogs import completeness, form
from handbook.catalogs.layout import catalog_dir
from handbook.catalogs.stats import entry_state
from handbook.catalogs.update import orphans
from handbook.checks import obsolete, register, termbase, typography
from handbook.checks.markup import LINK_LIST, markup
from handbook.checks.reading import Catalog, catalog_paths, read_catalog, relative
from handbook.checks.spelling import (
    DICTIONARIES,
    WORD_LIST,
    dictionary_problem,
    is_known_word,
    misspelled,
    word_list,
)
from handbook.checks.terms import WORD, fixed_terms, same_term
from handbook.checks.trust import translation_problems
from handbook.findings import Finding
from handbook.site import Site

SPELLED = re.compile(r"[^\W_]*[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*")  # "Tele2" is one word
NUMBER_WITH_ENDING = re.compile(r"\d+-\w+")  # "kella 12-ks", "5-й": no word to spell
URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+")
PRINTF = re.compile(r"%(?:\(\w+\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")  # python-format


# -- the whole check ---------------------------------------------------------------------


def _localized_links(site: Site, code: str) -> dict[str, str]:
    path = site.locale_dir / code / LINK_LIST
    pairs = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 2 and not line.startswith("#"):
                pairs[parts[0]] = parts[1]
    return pairs


def header_problems(catalog: Catalog) -> list[Finding]:
    from babel.messages.plurals import get_plural

    meta = catalog.po.metadata
    header_line = next(
        (i for i, line in enumerate(catalog.lines, 1) if line.startswith("msgstr")), 1
    )

    def at(field_name: str) -> int:
        prefix = f'"{field_name}:'
        return next(
            (i for i, line in enumerate(catalog.lines, 1) if line.startswith(prefix)),
            header_line,
        )

    problems = []
    if meta.get("Language") != catalog.code:
        problems.append(
            Finding(
                catalog.name,
                at("Language"),
                f"header: Language is {meta.get('Language')!r}, this folder is "
                f'{catalog.code!r} — write "Language: {catalog.code}\\n"',
            )
        )
    plural = meta.get("Plural-Forms", "")
    declared = re.match(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=.+;?\s*$", plural)
    if not declared:
        expected = None
        with contextlib.suppress(ValueError):  # a language Babel does not know
            expected = get_plural(catalog.code)
        fix = expected.plural_forms if expected else "nplurals=N; plural=EXPRESSION;"
        problems.append(
            Finding(
                catalog.name,
                at("Plural-Forms"),
                f'header: Plural-Forms is {plural!r} — write "Plural-Forms: {fix}\\n"',
            )
        )
        return problems
    # Sphinx's own Russian catalog counts 4 forms where CLDR counts 3: both work, as long
    # as every plural entry has as many forms as the header declares.
    forms = int(declared[1])
    for entry in catalog.po:
        if entry.msgid_plural and entry.msgstr_plural and len(entry.msgstr_plural) != forms:
            problems.append(
                catalog.finding(
                    entry,
                    f"{len(entry.msgstr_plural)} plural forms where Plural-Forms declares "
                    f"{forms} — write msgstr[0] to msgstr[{forms - 1}]",
                    "msgstr[",
                )
            )
    return problems


def _check_catalog(
    site: Site,
    catalog: Catalog,
    terms: dict[str, str],
    links: dict[str, str],
    release: bool,
) -> tuple[list[Finding], dict[int, list[str]]]:
    """Findings for one catalog, and the words of each entry for spelling (by line)."""
    findings = header_problems(catalog)
    words: dict[int, list[str]] = {}
    for entry in catalog.po:
        if not entry.msgid or entry.obsolete:
            continue
        state = entry_state(entry)
        if release and state == "fuzzy":
            findings.append(
                catalog.finding(
                    entry,
                    f"fuzzy entry in release language {catalog.code} — review the "
                    "translation and delete the fuzzy flag (until then readers see Russian)",
                    "#,",
                )
            )
        if release and state == "untranslated":
            findings.append(
                catalog.finding(
                    entry,
                    f"untranslated entry in release language {catalog.code} — translate it, "
                    'or set status = "draft" in handbook.toml',
                )
            )
        if state == "untranslated" or entry.msgid_plural:
            continue
        translation = markup(entry.msgstr)
        interface = catalog.is_interface
        for problem in translation_problems(entry.msgid, entry.msgstr, links, interface):
            findings.append(catalog.finding(entry, problem))
        for text, target in translation.terms:
            fixed = terms.get(target.lower())
            if fixed and not same_term(text, fixed, catalog.code):
                findings.append(
                    catalog.finding(
                        entry,
                        f'glossary: "{text}" for the term "{target}" — the glossary fixes '
                        f'"{fixed}" in {catalog.code}; use a form of it (or change the '
                        "glossary first)",
                    )
                )
        if "python-format" in entry.flags:
            wanted, written = Counter(PRINTF.findall(entry.msgid)), PRINTF.findall(entry.msgstr)
            if wanted != Counter(written):
                findings.append(
                    catalog.finding(
                        entry,
                        f"placeholders {' '.join(sorted(written)) or 'none'} differ from the "
                        f"msgid's {' '.join(sorted(wanted.elements()))} — keep each one "
                        "exactly, in any order",
                    )
                )
        text = " ".join(translation.text)
        text = NUMBER_WITH_ENDING.sub(" ", URL.sub(" ", PRINTF.sub(" ", text)))
        words[catalog.line_of(entry, "msgstr")] = [w for w in SPELLED.findall(text) if len(w) > 1]
    return findings, words


def _spelling(site: Site, code: str, texts: list[tuple[str, int, list[str]]]) -> list[Finding]:
    if code not in DICTIONARIES:
        return []
    if problem := dictionary_problem(code):
        return [Finding(relative(site.locale_dir / code, site.root), None, problem)]
    unknown = misspelled((w for _, _, ws in texts for w in ws), code)
    known = word_list(site, code)
    # the glossary quotes each term in the other languages on purpose
    for other in site.codes:
        known.update(w for term in fixed_terms(site, other).values() for w in WORD.findall(term))
    findings = []
    for name, line, entry_words in texts:
        wrong = []
        for word in entry_words:
            parts = [p for p in (word, *word.split("-")) if p in unknown]
            accepted = is_known_word(word, known) or all(is_known_word(p, known) for p in parts)
            if parts and not accepted and word not in wrong:
                wrong.append(word)
        if wrong:
            quoted = ", ".join(f'"{w}"' for w in wrong)
            findings.append(
                Finding(
                    name,
                    line,
                    f"spelling: {quoted} not in the {DICTIONARIES[code][0]} dictionary — "
                    f"correct it, or add it to locale/{code}/{WORD_LIST} (names: "
                    f"locale/{WORD_LIST})",
                )
            )
    return findings


def check(site: Site, codes: Sequence[str] | None = None, spelling: bool = True) -> list[Finding]:
    """``make check``: every finding in the catalogs of ``codes`` (default: all languages)."""
    codes = list(codes or site.codes)
    findings: list[Finding] = completeness.problems(site, codes)  # missing or empty catalogs
    for code in codes:
        release = site.language(code).is_release
        terms, links = fixed_terms(site, code), _localized_links(site, code)
        term_base, term_file = termbase.file_problems(site.locale_dir, site.root, code)
        findings += term_file
        if site.language(code).is_source:
            findings += typography.source_problems(site.docs_dir, site.root, code)
        texts: list[tuple[str, int, list[str]]] = []
        for _, path in catalog_paths(site, [code]):
            catalog, problems = read_catalog(path, site.root, code)
            findings += problems
            if catalog is None:
                continue
            found, words = _check_catalog(site, catalog, terms, links, release)
            findings += found + obsolete.catalog_problems(catalog)
            findings += typography.catalog_problems(catalog) + register.catalog_problems(catalog)
            findings += termbase.catalog_problems(catalog, term_base)
            if form.needs_formatting(path.read_bytes(), catalog.name):
                findings.append(
                    Finding(catalog.name, 1, "not in the canonical form — run make po-format")
                )
            texts += [(catalog.name, line, ws) for line, ws in words.items()]
        for name in orphans(site, code):
            findings.append(
                Finding(
                    relative(catalog_dir(site.locale_dir, code) / f"{name}.po", site.root),
                    None,
                    f"no page docs/{name}.md for this catalog — the page was renamed or "
                    "removed; delete the catalog (make update-po already reused its "
                    "translations)",
                )
            )
        if spelling:
            findings += _spelling(site, code, texts)
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.message))


def unreadable(site: Site, codes: Sequence[str]) -> list[Finding]:
    """Catalogs of ``codes`` that are not valid UTF-8 PO files."""
    findings: list[Finding] = []
    for code, path in catalog_paths(site, codes):
        findings += read_catalog(path, site.root, code)[1]
    return findings


def build_blockers(site: Site, codes: Sequence[str]) -> list[Finding]:
    """What a build refuses before Sphinx runs: catalogs that do not parse, and any
    translation that does more than change words (checks/trust.py).

    Sphinx would read a broken catalog silently, leaving translations out, and it parses
    every msgstr as MyST: a directive, role, image, substitution or raw HTML in a msgstr
    would run or read whatever it says with the builder's rights.
    """
    findings: list[Finding] = []
    for code, path in catalog_paths(site, codes):
        findings += catalog_blockers(site, code, path)
    return findings


def catalog_blockers(site: Site, code: str, path: Path) -> list[Finding]:
    """``build_blockers`` of one catalog: they depend on its bytes, its path, handbook.toml
    and this package only (handbook/build/checked.py remembers the catalogs that passed)."""
    catalog, findings = read_catalog(path, site.root, code)
    if catalog is None:
        return findings
    links = _localized_links(site, code)
    interface = catalog.is_interface
    for entry in catalog.po.translated_entries():
        for problem in translation_problems(entry.msgid, entry.msgstr, links, interface):
            findings.append(catalog.finding(entry, problem))
    return findings
