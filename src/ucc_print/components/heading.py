"""Headings: numbered section headings with the theme's accent bar."""

from __future__ import annotations

from ..design.theme import Theme
from .spec import HeadingSpec


def heading(text: str, theme: Theme, number: int | None = None, level: int = 2) -> HeadingSpec:
    """A section heading; level 2 carries the accent bar."""
    return HeadingSpec(
        text,
        theme.style(f"h{level}"),
        level=level,
        number=f"{number}." if number is not None else None,
        bar=theme.heading_bar if level == 2 else None,
    )
