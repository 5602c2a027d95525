"""Signs (会場案内): a sheet across for each sign of signs.yaml — the meeting's name at the top, the
word (受付, 会場, 控室) as large as the sheet allows, the room under it, and a drawn arrow.

Every size is decided here: the word on one line, never broken, as large as the sheet holds; the
meeting's name and the room on one line as large as their bands hold (on more, broken between
phrases, when one would be too small to read); what would be smaller than can be read is refused,
naming the sign.
"""

from __future__ import annotations

from collections.abc import Callable

from ..content.model import Project, Sign, Signs
from ..design import fonts
from ..design.geometry import Box
from ..design.theme import Rule, TextStyle
from ..design.tokens import SIGN_A3, SIGN_A4, Colour, PageGrid, Palette
from ..errors import ContentError, Problem
from .fit import fit_stack
from .measure import SAFETY
from .pages import Page
from .shapes import PolygonShape, RuleShape, Shape
from .spec import Run, TextSpec
from .stack import place

#: The smallest word a sign may have, in pt: about 21 mm tall, read from 5 m and more.
MIN_WORD = 60.0
#: The smallest meeting name and room: read from 2–3 m, as a guest comes up to the sign.
MIN_LINE = 20.0
#: Shares of the frame's height: the meeting's name at the top, the room at the foot.
TITLE_BAND, PLACE_BAND = 0.13, 0.2
#: A block arrow pointing right, in a unit square: shaft, then head.
ARROW = ((0.0, 0.36), (0.52, 0.36), (0.52, 0.08), (1.0, 0.5), (0.52, 0.92), (0.52, 0.64), (0.0, 0.64))
#: How each direction maps the unit square's (u, v).
TURNS: dict[str, Callable[[float, float], tuple[float, float]]] = {
    "right": lambda u, v: (u, v), "left": lambda u, v: (1 - u, v), "down": lambda u, v: (v, u),
    "up": lambda u, v: (v, 1 - u)}


def grid_of(signs: Signs) -> PageGrid:
    """A4 or A3 across."""
    return SIGN_A3 if signs.paper == "A3" else SIGN_A4


def fitted_size(text: str, style: TextStyle, width: float, height: float) -> float:
    """The largest size at which a text's one line fits `width` and a line box `height` tall."""
    unit = fonts.text_width(text, style.face(), 1.0)
    return min(height / 1.2, width * SAFETY / unit if unit else height)


def line(text: str, size: float, colour: Colour, box: Box) -> list[Shape]:
    """One line of bold text, centred in a box."""
    style = TextStyle("pgothic", size, size * 1.2, colour=colour, align="center", bold=True)
    return place([TextSpec((Run(text, keep=True),), style)], box, "ctr")


def arrow(direction: str, box: Box, colour: Colour = Palette.PRIMARY) -> PolygonShape:
    """A block arrow filling a square box, pointing left, right, up or down."""
    turn = TURNS[direction]
    return PolygonShape(tuple((box.x + x * box.w, box.y + y * box.h) for x, y in (turn(u, v) for u, v in ARROW)),
                        colour)


def _larger(signs: Signs) -> str:
    """The end of a too-long text's hint: A3 has room for more, unless the signs are A3 already."""
    return "" if signs.paper == "A3" else ", or use paper: A3"


def _word(sign: Sign, area: Box, problems: list[Problem], number: int, larger: str) -> list[Shape]:
    """The word and its arrow, as large as the area holds, centred together."""
    side = area.h * 0.72 if sign.arrow != "none" else 0.0
    gap = side * 0.18
    style = TextStyle("pgothic", 1.0, 1.2, bold=True)
    size = fitted_size(sign.text, style, area.w - side - gap, area.h)
    if size < MIN_WORD:
        where = sign.where_of("text")
        problems.append(Problem(where.file, where.line, where.path,
                                f"a sign's word that fits its sheet at {MIN_WORD:.0f} pt or more (read from 5 m)",
                                f"「{sign.text}」, which fits only at {size:.0f} pt on sign {number}",
                                f"shorten it (受付, 会場, 控室), put the rest in `place:`{larger}"))
        return []
    width = fonts.text_width(sign.text, style.face(), size) / SAFETY
    left = area.x + (area.w - width - (side + gap if side else 0.0)) / 2
    text_x = left + side + gap if sign.arrow == "left" else left
    shapes = line(sign.text, size, Palette.INK, Box(text_x, area.y, width, area.h))
    if side:
        arrow_x = left if sign.arrow == "left" else left + width + gap
        shapes.append(arrow(sign.arrow, Box(arrow_x, area.y + (area.h - side) / 2, side, side)))
    return shapes


def _lines(text: str, box: Box, colour: Colour) -> list[Shape] | None:
    """A text too long for one readable line on more, broken between phrases, as large as fits (not
    below MIN_LINE)."""
    size = box.h / 2 / 1.2
    style = TextStyle("pgothic", size, size * 1.2, colour=colour, align="center", bold=True, phrases=True,
                      min_size=MIN_LINE)
    fitted = fit_stack([TextSpec((Run(text),), style)], box.w, box.h) if size >= MIN_LINE else None
    return place(fitted, box, "ctr") if fitted else None


def _band(text: str, box: Box, colour: Colour, what: str, where: tuple[str, int | None, str],
          problems: list[Problem], number: int | None, larger: str) -> list[Shape]:
    """A band's text on one line as large as the band holds, else on more, never below MIN_LINE."""
    size = min(fitted_size(text, TextStyle("pgothic", 1.0, 1.2, bold=True), box.w, box.h), box.h * 0.62)
    if size >= MIN_LINE:
        return line(text, size, colour, box)
    shapes = _lines(text, box, colour)
    if shapes is None:
        on = f" on sign {number}" if number else ""
        problem = Problem(*where, f"{what} that fits its band, on more lines if need be, at {MIN_LINE:.0f} pt or more",
                          f"「{text}」, which fits on one line only at {size:.0f} pt{on}",
                          f"shorten it{larger}")
        if problem not in problems:  # the meeting's name is on every sign: said once
            problems.append(problem)
        return []
    return shapes


def sign_page(project: Project, signs: Signs, sign: Sign, number: int, problems: list[Problem]) -> Page:
    """One sign on its sheet."""
    grid, larger = grid_of(signs), _larger(signs)
    frame = Box(grid.left, grid.top, grid.frame_width, grid.frame_height)
    title_h = frame.h * TITLE_BAND
    place_h = frame.h * PLACE_BAND if sign.place else 0.0
    event = project.event.where_of("name")
    shapes = _band(project.event.title, Box(frame.x, frame.y, frame.w, title_h), Palette.PRIMARY,
                   "the meeting's name (event.yaml)", (event.file, event.line, event.path), problems, None,
                   larger)
    rule_y = frame.y + title_h + frame.h * 0.02
    shapes.append(RuleShape(frame.x, rule_y, frame.right, rule_y, Rule(3.0, Palette.PRIMARY)))
    top = rule_y + frame.h * 0.03
    shapes += _word(sign, Box(frame.x, top, frame.w, frame.bottom - place_h - top), problems, number,
                    larger)
    if sign.place:
        where = sign.where_of("place")
        shapes += _band(sign.place, Box(frame.x, frame.bottom - place_h, frame.w, place_h), Palette.INK,
                        "the room under a sign's word", (where.file, where.line, where.path), problems, number,
                        larger)
    return Page(grid, shapes, used=True)


def sign_pages(project: Project, signs: Signs) -> list[Page]:
    """Every sign, a sheet each; a ContentError names every text too long for its sheet."""
    problems: list[Problem] = []
    pages = [sign_page(project, signs, sign, number, problems) for number, sign in enumerate(signs.signs, 1)]
    if problems:
        raise ContentError(problems)
    return pages
