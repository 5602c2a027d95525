"""The A4 meeting handout: 次第 on the first page, then the overview's numbered sections."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..design.profiles import OFFICE, SHOP, Profile
from .base import Output, Product, register, shop_name

if TYPE_CHECKING:
    from ..content.model import PrintItem, Project
    from ..design.theme import Theme

#: File name under output/.
FILE_NAME = "handout.pdf"


def pdf(project: Project, profile: Profile = OFFICE, theme: Theme | None = None) -> bytes:
    """The handout as PDF bytes, for an office printer or a print shop (laid out by components/handout.py)."""
    from ..backends.pdf import document
    from ..components.blocks import event_when
    from ..components.handout import layout
    from ..design.theme import HANDOUT

    theme = theme or HANDOUT
    event = project.event
    info = document.DocumentInfo(
        title=f"{event.title} 会議資料",
        subject=f"{event_when(project)} {event.venue}",
        author=f"{project.host.city}{project.host.contact.department}",
    )
    furniture = document.running_furniture(theme, event.title, event_when(project))
    return document.render(layout(project, theme).pages, info, furniture, theme.style("body").face(), profile)


@register
class Handout(Output):
    """Write output/handout.pdf, the A4 meeting handout (its 出席者名簿 and 配席図 from the guest list)."""

    name = "handout"
    title = "会議資料"
    sources = ("content/handout.yaml", "content/texts/*", "content/design_cities.yaml")
    products = (Product("handout", "会議資料"),)

    def files(self, profile: Profile, **options: Any) -> dict[str, bytes]:
        return {shop_name(FILE_NAME, profile): pdf(self.project, profile)}

    def product(self, product: Product, item: PrintItem) -> tuple[str, bytes]:
        return FILE_NAME, pdf(self.project, SHOP)
