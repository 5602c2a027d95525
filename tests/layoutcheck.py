"""Checks on laid-out shapes: units never split, nothing outside its area, no page of a heading alone."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ucc_print.components.shapes import GroupShape, Shape, TextShape, bounds
from ucc_print.design import fonts
from ucc_print.design.geometry import Box
from ucc_print.japanese.kinsoku import is_cjk
from ucc_print.typeset.units import is_katakana

from .kinsoku_rules import violations

_SPACE = re.compile(r"[ \u3000\t]")


def _plain(text: str) -> str:
    return _SPACE.sub("", text)


def words(texts: Iterable[str]) -> set[str]:
    """Katakana words (with their ・) and Latin words found in texts: units that must not split."""
    found: set[str] = set()
    for text in texts:
        found.update(word for word in re.findall(r"[\u30A1-\u30FA\u30FC\u30FB\uFF66-\uFF9F]+", text)
                     if len(word.strip("・")) > 1 and is_katakana(word[0]))
        found.update(word for word in re.findall(r"[^\W\d_][\w\-'.&]*[^\W\d_]", text)
                     if all(not is_cjk(ch) for ch in word))
    return found


@lru_cache(maxsize=16)
def _longest_first(units: frozenset[str]) -> list[str]:
    return sorted({_plain(u) for u in units if len(_plain(u)) > 1}, key=len, reverse=True)


def split_units(shapes: Iterable[Shape], units: Iterable[str]) -> list[str]:
    """Units broken across two lines of one text shape without the breaker saying it had to
    (only a unit wider than its whole line may break, and its line records it)."""
    units = _longest_first(frozenset(units))
    found = []
    for shape in texts_of(shapes):
        if len(shape.lines) < 2:
            continue
        pieces = [_plain(line.text) for line in shape.lines]
        joined = "".join(pieces)
        breaks, position = set(), 0
        for piece in pieces[:-1]:
            position += len(piece)
            breaks.add(position)
        # a unit may break only if its line says so and it really is wider than the whole line
        # (by the breaker's own tolerance: a name a hair wider than a capped column breaks, rightly)
        allowed = [_plain(line.broken) for line in shape.lines if line.broken and _width(line.broken, line)
                   > line.available + 1e-6]
        for unit in units:
            start = joined.find(unit)
            while start >= 0:
                end = start + len(unit)
                if any(start < b < end for b in breaks) and not any(unit in wide or wide in unit for wide in allowed):
                    found.append(f"{unit!r} split: {[line.text for line in shape.lines]}")
                start = joined.find(unit, start + 1)
    return found


def _width(text: str, line) -> float:
    span = line.spans[0]
    return fonts.text_width(text, span.font, span.size)


def texts_of(shapes: Iterable[Shape]) -> Iterable[TextShape]:
    for shape in shapes:
        if isinstance(shape, GroupShape):
            yield from texts_of(shape.shapes)
        elif isinstance(shape, TextShape):
            yield shape


def lines_of(shapes: Iterable[Shape]) -> list[list[str]]:
    """Each text shape's lines, for kinsoku checks."""
    return [[line.text for line in shape.lines] for shape in texts_of(shapes)]


def kinsoku(shapes: Iterable[Shape]) -> list[str]:
    return [problem for lines in lines_of(shapes) for problem in violations(lines)]


def outside(shapes: Iterable[Shape], area: Box, slack: float = 0.5) -> list[str]:
    """Shapes reaching outside an area."""
    found = []
    for shape in shapes:
        box = bounds(shape)
        if box.x < area.x - slack or box.y < area.y - slack or box.right > area.right + slack \
                or box.bottom > area.bottom + slack:
            what = shape.lines[0].text if isinstance(shape, TextShape) and shape.lines else type(shape).__name__
            found.append(f"{what!r} at {box} outside {area}")
    return found


def only_headings(page_shapes: list[Shape], heading_styles) -> bool:
    """Whether a page holds nothing but headings."""
    return all(isinstance(shape, TextShape) and shape.style in heading_styles for shape in page_shapes)
