"""Print profiles and the sheet a finished page sits on: trim, bleed, room for trim marks.

`office` prints on any A4 office printer: the page is the finished size. `shop` is what a print
shop takes: the finished size as TrimBox, 3 mm of bleed on every side (BleedBox), and a MediaBox
large enough to hold Japanese trim marks (トンボ) outside the bleed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .geometry import Box
from .units import mm


@dataclass(frozen=True)
class Profile:
    name: str
    bleed: float
    #: Width of the zone outside the bleed that holds the trim marks.
    marks: float

    @property
    def margin(self) -> float:
        """From the media's edge to the trim."""
        return self.bleed + self.marks

    @property
    def shop(self) -> bool:
        return self.bleed > 0


OFFICE = Profile("office", 0.0, 0.0)
SHOP = Profile("shop", mm(3), mm(13))
#: The standard print-shop files meet (its Info keys' values), and the characterised printing
#: condition of Japanese offset printing on coated paper, registered at color.org.
PDFX_VERSION, PDFX_CONFORMANCE = "PDF/X-1:2001", "PDF/X-1a:2001"
OUTPUT_CONDITION, OUTPUT_CONDITION_ID = "Japan Color 2001 Coated", "JC200103"
#: Length of each trim mark, and the hairline they are drawn with (0.1 mm).
MARK_LENGTH, MARK_LINE = mm(10), mm(0.1)


@dataclass(frozen=True)
class Sheet:
    """A finished page of `width` × `height` pt, as it sits on its medium in a profile."""

    width: float
    height: float
    profile: Profile = OFFICE
    #: Where the finished page folds, in pt below its top edge (a tent card: half its height).
    folds: tuple[float, ...] = ()

    @property
    def offset(self) -> float:
        """The trim's lower-left corner, from the media's, on both axes."""
        return self.profile.margin

    @property
    def media(self) -> tuple[float, float]:
        return self.width + 2 * self.offset, self.height + 2 * self.offset

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        return self.offset, self.offset, self.offset + self.width, self.offset + self.height

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.trim_box
        b = self.profile.bleed
        return x0 - b, y0 - b, x1 + b, y1 + b

    @property
    def boxes(self) -> dict[str, tuple[float, float, float, float]]:
        """reportlab's trimBox and bleedBox arguments (none for the office)."""
        return {"trimBox": self.trim_box, "bleedBox": self.bleed_box} if self.profile.shop else {}

    def bled(self, box: Box) -> Box:
        """A box (from the page's top-left) grown into the bleed on every side that touches the trim."""
        b, eps = self.profile.bleed, 0.01
        left = b if box.x <= eps else 0.0
        top = b if box.y <= eps else 0.0
        right = b if box.right >= self.width - eps else 0.0
        bottom = b if box.bottom >= self.height - eps else 0.0
        return Box(box.x - left, box.y - top, box.w + left + right, box.h + top + bottom)


#: Finished sizes (width × height in mm, either way round) by the name a Japanese shop uses.
SIZE_NAMES = {(210, 297): "A4", (148, 210): "A5", (297, 420): "A3", (182, 257): "B5", (257, 364): "B4",
              (55, 91): "名刺判"}


def size_text(width_mm: float, height_mm: float) -> str:
    """A4（210 × 297 mm）, 名刺判（91 × 55 mm）, or just the millimetres."""
    exact = f"{width_mm:g} × {height_mm:g} mm"
    short, long = sorted((round(width_mm), round(height_mm)))
    name = SIZE_NAMES.get((short, long))
    close = name and abs(width_mm - round(width_mm)) < 0.2 and abs(height_mm - round(height_mm)) < 0.2
    orientation = "" if not close or name == "名刺判" else ("横" if width_mm > height_mm else "")
    return f"{name}{orientation}（{exact}）" if close else exact
