"""Line breaking for mixed Japanese and Latin text with kinsoku shori (JLREQ).

Breaks fall between any two Japanese characters and after spaces, never inside a Latin word,
and never where kinsoku forbids them. Kinsoku is applied by pushing out (oidashi): a character
that may not start a line takes the character before it down to the next line. The line left a
little short is justified by the renderer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from ..japanese.kinsoku import is_cjk, may_break_between

#: (character, font key, size in pt) → advance width in pt.
Measure = Callable[[str, str, float], float]

#: Breakable spaces: a line may end after them, and they vanish at a line's end or start.
SPACES = frozenset(" \t\u3000")


@dataclass(frozen=True)
class Span:
    """A run of text set in one font at one size."""

    text: str
    font: str
    size: float


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

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def slack(self) -> float:
        return self.available - self.width


@dataclass
class _Char:
    ch: str
    font: str
    size: float
    width: float


@dataclass
class _Box:
    """Characters that must stay on one line, plus the spaces that follow them."""

    chars: list[_Char] = field(default_factory=list)
    spaces: list[_Char] = field(default_factory=list)

    @property
    def width(self) -> float:
        return sum(c.width for c in self.chars)

    @property
    def space_width(self) -> float:
        return sum(c.width for c in self.spaces)


def _breakable(before: str, after: str) -> bool:
    """Whether a line may end between `before` and `after` (spaces handled by the caller)."""
    if not (is_cjk(before) or is_cjk(after)):
        return False  # inside a Latin word or number
    return may_break_between(before, after)


def _boxes(chars: list[_Char], phrase_starts: set[int] | None = None) -> list[_Box]:
    """Group characters into unbreakable boxes, each carrying its trailing spaces.

    With `phrase_starts`, Japanese text breaks only where a phrase starts (and after spaces).
    """
    boxes: list[_Box] = []
    current = _Box()
    previous: str | None = None
    for index, char in enumerate(chars):
        if char.ch in SPACES:
            current.spaces.append(char)
            previous = char.ch
            continue
        if current.spaces:
            # After a space a break is allowed unless kinsoku forbids the character itself.
            last_visible = current.chars[-1].ch if current.chars else " "
            if may_break_between(last_visible, char.ch) or not current.chars:
                boxes.append(current)
                current = _Box()
            else:
                current.chars.extend(current.spaces)
                current.spaces = []
        elif (previous is not None and current.chars and _breakable(previous, char.ch)
              and (phrase_starts is None or index in phrase_starts)):
            boxes.append(current)
            current = _Box()
        current.chars.append(char)
        previous = char.ch
    if current.chars or current.spaces:
        boxes.append(current)
    return boxes


#: With phrase breaking, a line filled less than this far may cut into the next phrase.
SHORT_LINE = 0.6


def _cut(box: _Box, room: float) -> tuple[_Box, _Box]:
    """The longest head of a box that fits `room` and may be cut off (kinsoku, script seams)."""
    head, *rest = _split_oversized(_Box(box.chars), room)
    if not rest or head.width > room:
        return _Box(), box
    return head, _Box([c for piece in rest for c in piece.chars], box.spaces)


def _split_oversized(box: _Box, width: float) -> list[_Box]:
    """Cut a box wider than a whole line into pieces that fit (a long URL, a long word).

    Each cut is the longest prefix that fits and that kinsoku allows; only when no such cut
    exists (a run of closing punctuation longer than the line) does a line start with one.
    """
    if not box.chars:
        return [box]
    pieces: list[_Box] = []
    chars = box.chars
    while chars:
        used, fit = 0.0, 0
        while fit < len(chars) and (fit == 0 or used + chars[fit].width <= width):
            used += chars[fit].width
            fit += 1
        cut = fit
        if fit < len(chars):
            allowed = [i for i in range(fit, 0, -1) if _may_cut(chars, i)]
            # Inside a long word, a change of script (旭川|デザイン|シンポジウム) is the kindest cut.
            seams = [i for i in allowed if i >= max(2, fit // 3) and _script(chars[i - 1].ch) != _script(chars[i].ch)]
            cut = (seams or allowed or [fit])[0]
        pieces.append(_Box(chars[:cut]))
        chars = chars[cut:]
    pieces[-1].spaces = box.spaces
    return pieces


def _script(ch: str) -> str:
    """Kanji, hiragana, katakana or other: where one ends and another begins, words often do."""
    code = ord(ch)
    if 0x3040 <= code <= 0x309F:
        return "hiragana"
    if 0x30A0 <= code <= 0x30FF or 0xFF66 <= code <= 0xFF9F:
        return "katakana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FFFF or ch in "々〆":
        return "kanji"
    return "other"


def _may_cut(chars: list[_Char], index: int) -> bool:
    """Whether a line may end before chars[index], judging by the last visible character before it."""
    before = next((c.ch for c in reversed(chars[:index]) if c.ch not in SPACES), None)
    after = next((c.ch for c in chars[index:] if c.ch not in SPACES), None)
    if before is None or after is None:
        return True
    return may_break_between(before, after)


def _spans(chars: list[_Char]) -> list[Span]:
    """Merge consecutive characters of the same font and size into spans."""
    spans: list[Span] = []
    for char in chars:
        if spans and spans[-1].font == char.font and spans[-1].size == char.size:
            spans[-1] = Span(spans[-1].text + char.ch, char.font, char.size)
        else:
            spans.append(Span(char.ch, char.font, char.size))
    return spans


def _phrase_starts(chars: list[_Char]) -> set[int]:
    """Indices where a BudouX phrase begins (so 旭川の|まちづくり breaks, まち|づくり does not)."""
    starts: set[int] = set()
    position = 0
    for phrase in _phrase_parser().parse("".join(c.ch for c in chars)):
        starts.add(position)
        position += len(phrase)
    return starts


@cache
def _phrase_parser():
    import budoux

    return budoux.load_default_japanese_parser()


def _set_paragraph(chars: list[_Char], width: float, first_indent: float, indent: float,
                   phrases: bool = False) -> list[Line]:
    """Greedy line filling of one hard-broken segment."""
    lines: list[Line] = []
    line_chars: list[_Char] = []
    used = 0.0
    pending_spaces: list[_Char] = []
    line_indent = first_indent

    def finish(last: bool) -> None:
        nonlocal line_chars, used, pending_spaces, line_indent
        lines.append(Line(tuple(_spans(line_chars)), used, width - line_indent, line_indent, last))
        line_chars, used, pending_spaces = [], 0.0, []
        line_indent = indent

    boxes = _boxes(chars, _phrase_starts(chars) if phrases else None)
    if boxes and not boxes[0].chars:
        # Spaces opening a paragraph are meant (a written 字下げ): keep them as characters.
        boxes[0] = _Box(boxes[0].spaces)
    queue = list(boxes)
    while queue:
        box = queue.pop(0)
        available = width - line_indent
        spaces_width = sum(c.width for c in pending_spaces)
        room = available - used - spaces_width
        if phrases and line_chars and box.width > room and used < SHORT_LINE * available:
            # A phrase too long to follow a short start ("第" | "9回ユネスコ…") is cut at a seam
            # instead, so the line is not left nearly empty.
            head, tail = _cut(box, room)
            if head.chars:
                line_chars.extend(pending_spaces)
                line_chars.extend(head.chars)
                used += spaces_width + head.width
                pending_spaces = []
                queue.insert(0, tail)
                finish(last=False)
                continue
        if line_chars and used + spaces_width + box.width > available:
            finish(last=False)
            available = width - line_indent
            spaces_width = 0.0
        if not line_chars and box.width > available:
            pieces = _split_oversized(box, available)
            for piece in pieces[:-1]:
                line_chars, used = piece.chars, piece.width
                finish(last=False)
            box = pieces[-1]
        if line_chars:
            line_chars.extend(pending_spaces)
            used += spaces_width
        line_chars.extend(box.chars)
        used += box.width
        pending_spaces = box.spaces
    finish(last=True)
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
    text-wrap: balance does): for titles, headings and name cards. The same text is often set
    several times at one width (fitted, measured, drawn): results are remembered.
    """
    return list(_break_lines(tuple(spans), width, measure, first_indent, indent, phrases))


@lru_cache(maxsize=4096)
def _break_lines(
    spans: tuple[Span, ...],
    width: float,
    measure: Measure,
    first_indent: float,
    indent: float,
    phrases: bool,
) -> tuple[Line, ...]:
    lines = _break(spans, width, measure, first_indent, indent, phrases)
    if not phrases or len(lines) < 2 or any(line.last for line in lines[:-1]):
        return tuple(lines)
    # The narrowest measure that still needs no more lines gives the most even lines.
    low, high = width * 0.4, width
    for _ in range(12):
        middle = (low + high) / 2
        if len(_break(spans, middle, measure, first_indent, indent, phrases)) > len(lines):
            low = middle
        else:
            high = middle
    balanced = _break(spans, high, measure, first_indent, indent, phrases)
    # justified and aligned against the real measure
    return tuple(replace(line, available=width - line.indent) for line in balanced)


def _break(spans: Sequence[Span], width: float, measure: Measure, first_indent: float, indent: float,
           phrases: bool) -> list[Line]:
    """Greedy line breaking of all hard-broken segments at one measure."""
    lines: list[Line] = []
    segment: list[_Char] = []
    segments: list[list[_Char]] = [segment]
    for span in spans:
        for ch in span.text:
            if ch == "\n":
                segment = []
                segments.append(segment)
            else:
                segment.append(_Char(ch, span.font, span.size, measure(ch, span.font, span.size)))
    for number, chars in enumerate(segments):
        lines.extend(_set_paragraph(chars, width, first_indent if number == 0 else indent, indent, phrases))
    return lines
