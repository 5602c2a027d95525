"""The slide layouts, shared by the PowerPoint master, slides.pdf and the parser of slides.md.

Every box is in pt from the slide's top-left corner (as PowerPoint measures; the PDF backend
flips them). A layout names its placeholders, the decorations behind them, which parts of a
slide written in slides.md go where, and the block it shows (the city table, the timeline).
"""

from __future__ import annotations

from dataclasses import dataclass

from .geometry import Box
from .tokens import Colour, Palette

#: PowerPoint's 16:9 (13.333 × 7.5 in).
SLIDE_WIDTH, SLIDE_HEIGHT = 960.0, 540.0
MARGIN = 56.0


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
    kind: str  #: PowerPoint's layout type (title, secHead, obj, tbl, twoObj, titleOnly)
    placeholders: tuple[Placeholder, ...]
    #: Which part of a slide in slides.md fills which placeholder (besides the title).
    parts: dict[str, str]
    decorations: tuple[Decoration, ...] = ()
    background: Colour = Palette.PAPER
    #: Footer (event and date) and slide number shown.
    footer: bool = True
    #: Footer text colour (paper on dark backgrounds).
    footer_colour: Colour = Palette.MUTED
    #: The content blocks this layout can show (`<!-- show: … -->`; one of them is), and where they go.
    shows: tuple[str, ...] = ()
    area: Box | None = None

    def placeholder(self, role: str) -> Placeholder | None:
        return next((p for p in self.placeholders if p.role == role), None)


@dataclass(frozen=True)
class TimelineGrid:
    """Rows down a vertical line: the year at the left, a dot on the line, the text at the right."""

    box: Box
    rows: int
    year_width: float = 170.0
    gap: float = 36.0

    @property
    def pitch(self) -> float:
        """Height of one milestone's row."""
        return self.box.h / max(self.rows, 1)

    @property
    def line_x(self) -> float:
        return self.box.x + self.year_width + self.gap / 2

    def year_box(self, index: int) -> Box:
        return Box(self.box.x, self.box.y + index * self.pitch, self.year_width, self.pitch)

    def text_box(self, index: int) -> Box:
        left = self.line_x + self.gap / 2
        return Box(left, self.box.y + index * self.pitch, self.box.x + self.box.w - left, self.pitch)

    def dot_centre(self, index: int) -> tuple[float, float]:
        return self.line_x, self.box.y + (index + 0.5) * self.pitch


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

_cover_parts = {"subtitle": "subtitle", "body": "presenter"}

LAYOUTS: dict[str, SlideLayout] = {
    layout.key: layout
    for layout in (
        SlideLayout("title", "Title", "title", _cover, _cover_parts, (_band, _cover_bar), footer=False),
        SlideLayout(
            "section", "Section", "secHead",
            (
                Placeholder("title", Box(72, 112, 816, 168), "slide-section", "b"),
                Placeholder("subtitle", Box(72, 312, 816, 110), "slide-on-dark", "t"),
            ),
            {"subtitle": "subtitle", "body": "subtitle"},
            (Decoration("accent", Box(72, 292, 96, 6), Palette.ACCENT),),
            background=Palette.PRIMARY,
            footer_colour=Palette.TINT,
        ),
        SlideLayout(
            "body", "Title and Body", "obj",
            (Placeholder("title", TITLE_BOX, "slide-title", "b"), Placeholder("body", BODY_BOX, "body")),
            {"body": "body"},
            _content,
        ),
        SlideLayout(
            "table", "Table", "tbl",
            (Placeholder("title", TITLE_BOX, "slide-title", "b"), Placeholder("table", TABLE_BOX, "table-cell")),
            {},
            _content,
            shows=("cities", "design_cities"),
        ),
        SlideLayout(
            "two-column", "Two Columns", "twoObj",
            (
                Placeholder("title", TITLE_BOX, "slide-title", "b"),
                Placeholder("left", Box(BODY_BOX.x, BODY_BOX.y, _HALF, BODY_BOX.h), "body"),
                Placeholder("right", Box(BODY_BOX.x + _HALF + _GAP, BODY_BOX.y, _HALF, BODY_BOX.h), "body"),
            ),
            {"body": "left", "right": "right"},
            _content,
        ),
        SlideLayout(
            "timeline", "Timeline", "titleOnly",
            (Placeholder("title", TITLE_BOX, "slide-title", "b"),),
            {},
            _content,
            shows=("history",),
            area=Box(BODY_BOX.x, 120, BODY_BOX.w, 352),
        ),
        SlideLayout("closing", "Closing", "title", _cover, _cover_parts, (_band, _cover_bar), footer=False),
    )
}
#: The content blocks a slide can show, and the layout that shows each.
SHOWABLE = {block: layout.key for layout in LAYOUTS.values() for block in layout.shows}
