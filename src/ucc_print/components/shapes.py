"""What a laid-out page is made of: set text, filled or stroked rectangles, rules, polygons, scaled groups.

The page flow (pages.py) and the boxes of slides and cards (stack.place) turn specs into these shapes,
in pt from the top-left corner of what holds them; a backend only draws them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..design.geometry import Box
from ..design.theme import Rule, TextStyle
from ..design.tokens import Colour
from ..typeset.linebreak import Line


@dataclass(frozen=True)
class TextShape:
    """Set lines of one paragraph: its column's left edge and the top of its first line."""

    lines: tuple[Line, ...]
    style: TextStyle
    x: float
    y: float
    #: Extra left indent of every line (list items, headings with a bar).
    indent: float = 0.0
    #: A list marker drawn before the first line, at marker_x from x.
    marker: str | None = None
    marker_x: float = 0.0
    #: A heading's accent bar at the left of its lines.
    bar: Rule | None = None

    @property
    def height(self) -> float:
        return len(self.lines) * self.style.leading


@dataclass(frozen=True)
class RectShape:
    """A rectangle, filled, stroked or both."""

    box: Box
    fill: Colour | None = None
    stroke: Rule | None = None


@dataclass(frozen=True)
class RuleShape:
    """A straight line."""

    x1: float
    y1: float
    x2: float
    y2: float
    rule: Rule


@dataclass(frozen=True)
class PolygonShape:
    """A filled polygon (a sign's arrow): its corners in order."""

    points: tuple[tuple[float, float], ...]
    fill: Colour


@dataclass(frozen=True)
class GroupShape:
    """Shapes drawn `scale` times their size, their origin moved to (x, y): a chart drawn smaller."""

    x: float
    y: float
    scale: float
    shapes: tuple[Shape, ...]


Shape = TextShape | RectShape | RuleShape | PolygonShape | GroupShape


def texts(shapes: tuple[Shape, ...] | list[Shape]) -> Iterator[TextShape]:
    """Every text shape, groups included (for checks and warnings)."""
    for shape in shapes:
        if isinstance(shape, GroupShape):
            yield from texts(shape.shapes)
        elif isinstance(shape, TextShape):
            yield shape


#: A justified line may open up by this many ems in all, or a quarter em a character, at most;
#: looser lines stay ragged.
MAX_JUSTIFY_EMS, MAX_JUSTIFY_PER_CHARACTER = 3.0, 0.25


def justified(shape: TextShape, line: Line) -> bool:
    """Whether a line is spread to its full measure (justified text, not a paragraph's last line):
    a line ended early to keep a word whole spreads its gaps a little rather than stay ragged."""
    style = shape.style
    most = max(MAX_JUSTIFY_EMS, MAX_JUSTIFY_PER_CHARACTER * len(line.text)) * style.size
    return style.align == "justify" and not line.last and 0 < line.slack <= most


def line_left(shape: TextShape, line: Line) -> float:
    """Where a line starts, its alignment applied."""
    x = shape.x + shape.indent + line.indent
    if shape.style.align == "right":
        return x + line.slack
    if shape.style.align == "center":
        return x + line.slack / 2
    return x


def bounds(shape: Shape) -> Box:
    """The area a shape covers (text: where its lines are drawn; groups: scaled)."""
    if isinstance(shape, TextShape):
        if not shape.lines:
            return Box(shape.x, shape.y, 0, 0)
        lefts = [line_left(shape, line) for line in shape.lines]
        rights = [left + (line.available if justified(shape, line) else line.width)
                  for left, line in zip(lefts, shape.lines, strict=True)]
        left = min(lefts + ([shape.x + shape.marker_x] if shape.marker else []))
        return Box(left, shape.y, max(rights) - left, shape.height)
    if isinstance(shape, RectShape):
        return shape.box
    if isinstance(shape, RuleShape):
        return Box(min(shape.x1, shape.x2), min(shape.y1, shape.y2), abs(shape.x2 - shape.x1),
                   abs(shape.y2 - shape.y1))
    if isinstance(shape, PolygonShape):
        xs, ys = [x for x, _y in shape.points], [y for _x, y in shape.points]
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    inner = [bounds(child) for child in shape.shapes]
    if not inner:
        return Box(shape.x, shape.y, 0, 0)
    left, top = min(b.x for b in inner), min(b.y for b in inner)
    right, bottom = max(b.right for b in inner), max(b.bottom for b in inner)
    return Box(shape.x + left * shape.scale, shape.y + top * shape.scale, (right - left) * shape.scale,
               (bottom - top) * shape.scale)
