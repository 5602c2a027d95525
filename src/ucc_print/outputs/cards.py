"""Name cards from the guest list: tent-cards.pdf (卓上名札) and badges.pdf (名札)."""

from __future__ import annotations

from ..components import cards as components
from ..content.model import Project
from ..design.press import OFFICE, Profile
from ..design.theme import BADGES, TENT_CARDS
from .info import document_info

TENT_FILE = "tent-cards.pdf"
BADGE_FILE = "badges.pdf"


def build(project: Project, profile: Profile = OFFICE) -> dict[str, bytes]:
    """Both card files; a ContentError names every guest whose card cannot be made."""
    from ..backends.pdf.cards import render_badges, render_tent_cards

    cards = components.name_cards(project, project.ordered_guests())
    return {
        TENT_FILE: render_tent_cards(cards.tent_cards, TENT_CARDS, document_info(project, "卓上名札"), profile),
        BADGE_FILE: render_badges(cards.badges, BADGES, document_info(project, "名札"), profile),
    }
