"""The characters of a text, each with the unit and the phrase it belongs to (worked out once per text)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from .units import hard_units, is_latin

#: Breakable spaces: a line may end after them, and they vanish at a line's end or start.
SPACES = frozenset(" \t\u3000")
_EPSILON = 1e-6


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


def _unit_text(chars: list[_Char], unit: int) -> str:
    """The whole text of a unit (its characters are one run)."""
    first = next(index for index, char in enumerate(chars) if char.unit == unit)
    last = first
    while last < len(chars) and chars[last].unit == unit:
        last += 1
    return "".join(char.ch for char in chars[first:last])


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
