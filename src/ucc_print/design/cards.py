"""Name cards: the tent card's panels and the badge, their part boxes, and the sheets they print on.

Boxes are in pt from the card's top-left corner (design/geometry.py's Box). A tent card is A4
portrait folded across the middle: the lower half faces the guest's visitors upright, the upper
half is the same card turned 180°, so the name reads from both sides. Badges are 91 × 55 mm,
ten to an A4 sheet in the layout of the common perforated business-card sheets (two columns of
five, 14 mm side and 11 mm top margins).
"""

from __future__ import annotations

from dataclasses import dataclass

from .geometry import Box
from .units import mm

#: Where each part of a card sits vertically in its box.
ANCHORS = {"organization": "b", "title": "t", "reading": "b", "guest_name": "ctr", "event": "ctr",
           "category": "ctr"}


@dataclass(frozen=True)
class CardLayout:
    """One card face: its size and where each part goes (all text 3 mm or more inside the edge)."""

    name: str
    width: float
    height: float
    organization: Box
    title: Box
    reading: Box
    guest_name: Box
    #: The event's name (on the badge's coloured band, or along the tent card's foot).
    event: Box
    #: The badge's band in the guest's category colour (inset, so a sheet fed a millimetre off
    #: does not put colour on the next card), and where the category is named on it.
    band: Box | None = None
    category: Box | None = None

    def anchor(self, part: str) -> str:
        return ANCHORS[part]

    def box(self, part: str) -> Box:
        """Where a part (organization, title, reading, guest_name, event, category) goes."""
        box: Box = getattr(self, part)
        return box


TENT_PANEL = CardLayout(
    "tent card",
    width=mm(210),
    height=mm(148.5),
    organization=Box(mm(16), mm(14), mm(178), mm(23)),
    title=Box(mm(16), mm(38), mm(178), mm(10)),
    reading=Box(mm(16), mm(53), mm(178), mm(8)),
    guest_name=Box(mm(16), mm(62), mm(178), mm(56)),
    event=Box(mm(16), mm(130), mm(178), mm(6)),
)

BADGE = CardLayout(
    "badge",
    width=mm(91),
    height=mm(55),
    band=Box(mm(3), mm(3), mm(85), mm(6.5)),
    event=Box(mm(5), mm(3.75), mm(63), mm(5)),
    category=Box(mm(69), mm(3.75), mm(17), mm(5)),
    organization=Box(mm(5), mm(11.5), mm(81), mm(8)),
    title=Box(mm(5), mm(20), mm(81), mm(4.5)),
    reading=Box(mm(5), mm(25.5), mm(81), mm(4)),
    guest_name=Box(mm(5), mm(29.5), mm(81), mm(22.5)),
)


@dataclass(frozen=True)
class SheetLayout:
    """Cards on an A4 sheet: where each card's top-left corner goes, in pt from the sheet's top-left."""

    width: float
    height: float
    columns: int
    rows: int
    left: float
    top: float
    card_width: float
    card_height: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def origin(self, index: int) -> tuple[float, float]:
        """Top-left corner of the card at `index` (row by row)."""
        column, row = index % self.columns, index // self.columns
        return self.left + column * self.card_width, self.top + row * self.card_height


BADGE_SHEET = SheetLayout(mm(210), mm(297), 2, 5, mm(14), mm(11), mm(91), mm(55))
#: The tent card's sheet: A4 portrait, folded at half height, the upper half turned 180°.
TENT_SHEET_SIZE = (mm(210), mm(297))
