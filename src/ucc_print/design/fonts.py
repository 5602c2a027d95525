"""The bundled font registry: faces, families, metrics and glyph coverage.

Fonts are parsed once (reportlab's TrueType reader) and that one parse serves measuring,
coverage checks and PDF embedding alike. What the parse learns of a face (metrics, widths, the
character map) is kept in the user's cache, keyed by the font file's hash, so a later run only
reads the file (facecache.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import cache as store

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"


@dataclass(frozen=True)
class Face:
    """One bundled font file and the names other programs know it by."""

    key: str
    file: str
    #: The family name PowerPoint on Windows shows (for PPTX a:latin / a:ea typefaces).
    windows_name: str
    bold: bool = False


FACES = {
    face.key: face
    for face in (
        Face("pgothic", "BIZUDPGothic-Regular.ttf", "BIZ UDPゴシック"),
        Face("pgothic-bold", "BIZUDPGothic-Bold.ttf", "BIZ UDPゴシック", bold=True),
        Face("gothic", "BIZUDGothic-Regular.ttf", "BIZ UDゴシック"),
        Face("gothic-bold", "BIZUDGothic-Bold.ttf", "BIZ UDゴシック", bold=True),
        Face("mincho", "BIZUDMincho-Regular.ttf", "BIZ UD明朝 Medium"),
        Face("pmincho", "BIZUDPMincho-Regular.ttf", "BIZ UDP明朝 Medium"),
    )
}


@dataclass(frozen=True)
class Family:
    """A regular face and the face used for bold runs (Mincho sets bold in Gothic, as usual)."""

    regular: str
    bold: str

    def face(self, bold: bool) -> str:
        return self.bold if bold else self.regular


FAMILIES = {
    "pgothic": Family("pgothic", "pgothic-bold"),
    "gothic": Family("gothic", "gothic-bold"),
    "pmincho": Family("pmincho", "pgothic-bold"),
    "mincho": Family("mincho", "gothic-bold"),
}


def font_path(key: str) -> Path:
    """Path of a bundled face's .ttf file."""
    return FONT_DIR / FACES[key].file


def pdf_name(key: str) -> str:
    """The name a face is registered under in PDF output."""
    return f"UCC-{key}"


@cache
def load(key: str) -> TTFont:
    """The parsed face (parsed once per process, its metrics from the cache when they are there;
    reportlab imported only when a face is)."""
    from reportlab.pdfbase.ttfonts import TTFont

    from .facecache import faces_cached

    with faces_cached():
        return TTFont(pdf_name(key), str(font_path(key)))


@cache
def _unit_advance(ch: str, key: str) -> float:
    """Advance width of one character at 1 pt."""
    width: float = load(key).stringWidth(ch, 1.0)
    return width


def advance(ch: str, key: str, size: float) -> float:
    """Advance width of one character in pt; matches typeset.linebreak.Measure."""
    return _unit_advance(ch, key) * size


def text_width(text: str, key: str, size: float) -> float:
    """Width of a single-line text in pt."""
    return sum([_unit_advance(ch, key) for ch in text]) * size


#: The faces the themes set text in (a test keeps this true): what glyph checks must cover.
PRINTED_FACES = ("pgothic", "pgothic-bold", "pmincho")


@cache
def _printable() -> frozenset[int]:
    """Code points every printed face can draw: from the cache as ranges when the font files and
    the program are the ones it was made from (the fonts by name, size and time; reportlab's
    reading of them with the program), so checking text needs no font loaded."""
    files = [font_path(key).stat() for key in PRINTED_FACES]
    name = store.key(store.program(), *(f"{key} {status.st_size} {status.st_mtime_ns}"
                                        for key, status in zip(PRINTED_FACES, files, strict=True)))
    kept = store.read("coverage", name)
    if isinstance(kept, list) and all(isinstance(pair, tuple) and len(pair) == 2 for pair in kept):
        return frozenset(point for start, end in kept for point in range(start, end))
    points = frozenset.intersection(*(frozenset(load(key).face.charToGlyph) for key in PRINTED_FACES))
    store.write("coverage", name, _ranges(points))
    return points


def _ranges(points: frozenset[int]) -> list[tuple[int, int]]:
    """Sorted code points as [start, end) ranges."""
    ranges: list[tuple[int, int]] = []
    for point in sorted(points):
        if ranges and ranges[-1][1] == point:
            ranges[-1] = (ranges[-1][0], point + 1)
        else:
            ranges.append((point, point + 1))
    return ranges


def missing_characters(text: str) -> list[str]:
    """Characters of `text` (in order, once each) that a printed face cannot draw."""
    printable = _printable()
    return [ch for ch in dict.fromkeys(text) if ch not in "\n\t" and ord(ch) not in printable]
