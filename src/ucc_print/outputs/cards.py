"""Name cards from the guest list: tent-cards.pdf (卓上名札) and badges.pdf (名札)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..design.cards import TENT_PANEL
from ..design.profiles import OFFICE, Profile
from ..design.units import mm
from .base import Product, Together, register
from .info import document_info

if TYPE_CHECKING:
    from ..content.model import Project

TENT_FILE = "tent-cards.pdf"
BADGE_FILE = "badges.pdf"


def pdfs(project: Project, profile: Profile = OFFICE) -> dict[str, bytes]:
    """Both card files; a ContentError names every guest whose card cannot be made."""
    from ..backends.pdf.cards import render_badges, render_tent_cards
    from ..components import cards as components
    from ..design.theme import BADGES, TENT_CARDS

    cards = components.name_cards(project, project.ordered_guests())
    return {
        TENT_FILE: render_tent_cards(cards.tent_cards, TENT_CARDS, document_info(project, "卓上名札"), profile),
        BADGE_FILE: render_badges(cards.badges, BADGES, document_info(project, "名札"), profile),
    }


TENT_CARDS_PRODUCT = Product("tent-cards", "卓上名札", one_per_page=True,
                             folded_mm=(TENT_PANEL.width / mm(1), TENT_PANEL.height / mm(1)))


@register
class Cards(Together):
    """Write output/tent-cards.pdf (卓上名札) and output/badges.pdf (名札) for every guest."""

    name = "cards"
    title = "卓上名札・名札"
    products = (TENT_CARDS_PRODUCT, Product("badges", "名札", one_per_page=True))
    product_files = (("tent-cards", TENT_FILE), ("badges", BADGE_FILE))

    def made(self, profile: Profile) -> dict[str, bytes]:
        return pdfs(self.project, profile)
