"""signs.pdf: signs that lead guests to the room (会場案内), A4 or A3 across, from signs.yaml."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..design.profiles import OFFICE, SHOP, Profile
from .base import Output, Product, register, shop_name
from .info import document_info

if TYPE_CHECKING:
    from ..content.model import PrintItem, Project

FILE_NAME = "signs.pdf"


def pdf(project: Project, profile: Profile = OFFICE) -> bytes:
    """Every sign, a sheet each (laid out by components/signs.py)."""
    from ..backends.pdf import document
    from ..components.signs import sign_pages

    if project.signs is None:
        raise Signs.missing()
    return document.render(sign_pages(project, project.signs), document_info(project, "会場案内"),
                           document.no_furniture, "pgothic-bold", profile)


@register
class Signs(Output):
    """Write output/signs.pdf: a sheet for each sign of content/signs.yaml, its word as large as the sheet allows."""

    name = "signs"
    title = "会場案内"
    sources = ("content/signs.yaml",)
    needs = "signs"
    holds = "the signs (受付, 会場, 控室 …), where each leads and its arrow"
    writes = (FILE_NAME,)
    guests = False
    products = (Product("signs", "会場案内表示", one_per_page=True),)

    def files(self, profile: Profile, **options: Any) -> dict[str, bytes]:
        return {shop_name(FILE_NAME, profile): pdf(self.project, profile)}

    def product(self, product: Product, item: PrintItem) -> tuple[str, bytes]:
        return FILE_NAME, pdf(self.project, SHOP)
