"""Themes: the token choices for one medium, resolved into named text styles and rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .fonts import FAMILIES
from .tokens import (
    A4_FORM,
    A4_LANDSCAPE,
    A4_LETTER,
    A4_PORTRAIT,
    PRINT_SCALE,
    SCREEN_SCALE,
    Colour,
    PageGrid,
    Palette,
    Space,
    TypeScale,
)


@dataclass(frozen=True)
class TextStyle:
    """Everything needed to set a paragraph: family, size, leading, colour, alignment, spacing."""

    family: str
    size: float
    leading: float
    colour: Colour = Palette.INK
    align: str = "justify"  #: justify, left, center or right
    bold: bool = False
    first_indent: float = 0.0  #: 字下げ of a paragraph's first line, in pt
    space_before: float = 0.0
    space_after: float = 0.0
    #: The smallest size copy-fitting may shrink this style to (0: it may not shrink).
    min_size: float = 0.0
    #: Break Japanese at phrase boundaries (BudouX) where the line allows: for titles and headings.
    phrases: bool = False

    def face(self, bold: bool = False) -> str:
        """Font face key for a run (bold runs, or a bold style, take the family's bold face)."""
        return FAMILIES[self.family].face(bold or self.bold)

    def but(self, **changes: Any) -> TextStyle:
        """A copy with some attributes changed (made tens of thousands of times while fitting:
        copied directly, dataclasses.replace's checks being most of its cost)."""
        unknown = changes.keys() - self.__dict__.keys()
        if unknown:
            raise TypeError(f"TextStyle has no {', '.join(sorted(unknown))}")
        copy = object.__new__(TextStyle)
        copy.__dict__.update(self.__dict__, **changes)
        return copy

    def scaled(self, size: float) -> TextStyle:
        """The same style at another size, leading and spacing in proportion."""
        factor = size / self.size
        return self.but(size=size, leading=self.leading * factor, first_indent=self.first_indent * factor,
                        space_before=self.space_before * factor, space_after=self.space_after * factor)


@dataclass(frozen=True)
class Rule:
    """A stroked line: width in pt and colour."""

    width: float
    colour: Colour


#: A rule not drawn (a table set without lines, as a letter's 記 is).
NO_RULE = Rule(0.0, Palette.PAPER)


@dataclass(frozen=True)
class Theme:
    """Token choices for one medium (A4 handout, 16:9 slides …)."""

    name: str
    scale: TypeScale
    styles: dict[str, TextStyle] = field(default_factory=dict)
    #: The page, for paged media (slides take their geometry from design/slides.py).
    grid: PageGrid | None = None
    #: Cell padding of tables and key-value blocks.
    cell_pad_x: float = Space.M
    cell_pad_y: float = Space.S
    frame_rule: Rule = Rule(1.0, Palette.PRIMARY)
    row_rule: Rule = Rule(0.5, Palette.RULE)
    header_fill: Colour = Palette.PRIMARY
    key_fill: Colour = Palette.TINT
    band_fill: Colour = Palette.TINT
    emphasis_fill: Colour = Palette.ACCENT_TINT
    heading_bar: Rule = Rule(4.0, Palette.PRIMARY)

    def style(self, role: str) -> TextStyle:
        """The text style for a role such as "body" or "table-header"."""
        return self.styles[role]

    @property
    def page_grid(self) -> PageGrid:
        """The grid of a paged theme; asking a slide theme for one is a programming error."""
        if self.grid is None:
            raise TypeError(f"the {self.name} theme has no page grid")
        return self.grid


def _print_styles(s: TypeScale) -> dict[str, TextStyle]:
    """Text roles of the A4 handout."""
    body = TextStyle("pgothic", s.body, s.body * s.leading, space_after=Space.S)
    tight = s.tight
    return {
        "body": body,
        "prose": body.but(family="pmincho", size=s.body + 0.5, leading=(s.body + 0.5) * 1.8,
                          first_indent=s.body + 0.5, space_after=Space.XS),
        "small": body.but(size=s.small, leading=s.small * 1.6, space_after=0),
        "caption": body.but(size=s.caption, leading=s.caption * 1.5, colour=Palette.MUTED,
                            align="left", space_after=0, space_before=Space.S),
        "bullet": body.but(space_after=Space.XS),
        "kicker": body.but(size=s.lead, leading=s.lead * tight, colour=Palette.PRIMARY, bold=True,
                           align="left", space_after=Space.S),
        "title": body.but(size=s.title, leading=s.title * 1.3, bold=True, align="left",
                          space_after=Space.M, phrases=True, min_size=s.h1 - 2),
        "subtitle": body.but(size=s.h2, leading=s.h2 * tight, colour=Palette.MUTED, align="left",
                             space_after=Space.XL),
        "h1": body.but(size=s.h1, leading=s.h1 * tight, bold=True, align="left",
                       space_before=Space.XL, space_after=Space.L, phrases=True),
        "h2": body.but(size=s.h2, leading=s.h2 * tight, bold=True, align="left",
                       colour=Palette.PRIMARY, space_before=Space.XL, space_after=Space.M, phrases=True),
        "h3": body.but(size=s.h3, leading=s.h3 * tight, bold=True, align="left",
                       space_before=Space.M, space_after=Space.S, phrases=True),
        "table-header": body.but(size=s.body, leading=s.body * tight, bold=True, align="left",
                                 colour=Palette.PAPER, space_after=0, phrases=True),
        "table-cell": body.but(leading=s.body * 1.5, align="left", space_after=0),
        #: A long 次第 is set smaller, down to the body size, to keep the cover on one page.
        "agenda": body.but(size=s.lead, leading=s.lead * 1.6, align="left", space_after=0, min_size=s.body),
        "key": body.but(leading=s.body * 1.5, bold=True, align="left", space_after=0, phrases=True),
        "value": body.but(leading=s.body * 1.5, space_after=0),
        "seat-organization": body.but(size=s.small, leading=s.small * 1.2, align="center", space_after=0,
                                      min_size=5.5, phrases=True),
        "seat-name": body.but(size=s.body, leading=s.body * 1.25, align="center", space_after=0, min_size=7,
                              phrases=True),
        "seat-label": body.but(size=s.small, leading=s.small * 1.3, colour=Palette.MUTED, align="center",
                               space_after=0),
        "running": body.but(size=s.small - 1, leading=(s.small - 1) * tight, colour=Palette.MUTED,
                            align="left", space_after=0),
    }


HANDOUT = Theme("handout", PRINT_SCALE, _print_styles(PRINT_SCALE), grid=A4_PORTRAIT)


def _form_styles(s: TypeScale) -> dict[str, TextStyle]:
    """A one-page form (the press release): the handout's roles, set a little tighter."""
    styles = _print_styles(s)
    return styles | {
        "key": styles["key"].but(leading=s.body * 1.4),
        #: 概要 may be set down to 8.5 pt before a release needs its separate sheet.
        "value": styles["value"].but(leading=s.body * 1.4, min_size=8.5),
        "h1": styles["h1"].but(space_before=Space.S, space_after=Space.M),
    }


RELEASE = Theme("release", PRINT_SCALE, _form_styles(PRINT_SCALE), grid=A4_FORM, cell_pad_y=Space.XS + 1)
#: The reply form (出欠回答票): the release's form on an A4 page of its own.
REPLY_FORM = Theme("reply form", PRINT_SCALE, _form_styles(PRINT_SCALE) | {
    #: A line to write on by hand: 10 mm apart.
    "write": _form_styles(PRINT_SCALE)["value"].but(size=11, leading=28.35, align="left"),
}, grid=A4_FORM, cell_pad_y=Space.S)
#: The reception list: the handout's roles across an A4 page, for its many columns.
RECEPTION = Theme("reception", PRINT_SCALE, _print_styles(PRINT_SCALE), grid=A4_LANDSCAPE)


def _letter_styles(s: TypeScale) -> dict[str, TextStyle]:
    """An official letter (公用文): Mincho at 10.5 pt, as city letters are set; the subject in Gothic."""
    styles = _print_styles(s)
    body = styles["prose"].but(size=10.5, leading=10.5 * 1.75, first_indent=10.5, space_after=0)
    plain = body.but(first_indent=0, align="left")
    return styles | {
        "body": plain,
        "prose": body,
        "addressee": plain.but(size=12, leading=12 * 1.6, phrases=True),
        "subject": styles["h3"].but(align="center", space_before=Space.XL, space_after=Space.L),
        "value": plain.but(leading=10.5 * 1.6),
        "key": plain.but(leading=10.5 * 1.6, phrases=True),
        "agenda": plain.but(leading=10.5 * 1.6),
        "caption": styles["caption"].but(family="pmincho", colour=Palette.INK, size=9.5, leading=9.5 * 1.6),
    }


LETTER = Theme("letter", PRINT_SCALE, _letter_styles(PRINT_SCALE), grid=A4_LETTER, cell_pad_x=Space.S, cell_pad_y=0.0)


def _slide_styles(s: TypeScale) -> dict[str, TextStyle]:
    """Text roles of 16:9 slides (PowerPoint and slides.pdf alike), picked from the same modular
    scale as paper. Shared components use the same role names as on paper (body, bullet,
    table-cell …), so they render on both."""
    body = TextStyle("pgothic", s.step(0), s.step(0) * s.leading, align="left", space_after=Space.M, min_size=16)
    table = body.but(size=s.step(-1), leading=s.step(-1) * 1.25, space_after=0, min_size=14)
    title = body.but(size=s.step(2), leading=s.step(2) * s.tight, bold=True, colour=Palette.PRIMARY,
                     space_after=0, min_size=24, phrases=True)
    small = body.but(size=s.step(-3), leading=s.step(-3) * 1.3, colour=Palette.MUTED, space_after=0, min_size=0)
    return {
        "body": body,
        "bullet": body.but(space_after=Space.S),
        "h3": body.but(bold=True, colour=Palette.PRIMARY, space_after=Space.S, phrases=True),
        "value": table,
        "key": table.but(bold=True, phrases=True),
        "table-cell": table,
        "table-header": table.but(bold=True, colour=Palette.PAPER, phrases=True),
        "caption": small.but(space_before=Space.XS, min_size=10),
        "slide-title": title,
        "slide-cover": title.but(size=s.step(3), leading=s.step(3) * s.tight, min_size=30),
        "slide-section": title.but(size=s.step(3), leading=s.step(3) * s.tight, colour=Palette.PAPER, min_size=30),
        "slide-subtitle": body.but(size=s.step(0), colour=Palette.MUTED, space_after=Space.XS),
        "slide-on-dark": body.but(size=s.step(-1), leading=s.step(-1) * s.leading, colour=Palette.PAPER,
                                  space_after=0, min_size=14),
        "slide-footer": small.but(size=s.step(-4), leading=s.step(-4) * s.tight),
        "slide-year": title.but(size=s.step(0), leading=s.step(0) * s.tight, align="right", min_size=16,
                                phrases=False),
        "slide-milestone": title.but(size=s.step(-1), leading=s.step(-1) * 1.25, colour=Palette.INK,
                                     space_after=Space.XS, min_size=14),
        "slide-milestone-detail": small.but(size=s.step(-2), leading=s.step(-2) * 1.25, min_size=12),
        "notes": body.but(size=12, leading=12 * 1.5, space_after=Space.S, min_size=0),
    }


SLIDES = Theme("slides", SCREEN_SCALE, _slide_styles(SCREEN_SCALE), cell_pad_x=Space.M, cell_pad_y=Space.S)


def _card_styles(s: TypeScale, name_step: int, floors: dict[str, float]) -> dict[str, TextStyle]:
    """Text roles of a name card; the floors are the smallest readable size of each part."""
    base = TextStyle("pgothic", s.step(0), s.step(0) * 1.25, align="center", space_after=0)
    name = s.step(name_step)
    return {
        "card-organization": base.but(min_size=floors["organization"], phrases=True),
        "card-title": base.but(size=s.step(-1), leading=s.step(-1) * 1.25, min_size=floors["title"], phrases=True),
        "card-reading": base.but(size=s.step(-2), leading=s.step(-2) * 1.2, colour=Palette.MUTED,
                                 min_size=floors["reading"]),
        "card-name": base.but(size=name, leading=name * 1.15, bold=True, min_size=floors["name"]),
        "card-event": base.but(size=floors["event"] + 1, leading=(floors["event"] + 1) * 1.2, colour=Palette.MUTED,
                               min_size=floors["event"], align="left", phrases=True),
    }


#: Tent cards read across a meeting table: a 24 pt base, the name six steps up (72 pt).
TENT_CARDS = Theme("tent cards", TypeScale(base=24, leading=1.25, tight=1.15), _card_styles(
    TypeScale(base=24, leading=1.25, tight=1.15), 6,
    {"organization": 14, "title": 12, "reading": 10, "name": 24, "event": 10}))
#: Badges read at arm's length: a 9 pt base, the name five steps up (22.5 pt).
BADGES = Theme("badges", TypeScale(base=9, leading=1.25, tight=1.15), _card_styles(
    TypeScale(base=9, leading=1.25, tight=1.15), 5,
    {"organization": 6.5, "title": 6, "reading": 5.5, "name": 11, "event": 5.5}))
