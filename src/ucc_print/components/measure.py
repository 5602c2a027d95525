"""How much room specs take, measured with the real font metrics and the kinsoku breaker.

Every backend draws text with these same line breaks, so a measurement here is what the page or
slide will show.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import singledispatch

from ..design import fonts
from ..design.theme import TextStyle
from ..typeset.linebreak import Line, Span, break_lines
from .spec import Column, HeadingSpec, ListSpec, Run, Runs, Spec, TableSpec, TextSpec

#: Spare room kept when fitting, so another renderer's rounding never tips text over.
SAFETY = 0.97


def spans(runs: Runs, style: TextStyle) -> list[Span]:
    """Runs in a style → spans with concrete faces (bold runs take the bold face) and sizes."""
    return [Span(run.text, style.face(run.bold), style.size * run.scale) for run in runs]


def set_lines(spans: Sequence[Span], style: TextStyle, width: float) -> list[Line]:
    """Spans set in lines `width` pt wide: the one line breaker every backend draws with."""
    return break_lines(spans, width, fonts.advance, first_indent=style.first_indent, phrases=style.phrases)


def lines(runs: Runs, style: TextStyle, width: float, indent: float = 0.0) -> list[Line]:
    """The set lines of a paragraph `width` pt wide (its text starting `indent` pt in)."""
    return set_lines(spans(runs, style), style, width - indent)


def heading_indent(spec: HeadingSpec) -> float:
    """Left indent of a heading's text (room for its accent bar)."""
    return spec.bar.width + spec.style.size * 0.6 if spec.bar else 0.0


@singledispatch
def height(spec: Spec, width: float) -> float:
    """Height of one text spec set `width` pt wide (space before and after not included)."""
    raise TypeError(f"cannot measure {type(spec).__name__}")


@height.register
def _(spec: TextSpec, width: float) -> float:
    return len(lines(spec.runs, spec.style, width)) * spec.style.leading


@height.register
def _(spec: HeadingSpec, width: float) -> float:
    return len(lines((Run(spec.label),), spec.style, width, heading_indent(spec))) * spec.style.leading


@height.register
def _(spec: ListSpec, width: float) -> float:
    style = spec.style
    total = sum(len(lines(item.runs, style, width, spec.indent(item))) * style.leading for item in spec.items)
    return total + style.space_after * (len(spec.items) - 1)


def stack_height(specs: Sequence[Spec], width: float) -> float:
    """Height of specs stacked in a box `width` pt wide: their heights and the gaps between them."""
    total = 0.0
    for index, spec in enumerate(specs):
        total += height(spec, width)
        if index:
            total += specs[index - 1].style.space_after + spec.style.space_before
    return total


def row_heights(table: TableSpec, width: float) -> tuple[float, list[float]]:
    """Header height (0 without one) and each body row's height, for a table `width` pt wide."""
    widths = [w - 2 * table.pad_x for w in table.widths(width)]

    def row(cells) -> float:
        return max(stack_height(cell, w) for cell, w in zip(cells, widths)) + 2 * table.pad_y

    header = row([header_cell(column, table) for column in table.columns]) if table.show_header else 0.0
    return header, [row(r.cells) for r in table.rows]


def header_cell(column: Column, table: TableSpec) -> tuple[TextSpec]:
    """A column's header cell, as every backend sets it."""
    return (TextSpec((Run(column.title),), table.header_style.but(align=column.align)),)
