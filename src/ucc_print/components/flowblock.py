"""What the page flow places: a Block, split between its units and drawn part by part, and a page break."""

from __future__ import annotations

from dataclasses import dataclass

from ..design.tokens import PageGrid
from ..errors import Problem
from .shapes import Shape


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
