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

  // -- Ranking: pages by the query words they hold ---------------------------------------
  // Sphinx keeps only pages that hold every query word; a reader who types two or three
  // words rarely types the handbook's exact pair. Here every query word is a *slot* with
  // alternatives (its key; the handbook's terms for a reader's word; keys of its word
  // family), and a page scores per slot the best alternative it holds.
  const TITLE = 3; // a word in a title or heading counts as three in the text
  const SYNONYM = 0.9; // the handbook's term for the reader's word
  const FAMILY = 0.6; // one key a prefix of the other: honest/honesti, честн/честност
  const KIN = 0.4; // a long common beginning: терпен/терпелив
  const TYPED = 0.8; // a word the unfinished last word begins
  const MIN_PREFIX = 4;
  const MIN_PART = 4; // of a compound: shorter parts split words that are none (teenind|aja)
  const MIN_COMMON = 5;

  const filesOf = (table, key) => {
    const files = Object.hasOwn(table, key) ? table[key] : [];
    return Array.isArray(files) ? files : [files];
  };

  const commonLength = (a, b) => {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
    return n;
  };

  class Ranking {
    /** index: Sphinx's search index (terms, titleterms, docnames, titles, alltitles). */
    constructor(index, analysis) {
      this.index = index;
      this.analysis = analysis;
      this.synonyms = index.handbook_synonyms ?? {};
      // sorted: the keys that begin alike are neighbours (``startingWith``)
      this.keys = [
        ...new Set([...Object.keys(index.terms), ...Object.keys(index.titleterms)]),
      ].sort();
      this.known = new Set(this.keys);
      this.families = new Map();
      this.headings = null;
    }

    has(key) {
      return this.known.has(key);
    }

    /** The index keys that begin with ``prefix`` (a binary search, then neighbours). */
    startingWith(prefix) {
      let [low, high] = [0, this.keys.length];
      while (low < high) {
        const middle = (low + high) >> 1;
        if (this.keys[middle] < prefix) low = middle + 1;
        else high = middle;
      }
      const found = [];
      for (let at = low; at < this.keys.length && this.keys[at].startsWith(prefix); at += 1)
        found.push(this.keys[at]);
      return found;
    }

    /** Index keys of the same word family as ``key``, with their weight. */
    family(key) {
      let found = this.families.get(key);
      if (found !== undefined) return found;
      found = [];
      if (key.length >= MIN_PREFIX) {
        const seen = new Set([key]);
        const add = (other, weight) => {
          if (!seen.has(other)) found.push({ key: other, weight }) && seen.add(other);
        };
        // one key begins the other
        for (let length = MIN_PREFIX; length < key.length; length += 1)
          if (this.has(key.slice(0, length))) add(key.slice(0, length), FAMILY);
        this.startingWith(key).forEach((other) => add(other, FAMILY));
        // a long common beginning: every such key shares the first MIN_COMMON letters
        if (key.length >= MIN_COMMON)
          for (const other of this.startingWith(key.slice(0, MIN_COMMON))) {
            const common = commonLength(key, other);
            if (common >= Math.min(key.length, other.length) - 2) add(other, KIN);
          }
      }
      this.families.set(key, found);
      return found;
    }

    /**
     * A word the index lacks, as two words it has: teenindusjuhend → teenindus + juhend.
     * Of the possible cuts, the one whose parts are indexed as they are (not only through
     * relatives), then the longer first part.
     */
    parts(word) {
      const folded = this.analysis.fold(word);
      const known = (part) => {
        const key = this.analysis.key(part);
        if (!key) return [null, 0];
        if (this.has(key)) return [key, 2];
        return part.length >= MIN_PART && this.family(key).length ? [key, 1] : [null, 0];
      };
      let best = null;
      let most = 0;
      for (let cut = folded.length - MIN_PART; cut >= MIN_PART; cut -= 1) {
        const [left, leftScore] = known(folded.slice(0, cut));
        const [right, rightScore] = left ? known(folded.slice(cut)) : [null, 0];
        if (right && leftScore + rightScore > most) [best, most] = [[left, right], leftScore + rightScore];
      }
      return best;
    }

    /** Index keys that begin like ``word`` (the word still being typed). */
    beginnings(word) {
      const stem = this.analysis.key(word);
      const folded = this.analysis.fold(word);
      if (folded.length < 2) return [];
      const begun = new Set(this.startingWith(folded));
      if (stem) this.startingWith(stem).forEach((key) => begun.add(key));
      begun.delete(stem);
      return [...begun].slice(0, 40).map((key) => ({ key, weight: TYPED }));
    }

    /**
     * The slots of a query: per word, its alternatives [{key, weight, via}]. ``typing``: the
     * last word is not finished, so it also stands for the words it begins.
     */
    slots(words, { typing = false } = {}) {
      const slots = [];
      for (const [at, word] of words.entries()) {
        if (typing && at === words.length - 1) {
          const begun = this.beginnings(word);
          const key = this.analysis.key(word);
          if (begun.length && !this.has(key)) {
            slots.push(begun);
            continue;
          }
          if (begun.length) {
            const alternatives = [{ key, weight: 1 }, ...begun];
            slots.push(alternatives);
            continue;
          }
        }
        const key = this.analysis.key(word);
        if (!key) continue;
        const keys = [key];
        // a compound only when no close relative is indexed: teenindaja is teeninda's kin
        const close = this.family(key).some(
          (other) => other.weight === FAMILY && other.key.length >= key.length - 2,
        );
        if (!this.has(key) && !close && word.length >= 2 * MIN_PART) {
          const parts = this.parts(word);
          if (parts) keys.splice(0, 1, ...parts);
        }
        for (const one of keys) {
          const alternatives = [{ key: one, weight: 1 }];
          for (const term of this.synonyms[one] ?? [])
            for (const termWord of split(term)) {
              const termKey = this.analysis.key(termWord);
              if (termKey) alternatives.push({ key: termKey, weight: SYNONYM, via: term });
            }
          alternatives.push(...this.family(one));
          slots.push(alternatives);
        }
      }
      return slots;
    }

    /**
     * Pages by the slots they hold (a slot held only by a distant relative counts half), then by
     * score: per slot the best alternative, rarer
     * keys weighing more (idf), a title or heading match TITLE times a text match.
     * [{file, held, score, keys}], best first.
     */
    rank(slots) {
      const { terms, titleterms, docnames } = this.index;
      const total = docnames.length;
      const pages = new Map();
      for (const alternatives of slots) {
        const best = new Map(); // file → [score, key, weight]
        for (const { key, weight } of alternatives) {
          const text = filesOf(terms, key);
          const title = filesOf(titleterms, key);
          const holders = new Set([...text, ...title]).size;
          if (!holders) continue;
          const idf = Math.log(1 + total / holders);
          for (const [files, field] of [
            [text, 1],
            [title, TITLE],
          ])
            for (const file of files) {
              const score = idf * field * weight;
              if (score > (best.get(file)?.[0] ?? 0)) best.set(file, [score, key, weight]);
            }
        }
        for (const [file, [score, key, weight]] of best) {
          const page = pages.get(file) ?? { file, held: 0, score: 0, keys: [] };
          page.held += weight > KIN ? 1 : 0.5; // a distant relative holds a word half
          page.score += score;
          page.keys.push(key);
          pages.set(file, page);
        }
      }
      return [...pages.values()].sort((a, b) => b.held - a.held || b.score - a.score);
    }

    /**
     * Of a page's sections ([[anchor, heading, text]], handbook-sections.js), the one whose
     * heading and text hold most of the slots; null when none holds any.
     */
    bestSection(docname, sections, slots) {
      this.sectionKeys ??= new Map();
      let chosen = null;
      let most = 0;
      for (const section of sections) {
        const id = `${docname}#${section[0]}`;
        if (!this.sectionKeys.has(id))
          this.sectionKeys.set(
            id,
            new Set(split(`${section[1]} ${section[2]}`).map((w) => this.analysis.key(w))),
          );
        const keys = this.sectionKeys.get(id);
        const held = slots.filter((alternatives) => alternatives.some((a) => keys.has(a.key)));
        if (held.length > most) [chosen, most] = [section, held.length];
      }
      return chosen;
    }

    /** The section of ``file`` whose heading holds most of ``keys``: [anchor, heading]. */
    section(file, keys) {
      if (this.headings === null) {
        this.headings = new Map();
        for (const [heading, places] of Object.entries(this.index.alltitles ?? {})) {
          const held = new Set(split(heading).map((w) => this.analysis.key(w)));
          for (const [where, anchor] of places) {
            if (anchor === null) continue;
            if (!this.headings.has(where)) this.headings.set(where, []);
            this.headings.get(where).push({ heading, anchor, held });
          }
        }
      }
      let chosen = null;
      let most = 0;
      for (const one of this.headings.get(file) ?? []) {
        const count = keys.filter((key) => one.held.has(key)).length;
        if (count > most) [chosen, most] = [one, count];
      }
      return chosen === null ? ["", null] : [`#${chosen.anchor}`, chosen.heading];
    }
  }

  return { Analysis, Ranking, WORD, decodeForm, decodeTable, split };
})();

if (typeof module !== "undefined") module.exports = HandbookSearch; // node, in the tests

// -- The search page ------------------------------------------------------------------
if (typeof Search !== "undefined" && typeof Search.makeSearchSummary === "function") {
  (() => {
    const Snowball = window.Stemmer; // set by language_data.js
    window.HandbookSnowball = Snowball; // for the list under the search box (suggest.js)
    let analysis = null;
    const current = () =>
      (analysis ??= new HandbookSearch.Analysis(
        new Snowball(),
        // language_data.js declares it with const: a global binding, not a window property
        typeof stopwords !== "undefined" ? stopwords : window.stopwords,
        Search._index?.handbook_forms,
      ));

    // searchtools.js calls `new Stemmer()` for every query: hand it the whole analysis.
    window.Stemmer = function () {
      this.stemWord = (word) => current().key(word);
    };

    // Rank pages by the query words they hold (HandbookSearch.Ranking), not Sphinx's
    // all-words-or-nothing; each result opens at the section whose heading holds its words.
    let ranking = null;
    Search._performSearch = (query) => {
      ranking ??= new HandbookSearch.Ranking(Search._index, current());
      const slots = ranking.slots(HandbookSearch.split(query));
      const { docnames, titles, filenames } = Search._index;
      const ranked = ranking.rank(slots);
      lastSlots = slots;
      showAlso([...new Set(slots.flat().map((a) => a.via).filter((via) => via))]);
      showNothing(ranked.length === 0);
      if (ranked.length === 0) showOtherLanguages(query);
      // Sphinx shows the last item first: worst first
      return ranked.reverse().map((page, i) => {
        const [anchor, heading] =
          (i >= ranked.length - BY_TEXT && bestSection(docnames[page.file], slots)) ||
          ranking.section(page.file, page.keys);
        const title = heading && heading !== titles[page.file] ? `${titles[page.file]} > ${heading}` : titles[page.file];
        return [docnames[page.file], title, anchor, null, i, filenames[page.file], "text"];
      });
    };
    let lastSlots = [];

    // -- the sections' text (handbook-sections.js, written by the build) -----------------
    const BY_TEXT = 50; // results whose section is chosen by their text, best first
    const sectionsOf = (docname) =>
      typeof HandbookSections !== "undefined" ? HandbookSections[docname] : undefined;

    /** [anchor, heading] of the section of ``docname`` that holds most of the slots. */
    const bestSection = (docname, slots) => {
      const sections = sectionsOf(docname);
      if (!sections) return null;
      const chosen = ranking.bestSection(docname, sections, slots);
      if (chosen === null || chosen[0] === "") return ["", null];
      return [`#${chosen[0]}`, chosen[1]];
    };

    // Every result at once, its snippet from the sections' text: no page fetched per result.
    // Loaded here, untagged like searchindex.js (it is rewritten after the pages that would
    // carry its ?v= checksum), and at once, beside the index.
    const sectionsLoaded = new Promise((resolve) => {
      if (typeof HandbookSections !== "undefined") return resolve(true);
      if (typeof document === "undefined") return resolve(false); // node, in the tests
      const script = document.createElement("script");
      script.src = `${document.documentElement.dataset.content_root ?? ""}_static/handbook-sections.js`;
      script.onload = () => resolve(true);
      script.onerror = () => resolve(false);
      document.head.append(script);
    });
    const sphinxQuery = Search.query;
    Search.query = async (query) => {
      if (!(await sectionsLoaded) || typeof _finishSearch !== "function")
        return sphinxQuery(query); // the data did not come: Sphinx's way
      const [searchQuery, searchTerms, excluded, highlightTerms, objectTerms] =
        Search._parseQuery(query);
      const results = Search._performSearch(
        searchQuery,
        searchTerms,
        excluded,
        highlightTerms,
        objectTerms,
      ).reverse();
      const wanted = new Set(lastSlots.flat().map((a) => a.key));
      const suffix = DOCUMENTATION_OPTIONS.LINK_SUFFIX;
      const items = results.map(([docname, title, anchor]) => {
        const item = document.createElement("li");
        item.classList.add("kind-text");
        const link = item.appendChild(document.createElement("a"));
        link.href = docname + suffix + anchor;
        link.textContent = title;
        const section = (sectionsOf(docname) ?? []).find(([id]) => `#${id}` === anchor) ??
          sectionsOf(docname)?.[0];
        const summary = section ? summarise(`${section[1]} ${section[2]}`, wanted) : null;
        if (summary) item.append(summary);
        return item;
      });
      Search.output.append(...items);
      _finishSearch(results.length);
    };

    // Nothing found: advice in the page's language (handbook.po) instead of Sphinx's.
    const showNothing = (nothing) => {
      document.getElementById("handbook-nothing")?.remove();
      Search.status?.parentElement?.classList.toggle("handbook-empty", nothing);
      if (!nothing || !Search.status) return;
      const note = document.createElement("p");
      note.id = "handbook-nothing";
      note.classList.add("handbook-nothing");
      note.textContent = Search._index.handbook_words?.nothing ?? "";
      Search.status.after(note);
    };

    // Nothing in the reader's language: the sections of the other languages that hold the
    // query's words (by their beginnings, without the other language's analysis), each
    // labelled with its language. Their section texts are read as JSON, shown as text.
    const PREFIX = "var HandbookSections = ";
    const showOtherLanguages = async (query) => {
      const words = HandbookSearch.split(query.toLowerCase()).map((w) =>
        w.slice(0, Math.max(4, w.length - 2)),
      );
      if (!words.length) return;
      const links = [...document.querySelectorAll("nav.language-switcher a.language-link")];
      const found = [];
      for (const link of links) {
        const base = new URL(".", link.href);
        let data;
        try {
          const text = await (await fetch(new URL("_static/handbook-sections.js", base))).text();
          data = JSON.parse(text.slice(PREFIX.length).trim().replace(/;$/, ""));
        } catch {
          continue;
        }
        for (const [docname, sections] of Object.entries(data))
          for (const [anchor, heading, body] of sections) {
            const said = HandbookSearch.split(`${heading} ${body}`.toLowerCase());
            const held = words.filter((w) => said.some((s) => s.startsWith(w))).length;
            if (held === words.length)
              found.push({ link, base, docname, anchor, heading: heading || docname, held });
          }
      }
      if (!found.length || !Search.output) return;
      for (const hit of found.slice(0, 10)) {
        const item = Search.output.appendChild(document.createElement("li"));
        item.classList.add("handbook-other-language");
        const anchor = hit.anchor ? `#${hit.anchor}` : "";
        const a = item.appendChild(document.createElement("a"));
        a.href = new URL(`${hit.docname}${DOCUMENTATION_OPTIONS.LINK_SUFFIX}${anchor}`, hit.base);
        a.lang = hit.link.lang;
        a.textContent = hit.heading;
        const label = item.appendChild(document.createElement("span"));
        label.classList.add("handbook-language-label");
        label.textContent = ` (${hit.link.textContent.trim()})`;
      }
    };

    // The language switcher keeps the query: the same search in the other language. The
    // query goes in through URLSearchParams (encoded), never as markup.
    const asked = typeof location !== "undefined" && new URLSearchParams(location.search).get("q");
    if (asked)
      document.querySelectorAll("nav.language-switcher a.language-link").forEach((link) => {
        const url = new URL(link.href);
        url.searchParams.set("q", asked);
        link.href = url.href;
      });

    // "Also searched: customer" under the summary line: the terms a reader's word brought in.
    const showAlso = (terms) => {
      document.getElementById("handbook-also")?.remove();
      if (!terms.length || !Search.status) return;
      const note = document.createElement("p");
      note.id = "handbook-also";
      note.classList.add("handbook-also");
      note.textContent = `${Search._index.handbook_words?.also ?? "Also searched:"} ${terms.join(", ")}`;
      Search.status.after(note);
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
      const wanted = new Set([...keywords].filter((key) => key));
      for (const alternatives of lastSlots) alternatives.forEach((a) => wanted.add(a.key));
      return summarise(Search.htmlToText(htmlText, anchor), wanted);
    };

    /** A snippet of ``text`` where most of the ``wanted`` keys meet, their forms marked. */
    const summarise = (plain, wanted) => {
      const text = plain.normalize("NFC");
      if (text === "") return null;
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
