"""The page flow: specs laid out on pages, and specs stacked in a box, as shapes a backend draws.

Every page break is decided here, before any backend draws: paragraphs split between lines
(never leaving fewer than two lines at a page's foot or top), tables between rows (their header
repeated, the note kept with the last row), key-value rows between lines of their value, and a
heading always stays with the first part of what follows it. A chart that does not fit below its
heading is drawn smaller into the space left, down to its floor, else moves with its heading to
the next page; one taller than a page even at its floor continues across pages band by band.
What cannot be laid out (a table row taller than a page) is returned as a Problem naming the
content that can fix it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import singledispatch

from ..design.geometry import Box
from ..design.theme import Rule, TextStyle
from ..design.tokens import Colour, PageGrid
from ..errors import Problem
from ..typeset.linebreak import Line
from .measure import (
    BLOCK_GAP,
    column_widths,
    header_cell,
    heading_indent,
    key_cell,
    key_value_widths,
    lines,
    row_heights,
)
from .shapes import GroupShape, RectShape, RuleShape, Shape, TextShape
from .spec import (
    Cell,
    ChartSpec,
    HeadingSpec,
    KeyValueSpec,
    ListSpec,
    PageBreakSpec,
    Run,
    Spec,
    TableSpec,
    TextSpec,
)

#: Fewest lines of a paragraph left at a page's foot or carried to the next page.
ORPHANS = WIDOWS = 2
#: A heading wants this much of its section below it on the same page (or all of a shorter one).
HEADING_ROOM = 90.0
#: A key-value row split across pages leaves at least this much of its value on each page.
KEY_VALUE_MIN_SPLIT = 36.0
_EPSILON = 1e-6


class Block:
    """Something the flow places: a run of units it may split between, drawn part by part."""

    space_before: float = 0.0
    space_after: float = 0.0
    #: A heading: never the last thing on a page.
    keep_with_next: bool = False
    #: The smallest scale it may be drawn at to fit (1.0: it never shrinks).
    floor: float = 1.0

    def count(self) -> int:
        raise NotImplementedError

    def height(self, start: int, end: int) -> float:
        """Height of units start…end-1 drawn as one part."""
        raise NotImplementedError

    def breakable(self, index: int) -> bool:
        """Whether a part may end before unit `index` (0 < index < count)."""
        return True

    def draw(self, start: int, end: int, x: float, y: float, width: float, scale: float = 1.0) -> list[Shape]:
        raise NotImplementedError

    def problem(self, index: int, room: float) -> Problem | None:
        """What to tell the clerk when unit `index` alone is taller than a page."""
        return None

    def first_end(self) -> int:
        """The end of the smallest first part the flow may place."""
        return next((index for index in range(1, self.count()) if self.breakable(index)), self.count())


@dataclass
class _Break(Block):
    """A forced page break, optionally onto pages of another grid (an A3 seating chart)."""

    grid: PageGrid | None = None

    def count(self) -> int:
        return 0


class TextBlock(Block):
    """One paragraph (a text, a list item or a heading) as set lines."""

    def __init__(self, text_lines: Iterable[Line], style: TextStyle, indent: float = 0.0, marker: str | None = None,
                 marker_x: float = 0.0, bar: Rule | None = None, keep_with_next: bool = False):
        self.lines = tuple(text_lines)
        self.style = style
        self.indent, self.marker, self.marker_x, self.bar = indent, marker, marker_x, bar
        self.keep_with_next = keep_with_next
        self.space_before, self.space_after = style.space_before, style.space_after

    def count(self) -> int:
        return len(self.lines)

    def height(self, start: int, end: int) -> float:
        return (end - start) * self.style.leading

    def breakable(self, index: int) -> bool:
        return not self.keep_with_next and ORPHANS <= index <= len(self.lines) - WIDOWS

    def draw(self, start: int, end: int, x: float, y: float, width: float, scale: float = 1.0) -> list[Shape]:
        return [TextShape(self.lines[start:end], self.style, x, y, self.indent,
                          self.marker if start == 0 else None, self.marker_x, self.bar)]


def text_blocks(spec: Spec, width: float) -> list[TextBlock]:
    """A text spec as paragraphs set `width` pt wide."""
    if isinstance(spec, TextSpec):
        return [TextBlock(lines(spec.runs, spec.style, width), spec.style)]
    if isinstance(spec, HeadingSpec):
        indent = heading_indent(spec)
        return [TextBlock(lines((Run(spec.label),), spec.style, width, indent), spec.style, indent, bar=spec.bar,
                          keep_with_next=True)]
    if isinstance(spec, ListSpec):
        style = spec.style
        return [TextBlock(lines(item.runs, style, width, spec.indent(item)), style, spec.indent(item), item.marker,
                          item.level * style.size) for item in spec.items]
    raise TypeError(f"not a text spec: {type(spec).__name__}")


class Stack:
    """Text specs stacked in a column: where each line sits and where the stack may be cut."""

    def __init__(self, specs: Sequence[Spec], width: float):
        self.blocks: list[TextBlock] = [block for spec in specs for block in text_blocks(spec, width)]
        #: (block, line, top) of every line.
        self.lines: list[tuple[int, int, float]] = []
        top = 0.0
        for number, block in enumerate(self.blocks):
            if number:
                top += self.blocks[number - 1].space_after + block.space_before
            for index in range(block.count()):
                self.lines.append((number, index, top))
                top += block.style.leading
        self.height = top

    def bottom(self, line: int) -> float:
        block, _index, top = self.lines[line]
        return top + self.blocks[block].style.leading

    def span(self, start: int, end: int) -> float:
        """Height of lines start…end-1 drawn as one part."""
        return self.bottom(end - 1) - self.lines[start][2] if end > start else 0.0

    def cuts(self) -> list[int]:
        """Lines a part may start at: within a paragraph as widows and orphans allow, and between
        paragraphs unless the one before is a heading."""
        found = []
        for number in range(1, len(self.lines)):
            block, index, _top = self.lines[number]
            before = self.lines[number - 1][0]
            if (block == before and self.blocks[block].breakable(index)) or (
                    block != before and not self.blocks[before].keep_with_next):
                found.append(number)
        return found

    def draw(self, start: int, end: int, x: float, y: float) -> list[Shape]:
        """Lines start…end-1 as shapes, the first line's top at y."""
        shapes: list[Shape] = []
        if end <= start:
            return shapes
        origin = self.lines[start][2]
        number = start
        while number < end:
            block_number, first, top = self.lines[number]
            last = first
            while number + 1 < end and self.lines[number + 1][0] == block_number:
                number += 1
                last = self.lines[number][1]
            block = self.blocks[block_number]
            shapes += block.draw(first, last + 1, x, y + top - origin, 0.0)
            number += 1
        return shapes


def place(specs: Sequence[Spec], box: Box, anchor: str = "t") -> list[Shape]:
    """Specs stacked in a box, anchored top (t), middle (ctr) or bottom (b), as a frame stacks them
    (no space above the first)."""
    stack = Stack(specs, box.w)
    slack = box.h - stack.height
    offset = {"t": 0.0, "ctr": slack / 2, "b": slack}.get(anchor, 0.0)
    return stack.draw(0, len(stack.lines), box.x, box.y + offset)


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
        rows: list[tuple[list[Cell], float, Colour | None]] = []
        if spec.show_header:
            rows.append(([header_cell(column, spec) for column in spec.columns], self.header, spec.header_fill))
        for index in range(start, min(end, len(self.rows))):
            rows.append((list(spec.rows[index].cells), self.rows[index], spec.row_fill(index)))
        for number, (cells, height, colour) in enumerate(rows):
            if colour:
                fills.append(RectShape(Box(x, top, total, height), fill=colour))
            left = x
            for cell, column_width in zip(cells, self.widths, strict=True):
                texts += _cell_shapes(cell, Box(left, top, column_width, height), spec.pad_x, spec.pad_y, "ctr")
                left += column_width
            if number < len(rows) - 1:
                rules.append(RuleShape(x, top + height, x + total, top + height, spec.row_rule))
            top += height
        rules.append(RuleShape(x, y, x + total, y, spec.frame_rule))
        rules.append(RuleShape(x, top, x + total, top, spec.frame_rule))
        shapes = fills + texts + rules
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


class KeyValueBlock(Block):
    """Labelled rows: a row splits between lines of its value only when it is tall, and its label
    goes with the first part."""

    def __init__(self, spec: KeyValueSpec, width: float):
        self.spec = spec
        self.key_width, self.value_width = key_value_widths(spec, width)
        pad = 2 * spec.pad_x
        self.keys = [Stack(key_cell(key, spec), self.key_width - pad) for key, _value in spec.rows]
        self.values = [Stack(value, self.value_width - pad) for _key, value in spec.rows]
        #: (row, first line, end line) of each unit.
        self.units: list[tuple[int, int, int]] = []
        for row, (key, value) in enumerate(zip(self.keys, self.values, strict=True)):
            starts = [0] + [cut for cut in value.cuts()
                            if value.lines[cut][2] >= max(key.height, KEY_VALUE_MIN_SPLIT)
                            and value.height - value.lines[cut][2] >= KEY_VALUE_MIN_SPLIT]
            ends = starts[1:] + [len(value.lines)]
            self.units += [(row, start, end) for start, end in zip(starts, ends, strict=True)]
        self.space_after = BLOCK_GAP

    def count(self) -> int:
        return len(self.units)

    def _parts(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Units start…end-1 merged into one part per row: (row, first line, end line)."""
        parts: list[tuple[int, int, int]] = []
        for row, first, last in self.units[start:end]:
            if parts and parts[-1][0] == row:
                parts[-1] = (row, parts[-1][1], last)
            else:
                parts.append((row, first, last))
        return parts

    def _part_height(self, row: int, first: int, last: int) -> float:
        value = self.values[row]
        if first == 0:
            body = max(self.keys[row].height, value.span(0, last) if last else 0.0)
        else:
            body = value.span(first, last)
        return body + 2 * self.spec.pad_y

    def height(self, start: int, end: int) -> float:
        return sum(self._part_height(*part) for part in self._parts(start, end))

    def problem(self, index: int, room: float) -> Problem | None:
        label = self.spec.rows[self.units[index][0]][0].replace("\n", "")
        return Problem("content", None, label, f"a label and value that fit on a page ({room:.0f} pt)",
                       f"{self.height(index, index + 1):.0f} pt", "shorten the text of this row")

    def draw(self, start: int, end: int, x: float, y: float, width: float, scale: float = 1.0) -> list[Shape]:
        spec = self.spec
        total = self.key_width + self.value_width
        fills: list[Shape] = []
        texts: list[Shape] = []
        rules: list[Shape] = []
        top = y
        parts = self._parts(start, end)
        for number, (row, first, last) in enumerate(parts):
            height = self._part_height(row, first, last)
            fills.append(RectShape(Box(x, top, self.key_width, height), fill=spec.key_fill))
            if first == 0:
                key = self.keys[row]
                texts += key.draw(0, len(key.lines), x + spec.pad_x, top + spec.pad_y)
            texts += self.values[row].draw(first, last, x + self.key_width + spec.pad_x, top + spec.pad_y)
            if number < len(parts) - 1:
                rules.append(RuleShape(x, top + height, x + total, top + height, spec.row_rule))
            top += height
        rules.append(RuleShape(x, y, x + total, y, spec.frame_rule))
        rules.append(RuleShape(x, top, x + total, top, spec.frame_rule))
        if spec.ruled:
            rules += [RuleShape(x + self.key_width, y, x + self.key_width, top, spec.row_rule),
                      RuleShape(x, y, x, top, spec.frame_rule),
                      RuleShape(x + total, y, x + total, top, spec.frame_rule)]
        return fills + texts + rules


class ChartBlock(Block):
    """A drawing of bands: drawn smaller to fit down to its floor, else continued band by band."""

    def __init__(self, spec: ChartSpec, width: float):
        self.spec = spec
        self.floor = spec.floor
        self.space_after = BLOCK_GAP

    def count(self) -> int:
        return len(self.spec.bands)

    def height(self, start: int, end: int) -> float:
        return sum(band.height for band in self.spec.bands[start:end])

    def problem(self, index: int, room: float) -> Problem | None:
        return Problem("content/handout.yaml", None, "seating", f"a row of seats that fits on a page ({room:.0f} pt)",
                       f"one {self.height(index, index + 1):.0f} pt high", "use paper: A3, or fewer seats in a row")

    def draw(self, start: int, end: int, x: float, y: float, width: float, scale: float = 1.0) -> list[Shape]:
        bands: list[Shape] = []
        top = 0.0
        for band in self.spec.bands[start:end]:
            bands.append(GroupShape(0.0, top, 1.0, band.shapes))
            top += band.height
        return [GroupShape(x + (width - self.spec.width * scale) / 2, y, scale, tuple(bands))]


@singledispatch
def blocks(spec: Spec, width: float) -> list[Block]:
    """What the flow places for one spec set `width` pt wide."""
    return list(text_blocks(spec, width))


@blocks.register
def _(spec: TableSpec, width: float) -> list[Block]:
    return [TableBlock(spec, width)]


@blocks.register
def _(spec: KeyValueSpec, width: float) -> list[Block]:
    return [KeyValueBlock(spec, width)]


@blocks.register
def _(spec: ChartSpec, width: float) -> list[Block]:
    return [ChartBlock(spec, width)]


@blocks.register
def _(spec: PageBreakSpec, width: float) -> list[Block]:
    return [_Break(spec.grid)]


@dataclass
class Page:
    """One laid-out page: its grid and its shapes (in pt from the page's top-left corner)."""

    grid: PageGrid
    shapes: list[Shape] = field(default_factory=list)
    #: Whether anything of the story is on it (a page break opens a page only when there is).
    used: bool = False


@dataclass
class Layout:
    """A story laid out: its pages, and what could not be laid out."""

    pages: list[Page]
    problems: list[Problem] = field(default_factory=list)


class _Flow:
    """The flow of one story over pages of a grid."""

    def __init__(self, specs: Sequence[Spec], grid: PageGrid):
        self.grid = grid
        self.items: list[Block] = []
        width = grid.frame_width
        for spec in specs:
            if isinstance(spec, PageBreakSpec) and spec.grid is not None:
                width = spec.grid.frame_width
            self.items += blocks(spec, width)
        self.pages = [Page(grid)]
        self.used = 0.0
        self.previous: Block | None = None
        self.problems: list[Problem] = []

    @property
    def page(self) -> Page:
        return self.pages[-1]

    @property
    def frame_height(self) -> float:
        return self.page.grid.frame_height

    def new_page(self, grid: PageGrid | None = None) -> None:
        self.pages.append(Page(grid or self.page.grid))
        self.used, self.previous = 0.0, None

    def gap(self, block: Block) -> float:
        return self.previous.space_after + block.space_before if self.previous is not None else 0.0

    def first_height(self, index: int) -> float:
        """The least room item `index` needs on a page: its smallest first part (a chart at its
        floor), and for a heading, what follows it too."""
        if index >= len(self.items) or isinstance(self.items[index], _Break):
            return 0.0
        block = self.items[index]
        if block.count() == 0:
            return 0.0
        if block.floor < 1.0:
            whole = block.height(0, block.count()) * block.floor
            # a chart continued across pages starts with a third of a page, not its first row alone
            height = whole if whole <= self.frame_height else max(block.height(0, block.first_end()),
                                                                     self.frame_height / 3)
        else:
            height = block.height(0, block.first_end())
        if block.keep_with_next and index + 1 < len(self.items):
            following = self.items[index + 1]
            if not isinstance(following, _Break):
                height += block.space_after + following.space_before + max(
                    self.first_height(index + 1), self.section_start(index + 1))
        return height

    def section_start(self, index: int) -> float:
        """What follows a heading, up to HEADING_ROOM: a heading is not left at a page's foot with
        a single line under it when its section goes on."""
        total, previous = 0.0, None
        for block in self.items[index:]:
            if isinstance(block, _Break) or block.keep_with_next or total >= HEADING_ROOM:
                break
            total += (previous.space_after + block.space_before if previous else 0.0) + block.height(0, block.count())
            previous = block
        return min(total, HEADING_ROOM)

    @staticmethod
    def fit(block: Block, start: int, room: float, scale: float = 1.0) -> int | None:
        """The furthest end of a part from `start` that fits `room` (drawn at `scale`), or None."""
        best = None
        for end in range(start + 1, block.count() + 1):
            if end < block.count() and not block.breakable(end):
                continue
            if block.height(start, end) * scale <= room + _EPSILON:
                best = end
            else:
                break
        return best

    def pages_at(self, block: Block, scale: float, first_room: float) -> int:
        """How many pages a block continued across pages takes at a scale."""
        pages, start, room = 1, 0, first_room
        while start < block.count():
            end = self.fit(block, start, room, scale) or start + 1
            start = end
            if start < block.count():
                pages, room = pages + 1, self.frame_height
        return pages

    def continued_scale(self, block: Block, room: float) -> float:
        """The largest scale (down to the block's floor) at which a block too tall for one page
        takes as few pages as it can: a chart of 1.2 pages is drawn a little smaller on 2, not at
        full size on 3."""
        fewest = self.pages_at(block, block.floor, room)
        whole = block.height(0, block.count())
        for pages in range(fewest, fewest + 3):
            scale = min(1.0, max(block.floor, (room + (pages - 1) * self.frame_height) / whole))
            while scale > block.floor and self.pages_at(block, scale, room) > pages:
                scale = max(block.floor, scale - 0.02)
            if self.pages_at(block, scale, room) <= pages:
                return scale
        return block.floor

    def put(self, block: Block, start: int, end: int, scale: float = 1.0) -> None:
        space = self.gap(block)
        grid = self.page.grid
        top = grid.top + self.used + space
        self.page.shapes += block.draw(start, end, grid.left, top, grid.frame_width, scale)
        self.page.used = True
        self.used += space + block.height(start, end) * scale
        self.previous = block

    def run(self) -> Layout:
        for index, block in enumerate(self.items):
            if isinstance(block, _Break):
                if self.page.used:
                    self.new_page(block.grid)
                elif block.grid is not None:
                    self.page.grid = block.grid
                continue
            self.flow(index, block)
        if not self.page.used and len(self.pages) > 1:
            self.pages.pop()
        return Layout(self.pages, self.problems)

    def flow(self, index: int, block: Block) -> None:
        start, count = 0, block.count()
        scale = 1.0
        while start < count:
            room = self.frame_height - self.used - self.gap(block)
            after_heading = self.previous is not None and self.previous.keep_with_next
            if start == 0 and self.page.used and not after_heading and self.first_height(index) > room + _EPSILON:
                self.new_page()  # not even its first part (with what it keeps with) fits: move on
                continue
            if start == 0 and block.floor < 1.0:
                whole = block.height(0, count)
                if whole * block.floor <= room + _EPSILON:
                    self.put(block, 0, count, min(1.0, room / whole))
                    return
                movable = self.page.used and not after_heading
                if movable and (whole * block.floor <= self.frame_height or room < self.frame_height / 3):
                    self.new_page()  # it fits a page of its own, or too little of it fits here
                    continue
                scale = self.continued_scale(block, room)
                if movable and self.continued_scale(block, self.frame_height) > scale + 0.1:
                    self.new_page()  # starting on the next page draws it clearly larger
                    continue
            end = self.fit(block, start, room, scale)
            if end is None:
                if self.page.used:
                    self.new_page()
                    continue
                end = block.first_end() if start == 0 else self._next_end(block, start)
                problem = block.problem(start, room)
                if problem:
                    self.problems.append(problem)
            self.put(block, start, end, scale)
            start = end
            if start < count:
                self.new_page()

    @staticmethod
    def _next_end(block: Block, start: int) -> int:
        return next((end for end in range(start + 1, block.count()) if block.breakable(end)), block.count())


def paginate(specs: Sequence[Spec], grid: PageGrid) -> Layout:
    """A story of specs laid out on pages of a grid (a page break may switch to another grid)."""
    return _Flow(specs, grid).run()
