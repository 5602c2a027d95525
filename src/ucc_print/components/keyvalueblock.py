"""A key-value block in the flow: labelled rows, a tall one split between lines of its value."""

from __future__ import annotations

from ..design.geometry import Box
from ..errors import Problem
from .flowblock import Block
from .measure import BLOCK_GAP, key_cell, key_value_widths
from .shapes import RectShape, RuleShape, Shape
from .spec import KeyValueSpec
from .stack import Stack

#: A key-value row split across pages leaves at least this much of its value on each page.
KEY_VALUE_MIN_SPLIT = 36.0


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
