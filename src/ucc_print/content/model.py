"""The content model: one validated object per content file, assembled into a Project.

Unknown keys are errors (extra="forbid"), so a typo never vanishes silently. Fields typed
`Markdown` hold Markdown text; every text field may use Jinja2 (see the templating package).
"""

from __future__ import annotations

from typing import Annotated, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr
from pydantic_core import PydanticCustomError

from .limits import MAX_NAME, MAX_ORGANIZATION
from .slides import Picture, SlideSource
from .types import ClockTime, JaDate, Year, YearMonthField

#: Markdown text (paragraphs, lists, **bold**); parsed by the components, not here.
Markdown = Annotated[str, Field(min_length=1, description="Markdown")]
#: One line of plain text that must not be empty.
Text = Annotated[str, Field(min_length=1)]


class Where(NamedTuple):
    """Where a content object was written: file as shown, line, field path."""

    file: str
    line: int | None
    path: str


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    _where: Where = PrivateAttr(default=Where("", None, ""))
    _fields: dict[str, Where] = PrivateAttr(default_factory=dict)

    @property
    def where(self) -> Where:
        """The file, line and field this object came from (set by the loader), for later errors."""
        return self._where

    def where_of(self, field: str) -> Where:
        """Where one of this object's fields was written (the object itself if not recorded)."""
        return self._fields.get(field, self._where)


# ---------------------------------------------------------------- event.yaml


class AgendaItem(Strict):
    """One line of the 次第."""

    title: Text
    time: ClockTime | None = None
    #: Who speaks or presents, shown after the title.
    speaker: str | None = None
    #: Sub-items such as (1) 各都市の活動報告.
    items: list[Text] = []


class Event(Strict):
    """The meeting itself (event.yaml)."""

    name: Text
    number: int = Field(ge=1)
    date: JaDate
    start: ClockTime
    end: ClockTime
    venue: Text
    organiser: Text
    participants: Text
    purpose: Markdown
    rotation: Text
    agenda: list[AgendaItem] = Field(min_length=1)

    @property
    def title(self) -> str:
        """第9回ユネスコ創造都市国内ネットワーク会議."""
        return f"第{self.number}回{self.name}"


# ---------------------------------------------------------------- host.yaml


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


# ---------------------------------------------------------------- network.yaml


class CreativeField(Strict):
    name: Text
    name_en: Text
    #: Year the field was added, when it was not one of the original ones.
    since: Year | None = None


class Network(Strict):
    """The UNESCO Creative Cities Network (network.yaml)."""

    name: Text
    name_en: Text
    founded: Year
    summary: Markdown
    fields: list[CreativeField] = Field(min_length=1)
    countries: int = Field(ge=1)
    countries_approximate: bool = False
    cities: int = Field(ge=1)
    as_of: JaDate
    activities: Markdown

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


# ---------------------------------------------------------------- commission.yaml


class Commission(Strict):
    """The Japanese National Commission for UNESCO (commission.yaml)."""

    name: Text
    office: Text
    established: YearMonthField
    role: Markdown


# ---------------------------------------------------------------- cities.yaml


class City(Strict):
    city: Text
    prefecture: Text
    field: Text
    joined: Year
    #: Where the year comes from, so staff can check it.
    source: Text
    #: false until staff have confirmed the year against an official source.
    confirmed: bool = True


class CityList(Strict):
    """The domestic member cities, in the order the overview lists them (cities.yaml)."""

    as_of: JaDate
    cities: list[City] = Field(min_length=1)


# ---------------------------------------------------------------- guests.yaml

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


# ---------------------------------------------------------------- handout.yaml

#: Content blocks a handout section can show, each drawn from the model.
Block = Literal["event", "network", "host", "cities", "meeting", "commission", "attendees", "seating"]


class Section(Strict):
    heading: Text
    #: A block built from the model (the city table, a key-value overview …).
    show: Block | None = None
    #: Markdown shown after the block.
    text: Markdown | None = None
    #: A Markdown file in content/texts/ shown after the text.
    file: str | None = None
    #: A line set flush right at the end (who signs a greeting).
    signature: str | None = None
    numbered: bool = True
    new_page: bool = False


class Cover(Strict):
    title: Text
    subtitle: Text = "次第"
    #: Documents handed out with the agenda (配布資料).
    documents: list[Text] = []


class Seating(Strict):
    """How the seating chart arranges the room."""

    #: u-shape: コの字, the head table across the top; classroom: スクール形式, rows facing the head table.
    layout: Literal["u-shape", "classroom"] = "u-shape"
    #: A4: the chart on the handout's pages (continued on the next when it is long); A3: on A3
    #: pages of its own (upright or across, whichever shows it larger), folded into the handout.
    paper: Literal["A4", "A3"] = "A4"


class HandoutOutline(Strict):
    """Order and headings of the A4 handout (handout.yaml)."""

    cover: Cover
    sections: list[Section] = Field(min_length=1)
    seating: Seating = Seating()


# ---------------------------------------------------------------- print.yaml

class PrintItem(Strict):
    """One printed product: which output, how many, on what, finished how (a line of the 入稿仕様書)."""

    #: The product, by the name its output gives it (handout, slides-handout, tent-cards …; the
    #: outputs check it).
    output: Text
    #: For slides-handout: slides a page (3 has lines for notes).
    per_page: Literal[2, 3, 6] = 3
    #: 部数: copies of the whole file (cards: of each card).
    copies: int = Field(ge=1, le=100000)
    paper: Text
    #: 片面 or 両面 printing; every side in four-colour CMYK.
    sides: Literal["片面", "両面"] = "片面"
    #: 加工: trimming, folding, stapling … as the shop should do it.
    finishing: Text
    note: str | None = None


class PrintOrder(Strict):
    """What goes to the print shop (print.yaml): the order sheet's header and one item per product."""

    #: 印刷会社 (left blank on the sheet if not yet chosen).
    shop: str | None = None
    #: 納品希望日.
    due: JaDate | None = None
    #: 納品先.
    delivery: str | None = None
    #: 校正: whether the shop should send a colour proof before printing.
    proofing: Text = "色校正なし（内容は proofs/ の画像でご確認ください）"
    items: list[PrintItem] = Field(min_length=1)


# ---------------------------------------------------------------- press.yaml

#: 分類 on the city's press release form, in the form's order.
ReleaseCategory = Literal["イベント・行事", "募集", "契約・入札", "会議・説明会", "その他"]
#: What the 概要 of a press release can tell, each drawn from the model (see components/press_release.py).
OverviewTopic = Literal["when", "venue", "participants", "guests", "network", "host", "meeting"]


class PressRelease(Strict):
    """The city's standard press release, 報道発表資料 (press.yaml): only what the rest of the
    content does not already say."""

    to: Text = "各報道機関 様"
    #: 文書番号, as the city's document system gives it.
    number: Text
    #: 発表日.
    issued: JaDate
    category: ReleaseCategory
    #: 発表項目（行事名）; the meeting's title unless given.
    title: str | None = None
    #: The topics of the 概要, in order.
    overview: list[OverviewTopic] = Field(
        default=["when", "venue", "participants", "guests", "network", "host", "meeting"], min_length=1)
    #: 添付資料: 有 (true) or 無 (false), and what is attached.
    attachments: bool = True
    attached: str | None = None
    #: 報道（取材）に当たってのお願い.
    coverage: Markdown | None = None
    #: 備考.
    notes: str | None = None
    #: When 概要 does not fit the one page even set tighter: continue it on a second page (別紙).
    separate_sheet: bool = False


# ---------------------------------------------------------------- the whole project


class Project(BaseModel):
    """Everything one meeting's outputs are built from."""

    event: Event
    host: Host
    network: Network
    commission: Commission
    cities: CityList
    guests: GuestList
    handout: HandoutOutline
    #: What goes to the print shop (content/print.yaml, optional).
    printing: PrintOrder | None = None
    #: The press release (content/press.yaml, optional).
    release: PressRelease | None = None
    #: Markdown files of content/texts/ by file name, templates already rendered.
    texts: dict[str, str] = {}
    #: The slides of content/slides.md, templates already rendered.
    slides: tuple[SlideSource, ...] = ()
    #: The city's mark (assets/logo.png or .jpg), if there is one.
    logo: Picture | None = None

    def ordered_guests(self) -> list[Guest]:
        """The guests in the order cards and lists use (cities in the table's order)."""
        return self.guests.ordered([city.city for city in self.cities.cities])

    def ordered_of(self, category: str) -> list[Guest]:
        """One category's guests in that order (the 来賓 of an overview, as the 名簿 lists them)."""
        return [guest for guest in self.ordered_guests() if guest.category == category]

    def delegation(self, guest: Guest) -> str:
        """Whom a guest comes with: their member city (named in the organisation), else the
        organisation itself."""
        return next((city.city for city in self.cities.cities if of_city(guest.organization, city.city)),
                    guest.organization)

    def people(self) -> tuple[str, ...]:
        """Every person's name the content knows (guests and the mayor), longest first."""
        names = {guest.name for guest in self.guests.guests if guest.name}
        if self.host.mayor.name:
            names.add(self.host.mayor.name)
        return tuple(sorted(names, key=lambda name: (-len(name), name)))
