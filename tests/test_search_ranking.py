"""The page's ranking (HandbookSearch.Ranking in handbook-search.js), run by node on a small
made-up index: pages by the query words they hold, rarer and title words first, a page
missing a word still listed; the readers' words, word families and compounds; sections."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

SCRIPT = (
    Path(__file__).resolve().parents[1] / "handbook" / "search" / "static" / "handbook-search.js"
)
NODE = shutil.which("node") or "/usr/bin/node"

# docs: 0 angry (title "angry customer"), 1 bill, 2 handover, 3 honesty, 4 guides
INDEX = {
    "docnames": ["angry", "bill", "handover", "honesty", "guides"],
    "titles": ["Angry customer", "Bill", "Handover", "Honest", "Guides"],
    "filenames": ["angry.md", "bill.md", "handover.md", "honesty.md", "guides.md"],
    "terms": {
        "customer": [0, 1, 2, 3, 4],
        "angry": [0, 4],
        "calm": 0,
        "bill": [1, 4],
        "colleague": [2],
        "honest": [3],
        "teenindus": [4],
        "juhend": [4, 1],
    },
    "titleterms": {"angry": 0, "customer": 0, "bill": 1, "handover": 2, "honest": 3},
    "alltitles": {"Step 2. Stay calm": [[0, "stay-calm"]], "Angry customer": [[0, None]]},
    "handbook_synonyms": {"subscriber": ["customer"], "tariff": ["bill"]},
}


def rank(*queries: str) -> list[dict]:
    program = f"""
const H = require({json.dumps(str(SCRIPT))});
const index = {json.dumps(INDEX)};
const analysis = new H.Analysis({{ stemWord: (w) => w }}, new Set(["the", "to"]), {{}});
const ranking = new H.Ranking(index, analysis);
const out = {json.dumps(list(queries))}.map((q) => {{
  const slots = ranking.slots(H.split(q));
  const pages = ranking.rank(slots);
  return {{
    pages: pages.map((p) => index.docnames[p.file]),
    held: pages.map((p) => p.held),
    via: [...new Set(slots.flat().map((a) => a.via).filter((v) => v))],
    section: pages.length ? ranking.section(pages[0].file, pages[0].keys) : null,
  }};
}});
console.log(JSON.stringify(out));
"""
    done = subprocess.run([NODE, "-e", program], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_pages_with_every_word_come_first_and_a_page_missing_one_still_appears():
    [result] = rank("angry bill")
    assert result["pages"][0] == "guides"  # the only page with both
    assert set(result["pages"]) == {"guides", "angry", "bill"}
    assert result["held"] == [2, 1, 1]


def test_a_rare_word_and_a_title_weigh_more_than_a_common_word_in_the_text():
    [result] = rank("customer honest")
    assert result["pages"][0] == "honesty"  # "honest": rare, and in its title
    [result] = rank("angry")
    assert result["pages"] == ["angry", "guides"]  # the title first


def test_a_readers_word_finds_the_handbooks_term_and_says_so():
    subscriber, tariff = rank("subscriber", "tariff")
    assert subscriber["pages"][0] == "angry" and subscriber["via"] == ["customer"]
    assert tariff["pages"][0] == "bill" and tariff["via"] == ["bill"]


def test_derived_words_meet_their_family_and_compounds_their_parts():
    honesty, compound, nothing = rank("honesty", "teenindusjuhend", "zzzyxq")
    assert honesty["pages"] == ["honesty"]
    assert compound["pages"][0] == "guides" and compound["held"][0] == 2
    assert nothing["pages"] == []


def test_a_result_opens_at_the_section_whose_heading_holds_the_words():
    [result] = rank("calm")
    assert result["pages"] == ["angry"]
    assert result["section"] == ["#stay-calm", "Step 2. Stay calm"]


def test_the_sections_text_is_read_from_the_article_by_heading():
    from handbook.search.sections import page_sections

    markup = """<html><body><nav>not this</nav><article role="main">
      <section id="page"><h1>Title<a class="headerlink" href="#page">¶</a></h1>
        <p>Intro <b>text</b>.</p>
        <section id="step-1"><h2>Step 1<a class="headerlink" href="#step-1">¶</a></h2>
          <p>First &lt;b&gt; step.</p></section>
        <section id="empty"><h2>Only a heading</h2></section>
      </section></article></body></html>"""
    assert page_sections(markup) == [
        ["", "Title", "Intro text."],
        ["step-1", "Step 1", "First <b> step."],
        ["empty", "Only a heading", ""],
    ]
    assert page_sections("<html><body><p>no article</p></body></html>") == []
