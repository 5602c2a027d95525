"""Japanese trim marks (トンボ), drawn outside the bleed in registration colour (all four inks)."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from ...design.profiles import MARK_LENGTH, MARK_LINE, Sheet
from ...design.units import mm
from .fonts import register

#: Half the length of the bar across a centre mark, and how far out from the bleed it crosses.
CENTRE_BAR = mm(5)
CENTRE_BAR_OUT = MARK_LENGTH / 2
#: Notes beside marks (such as 山折り) in K100, small.
LABEL_FACE, LABEL_SIZE = "pgothic", 5  # a face the documents embed anyway


def _registration(canvas: Canvas) -> None:
    canvas.setStrokeColorCMYK(1, 1, 1, 1)
    canvas.setLineWidth(MARK_LINE)


def trim_marks(canvas: Canvas, sheet: Sheet) -> None:
    """At each corner two nested L marks, one on the finished edge and one on the bleed edge; at
    the middle of each side a centre mark (a line and a bar across it); at each fold a 折りトンボ.
    Every line starts at the bleed edge and runs out."""
    if not sheet.profile.shop:
        return
    canvas.saveState()
    _registration(canvas)
    x0, y0, x1, y1 = sheet.trim_box
    bx0, by0, bx1, by1 = sheet.bleed_box
    length = MARK_LENGTH
    for x, bx, dx in ((x0, bx0, -1), (x1, bx1, 1)):
        for y, by, dy in ((y0, by0, -1), (y1, by1, 1)):
            for line_y in (y, by):  # horizontal strokes, out from the bleed's side edge
                canvas.line(bx, line_y, bx + dx * length, line_y)
            for line_x in (x, bx):  # vertical strokes, out from the bleed's top or bottom edge
                canvas.line(line_x, by, line_x, by + dy * length)
    middle_x, middle_y = (x0 + x1) / 2, (y0 + y1) / 2
    for by, dy in ((by0, -1), (by1, 1)):
        canvas.line(middle_x, by, middle_x, by + dy * length)
        bar = by + dy * CENTRE_BAR_OUT
        canvas.line(middle_x - CENTRE_BAR, bar, middle_x + CENTRE_BAR, bar)
    folds = [y1 - from_top for from_top in sheet.folds]
    for bx, dx in ((bx0, -1), (bx1, 1)):
        if not any(abs(fold - middle_y) < 0.01 for fold in folds):
            canvas.line(bx, middle_y, bx + dx * length, middle_y)
        bar = bx + dx * CENTRE_BAR_OUT
        canvas.line(bar, middle_y - CENTRE_BAR, bar, middle_y + CENTRE_BAR)
    for fold in folds:
        _fold_mark(canvas, sheet, fold)
    canvas.restoreState()


def _fold_mark(canvas: Canvas, sheet: Sheet, y: float, label: str = "山折り") -> None:
    """折りトンボ: a dashed line out from the bleed on both sides, named beyond the centre bar. A
    fold at mid-height takes the place of the centre mark's line; its bar still crosses it."""
    canvas.saveState()
    canvas.setDash(mm(1), mm(0.7))
    bx0, _, bx1, _ = sheet.bleed_box
    for bx, dx in ((bx0, -1), (bx1, 1)):
        canvas.line(bx, y, bx + dx * MARK_LENGTH, y)
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.setFont(register(LABEL_FACE), LABEL_SIZE)
    beyond = CENTRE_BAR_OUT + mm(1)
    canvas.drawRightString(bx0 - beyond, y + mm(0.8), label)
    canvas.drawString(bx1 + beyond, y + mm(0.8), label)
    canvas.restoreState()
