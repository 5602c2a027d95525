"""Data tables: columns, rows of cells, a header that repeats when the table continues."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..content.model import Where
from ..design.theme import Theme
from .spec import Column, Row, TableSpec
from .text import CellValue, cell, plain


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[CellValue]],
    theme: Theme,
    emphasis: Sequence[bool] = (),
    note: str | None = None,
    show_header: bool = True,
    banded: bool = True,
    cell_role: str = "table-cell",
    pad_y: float | None = None,
    sources: Sequence[Where | None] = (),
    emphasised: Mapping[int, tuple[int, ...]] | None = None,
) -> TableSpec:
    """A table in the theme's style; `emphasis[i]` highlights row i, `emphasised[i]` only those
    columns of row i (an entry among several set to a row), `sources[i]` is where row i was written
    (named if it cannot be laid out)."""
    built = tuple(
        Row(tuple(cell(value, theme, cell_role, column.align) for value, column in zip(row, columns, strict=True)),
            emphasis=bool(emphasis[index]) if index < len(emphasis) else False,
            emphasised=(emphasised or {}).get(index, ()),
            source=sources[index] if index < len(sources) else None)
        for index, row in enumerate(rows)
    )
    return TableSpec(
        columns=tuple(columns),
        rows=built,
        header_style=theme.style("table-header"),
        cell_style=theme.style(cell_role),
        frame_rule=theme.frame_rule,
        row_rule=theme.row_rule,
        pad_x=theme.cell_pad_x,
        pad_y=theme.cell_pad_y if pad_y is None else pad_y,
        header_fill=theme.header_fill if show_header else None,
        band_fill=theme.band_fill if banded else None,
        emphasis_fill=theme.emphasis_fill,
        show_header=show_header,
        note=plain(note, theme, "caption") if note else None,
    )

