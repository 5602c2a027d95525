"""Component specs → reportlab flowables."""

from __future__ import annotations

from functools import singledispatch
from typing import NamedTuple

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Table, TableStyle

from ...components.measure import header_cell, heading_indent, row_heights
from ...components.seating import SeatingSpec
from ...design.seating import MIN_SCALE
from ...components.spec import (
    Cell,
    HeadingSpec,
    KeyValueSpec,
    ListSpec,
    PageBreakSpec,
    Run,
    Spec,
    TableSpec,
    TextSpec,
)
from ...design.theme import Rule
from ...design.tokens import Palette, Space
from ...errors import UccError
from .colour import cmyk, fill, stroke
from .fonts import register
from .text import SetText

#: Space after a table or key-value block.
BLOCK_GAP = Space.L
#: A key-value row taller than the room left may split across pages, each part at least this tall;
#: data-table rows never split.
KEY_VALUE_MIN_SPLIT = 36.0
#: A heading needs at least this much room below it, or it moves to the next page.
HEADING_ROOM = 90.0


class Area(NamedTuple):
    """The room a story is laid out in: the frame's width and height in pt."""

    width: float
    height: float


@singledispatch
def flowables(spec: Spec, area: Area) -> list[Flowable]:
    """The flowables that draw one spec in a frame of the given size."""
    raise TypeError(f"no PDF renderer for {type(spec).__name__}")


@flowables.register
def _text(spec: TextSpec, area: Area) -> list[Flowable]:
    return [SetText.of(spec.runs, spec.style)]


@flowables.register
def _list(spec: ListSpec, area: Area) -> list[Flowable]:
    style = spec.style
    return [
        SetText.of(item.runs, style, indent=spec.indent(item), marker=item.marker, marker_x=item.level * style.size)
        for item in spec.items
    ]


@flowables.register
def _heading(spec: HeadingSpec, area: Area) -> list[Flowable]:
    text = SetText.of((Run(spec.label),), spec.style, indent=heading_indent(spec), bar=spec.bar)
    text.keepWithNext = True
    return [CondPageBreak(HEADING_ROOM + spec.style.space_before), text] if spec.level <= 2 else [text]


@flowables.register
def _page_break(spec: PageBreakSpec, area: Area) -> list[Flowable]:
    return [PageBreak()]


def _cell(cell: Cell) -> list[Flowable]:
    """A table cell's flowables (the last paragraph's space-after dropped)."""
    parts: list[Flowable] = []
    for spec in cell:
        parts.extend(part for part in flowables(spec, Area(0, 0)) if isinstance(part, SetText))
    if parts:
        parts[-1].spaceAfter = 0
    return parts


def _rules(commands: list, rows: int, frame: Rule, row_rule: Rule) -> None:
    """Frame rules at top and bottom, hairlines between rows."""
    commands.append(("LINEABOVE", (0, 0), (-1, 0), frame.width, cmyk(frame.colour)))
    commands.append(("LINEBELOW", (0, -1), (-1, -1), frame.width, cmyk(frame.colour)))
    if rows > 1:
        commands.append(("LINEBELOW", (0, 0), (-1, -2), row_rule.width, cmyk(row_rule.colour)))


def _cell_layout(commands: list, pad_x: float, pad_y: float, face: str, valign: str) -> None:
    """Padding, alignment, and a bundled font and CMYK ink for reportlab's own cell drawing."""
    commands += [
        ("FONTNAME", (0, 0), (-1, -1), register(face)),
        ("TEXTCOLOR", (0, 0), (-1, -1), cmyk(Palette.INK)),
        ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), pad_y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y),
        ("VALIGN", (0, 0), (-1, -1), valign),
    ]


def _ident(rows) -> str:
    """How a table names itself in a layout error: by its first texts."""
    texts = [spec.text for row in rows for cell in row for spec in cell if isinstance(spec, TextSpec)]
    return f"the table beginning 「{' / '.join(texts[:4])[:40]}」"


def _check_rows(spec: TableSpec, width: float, room: float) -> None:
    """A data-table row never splits: one taller than the page is named in a clear error."""
    header, heights = row_heights(spec, width)
    for row, height in zip(spec.rows, heights):
        if header + height > room:
            texts = [s.text for c in row.cells for s in c if isinstance(s, TextSpec)]
            first = next((t for t in texts if not t.strip().isdigit()), texts[0] if texts else "")
            columns = " / ".join(column.title for column in spec.columns if column.title)
            raise UccError(f"a table row is taller than a page: 「{first[:30]}…」 (table: {columns}).\n"
                           "Shorten its text in content/ or divide it into several rows.")


def table_flowable(spec: TableSpec, width: float, heights: list[float] | None = None) -> Table:
    """A data table: header repeated on each page, rows never split, fills and rules from the spec."""
    header = [_cell(header_cell(column, spec)) for column in spec.columns] if spec.show_header else None
    data = ([header] if header else []) + [[_cell(cell) for cell in row.cells] for row in spec.rows]
    commands: list = []
    _cell_layout(commands, spec.pad_x, spec.pad_y, spec.cell_style.face(), "MIDDLE")
    first_body = 1 if header else 0
    if header and spec.header_fill:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), cmyk(spec.header_fill)))
    for index in range(len(spec.rows)):
        fill = spec.row_fill(index)
        if fill:
            commands.append(("BACKGROUND", (0, first_body + index), (-1, first_body + index), cmyk(fill)))
    _rules(commands, len(data), spec.frame_rule, spec.row_rule)
    return Table(data, colWidths=spec.widths(width), rowHeights=heights, repeatRows=first_body, splitByRow=1,
                 splitInRow=0, style=TableStyle(commands), ident=_ident([row.cells for row in spec.rows]))


@flowables.register
def _table(spec: TableSpec, area: Area) -> list[Flowable]:
    _check_rows(spec, area.width, area.height)
    table = table_flowable(spec, area.width)
    table.spaceAfter = 0 if spec.note else BLOCK_GAP
    parts: list[Flowable] = [table]
    if spec.note:
        note = SetText.of(spec.note.runs, spec.note.style)
        note.spaceAfter = BLOCK_GAP
        parts.append(note)
    return parts


@flowables.register
def _key_values(spec: KeyValueSpec, area: Area) -> list[Flowable]:
    rows = [((TextSpec((Run(key),), spec.key_style),), value) for key, value in spec.rows]
    data = [[_cell(key), _cell(value)] for key, value in rows]
    commands: list = [("BACKGROUND", (0, 0), (0, -1), cmyk(spec.key_fill))]
    _cell_layout(commands, spec.pad_x, spec.pad_y, spec.key_style.face(), "TOP")
    _rules(commands, len(data), spec.frame_rule, spec.row_rule)
    if spec.ruled:
        commands += [("LINEAFTER", (0, 0), (0, -1), spec.row_rule.width, cmyk(spec.row_rule.colour)),
                     ("LINEBEFORE", (0, 0), (0, -1), spec.frame_rule.width, cmyk(spec.frame_rule.colour)),
                     ("LINEAFTER", (-1, 0), (-1, -1), spec.frame_rule.width, cmyk(spec.frame_rule.colour))]
    table = Table(data, colWidths=[area.width * spec.key_share, area.width * (1 - spec.key_share)],
                  splitByRow=1, splitInRow=KEY_VALUE_MIN_SPLIT, style=TableStyle(commands), ident=_ident(rows))
    table.spaceAfter = BLOCK_GAP
    return [table]


class SeatingChart(Flowable):
    """The seating chart: table outlines, tinted seats with their text, labels; drawn smaller
    when it is taller than a page."""

    def __init__(self, spec: SeatingSpec, scale: float = 1.0):
        super().__init__()
        self.spec = spec
        self.scale = scale
        self.width, self.height = spec.width * scale, spec.height * scale

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        canvas, spec = self.canv, self.spec
        canvas.scale(self.scale, self.scale)
        canvas.setLineWidth(0.75)
        stroke(canvas, spec.rule_colour)
        for box in spec.tables:
            canvas.rect(box.x, spec.height - box.bottom, box.w, box.h, stroke=1, fill=0)
        for seat in spec.seats:
            box = seat.box
            fill(canvas, seat.fill)
            canvas.rect(box.x, spec.height - box.bottom, box.w, box.h, stroke=1, fill=1)
            place(canvas, seat.text, box.x + 2, spec.height - box.bottom + 1, box.w - 4, box.h - 2, "ctr")
        for box, text in spec.labels:
            place(canvas, [text], box.x, spec.height - box.bottom, box.w, box.h, "ctr")


@flowables.register
def _seating(spec: SeatingSpec, area: Area) -> list[Flowable]:
    scale = min(1.0, (area.height - BLOCK_GAP) / spec.height) if area.height else 1.0
    if scale < MIN_SCALE:
        raise UccError(f"the seating chart needs {spec.height:.0f} pt, more than a page even drawn at "
                       f"{MIN_SCALE:.0%}: too many seats for one chart.\n"
                       "Seat fewer guests at the sides, or use the classroom layout (handout.yaml, seating).")
    chart = SeatingChart(spec, scale)
    chart.spaceAfter = BLOCK_GAP
    return [chart]


def place(canvas, specs: list[Spec], x: float, bottom: float, width: float, height: float,
          anchor: str = "t") -> None:
    """Specs stacked in a box on a canvas, anchored top, middle (ctr) or bottom (b), as a frame
    would stack them (no space above the first), without a frame's cost."""
    parts = story(list(specs), Area(width, height))
    sizes = [part.wrap(width, height)[1] for part in parts]
    gaps = [parts[i - 1].getSpaceAfter() + parts[i].getSpaceBefore() if i else 0.0 for i in range(len(parts))]
    slack = height - sum(sizes) - sum(gaps)
    y = bottom + height - {"t": 0.0, "ctr": slack / 2, "b": slack}.get(anchor, 0.0)
    for part, size, gap in zip(parts, sizes, gaps):
        y -= gap + size
        part.drawOn(canvas, x, y)


def story(specs: list[Spec], area: Area) -> list[Flowable]:
    """All flowables of a document laid out in `area`, in order."""
    parts: list[Flowable] = []
    for spec in specs:
        parts.extend(flowables(spec, area))
    return parts
