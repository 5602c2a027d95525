"""The host city: its mayor, its membership, its design history and whom to contact (host.yaml)."""

from __future__ import annotations

from pydantic import Field

from ..types import JaDate
from .base import Markdown, Strict, Text


class Mayor(Strict):
    title: Text
    #: Left empty until staff fill it in; outputs then print the title alone.
    name: str | None = None


class Membership(Strict):
    field: Text
    field_en: Text
    designated: JaDate
    designated_note: str | None = None
    #: Where the city stands among members of its field, e.g. 国内3都市目.
    standing: str | None = None
    summary: Markdown
    activities: list[Text] = Field(min_length=1)


class Contact(Strict):
    department: Text
    person: Text
    phone: Text = Field(pattern=r"^[0-9０-９\-‐－()（） ]+$")
    fax: str | None = Field(default=None, pattern=r"^[0-9０-９\-‐－()（） ]+$")
    email: Text = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

    def reach(self, phone: bool = True) -> list[str]:
        """How to reach the section, a line each: 電話 0166-…, FAX 0166-… (if any), E-mail ….

        Every output prints these the same way (letters, reply forms, the press release, the order sheet).
        """
        return (([f"電話　{self.phone}"] if phone else []) + ([f"FAX　{self.fax}"] if self.fax else [])
                + [f"E-mail　{self.email}"])


class Milestone(Strict):
    """One step of the host city's design history (the timeline slide)."""

    #: As it should be printed: 1976, 1987–88, 1990〜, 2017年6月.
    year: Text
    title: Text
    detail: str | None = None


class Host(Strict):
    """The host city of this year's meeting (host.yaml)."""

    city: Text
    prefecture: Text
    mayor: Mayor
    membership: Membership
    history: list[Milestone] = []
    contact: Contact
