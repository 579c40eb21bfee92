"""Search that meets every form of a word, in every language of the handbook.

Sphinx indexes each word under its Snowball stem. This extension indexes it under the stem
of its *lemma* (``analysis``; simplemma's dictionary through ``lemmas``), so "klientidega"
finds "klient", "друзья" finds "друг", "went" finds "go" — and for Estonian, which Sphinx
lacks, it brings Snowball's Estonian first (``estonian``).

What the page needs to analyse a query the same way ships inside ``searchindex.js`` (key
``handbook_forms``): the forms table of ``analysis.forms_table``. The search page gets
``_static/handbook-search.js``, which turns query words into keys with it, and writes
result snippets and highlighting that find a word in any of its forms. Sphinx's page and
its structure (``ul.search``, the summary line) stay as they are.

``handbook_search`` chooses: ``"lemmas"`` (the default), ``"stems"`` (Snowball only — Estonian
included) or ``"stock"`` (Sphinx as shipped: Estonian falls back to English). The other two
exist to measure this one against (``make search-eval``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import sphinx.search
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.search import SearchLanguage, js_index, languages
from sphinx.util import logging

import handbook
from handbook import site
from handbook.patches import pins
from handbook.search import analysis, lemmas, sections, synonyms
from handbook.search.analysis import (
    SPLITTER_JS,
    Analysis,
    forms_table,
    is_indexable,
    pack,
    split,
    unpack,
)
from handbook.search.estonian import SearchEstonian
from handbook.sphinxext import assets, state
from handbook.sphinxext.messages import _

logger = logging.getLogger(__name__)

MODES = ("lemmas", "stems", "stock")
OPTION = "handbook_lemmas"  # html_search_options key: the lemma dictionary's cache file
INDEX_KEY = "handbook_forms"  # searchindex.js key of the forms table
SYNONYMS_KEY = "handbook_synonyms"  # … of the readers' words for the handbook's terms
WORDS_KEY = "handbook_words"  # … of the page's interface words, in the page's language
SCRIPT = "handbook-search.js"
SUGGEST = "handbook-suggest.js"
STYLE = "handbook-search.css"
STATIC = Path(__file__).resolve().parent / "static"


class LemmaSearch(SearchLanguage):
    """Index every word under the Snowball stem of its lemma (``handbook.search.analysis``).

    Mixed into a Snowball search language of Sphinx (``_lemma_class``). Without the
    ``handbook_lemmas`` option it is that language unchanged: Sphinx keeps search languages
    in a process-wide table, and another project built in the same process must not
    inherit lemmas it did not ask for.
    """

    stemmer: Any

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.active = bool(options.get(OPTION))
        if not self.active:
            return
        stem = self.stemmer.stemWord
        self.dictionary = lemmas.LemmaDictionary(Path(options[OPTION]), self.lang, stem)
        self.analysis = Analysis(self.lang, stem, self.stopwords, self.dictionary.lemma)
        self.js_splitter_code = SPLITTER_JS  # the page splits words as split() does
        self.fed: set[str] = set()  # every word indexed in this build, for the self-check
        self._silenced: set[str] = set()

    def split(self, input: str) -> list[str]:
        return split(input) if self.active else super().split(input)

    def stem(self, word: str) -> str:
        if not self.active:
            return super().stem(word)
        self.fed.add(word)
        key = self.analysis.key(word)
        if not key:
            self._silenced.add(word)
        return key

    def word_filter(self, word: str) -> bool:
        if not self.active:
            return super().word_filter(word)
        # Sphinx indexes the unstemmed word when the key is filtered out and the word is
        # not: a stop word ("temaga": lemma "tema") must be filtered in both shapes.
        return is_indexable(word, self.stopwords) and word not in self._silenced


def _lemma_class(base: type[SearchLanguage]) -> type[LemmaSearch]:
    name = f"Lemma{base.__name__}"
    namespace = {"__module__": __name__, "__qualname__": name, "snowball_class": base}
    return type(name, (LemmaSearch, base), namespace)


def _base_class(lang: str) -> type[SearchLanguage] | None:
    """Sphinx's search language for ``lang`` (never one of ours: an earlier build in this
    process may have registered it)."""
    found = languages.get(lang)
    if isinstance(found, str):
        from importlib import import_module

        module, _, name = found.rpartition(".")
        found = getattr(import_module(module), name)
    return getattr(found, "snowball_class", found)


def _choose_language(app: Sphinx, config: Config) -> None:
    mode = config.handbook_search
    if mode not in MODES:
        raise ConfigError(f"handbook_search = {mode!r}: use one of {', '.join(MODES)}")
    state.run(app).search_script = False
    if mode == "stock":
        return
    pins.require(__name__)  # searchindex.js is rewritten through Sphinx's js_index
    app.add_search_language(SearchEstonian)
    lang = config.html_search_language or config.language
    wanted = config.handbook_search_lemmas
    if mode != "lemmas" or (wanted is not None and lang not in wanted):
        return
    base = _base_class(lang)
    if base is None or not lemmas.supported(lang) or not hasattr(base({}), "stemmer"):
        logger.warning(
            "handbook_search: no lemma search for %r (needs a Snowball search language of "
            "Sphinx and a simplemma dictionary); Sphinx's own search is used",
            lang,
            type="handbook",
            subtype="search",
        )
        return
    _check_snowball_releases(base)
    stem = base({}).stemmer.stemWord
    lemmas.LemmaDictionary.open(lang, stem, report=logger.info).close()
    app.add_search_language(_lemma_class(base))
    options = {
        **config.html_search_options,
        OPTION: str(lemmas.cache_path(lang)),
        "handbook_analysis": str(analysis.VERSION),  # a new analysis re-indexes every page
    }
    config.html_search_options = options
    state.run(app).search_script = True


_GENERATED = re.compile(r"Generated from \S+ by Snowball (\S+)")


def _check_snowball_releases(base: type[SearchLanguage]) -> None:
    """The index is stemmed by snowballstemmer, the query by the JavaScript Sphinx ships;
    different Snowball releases stem some words differently, and those words would not
    find themselves. Both files say which release generated them."""
    python = Path(sys.modules[type(base({}).stemmer).__module__].__file__ or "")
    page = Path(sphinx.search.__file__).parent / "non-minified-js" / base.js_stemmer_rawcode
    releases = []
    for path in (python, page):
        with open(path, encoding="utf-8") as source:
            found = _GENERATED.search("".join(source.readline() for _ in range(3)))
        releases.append(found.group(1) if found else "?")
    if releases[0] != releases[1]:
        logger.warning(
            "handbook_search: the index is stemmed by Snowball %s (snowballstemmer) and the "
            "search page by Snowball %s (Sphinx's %s): some words would not find themselves "
            "— install snowballstemmer==%s (pyproject.toml pins it)",
            releases[0],
            releases[1],
            page.name,
            releases[1],
            type="handbook",
            subtype="search",
        )


def _add_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # Deferred: it runs after searchtools.js, language_data.js and searchindex.js, and
    # before Sphinx's search starts (DOMContentLoaded). Every page gets the list under its
    # search box (SUGGEST), which loads the search data when the box is first focused.
    if state.run(app).search_script:
        app.add_js_file(SCRIPT, loading_method="defer")
        app.add_js_file(SUGGEST, loading_method="defer")
        app.add_css_file(STYLE)


def _ship_forms(app: Sphinx, exception: BaseException | None) -> None:
    """Put the forms table into searchindex.js, once Sphinx has written it."""
    language = getattr(getattr(app.builder, "indexer", None), "lang", None)
    if exception is not None or not isinstance(language, LemmaSearch) or not language.active:
        return
    path = Path(app.outdir) / app.builder.searchindex_filename
    index = js_index.loads(path.read_text(encoding="utf-8"))
    keys = set(index["terms"]) | set(index["titleterms"])
    readers = _readers_words(app, language)
    index[INDEX_KEY] = _forms_for(
        app, language, keys | synonyms.keys(readers, language.analysis.key)
    )
    index[SYNONYMS_KEY] = synonyms.table(readers, language.analysis.key)
    index[WORDS_KEY] = {  # str(): a lazy translation until a catalog is loaded
        "also": str(_("Also searched:")),
        "nothing": str(
            _(
                "Nothing found. Try fewer words, the word the handbook would use, "
                "or the beginning of a long word."
            )
        ),
    }
    _check_page_agrees(language, index[INDEX_KEY])
    sections.write(Path(app.outdir), app.env.found_docs, app.builder.out_suffix)
    # Sphinx writes \uXXXX escapes; plain UTF-8 halves a Russian or Estonian index.
    text = js_index.PREFIX + _json(index) + js_index.SUFFIX
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".searchindex-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(temporary, path.stat().st_mode)  # mkstemp's 0600 would hide it from a web server
    os.replace(temporary, path)
    logger.info(
        "search index: %d KB, of which the forms table %d KB (%d lemmas)",
        len(text.encode()) // 1024,
        len(_json(index[INDEX_KEY]).encode()) // 1024,
        len(index[INDEX_KEY]["lemmas"]),
    )


def _project_locale_dirs(app: Sphinx) -> list[Path]:
    """The project's locale/ (handbook.toml), not config.locale_dirs: a build compiles its
    catalogs into a folder of its own (build/compiled.py), which holds only .po and .mo.
    A project without handbook.toml (a plain Sphinx project) has only its locale_dirs."""
    try:
        return [site.load(Path(app.confdir)).locale_dir]
    except site.DeclarationError:
        return [Path(app.confdir, d) for d in app.config.locale_dirs]


def _readers_words(app: Sphinx, language: LemmaSearch) -> dict[str, list[str]]:
    """The readers' words of this language (``synonyms``); a problem is a warning."""
    found: dict[str, list[str]] = {}
    for locale_dir in _project_locale_dirs(app):
        words, problems = synonyms.load(synonyms.path_for(Path(locale_dir), language.lang))
        for problem in problems:
            logger.warning(
                "handbook_search: %s",
                problem.message,
                location=f"{problem.path}:{problem.line or 0}",
                type="handbook",
                subtype="search",
            )
        for word, terms in words.items():
            found.setdefault(word, []).extend(t for t in terms if t not in found[word])
    return found


def _forms_for(app: Sphinx, language: LemmaSearch, keys: set[str]) -> dict:
    """The packed forms table for ``keys``; the previous build's when the keys, the
    analysis and the dictionary are the same (a no-op rebuild costs no lookups)."""
    memo = Path(app.doctreedir) / "handbook-search-forms.json"
    stamp = hashlib.sha256(
        _json([analysis.VERSION, str(language.dictionary.path), sorted(keys)]).encode()
    ).hexdigest()
    try:
        previous = json.loads(memo.read_text(encoding="utf-8"))
        if previous["stamp"] == stamp:
            return previous["forms"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    forms = pack(forms_table(language.analysis, language.dictionary, keys), language.lang)
    memo.write_text(_json({"stamp": stamp, "forms": forms}), encoding="utf-8")
    return forms


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _check_page_agrees(language: LemmaSearch, shipped: dict) -> None:
    """The page, with only the shipped table, must give every indexed word the build's key."""
    built = language.analysis
    page = Analysis(built.lang, built.stem, built.stopwords, unpack(shipped).get)
    # the same lemma means the same key; only a different lemma needs both keys
    wrong = sorted(
        w for w in language.fed if page.lemma(w) != built.lemma(w) and page.key(w) != built.key(w)
    )
    if wrong:
        logger.warning(
            "handbook_search: the page would analyse %d indexed word(s) differently from the "
            "build, e.g. %s",
            len(wrong),
            ", ".join(wrong[:5]),
            type="handbook",
            subtype="search",
        )


def setup(app: Sphinx) -> dict:
    app.add_config_value("handbook_search", "lemmas", "html", types=frozenset({str}))
    # None: every language that has a Snowball search language and a simplemma dictionary
    app.add_config_value("handbook_search_lemmas", None, "html", types=frozenset({list, tuple}))
    # the index's search language, chosen once -D language= is applied
    app.connect("config-inited", _choose_language)
    # the page half of the analysis (static/), linked from the search page only
    assets.ship(app, STATIC)
    app.connect("html-page-context", _add_script)
    # the forms table, into the search index Sphinx has just written
    app.connect("build-finished", _ship_forms)
    return handbook.extension_metadata()
