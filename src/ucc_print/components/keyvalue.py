"""Key-value blocks such as 開催概要: label cells beside value cells."""

from __future__ import annotations

from collections.abc import Sequence

from ..design.theme import Theme
from .spec import KeyValueSpec
from .text import CellValue, cell


def key_values(rows: Sequence[tuple[str, CellValue]], theme: Theme, key_share: float = 0.2,
               ruled: bool = False) -> KeyValueSpec:
    """A key-value block in the theme's colours and rules; `ruled` boxes every cell, as a form is."""
    return KeyValueSpec(
        rows=tuple((key, cell(value, theme, "value")) for key, value in rows),
        key_style=theme.style("key"),
        key_fill=theme.key_fill,
        key_share=key_share,
        frame_rule=theme.frame_rule,
        row_rule=theme.row_rule,
        pad_x=theme.cell_pad_x,
        pad_y=theme.cell_pad_y,
        ruled=ruled,
    )
