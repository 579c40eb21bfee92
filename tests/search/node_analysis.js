/*
 * The search page's analysis, run by node on a built language folder, for the tests.
 *
 *   node node_analysis.js <html/et>  < {"words": [...], "texts": [...]}
 *   → {"keys": [...], "splits": [[...], ...]}
 *
 * Loads the files the search page loads, as the page loads them (language_data.js, the
 * index, handbook-search.js), then treats each word as searchtools.js's _parseQuery
 * treats a query word: skipped ("") when a stop word or a number, else
 * `new Stemmer().stemWord(lowercased)`. `texts` go through the page's splitQuery.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const folder = process.argv[2];
const context = vm.createContext({ console });
context.window = context;
// What searchtools.js provides: the index's entry point and the function the page script
// replaces (its presence tells handbook-search.js that it is on the search page).
vm.runInContext(
  "var Search = { setIndex(index) { this._index = index; }, makeSearchSummary() {} };",
  context,
);
for (const file of ["_static/language_data.js", "searchindex.js", "_static/handbook-search.js"])
  vm.runInContext(fs.readFileSync(path.join(folder, file), "utf8"), context, { filename: file });

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const page = vm.runInContext(
  `(words, texts) => {
     const stemmer = new Stemmer();
     const keys = words.map((word) => {
       const lower = word.toLowerCase();
       if (stopwords.has(lower) || word.match(/^\\d+$/)) return "";
       return stemmer.stemWord(lower);
     });
     return { keys, splits: texts.map((text) => splitQuery(text)) };
   }`,
  context,
);
process.stdout.write(JSON.stringify(page(input.words || [], input.texts || [])));
