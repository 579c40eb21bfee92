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
import functools
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from handbook import catalogs
from handbook.findings import Finding
from handbook.site import Site

# Debian's hunspell dictionaries (/usr/share/hunspell) and the packages that install them.
# English is en_GB: the handbook writes British English (behaviour, programme, apologise).
DICTIONARIES = {
    "ru": ("ru_RU", "hunspell-ru"),
    "et": ("et_EE", "myspell-et"),
    "en": ("en_GB", "hunspell-en-gb"),
}
DICTIONARY_DIR = Path("/usr/share/hunspell")
WORD_LIST = "words.txt"  # locale/words.txt (all languages) and locale/<lang>/words.txt
LINK_LIST = "localized-links.txt"  # locale/<lang>/localized-links.txt: "SOURCE-URL URL"
GLOSSARY_DIRECTIVE = "```{glossary}"
# Roles whose content is "text <target>" or a bare target; the target must not change.
TARGET_ROLES = {"term", "ref", "doc", "numref", "any", "download", "keyword", "option", "envvar"}
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SPELLED = re.compile(r"[^\W_]*[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*")  # "Tele2" is one word
NUMBER_WITH_ENDING = re.compile(r"\d+-\w+")  # "kella 12-ks", "5-й": no word to spell
URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+")
PRINTF = re.compile(r"%(?:\(\w+\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")  # python-format


# -- reading a catalog -------------------------------------------------------------------


@dataclass
class Catalog:
    path: Path
    name: str  # as findings show it: relative to the project
    code: str
    lines: list[str]
    po: polib.POFile

    def line_of(self, entry: polib.POEntry, keyword: str) -> int:
        """The line of ``keyword`` ("msgid", "msgstr", "#,") within ``entry``."""
        for number in range(entry.linenum, len(self.lines) + 1):
            if self.lines[number - 1].startswith(keyword):
                return number
        return entry.linenum

    def finding(self, entry: polib.POEntry | None, message: str, keyword: str = "msgstr"):
        return Finding(self.name, self.line_of(entry, keyword) if entry else None, message)


def _read(path: Path, root: Path, code: str) -> tuple[Catalog | None, list[Finding]]:
    name = _relative(path, root)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Finding(name, line, "not UTF-8 — save the file with UTF-8 encoding")]
    problems = syntax(name, text)
    if problems:
        return None, problems
    try:
        po = polib.pofile(text)
    except (OSError, ValueError) as exc:  # the lexer let through something polib refuses
        line = re.search(r"line (\d+)", str(exc))
        return None, [Finding(name, int(line[1]) if line else None, f"syntax: {exc}")]
    return Catalog(path, name, code, text.splitlines(), po), []


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _catalog_paths(site: Site, codes: Sequence[str]) -> Iterator[tuple[str, Path]]:
    for code in codes:
        folder = catalogs.catalog_dir(site.locale_dir, code)
        for name in catalogs.catalog_names(site.locale_dir, code):
            yield code, folder / f"{name}.po"


# -- syntax ------------------------------------------------------------------------------

_KEYWORD = re.compile(
    r"^(?P<key>msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?:\s+(?P<s>.*?))?\s*$"
)
_ESCAPE = re.compile(r'\\(?:[ntrabfv"\\?\']|[0-7]{1,3}|x[0-9a-fA-F]+)')


def _string_problem(literal: str | None) -> str | None:
    """What is wrong with a PO string literal, or None when it is a valid C string."""
    if not literal:
        return 'the text is missing — write it in double quotes, e.g. msgstr ""'
    if not literal.startswith('"'):
        return "the text must be in double quotes"
    body, closed = literal[1:], False
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            escape = _ESCAPE.match(body, index)
            if not escape:
                return (
                    f"unknown escape \\{body[index + 1 : index + 2]} — write \\\\ for a backslash"
                )
            index = escape.end()
            continue
        if char == '"':
            closed = True
            if body[index + 1 :].strip():
                return 'a double quote inside the text must be written \\"'
            break
        index += 1
    if not closed:
        return "the string is not closed — end the line with a double quote"
    return None


def syntax(name: str, text: str) -> list[Finding]:
    """PO syntax as GNU gettext defines it, checked line by line.

    polib and Babel both accept some broken files silently (an unclosed string, a
    duplicate msgid) and build pages with translations missing; this refuses them.
    """
    problems: list[Finding] = []
    state = "start"  # the last keyword seen: start, msgctxt, msgid, msgid_plural, msgstr
    entry_line, context, msgid = 0, "", [""]
    seen: dict[tuple[str, str], int] = {}

    def unfinished() -> None:
        if state in ("msgctxt", "msgid", "msgid_plural"):
            problems.append(
                Finding(name, entry_line, "msgid without msgstr — add a msgstr line after it")
            )

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):  # comments, flags and obsolete (#~) entries
            continue
        if line.startswith('"'):  # a string continuing the one above
            if state == "start":
                problems.append(Finding(name, number, "syntax: a string with no msgid above it"))
            elif problem := _string_problem(line):
                problems.append(Finding(name, number, f"syntax: {problem}"))
            elif state == "msgid":
                msgid.append(line)
            continue
        match = _KEYWORD.match(line)
        if not match:
            problems.append(
                Finding(
                    name,
                    number,
                    "syntax: not a PO line — each line is a comment (#…), a keyword "
                    "(msgid, msgstr…) with a quoted string, or a quoted string continuing "
                    "the one above",
                )
            )
            continue
        key, literal = match["key"], match["s"] or ""
        if problem := _string_problem(literal):
            problems.append(Finding(name, number, f"syntax: {problem}"))
        if key == "msgctxt" or (key == "msgid" and state != "msgctxt"):
            unfinished()
            context = ""
        if key == "msgctxt":
            entry_line, context = number, literal
        elif key == "msgid":
            entry_line, msgid = number, [literal]
        elif key == "msgid_plural":
            if state != "msgid":
                problems.append(Finding(name, number, "syntax: msgid_plural must follow a msgid"))
        elif state in ("msgid", "msgid_plural"):  # the first msgstr of an entry
            identity = (context, "".join(msgid))
            if identity in seen:
                problems.append(
                    Finding(
                        name,
                        entry_line,
                        f"duplicate msgid (first at line {seen[identity]}) — keep one entry",
                    )
                )
            seen.setdefault(identity, entry_line)
        elif state != "msgstr":
            problems.append(Finding(name, number, "syntax: msgstr without a msgid above it"))
        state = "msgstr" if key.startswith("msgstr") else key
    unfinished()
    return problems


# -- MyST markup -------------------------------------------------------------------------


@dataclass
class Markup:
    """What MyST's parser finds in one msgid or msgstr."""

    kept: Counter = field(default_factory=Counter)  # markup that must survive translation
    html: Counter = field(default_factory=Counter)  # raw HTML snippets
    terms: list[tuple[str, str]] = field(default_factory=list)  # {term} (text, target)
    text: list[str] = field(default_factory=list)  # the words a reader sees


@functools.cache
def _parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    # the extensions conf.py enables: substitutions must parse as such
    config = MdParserConfig(enable_extensions={"colon_fence", "deflist", "substitution"})
    return create_md_parser(config, RendererHTML)


def markup(text: str) -> Markup:
    from sphinx.util.nodes import split_explicit_title

    found = Markup()
    link: str | None = None
    for block in _parser().parseInline(text):
        for token in block.children or []:
            kind = token.type
            if kind == "myst_role":
                role = token.meta["name"]
                explicit, title, target = split_explicit_title(token.content)
                if role in TARGET_ROLES:
                    found.kept[("role", role, target)] += 1
                    if explicit:
                        found.text.append(title)
                    if role == "term":
                        found.terms.append((title, target))
                else:
                    found.kept[("role", role, "")] += 1
                    found.text.append(token.content)
            elif kind == "link_open":
                link = token.attrs.get("href", "")
                found.kept[("link", "", link)] += 1
            elif kind == "link_close":
                link = None
            elif kind == "image":
                found.kept[("image", "", token.attrs.get("src", ""))] += 1
                found.text.append(token.content)
            elif kind == "code_inline":
                found.kept[("code", "", token.content)] += 1
            elif kind in ("substitution_inline", "substitution_block"):
                found.kept[("substitution", "", token.content.strip())] += 1
            elif kind == "footnote_ref":
                found.kept[("footnote", "", token.meta.get("label", ""))] += 1
            elif kind in ("html_inline", "html_block"):
                found.html[token.content.strip()] += 1
            elif kind == "text" and token.content != link:  # an autolink shows its URL
                found.text.append(token.content)
    return found


def show(item: tuple[str, str, str]) -> str:
    kind, role, value = item
    return {
        "role": f"{{{role}}}`{value}`" if value else f"the {{{role}}} role",
        "link": f"link ({value})",
        "image": f"image ({value})",
        "code": f"inline code `{value}`",
        "substitution": f"substitution {{{{ {value} }}}}",
        "footnote": f"footnote reference [^{value}]",
    }[kind]


def markup_problems(
    source: Markup, translation: Markup, localized_links: dict[str, str]
) -> list[str]:
    """What a translation did to the msgid's markup, as messages for a translator."""
    missing = source.kept - translation.kept
    extra = translation.kept - source.kept
    for original, replacement in localized_links.items():
        if missing[("link", "", original)] and extra[("link", "", replacement)]:
            missing[("link", "", original)] -= 1
            extra[("link", "", replacement)] -= 1
    problems = []
    for item in sorted(missing.elements()):
        same_kind = [x for x in extra.elements() if x[:2] == item[:2]]
        if same_kind:
            changed = same_kind[0]
            extra[changed] -= 1
            hint = (
                " — translate the text but keep the Russian target: {term}`text <" + item[2] + ">`"
                if item[1] == "term"
                else " — keep it exactly as in the msgid"
            )
            problems.append(f"markup: {show(item)} became {show(changed)}{hint}")
        else:
            problems.append(
                f"markup: {show(item)} from the msgid is missing — copy it into the msgstr"
            )
    for item in sorted(extra.elements()):
        where = (
            f"; a link localized on purpose goes into locale/<lang>/{LINK_LIST}"
            if item[0] == "link"
            else ""
        )
        problems.append(
            f"markup: {show(item)} is not in the msgid — use only the msgid's markup{where}"
        )
    return problems


def html_problems(source: Markup, translation: Markup) -> list[str]:
    added = translation.html - source.html
    if not added:
        return []
    snippets = " ".join(added.elements())  # in the order the msgstr has them
    return [
        f"raw HTML {snippets} is not in the msgid — remove it (use MyST markup such as "
        "*emphasis* instead); the build refuses HTML that a translation adds"
    ]


# -- the glossary's fixed terms ----------------------------------------------------------


def glossary_doc(site: Site) -> str | None:
    """The docname of the page with the ``{glossary}`` directive."""
    for path in sorted(site.docs_dir.rglob("*.md")):
        if GLOSSARY_DIRECTIVE in path.read_text(encoding="utf-8"):
            return str(path.relative_to(site.docs_dir).with_suffix(""))
    return None


def fixed_terms(site: Site, code: str) -> dict[str, str]:
    """Glossary term (lower case, Russian) -> the term the glossary fixes in ``code``.

    The language's glossary catalog is the authority: its translation of each term is
    the word every page of that language uses for it.
    """
    doc = glossary_doc(site)
    path = catalogs.catalog_dir(site.locale_dir, code) / f"{doc}.po"
    if doc is None or not path.exists():
        return {}
    return {
        e.msgid.lower(): e.msgstr
        for e in polib.pofile(str(path))
        if e.msgid and e.msgstr and not e.fuzzy and "\n" not in e.msgid and len(e.msgid) < 60
    }


@functools.cache
def _normalizers(code: str):
    """Word -> lemma (simplemma) and word -> stem (Snowball) for ``code``, where known."""
    import simplemma
    import snowballstemmer
    from babel import Locale

    def lemma(word: str) -> str:
        try:
            return simplemma.lemmatize(word.lower(), lang=code)
        except ValueError:  # a language simplemma has no dictionary for
            return word.lower()

    try:
        stemmer = snowballstemmer.stemmer(Locale.parse(code).english_name.lower())
        stem = stemmer.stemWord
    except (KeyError, ValueError):
        stem = str.lower
    return lemma, lambda word: stem(word.lower())


def same_term(text: str, fixed: str, code: str) -> bool:
    """Does ``text`` use ``fixed`` (in any inflected form)? Every word of the fixed term
    must appear, compared by lemma or by stem: kliendiga is a form of klient."""
    lemma, stem = _normalizers(code)
    words = WORD.findall(text)
    forms = {lemma(w) for w in words} | {stem(w) for w in words} | {w.lower() for w in words}
    return all(
        lemma(w) in forms or stem(w) in forms or w.lower() in forms for w in WORD.findall(fixed)
    )


# -- spelling ----------------------------------------------------------------------------


def word_list(site: Site, code: str) -> set[str]:
    """The project's words (names, product terms) for ``code``: both word lists."""
    words: set[str] = set()
    for path in (site.locale_dir / WORD_LIST, site.locale_dir / code / WORD_LIST):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#"):
                    words.add(line.strip())
    return words


def dictionary_problem(code: str) -> str | None:
    """Why spelling cannot be checked for ``code`` on this machine, or None."""
    if code not in DICTIONARIES:
        return None
    dictionary, package = DICTIONARIES[code]
    if not shutil.which("hunspell"):
        return "spelling: hunspell is not installed — apt-get install hunspell"
    if not (DICTIONARY_DIR / f"{dictionary}.dic").exists():
        return f"spelling: the {dictionary} dictionary is missing — apt-get install {package}"
    return None


def misspelled(words: Iterable[str], code: str) -> set[str]:
    """The words hunspell does not know (hyphenated words are reported by their parts)."""
    dictionary, _ = DICTIONARIES[code]
    done = subprocess.run(
        ["hunspell", "-d", str(DICTIONARY_DIR / dictionary), "-i", "utf-8", "-l"],
        input="\n".join(sorted(set(words))),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return set(done.stdout.split())


def _accepted(word: str, known: set[str]) -> bool:
    if len(word) == 1:  # a letter: "D-stiil", "C-type"
        return True
    candidates = {word, word.lower(), re.sub(r"['’]s$", "", word)}
    return any(c in known or c.lower() in known for c in candidates)


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
    if "charset=utf-8" not in meta.get("Content-Type", "").lower().replace(" ", ""):
        problems.append(
            Finding(
                catalog.name,
                at("Content-Type"),
                'header: the charset is not UTF-8 — write "Content-Type: text/plain; '
                'charset=UTF-8\\n"',
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
        state = catalogs.entry_state(entry)
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
        source, translation = markup(entry.msgid), markup(entry.msgstr)
        for problem in markup_problems(source, translation, links):
            findings.append(catalog.finding(entry, problem))
        for problem in html_problems(source, translation):
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
        return [Finding(_relative(site.locale_dir / code, site.root), None, problem)]
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
            accepted = _accepted(word, known) or all(_accepted(p, known) for p in parts)
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
    findings: list[Finding] = []
    for code in codes:
        release = site.language(code).is_release
        terms, links = fixed_terms(site, code), _localized_links(site, code)
        texts: list[tuple[str, int, list[str]]] = []
        for _, path in _catalog_paths(site, [code]):
            catalog, problems = _read(path, site.root, code)
            findings += problems
            if catalog is None:
                continue
            found, words = _check_catalog(site, catalog, terms, links, release)
            findings += found
            texts += [(catalog.name, line, ws) for line, ws in words.items()]
        for name in catalogs.orphans(site, code):
            findings.append(
                Finding(
                    _relative(
                        catalogs.catalog_dir(site.locale_dir, code) / f"{name}.po", site.root
                    ),
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
    for code, path in _catalog_paths(site, codes):
        findings += _read(path, site.root, code)[1]
    return findings


def build_blockers(site: Site, codes: Sequence[str]) -> list[Finding]:
    """What a build refuses: catalogs that do not parse, and raw HTML a translation added.

    Runs before Sphinx (``make html``, ``make live``): Sphinx would read a broken catalog
    silently, leaving translations out, and publish whatever HTML a msgstr carries.
    """
    findings: list[Finding] = []
    for code, path in _catalog_paths(site, codes):
        catalog, problems = _read(path, site.root, code)
        findings += problems
        if catalog is None:
            continue
        for entry in catalog.po.translated_entries():
            if "<" not in entry.msgstr:  # no raw HTML without a "<"; skip the parser
                continue
            for problem in html_problems(markup(entry.msgid), markup(entry.msgstr)):
                findings.append(catalog.finding(entry, problem))
    return findings
