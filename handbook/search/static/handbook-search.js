/*
 * Search that meets every form of a word: the page half of handbook/search/analysis.py.
 *
 * Sphinx's search page turns each query word into a key with `new Stemmer().stemWord()`;
 * the build indexed every word under the Snowball stem of its lemma. With the forms table
 * that the build puts into searchindex.js (`handbook_forms`), `Analysis.key` below gives
 * each word the key the build gives it — line for line as handbook/search/analysis.py does, and a
 * test runs both over every word of the built handbook. The snippets under the results find
 * the query in any of its forms and highlight those forms, here and on the page opened.
 *
 * Loaded deferred on search.html only: after searchtools.js, language_data.js (the language's
 * Snowball stemmer, `stopwords`, `splitQuery`) and searchindex.js, before the search runs.
 */
"use strict";

const HandbookSearch = (() => {
  const WORD = /[\p{L}\p{N}_]+/gu; // Python's \w on NFC text
  const ASCII_DIGITS = /^[0-9]+$/;

  /** Rebuild one form from its lemma: "1:diga" on "klient" is "kliendiga". */
  const decodeForm = (lemma, code) => {
    const colon = code.indexOf(":");
    if (colon < 0) return lemma + code;
    const drop = Number(code.slice(0, colon));
    return lemma.slice(0, lemma.length - drop) + code.slice(colon + 1);
  };

  /** form → lemma, from the shipped table: lemma → number of its "code code …" list. */
  const decodeTable = ({ paradigms = [], lemmas = {} }) => {
    const lemmaOf = new Map();
    for (const [lemma, number] of Object.entries(lemmas))
      for (const code of paradigms[number].split(" ")) lemmaOf.set(decodeForm(lemma, code), lemma);
    return lemmaOf;
  };

  class Analysis {
    /**
     * stemmer: a Snowball stemmer (language_data.js); stopwords: a Set; table: the
     * shipped forms table, {folds: {"ё": "е"}, paradigms: [...], lemmas: {...}}.
     */
    constructor(stemmer, stopwords, table = {}) {
      this.stemmer = stemmer;
      this.stopwords = stopwords;
      this.folds = Object.entries(table.folds ?? {});
      this.lemmaOf = decodeTable(table);
      this.keys = new Map();
    }

    fold(word) {
      let folded = word.toLowerCase().normalize("NFC");
      for (const [from, to] of this.folds) folded = folded.replaceAll(from, to);
      return folded;
    }

    /** "" for a stop word, else the Snowball stem of the word's lemma. */
    key(word) {
      let known = this.keys.get(word);
      if (known === undefined) {
        known = this.#key(word);
        this.keys.set(word, known);
      }
      return known;
    }

    #key(word) {
      const lower = word.toLowerCase();
      if (this.stopwords.has(lower) || ASCII_DIGITS.test(lower)) return "";
      const form = this.fold(lower);
      if (this.stopwords.has(form)) return "";
      return this.keyOfLemma(this.lemmaOf.get(form) ?? form);
    }

    keyOfLemma(lemma) {
      if (this.stopwords.has(lemma)) return "";
      const stem = this.stemmer.stemWord(lemma);
      // a key spelled like a stop word or a number gets a "~", or Sphinx drops it
      return this.stopwords.has(stem) || ASCII_DIGITS.test(stem) ? `${stem}~` : stem;
    }
  }

  const split = (text) => text.normalize("NFC").match(WORD) || [];

  return { Analysis, WORD, decodeForm, decodeTable, split };
})();

if (typeof module !== "undefined") module.exports = HandbookSearch; // node, in the tests

// -- The search page ------------------------------------------------------------------
if (typeof Search !== "undefined" && typeof Search.makeSearchSummary === "function") {
  (() => {
    const Snowball = window.Stemmer; // set by language_data.js
    let analysis = null;
    const current = () =>
      (analysis ??= new HandbookSearch.Analysis(
        new Snowball(),
        window.stopwords,
        Search._index?.handbook_forms,
      ));

    // searchtools.js calls `new Stemmer()` for every query: hand it the whole analysis.
    window.Stemmer = function () {
      this.stemWord = (word) => current().key(word);
    };

    // Forms the snippets found, kept for sphinx_highlight.js on the page the reader opens.
    const found = new Set();
    const remember = (forms) => {
      // sphinx_highlight.js declares it with const: not a property of window
      if (typeof SPHINX_HIGHLIGHT_ENABLED === "undefined" || !SPHINX_HIGHLIGHT_ENABLED) return;
      if (forms.length === 0) return;
      forms.forEach((form) => found.add(form));
      const typed = (localStorage.getItem("sphinx_highlight_terms") || "").split(" ");
      localStorage.setItem(
        "sphinx_highlight_terms",
        [...new Set([...typed, ...found])].filter((term) => term).join(" "),
      );
    };

    const CONTEXT = 120; // characters on each side, as Sphinx's own snippets

    /** Sphinx's snippet, centred where most query words meet, in whatever form. */
    Search.makeSearchSummary = (htmlText, keywords, anchor) => {
      const text = Search.htmlToText(htmlText, anchor).normalize("NFC");
      if (text === "") return null;
      const wanted = new Set([...keywords].filter((key) => key));
      const hits = [];
      for (const match of text.matchAll(HandbookSearch.WORD)) {
        const key = current().key(match[0]);
        if (wanted.has(key)) hits.push({ at: match.index, end: match.index + match[0].length, key });
      }
      // of the windows around each hit, the first that shows the most different query words
      const windowAt = (hit) => Math.max(hit.at - CONTEXT, 0);
      const inWindow = (start) => hits.filter((h) => h.at >= start && h.end <= start + 2 * CONTEXT);
      let start = 0;
      let most = 0;
      for (const hit of hits) {
        const count = new Set(inWindow(windowAt(hit)).map((h) => h.key)).size;
        if (count > most) [start, most] = [windowAt(hit), count];
      }
      const end = Math.min(start + 2 * CONTEXT, text.length);

      // text, highlighted form, text, …: Sphinx's snippet with the forms marked
      const pieces = [];
      let at = start;
      for (const hit of inWindow(start)) {
        pieces.push(text.slice(at, hit.at), text.slice(hit.at, hit.end));
        at = hit.end;
      }
      pieces.push(text.slice(at, end));
      pieces[0] = pieces[0].trimStart();
      pieces[pieces.length - 1] = pieces[pieces.length - 1].trimEnd();

      const summary = document.createElement("p");
      summary.classList.add("context");
      if (start > 0) summary.append("...");
      const forms = [];
      pieces.forEach((piece, i) => {
        if (i % 2 === 0) return summary.append(piece);
        const mark = summary.appendChild(document.createElement("span"));
        mark.classList.add("highlighted");
        mark.textContent = piece;
        forms.push(piece.toLowerCase());
      });
      if (end < text.length) summary.append("...");
      remember(forms);
      return summary;
    };
  })();
}
