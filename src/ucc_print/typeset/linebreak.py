"""Line breaking for mixed Japanese and Latin text with kinsoku shori (JLREQ), in units.

Running text breaks between any two Japanese characters and after spaces, never where kinsoku
forbids it, and never inside a unit (units.py: a katakana word, a Latin word, a number with its
unit, or a span marked `keep`, such as a person's name). Kinsoku is applied by pushing out
(oidashi): a character that may not start a line takes the box before it down to the next line.
In short texts (`phrases`: titles, headings, cells, cards) a BudouX phrase, or a run of Latin
words, is kept whole too, and the lines are balanced.

Only a unit wider than its whole line is broken, at the least bad place (at a space, after the
・ of a foreign name, at a change of script); such a line records the unit in `Line.broken`.
No paragraph ends in a line of one or two characters when moving a box down avoids it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from typing import Any

from ..japanese.kinsoku import NO_LINE_START, is_cjk, may_break_between
from .units import SEPARATORS, hard_units, is_latin, script

#: (character, font key, size in pt) → advance width in pt.
Measure = Callable[[str, str, float], float]

#: Breakable spaces: a line may end after them, and they vanish at a line's end or start.
SPACES = frozenset(" \t\u3000")
#: With phrase breaking, a line filled less than this far may cut into the next phrase.
SHORT_LINE = 0.6
#: Short texts of up to this many lines are balanced (a longer one is running text in effect).
BALANCED_LINES = 8
#: A last line with this many characters or fewer (punctuation not counted) is a widow.
WIDOW = 2
#: Kanji that end a word in the names of organisations (企画部|食文化, 文部科学省|国際統括官).
WORD_ENDS = frozenset("省庁府県市区町村部局課室係班所院")
#: A forced cut leaves at least this share of the line filled, when it can.
MIN_FILL = 1 / 3
_EPSILON = 1e-6


@dataclass(frozen=True)
class Span:
    """A run of text set in one font at one size; `keep` makes it one unit (a person's name)."""

    text: str
    font: str
    size: float
    keep: bool = False


@dataclass(frozen=True)
class Line:
    """One set line: its spans, natural width, the width it had to fill, and its role.

    Frozen: lines are remembered and shared between everyone who sets the same text."""

    spans: tuple[Span, ...]
    width: float
    available: float
    indent: float = 0.0
    #: The last line of a paragraph or one ended by a hard break (never justified).
    last: bool = False
    #: A unit wider than the whole line, broken at this line's end.
    broken: str | None = None
    #: How bad the break at its end is: 0 between boxes, more for a cut inside a phrase or unit.
    rank: float = 0.0

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def slack(self) -> float:
        return self.available - self.width


@dataclass(slots=True)
class _Char:
    ch: str
    font: str
    size: float
    width: float
    #: The hard unit the character belongs to (0: none).
    unit: int = 0
    #: The phrase it belongs to (phrase breaking only).
    phrase: int = 0


@dataclass
class _Box:
    """Characters that must stay on one line, plus the breakable spaces that follow them."""

    chars: list[_Char] = field(default_factory=list)
    spaces: list[_Char] = field(default_factory=list)

    @cached_property
    def width(self) -> float:
        """(Measured once the box is complete.)"""
        return sum(c.width for c in self.chars)

    @cached_property
    def space_width(self) -> float:
        return sum(c.width for c in self.spaces)


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
        return sum(box.width for box in self.boxes) + sum(box.space_width for box in self.boxes[:-1])

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


# ---------------------------------------------------------------- units and boxes


def _assign_units(chars: list[_Char], keeps: list[int]) -> None:
    """Hard units: spans marked keep (whole), then katakana words, numbers and Latin words.

    Units are runs of characters, so joining them only ever relabels the run and its neighbours:
    the whole pass stays linear in the length of the text."""
    text = "".join(c.ch for c in chars)
    auto = hard_units(text)
    offset = max(keeps, default=0) + 1
    for index, char in enumerate(chars):
        char.unit = keeps[index] or (auto[index] + offset if auto[index] else 0)
    # a Latin word never breaks; one touching another unit (ABC2019年) joins it
    next_id = max((c.unit for c in chars), default=0) + 1
    index = 0
    while index < len(chars):
        if not is_latin(chars[index].ch):
            index += 1
            continue
        start = index
        while index < len(chars) and is_latin(chars[index].ch):
            index += 1
        if index - start < 2:
            continue
        ids = {c.unit for c in chars[start:index] if c.unit}
        target = min(ids) if ids else next_id
        next_id += 1
        first, last = start, index
        while first > 0 and chars[first - 1].unit in ids:
            first -= 1
        while last < len(chars) and chars[last].unit in ids:
            last += 1
        for char in chars[first:last]:
            char.unit = target


def _assign_phrases(chars: list[_Char]) -> None:
    """BudouX phrases; a run of Latin words with the spaces between them is one phrase, and a
    unit is never in two (phrases are runs too: one pass joins them)."""
    position = 0
    for phrase, piece in enumerate(_phrase_parser().parse("".join(c.ch for c in chars)), start=1):
        for char in chars[position:position + len(piece)]:
            char.phrase = phrase
        position += len(piece)
    joined: dict[int, int] = {}
    previous: _Char | None = None
    for char in chars:
        char.phrase = joined.get(char.phrase, char.phrase)
        if char.ch in SPACES:
            continue
        if previous is not None and previous.phrase != char.phrase and (
                (is_latin(previous.ch) and is_latin(char.ch)) or (previous.unit and previous.unit == char.unit)):
            joined[char.phrase] = previous.phrase
            char.phrase = previous.phrase
        previous = char


@cache
def _phrase_parser() -> Any:
    import budoux

    return budoux.load_default_japanese_parser()


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


# ---------------------------------------------------------------- cutting a box


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
            rank = self.rank(index)
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


def _hard_pieces(box: _Box, room: float, later: float, cuts: _Cuts | None = None,
                 start: int = 0) -> tuple[list[tuple[_Box, int, float]], _Box]:
    """A box wider than a whole line cut into lines, each at the least bad place: (piece, the unit
    broken, rank) for each full line (`room` wide, then `later`), and what is left for the last.
    Measured once, so a very long unbreakable run (60,000 「（」) costs time in proportion to its
    length."""
    chars = box.chars
    cuts = cuts or _Cuts(chars)
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


# ---------------------------------------------------------------- setting a paragraph


def _set_paragraph(chars: list[_Char], width: float, first_indent: float, indent: float,
                   phrases: bool) -> list[_Built]:
    """Greedy line filling of one hard-broken segment, then widow control."""
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

    queue = deque(_boxes(chars, phrases))
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
                cuts = _Cuts(box.chars)
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


def _unit_text(chars: list[_Char], unit: int) -> str:
    """The whole text of a unit (its characters are one run)."""
    first = next(index for index, char in enumerate(chars) if char.unit == unit)
    last = first
    while last < len(chars) and chars[last].unit == unit:
        last += 1
    return "".join(char.ch for char in chars[first:last])


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


def _spans(chars: list[_Char]) -> tuple[Span, ...]:
    """Merge consecutive characters of the same font and size into spans."""
    spans: list[Span] = []
    for char in chars:
        if spans and spans[-1].font == char.font and spans[-1].size == char.size:
            spans[-1] = Span(spans[-1].text + char.ch, char.font, char.size)
        else:
            spans.append(Span(char.ch, char.font, char.size))
    return tuple(spans)


@lru_cache(maxsize=8192)
def _analysis(texts: tuple[tuple[str, bool], ...], phrases: bool) -> tuple[tuple[tuple[int, int], ...], ...]:
    """(unit, phrase) of every character of each hard-broken segment: what a text's breaks depend
    on whatever its size, worked out once (BudouX is the costly part)."""
    segments: list[list[_Char]] = [[]]
    keeps: list[list[int]] = [[]]
    for number, (text, keep) in enumerate(texts, 1):
        for ch in text:
            if ch == "\n":
                segments.append([])
                keeps.append([])
                continue
            segments[-1].append(_Char(ch, "", 0.0, 0.0))
            keeps[-1].append(number if keep else 0)
    for chars, kept in zip(segments, keeps, strict=True):
        _assign_units(chars, kept)
        if phrases and chars:
            _assign_phrases(chars)
    return tuple(tuple((c.unit, c.phrase) for c in chars) for chars in segments)


def _segments(spans: Sequence[Span], measure: Measure, phrases: bool) -> list[list[_Char]]:
    """The characters of each hard-broken segment, measured, with their units (and phrases)."""
    analysis = _analysis(tuple((span.text, span.keep) for span in spans), phrases)
    segments: list[list[_Char]] = [[]]
    for span in spans:
        for ch in span.text:
            if ch == "\n":
                segments.append([])
                continue
            unit, phrase = analysis[len(segments) - 1][len(segments[-1])]
            segments[-1].append(_Char(ch, span.font, span.size, measure(ch, span.font, span.size), unit, phrase))
    return segments


def _lines(built: list[_Built], width: float) -> list[Line]:
    out = []
    for index, line in enumerate(built):
        chars = line.chars
        out.append(Line(_spans(chars), line.width, width - line.indent, line.indent,
                        last=index == len(built) - 1, broken=line.broken, rank=line.rank))
    return out


def _break(spans: Sequence[Span], width: float, measure: Measure, first_indent: float, indent: float,
           phrases: bool) -> list[Line]:
    """Greedy line breaking of all hard-broken segments at one measure."""
    lines: list[Line] = []
    segments = _segments(spans, measure, phrases)
    for number, chars in enumerate(segments):
        built = _set_paragraph(chars, width, first_indent if number == 0 else indent, indent, phrases)
        lines.extend(_lines(built, width))
    return lines


def break_lines(
    spans: Sequence[Span],
    width: float,
    measure: Measure,
    first_indent: float = 0.0,
    indent: float = 0.0,
    phrases: bool = False,
) -> list[Line]:
    """Set `spans` into lines no wider than `width`; a newline forces a break.

    `phrases` keeps Japanese phrases whole where the line allows, and balances the lines (as CSS
    text-wrap: balance does): for titles, headings, cells and name cards. The same text is often
    set several times at one width (fitted, measured, drawn): results are remembered.
    """
    return list(_break_lines(tuple(spans), width, measure, first_indent, indent, phrases))


@lru_cache(maxsize=8192)
def _break_lines(
    spans: tuple[Span, ...],
    width: float,
    measure: Measure,
    first_indent: float,
    indent: float,
    phrases: bool,
) -> tuple[Line, ...]:
    lines = _break(spans, width, measure, first_indent, indent, phrases)
    if not phrases or not 2 <= len(lines) <= BALANCED_LINES or any(line.last for line in lines[:-1]):
        return tuple(lines)
    # The narrowest measure that needs no more lines, and cuts no phrase or unit worse, gives the
    # most even lines.
    badness = sum(line.rank for line in lines)
    low, high = width * 0.4, width
    for _ in range(12):
        middle = (low + high) / 2
        trial = _break(spans, middle, measure, first_indent, indent, phrases)
        if len(trial) > len(lines) or sum(line.rank for line in trial) > badness + _EPSILON:
            low = middle
        else:
            high = middle
    balanced = _break(spans, high, measure, first_indent, indent, phrases)
    # justified and aligned against the real measure
    return tuple(replace(line, available=width - line.indent) for line in balanced)


@dataclass(frozen=True)
class Extent:
    """How narrow and how wide a text can be set: CSS's min-content and max-content widths.

    `narrowest` keeps every phrase whole (in short texts), `unit` only the units; `widest` is the
    longest hard-broken line set without breaks."""

    narrowest: float
    unit: float
    widest: float


@lru_cache(maxsize=8192)
def extent(spans: tuple[Span, ...], measure: Measure, phrases: bool, first_indent: float = 0.0) -> Extent:
    """The min-content and max-content widths of a text (for sizing table columns)."""
    narrowest = unit = widest = 0.0
    for chars in _segments(spans, measure, phrases):
        end = len(chars)
        while end and chars[end - 1].ch in SPACES:
            end -= 1
        widest = max(widest, sum(c.width for c in chars[:end]) + first_indent)
        for box in _boxes(chars, phrases):
            narrowest = max(narrowest, box.width)
        if phrases:
            for box in _boxes(chars, False):
                unit = max(unit, box.width)
    first = first_indent
    return Extent(narrowest + first, (unit if phrases else narrowest) + first, widest)


_broken: ContextVar[set[str] | None] = ContextVar("broken", default=None)


@contextmanager
def noting_broken() -> Iterator[set[str]]:
    """Collect the units broken in the lines laid out for drawing meanwhile (for warnings)."""
    broken: set[str] = set()
    token = _broken.set(broken)
    try:
        yield broken
    finally:
        _broken.reset(token)


def note_broken(lines: Iterable[Line]) -> None:
    """Record the units these lines, about to be drawn, had to break."""
    found = _broken.get()
    if found is not None:
        found.update(line.broken for line in lines if line.broken)
