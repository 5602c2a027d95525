"""Markdown text as a small rich-text model: paragraphs, lists and sub-headings of styled runs.

Parsing is markdown-it-py (CommonMark, raw HTML off, so `<` and `&` print literally).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..japanese.kinsoku import is_cjk


@dataclass(frozen=True)
class Run:
    """A piece of text and whether it is bold."""

    text: str
    bold: bool = False


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Paragraph:
    runs: Runs


@dataclass(frozen=True)
class ListBlock:
    items: tuple[Runs, ...]
    ordered: bool = False


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
        elif child.type in ("text", "code_inline", "html_inline"):
            text = child.content
            if pending_soft:
                previous = runs[-1].text if runs else ""
                text = _join_soft_break(previous, text) + text
                pending_soft = False
            if runs and runs[-1].bold == (bold > 0):
                runs[-1] = Run(runs[-1].text + text, bold > 0)
            else:
                runs.append(Run(text, bold > 0))
    return tuple(run for run in runs if run.text)


def parse(markdown: str) -> tuple[RichBlock, ...]:
    """Paragraphs, bullet/numbered lists and ### sub-headings of a Markdown text."""
    tokens = _parser().parse(markdown)
    blocks: list[RichBlock] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth, items = 0, []
            while True:
                current = tokens[index]
                depth += current.nesting if current.type.endswith("_list_open") or current.type.endswith("_list_close") else 0
                if current.type == "inline":
                    items.append(_runs(current))
                if depth == 0:
                    break
                index += 1
            blocks.append(ListBlock(tuple(items), ordered=token.type == "ordered_list_open"))
        elif token.type == "heading_open":
            blocks.append(SubHeading(tokens[index + 1].content))
            index += 2
        elif token.type == "paragraph_open":
            blocks.append(Paragraph(_runs(tokens[index + 1])))
            index += 2
        elif token.type in ("fence", "code_block"):
            blocks.append(Paragraph((Run(token.content.rstrip("\n")),)))
        index += 1
    return tuple(blocks)


def plain(markdown: str) -> str:
    """The text of a Markdown string without markup (for checks and summaries)."""
    parts = []
    for block in parse(markdown):
        if isinstance(block, SubHeading):
            parts.append(block.text)
        elif isinstance(block, Paragraph):
            parts.append("".join(r.text for r in block.runs))
        else:
            parts.extend("".join(r.text for r in item) for item in block.items)
    return "\n".join(parts)
