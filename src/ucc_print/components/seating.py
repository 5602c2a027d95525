"""The seating chart (配席図) and the attendee list (出席者名簿), from the ordered guest list.

The chart is drawn in its own coordinates (pt from its top-left): tables as outlines, seats as
tinted boxes holding the organisation and the name, fitted like a name card. Protocol follows
the usual Japanese order: the first guest sits in the middle of the head table, the second on
their left (the viewer's right), the third on their right, and so on outwards; along the sides,
rank alternates between the side on the chief guest's left and the side on their right,
nearest the head table first.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import Guest, Project
from ..design.geometry import Box
from ..design.seating import (
    GAP,
    MIN_SEAT_WIDTH,
    ROW_GAP,
    SEAT_HEIGHT,
    SEAT_WIDTH,
    TABLE_DEPTH,
)
from ..design.theme import Theme
from ..design.tokens import Colour, Palette
from ..errors import ContentError, Problem
from .fit import fit_stack
from .spec import Column, Run, TableSpec, TextSpec
from .table import data_table

SEAT_FILLS = {"来賓": Palette.ACCENT_TINT, "参加者": Palette.TINT, "事務局": Palette.PAPER}


@dataclass(frozen=True)
class SeatSpec:
    box: Box
    text: list[TextSpec]
    fill: Colour


@dataclass(frozen=True)
class SeatingSpec:
    """Everything the chart draws: table outlines, seats, and labels such as 正面."""

    width: float
    height: float
    tables: tuple[Box, ...]
    seats: tuple[SeatSpec, ...]
    labels: tuple[tuple[Box, TextSpec], ...]
    rule_colour: Colour = Palette.RULE


def _centre_out(count: int) -> list[int]:
    """Positions 0…count-1 (left to right as drawn) in order of rank: middle, viewer's right, left …"""
    if count == 0:
        return []
    middle = (count - 1) // 2
    order, step = [middle], 1
    while len(order) < count:
        for position in (middle + step, middle - step):
            if 0 <= position < count and len(order) < count:
                order.append(position)
        step += 1
    return order


class _Chart:
    def __init__(self, theme: Theme):
        self.theme = theme
        self.seats: list[SeatSpec] = []
        self.problems: list[Problem] = []

    def seat(self, guest: Guest, x: float, y: float, width: float = SEAT_WIDTH) -> None:
        """A seat box: the organisation small, the name (or, not yet known, the title) in bold."""
        small = self.theme.style("seat-organization")
        big = self.theme.style("seat-name")
        main = guest.name or guest.title or guest.organization
        text = [TextSpec((Run(guest.organization),), small), TextSpec((Run(main, bold=True),), big)]
        box = Box(x, y, width, SEAT_HEIGHT)
        fitted = fit_stack(text, box.w - 4, box.h - 2)
        if fitted is None:
            where = guest.where_of("organization")
            self.problems.append(Problem(where.file, where.line, f"{where.path} ({guest.label})",
                                         "an organisation and name that fit a seat of the seating chart",
                                         f"「{guest.organization} {main}」", "shorten the organisation"))
            fitted = text
        self.seats.append(SeatSpec(box, fitted, SEAT_FILLS[guest.category]))  # type: ignore[arg-type]

    def row(self, guests: list[Guest], centre: float, top: float, width: float) -> float:
        """Guests in one row, the first in the middle and the rest alternating outwards; returns
        the row's width."""
        if not guests:
            return 0.0
        seat = min(SEAT_WIDTH, (width + GAP) / len(guests) - GAP)
        span = len(guests) * (seat + GAP) - GAP
        for rank, position in enumerate(_centre_out(len(guests))):
            self.seat(guests[rank], centre - span / 2 + position * (seat + GAP), top, seat)
        return span


def _too_many(guest: Guest, what: str, count: int, limit: int, hint: str) -> ContentError:
    where = guest.where_of("seat")
    return ContentError([Problem(where.file, where.line, where.path, f"at most {limit} {what}",
                                 f"{count}", hint)])


def seating_chart(project: Project, theme: Theme, width: float) -> SeatingSpec:
    """The room as handout.yaml's seating layout describes it, the guests in their order."""
    guests = project.ordered_guests()
    head = [g for g in guests if g.place == "head"]
    sides = [g for g in guests if g.place == "side"]
    foot = [g for g in guests if g.place == "foot"]
    fits = int((width + GAP) // (MIN_SEAT_WIDTH + GAP))
    if len(head) > fits:
        raise _too_many(head[fits], "guests at the head table", len(head), fits,
                        "seat some of them at the side (seat: side)")
    chart = _Chart(theme)
    label = theme.style("seat-label")
    labels: list[tuple[Box, TextSpec]] = [(Box(0, 0, width, 14), TextSpec((Run("正面"),), label))]
    tables: list[Box] = []
    centre, top = width / 2, 18.0
    if head:
        span = chart.row(head, centre, top, width)
        tables.append(Box(centre - span / 2, top + SEAT_HEIGHT + 2, span, TABLE_DEPTH))
        top += SEAT_HEIGHT + TABLE_DEPTH + 2
    top += ROW_GAP
    if project.handout.seating.layout == "u-shape":
        bottom = _u_shape(chart, sides, tables, width, top)
    else:
        bottom = _classroom(chart, sides, tables, width, top)
    if foot:
        foot_top = bottom + 24
        labels.append((Box(0, foot_top - 14, width, 12), TextSpec((Run("事務局席"),), label)))
        per_row = int((width + GAP) // (SEAT_WIDTH + GAP))
        for start in range(0, len(foot), per_row):
            chart.row(foot[start:start + per_row], centre, foot_top, width)
            foot_top += SEAT_HEIGHT + GAP
        bottom = foot_top - GAP
    if chart.problems:
        raise ContentError(chart.problems)
    return SeatingSpec(width, bottom + 4, tuple(tables), tuple(chart.seats), tuple(labels), theme.row_rule.colour)


def _u_shape(chart: _Chart, sides: list[Guest], tables: list[Box], width: float, top: float) -> float:
    """Two side tables below the head table, seats outside them, nearest the head table first:
    rank alternates between the chief guest's left (the viewer's right) and right."""
    if not sides:
        return top
    centre = width / 2
    left, right = sides[1::2], sides[0::2]
    rows = max(len(left), len(right))
    side_height = rows * (SEAT_HEIGHT + GAP) - GAP
    inner = width - 2 * (SEAT_WIDTH + TABLE_DEPTH + 8)
    for column, group in ((centre - inner / 2, left), (centre + inner / 2 - TABLE_DEPTH, right)):
        tables.append(Box(column, top, TABLE_DEPTH, side_height))
        outside = column - SEAT_WIDTH - 2 if column < centre else column + TABLE_DEPTH + 2
        for row, guest in enumerate(group):
            chart.seat(guest, outside, top + row * (SEAT_HEIGHT + GAP))
    return top + side_height


def _classroom(chart: _Chart, sides: list[Guest], tables: list[Box], width: float, top: float) -> float:
    """Rows of tables facing the head table: each row's table in front of its seats, the row
    filled from the middle outwards, the first rows nearest the front."""
    per_row = max(2, int((width + GAP) // (SEAT_WIDTH + GAP)))
    y = top
    for start in range(0, len(sides), per_row):
        row = sides[start:start + per_row]
        span = (SEAT_WIDTH + GAP) * len(row) - GAP
        tables.append(Box(width / 2 - span / 2, y, span, TABLE_DEPTH - 6))
        y += TABLE_DEPTH - 6 + 2
        chart.row(row, width / 2, y, width)
        y += SEAT_HEIGHT + ROW_GAP
    return y - ROW_GAP


def attendee_table(project: Project, theme: Theme) -> TableSpec:
    """出席者名簿: 区分, 所属, 役職, 氏名 (with the honorific lists print), in card order."""
    guests = project.ordered_guests()
    return data_table(
        [Column("区分", 0.12), Column("所属", 0.36), Column("役職", 0.3), Column("氏名", 0.22)],
        [[g.category, g.organization, g.title or "", g.listed_name] for g in guests],
        theme,
        note="氏名の空欄は、確定後に記入します。" if any(not g.name for g in guests) else None,
    )
