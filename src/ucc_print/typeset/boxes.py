"""Boxes: the characters that must stay on one line, each box with the breakable spaces after it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..japanese.kinsoku import is_cjk, may_break_between
from .chars import SPACES, _Char

if TYPE_CHECKING:
    from .cuts import _Cuts


@dataclass
class _Box:
    """Characters that must stay on one line, plus the breakable spaces that follow them."""

    chars: list[_Char] = field(default_factory=list)
    spaces: list[_Char] = field(default_factory=list)
    #: Where the box may be cut (cuts.cuts_of), once it has had to be.
    cuts: _Cuts | None = field(default=None, repr=False, compare=False)

    @cached_property
    def width(self) -> float:
        """(Measured once the box is complete.)"""
        return sum(c.width for c in self.chars)

    @cached_property
    def space_width(self) -> float:
        return sum(c.width for c in self.spaces)


def _joined(before: _Char, after: _Char, phrases: bool) -> bool:
    """Whether two visible characters (maybe with spaces between) must stay on one line."""
    if before.unit and before.unit == after.unit:
        return True
    return phrases and before.phrase == after.phrase


def _boxes(chars: list[_Char], phrases: bool) -> list[_Box]:
    """Group characters into unbreakable boxes, each carrying its trailing breakable spaces."""
    boxes: list[_Box] = []
    current = _Box()
    previous: _Char | None = None
    for char in chars:
        if char.ch in SPACES:
            current.spaces.append(char)
            continue
        if previous is not None and current.chars:
            if _joined(previous, char, phrases):
                breaks = False
            elif current.spaces:
                breaks = may_break_between(previous.ch, char.ch)
            else:
                breaks = (is_cjk(previous.ch) or is_cjk(char.ch)) and may_break_between(previous.ch, char.ch)
            if breaks:
                boxes.append(current)
                current = _Box()
            else:
                current.chars.extend(current.spaces)
                current.spaces = []
        elif current.spaces and not current.chars:
            # spaces opening a paragraph are meant (a written 字下げ): keep them as characters
            current.chars.extend(current.spaces)
            current.spaces = []
        current.chars.append(char)
        previous = char
    if current.chars or current.spaces:
        boxes.append(current)
    return boxes


def _piece(chars: list[_Char], start: int, end: int) -> _Box:
    """chars[start:end] as a box, the spaces at its end set apart (they vanish at a line's end)."""
    head = chars[start:end]
    spaces: list[_Char] = []
    while head and head[-1].ch in SPACES:
        spaces.insert(0, head.pop())
    return _Box(head, spaces)


def _rest(box: _Box, start: int) -> _Box:
    """What is left of a box from chars[start] (the spaces at a cut vanish)."""
    chars = box.chars
    while start < len(chars) and chars[start].ch in SPACES:
        start += 1
    return _Box(chars[start:], box.spaces)
