"""Cutting a box wider than its line: every place ranked once, and the least bad one chosen."""

from __future__ import annotations

from ..japanese.kinsoku import is_cjk, may_break_between
from .boxes import _Box, _piece
from .chars import _EPSILON, SPACES, _Char
from .units import SEPARATORS, script

#: A last line with this many characters or fewer (punctuation not counted) is a widow.
WIDOW = 2
#: Kanji that end a word in the names of organisations (企画部|食文化, 文部科学省|国際統括官).
WORD_ENDS = frozenset("省庁府県市区町村部局課室係班所院")
#: A forced cut leaves at least this share of the line filled, when it can.
MIN_FILL = 1 / 3
#: A place not yet ranked (every rank is positive).
_UNRANKED = -1.0


class _Cuts:
    """Where a box may be cut and how bad each place is, measured once for the whole box."""

    def __init__(self, chars: list[_Char]):
        self.chars = chars
        self.before: list[int] = []  # index of the last visible character before each position
        self.head: list[float] = []  # width up to and including that character
        self.unit_position: list[int] = []  # how many visible characters of its unit precede it
        self.kanji_run: list[int] = []  # kanji (no word end among them) ending at each character
        totals: dict[int, int] = {}
        last, width, run = -1, 0.0, 0
        widths: list[float] = []
        self.widths = widths  # the width of chars[:i + 1]
        for index, char in enumerate(chars):
            self.before.append(last)
            self.head.append(widths[last] if last >= 0 else 0.0)
            width += char.width
            widths.append(width)
            if char.ch not in SPACES:
                last = index
                self.unit_position.append(totals.get(char.unit, 0))
                totals[char.unit] = totals.get(char.unit, 0) + 1
            else:
                self.unit_position.append(0)
            run = run + 1 if script(char.ch) == "kanji" and char.ch not in WORD_ENDS else 0
            self.kanji_run.append(run)
        self.totals = totals
        self.ranks: list[float | None] = [_UNRANKED] * len(chars)
        self.after: list[int] = [0] * len(chars)
        following = len(chars)
        for index in range(len(chars) - 1, -1, -1):
            if chars[index].ch not in SPACES:
                following = index
            self.after[index] = following

    def rank(self, index: int) -> float | None:
        """How bad a cut before chars[index] is (0.5 best; up to 2.5 every unit stays whole), None if impossible."""
        chars = self.chars
        j, k = self.before[index], self.after[index]
        if j < 0 or k >= len(chars):
            return None
        before, after = chars[j], chars[k]
        at_space = chars[index - 1].ch in SPACES or chars[index].ch in SPACES
        if not may_break_between(before.ch, after.ch):
            return 7
        if not (before.unit and before.unit == after.unit):
            if at_space:
                return 0.5  # between the words of a phrase: any cut is worse than none
            if not (is_cjk(before.ch) or is_cjk(after.ch)):
                return 2
            if before.unit or after.unit or script(before.ch) != script(after.ch) or before.ch in WORD_ENDS:
                return 1
            # inside a run of kanji, most words are two characters long: 国際|連合|教育
            return 2 if self.kanji_run[j] % 2 == 0 else 2.5
        head = self.unit_position[j] + 1
        if min(head, self.totals[before.unit] - head) <= WIDOW:
            return 6  # an honorific or two letters alone on a line
        if at_space:
            return 3
        if before.ch in SEPARATORS:
            return 4
        return 5 if script(before.ch) != script(after.ch) else 6

    def best(self, start: int, room: float, hard: bool) -> tuple[int, float] | None:
        """The least bad cut after chars[start] whose head fits `room`: (index, rank). Without
        `hard` only cuts that keep every unit whole count; with it, one always exists."""
        chars = self.chars
        base = self.widths[start - 1] if start else 0.0
        candidates = []
        for index in range(start + 1, len(chars)):
            width = self.head[index] - base
            if width > room + _EPSILON:
                break
            if self.before[index] < start:
                continue
            rank = self.ranks[index]
            if rank == _UNRANKED:
                rank = self.ranks[index] = self.rank(index)
            if rank is None or (not hard and rank > 2):
                continue
            candidates.append((rank, width, index))
        if not candidates:
            if not hard or len(chars) - start < 2:
                return None
            return start + 1, 8.0
        # a cut that keeps every unit whole, else one inside a unit, else one kinsoku forbids; within
        # the best kind, one that fills the line a third or more; a space and a word's end are equally
        # good places, and between them the longest head wins
        for most in (2.5, 6.0, 9.0):
            kind = [c for c in candidates if c[0] <= most]
            if kind:
                break
        filled = [c for c in kind if c[1] >= MIN_FILL * room] or kind
        rank, _width, index = min(filled, key=lambda c: (max(c[0], 1), -c[1]))
        return index, rank

    def broken(self, index: int) -> int:
        """The unit a cut before chars[index] breaks (0: none)."""
        j, k = self.before[index], self.after[index]
        if j < 0 or k >= len(self.chars):
            return 0
        unit = self.chars[j].unit
        return unit if unit and unit == self.chars[k].unit else 0


def cuts_of(box: _Box) -> _Cuts:
    """The box's cuts, measured once however often (and at whatever measure) it is set."""
    if box.cuts is None:
        box.cuts = _Cuts(box.chars)
    return box.cuts


def _hard_pieces(box: _Box, room: float, later: float, cuts: _Cuts | None = None,
                 start: int = 0) -> tuple[list[tuple[_Box, int, float]], _Box]:
    """A box wider than a whole line cut into lines, each at the least bad place: (piece, the unit
    broken, rank) for each full line (`room` wide, then `later`), and what is left for the last.
    Measured once, so a very long unbreakable run (60,000 「（」) costs time in proportion to its
    length."""
    chars = box.chars
    cuts = cuts or cuts_of(box)
    pieces: list[tuple[_Box, int, float]] = []
    while start < len(chars) and cuts.widths[-1] - (cuts.widths[start - 1] if start else 0.0) > room + _EPSILON:
        found = cuts.best(start, room, hard=True)
        if found is None:
            break
        index, rank = found
        pieces.append((_piece(chars, start, index), cuts.broken(index), rank))
        start, room = index, later
        while start < len(chars) and chars[start].ch in SPACES:
            start += 1
    return pieces, _Box(chars[start:], box.spaces)
