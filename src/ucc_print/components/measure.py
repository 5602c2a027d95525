"""How much room specs take, measured with the real font metrics and the kinsoku breaker, and
how wide each column of a table is (sized from its content, as a browser's automatic table
layout does).

Every backend draws text with these same line breaks, so a measurement here is what the page or
slide will show.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache, singledispatch

from ..design import fonts
from ..design.theme import TextStyle
from ..design.tokens import Space
from ..typeset.linebreak import Extent, Line, Span, break_lines, extent, line_count, natural_width
from .spec import (
    Cell,
    Column,
    HeadingSpec,
    KeyValueSpec,
    ListSpec,
    Run,
    Runs,
    Spec,
    TableSpec,
    TextBlockSpec,
    TextSpec,
)

#: Spare room kept when fitting, so another renderer's rounding never tips text over.
SAFETY = 0.97
#: Space after a table, a key-value block or a chart.
BLOCK_GAP = Space.L
#: The most of a table's width (of three columns or more) one column's unbreakable words may claim.
UNIT_SHARE = 0.4
#: The key column of a key-value block takes at most this share of the width (its keys then break).
KEY_SHARE = 0.3


def spans(runs: Runs, style: TextStyle) -> list[Span]:
    """Runs in a style → spans with concrete faces (bold runs take the bold face) and sizes."""
    return [Span(run.text, style.face(run.bold), style.size * run.scale, run.keep) for run in runs]


def set_lines(spans: Sequence[Span], style: TextStyle, width: float) -> list[Line]:
    """Spans set in lines `width` pt wide: the one line breaker every backend draws with."""
    return break_lines(spans, width, fonts.advance, first_indent=style.first_indent, phrases=style.phrases)


def lines(runs: Runs, style: TextStyle, width: float, indent: float = 0.0) -> list[Line]:
    """The set lines of a paragraph `width` pt wide (its text starting `indent` pt in)."""
    return set_lines(spans(runs, style), style, width - indent)


def count(runs: Runs, style: TextStyle, width: float, indent: float = 0.0) -> int:
    """How many lines `lines` sets (what a height needs), told faster."""
    return line_count(spans(runs, style), width - indent, fonts.advance, first_indent=style.first_indent,
                      phrases=style.phrases)


def heading_indent(spec: HeadingSpec) -> float:
    """Left indent of a heading's text (room for its accent bar)."""
    return spec.bar.width + spec.style.size * 0.6 if spec.bar else 0.0


@singledispatch
def height(spec: Spec, width: float) -> float:
    """Height of one spec set `width` pt wide (space before and after not included)."""
    raise TypeError(f"cannot measure {type(spec).__name__}")


@height.register
def _(spec: TextSpec, width: float) -> float:
    return count(spec.runs, spec.style, width) * spec.style.leading


@height.register
def _(spec: HeadingSpec, width: float) -> float:
    return count((Run(spec.label),), spec.style, width, heading_indent(spec)) * spec.style.leading


@height.register
def _(spec: ListSpec, width: float) -> float:
    style = spec.style
    total = sum(count(item.runs, style, width, spec.indent(item)) * style.leading for item in spec.items)
    return total + (style.space_after + style.space_before) * (len(spec.items) - 1)


@height.register
def _(spec: TableSpec, width: float) -> float:
    header, rows = row_heights(spec, width)
    note = height(spec.note, width) + spec.note.style.space_before if spec.note else 0.0
    return header + sum(rows) + note


@height.register
def _(spec: KeyValueSpec, width: float) -> float:
    return sum(key_value_heights(spec, width))


def spacing(spec: Spec) -> tuple[float, float]:
    """Space before and after a spec: its style's for text, none before and BLOCK_GAP after a table,
    a key-value block or a chart."""
    style = getattr(spec, "style", None)
    return (style.space_before, style.space_after) if style is not None else (0.0, BLOCK_GAP)


def gap(before: Spec, after: Spec) -> float:
    """The space between two stacked specs: the first's space after and the second's before."""
    return spacing(before)[1] + spacing(after)[0]


def stack_height(specs: Sequence[Spec], width: float) -> float:
    """Height of specs stacked in a box `width` pt wide: their heights and the gaps between them."""
    total = 0.0
    for index, spec in enumerate(specs):
        total += height(spec, width)
        if index:
            total += gap(specs[index - 1], spec)
    return total


# ---------------------------------------------------------------- content-sized columns


def _spec_extent(spec: TextBlockSpec, whole: bool = True) -> Extent:
    """A text block's extent; not `whole`: its widest alone (the rest 0), told much faster."""
    if isinstance(spec, ListSpec):
        found = [_spec_extent(TextSpec(item.runs, spec.style), whole) for item in spec.items]
        hang = max((spec.indent(item) for item in spec.items), default=0.0)
        return Extent(max((e.narrowest for e in found), default=0.0) + hang,
                      max((e.unit for e in found), default=0.0) + hang,
                      max((e.widest for e in found), default=0.0) + hang)
    if isinstance(spec, HeadingSpec):
        spec_runs: Runs = (Run(spec.label),)
        indent = heading_indent(spec)
    else:
        spec_runs, indent = spec.runs, 0.0
    style = spec.style
    text = tuple(spans(spec_runs, style))
    if not whole:
        return Extent(0.0, 0.0, natural_width(text, fonts.advance, style.first_indent) + indent)
    measured = extent(text, fonts.advance, style.phrases, style.first_indent)
    return Extent(measured.narrowest + indent, measured.unit + indent, measured.widest + indent)


def cell_extent(cell: Cell, whole: bool = True) -> Extent:
    """The narrowest and widest a cell can be set (its widest text block decides); not `whole`:
    its widest alone."""
    found = [_spec_extent(spec, whole) for spec in cell]
    return Extent(max((e.narrowest for e in found), default=0.0), max((e.unit for e in found), default=0.0),
                  max((e.widest for e in found), default=0.0))


def share_out(narrowest: Sequence[float], unit: Sequence[float], widest: Sequence[float],
              width: float) -> list[float]:
    """Column widths from each column's min-content and max-content width (CSS 2.1 §17.5.2.2).

    If every column fits unbroken, each gets its widest and the rest in proportion. Otherwise each
    gets its narrowest (whole phrases; where those do not all fit, the column with the longest
    phrase makes do with whole units first), and the room left goes in proportion to how much
    more each would take: a column whose content never breaks (a time, a name) keeps exactly its
    width, and the long texts share the rest. Only when not even the units fit are all columns
    narrowed in proportion (and a unit breaks)."""
    widest = [max(w, n, u) for w, n, u in zip(widest, narrowest, unit, strict=True)]
    total = sum(widest)
    if total <= width:
        return [w * width / total for w in widest] if total else [width / len(widest)] * len(widest)
    floors = [max(n, u) for n, u in zip(narrowest, unit, strict=True)]
    while sum(floors) > width:
        softest = max(range(len(floors)), key=lambda i: floors[i] - unit[i])
        if floors[softest] - unit[softest] <= 0:
            return [u * width / sum(unit) for u in unit]
        floors[softest] = unit[softest]
    room = width - sum(floors)
    growth = [w - f for w, f in zip(widest, floors, strict=True)]
    weight = sum(growth)
    return [f + room * g / weight if weight else f * width / sum(floors) for f, g in zip(floors, growth, strict=True)]


@lru_cache(maxsize=1024)
def column_widths(table: TableSpec, width: float) -> tuple[float, ...]:
    """Each column's width in pt (padding included) for a table `width` pt wide."""
    if table.shares:
        return tuple(share * width for share in table.shares)
    pad = 2 * table.pad_x
    # every column at its widest first: when they all fit, that decides and no cell need be broken
    # into units and phrases (a column is never narrower unbroken than broken)
    widest = [max((e.widest for e in c), default=0.0) + pad for c in _extents(table, whole=False)]
    if sum(widest) <= width:
        return tuple(share_out([0.0] * len(widest), [0.0] * len(widest), widest, width))
    cells = _extents(table)
    # one very long unit (a foreign name of 25 characters) does not starve the other columns:
    # beyond its share it breaks at its least bad place, after a ・
    cap = width * UNIT_SHARE if len(table.columns) > 2 else width
    return tuple(share_out([min(cap, max((e.narrowest for e in c), default=0.0) + pad) for c in cells],
                           [min(cap, max((e.unit for e in c), default=0.0) + pad) for c in cells],
                           [max((e.widest for e in c), default=0.0) + pad for c in cells], width))


def _extents(table: TableSpec, whole: bool = True) -> list[list[Extent]]:
    """Each column's cells' extents, its header's first."""
    cells: list[list[Extent]] = [[] for _ in table.columns]
    if table.show_header:
        for index, column in enumerate(table.columns):
            cells[index].append(cell_extent(header_cell(column, table), whole))
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            cells[index].append(cell_extent(cell, whole))
    return cells


def key_cell(key: str, spec: KeyValueSpec) -> tuple[TextSpec]:
    """A key-value block's label cell, as every backend sets it."""
    return (TextSpec((Run(key),), spec.key_style),)


def natural_key_width(spec: KeyValueSpec, width: float) -> float:
    """The key column as its labels ask (their widest line), within KEY_SHARE of the width."""
    found = [cell_extent(key_cell(key, spec)) for key, _value in spec.rows]
    widest = max((e.widest for e in found), default=0.0) + 2 * spec.pad_x
    narrowest = max((e.unit for e in found), default=0.0) + 2 * spec.pad_x
    return min(widest, max(narrowest, KEY_SHARE * width))


def key_value_widths(spec: KeyValueSpec, width: float) -> tuple[float, float]:
    """The key and value columns' widths for a block `width` pt wide."""
    key = spec.key_width if spec.key_width is not None else natural_key_width(spec, width)
    return key, width - key


def key_value_heights(spec: KeyValueSpec, width: float) -> list[float]:
    """Each row's height: the taller of its label and its value, padded."""
    key, value = (w - 2 * spec.pad_x for w in key_value_widths(spec, width))
    return [max(stack_height(key_cell(label, spec), key), stack_height(cell, value)) + 2 * spec.pad_y
            for label, cell in spec.rows]


def row_heights(table: TableSpec, width: float) -> tuple[float, list[float]]:
    """Header height (0 without one) and each body row's height, for a table `width` pt wide."""
    widths = [w - 2 * table.pad_x for w in column_widths(table, width)]

    def row(cells: Sequence[Cell]) -> float:
        return max(stack_height(cell, w) for cell, w in zip(cells, widths, strict=True)) + 2 * table.pad_y

    header = row([header_cell(column, table) for column in table.columns]) if table.show_header else 0.0
    return header, [row(r.cells) for r in table.rows]


def header_cell(column: Column, table: TableSpec) -> tuple[TextSpec]:
    """A column's header cell, as every backend sets it."""
    return (TextSpec((Run(column.title),), table.header_style.but(align=column.align)),)
