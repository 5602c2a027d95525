"""Key-value blocks such as 開催概要: label cells beside value cells."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..design.theme import Theme
from .measure import natural_key_width
from .spec import KeyValueSpec, Spec
from .text import CellValue, cell


def key_values(rows: Sequence[tuple[str, CellValue]], theme: Theme, ruled: bool = False) -> KeyValueSpec:
    """A key-value block in the theme's colours and rules, its key column as wide as its keys ask;
    `ruled` boxes every cell, as a form is."""
    return KeyValueSpec(
        rows=tuple((key, cell(value, theme, "value")) for key, value in rows),
        key_style=theme.style("key"),
        key_fill=theme.key_fill,
        frame_rule=theme.frame_rule,
        row_rule=theme.row_rule,
        pad_x=theme.cell_pad_x,
        pad_y=theme.cell_pad_y,
        ruled=ruled,
    )


def aligned(specs: Sequence[Spec], width: float) -> list[Spec]:
    """Specs whose key-value blocks share one key column (the widest any of them asks for), so
    that a document's labels line up from block to block."""
    blocks = [spec for spec in specs if isinstance(spec, KeyValueSpec)]
    if not blocks:
        return list(specs)
    key = max(natural_key_width(block, width) for block in blocks)
    return [replace(spec, key_width=key) if isinstance(spec, KeyValueSpec) else spec for spec in specs]
