/*
 * As you type: the search box of every page lists the best pages under it.
 *
 * Each entry: the page's title, the section holding most of the words and a snippet from
 * it with the words' forms marked (the sections' text arrives just after the first list).
 * An ARIA combobox (the box) with a listbox (the list): ↑ ↓ choose, Enter opens the chosen
 * page or, with none chosen, the full results page (the form's own submit), Esc closes.
 * The search data (language_data.js and searchindex.js, the files search.html loads) is
 * fetched the first time the box gets focus, so a page that is only read loads nothing
 * more. Ranking and analysis are HandbookSearch's (handbook-search.js), as on search.html;
 * the word being typed also matches as the beginning of a word.
 *
 * Text from the index (titles, headings) goes into the page as text, never as markup.
 */
"use strict";
(() => {
  const box = document.querySelector("input.sidebar-search");
  if (!box || typeof HandbookSearch === "undefined") return;
  const form = box.form;
  const root = document.documentElement.dataset.content_root ?? "./";
  const SHOWN = 7;

  // -- the data, once -------------------------------------------------------------------
  const loadScript = (src) =>
    new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });

  let ready = null;
  const load = () =>
    (ready ??= (async () => {
      if (typeof Search !== "undefined" && typeof Search.hasIndex === "function") {
        // search.html loads the data itself
        while (!Search.hasIndex()) await new Promise((resolve) => setTimeout(resolve, 20));
        return Search._index;
      }
      const indexed = new Promise((resolve) => {
        window.Search = window.Search ?? {};
        const earlier = window.Search.setIndex;
        window.Search.setIndex = (index) => {
          window.Search._index = index;
          earlier?.call(window.Search, index);
          resolve(index);
        };
      });
      if (typeof window.Stemmer === "undefined") await loadScript(`${root}_static/language_data.js`);
      await loadScript(`${root}searchindex.js`);
      return indexed;
    })());

  // The sections' text (for snippets) comes after the first results: not part of the
  // bytes a reader waits for (search.html loads it itself).
  let sections = null;
  const loadSections = () => {
    if (sections !== null) return;
    sections = {};
    if (typeof HandbookSections !== "undefined") return void (sections = HandbookSections);
    loadScript(`${root}_static/handbook-sections.js`)
      .then(() => {
        sections = HandbookSections;
        if (!list.hidden) suggest(performance.now(), false);
      })
      .catch(() => {});
  };

  const SNIPPET = 90; // characters of a snippet in the list

  /** A short snippet of ``text`` from the first query word in it, its forms marked. */
  const snippet = (text, wanted, analysis) => {
    const hits = [...text.matchAll(HandbookSearch.WORD)].filter((m) =>
      wanted.has(analysis.key(m[0])),
    );
    if (!text) return null;
    // no word in the text (it was in the title): the section's beginning
    const start = hits.length ? Math.max(0, hits[0].index - 20) : 0;
    const end = Math.min(text.length, start + SNIPPET);
    const line = document.createElement("span");
    line.className = "snippet";
    let at = start;
    if (start > 0) line.append("…");
    for (const hit of hits) {
      const stop = hit.index + hit[0].length;
      if (stop > end) break;
      line.append(text.slice(at, hit.index));
      line.append(Object.assign(document.createElement("mark"), { textContent: hit[0] }));
      at = stop;
    }
    line.append(text.slice(at, end));
    if (end < text.length) line.append("…");
    return line;
  };

  let ranking = null;
  const rankingFor = (index) => {
    if (ranking === null) {
      // language_data.js's Stemmer, not the search page's wrapper around it
      const Snowball = window.HandbookSnowball ?? window.Stemmer;
      const analysis = new HandbookSearch.Analysis(
        new Snowball(),
        typeof stopwords !== "undefined" ? stopwords : new Set(),
        index.handbook_forms,
      );
      ranking = new HandbookSearch.Ranking(index, analysis);
    }
    return ranking;
  };

  // -- the list -------------------------------------------------------------------------
  const list = document.createElement("ul");
  list.id = "handbook-suggestions";
  list.className = "handbook-suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", box.getAttribute("aria-label") ?? "");
  list.hidden = true;
  form.after(list);
  box.setAttribute("role", "combobox");
  box.setAttribute("aria-autocomplete", "list");
  box.setAttribute("aria-controls", list.id);
  box.setAttribute("aria-expanded", "false");
  box.setAttribute("autocomplete", "off");

  let active = -1; // none chosen: Enter submits the form
  const options = () => [...list.querySelectorAll("[role=option]")];
  const choose = (index) => {
    const all = options();
    active = index === null || !all.length ? -1 : (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
    if (active >= 0) box.setAttribute("aria-activedescendant", all[active].id);
    else box.removeAttribute("aria-activedescendant");
  };
  const close = () => {
    list.hidden = true;
    box.setAttribute("aria-expanded", "false");
    choose(null);
  };

  const render = (index, results) => {
    list.replaceChildren();
    results.slice(0, SHOWN).forEach(({ docname, title, heading, anchor, snippet: line }, i) => {
      const item = list.appendChild(document.createElement("li"));
      item.id = `handbook-suggestion-${i}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      const link = item.appendChild(document.createElement("a"));
      const suffix =
        typeof DOCUMENTATION_OPTIONS !== "undefined" ? DOCUMENTATION_OPTIONS.LINK_SUFFIX : ".html";
      link.href = `${root}${docname}${suffix}${anchor}`;
      link.tabIndex = -1;
      link.append(Object.assign(document.createElement("span"), { className: "title", textContent: title }));
      if (heading)
        link.append(Object.assign(document.createElement("span"), { className: "section", textContent: heading }));
      if (line) link.append(line);
    });
    list.hidden = results.length === 0;
    box.setAttribute("aria-expanded", String(!list.hidden));
    choose(null);
  };

  const suggest = async (started, timed = true) => {
    const query = box.value;
    const words = HandbookSearch.split(query);
    if (!words.length) return close();
    const index = await load();
    if (box.value !== query) return; // the reader typed on
    const ranked = rankingFor(index);
    const typing = !/[\s\p{P}]$/u.test(query); // the last word is still being typed
    const slots = ranked.slots(words, { typing });
    const wanted = new Set(slots.flat().map((a) => a.key));
    const pages = ranked.rank(slots).slice(0, SHOWN);
    render(
      index,
      pages.map((page) => {
        const docname = index.docnames[page.file];
        const title = index.titles[page.file];
        const chosen = sections?.[docname] && ranked.bestSection(docname, sections[docname], slots);
        if (chosen) {
          const [anchor, heading, text] = chosen;
          return {
            docname,
            title,
            heading: anchor && heading !== title ? heading : null,
            anchor: anchor ? `#${anchor}` : "",
            snippet: snippet(text, wanted, ranked.analysis),
          };
        }
        const [anchor, heading] = ranked.section(page.file, page.keys);
        return { docname, title, heading: heading !== title ? heading : null, anchor };
      }),
    );
    loadSections();
    if (!timed) return;
    // keydown → painted, for make search-bench
    requestAnimationFrame(() =>
      setTimeout(() => (window.handbookSuggestTimings ??= []).push(performance.now() - started)),
    );
  };

  box.addEventListener("focus", () => load().catch(() => {}), { once: true });
  box.addEventListener("input", (event) => suggest(event.timeStamp));
  box.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (list.hidden) return;
      event.preventDefault();
      const down = event.key === "ArrowDown";
      choose(active < 0 ? (down ? 0 : -1) : active + (down ? 1 : -1));
    } else if (event.key === "Escape") {
      close();
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      location.href = options()[active].querySelector("a").href;
    }
  });
  list.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
  box.addEventListener("blur", close);
})();
