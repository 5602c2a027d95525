"""The seating chart (配席図) and the attendee list (出席者名簿), from the ordered guest list.

The chart is laid out in its own coordinates (pt from its top-left): tables as outlines, seats as
tinted boxes holding the organisation (its short form, where one is given) and the name, fitted
like a name card. Protocol follows the usual Japanese order: the first guest sits in the middle
of the head table, the second on their left (the viewer's right), the third on their right, and
so on outwards; a head table too long for one row at the narrowest readable seat takes a second
row behind the first. Along the sides, delegations (one member city, or one organisation) sit
together in their order, and alternate as units between the side on the chief guest's left and
the side on their right, nearest the head table first (a delegation goes to the shorter side
when one has run longer, so the two tables stay alike). A seat whose text needs it grows taller
before anything is refused. The chart may continue on another page between rows of seats.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from math import ceil

from ..content.model import Guest, Project
from ..design.geometry import Box
from ..design.seating import (
    GAP,
    MAX_SEAT_HEIGHT,
    MIN_SCALE,
    MIN_SEAT_WIDTH,
    ROW_GAP,
    SEAT_HEIGHT,
    SEAT_WIDTH,
    TABLE_DEPTH,
)
from ..design.theme import Rule, Theme
from ..design.tokens import Colour, Palette
from ..errors import ContentError, Problem
from .fit import factors, fit_stack, scaled
from .measure import SAFETY, stack_height
from .shapes import RectShape, RuleShape, Shape
from .spec import Band, ChartSpec, Column, Run, TableSpec, TextSpec
from .stack import place
from .table import data_table

SEAT_FILLS = {"来賓": Palette.ACCENT_TINT, "参加者": Palette.TINT, "事務局": Palette.PAPER}
#: Room between a seat's edge and its text.
INSET_X, INSET_Y = 2.0, 1.0
LABEL_HEIGHT = 14.0


@dataclass(frozen=True)
class Seat:
    """One guest's seat: where it is, its fitted text and its tint."""

    guest: Guest
    box: Box
    text: tuple[TextSpec, ...]
    fill: Colour


@dataclass(frozen=True)
class SeatingPlan:
    """The whole room: seats, table outlines, labels such as 正面, and where it may be cut."""

    width: float
    height: float
    seats: tuple[Seat, ...]
    tables: tuple[Box, ...]
    labels: tuple[tuple[Box, TextSpec], ...]
    #: Heights (from the top) between rows of seats, where the chart may continue on another page.
    cuts: tuple[float, ...]
    rule: Rule

    def chart(self) -> ChartSpec:
        """The plan as bands between its cuts, ready for the page flow."""
        edges = [0.0, *sorted(cut for cut in self.cuts if 0 < cut < self.height), self.height]
        bands = []
        for top, bottom in itertools.pairwise(edges):
            shapes: list[Shape] = []
            for table in self.tables:
                shapes += _table_part(table, top, bottom, self.rule)
            for seat in self.seats:
                if top <= seat.box.y < bottom:
                    box = Box(seat.box.x, seat.box.y - top, seat.box.w, seat.box.h)
                    shapes.append(RectShape(box, fill=seat.fill, stroke=Rule(0.75, self.rule.colour)))
                    inner = Box(box.x + INSET_X, box.y + INSET_Y, box.w - 2 * INSET_X, box.h - 2 * INSET_Y)
                    shapes += place(seat.text, inner, "ctr")
            for box, text in self.labels:
                if top <= box.y < bottom:
                    shapes += place([text], Box(box.x, box.y - top, box.w, box.h), "ctr")
            bands.append(Band(bottom - top, tuple(shapes)))
        return ChartSpec(self.width, tuple(bands), MIN_SCALE)


def _table_part(table: Box, top: float, bottom: float, rule: Rule) -> list[Shape]:
    """The part of a table's outline inside a band (a side table runs on across bands)."""
    start, end = max(table.y, top), min(table.bottom, bottom)
    if end <= start:
        return []
    line = Rule(0.75, rule.colour)
    y0, y1 = start - top, end - top
    shapes: list[Shape] = [RuleShape(table.x, y0, table.x, y1, line), RuleShape(table.right, y0, table.right, y1, line)]
    if table.y >= top:
        shapes.append(RuleShape(table.x, y0, table.right, y0, line))
    if table.bottom <= bottom:
        shapes.append(RuleShape(table.x, y1, table.right, y1, line))
    return shapes


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


class _Room:
    """Lays out one chart, collecting every guest whose seat cannot be made."""

    def __init__(self, project: Project, theme: Theme, width: float):
        self.project, self.theme, self.width = project, theme, width
        self.seats: list[Seat] = []
        self.tables: list[Box] = []
        self.labels: list[tuple[Box, TextSpec]] = []
        self.cuts: list[float] = []
        self.problems: list[Problem] = []

    def texts(self, guest: Guest) -> list[TextSpec]:
        """The organisation small (its short form, if any), the name (or, not yet known, the title) in bold."""
        main = guest.name or guest.title or guest.organization
        return [TextSpec((Run(guest.brief_organization),), self.theme.style("seat-organization")),
                TextSpec((Run(main, bold=True, keep=bool(guest.name)),), self.theme.style("seat-name"))]

    def need(self, guest: Guest, width: float) -> float:
        """The height a seat `width` pt wide needs for this guest's text (at its smallest sizes if
        it does not fit the usual seat)."""
        texts = self.texts(guest)
        inner = width - 2 * INSET_X
        if fit_stack(texts, inner, SEAT_HEIGHT - 2 * INSET_Y) is not None:
            return SEAT_HEIGHT
        smallest = list(factors(texts))[-1]
        return stack_height([scaled(t, smallest) for t in texts], inner) / SAFETY + 2 * INSET_Y + 1

    def row_height(self, guests: list[Guest], width: float) -> float:
        return min(MAX_SEAT_HEIGHT, max([SEAT_HEIGHT] + [self.need(g, width) for g in guests]))

    def seat(self, guest: Guest, box: Box) -> None:
        texts = self.texts(guest)
        fitted = fit_stack(texts, box.w - 2 * INSET_X, box.h - 2 * INSET_Y)
        if fitted is None:
            where = guest.where_of("organization")
            short = guest.set_hint("short", "add `short:` with a short form of the organisation for the chart",
                                   "add a 略称 column and write a short form of the organisation in it")
            self.problems.append(Problem(
                where.file, where.line, f"{where.path} ({guest.label})" if where.path else guest.label,
                f"an organisation and name that fit a seat of the seating chart ({box.w:.0f} × {box.h:.0f} pt) "
                f"at {self.theme.style('seat-organization').min_size:g} pt or more",
                f"「{guest.brief_organization} {guest.name or guest.title or ''}」", short))
            fitted = texts
        self.seats.append(Seat(guest, box, tuple(fitted), SEAT_FILLS[guest.category]))

    def row(self, guests: list[Guest], top: float, width: float, protocol: bool = True) -> tuple[float, float]:
        """Guests in one row across the room (the first in the middle and the rest alternating
        outwards, or, without protocol, left to right as given): returns the row's span and height."""
        if not guests:
            return 0.0, 0.0
        seat = min(SEAT_WIDTH, (width + GAP) / len(guests) - GAP)
        height = self.row_height(guests, seat)
        span = len(guests) * (seat + GAP) - GAP
        left = self.width / 2 - span / 2
        positions = _centre_out(len(guests)) if protocol else list(range(len(guests)))
        for rank, position in enumerate(positions):
            self.seat(guests[rank], Box(left + position * (seat + GAP), top, seat, height))
        return span, height

    def label(self, text: str, top: float) -> None:
        self.labels.append((Box(0, top, self.width, LABEL_HEIGHT - 2),
                            TextSpec((Run(text),), self.theme.style("seat-label"))))


def _delegations(project: Project, guests: list[Guest]) -> list[list[Guest]]:
    """Guests grouped by delegation, the groups in the order of their first member."""
    groups: dict[str, list[Guest]] = {}
    for guest in guests:
        groups.setdefault(project.delegation(guest), []).append(guest)
    return list(groups.values())


def _head(room: _Room, head: list[Guest], top: float) -> float:
    """The head table's guests, in as many rows as the narrowest readable seat needs (the first
    ranks in the front row, next to the table), then the table; returns the height used."""
    if not head:
        return top
    per_row = max(1, int((room.width + GAP) // (MIN_SEAT_WIDTH + GAP)))
    for rows in range(ceil(len(head) / per_row), len(head) + 1):  # more rows make wider seats
        size = ceil(len(head) / rows)
        seat = min(SEAT_WIDTH, (room.width + GAP) / size - GAP)
        if all(room.need(guest, seat) <= MAX_SEAT_HEIGHT for guest in head) or seat >= SEAT_WIDTH:
            break
    chunks = [head[start:start + size] for start in range(0, len(head), size)]
    spans = []
    for chunk in reversed(chunks):  # back rows first, from the top down
        span, height = room.row(chunk, top, room.width)
        spans.append(span)
        top += height + GAP
    top += 2 - GAP
    span = spans[-1]
    room.tables.append(Box(room.width / 2 - span / 2, top, span, TABLE_DEPTH))
    return top + TABLE_DEPTH


def _u_shape(room: _Room, sides: list[Guest], top: float) -> float:
    """Two side tables below the head table, seats outside them, nearest the head table first:
    delegations alternate between the chief guest's left (the viewer's right) and right."""
    if not sides:
        return top
    right: list[Guest] = []
    left: list[Guest] = []
    for index, group in enumerate(_delegations(room.project, sides)):
        # alternately, unless one side has run longer: the two side tables stay about as long
        shorter = right if len(right) < len(left) else left if len(left) < len(right) else None
        (shorter if shorter is not None else right if index % 2 == 0 else left).extend(group)
    inner = room.width - 2 * (SEAT_WIDTH + TABLE_DEPTH + 8)
    centre = room.width / 2
    columns = ((centre - inner / 2, left), (centre + inner / 2 - TABLE_DEPTH, right))
    y = top
    for row in range(max(len(left), len(right))):
        pair = [group[row] for _x, group in columns if row < len(group)]
        height = room.row_height(pair, SEAT_WIDTH)
        for column, group in columns:
            if row < len(group):
                x = column - SEAT_WIDTH - 2 if column < centre else column + TABLE_DEPTH + 2
                room.seat(group[row], Box(x, y, SEAT_WIDTH, height))
        y += height + GAP
        if row < max(len(left), len(right)) - 1:
            room.cuts.append(y - GAP / 2)
    for column, _group in columns:
        room.tables.append(Box(column, top, TABLE_DEPTH, y - GAP - top))
    return y - GAP


def _classroom_rows(room: _Room, sides: list[Guest], per_row: int) -> list[list[Guest]]:
    """Rows of seats front to back: a delegation kept in one row where it fits in a row (else it
    fills the row it starts in and goes on in the next), each row's delegations placed from the
    middle outwards (the first in the middle, the next to its right)."""
    rows: list[list[list[Guest]]] = [[]]
    for group in _delegations(room.project, sides):
        remaining = group
        while remaining:
            free = per_row - sum(map(len, rows[-1]))
            if len(remaining) <= free:
                rows[-1].append(remaining)
                break
            if free == 0 or len(remaining) <= per_row:
                rows.append([])  # whole on the next row
                continue
            rows[-1].append(remaining[:free])
            remaining = remaining[free:]
            rows.append([])
    arranged = []
    for groups in rows:
        line: list[Guest] = []
        for index, group in enumerate(groups):
            # the first in the middle, then outwards: to the viewer's right, then left, in turn
            line = line + group if index % 2 == 0 else list(reversed(group)) + line
        arranged.append(line)
    return [row for row in arranged if row]


def _classroom(room: _Room, sides: list[Guest], top: float) -> float:
    """Rows of tables facing the head table, each row's table in front of its seats."""
    per_row = max(2, int((room.width + GAP) // (SEAT_WIDTH + GAP)))
    y = top
    rows = _classroom_rows(room, sides, per_row)
    for number, row in enumerate(rows):
        span = (SEAT_WIDTH + GAP) * len(row) - GAP
        room.tables.append(Box(room.width / 2 - span / 2, y, span, TABLE_DEPTH - 6))
        y += TABLE_DEPTH - 6 + 2
        _span, height = room.row(row, y, room.width, protocol=False)
        y += height + ROW_GAP
        if number < len(rows) - 1:
            room.cuts.append(y - ROW_GAP / 2)
    return y - ROW_GAP if rows else top


def seating_plan(project: Project, theme: Theme, width: float) -> SeatingPlan:
    """The room as handout.yaml's seating layout describes it, the guests in their order; a
    ContentError names every guest whose seat cannot be made."""
    guests = project.ordered_guests()
    head = [g for g in guests if g.place == "head"]
    sides = [g for g in guests if g.place == "side"]
    foot = [g for g in guests if g.place == "foot"]
    room = _Room(project, theme, width)
    room.label("正面", 0)
    top = _head(room, head, LABEL_HEIGHT + 4)
    room.cuts.append(top + ROW_GAP / 2)
    top += ROW_GAP
    bottom = _u_shape(room, sides, top) if project.handout.seating.layout == "u-shape" else _classroom(room, sides, top)
    if foot:
        room.cuts.append(bottom + 4)
        foot_top = bottom + 10 + LABEL_HEIGHT
        room.label("事務局席", foot_top - LABEL_HEIGHT)
        per_row = max(1, int((width + GAP) // (SEAT_WIDTH + GAP)))
        for start in range(0, len(foot), per_row):
            _span, height = room.row(foot[start:start + per_row], foot_top, width)
            foot_top += height + GAP
        bottom = foot_top - GAP
    if room.problems:
        raise ContentError(room.problems)
    return SeatingPlan(width, bottom + 4, tuple(room.seats), tuple(room.tables), tuple(room.labels),
                       tuple(room.cuts), theme.row_rule)


def attendee_table(project: Project, theme: Theme) -> TableSpec:
    """出席者名簿: 区分, 所属, 役職, 氏名 (with the honorific lists print), in card order."""
    guests = project.ordered_guests()
    return data_table(
        [Column("区分"), Column("所属"), Column("役職"), Column("氏名")],
        [[g.category, g.organization, g.title or "", (Run(g.listed_name, keep=True),) if g.name else ""]
         for g in guests],
        theme,
        note="氏名の空欄は、確定後に記入します。" if any(not g.name for g in guests) else None,
        sources=[g.where for g in guests],
    )
