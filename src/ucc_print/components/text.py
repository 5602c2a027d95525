"""Paragraphs and lists: plain or Markdown text → TextSpec / ListSpec / sub-headings."""

from __future__ import annotations

from ..content.richtext import ListBlock, Paragraph, Run, SubHeading, parse
from ..design.theme import Theme
from .spec import HeadingSpec, ListSpec, Spec, TextSpec


def plain(text: str, theme: Theme, role: str = "body", align: str | None = None) -> TextSpec:
    """One paragraph of plain text in a role's style (optionally aligned otherwise)."""
    style = theme.style(role)
    return TextSpec((Run(text),), style.but(align=align) if align else style)


def markdown(text: str, theme: Theme, role: str = "body") -> list[Spec]:
    """Markdown → paragraphs, lists and ### sub-headings in the theme's styles."""
    specs: list[Spec] = []
    for block in parse(text):
        if isinstance(block, Paragraph):
            specs.append(TextSpec(block.runs, theme.style(role)))
        elif isinstance(block, ListBlock):
            specs.append(bullets(block.items, theme, ordered=block.ordered))
        elif isinstance(block, SubHeading):
            specs.append(HeadingSpec(block.text, theme.style("h3"), level=3))
    return specs


def bullets(items, theme: Theme, ordered: bool = False, role: str = "bullet") -> ListSpec:
    """A list from run sequences or plain strings."""
    runs = tuple((Run(item),) if isinstance(item, str) else tuple(item) for item in items)
    return ListSpec(runs, theme.style(role), ordered=ordered)
