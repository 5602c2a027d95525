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

The steps are modules of their own: a text's characters with their units and phrases (chars.py),
unbreakable boxes (boxes.py), the ranked cuts inside a box (cuts.py), one paragraph set
(paragraph.py). Here: spans in, lines out (balanced), a text's extent, broken units noted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from .boxes import _Box, _boxes
from .chars import _EPSILON, SPACES, _analysis, _Char
from .paragraph import _Built, _set_paragraph

#: (character, font key, size in pt) → advance width in pt.
Measure = Callable[[str, str, float], float]
#: Short texts of up to this many lines are balanced (a longer one is running text in effect).
BALANCED_LINES = 8


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


def _spans(chars: list[_Char]) -> tuple[Span, ...]:
    """Merge consecutive characters of the same font and size into spans."""
    return _merged([(char.ch, char.font, char.size) for char in chars])


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


#: A hard-broken segment: its characters and its unbreakable boxes (the same at every measure).
_Segment = tuple[list[_Char], list[_Box]]


def _prepared(spans: Sequence[Span], measure: Measure, phrases: bool) -> list[_Segment]:
    return [(chars, _boxes(chars, phrases)) for chars in _segments(spans, measure, phrases)]


def _set(segments: list[_Segment], width: float, first_indent: float, indent: float,
         phrases: bool) -> list[list[_Built]]:
    """Greedy line breaking of all hard-broken segments at one measure."""
    return [_set_paragraph(chars, boxes, width, first_indent if number == 0 else indent, indent, phrases)
            for number, (chars, boxes) in enumerate(segments)]


def _count(paragraphs: list[list[_Built]]) -> tuple[int, float]:
    """How many lines, and how bad their breaks are together."""
    return sum(map(len, paragraphs)), sum(line.rank for built in paragraphs for line in built)


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
    short = _one_line_each(spans, width, measure, first_indent, indent)
    if short is not None:
        return short
    segments = _prepared(spans, measure, phrases)
    paragraphs = _set(segments, width, first_indent, indent, phrases)
    lines = [line for built in paragraphs for line in _lines(built, width)]
    if not phrases or not 2 <= len(lines) <= BALANCED_LINES or any(line.last for line in lines[:-1]):
        return tuple(lines)
    # The narrowest measure that needs no more lines, and cuts no phrase or unit worse, gives the
    # most even lines (a trial is only counted: lines are built once, for the measure chosen).
    count, badness = _count(paragraphs)
    low, high = width * 0.4, width
    for _ in range(12):
        middle = (low + high) / 2
        trial, trial_badness = _count(_set(segments, middle, first_indent, indent, phrases))
        if trial > count or trial_badness > badness + _EPSILON:
            low = middle
        else:
            high = middle
    balanced = [line for built in _set(segments, high, first_indent, indent, phrases) for line in _lines(built, high)]
    # justified and aligned against the real measure
    return tuple(replace(line, available=width - line.indent) for line in balanced)


def line_count(
    spans: Sequence[Span],
    width: float,
    measure: Measure,
    first_indent: float = 0.0,
    indent: float = 0.0,
    phrases: bool = False,
) -> int:
    """How many lines `break_lines` sets, told without balancing them (which never changes the
    count), so fitting a text to a box is as cheap as greedy breaking."""
    return _line_count(tuple(spans), width, measure, first_indent, indent, phrases)


@lru_cache(maxsize=8192)
def _line_count(spans: tuple[Span, ...], width: float, measure: Measure, first_indent: float, indent: float,
                phrases: bool) -> int:
    whole = _whole_segments(spans, width, measure, first_indent, indent)
    if whole is not None:
        return len(whole)
    return _count(_set(_prepared(spans, measure, phrases), width, first_indent, indent, phrases))[0]


#: A hard-broken segment's characters: (character, font, size, width).
_Measured = list[tuple[str, str, float, float]]


def _measured(spans: Sequence[Span], measure: Measure) -> list[_Measured]:
    """Each hard-broken segment's characters with their widths (no units, phrases or boxes)."""
    segments: list[_Measured] = [[]]
    for span in spans:
        for ch in span.text:
            if ch == "\n":
                segments.append([])
            else:
                segments[-1].append((ch, span.font, span.size, measure(ch, span.font, span.size)))
    return segments


def _visible(segment: _Measured) -> tuple[_Measured, float]:
    """A segment without the spaces at its end (they vanish there), and its width, added in order."""
    end = len(segment)
    while end and segment[end - 1][0] in SPACES:
        end -= 1
    visible = segment[:end]
    return visible, sum([char[3] for char in visible])


def _one_line_each(spans: tuple[Span, ...], width: float, measure: Measure, first_indent: float,
                   indent: float) -> tuple[Line, ...] | None:
    """The lines when every hard-broken segment fits its line whole (most names, titles and cells):
    what the full breaker would set, told without working out units, phrases or boxes; None when
    any segment comes near its measure (then the full breaker decides)."""
    whole = _whole_segments(spans, width, measure, first_indent, indent)
    if whole is None:
        return None
    return tuple(Line(_merged(chars), natural, width - line_indent, line_indent, last=True)
                 for chars, natural, line_indent in whole)


def _whole_segments(spans: tuple[Span, ...], width: float, measure: Measure, first_indent: float,
                    indent: float) -> list[tuple[_Measured, float, float]] | None:
    """Each hard-broken segment's visible characters, width and indent, if every one fits its line."""
    found = []
    for number, segment in enumerate(_measured(spans, measure)):
        line_indent = indent if number else first_indent
        chars, natural = _visible(segment)
        if natural > width - line_indent - _EPSILON:
            return None
        found.append((chars, natural, line_indent))
    return found


def _merged(chars: Sequence[tuple[str, str, float] | tuple[str, str, float, float]]) -> tuple[Span, ...]:
    """Characters (text, font, size, …) as spans, consecutive ones of the same font and size merged."""
    return tuple(Span("".join(map(_text, group)), font, size)
                 for (font, size), group in groupby(chars, key=_face_and_size))


_text = itemgetter(0)
_face_and_size = itemgetter(1, 2)


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


@lru_cache(maxsize=8192)
def natural_width(spans: tuple[Span, ...], measure: Measure, first_indent: float = 0.0) -> float:
    """A text's max-content width alone (Extent.widest), told without units, phrases or boxes."""
    return max(0.0, *(_visible(segment)[1] + first_indent for segment in _measured(spans, measure)))


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
    note_units(line.broken for line in lines if line.broken)


def note_units(units: Iterable[str]) -> None:
    """Record units broken to fit (of lines drawn earlier, taken from the project cache)."""
    found = _broken.get()
    if found is not None:
        found.update(units)
