"""output/web/: the meeting on the city's website — index.html (the meeting), press-release.html,
slides.html, their stylesheet, and the PDFs they link to, in one folder web staff upload as it is.

Made from the same model and components as the PDFs and the deck (components/web.py decides each
page, backends/html renders it), so every date, name and count is the printed one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..design.profiles import OFFICE, Profile
from ..errors import UccError
from .base import Output, register
from .handout import FILE_NAME as HANDOUT_PDF
from .handout import Handout
from .handout import pdf as handout_pdf
from .press_release import FILE_NAME as PRESS_PDF
from .press_release import PressRelease
from .press_release import pdf as press_pdf
from .slides import PDF_NAME as SLIDES_PDF
from .slides import Slides

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

    from ..backends.html.page import Image, Link, Site
    from ..components.web import Figure, WebPage
    from ..content.model import Project

#: The folder under output/.
FOLDER = "web"
#: The PDFs the pages offer for download: (output, its file, what a link calls it, how that file
#: alone is made — the slides' PDF without the .pptx).
LINKED: tuple[tuple[type[Output], str, str, Callable[[Project, Path], bytes]], ...] = (
    (Handout, HANDOUT_PDF, "会議資料", lambda project, root: handout_pdf(project)),
    (PressRelease, PRESS_PDF, "報道発表資料", lambda project, root: press_pdf(project)),
    (Slides, SLIDES_PDF, "スライド", lambda project, root: Slides(project, root).pdf(OFFICE)))
#: The navigation's words for each page.
PAGE_LABELS = {"index.html": "会議の概要", "press-release.html": "報道発表資料", "slides.html": "スライド"}
#: How sharp the seating chart's picture is, in dots per inch.
CHART_DPI = 110


def _site(project: Project, logo: Image | None, pages: list[WebPage]) -> Site:
    from ..backends.html.page import Link, Site

    host = project.host
    contact = (f"{host.city}{host.contact.department}　{host.contact.person}", *host.contact.reach())
    return Site(host.city, project.event.title, tuple(Link(page.file, PAGE_LABELS[page.file]) for page in pages),
                contact, logo)


def _chart_images(project: Project, figure: Figure, files: dict[str, bytes]) -> list[Image]:
    """The seating chart drawn as the handout draws it, a PNG per page it takes."""
    from ..backends.html.page import Image
    from ..backends.pdf import document
    from ..components.pages import paginate
    from ..design.theme import HANDOUT
    from ..raster import page_images, png
    from .info import document_info

    assert figure.chart is not None
    laid = paginate([figure.chart], HANDOUT.page_grid)
    pdf = document.render(laid.pages, document_info(project, figure.caption), document.no_furniture,
                          HANDOUT.style("body").face(), OFFICE)
    pages = list(page_images(pdf, CHART_DPI))
    images = []
    for number, page in enumerate(pages, 1):
        image = _trimmed(page)
        name = f"seating-{number}.png"
        files[f"{FOLDER}/{name}"] = png(image)
        part = f"（{number}/{len(pages)}）" if len(pages) > 1 else ""
        images.append(Image(name, f"{figure.caption}{part}：{figure.alt}", image.width, image.height,
                            f"{figure.caption}{part}"))
    return images


def _trimmed(page: PILImage) -> PILImage:
    """A page cut down to what is drawn on it, with a small white margin."""
    from PIL import Image, ImageChops

    rgb = page.convert("RGB")
    box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, "white")).getbbox()
    if box is None:
        return page
    pad = CHART_DPI // 6
    return page.crop((max(0, box[0] - pad), max(0, box[1] - pad), min(page.width, box[2] + pad),
                      min(page.height, box[3] + pad)))


def _picture(root: Path, figure: Figure, files: dict[str, bytes]) -> Image:
    """A slide's picture copied into images/ (its name kept), with its alt text."""
    from ..backends.html.page import Image

    assert figure.path is not None
    name = "images/" + "-".join(PurePosixPath(figure.path).parts)  # assets/a/photo.jpg → assets-a-photo.jpg
    files[f"{FOLDER}/{name}"] = (root / figure.path).read_bytes()
    return Image(quote(name), figure.alt, figure.width, figure.height, figure.caption)


def _linked(project: Project, root: Path, made: Mapping[str, bytes], output: type[Output], name: str,
            alone: Callable[[Project, Path], bytes]) -> bytes:
    """A linked PDF: made earlier in this run, or kept in the project cache, or made now (that file alone)."""
    from .. import outputcache

    if name in made:
        return made[name]
    kept = outputcache.recalled(project, output, OFFICE, {})[1]
    return kept[0][name] if kept and name in kept[0] else alone(project, root)


def _public_handout(project: Project, root: Path, published: Project) -> bytes:
    """The handout without the sections web.yaml keeps off the web: kept in the project cache as
    the handout is (with what it hid among its options), so only a change to what it is made
    from lays it out again."""
    from .. import outputcache
    from ..typeset.linebreak import note_units

    left = {id(section) for section in published.handout.sections}
    without = [number for number, section in enumerate(project.handout.sections, 1) if id(section) not in left]
    files, broken, _key = outputcache.cached(
        project, root, outputcache.recalled(project, Handout, OFFICE, {"without sections": without}, variant="web"),
        lambda: {HANDOUT_PDF: handout_pdf(published)})
    note_units(broken)  # the web edition's warnings, as the units broken drawing it
    return files[HANDOUT_PDF]


def folder(project: Project, root: Path, made: Mapping[str, bytes]) -> dict[str, bytes]:
    """Every file of output/web/ (PDFs already made in this run are taken from `made`)."""
    from ..backends.html.page import Image, Link, render, size_text, stylesheet
    from ..components import web

    pages = web.pages(project)
    files: dict[str, bytes] = {}
    downloads: dict[str, Link] = {}
    published, hidden = web.public(project)
    for output, name, label, alone in LINKED:
        if not output.available(project):
            continue
        try:
            if output is Handout and hidden:  # the names web.yaml keeps off the web, kept out of the PDF too
                data, label = _public_handout(project, root, published), f"{label}（{'・'.join(hidden)}を除く）"
            else:
                data = _linked(project, root, made, output, name, alone)
        except UccError:
            continue  # that output's own problems are reported once, by it
        files[f"{FOLDER}/{name}"] = data
        downloads[name] = Link(name, label, "PDF形式", size_text(len(data)))
    logo = None
    if project.logo:
        logo_name = f"logo{PurePosixPath(project.logo.path).suffix.lower()}"
        files[f"{FOLDER}/{logo_name}"] = (root / project.logo.path).read_bytes()
        logo = Image(quote(logo_name), project.host.city, project.logo.width, project.logo.height)
    site = _site(project, logo, pages)
    offered = {web.INDEX: tuple(downloads.values()),
               web.PRESS: tuple(link for name, link in downloads.items() if name == PRESS_PDF),
               web.DECK: tuple(link for name, link in downloads.items() if name == SLIDES_PDF)}
    for page in pages:
        figures: dict[int, tuple[Image, ...]] = {}
        for index, section in enumerate(page.sections):
            placed: list[Image] = []
            for figure in section.figures:
                placed += _chart_images(project, figure, files) if figure.chart else [_picture(root, figure, files)]
            figures[index] = tuple(placed)
        files[f"{FOLDER}/{page.file}"] = render(page, site, figures, offered[page.file]).encode("utf-8")
    files[f"{FOLDER}/style.css"] = stylesheet().encode("utf-8")
    return files


@register
class Web(Output):
    """Write output/web/: the meeting, the press release and the slides as accessible web pages, with
    the PDFs they link to, ready to upload to the city's website."""

    name = "web"
    title = "ウェブ版"
    owns = FOLDER
    sources = tuple(dict.fromkeys(("content/web.yaml", *Handout.sources, *PressRelease.sources, *Slides.sources)))
    shop = False

    def files(self, profile: Profile, **options: Any) -> dict[str, bytes]:
        if profile.shop:
            return {}  # nothing of it goes to the print shop
        return folder(self.project, self.root, self.earlier)
