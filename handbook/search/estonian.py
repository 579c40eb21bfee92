"""Estonian for Sphinx's search, which has none: without it Sphinx indexes Estonian pages
with the English stemmer ("dumping search index in English (code: en)").

Snowball's Estonian stemmer (snowballstemmer ≥ 3) stems the index in Python, and the copy
of the same algorithm that Sphinx 9 ships (``estonian-stemmer.js``) stems the query in the
page. The stop words below are Estonian's closed-class words — pronouns, conjunctions,
particles, the forms of *olema* — written for this handbook (Snowball has no list for
Estonian). ``handbook.search.extension`` builds lemma search on top of this class.
"""

from __future__ import annotations

import snowballstemmer
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage, parse_stop_word

import handbook

# Snowball's stop-list format: words separated by spaces, "|" starts a comment.
ESTONIAN_STOPWORDS = frozenset(
    parse_stop_word("""
mina ma minu mu mind mulle mul minult minust minus minuga   | I
sina sa sinu su sind sulle sul sinult sinust sinus sinuga   | you
tema ta teda talle tal temalt temast temas temaga           | he, she
meie me meid meile meil meilt meist meis meiega             | we
teie te teid teile teil teilt teis teiega                   | you (plural)
nemad nad nende neid neile neil neilt neist neis nendega    | they
ise enda end endale endal endast oma                        | self, own
see selle seda sellele sellel sellest selles sellega sellesse   | this, it
need nendele nendel nendest nendes too tolle                | these, that
kes kelle keda kellele kellel kellest kellega               | who
mis mille mida millele millel millest milles millega        | what, which
milline missugune kumb                                      | which
kus kuhu kust kuidas millal miks mispärast kas              | where, how, when, why
ja ning ega ehk või aga kuid vaid ent                       | and, or, but
et kui kuna sest nagu siis seega kuigi ehkki kuni           | that, if, because, as
ka ei ära ärge mitte veel juba just ainult ikka küll vist isegi   | particles
nii siin seal sinna siia praegu samuti siiski väga          | adverbs of degree and place
olema olla on oli olid olin olime olite oled oleme olete olen   | to be
olnud oleks oleksid olevat ollakse oldi ole olge olgu pole polnud
kohta järgi jaoks juurde juures poolt pärast enne ilma koos abil kaudu mööda
kõik kõike kõiki kõigi kõigile kõigil kõigest mõni mõne mõnda iga   | all, some, every
""")
)


class SearchEstonian(SearchLanguage):
    lang = "et"
    language_name = "Estonian"  # Sphinx names the JavaScript class after it: EstonianStemmer
    js_stemmer_rawcode = "estonian-stemmer.js"
    stopwords = ESTONIAN_STOPWORDS

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.stemmer = snowballstemmer.stemmer("estonian")

    def stem(self, word: str) -> str:
        return self.stemmer.stemWord(word.lower())


def setup(app: Sphinx) -> dict:
    # Sphinx keeps search languages in one process-wide table; "et" is not in it otherwise.
    app.add_search_language(SearchEstonian)
    return handbook.extension_metadata()
