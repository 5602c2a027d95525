"""A reportlab flowable that sets text with our kinsoku line breaker and justifies it."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ...components.measure import set_lines, spans
from ...components.spec import Runs
from ...design.theme import Rule, TextStyle
from ...japanese.kinsoku import is_cjk
from ...typeset.linebreak import Line, Span
from .colour import fill
from .fonts import metrics, register

#: A justified line may open up by this many ems at most; looser lines stay ragged.
MAX_JUSTIFY_EMS = 3.0
#: Fewest lines left at a page foot or carried to the next page.
ORPHANS = WIDOWS = 2


class SetText(Flowable):
    """A paragraph set line by line; splits between lines across frames and pages."""

    def __init__(self, spans_: list[Span], style: TextStyle, *, indent: float = 0.0,
                 marker: str | None = None, marker_x: float = 0.0, bar: Rule | None = None):
        super().__init__()
        self.spans = spans_
        self.style = style
        #: Extra left indent of every line (list items, headings with a bar).
        self.indent = indent
        #: A list marker drawn in the indent of the first line, at marker_x.
        self.marker = marker
        self.marker_x = marker_x
        self.bar = bar
        self.lines: list[Line] = []
        self._set_width: float | None = None
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after

    @classmethod
    def of(cls, runs: Runs, style: TextStyle, **options) -> SetText:
        return cls(spans(runs, style), style, **options)

    def wrap(self, available_width, available_height):
        if self._set_width != available_width and self._set_width != "fixed":
            self.lines = set_lines(self.spans, self.style, available_width - self.indent)
            self._set_width = available_width
        self.width = available_width
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def _part(self, lines: list[Line], first: bool) -> SetText:
        """A piece of this paragraph holding some of its set lines."""
        part = SetText(self.spans, self.style, indent=self.indent, bar=self.bar,
                       marker=self.marker if first else None, marker_x=self.marker_x)
        part.lines = lines
        part._set_width = "fixed"
        part.spaceBefore = self.spaceBefore if first else 0
        part.spaceAfter = 0 if first else self.spaceAfter
        return part

    def split(self, available_width, available_height):
        if self._set_width is None:
            self.wrap(available_width, available_height)
        # else keep the lines already set: a table asks to split a cell with its full column
        # width, though the cell's text was set inside the padding.
        fit = min(int((available_height + 1e-6) // self.style.leading), len(self.lines) - WIDOWS)
        if fit < ORPHANS:
            return []
        return [self._part(self.lines[:fit], True), self._part(self.lines[fit:], False)]

    def draw(self):
        canvas = self.canv
        style = self.style
        leading = style.leading
        top = self.height
        if self.bar is not None and self.lines:
            fill(canvas, self.bar.colour)
            canvas.rect(0, leading * 0.12, self.bar.width, top - leading * 0.24, stroke=0, fill=1)
        fill(canvas, style.colour)
        ascent, descent = metrics(style.face())
        offset = (leading - style.size * (ascent + descent)) / 2 + style.size * descent
        for number, line in enumerate(self.lines):
            top -= leading
            if number == 0 and self.marker:
                canvas.setFont(register(style.face()), style.size)
                canvas.drawString(self.marker_x, top + offset, self.marker)
            self._draw_line(line, self.indent, top + offset)

    def _draw_line(self, line: Line, left: float, baseline: float) -> None:
        """Draw one line: aligned, and justified unless it is a paragraph's last line.

        Justification opens the gaps next to Japanese characters and spaces, never the letters
        of a Latin word or the digits of a number.
        """
        style = self.style
        x = left + line.indent
        justify = style.align == "justify" and not line.last and 0 < line.slack <= MAX_JUSTIFY_EMS * style.size
        if style.align == "right":
            x += line.slack
        elif style.align == "center":
            x += line.slack / 2
        pieces = _gap_pieces(line) if justify else [(span.text, span.font, span.size, False) for span in line.spans]
        gaps = sum(len(text) for text, _font, _size, opens in pieces if opens)
        gap = line.slack / gaps if justify and gaps else 0.0
        text = self.canv.beginText(x, baseline)
        for chunk, font, size, opens in pieces:
            text.setCharSpace(gap if opens else 0.0)
            text.setFont(register(font), size)
            text.textOut(chunk)
        self.canv.drawText(text)


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
