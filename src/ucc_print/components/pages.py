"""The page flow: specs laid out on pages as shapes a backend draws.

Every page break is decided here, before any backend draws: paragraphs split between lines
(never leaving fewer than two lines at a page's foot or top), tables between rows (their header
repeated, the note kept with the last row), key-value rows between lines of their value, and a
heading always stays with the first part of what follows it. A chart that does not fit below its
heading is drawn smaller into the space left, down to its floor, else moves with its heading to
the next page; one taller than a page even at its floor continues across pages band by band.
What cannot be laid out (a table row taller than a page) is returned as a Problem naming the
content that can fix it. Each kind of block says where it may split and draws its parts
(flowblock.py: the interface; stack.py, tableblock.py, keyvalueblock.py, chartblock.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import singledispatch

from ..design.tokens import PageGrid
from ..errors import Problem
from .chartblock import ChartBlock
from .flowblock import Block, _Break
from .keyvalueblock import KeyValueBlock
from .shapes import Shape
from .spec import ChartSpec, KeyValueSpec, PageBreakSpec, Spec, TableSpec
from .stack import text_blocks
from .tableblock import TableBlock

#: A heading wants this much of its section below it on the same page (or all of a shorter one).
HEADING_ROOM = 90.0
_EPSILON = 1e-6


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
