"""Setting one paragraph: lines filled greedily, boxes too wide cut, no widow on the last line."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from ..japanese.kinsoku import NO_LINE_START
from .boxes import _Box, _piece, _rest
from .chars import _EPSILON, SPACES, _Char, _unit_text
from .cuts import WIDOW, _hard_pieces, cuts_of

#: With phrase breaking, a line filled less than this far may cut into the next phrase.
SHORT_LINE = 0.6


@dataclass
class _Built:
    """A line while it is being set: its boxes (each but the last followed by its spaces)."""

    boxes: list[_Box]
    indent: float
    broken: str | None = None
    #: How bad the break at its end is (0: between boxes; else the rank of the cut).
    rank: float = 0.0

    @property
    def width(self) -> float:
        """Its characters' widths added in order (as a line set whole adds them: the same bits)."""
        return sum(char.width for char in self.chars)

    @property
    def chars(self) -> list[_Char]:
        out: list[_Char] = []
        for index, box in enumerate(self.boxes):
            out.extend(box.chars)
            if index < len(self.boxes) - 1:
                out.extend(box.spaces)
        return out


def _visible(chars: Sequence[_Char]) -> int:
    """Characters that count for a widow: not spaces, not closing punctuation."""
    return sum(1 for c in chars if c.ch not in SPACES and c.ch not in NO_LINE_START)


def _set_paragraph(chars: list[_Char], boxes: list[_Box], width: float, first_indent: float, indent: float,
                   phrases: bool) -> list[_Built]:
    """Greedy line filling of one hard-broken segment (its characters, grouped in boxes), then widow control."""
    lines: list[_Built] = []
    current: list[_Box] = []
    line_indent = first_indent
    filled = 0.0  # the current line's boxes and the spaces after them

    def add(box: _Box) -> None:
        nonlocal filled
        current.append(box)
        filled += box.width + box.space_width

    def finish(broken: str | None = None, rank: float = 0.0) -> None:
        nonlocal current, line_indent, filled
        lines.append(_Built(current, line_indent, broken, rank))
        current, filled = [], 0.0
        line_indent = indent

    queue = deque(boxes)
    unit_texts: dict[int, str] = {}
    while queue:
        box = queue.popleft()
        available = width - line_indent
        room = available - filled
        if box.width <= room + _EPSILON or (not current and len(box.chars) < 2):
            add(box)
            continue
        cuts, start = None, 0
        if current:
            if phrases and filled < SHORT_LINE * available:
                # a phrase too long to follow a short start is cut at a seam, not left nearly empty
                cuts = cuts_of(box)
                found = cuts.best(0, room, hard=False)
                if found:
                    start, rank = found
                    add(_piece(box.chars, 0, start))
                    finish(rank=rank)
                    box = _rest(box, start)
                    cuts, start = None, 0
            if current:
                finish()
            if box.width <= width - line_indent + _EPSILON:
                queue.appendleft(box)
                continue
            available = width - line_indent
        pieces, rest = _hard_pieces(box, available, width - indent, cuts, start)
        for piece, unit, rank in pieces:
            add(piece)
            if unit and unit not in unit_texts:
                unit_texts[unit] = _unit_text(chars, unit)
            finish(unit_texts.get(unit), rank)
        if rest.chars or rest.spaces:
            queue.appendleft(rest)
    finish()
    _avoid_widow(lines, width)
    return lines


def _avoid_widow(lines: list[_Built], width: float) -> None:
    """Move boxes down from the line before so the last line is not one or two characters alone."""
    if len(lines) < 2 or lines[-2].broken:
        return
    before, last = lines[-2], lines[-1]
    if not last.boxes or _visible(last.chars) > WIDOW or _visible(last.chars) == 0:
        return
    moved_before, moved_last = list(before.boxes), list(last.boxes)
    while len(moved_before) > 1 and _visible(_Built(moved_last, 0).chars) <= WIDOW:
        moved_last.insert(0, moved_before.pop())
    trial_before, trial_last = _Built(moved_before, before.indent), _Built(moved_last, last.indent)
    available = width - last.indent
    if (_visible(trial_last.chars) > WIDOW and trial_last.width <= available + _EPSILON
            and trial_before.width >= 0.5 * (width - before.indent)):
        lines[-2], lines[-1] = trial_before, trial_last
