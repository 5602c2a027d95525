"""Page templates and the build: one frame per page, running header and footer, page n / N."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from ...design.theme import Theme
from ...errors import UccError
from .colour import fill, stroke
from .fonts import register

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


def new_canvas(buffer, size: tuple[float, float], info: DocumentInfo, face: str) -> Canvas:
    """A reproducible canvas for drawn (not flowed) documents: metadata set, a bundled initial font."""
    canvas = Canvas(buffer, pagesize=size, invariant=1, initialFontName=register(face), lang="ja-JP")
    canvas.setTitle(info.title)
    canvas.setAuthor(info.author)
    canvas.setSubject(info.subject)
    canvas.setCreator(info.creator)
    canvas.setProducer(info.creator)
    return canvas


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


def render(story: list[Flowable], theme: Theme, info: DocumentInfo, furniture: Furniture) -> bytes:
    """Lay out a story on the theme's pages; returns the PDF bytes (reproducible)."""
    grid = theme.grid
    buffer = io.BytesIO()
    body_font = register(theme.style("body").face())
    document = BaseDocTemplate(
        buffer,
        pagesize=(grid.width, grid.height),
        leftMargin=grid.left,
        rightMargin=grid.right,
        topMargin=grid.top,
        bottomMargin=grid.bottom,
        title=info.title,
        subject=info.subject,
        author=info.author,
        creator=info.creator,
        producer=info.creator,
        invariant=1,
        initialFontName=body_font,
        initialFontSize=theme.style("body").size,
        lang="ja-JP",
    )
    frame = Frame(grid.left, grid.bottom, grid.frame_width, grid.frame_height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    document.addPageTemplates([PageTemplate("page", frames=[frame])])
    try:
        document.build(story, canvasmaker=_counting_canvas(furniture))
    except LayoutError as error:
        named = re.search(r"the table beginning 「[^」]*」", str(error))
        what = named.group(0) if named else "a block of text"
        raise UccError(
            f"{info.title}: {what} does not fit on one page and may not be split.\n"
            "Shorten that text in content/ or divide it into several entries."
        ) from None
    return buffer.getvalue()
