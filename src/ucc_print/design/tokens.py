"""Design tokens: named colours (CMYK for print, RGB for screens), type scale, spacing, page grids.

Every length is in pt (see units.py). Colours are specified twice on purpose, as a brand guide
does: CMYK percentages for the print shop (text is pure K100, never rich black) and the RGB a screen
shows for the same ink, used by the PPTX backend.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .units import mm


@dataclass(frozen=True)
class Colour:
    """A named colour: CMYK in percent (0–100) and its screen RGB (0–255)."""

    name: str
    cmyk: tuple[float, float, float, float]
    rgb: tuple[int, int, int]

    @property
    def cmyk_unit(self) -> tuple[float, float, float, float]:
        """CMYK as fractions 0–1, as PDF operators take them."""
        c, m, y, k = self.cmyk
        return (c / 100, m / 100, y / 100, k / 100)

    @property
    def hex(self) -> str:
        """RGB as RRGGBB (no #), as DrawingML writes it."""
        return "{:02X}{:02X}{:02X}".format(*self.rgb)


class Palette:
    """The colours of ucc-print documents."""

    #: Body text: K100 only; #231815 is how Japan Color K100 looks on screen.
    INK = Colour("ink", (0, 0, 0, 100), (35, 24, 21))
    #: Secondary text (headers, footers, notes).
    MUTED = Colour("muted", (0, 0, 0, 70), (89, 87, 87))
    PAPER = Colour("paper", (0, 0, 0, 0), (255, 255, 255))
    #: Indigo (藍): headings, table heads, rules.
    PRIMARY = Colour("primary", (100, 70, 15, 10), (0, 75, 140))
    #: Wood (旭川家具): the host city's marker and small accents.
    ACCENT = Colour("accent", (0, 45, 75, 15), (210, 135, 60))
    #: Light indigo for key cells and banded rows.
    TINT = Colour("tint", (10, 4, 0, 0), (230, 238, 248))
    #: Light wood for the emphasised (host) row.
    ACCENT_TINT = Colour("accent-tint", (0, 8, 20, 0), (253, 240, 218))
    #: Hairlines between rows.
    RULE = Colour("rule", (0, 0, 0, 35), (180, 180, 181))


#: One modular ratio (a minor third) for every medium: sizes are base × RATIO ** step.
RATIO = 1.2


@dataclass(frozen=True)
class TypeScale:
    """A modular type scale: a base size for the medium, shared steps, and leading multiples."""

    base: float
    leading: float  #: body leading as a multiple of the size (行送り)
    tight: float  #: heading and table leading multiple

    def step(self, n: int) -> float:
        """The size n steps up (or down) the scale, rounded to half a point."""
        return round(self.base * RATIO ** n * 2) / 2

    caption = property(lambda self: self.step(-2))
    small = property(lambda self: self.step(-1))
    body = property(lambda self: self.step(0))
    lead = property(lambda self: self.step(1))
    h3 = property(lambda self: self.step(1))
    h2 = property(lambda self: self.step(2))
    h1 = property(lambda self: self.step(4))
    title = property(lambda self: self.step(5))


#: A4 print: 10 pt body at 170 % leading.
PRINT_SCALE = TypeScale(base=10, leading=1.7, tight=1.4)
#: 16:9 slides seen from across a room: 24 pt body, tighter leading than paper.
SCREEN_SCALE = TypeScale(base=24, leading=1.4, tight=1.15)


class Space:
    """Spacing steps in pt (a 4 pt rhythm)."""

    XS = 2.0
    S = 4.0
    M = 8.0
    L = 12.0
    XL = 18.0


@dataclass(frozen=True)
class PageGrid:
    """A page: its size, type area margins and where header and footer sit."""

    name: str
    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float
    #: Baseline of the running header, measured down from the top edge.
    header_baseline: float
    #: Baseline of the running footer, measured up from the bottom edge.
    footer_baseline: float

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom


A4_PORTRAIT = PageGrid(
    name="A4",
    width=mm(210),
    height=mm(297),
    top=mm(24),
    bottom=mm(22),
    left=mm(20),
    right=mm(20),
    header_baseline=mm(13),
    footer_baseline=mm(11),
)

#: A4 for a one-page form with no running header or footer (the press release): more type area.
A4_FORM = replace(A4_PORTRAIT, name="A4 form", top=mm(16), bottom=mm(16))

#: A3 landscape, for a seating chart too large for A4 (folded into the A4 handout): A4's margins.
A3_LANDSCAPE = replace(A4_PORTRAIT, name="A3 landscape", width=mm(420), height=mm(297))
#: A3 portrait, for a seating chart that runs long (a U-shaped room of many guests).
A3_PORTRAIT = replace(A4_PORTRAIT, name="A3 portrait", width=mm(297), height=mm(420))
#: A4 landscape, for a list with many columns (the reception list): A4's margins.
A4_LANDSCAPE = replace(A4_PORTRAIT, name="A4 landscape", width=mm(297), height=mm(210))
#: An official letter: A4 upright, a wider left margin for the file's binding, no running header.
A4_LETTER = replace(A4_PORTRAIT, name="A4 letter", top=mm(20), bottom=mm(18), left=mm(25), right=mm(20))
#: Signs: A4 and A3 across, with a margin a wall-mounted sheet keeps clear.
SIGN_A4 = PageGrid("A4 sign", mm(297), mm(210), mm(14), mm(14), mm(14), mm(14), mm(8), mm(8))
SIGN_A3 = PageGrid("A3 sign", mm(420), mm(297), mm(20), mm(20), mm(20), mm(20), mm(10), mm(10))
