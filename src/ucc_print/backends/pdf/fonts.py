"""Register bundled faces with reportlab (embedded and subset on output)."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics, ttfonts

from ...design import fonts


def _to_unicode(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap with every code point in UTF-16BE, as PDF requires: a character
    outside the BMP (a rare name kanji such as U+20B9F) as its surrogate pair, not its bare number,
    so copying, searching and screen readers get the character that was printed."""
    cmap: str = _plain_to_unicode(fontname, subset)
    for code, value in enumerate(subset):
        if value > 0xFFFF:
            pair = chr(value).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{code:02X}> <{value:04X}>", f"<{code:02X}> <{pair}>")
    return cmap


_plain_to_unicode = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode


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
