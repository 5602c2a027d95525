"""The mayor's deck: slides.pptx (editable) from content/slides.md and the model."""

from __future__ import annotations

from pathlib import Path

from ..components.slides import SlideSpec, build_deck
from ..content.model import Project
from ..design.press import OFFICE, Profile
from ..design.theme import SLIDES, Theme
from .info import document_info

#: File names under output/.
FILE_NAME = "slides.pptx"
PDF_NAME = "slides.pdf"


def handout_name(per_page: int) -> str:
    """slides-6up.pdf."""
    return f"slides-{per_page}up.pdf"


def slides(project: Project, root: Path, theme: Theme = SLIDES) -> list[SlideSpec]:
    """The fitted slide specs (a ContentError names any text that cannot fit)."""
    return build_deck(project, theme, root)


def _title(project: Project) -> str:
    return f"{project.host.city}の取組（{project.event.title}）"


def build(project: Project, specs: list[SlideSpec], theme: Theme = SLIDES) -> bytes:
    """The deck as .pptx bytes."""
    from ..backends.pptx.render import DeckInfo, render

    host = project.host
    info = DeckInfo(_title(project), f"{host.city}{host.contact.department}", project.event.title,
                    project.event.date)
    return render(specs, theme, info)


def _pdf_info(project: Project):
    return document_info(project, "", _title(project))


def build_pdf(project: Project, specs: list[SlideSpec], profile: Profile = OFFICE, theme: Theme = SLIDES) -> bytes:
    """slides.pdf: the same slides drawn by reportlab, a page each."""
    from ..backends.pdf.slides import render_slides

    return render_slides(specs, theme, _pdf_info(project), profile)


def build_handout(project: Project, specs: list[SlideSpec], per_page: int, profile: Profile = OFFICE,
                  theme: Theme = SLIDES) -> bytes:
    """slides-Nup.pdf: A4 handouts with N slides a page."""
    from ..backends.pdf.slides import render_handouts

    return render_handouts(specs, theme, _pdf_info(project), per_page, profile)
