"""Boxes: every placed area of a slide, card or chart, in pt from its top-left corner."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """A rectangle: left, top, width, height in pt from the top-left corner of what holds it."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w
