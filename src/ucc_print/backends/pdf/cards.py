"""Name cards drawn with reportlab: tent cards (two panels, the upper one turned 180°, fold
marks) and badges, ten to an A4 sheet with cut guides or, for the print shop, one to a page."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from ...components.cards import NameCardSpec
from ...design.cards import BADGE, BADGE_SHEET, TENT_SHEET_SIZE, SheetLayout
from ...design.profiles import OFFICE, Profile, Sheet
from ...design.theme import Theme
from ...design.tokens import Palette
from ...design.units import mm
from .colour import fill, stroke
from .document import DocumentInfo, Pages, on_sheet
from .draw import Replay, operators, write_again
from .fonts import register

#: Cut guides are hairlines this far from the cards and this long: clear of the cards, and clear
#: of the 5 mm many office printers cannot print at the sheet's edge.
GUIDE_GAP, GUIDE_LENGTH, HAIRLINE = mm(1.5), mm(4), 0.3


def draw_card(canvas: Canvas, card: NameCardSpec, replay: Replay) -> None:
    """One card face with its bottom-left corner at the canvas origin."""
    layout = card.layout
    if layout.band and card.band_colour:
        band = layout.band
        fill(canvas, card.band_colour)
        canvas.rect(band.x, layout.height - band.bottom, band.w, band.h, stroke=0, fill=1)
    replay.draw(canvas, card.shapes, layout.height)


def _both_faces(canvas: Canvas, card: NameCardSpec, width: float, height: float, replay: Replay) -> None:
    """The face drawn upright on the lower half, then the same drawing operators again turned 180°
    onto the upper half: set once, and no form object a page (half the time reportlab takes to
    write a thousand cards). Each half starts from the same graphics state (q … Q), so the
    operators mean the same twice; each is clipped to its half, as a form's box would clip it."""
    canvas.saveState()
    face = operators(canvas, lambda: _clipped_face(canvas, card, replay))
    canvas.restoreState()
    canvas.saveState()
    canvas.translate(width, height)
    canvas.rotate(180)
    write_again(canvas, face)
    canvas.restoreState()


def _clipped_face(canvas: Canvas, card: NameCardSpec, replay: Replay) -> None:
    """A face drawn inside its own box only: nothing of it crosses the fold onto the other half."""
    edge = canvas.beginPath()
    edge.rect(0, 0, card.layout.width, card.layout.height)
    canvas.clipPath(edge, stroke=0, fill=0)
    draw_card(canvas, card, replay)


def _fold_ticks(canvas: Canvas, width: float, height: float, theme: Theme) -> None:
    """Ticks at both edges where the sheet folds, and 山折り (mountain fold) beside them."""
    y = height / 2
    stroke(canvas, Palette.MUTED)
    canvas.setLineWidth(HAIRLINE)
    canvas.line(mm(4), y, mm(12), y)
    canvas.line(width - mm(12), y, width - mm(4), y)
    canvas.setFont(register(theme.style("card-event").face()), 5)
    fill(canvas, Palette.MUTED)
    canvas.drawString(mm(4), y + mm(1), "山折り")
    canvas.drawRightString(width - mm(4), y + mm(1), "山折り")


def render_tent_cards(cards: list[NameCardSpec], theme: Theme, info: DocumentInfo,
                      profile: Profile = OFFICE) -> bytes:
    """A4 sheets, one guest each: the lower half upright, the upper half the same face turned 180°.

    Each face is set once and its drawing written twice (see `_both_faces`). The fold is shown by
    ticks on the sheet for the office, by 折りトンボ outside the bleed for the print shop.
    """
    width, height = TENT_SHEET_SIZE
    sheet = Sheet(width, height, profile, folds=(height / 2,))
    document = Pages(info, theme.style("card-name").face(), profile)
    replay, ticks = Replay(), None
    for card in cards:
        with document.page(sheet) as canvas:
            with on_sheet(canvas, sheet):
                _both_faces(canvas, card, width, height, replay)
            if profile.shop:  # the print shop has its 折りトンボ with the trim marks, outside the card
                continue
            if ticks is None:
                ticks = operators(canvas, lambda: _fold_ticks(canvas, width, height, theme))
            else:  # the same on every sheet
                write_again(canvas, ticks)
    return document.pdf()


def _cut_guides(canvas: Canvas, sheet: SheetLayout) -> None:
    """Hairline ticks in the margins, in line with every card edge (none touch a card)."""
    stroke(canvas, Palette.MUTED)
    canvas.setLineWidth(HAIRLINE)
    top, bottom = sheet.height - sheet.top, sheet.height - sheet.top - sheet.rows * sheet.card_height
    left, right = sheet.left, sheet.left + sheet.columns * sheet.card_width
    for column in range(sheet.columns + 1):
        x = left + column * sheet.card_width
        canvas.line(x, top + GUIDE_GAP, x, top + GUIDE_GAP + GUIDE_LENGTH)
        canvas.line(x, bottom - GUIDE_GAP, x, bottom - GUIDE_GAP - GUIDE_LENGTH)
    for row in range(sheet.rows + 1):
        y = top - row * sheet.card_height
        canvas.line(left - GUIDE_GAP, y, left - GUIDE_GAP - GUIDE_LENGTH, y)
        canvas.line(right + GUIDE_GAP, y, right + GUIDE_GAP + GUIDE_LENGTH, y)


def render_badges(cards: list[NameCardSpec], theme: Theme, info: DocumentInfo, profile: Profile = OFFICE) -> bytes:
    """A4 sheets of ten 91 × 55 mm badges, laid out like perforated business-card sheets; for
    the print shop, one badge a page with its trim marks (the shop imposes)."""
    document = Pages(info, theme.style("card-name").face(), profile)
    replay = Replay()
    if profile.shop:  # each badge on its own page, the badge's size as the trim
        sheet = Sheet(BADGE.width, BADGE.height, profile)
        for card in cards:
            with document.page(sheet) as canvas, on_sheet(canvas, sheet):
                draw_card(canvas, card, replay)
        return document.pdf()
    layout = BADGE_SHEET
    for start in range(0, len(cards), layout.per_sheet):
        with document.page(Sheet(layout.width, layout.height)) as canvas:  # the sheet is the page
            for index, card in enumerate(cards[start:start + layout.per_sheet]):
                x, top = layout.origin(index)
                canvas.saveState()
                canvas.translate(x, layout.height - top - layout.card_height)
                draw_card(canvas, card, replay)
                canvas.restoreState()
            _cut_guides(canvas, layout)
    return document.pdf()
