"""Reading PDFs back for assertions: text lines per page, fonts, colour operators."""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pypdf
import pypdfium2
import pypdfium2.raw as pdfium_c


@dataclass
class TextLine:
    """A run of characters on one baseline with no wide gap: one set line of one text box."""

    page: int
    text: str
    x0: float
    top: float
    x1: float = 0.0
    bottom: float = 0.0


#: What pdfplumber's extract_text spells out (its defaults), so texts read alike by either reader.
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
#: pdfplumber's default tolerances (pt): a gap wider than X starts a word; tops within Y make a line.
X_TOLERANCE = Y_TOLERANCE = 3.0


@dataclass(frozen=True)
class Char:
    """One drawn character as PDFium reads it, in pdfplumber's terms (top measured from the page's
    top, the box from the font's ascent and over the glyph's advance)."""

    text: str
    x0: float
    x1: float
    top: float
    #: Not turned a quarter (pdfplumber's "upright").
    upright: bool


@lru_cache(maxsize=32)
def _chars(data: bytes) -> tuple[tuple[Char, ...], ...]:
    """Every page's characters in the order they are drawn, for page texts (PDFium, in C: with
    pdfplumber, in Python, reading them took a tenth of the suite's time)."""
    document = pypdfium2.PdfDocument(data)
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            height = page.get_height()
            textpage = page.get_textpage()
            matrix = pdfium_c.FS_MATRIX()
            found: list[Char] = []
            for number in range(textpage.count_chars()):
                text = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, number)).replace("\x02", "-")
                if text in "\r\n" or pdfium_c.FPDFText_IsGenerated(textpage.raw, number):
                    continue  # the spaces and line ends PDFium adds where it sees a gap
                left, _bottom, right, top = textpage.get_charbox(number, loose=True)
                if "\udc00" <= text <= "\udfff" and found and "\ud800" <= found[-1].text <= "\udbff":
                    # the second half of a character beyond the basic plane, which PDFium gives as two
                    high = found.pop()
                    text = (high.text + text).encode("utf-16", "surrogatepass").decode("utf-16")
                    found.append(replace(high, text=text, x1=right))
                    continue
                pdfium_c.FPDFText_GetMatrix(textpage.raw, number, matrix)
                found.append(Char(text, left, right, height - top, matrix.b == 0 and matrix.c == 0))
            pages.append(tuple(found))
    finally:
        document.close()
    return tuple(pages)


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
    """Each page's text as pdfplumber's extract_text gives it (lines top to bottom, words left to
    right, one space between), read once per file content in a test process."""
    return [_page_text(chars) for chars in _chars(Path(path).read_bytes())]


def _clusters(items: list, key, tolerance: float) -> list[list]:
    """pdfplumber's cluster_objects: sorted by key, a value within `tolerance` of the last joins
    its group; each group keeps the items' order."""
    values = sorted(set(map(key, items)))
    group_of: dict[float, int] = {}
    group = 0
    for index, value in enumerate(values):
        if index and value > values[index - 1] + tolerance:
            group += 1
        group_of[value] = group
    groups: list[list] = [[] for _ in range(group + 1)] if values else []
    for item in items:
        groups[group_of[key(item)]].append(item)
    return groups


def _words(chars: tuple[Char, ...]) -> list[list[Char]]:
    """pdfplumber's words: runs of upright (or of turned) characters, in lines by their tops, left to
    right, split at a blank and where a character starts left of the last or more than the
    tolerance right of its end, or on another line."""
    words: list[list[Char]] = []
    for upright, run in itertools.groupby(chars, key=lambda c: c.upright):
        if not upright:
            raise AssertionError("text turned a quarter: this reader knows horizontal text only")
        for line in _clusters(list(run), lambda c: c.top, Y_TOLERANCE):
            word: list[Char] = []
            for char in sorted(line, key=lambda c: c.x0):
                if char.text.isspace():
                    word = _ended(words, word, None)
                elif word and (char.x0 < word[-1].x0 or char.x0 > word[-1].x1 + X_TOLERANCE
                               or abs(char.top - word[-1].top) > Y_TOLERANCE):
                    word = _ended(words, word, char)
                else:
                    word.append(char)
            _ended(words, word, None)
    return words


def _ended(words: list[list[Char]], word: list[Char], starting: Char | None) -> list[Char]:
    if word:
        words.append(word)
    return [] if starting is None else [starting]


def _page_text(chars: tuple[Char, ...]) -> str:
    """A page's words as pdfplumber's extract_text lays them out (layout off)."""
    words = _words(chars)
    lines = _clusters(sorted(words, key=lambda w: min(c.top for c in w)), lambda w: min(c.top for c in w),
                      Y_TOLERANCE)
    return "\n".join(" ".join("".join(LIGATURES.get(c.text, c.text) for c in word)
                              for word in sorted(line, key=lambda w: min(c.x0 for c in w))) for line in lines)


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
