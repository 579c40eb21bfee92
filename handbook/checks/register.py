"""The handbook's register: it addresses the reader formally (Estonian *teie*, never *sina*).

A pragmatic check, not a grammar: curated lists of the informal forms that actually occur
in instructions and titles — the *sina* pronouns, second person singular present verbs
(*oled*, *tead*), and singular imperatives at the start of a sentence or after the negative
*ära* (*Tunnista viga, kuid ära vabanda*). Forms that are also other words (*tee* "road",
*pead* "heads") are left out of the lists or only counted where an imperative stands.

When the Russian itself uses *ты* (a quoted colleague, a friend), the informal Estonian is
faithful and the entry is not checked. Nor are interface strings (English msgids from the
theme and the extensions: "Go to the start page"), whose commands follow the software
convention of the singular imperative (*Ava*, *Laienda*).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from handbook.checks.reading import Catalog
from handbook.checks.typography import visible
from handbook.findings import Finding


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Estonian: *sina* pronoun forms (not "sinna" = "there")
PRONOUNS = {
    "et": _words(
        "sa sina su sinu sind sinda sul sinul sulle sinule sult sinult sust sinust "
        "sinuga sinus sinusse sinuni sinuta"
    )
}
# Estonian: second person singular present, where the form is nothing else
PRESENT = {
    "et": _words(
        "oled saad tead võid tahad suudad räägid vastad ütled vabandad mõistad näed "
        "kuulad kuuled küsid helistad kirjutad jääd lähed tuled annad võtad jõuad tunned "
        "arvad pakud märkad selgitad proovid lubad hoiad mõtled loed tunnistad oskad "
        "leiad teenindad aitad mäletad kasutad ootad"
    )
}
# Estonian: singular imperatives (= the negative stem: "ei vasta" is any person, so these
# count only at the start of a sentence or after "ära")
IMPERATIVE = {
    "et": _words(
        "vabanda räägi kuula ütle küsi vasta tunnista jäta pane hoia mõtle helista "
        "kirjuta anna võta luba vaata proovi palu selgita lase püüa näita kontrolli "
        "alusta lõpeta oota jälgi paku märka kasuta täpsusta korda saada jaga keskendu "
        "kirjelda leia mine tule ole hinga naerata unusta karda vaidle katkesta lükka "
        "muretse kiirusta tee aita teeninda pea"
    )
}
NEGATIVE = {"et": "ära"}
# Russian *ты* forms: where the source is informal, so may the translation be
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)  # a msgid from the Russian text
INFORMAL_SOURCE = re.compile(
    r"\b(ты|тебя|тебе|тобой|тобою|твой|твоя|твоё|твое|твои|твоего|твоей|твоему|твоим|"
    r"твоих|твоими|твою)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_]+")
SENTENCE_START = re.compile(r"(?:^|[.!?:;…]\s+|[„“\"(]\s*)$")


def informal_words(text: str, code: str) -> Iterator[str]:
    """The informal (*sina*) forms in ``text``, each as written, in order."""
    if code not in PRONOUNS:
        return
    words = list(WORD.finditer(text))
    for index, match in enumerate(words):
        word, lower = match[0], match[0].lower()
        previous = words[index - 1][0].lower() if index else ""
        if lower in PRONOUNS[code] or lower in PRESENT[code]:
            yield word
        elif lower == NEGATIVE[code] and index + 1 < len(words):
            following = words[index + 1][0].lower()
            starts = SENTENCE_START.search(text[: match.start()])
            if starts or following in IMPERATIVE[code]:
                yield f"{word} {words[index + 1][0]}"
        elif (
            lower in IMPERATIVE[code]
            and previous not in (NEGATIVE[code], "ei")
            and SENTENCE_START.search(text[: match.start()])
        ):
            yield word


def catalog_problems(catalog: Catalog) -> list[Finding]:
    """Every translation that addresses the reader informally where the Russian does not."""
    findings = []
    for entry in catalog.po.translated_entries():
        if entry.obsolete or entry.msgid_plural or not CYRILLIC.search(entry.msgid):
            continue
        if INFORMAL_SOURCE.search(entry.msgid):
            continue
        found = list(dict.fromkeys(informal_words(visible(entry.msgstr), catalog.code)))
        if found:
            quoted = ", ".join(f'"{w}"' for w in found)
            findings.append(
                catalog.finding(
                    entry,
                    f"register: {quoted} address the reader as sina — the handbook says teie "
                    "(Tunnistage, ärge vabandage, teie, olete)",
                )
            )
    return findings
