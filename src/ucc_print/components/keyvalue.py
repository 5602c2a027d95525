"""Key-value blocks such as 開催概要: label cells beside value cells."""

from __future__ import annotations

from collections.abc import Sequence

from ..design.theme import Theme
from .spec import Cell, KeyValueSpec, ListSpec, TextSpec
from .text import plain

#: A value: one text, several lines (each its own paragraph), or ready specs.
Value = str | Sequence[str] | Cell


def _cell(value: Value, theme: Theme) -> Cell:
    if isinstance(value, str):
        return (plain(value, theme, "value"),)
    if all(isinstance(item, (TextSpec, ListSpec)) for item in value):
        return tuple(value)  # type: ignore[arg-type]
    return tuple(plain(line, theme, "value") for line in value)  # type: ignore[arg-type]


def key_values(rows: Sequence[tuple[str, Value]], theme: Theme, key_share: float = 0.2) -> KeyValueSpec:
    """A key-value block in the theme's colours and rules."""
    return KeyValueSpec(
        rows=tuple((key, _cell(value, theme)) for key, value in rows),
        key_style=theme.style("key"),
        key_fill=theme.key_fill,
        key_share=key_share,
        frame_rule=theme.frame_rule,
        row_rule=theme.row_rule,
        pad_x=theme.cell_pad_x,
        pad_y=theme.cell_pad_y,
    )
