"""Shapes drawn on a reportlab canvas: set text (justified, kinsoku lines as the components set
them), rectangles, rules and scaled groups. Layout is decided in the components; this only draws."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial, singledispatch

from reportlab.pdfgen.canvas import Canvas

from ...components.shapes import (
    GroupShape,
    PolygonShape,
    RectShape,
    RuleShape,
    Shape,
    TextShape,
    justified,
    line_left,
)
from ...japanese.kinsoku import is_cjk
from ...typeset.linebreak import Line, note_broken
from .colour import fill, stroke
from .fonts import metrics, register


def draw(canvas: Canvas, shapes: Iterable[Shape], height: float) -> None:
    """Shapes placed in pt from the top-left of an area `height` pt tall whose bottom-left is the
    canvas origin."""
    for shape in shapes:
        _draw(shape, canvas, height)


def operators(canvas: Canvas, drawing: Callable[[], object]) -> list[str]:
    """What `drawing` writes on the canvas's page, as written: to write again with `write_again`
    where the same drawing comes again in the same state (a document's font subsets keep a
    character's code once it has one)."""
    code: list[str] = canvas._code
    start = len(code)
    drawing()
    return code[start:]


def write_again(canvas: Canvas, written: list[str]) -> None:
    """Operators `operators` took down, written on the canvas's page again."""
    canvas._code.extend(written)


class Replay:
    """Draws shapes, writing a text shape drawn before in this document again as the operators it
    was drawn with: a guest list's cards repeat one event name, a few titles and categories, and
    their organisations, a thousand times. Safe because a text shape's operators set everything
    they rely on (colour, font, position) and the same placed shape is the same object; one Replay
    serves one document."""

    def __init__(self) -> None:
        #: (id, area height) → the shape (kept, so the id stays its own) and its operators.
        self._drawn: dict[tuple[int, float], tuple[Shape, list[str]]] = {}

    def draw(self, canvas: Canvas, shapes: Iterable[Shape], height: float) -> None:
        """As `draw` does."""
        for shape in shapes:
            if not isinstance(shape, TextShape):
                _draw(shape, canvas, height)
                continue
            key = (id(shape), height)
            kept = self._drawn.get(key)
            if kept is None:
                self._drawn[key] = (shape, operators(canvas, partial(_draw, shape, canvas, height)))
            else:
                write_again(canvas, kept[1])


@singledispatch
def _draw(shape: Shape, canvas: Canvas, height: float) -> None:
    raise TypeError(f"cannot draw {type(shape).__name__}")


@_draw.register
def _(shape: RectShape, canvas: Canvas, height: float) -> None:
    box = shape.box
    if shape.fill is not None:
        fill(canvas, shape.fill)
    if shape.stroke is not None:
        stroke(canvas, shape.stroke.colour)
        canvas.setLineWidth(shape.stroke.width)
    canvas.rect(box.x, height - box.bottom, box.w, box.h, stroke=int(shape.stroke is not None),
                fill=int(shape.fill is not None))


@_draw.register
def _(shape: RuleShape, canvas: Canvas, height: float) -> None:
    stroke(canvas, shape.rule.colour)
    canvas.setLineWidth(shape.rule.width)
    canvas.line(shape.x1, height - shape.y1, shape.x2, height - shape.y2)


@_draw.register
def _(shape: PolygonShape, canvas: Canvas, height: float) -> None:
    fill(canvas, shape.fill)
    path = canvas.beginPath()
    (x, y), *rest = shape.points
    path.moveTo(x, height - y)
    for x, y in rest:
        path.lineTo(x, height - y)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


@_draw.register
def _(shape: GroupShape, canvas: Canvas, height: float) -> None:
    canvas.saveState()
    canvas.translate(shape.x, height - shape.y)
    canvas.scale(shape.scale, shape.scale)
    draw(canvas, shape.shapes, 0.0)
    canvas.restoreState()


@_draw.register
def _(shape: TextShape, canvas: Canvas, height: float) -> None:
    note_broken(shape.lines)  # what is drawn, not a layout tried and set aside
    style = shape.style
    leading = style.leading
    top = height - shape.y
    if shape.bar is not None and shape.lines:
        fill(canvas, shape.bar.colour)
        canvas.rect(shape.x, top - shape.height + leading * 0.12, shape.bar.width, shape.height - leading * 0.24,
                    stroke=0, fill=1)
    fill(canvas, style.colour)
    ascent, descent = metrics(style.face())
    offset = (leading - style.size * (ascent + descent)) / 2 + style.size * descent
    for number, line in enumerate(shape.lines):
        top -= leading
        if number == 0 and shape.marker:
            canvas.setFont(register(style.face()), style.size)
            canvas.drawString(shape.x + shape.marker_x, top + offset, shape.marker)
        _line(canvas, shape, line, top + offset)


def _line(canvas: Canvas, shape: TextShape, line: Line, baseline: float) -> None:
    """One line, aligned, and justified unless it is a paragraph's last: the gaps next to Japanese
    characters and spaces open, never the letters of a Latin word or the digits of a number."""
    spread = justified(shape, line)
    pieces = _gap_pieces(line) if spread else [(span.text, span.font, span.size, False) for span in line.spans]
    gaps = sum(len(text) for text, _font, _size, opens in pieces if opens)
    gap = line.slack / gaps if spread and gaps else 0.0
    text = canvas.beginText(line_left(shape, line), baseline)
    for chunk, font, size, opens in pieces:
        text.setCharSpace(gap if opens else 0.0)
        text.setFont(register(font), size)
        text.textOut(chunk)
    canvas.drawText(text)


def _gap_pieces(line: Line) -> list[tuple[str, str, float, bool]]:
    """A line cut into (text, font, size, gaps-may-open) pieces; the last character never opens."""
    chars = [(ch, span.font, span.size) for span in line.spans for ch in span.text]
    pieces: list[tuple[str, str, float, bool]] = []
    for index, (ch, font, size) in enumerate(chars):
        following = chars[index + 1][0] if index + 1 < len(chars) else None
        opens = following is not None and (is_cjk(ch) or is_cjk(following) or ch == " ")
        if pieces and pieces[-1][1:] == (font, size, opens):
            pieces[-1] = (pieces[-1][0] + ch, font, size, opens)
        else:
            pieces.append((ch, font, size, opens))
    return pieces
