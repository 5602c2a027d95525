"""Reading PDFs back for assertions: text lines per page, fonts, colour operators."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pypdf


@dataclass
class TextLine:
    """A run of characters on one baseline with no wide gap: one set line of one text box."""

    page: int
    text: str
    x0: float
    top: float
    x1: float = 0.0
    bottom: float = 0.0


def text_lines(path: Path, gap_ems: float = 0.9, upright_only: bool = False) -> list[TextLine]:
    """Every set line of every page; table cells on one row come out as separate lines.

    `upright_only` skips text turned 180° (a tent card's upper panel), which reads backwards.
    Read once per file content in a test process (many tests read the same bundled handout).
    """
    return [replace(line) for line in _text_lines(Path(path).read_bytes(), gap_ems, upright_only)]


@lru_cache(maxsize=32)
def _text_lines(data: bytes, gap_ems: float, upright_only: bool) -> tuple[TextLine, ...]:
    lines: list[TextLine] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            rows: dict[float, list] = {}
            for char in page.chars:
                if upright_only and char["matrix"][0] <= 0:
                    continue
                rows.setdefault(round(char["top"], 1), []).append(char)
            for top in sorted(rows):
                chars = sorted(rows[top], key=lambda c: c["x0"])
                current = [chars[0]]
                for char in chars[1:]:
                    if char["x0"] - current[-1]["x1"] > gap_ems * char["size"]:
                        lines.append(_line(number, current))
                        current = []
                    current.append(char)
                lines.append(_line(number, current))
    return tuple(lines)


def _line(page: int, chars: list) -> TextLine:
    return TextLine(page, "".join(c["text"] for c in chars), chars[0]["x0"], chars[0]["top"], chars[-1]["x1"],
                    max(c["bottom"] for c in chars))


def page_texts(path: Path) -> list[str]:
    """Each page's text as pdfplumber extracts it (read once per file content in a test process)."""
    return list(_page_texts(Path(path).read_bytes()))


@lru_cache(maxsize=32)
def _page_texts(data: bytes) -> tuple[str, ...]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return tuple(page.extract_text() or "" for page in pdf.pages)


def fonts(path: Path) -> list[dict]:
    """Every font dictionary used on any page (descendants for Type0)."""
    found = []
    reader = pypdf.PdfReader(path)
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found.append(font)
            for descendant in font.get("/DescendantFonts") or []:
                found.append(descendant.get_object())
    return found


def is_embedded(font: dict) -> bool:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return font.get("/Subtype") == "/Type0"
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def content_operators(path: Path) -> set[str]:
    """Every operator used in the pages' content streams."""
    operators: set[str] = set()
    reader = pypdf.PdfReader(path)
    for page in reader.pages:
        content = pypdf.generic.ContentStream(page.get_contents(), reader)
        for _operands, operator in content.operations:
            operators.add(operator.decode("latin-1") if isinstance(operator, bytes) else str(operator))
    return operators
