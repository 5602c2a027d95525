"""A chart in the flow: bands drawn smaller to fit, down to a floor, else continued band by band."""

from __future__ import annotations

from ..errors import Problem
from .flowblock import Block
from .measure import BLOCK_GAP
from .shapes import GroupShape, Shape
from .spec import ChartSpec


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
