"""Text blocks: plain or Markdown text → TextSpec / ListSpec / sub-headings, and table cells."""

from __future__ import annotations

from collections.abc import Sequence

from ..content.richtext import (
    BULLET,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
    SubHeading,
    parse,
)
from ..design.theme import Theme
from .spec import Cell, HeadingSpec, ListSpec, Spec, TextSpec

#: A cell value: one text, several lines (a paragraph each), or ready specs.
CellValue = str | Sequence[str] | Cell


def plain(text: str, theme: Theme, role: str = "body", align: str | None = None) -> TextSpec:
    """One paragraph of plain text in a role's style (optionally aligned otherwise)."""
    style = theme.style(role)
    return TextSpec((Run(text),), style.but(align=align) if align else style)


def markdown(text: str, theme: Theme, role: str = "body") -> list[Spec]:
    """Markdown → paragraphs, lists and sub-headings in a role's style.

    In body text, lists take the "bullet" role and sub-headings "h3"; elsewhere (a cell, a dark
    band, the notes) both keep the role's own style, sub-headings in bold, so they stay legible.
    """
    body = role == "body"
    list_style = theme.style("bullet" if body else role)
    heading_style = theme.style("h3") if body else theme.style(role).but(bold=True)
    specs: list[Spec] = []
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


def cell(value: CellValue, theme: Theme, role: str, align: str | None = None) -> Cell:
    """A table or key-value cell from a text, a list of lines, or ready specs."""
    if isinstance(value, str):
        return (plain(value, theme, role, align),)
    if all(isinstance(item, str) for item in value):
        return tuple(plain(line, theme, role, align) for line in value)  # type: ignore[arg-type]
    return tuple(value)  # type: ignore[arg-type]
