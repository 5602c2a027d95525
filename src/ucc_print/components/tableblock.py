"""A data table in the flow: rows of cells that never split, its header repeated on every page."""

from __future__ import annotations

from ..design.geometry import Box
from ..design.tokens import Colour
from ..errors import Problem
from .flowblock import Block
from .measure import BLOCK_GAP, column_widths, header_cell, row_heights
from .shapes import RectShape, RuleShape, Shape
from .spec import Cell, TableSpec, TextSpec
from .stack import Stack, place


def _cell_shapes(cell: Cell, box: Box, pad_x: float, pad_y: float, valign: str) -> list[Shape]:
    inner = Box(box.x + pad_x, box.y + pad_y, box.w - 2 * pad_x, box.h - 2 * pad_y)
    return place(cell, inner, valign)


class TableBlock(Block):
    """A data table: rows never split, the header repeated on every page, the note with the last row."""

    def __init__(self, spec: TableSpec, width: float):
        self.spec = spec
        self.widths = column_widths(spec, width)
        self.header, self.rows = row_heights(spec, width)
        self.note = Stack([spec.note], width) if spec.note else None
        self.note_gap = spec.note.style.space_before if spec.note else 0.0
        self.space_after = BLOCK_GAP

    def count(self) -> int:
        return len(self.rows) + (1 if self.note else 0)

    def _note_height(self) -> float:
        return self.note.height + self.note_gap if self.note else 0.0

    def height(self, start: int, end: int) -> float:
        rows = sum(self.rows[start:min(end, len(self.rows))])
        return self.header + rows + (self._note_height() if end > len(self.rows) else 0.0)

    def breakable(self, index: int) -> bool:
        return index < len(self.rows)  # the note stays with the last row

    def draw(self, start: int, end: int, x: float, y: float, width: float, scale: float = 1.0) -> list[Shape]:
        spec = self.spec
        fills: list[Shape] = []
        texts: list[Shape] = []
        rules: list[Shape] = []
        total = sum(self.widths)
        top = y
        rows: list[tuple[list[Cell], float, Colour | None, int | None]] = []
        if spec.show_header:
            rows.append(([header_cell(column, spec) for column in spec.columns], self.header, spec.header_fill, None))
        for body in range(start, min(end, len(self.rows))):
            rows.append((list(spec.rows[body].cells), self.rows[body], spec.row_fill(body), body))
        for number, (cells, height, colour, index) in enumerate(rows):
            if colour:
                fills.append(RectShape(Box(x, top, total, height), fill=colour))
            left = x
            for column, (cell, column_width) in enumerate(zip(cells, self.widths, strict=True)):
                own = spec.cell_fill(index, column) if index is not None else colour
                if own and own != colour:
                    fills.append(RectShape(Box(left, top, column_width, height), fill=own))
                texts += _cell_shapes(cell, Box(left, top, column_width, height), spec.pad_x, spec.pad_y, spec.valign)
                left += column_width
            if number < len(rows) - 1:
                rules.append(RuleShape(x, top + height, x + total, top + height, spec.row_rule))
            top += height
        rules.append(RuleShape(x, y, x + total, y, spec.frame_rule))
        rules.append(RuleShape(x, top, x + total, top, spec.frame_rule))
        shapes = fills + texts + [rule for rule in rules if isinstance(rule, RuleShape) and rule.rule.width]
        if self.note and end > len(self.rows):
            shapes += self.note.draw(0, len(self.note.lines), x, top + self.note_gap)
        return shapes

    def problem(self, index: int, room: float) -> Problem | None:
        if index >= len(self.rows):
            return None
        row = self.spec.rows[index]
        texts = [s.text for cell in row.cells for s in cell if isinstance(s, TextSpec)]
        first = next((t for t in texts if not t.strip().isdigit()), texts[0] if texts else "")
        columns = " / ".join(column.title for column in self.spec.columns if column.title) or "the table"
        where = row.source
        return Problem(where.file if where else "content", where.line if where else None,
                       where.path if where else "",
                       f"a table row that fits on one page ({room:.0f} pt; table: {columns})",
                       f"「{first[:30]}…」, {self.height(index, index + 1) - self.header:.0f} pt high",
                       "shorten its text, or divide it into several entries")
