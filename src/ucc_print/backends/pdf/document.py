"""Page templates and the build: one frame per page, running header and footer, page n / N."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from ...design.press import OFFICE, Profile, Sheet
from ...design.theme import Theme
from ...errors import UccError
from .colour import fill, stroke
from .fonts import register
from .marks import trim_marks
from .pdfx import finished

#: Draws what repeats on a page: (canvas, page number, page count).
Furniture = Callable[[Canvas, int, int], None]


@dataclass(frozen=True)
class DocumentInfo:
    """PDF metadata."""

    title: str
    subject: str
    author: str
    creator: str = "ucc-print"


def _counting_canvas(furniture: Furniture) -> type[Canvas]:
    """A canvas class that holds pages back until it knows how many there are."""

    class CountingCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self):
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._held)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                furniture(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return CountingCanvas


def new_canvas(buffer, sheet: Sheet, info: DocumentInfo, face: str) -> Canvas:
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
    follow in the press profile."""
    canvas.saveState()
    canvas.translate(sheet.offset, sheet.offset)
    yield
    canvas.restoreState()
    trim_marks(canvas, sheet)


def running_furniture(theme: Theme, left: str, right: str) -> Furniture:
    """Header (two texts above a hairline) and a centred page n / N footer."""
    grid = theme.grid
    style = theme.style("running")

    def draw(canvas: Canvas, number: int, total: int) -> None:
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

    return draw


def render(story: list[Flowable], theme: Theme, info: DocumentInfo, furniture: Furniture,
           profile: Profile = OFFICE) -> bytes:
    """Lay out a story on the theme's pages (on press sheets with bleed and trim marks in the
    press profile); returns the PDF bytes (reproducible)."""
    grid = theme.grid
    sheet = Sheet(grid.width, grid.height, profile)
    offset = sheet.offset
    buffer = io.BytesIO()
    body_font = register(theme.style("body").face())
    document = BaseDocTemplate(
        buffer,
        pagesize=sheet.media,
        leftMargin=grid.left + offset,
        rightMargin=grid.right + offset,
        topMargin=grid.top + offset,
        bottomMargin=grid.bottom + offset,
        title=info.title,
        subject=info.subject,
        author=info.author,
        creator=info.creator,
        producer=info.creator,
        invariant=1,
        initialFontName=body_font,
        initialFontSize=theme.style("body").size,
        lang="ja-JP",
        **sheet.boxes,
    )
    frame = Frame(grid.left + offset, grid.bottom + offset, grid.frame_width, grid.frame_height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    document.addPageTemplates([PageTemplate("page", frames=[frame])])

    def sheet_furniture(canvas: Canvas, number: int, total: int) -> None:
        with on_sheet(canvas, sheet):
            furniture(canvas, number, total)

    try:
        document.build(story, canvasmaker=_counting_canvas(sheet_furniture))
    except LayoutError as error:
        named = re.search(r"the table beginning 「[^」]*」", str(error))
        what = named.group(0) if named else "a block of text"
        raise UccError(
            f"{info.title}: {what} does not fit on one page and may not be split.\n"
            "Shorten that text in content/ or divide it into several entries."
        ) from None
    return finished(buffer.getvalue(), profile)
