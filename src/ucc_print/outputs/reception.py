"""reception.pdf: the reception list (受付名簿) for the desk on the day, A4 across, from the guest list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..design.profiles import OFFICE, SHOP, Profile
from .base import Option, Output, Product, register, shop_name
from .info import document_info

if TYPE_CHECKING:
    from ..content.model import PrintItem, Project

FILE_NAME = "reception.pdf"


def pdf(project: Project, profile: Profile = OFFICE, order: str = "card") -> bytes:
    """The list as PDF bytes: its header and page n / N on every page."""
    from ..backends.pdf import document
    from ..components.blocks import event_when
    from ..components.pages import paginate
    from ..components.reception import reception_list
    from ..design.theme import RECEPTION
    from ..errors import ContentError

    laid = paginate(reception_list(project, RECEPTION, order), RECEPTION.page_grid)
    if laid.problems:
        raise ContentError(laid.problems)
    furniture = document.running_furniture(RECEPTION, f"{project.event.title}　受付名簿", event_when(project))
    return document.render(laid.pages, document_info(project, "受付名簿"), furniture,
                           RECEPTION.style("body").face(), profile)


@register
class Reception(Output):
    """Write output/reception.pdf, the reception list: every guest with boxes for 受付, 名札 and 資料."""

    name = "reception"
    title = "受付名簿"
    options = (Option("--order", "order", "The list's order: card (as the name cards, the default) or kana "
                      "(五十音順 by ふりがな).", ("card", "kana")),)
    products = (Product("reception", "受付名簿"),)

    def files(self, profile: Profile, **options: Any) -> dict[str, bytes]:
        return {shop_name(FILE_NAME, profile): pdf(self.project, profile, str(options.get("order") or "card"))}

    def product(self, product: Product, item: PrintItem) -> tuple[str, bytes]:
        return FILE_NAME, pdf(self.project, SHOP)
