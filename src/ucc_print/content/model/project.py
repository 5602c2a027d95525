"""The Project: every content file's model in one object, and the questions that need more than one."""

from __future__ import annotations

from pydantic import BaseModel

from ..slides import Picture, SlideSource
from .event import Event
from .guests import Guest, GuestList, of_city
from .handout import HandoutOutline
from .host import Host
from .kit import Letters, Signs, WorldCities
from .network import CityList, Commission, Network
from .press import PressRelease
from .printing import PrintOrder
from .web import WebEdition


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
    #: Invitation letters and reply forms (content/letters.yaml, optional).
    letters: Letters | None = None
    #: Signs to the room (content/signs.yaml, optional).
    signs: Signs | None = None
    #: The world's creative cities of the host's field (content/design_cities.yaml, optional).
    design_cities: WorldCities | None = None
    #: What the web edition publishes (content/web.yaml, optional: without it, the least).
    web: WebEdition | None = None
    #: Markdown files of content/texts/ by file name, templates already rendered.
    texts: dict[str, str] = {}
    #: The slides of content/slides.md, templates already rendered.
    slides: tuple[SlideSource, ...] = ()
    #: The city's mark (assets/logo.png or .jpg), if there is one.
    logo: Picture | None = None
    #: What the content was read from: each file and picture as the project names it → the SHA-256
    #: of what was read (content/inputs.py); empty for a project not loaded from files.
    inputs: dict[str, str] = {}

    def ordered_guests(self) -> list[Guest]:
        """The guests in the order cards and lists use (cities in the table's order)."""
        return self.guests.ordered([city.city for city in self.cities.cities])

    def ordered_of(self, category: str) -> list[Guest]:
        """One category's guests in that order (the 来賓 of an overview, as the 名簿 lists them)."""
        return [guest for guest in self.ordered_guests() if guest.category == category]

    def addressees(self) -> list[tuple[Guest, str | None]]:
        """Whom letters go to, in card order: each 来賓 (None), and for each member city other than
        the host (that city) or other organisation (None) among the 参加者, its first guest; never
        the 事務局."""
        found: list[tuple[Guest, str | None]] = []
        seen: set[str] = set()
        for guest in self.ordered_guests():
            if guest.category == "来賓":
                found.append((guest, None))
            elif guest.category == "参加者":
                city = self.member_city(guest)
                key = city or guest.organization
                if city != self.host.city and key not in seen:
                    seen.add(key)
                    found.append((guest, city))
        return found

    def member_city(self, guest: Guest) -> str | None:
        """The member city a guest's organisation belongs to (鶴岡市 企画部 → 鶴岡市), if any."""
        return next((city.city for city in self.cities.cities if of_city(guest.organization, city.city)), None)

    def delegation(self, guest: Guest) -> str:
        """Whom a guest comes with: their member city (named in the organisation), else the
        organisation itself."""
        return self.member_city(guest) or guest.organization

    def people(self) -> tuple[str, ...]:
        """Every person's name the content knows (guests and the mayor), longest first."""
        names = {guest.name for guest in self.guests.guests if guest.name}
        if self.host.mayor.name:
            names.add(self.host.mayor.name)
        return tuple(sorted(names, key=lambda name: (-len(name), name)))
