"""Text blocks: plain or Markdown text → TextSpec / ListSpec / sub-headings, and table cells."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeGuard

from ..content.richtext import (
    BULLET,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
    Runs,
    SubHeading,
    parse,
)
from ..design.theme import Theme
from .spec import Cell, HeadingSpec, ListSpec, TextBlockSpec, TextSpec

#: A cell value: a text or runs (a name kept whole), several of those (a paragraph each), or ready specs.
CellValue = str | Runs | Sequence[str | Runs] | Sequence[TextBlockSpec]

def plain(text: str | Runs, theme: Theme, role: str = "body", align: str | None = None) -> TextSpec:
    """One paragraph of plain text (or runs) in a role's style (optionally aligned otherwise)."""
    style = theme.style(role)
    return TextSpec((Run(text),) if isinstance(text, str) else text, style.but(align=align) if align else style)


def markdown(text: str, theme: Theme, role: str = "body") -> list[TextBlockSpec]:
    """Markdown → paragraphs, lists and sub-headings in a role's style.

    In body text, lists take the "bullet" role and sub-headings "h3"; elsewhere (a cell, a dark
    band, the notes) both keep the role's own style, sub-headings in bold, so they stay legible.
    """
    body = role == "body"
    list_style = theme.style("bullet" if body else role)
    heading_style = theme.style("h3") if body else theme.style(role).but(bold=True)
    specs: list[TextBlockSpec] = []
    for block in parse(text):
        if isinstance(block, Paragraph):
            specs.append(TextSpec(block.runs, theme.style(role)))
        elif isinstance(block, ListBlock):
            specs.append(ListSpec(block.items, list_style))
        elif isinstance(block, SubHeading):
            specs.append(HeadingSpec(block.text, heading_style, level=3))
    return specs


def bullets(items: Sequence[str], theme: Theme, role: str = "bullet") -> ListSpec:
    """A bulleted list of plain texts."""
    return ListSpec(tuple(ListItem((Run(item),), 0, BULLET) for item in items), theme.style(role))


def _is_runs(value: object) -> TypeGuard[Runs]:
    return isinstance(value, tuple) and bool(value) and all(isinstance(item, Run) for item in value)


def cell(value: CellValue, theme: Theme, role: str, align: str | None = None) -> Cell:
    """A table or key-value cell from a text, runs, a list of those (a paragraph each), or ready
    specs. Texts and runs are short texts: they break between phrases, on balanced lines."""
    style = theme.style(role)
    style = style.but(phrases=True, align=align or ("left" if style.align == "justify" else style.align))
    items: Sequence[object] = [value] if isinstance(value, str) or _is_runs(value) else value
    specs: list[TextBlockSpec] = []
    for item in items:
        if isinstance(item, str):
            specs.append(TextSpec((Run(item),), style))
        elif _is_runs(item):
            specs.append(TextSpec(item, style))
        elif isinstance(item, TextSpec | ListSpec | HeadingSpec):
            specs.append(item)
        else:
            raise TypeError(f"not a cell value: {item!r}")
    return tuple(specs)


def named(text: str, names: Sequence[str]) -> Runs:
    """A text as runs in which every known person's name (with an honorific written after it) is
    one unit, never broken across lines: 「鶴岡市長 佐藤 髙志」."""
    runs: list[Run] = []
    position = 0
    while position < len(text):
        start, name = min(((text.find(name, position), name) for name in names if name and name in text[position:]),
                          key=lambda found: (found[0], -len(found[1])), default=(-1, ""))
        if start < 0:
            break
        end = start + len(name)
        end += next((len(spaced) for spaced in (spacer + honorific for honorific in HONORIFICS
                                                 for spacer in ("", " ", "\u3000"))
                     if text.startswith(spaced, end)), 0)
        if start > position:
            runs.append(Run(text[position:start]))
        runs.append(Run(text[start:end], keep=True))
        position = end
    if position < len(text):
        runs.append(Run(text[position:]))
    return tuple(runs)


#: Honorifics that stay with the name before them.
HONORIFICS = ("様", "氏", "先生", "殿", "さん")
