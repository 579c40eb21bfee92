"""Each language's glossary in its own alphabetical order.

A glossary is written in Russian order, and a translation keeps the order of its source:
the Estonian and English glossaries followed Russian alphabetical order. After the
translation has been applied (a transform that runs after Sphinx's ``Locale``), the terms
of every glossary are sorted by their translated headword in the alphabet of the page's
language.

Why an alphabet table and not a library: ICU (PyICU) knows Estonian order but needs the
ICU C++ library built into the environment; the machines have no system locales beyond C
(so ``locale.strxfrm`` cannot do it); pyuca has only the default Unicode order, which puts
š with s and z after y. The alphabets of three languages are short and fixed.
"""

from __future__ import annotations

import unicodedata

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

import handbook

# Letters in order; a letter not listed sorts by its base letter (é as e), after the list.
ALPHABETS = {
    "ru": "а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я",
    "et": "a b c d e f g h i j k l m n o p q r s š z ž t u v w õ ä ö ü x y",
    "en": "a b c d e f g h i j k l m n o p q r s t u v w x y z",
}


def sort_key(word: str, language: str):
    """The key that orders ``word`` in ``language`` (unknown languages: Unicode order).
    Punctuation and spaces do not count ("«Service League»" files under S), case only
    breaks ties."""
    alphabet = ALPHABETS.get(language)
    letters = [c for c in unicodedata.normalize("NFC", word) if c.isalnum()]
    if alphabet is None:
        return ("".join(letters).casefold(), word)
    order = {letter: index for index, letter in enumerate(alphabet.split())}
    key = []
    for char in letters:
        lower = char.lower()
        if lower in order:
            key.append((0, order[lower], 0))
        else:
            base = unicodedata.normalize("NFD", lower)[0]
            key.append((0, order[base], 1) if base in order else (1, ord(lower), 0))
    return (key, word)


class SortGlossaries(SphinxTransform):
    # after sphinx.transforms.i18n.Locale (20), so the headwords are the translated ones
    default_priority = 25

    def apply(self, **kwargs) -> None:
        language = self.config.language
        for glossary in self.document.findall(addnodes.glossary):
            for definitions in glossary.findall(nodes.definition_list):
                items = list(definitions.children)
                items.sort(key=lambda item: sort_key(_headword(item), language))
                definitions.children = []
                definitions.extend(items)


def _headword(item: nodes.Node) -> str:
    term = next(iter(item.findall(nodes.term)), None)
    return term.astext() if term is not None else item.astext()


def setup(app: Sphinx) -> dict:
    app.add_transform(SortGlossaries)
    return handbook.extension_metadata()
