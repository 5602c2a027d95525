"""Component specs → reportlab flowables."""

from __future__ import annotations

from functools import singledispatch

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table, TableStyle

from ...components.spec import (
    Cell,
    HeadingSpec,
    KeyValueSpec,
    ListSpec,
    PageBreakSpec,
    Spec,
    TableSpec,
    TextSpec,
)
from ...content.richtext import Run
from ...design import fonts
from ...design.tokens import Palette, Space
from .colour import cmyk
from .fonts import register
from .text import SetText

#: Space after a table or key-value block.
BLOCK_GAP = Space.L
#: A heading needs at least this much room below it, or it moves to the next page.
HEADING_ROOM = 90.0


@singledispatch
def flowables(spec: Spec, width: float) -> list[Flowable]:
    """The flowables that draw one spec in a frame `width` pt wide."""
    raise TypeError(f"no PDF renderer for {type(spec).__name__}")


@flowables.register
def _text(spec: TextSpec, width: float) -> list[Flowable]:
    return [SetText.of(spec.runs, spec.style)]


@flowables.register
def _list(spec: ListSpec, width: float) -> list[Flowable]:
    items = []
    for number, runs in enumerate(spec.items, 1):
        marker = f"{number}." if spec.ordered else spec.marker
        hang = fonts.text_width(marker, spec.style.face(), spec.style.size) + spec.style.size * 0.3
        items.append(SetText.of(runs, spec.style, indent=max(hang, spec.style.size), marker=marker))
    if items:
        items[-1].spaceAfter = max(items[-1].spaceAfter, spec.style.space_after)
    return items


@flowables.register
def _heading(spec: HeadingSpec, width: float) -> list[Flowable]:
    indent = spec.bar.width + spec.style.size * 0.6 if spec.bar else 0.0
    text = SetText.of((Run(spec.label),), spec.style, indent=indent, bar=spec.bar)
    text.keepWithNext = True
    return [CondPageBreak(HEADING_ROOM + spec.style.space_before), text] if spec.level <= 2 else [text]


@flowables.register
def _page_break(spec: PageBreakSpec, width: float) -> list[Flowable]:
    return [PageBreak()]


def _cell(cell: Cell) -> list[Flowable]:
    """A table cell's flowables (the last paragraph's space-after dropped)."""
    parts: list[Flowable] = []
    for spec in cell:
        parts.extend(flowables(spec, 0.0))
    if parts:
        parts[-1].spaceAfter = 0
    return parts


def _rules(commands: list, rows: int, frame, row_rule) -> None:
    """Frame rules at top and bottom, hairlines between rows."""
    commands.append(("LINEABOVE", (0, 0), (-1, 0), frame.width, cmyk(frame.colour)))
    commands.append(("LINEBELOW", (0, -1), (-1, -1), frame.width, cmyk(frame.colour)))
    if rows > 1:
        commands.append(("LINEBELOW", (0, 0), (-1, -2), row_rule.width, cmyk(row_rule.colour)))


def _cell_layout(commands: list, pad_x: float, pad_y: float, face: str) -> None:
    """Padding, vertical centring, and a bundled font and CMYK ink for reportlab's own cell drawing."""
    commands += [
        ("FONTNAME", (0, 0), (-1, -1), register(face)),
        ("TEXTCOLOR", (0, 0), (-1, -1), cmyk(Palette.INK)),
        ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), pad_y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]


def _widths(shares, width: float) -> list[float]:
    """Column widths from shares of the available width."""
    total = sum(shares)
    return [width * share / total for share in shares]


@flowables.register
def _table(spec: TableSpec, width: float) -> list[Flowable]:
    data = []
    if spec.show_header:
        data.append([
            _cell((TextSpec((Run(column.title),), spec.header_style.but(align=column.align)),))
            for column in spec.columns
        ])
    data += [[_cell(cell) for cell in row.cells] for row in spec.rows]
    commands: list = []
    _cell_layout(commands, spec.pad_x, spec.pad_y, spec.cell_style.face())
    first_body = 1 if spec.show_header else 0
    if spec.show_header and spec.header_fill:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), cmyk(spec.header_fill)))
    for index, row in enumerate(spec.rows):
        y = first_body + index
        if row.emphasis and spec.emphasis_fill:
            commands.append(("BACKGROUND", (0, y), (-1, y), cmyk(spec.emphasis_fill)))
        elif spec.band_fill and index % 2 == 1:
            commands.append(("BACKGROUND", (0, y), (-1, y), cmyk(spec.band_fill)))
    _rules(commands, len(data), spec.frame_rule, spec.row_rule)
    table = Table(
        data, colWidths=_widths([column.share for column in spec.columns], width),
        repeatRows=first_body, splitByRow=1, splitInRow=0, style=TableStyle(commands),
    )
    table.spaceAfter = 0 if spec.note else BLOCK_GAP
    parts: list[Flowable] = [table]
    if spec.note:
        note = SetText.of(spec.note.runs, spec.note.style)
        note.spaceAfter = BLOCK_GAP
        parts.append(note)
    return parts


@flowables.register
def _key_values(spec: KeyValueSpec, width: float) -> list[Flowable]:
    data = [
        [_cell((TextSpec((Run(key),), spec.key_style),)), _cell(value)]
        for key, value in spec.rows
    ]
    commands: list = [("BACKGROUND", (0, 0), (0, -1), cmyk(spec.key_fill))]
    _cell_layout(commands, spec.pad_x, spec.pad_y, spec.key_style.face())
    _rules(commands, len(data), spec.frame_rule, spec.row_rule)
    table = Table(data, colWidths=_widths([spec.key_share, 1 - spec.key_share], width),
                  splitByRow=1, splitInRow=0, style=TableStyle(commands))
    table.spaceAfter = BLOCK_GAP
    return [table]


def story(specs: list[Spec], width: float) -> list[Flowable]:
    """All flowables of a document whose frame is `width` pt wide, in order."""
    parts: list[Flowable] = []
    for spec in specs:
        parts.extend(flowables(spec, width))
    return parts
