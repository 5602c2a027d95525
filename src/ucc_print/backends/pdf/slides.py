"""Slide specs drawn with reportlab: slides.pdf (a page per slide) and A4 printed handouts.

A slide is drawn in its own coordinates (960 × 540 pt); handouts place it scaled on A4.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from ...components.slides import PictureSpec, SlideSpec, TimelineSpec
from ...components.spec import Run, Spec, TextSpec
from ...components.stack import place
from ...components.tableblock import TableBlock
from ...design.geometry import Box
from ...design.profiles import OFFICE, Profile, Sheet
from ...design.slides import SLIDE_HEIGHT, SLIDE_WIDTH
from ...design.theme import Theme
from ...design.tokens import A4_PORTRAIT, Colour, Palette
from ...design.units import mm
from .colour import fill, stroke
from .document import DocumentInfo, Pages, on_sheet
from .draw import draw
from .fonts import register
from .images import draw_picture, encoded_picture


def _rect(canvas: Canvas, box: Box, colour: Colour) -> None:
    fill(canvas, colour)
    canvas.rect(box.x, SLIDE_HEIGHT - box.bottom, box.w, box.h, stroke=0, fill=1)


def _frame(canvas: Canvas, box: Box, specs: Sequence[Spec], anchor: str = "t") -> None:
    """Specs in a slide box, anchored like the PowerPoint placeholder."""
    draw(canvas, place(specs, box, anchor), SLIDE_HEIGHT)


def _picture(canvas: Canvas, picture: PictureSpec, beneath: Colour, profile: Profile) -> None:
    """A picture in its box: in CMYK on the colour beneath it for the print shop, else as it is."""
    box = picture.box
    encoded = encoded_picture(picture.path, beneath if profile.shop else None)
    draw_picture(canvas, encoded, box.x, SLIDE_HEIGHT - box.bottom, box.w, box.h)


def _timeline(canvas: Canvas, timeline: TimelineSpec) -> None:
    """The vertical line, a dot per milestone, years at the left, titles and details at the right."""
    _rect(canvas, timeline.line, timeline.line_colour)
    for milestone in timeline.milestones:
        dot = milestone.dot
        fill(canvas, timeline.dot_colour)
        canvas.circle(dot.x + dot.w / 2, SLIDE_HEIGHT - (dot.y + dot.h / 2), dot.w / 2, stroke=0, fill=1)
        _frame(canvas, milestone.year_box, [milestone.year], "ctr")
        below = [milestone.title] + ([milestone.detail] if milestone.detail else [])
        _frame(canvas, milestone.text_box, below, "ctr")


def _footer(canvas: Canvas, spec: SlideSpec, theme: Theme) -> None:
    style = theme.style("slide-footer").but(colour=spec.layout.footer_colour)
    _frame(canvas, spec.footer_box, [TextSpec((Run(spec.footer),), style)], "ctr")
    _frame(canvas, spec.number_box, [TextSpec((Run(str(spec.number)),), style.but(align="right"))], "ctr")


def draw_slide(canvas: Canvas, spec: SlideSpec, theme: Theme, profile: Profile = OFFICE, bleed: bool = False) -> None:
    """One slide in slide coordinates (the caller translates and scales for handouts); with
    `bleed`, the background and edge-touching decorations run on into the profile's bleed."""
    layout = spec.layout
    sheet = Sheet(SLIDE_WIDTH, SLIDE_HEIGHT, profile if bleed else OFFICE)
    _rect(canvas, sheet.bled(Box(0, 0, SLIDE_WIDTH, SLIDE_HEIGHT)), layout.background)
    for decoration in layout.decorations:
        _rect(canvas, sheet.bled(decoration.box), decoration.colour)
    for placeholder in layout.placeholders:
        if placeholder.role in spec.text:
            _frame(canvas, placeholder.box, spec.text[placeholder.role], placeholder.anchor)
    if spec.table:
        placed = spec.table
        table = TableBlock(placed.table, placed.box.w)
        draw(canvas, table.draw(0, table.count(), placed.box.x, placed.box.y, placed.box.w), SLIDE_HEIGHT)
    if spec.timeline:
        _timeline(canvas, spec.timeline)
    for picture in spec.pictures:
        _picture(canvas, picture, layout.background, profile)
    if spec.footer:
        _footer(canvas, spec, theme)


def render_slides(slides: list[SlideSpec], theme: Theme, info: DocumentInfo, profile: Profile = OFFICE) -> bytes:
    """slides.pdf: one 16:9 page per slide."""
    sheet = Sheet(SLIDE_WIDTH, SLIDE_HEIGHT, profile)
    document = Pages(info, theme.style("body").face(), profile)
    for spec in slides:
        with document.page(sheet) as canvas, on_sheet(canvas, sheet):
            draw_slide(canvas, spec, theme, profile, bleed=True)
    return document.pdf()


@dataclass(frozen=True)
class HandoutGrid:
    """Where N slides sit on an A4 page, and whether ruled lines for notes go beside them."""

    per_page: int
    columns: int
    rows: int
    notes: bool


HANDOUTS = {2: HandoutGrid(2, 1, 2, False), 3: HandoutGrid(3, 1, 3, True), 6: HandoutGrid(6, 2, 3, False)}


def _cells(grid: HandoutGrid) -> list[tuple[Box, Box | None]]:
    """(slide box, notes box) for each position on the page, in pt from the page's top-left."""
    page = A4_PORTRAIT
    left, top = mm(15), mm(22)
    width, height = page.width - 2 * left, page.height - top - mm(20)
    slide_width = width * (0.5 if grid.notes else 1.0) / grid.columns - (mm(6) if grid.columns > 1 else 0)
    slide_height = slide_width * SLIDE_HEIGHT / SLIDE_WIDTH
    pitch_y = height / grid.rows
    pitch_x = width / grid.columns
    cells = []
    for index in range(grid.per_page):
        column, row = index % grid.columns, index // grid.columns
        x = left + column * pitch_x
        y = top + row * pitch_y + (pitch_y - slide_height) / 2
        notes = Box(x + slide_width + mm(8), y, width - slide_width - mm(8), slide_height) if grid.notes else None
        cells.append((Box(x, y, slide_width, slide_height), notes))
    return cells


def render_handouts(slides: list[SlideSpec], theme: Theme, info: DocumentInfo, per_page: int,
                    profile: Profile = OFFICE) -> bytes:
    """slides-Nup.pdf: A4 printed handouts, N slides a page (3-up with lines for notes, 配布資料)."""
    pages = [slides[i:i + per_page] for i in range(0, len(slides), per_page)]
    page = A4_PORTRAIT
    sheet = Sheet(page.width, page.height, profile)
    document = Pages(info, theme.style("body").face(), profile)
    for number, group in enumerate(pages, 1):
        with document.page(sheet) as canvas, on_sheet(canvas, sheet):
            _handout_page(canvas, group, theme, info, (number, len(pages)), HANDOUTS[per_page], profile)
    return document.pdf()


def _handout_page(canvas: Canvas, group: list[SlideSpec], theme: Theme, info: DocumentInfo,
                  numbering: tuple[int, int], grid: HandoutGrid, profile: Profile) -> None:
    """One A4 page of slide thumbnails with its title, page number and lines for notes."""
    page = A4_PORTRAIT
    running = theme.style("slide-footer")
    number, count = numbering
    canvas.setFont(register(running.face()), 8)
    fill(canvas, Palette.MUTED)
    canvas.drawString(mm(15), page.height - mm(13), info.title)
    canvas.drawCentredString(page.width / 2, mm(10), f"{number} / {count}")
    for spec, (box, notes) in zip(group, _cells(grid), strict=False):  # the last page may hold fewer slides
        canvas.saveState()
        canvas.translate(box.x, page.height - box.bottom)
        canvas.scale(box.w / SLIDE_WIDTH, box.h / SLIDE_HEIGHT)
        path = canvas.beginPath()
        path.rect(0, 0, SLIDE_WIDTH, SLIDE_HEIGHT)
        canvas.clipPath(path, stroke=0, fill=0)
        draw_slide(canvas, spec, theme, profile)
        canvas.restoreState()
        stroke(canvas, Palette.RULE)
        canvas.setLineWidth(0.5)
        canvas.rect(box.x, page.height - box.bottom, box.w, box.h, stroke=1, fill=0)
        if notes:
            for line in range(1, 8):
                y = page.height - notes.y - notes.h * line / 8
                canvas.line(notes.x, y, notes.x + notes.w, y)

