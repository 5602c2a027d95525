"""Markdown text as a small rich-text model: paragraphs, lists and sub-headings of styled runs.

Parsing is markdown-it-py (CommonMark, raw HTML off, so `<` and `&` print literally).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..japanese.kinsoku import is_cjk

#: The list marker of bulleted items (the usual Japanese 中黒).
BULLET = "・"


@dataclass(frozen=True)
class Run:
    """A piece of text, whether it is bold, its size relative to its paragraph's (様 after a name),
    and whether it is one unit never broken across lines (a person's name)."""

    text: str
    bold: bool = False
    scale: float = 1.0
    keep: bool = False


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Paragraph:
    runs: Runs


@dataclass(frozen=True)
class ListItem:
    """One list item: its text (paragraphs joined by line breaks), depth and marker (・ or 3.)."""

    runs: Runs
    level: int = 0
    marker: str = BULLET


@dataclass(frozen=True)
class ListBlock:
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class SubHeading:
    text: str


RichBlock = Paragraph | ListBlock | SubHeading


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False})


def _join_soft_break(before: str, after: str) -> str:
    """A line break inside a paragraph: nothing between Japanese text, a space between Latin words."""
    if not before or not after:
        return ""
    return "" if is_cjk(before[-1]) or is_cjk(after[0]) else " "


def _runs(inline: Token) -> Runs:
    """Runs of one inline token: bold for **strong**, soft breaks joined the Japanese way."""
    runs: list[Run] = []
    bold = 0
    pending_soft = False
    for child in inline.children or []:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "softbreak":
            pending_soft = True
        elif child.type == "hardbreak":
            runs.append(Run("\n", bold > 0))
        elif child.type in ("text", "code_inline", "html_inline", "image"):
            text = child.content
            if pending_soft:
                text = _join_soft_break(runs[-1].text if runs else "", text) + text
                pending_soft = False
            if runs and runs[-1].bold == (bold > 0):
                runs[-1] = Run(runs[-1].text + text, bold > 0)
            else:
                runs.append(Run(text, bold > 0))
    return tuple(run for run in runs if run.text)


def _joined(parts: list[Runs]) -> Runs:
    """Paragraphs of one list item as one run sequence with line breaks between them."""
    runs: list[Run] = []
    for index, part in enumerate(parts):
        if index:
            runs.append(Run("\n"))
        runs.extend(part)
    return tuple(runs)


def _list(tokens: list[Token], index: int, level: int) -> tuple[list[ListItem], int]:
    """The items of the list opening at `index` (nested lists follow their parent item)."""
    opening = tokens[index]
    ordered = opening.type == "ordered_list_open"
    number = int(opening.attrs.get("start", 1))
    closing = opening.type.replace("_open", "_close")
    items: list[ListItem] = []
    index += 1
    while tokens[index].type != closing:
        index += 1  # list_item_open
        texts: list[Runs] = []
        nested: list[ListItem] = []
        while tokens[index].type != "list_item_close":
            token = tokens[index]
            if token.type in ("bullet_list_open", "ordered_list_open"):
                found, index = _list(tokens, index, level + 1)
                nested += found
                continue
            if token.type == "inline":
                texts.append(_runs(token))
            index += 1
        items.append(ListItem(_joined(texts), level, f"{number}." if ordered else BULLET))
        items += nested
        number += 1
        index += 1  # list_item_close
    return items, index + 1


_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)


def inline(text: str) -> Runs:
    """One line of inline Markdown (**bold**) as runs: for titles, table cells, timeline entries."""
    tokens = _parser().parseInline(_COMMENTS.sub("", text))
    return _runs(tokens[0]) if tokens else ()


def parse(markdown: str) -> tuple[RichBlock, ...]:
    """Paragraphs, bulleted/numbered lists (nested ones indented) and sub-headings of a Markdown text.

    HTML comments are notes to staff and never print.
    """
    tokens = _parser().parse(_COMMENTS.sub("", markdown))
    blocks: list[RichBlock] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in ("bullet_list_open", "ordered_list_open"):
            items, index = _list(tokens, index, 0)
            blocks.append(ListBlock(tuple(items)))
            continue
        if token.type == "heading_open":
            blocks.append(SubHeading("".join(run.text for run in _runs(tokens[index + 1]))))
        elif token.type == "paragraph_open":
            blocks.append(Paragraph(_runs(tokens[index + 1])))
        elif token.type in ("fence", "code_block"):
            blocks.append(Paragraph((Run(token.content.rstrip("\n")),)))
        index += 1
    return tuple(block for block in blocks if not isinstance(block, Paragraph) or block.runs)
