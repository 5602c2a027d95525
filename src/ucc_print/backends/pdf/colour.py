"""Token colours as reportlab objects: CMYK without alpha, so the file stays PDF 1.3."""

from __future__ import annotations

from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas

from ...design.tokens import Colour


def cmyk(colour: Colour) -> CMYKColor:
    """A CMYK colour; alpha=None keeps reportlab from adding transparency (and PDF 1.4)."""
    return CMYKColor(*colour.cmyk_unit, alpha=None)


def fill(canvas: Canvas, colour: Colour) -> None:
    """Set the fill colour on a canvas with the plain `k` operator."""
    canvas.setFillColorCMYK(*colour.cmyk_unit)


def stroke(canvas: Canvas, colour: Colour) -> None:
    """Set the stroke colour on a canvas with the plain `K` operator."""
    canvas.setStrokeColorCMYK(*colour.cmyk_unit)
