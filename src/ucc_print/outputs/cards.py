"""Name cards from the guest list: tent-cards.pdf (卓上名札) and badges.pdf (名札)."""

from __future__ import annotations

from ..components import cards as components
from ..content.model import GuestList, Project
from ..design.theme import BADGES, TENT_CARDS

TENT_FILE = "tent-cards.pdf"
BADGE_FILE = "badges.pdf"


def _info(project: Project, what: str):
    from ..backends.pdf.document import DocumentInfo

    host = project.host
    return DocumentInfo(f"{project.event.title} {what}", project.event.title, f"{host.city}{host.contact.department}")


def guests_in_order(project: Project, guests: GuestList | None = None):
    """The guest list (the content's, or one read from a file) in the order cards are printed."""
    return (guests or project.guests).ordered([city.city for city in project.cities.cities])


def build(project: Project, guests: GuestList | None = None) -> dict[str, bytes]:
    """Both card files; a ContentError names every guest whose card cannot be made."""
    from ..backends.pdf.cards import render_badges, render_tent_cards

    ordered = guests_in_order(project, guests)
    tents = components.tent_cards(project, ordered)
    badges = components.badges(project, ordered)
    return {
        TENT_FILE: render_tent_cards(tents, TENT_CARDS, _info(project, "卓上名札")),
        BADGE_FILE: render_badges(badges, BADGES, _info(project, "名札")),
    }
