"""Register bundled faces with reportlab (embedded and subset on output)."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics

from ...design import fonts


@cache
def register(key: str) -> str:
    """Register a bundled face once; returns the name to pass to setFont."""
    name = fonts.pdf_name(key)
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(fonts.load(key))
    return name


@cache
def metrics(key: str) -> tuple[float, float]:
    """Ascent and descent of a face as fractions of the size (descent positive)."""
    face = fonts.load(key).face
    return face.ascent / 1000, -face.descent / 1000
