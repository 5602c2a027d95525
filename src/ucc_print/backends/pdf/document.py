"""Documents on a canvas: metadata, sheets with bleed and trim marks, laid-out pages with their
running header and footer (page n / N)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from ...components.pages import Page
from ...design.profiles import OFFICE, Profile, Sheet
from ...design.theme import Theme
from ...design.tokens import PageGrid
from .colour import fill, stroke
from .draw import draw
from .fonts import register
from .marks import trim_marks
from .pdfx import finished

#: Draws what repeats on a page: (canvas, the page's grid, page number, page count).
Furniture = Callable[[Canvas, PageGrid, int, int], None]


@dataclass(frozen=True)
class DocumentInfo:
    """PDF metadata."""

    title: str
    subject: str
    author: str
    creator: str = "ucc-print"


def new_canvas(buffer: io.BytesIO, sheet: Sheet, info: DocumentInfo, face: str) -> Canvas:
    """A reproducible canvas for drawn (not flowed) documents: the sheet's media size and boxes,
    metadata set, a bundled initial font."""
    canvas = Canvas(buffer, pagesize=sheet.media, invariant=1, initialFontName=register(face), lang="ja-JP",
                    **sheet.boxes)
    canvas.setTitle(info.title)
    canvas.setAuthor(info.author)
    canvas.setSubject(info.subject)
    canvas.setCreator(info.creator)
    canvas.setProducer(info.creator)
    return canvas


@contextmanager
def on_sheet(canvas: Canvas, sheet: Sheet) -> Iterator[None]:
    """Draw in the finished page's coordinates (origin at the trim's lower left); the trim marks
    follow in the print-shop profile."""
    canvas.saveState()
    canvas.translate(sheet.offset, sheet.offset)
    yield
    canvas.restoreState()
    trim_marks(canvas, sheet)


def running_furniture(theme: Theme, left: str, right: str) -> Furniture:
    """Header (two texts above a hairline) and a centred page n / N footer."""
    style = theme.style("running")

    def draw_furniture(canvas: Canvas, grid: PageGrid, number: int, total: int) -> None:
        canvas.saveState()
        face = register(style.face())
        canvas.setFont(face, style.size)
        fill(canvas, style.colour)
        header_y = grid.height - grid.header_baseline
        canvas.drawString(grid.left, header_y, left)
        canvas.drawRightString(grid.width - grid.right, header_y, right)
        stroke(canvas, theme.row_rule.colour)
        canvas.setLineWidth(theme.row_rule.width)
        canvas.line(grid.left, header_y - style.size * 0.8, grid.width - grid.right, header_y - style.size * 0.8)
        canvas.drawCentredString(grid.width / 2, grid.footer_baseline, f"{number} / {total}")
        canvas.restoreState()

    return draw_furniture


def no_furniture(canvas: Canvas, grid: PageGrid, number: int, total: int) -> None:
    """A page with nothing repeated on it (a form)."""


class Pages:
    """The one place a PDF's canvas is set up: made reproducible with its metadata and a bundled
    font, each page given its sheet's size and (for the print shop) trim and bleed boxes, and the
    file finished for its profile (PDF/X-1a for the print shop). Renderers only draw."""

    def __init__(self, info: DocumentInfo, face: str, profile: Profile = OFFICE):
        self.info, self.face, self.profile = info, face, profile
        self._buffer = io.BytesIO()
        self._canvas: Canvas | None = None

    @contextmanager
    def page(self, sheet: Sheet) -> Iterator[Canvas]:
        """A page the size of its sheet, to draw on; it is finished when the block ends."""
        if self._canvas is None:
            self._canvas = new_canvas(self._buffer, sheet, self.info, self.face)
        elif self._canvas._pagesize != sheet.media:
            self._canvas.setPageSize(sheet.media)
        if self.profile.shop:
            self._canvas.setTrimBox(sheet.trim_box)
            self._canvas.setBleedBox(sheet.bleed_box)
        yield self._canvas
        self._canvas.showPage()

    def pdf(self) -> bytes:
        """The finished file."""
        if self._canvas is None:
            raise ValueError("a document needs a page")
        self._canvas.save()
        return finished(self._buffer.getvalue(), self.profile)


def render(pages: list[Page], info: DocumentInfo, furniture: Furniture, face: str,
           profile: Profile = OFFICE) -> bytes:
    """Laid-out pages drawn on sheets of their grids' sizes (with bleed and trim marks in the
    print-shop profile); returns the PDF bytes (reproducible)."""
    document = Pages(info, face, profile)
    for number, page in enumerate(pages, 1):
        sheet = Sheet(page.grid.width, page.grid.height, profile)
        with document.page(sheet) as canvas, on_sheet(canvas, sheet):
            draw(canvas, page.shapes, page.grid.height)
            furniture(canvas, page.grid, number, len(pages))
    return document.pdf()
