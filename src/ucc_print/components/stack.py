"""Paragraphs as blocks of set lines, and text specs stacked in a column or placed in a box."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..design.geometry import Box
from ..design.theme import Rule, TextStyle
from ..typeset.linebreak import Line
from .flowblock import Block
from .measure import heading_indent, lines
from .shapes import Shape, TextShape
from .spec import HeadingSpec, ListSpec, Run, Spec, TextSpec

#: Fewest lines of a paragraph left at a page's foot or carried to the next page.
ORPHANS = WIDOWS = 2


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
