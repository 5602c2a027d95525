"""Slide geometry shared by the PowerPoint master and the PDF slides: 16:9, every box in pt.

Boxes are measured from the slide's top-left corner (as PowerPoint does); the PDF backend flips
them. A layout names its placeholders and the decorations it draws behind them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tokens import Colour, Palette

#: PowerPoint's 16:9 (13.333 × 7.5 in).
SLIDE_WIDTH, SLIDE_HEIGHT = 960.0, 540.0
MARGIN = 56.0


@dataclass(frozen=True)
class Box:
    """A rectangle: left, top, width, height in pt from the slide's top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Decoration:
    """A filled rectangle a layout draws behind its placeholders."""

    name: str
    box: Box
    colour: Colour


@dataclass(frozen=True)
class Placeholder:
    """A text (or table) area of a layout: its role, box, text style role and vertical anchor."""

    role: str  #: title, subtitle, body, left, right, table, presenter
    box: Box
    style: str  #: a Theme text style role
    anchor: str = "t"  #: t, ctr or b


@dataclass(frozen=True)
class SlideLayout:
    """One named layout of the slide master."""

    key: str  #: what content/slides.md names it by
    name: str  #: what PowerPoint shows
    placeholders: tuple[Placeholder, ...]
    decorations: tuple[Decoration, ...] = ()
    background: Colour = Palette.PAPER
    #: Footer (event and date) and slide number shown.
    footer: bool = True
    #: Footer text colour (paper on dark backgrounds).
    footer_colour: Colour = Palette.MUTED
    #: Where a timeline's native shapes go (timeline layout only).
    area: Box | None = None

    def placeholder(self, role: str) -> Placeholder | None:
        return next((p for p in self.placeholders if p.role == role), None)


TITLE_BOX = Box(MARGIN, 26, SLIDE_WIDTH - 2 * MARGIN, 66)
BODY_BOX = Box(MARGIN, 124, SLIDE_WIDTH - 2 * MARGIN, 340)
#: Tables start higher and run lower than body text: twelve cities and a header fit at 14 pt.
TABLE_BOX = Box(MARGIN, 112, SLIDE_WIDTH - 2 * MARGIN, 366)
TITLE_BAR = Decoration("title bar", Box(MARGIN, 100, 64, 4), Palette.ACCENT)
FOOTER_RULE = Decoration("footer rule", Box(MARGIN, 484, SLIDE_WIDTH - 2 * MARGIN, 0.75), Palette.RULE)
FOOTER_BOX = Box(MARGIN, 494, 680, 24)
NUMBER_BOX = Box(SLIDE_WIDTH - MARGIN - 120, 494, 120, 24)
#: Where the city's logo goes on the title and closing slides.
LOGO_BOX = Box(SLIDE_WIDTH - MARGIN - 88, 36, 88, 88)
_GAP = 24.0
_HALF = (BODY_BOX.w - _GAP) / 2

_content = (TITLE_BAR, FOOTER_RULE)
_band = Decoration("band", Box(0, 404, SLIDE_WIDTH, SLIDE_HEIGHT - 404), Palette.PRIMARY)
#: Title and closing slides: the title sits on the accent bar, the subtitle below it.
_cover = (
    Placeholder("title", Box(72, 92, 736, 164), "slide-cover", "b"),
    Placeholder("subtitle", Box(72, 288, 816, 100), "slide-subtitle", "t"),
    Placeholder("presenter", Box(72, 420, 816, 100), "slide-on-dark", "ctr"),
)
_cover_bar = Decoration("accent", Box(72, 268, 96, 6), Palette.ACCENT)

LAYOUTS: dict[str, SlideLayout] = {
    layout.key: layout
    for layout in (
        SlideLayout("title", "Title", _cover, (_band, _cover_bar), footer=False),
        SlideLayout(
            "section", "Section",
            (
                Placeholder("title", Box(72, 112, 816, 168), "slide-section", "b"),
                Placeholder("subtitle", Box(72, 312, 816, 110), "slide-on-dark", "t"),
            ),
            (Decoration("accent", Box(72, 292, 96, 6), Palette.ACCENT),),
            background=Palette.PRIMARY,
            footer_colour=Palette.TINT,
        ),
        SlideLayout(
            "body", "Title and Body",
            (Placeholder("title", TITLE_BOX, "slide-title", "b"), Placeholder("body", BODY_BOX, "body")),
            _content,
        ),
        SlideLayout(
            "table", "Table",
            (Placeholder("title", TITLE_BOX, "slide-title", "b"), Placeholder("table", TABLE_BOX, "table-cell")),
            _content,
        ),
        SlideLayout(
            "two-column", "Two Columns",
            (
                Placeholder("title", TITLE_BOX, "slide-title", "b"),
                Placeholder("left", Box(BODY_BOX.x, BODY_BOX.y, _HALF, BODY_BOX.h), "body"),
                Placeholder("right", Box(BODY_BOX.x + _HALF + _GAP, BODY_BOX.y, _HALF, BODY_BOX.h), "body"),
            ),
            _content,
        ),
        SlideLayout(
            "timeline", "Timeline",
            (Placeholder("title", TITLE_BOX, "slide-title", "b"),),
            _content,
            area=Box(BODY_BOX.x, 120, BODY_BOX.w, 352),
        ),
        SlideLayout("closing", "Closing", _cover, (_band, _cover_bar), footer=False),
    )
}
