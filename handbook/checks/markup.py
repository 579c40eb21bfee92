"""MyST markup kept between a msgid and its msgstr, compared with the parser MyST itself uses
(markdown-it-py with MyST's plugins and this project's extensions), never with regular
expressions over the text."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

LINK_LIST = "localized-links.txt"  # locale/<lang>/localized-links.txt: "SOURCE-URL URL"
# Roles whose content is "text <target>" or a bare target; the target must not change.
TARGET_ROLES = {"term", "ref", "doc", "numref", "any", "download", "keyword", "option", "envvar"}


# -- MyST markup -------------------------------------------------------------------------


@dataclass
class Markup:
    """What MyST's parser finds in one msgid or msgstr."""

    kept: Counter = field(default_factory=Counter)  # markup that must survive translation
    html: Counter = field(default_factory=Counter)  # raw HTML snippets
    terms: list[tuple[str, str]] = field(default_factory=list)  # {term} (text, target)
    text: list[str] = field(default_factory=list)  # the words a reader sees


@functools.cache
def myst_parser():
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
    for block in myst_parser().parseInline(text):
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
