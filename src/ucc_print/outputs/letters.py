"""Invitation letters and reply forms: letters.pdf (開催について（通知）, one per recipient) and
rsvp.pdf (出欠回答票, one per recipient, filled in with what is known), from letters.yaml, the
guest list and the meeting's content."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..design.profiles import Profile
from .base import Product, Together, register
from .info import document_info

if TYPE_CHECKING:
    from ..content.model import Letters as LettersFile
    from ..content.model import Project

LETTERS_FILE = "letters.pdf"
RSVP_FILE = "rsvp.pdf"


def pdfs(project: Project, letters: LettersFile, profile: Profile) -> dict[str, bytes]:
    """Both files, for a project with someone to write to (Letters.unavailable says when not)."""
    from ..backends.pdf import document
    from ..components import letters as components
    from ..design.theme import LETTER, REPLY_FORM
    from ..errors import ContentError

    made = {}
    for name, theme, laid, what in (
            (LETTERS_FILE, LETTER, components.layout(project, letters, LETTER), "開催通知"),
            (RSVP_FILE, REPLY_FORM, components.reply_forms(project, letters, REPLY_FORM), "出欠回答票")):
        if laid.problems:
            raise ContentError(laid.problems)
        made[name] = document.render(laid.pages, document_info(project, what), document.no_furniture,
                                     theme.style("body").face(), profile)
    return made


@register
class Letters(Together):
    """Write output/letters.pdf (a letter to each recipient) and output/rsvp.pdf (their reply forms)."""

    name = "letters"
    title = "開催通知・出欠回答票"
    sources = ("content/letters.yaml",)
    needs = "letters"
    holds = "the letters' own fields (document number, date of issue, kind, reply deadline)"
    writes = (LETTERS_FILE, RSVP_FILE)
    products = (Product("letters", "開催通知"), Product("rsvp", "出欠回答票"))
    product_files = (("letters", LETTERS_FILE), ("rsvp", RSVP_FILE))

    @classmethod
    def unavailable(cls, project: Project) -> str | None:
        missing = super().unavailable(project)
        if missing or project.addressees():
            return missing
        return (f"{project.guests.where.file} has nobody to write to (letters go to each 来賓, and to each "
                "member city or organisation among the 参加者 other than the host city)")

    def made(self, profile: Profile) -> dict[str, bytes]:
        if not self.available(self.project) or self.project.letters is None:
            raise self.missing(self.project)
        return pdfs(self.project, self.project.letters, profile)
