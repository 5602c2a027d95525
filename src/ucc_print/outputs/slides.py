"""The mayor's slides: slides.pptx (editable) and slides.pdf from content/slides.md and the model,
and A4 printed handouts of them (slides-Nup.pdf)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..design.profiles import SHOP, Profile
from .base import Option, Output, Product, register, shop_name
from .info import document_info

if TYPE_CHECKING:
    from ..components.slides import SlideSpec
    from ..content.model import PrintItem, Project

#: File names under output/.
FILE_NAME = "slides.pptx"
PDF_NAME = "slides.pdf"
#: Slides a page of the printed handouts.
PER_PAGE = ("2", "3", "6")


def handout_name(per_page: int) -> str:
    """slides-6up.pdf."""
    return f"slides-{per_page}up.pdf"


def _title(project: Project) -> str:
    return f"{project.host.city}の取組（{project.event.title}）"


@register
class Slides(Output):
    """Write output/slides.pptx (16:9, editable) and output/slides.pdf, the mayor's slides."""

    name = "slides"
    title = "スライド"
    sources = ("content/slides.md", "assets/*", "content/design_cities.yaml")
    guests = False
    options = (Option("--handout", "per_page", "Also write output/slides-Nup.pdf: A4 handouts, N slides a page "
                      "(3: with lines for notes).", PER_PAGE),)
    products = (Product("slides-handout", "スライド配布資料", per_page=True), Product("slides", "スライド"))

    @cached_property
    def specs(self) -> list[SlideSpec]:
        """The fitted slides, laid out once for every file (a ContentError names any text that cannot fit)."""
        from ..components.slides import build_slides
        from ..design.theme import SLIDES

        return build_slides(self.project, SLIDES, self.root)

    def pptx(self) -> bytes:
        from ..backends.pptx.render import DeckInfo, render
        from ..design.theme import SLIDES

        project, host = self.project, self.project.host
        info = DeckInfo(_title(project), f"{host.city}{host.contact.department}", project.event.title,
                        project.event.date)
        return render(self.specs, SLIDES, info)

    def pdf(self, profile: Profile) -> bytes:
        """slides.pdf: the same slides drawn by reportlab, a page each."""
        from ..backends.pdf.slides import render_slides
        from ..design.theme import SLIDES

        return render_slides(self.specs, SLIDES, document_info(self.project, "", _title(self.project)), profile)

    def handout(self, per_page: int, profile: Profile) -> bytes:
        """slides-Nup.pdf: A4 handouts with N slides a page."""
        from ..backends.pdf.slides import render_handouts
        from ..design.theme import SLIDES

        info = document_info(self.project, "", _title(self.project))
        return render_handouts(self.specs, SLIDES, info, per_page, profile)

    def files(self, profile: Profile, **options: Any) -> dict[str, bytes]:
        files = {FILE_NAME: self.pptx(), shop_name(PDF_NAME, profile): self.pdf(profile)}
        per_page = int(options.get("per_page") or 0)
        if per_page:
            files[shop_name(handout_name(per_page), profile)] = self.handout(per_page, profile)
        return files

    def product(self, product: Product, item: PrintItem) -> tuple[str, bytes]:
        if product.per_page:
            return handout_name(item.per_page), self.handout(item.per_page, SHOP)
        return PDF_NAME, self.pdf(SHOP)
