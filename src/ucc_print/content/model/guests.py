"""Guests (guests.yaml, or an Excel or CSV list): what a card can print, short forms, hints, the usual order."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from ..limits import MAX_NAME, MAX_ORGANIZATION
from .base import Strict, Text, Where

Category = Literal["来賓", "参加者", "事務局"]
#: Where a guest sits in the seating chart: the head table, the sides, the secretariat's seats.
Seat = Literal["head", "side", "foot"]
CATEGORY_RANK = {"来賓": 0, "参加者": 1, "事務局": 2}
DEFAULT_SEAT = {"来賓": "head", "参加者": "side", "事務局": "foot"}


def _printable_length(limit: int, what: str) -> AfterValidator:
    """A check that a text a card or a seat prints is at most `limit` characters long."""
    def check(value: str | None) -> str | None:
        if value is not None and len(value) > limit:
            raise PydanticCustomError("ucc_expected", "expected {expected}, found {found}", {
                "expected": f"{what} of at most {limit} characters (what a name card can print)",
                "found": f"{len(value):,} characters"})
        return value

    return AfterValidator(check)


class Guest(Strict):
    """One person on the guest list, or one seat whose name staff have still to fill in."""

    #: 氏名, family and given name separated by a space. Empty until known: cards then show the organisation.
    name: Annotated[str | None, _printable_length(MAX_NAME, "a name")] = None
    #: ふりがな.
    reading: Annotated[str | None, _printable_length(MAX_NAME, "a reading")] = None
    #: 所属, the official name (lists, tent cards).
    organization: Annotated[Text, _printable_length(MAX_ORGANIZATION, "an organisation")]
    #: 略称: a short form of the organisation where room is tight (seating chart, badges).
    short: Annotated[str | None, _printable_length(MAX_ORGANIZATION, "a short form")] = None
    #: 役職.
    title: Annotated[str | None, _printable_length(MAX_ORGANIZATION, "a title")] = None
    #: 区分.
    category: Category
    #: 敬称 as lists print it (氏); place cards print 様 for it, badges none (GUIDE.md §6).
    honorific: Annotated[str | None, _printable_length(MAX_NAME, "an honorific")] = None
    #: 順番: an explicit position wins over the usual order.
    order: int | None = Field(default=None, ge=1)
    #: 席: where the seating chart puts this guest (default: 来賓 head, 参加者 side, 事務局 foot).
    seat: Seat | None = None

    @property
    def place(self) -> str:
        return self.seat or DEFAULT_SEAT[self.category]

    @property
    def listed_name(self) -> str:
        """北山 浩士 氏: the name with the honorific lists print; empty while the name is not known."""
        if not self.name:
            return ""
        return f"{self.name} {self.honorific}" if self.honorific else self.name

    @property
    def label(self) -> str:
        """How messages name this guest: the name, else the organisation and title."""
        return self.name or " ".join(part for part in (self.organization, self.title) if part)

    @property
    def brief_organization(self) -> str:
        """The organisation where room is tight: its short form if there is one."""
        return self.short or self.organization

    def set_hint(self, field: str, yaml: str, sheet: str) -> str:
        """How to change a field of this guest, in the terms of the file it was written in:
        `short: 国内委員会` in guests.yaml, 略称 in an Excel or CSV list."""
        return sheet if in_sheet(self.where_of(field)) else yaml


def of_city(organization: str, city: str) -> bool:
    """Whether an organisation belongs to a city: its name starts with the city's (鶴岡市 企画部,
    鶴岡市長), not merely contains it (大津市 is not 津市) and is not a body of its own (名古屋市立大学)."""
    return organization.startswith(city) and not organization[len(city):].startswith(("立", "民"))


def in_sheet(where: Where) -> bool:
    """Whether a place is in an Excel or CSV list (its problems then speak of rows and columns)."""
    return where.file.lower().endswith((".xlsx", ".xlsm", ".csv"))


class GuestList(Strict):
    """Guests and participants (guests.yaml, or a CSV / Excel list)."""

    guests: list[Guest] = []

    def of(self, category: str) -> list[Guest]:
        return [g for g in self.guests if g.category == category]

    def ordered(self, cities: list[str]) -> list[Guest]:
        """来賓 first, then the member cities in the table's order, then staff; a guest with an
        explicit `order` takes that position in the list (1 is first), the others keep theirs."""
        def usual(item: tuple[int, Guest]) -> tuple[int, int, int]:
            position, guest = item
            city = next((i for i, name in enumerate(cities) if of_city(guest.organization, name)), len(cities))
            return CATEGORY_RANK[guest.category], city if guest.category == "参加者" else 0, position

        ranked = [guest for _p, guest in sorted(enumerate(self.guests), key=usual)]
        placed = sorted(((g.order, g) for g in ranked if g.order is not None), key=lambda item: item[0])
        rest = [g for g in ranked if g.order is None]
        result: list[Guest] = []
        for order, guest in placed:
            while len(result) < order - 1 and rest:
                result.append(rest.pop(0))
            result.append(guest)
        return result + rest
