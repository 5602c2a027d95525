"""The meeting kit's own content: invitation letters (letters.yaml), signs (signs.yaml) and the
world's creative cities of the host's field (design_cities.yaml). Each holds only what nothing
else says; dates, venue, agenda, names and contact come from the other files."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from ..types import JaDate, Year
from .base import Markdown, Strict, Text

#: 通知 tells (a notice between public bodies); 依頼 asks (an invitation to attend).
LetterKind = Literal["通知", "依頼"]


class Letters(Strict):
    """Invitation letters and their reply forms (letters.yaml)."""

    #: 文書番号, as the city's document system gives it.
    number: Text
    #: 発出日 (the date of issue).
    issued: JaDate
    kind: LetterKind = "通知"
    #: true: room is left for the 公印; false: 「（公印省略）」 is printed under the sender.
    seal: bool = False
    #: 回答期限.
    reply_by: JaDate
    #: 件名; 「第N回…会議の開催について（通知）」 unless given.
    subject: str | None = None
    #: The letter's text before 「記」; the usual wording for its kind unless given.
    body: Markdown | None = None
    #: How to reply (記's 回答方法).
    reply: Text = "別紙「出欠回答票」に御記入の上、FAX又は電子メールで御回答ください。"
    #: その他 (記's last item), if anything.
    notes: str | None = None


#: Arrows as signs.yaml may write them → the direction drawn.
ARROWS = {"←": "left", "→": "right", "↑": "up", "↓": "down", "left": "left", "right": "right", "up": "up",
          "down": "down", "なし": "none", "none": "none"}


def _arrow(value: object) -> object:
    """← or Left as the direction drawn; anything else is refused listing what may be written."""
    if value is None:
        return "none"
    if isinstance(value, str) and value.strip().lower() in ARROWS:
        return ARROWS[value.strip().lower()]
    raise PydanticCustomError("ucc_expected", "expected {expected}, found {found}", {
        "expected": "an arrow: ← → ↑ ↓ or なし (left, right, up, down, none)", "found": repr(value)})


Arrow = Annotated[Literal["left", "right", "up", "down", "none"], BeforeValidator(_arrow)]


class Sign(Strict):
    """One sign: its word (受付, 会場, 控室), where it leads, and an arrow."""

    text: Text
    #: The room or floor under the word (7階 大会議室A).
    place: str | None = None
    arrow: Arrow = "none"


class Signs(Strict):
    """Signs that lead guests from the entrance to the room (signs.yaml)."""

    #: A4 or A3, always landscape.
    paper: Literal["A4", "A3"] = "A3"
    signs: list[Sign] = Field(min_length=1)


class WorldCity(Strict):
    city: Text
    country: Text
    #: The year the city joined, where the source gives it.
    joined: Year | None = None

    def names(self, host: str) -> bool:
        """Whether this entry is the host city, written with or without 市 (旭川 for 旭川市)."""
        return self.city == host or self.city.removesuffix("市") == host.removesuffix("市")


class WorldCities(Strict):
    """The creative cities of one field around the world (design_cities.yaml), with its date and source."""

    field: Text = "デザイン"
    as_of: JaDate
    #: Where the list comes from, printed under it so readers can check it.
    source: Text
    cities: list[WorldCity] = Field(min_length=1)
