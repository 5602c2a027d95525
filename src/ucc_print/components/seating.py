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
from ..design.slides import Box
from ..design.theme import Theme
from ..design.tokens import Colour, Palette
from ..errors import ContentError, Problem
from .fit import fit_stack
from .spec import Column, Run, TableSpec, TextSpec
from .table import data_table

SEAT_W, SEAT_H, GAP, TABLE_DEPTH = 112.0, 40.0, 6.0, 18.0
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

    def seat(self, guest: Guest, x: float, y: float) -> None:
        """A seat box: the organisation small, the name (or, not yet known, the title) in bold."""
        small = self.theme.style("seat-organization")
        big = self.theme.style("seat-name")
        main = guest.name or guest.title or guest.organization
        text = [TextSpec((Run(guest.organization),), small), TextSpec((Run(main, bold=True),), big)]
        box = Box(x, y, SEAT_W, SEAT_H)
        fitted = fit_stack(text, box.w - 4, box.h - 2)
        if fitted is None:
            where = guest.where
            self.problems.append(Problem(where.file, where.line, f"{where.path} ({guest.label})",
                                         "an organisation and name that fit a seat of the seating chart",
                                         f"「{guest.organization} {main}」", "shorten the organisation"))
            fitted = text
        self.seats.append(SeatSpec(box, fitted, SEAT_FILLS[guest.category]))  # type: ignore[arg-type]


def seating_chart(project: Project, theme: Theme, width: float) -> SeatingSpec:
    """The room as handout.yaml's seating layout describes it, the guests in their order."""
    guests = project.guests.ordered([city.city for city in project.cities.cities])
    head = [g for g in guests if g.place == "head"]
    sides = [g for g in guests if g.place == "side"]
    foot = [g for g in guests if g.place == "foot"]
    chart = _Chart(theme)
    label = theme.style("seat-label")
    labels: list[tuple[Box, TextSpec]] = []
    tables: list[Box] = []
    centre = width / 2
    head_width = max(len(head), 1) * (SEAT_W + GAP) - GAP
    if head_width > width:
        fits = int((width + GAP) // (SEAT_W + GAP))
        raise ContentError([Problem(head[0].where.file, None, "seat", f"at most {fits} guests at the head table",
                                    f"{len(head)} (来賓 and seat: head)", "seat some of them at the side (seat: side)")])
    labels.append((Box(0, 0, width, 14), TextSpec((Run("正面"),), label)))
    top = 18.0
    for rank, position in enumerate(_centre_out(len(head))):
        chart.seat(head[rank], centre - head_width / 2 + position * (SEAT_W + GAP), top)
    tables.append(Box(centre - head_width / 2, top + SEAT_H + 2, head_width, TABLE_DEPTH))
    body_top = top + SEAT_H + TABLE_DEPTH + 16
    if project.handout.seating.layout == "u-shape":
        left = sides[1::2]   # the chief guest's right: the viewer's left
        right = sides[0::2]  # the chief guest's left: the viewer's right, first in rank
        rows = max(len(left), len(right), 1)
        side_height = rows * (SEAT_H + GAP) - GAP
        inner = min(head_width, width - 2 * (SEAT_W + TABLE_DEPTH + 8))
        for column, group in ((centre - inner / 2, left), (centre + inner / 2 - TABLE_DEPTH, right)):
            tables.append(Box(column, body_top, TABLE_DEPTH, side_height))
            outside = column - SEAT_W - 2 if column < centre else column + TABLE_DEPTH + 2
            for row, guest in enumerate(group):
                chart.seat(guest, outside, body_top + row * (SEAT_H + GAP))
        bottom = body_top + side_height
    else:  # classroom: tables of two facing the head table, row by row
        per_row = max(1, int((width + GAP) // (2 * SEAT_W + 3 * GAP)))
        rows = (len(sides) + 2 * per_row - 1) // (2 * per_row) or 1
        pitch_x = (width + GAP) / per_row
        for index, guest in enumerate(sides):
            row, slot = divmod(index, 2 * per_row)
            table_index, seat_in_table = divmod(slot, 2)
            x = table_index * pitch_x + seat_in_table * (SEAT_W + GAP)
            y = body_top + row * (SEAT_H + TABLE_DEPTH + 14)
            chart.seat(guest, x, y)
            if seat_in_table == 0:
                tables.append(Box(x, y + SEAT_H + 2, 2 * SEAT_W + GAP, TABLE_DEPTH - 6))
        bottom = body_top + rows * (SEAT_H + TABLE_DEPTH + 14) - 14
    if foot:
        foot_top = bottom + 24
        labels.append((Box(0, foot_top - 14, width, 12), TextSpec((Run("事務局席"),), label)))
        foot_width = len(foot) * (SEAT_W + GAP) - GAP
        for index, guest in enumerate(foot):
            chart.seat(guest, centre - foot_width / 2 + index * (SEAT_W + GAP), foot_top)
        bottom = foot_top + SEAT_H
    if chart.problems:
        raise ContentError(chart.problems)
    return SeatingSpec(width, bottom + 4, tuple(tables), tuple(chart.seats), tuple(labels), theme.row_rule.colour)


def attendee_table(project: Project, theme: Theme) -> TableSpec:
    """出席者名簿: 区分, 所属, 役職, 氏名, in the order the cards print."""
    guests = project.guests.ordered([city.city for city in project.cities.cities])
    return data_table(
        [Column("区分", 0.12), Column("所属", 0.36), Column("役職", 0.3), Column("氏名", 0.22)],
        [[g.category, g.organization, g.title or "", g.name or ""] for g in guests],
        theme,
        note="氏名の空欄は、確定後に記入します。" if any(not g.name for g in guests) else None,
    )
