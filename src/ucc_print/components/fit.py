"""Copy-fitting: shrink text, in proportion and never below each style's floor, until it fits."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import singledispatch
from itertools import pairwise
from typing import TypeVar, cast

from ..design.geometry import Box
from ..design.theme import TextStyle
from .measure import SAFETY, column_widths, height, row_heights, stack_height
from .spec import HeadingSpec, KeyValueSpec, ListSpec, Spec, TableSpec, TextSpec

#: Shrink in steps of this fraction of the design size.
STEP = 0.04

#: Any kind of spec: fitting gives back specs of the kinds it was given.
S = TypeVar("S", bound=Spec)


def scaled(spec: S, factor: float) -> S:
    """The spec with every text size multiplied by `factor`."""
    # every kind is scaled into a spec of its own kind, which singledispatch cannot tell the type checker
    return cast(S, _scaled(spec, factor))


@singledispatch
def _scaled(spec: Spec, factor: float) -> Spec:
    raise TypeError(f"cannot scale {type(spec).__name__}")


@_scaled.register
def _(spec: TextSpec, factor: float) -> TextSpec:
    return replace(spec, style=spec.style.scaled(spec.style.size * factor))


@_scaled.register
def _(spec: HeadingSpec, factor: float) -> HeadingSpec:
    return replace(spec, style=spec.style.scaled(spec.style.size * factor))


@_scaled.register
def _(spec: ListSpec, factor: float) -> ListSpec:
    return replace(spec, style=spec.style.scaled(spec.style.size * factor))


@_scaled.register
def _(spec: TableSpec, factor: float) -> TableSpec:
    rows = tuple(replace(row, cells=tuple(tuple(scaled(s, factor) for s in cell) for cell in row.cells))
                 for row in spec.rows)
    return replace(
        spec, rows=rows,
        header_style=spec.header_style.scaled(spec.header_style.size * factor),
        cell_style=spec.cell_style.scaled(spec.cell_style.size * factor),
        note=scaled(spec.note, factor) if spec.note else None,
    )


@_scaled.register
def _(spec: KeyValueSpec, factor: float) -> KeyValueSpec:
    return replace(
        spec, rows=tuple((key, tuple(scaled(s, factor) for s in cell)) for key, cell in spec.rows),
        key_style=spec.key_style.scaled(spec.key_style.size * factor),
        key_width=spec.key_width * factor if spec.key_width is not None else None,
    )


def text_styles(spec: Spec) -> Iterator[TextStyle]:
    """Every text style inside a spec."""
    if isinstance(spec, TableSpec):
        yield spec.header_style
        for row in spec.rows:
            for cell in row.cells:
                for part in cell:
                    yield from text_styles(part)
    elif isinstance(spec, KeyValueSpec):
        yield spec.key_style
        for _key, cell in spec.rows:
            for part in cell:
                yield from text_styles(part)
    elif isinstance(spec, TextSpec | ListSpec | HeadingSpec):
        yield spec.style
    else:
        raise TypeError(f"cannot scale {type(spec).__name__}")


def factors(specs: Sequence[Spec]) -> Iterator[float]:
    """Scale factors to try, largest first, while every style stays at or above its floor
    (a style without a floor, or already below it, does not shrink: only 1.0 is tried)."""
    styles = [style for spec in specs for style in text_styles(spec)]
    floors = [min(style.min_size, style.size) if style.min_size else style.size for style in styles]
    factor = 1.0
    yield factor
    while True:
        factor = round(factor - STEP, 4)
        if not all(style.size * factor >= floor - 1e-9 for style, floor in zip(styles, floors, strict=True)):
            return
        yield factor


def fit_stack(specs: Sequence[S], width: float, height: float) -> list[S] | None:
    """The specs at the largest size that fits the box, or None if even the floor is too big."""
    for factor in factors(specs):
        candidate = [scaled(spec, factor) for spec in specs] if factor != 1.0 else list(specs)
        if stack_height(candidate, width) <= height * SAFETY:
            return candidate
    return None


def fit_rows(stacks: Sequence[Sequence[S]], boxes: Sequence[Box]) -> list[list[S]] | None:
    """Several stacks, each in its own box, shrunk by one common factor (so they stay alike)."""
    everything = [spec for stack in stacks for spec in stack]
    for factor in factors(everything):
        candidate = [[scaled(spec, factor) if factor != 1.0 else spec for spec in stack] for stack in stacks]
        if all(stack_height(stack, box.w) <= box.h * SAFETY for stack, box in zip(candidate, boxes, strict=True)):
            return candidate
    return None


def _starts(rows: Sequence[float], room: float, most: int | None = None) -> list[int]:
    """Where each part of a table's rows starts, each part as tall as `room` allows (and at most
    `most` rows); a row taller than the room makes a part of its own."""
    starts, used = [0], 0.0
    for index, row_height in enumerate(rows):
        if index > starts[-1] and (used + row_height > room or (most and index - starts[-1] >= most)):
            starts.append(index)
            used = 0.0
        used += row_height
    return starts


def fit_table(table: TableSpec, width: float, room: float) -> list[TableSpec]:
    """The table on as few boxes as possible: shrunk to fit one, else split by rows at full size.

    Every part repeats the header and keeps the whole table's column widths; only the last
    carries the note; the rows are shared out evenly among the parts. A single row taller than
    the box still makes a part of its own (the caller reports it).
    """
    limit = room * SAFETY
    tried = list(factors([table]))
    # a table too tall even at its floor is split at once, not measured at every size on the way
    if tried[-1] == 1.0 or height(scaled(table, tried[-1]), width) <= limit:
        for factor in tried:
            candidate = scaled(table, factor) if factor != 1.0 else table
            if height(candidate, width) <= limit:
                return [candidate]
    shares = tuple(w / width for w in column_widths(table, width))
    table = replace(table, shares=shares)
    header, rows = row_heights(table, width)
    starts = _starts(rows, limit - header)
    # as many rows on each part as on the others (7, 7, 6 rather than 9, 9, 2), in as few parts
    balanced = _starts(rows, limit - header, -(-len(rows) // len(starts)))
    starts = balanced if len(balanced) == len(starts) else starts
    parts = [replace(table, rows=table.rows[start:end], note=None) for start, end in pairwise(starts)]
    last = replace(table, rows=table.rows[starts[-1]:])
    if table.note and height(last, width) > limit and len(last.rows) > 1:
        parts.append(replace(last, rows=last.rows[:-1], note=None))
        last = replace(table, rows=last.rows[-1:])
    parts.append(last)
    return parts
