"""Whole pages from Jinja2 templates (autoescaped): the site's frame around a WebPage's blocks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ...components.web import WebPage
from ...design.tokens import Colour, Palette
from .blocks import blocks

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Link:
    """A link to a page or a file: its target, its words, and for a file its format and size."""

    file: str
    label: str
    kind: str = ""
    size: str = ""


@dataclass(frozen=True)
class Image:
    """A picture inside the folder: its file, its alternative text, its caption and its pixel size."""

    file: str
    alt: str
    width: int
    height: int
    caption: str = ""


@dataclass(frozen=True)
class Site:
    """What every page shares: the city, the meeting, the pages, the logo and whom to ask."""

    city: str
    event: str
    pages: tuple[Link, ...]
    contact: tuple[str, ...]
    logo: Image | None = None


@dataclass(frozen=True)
class _Shown:
    """A section as the template takes it: its blocks already HTML."""

    heading: str
    anchor: str
    html: Markup
    figures: tuple[Image, ...]
    after: Markup
    notes: Markup


def size_text(count: int) -> str:
    """169KB, 1.2MB: a file's size as Japanese city sites write it beside a link."""
    if count >= 1024 * 1024:
        return f"{count / 1024 / 1024:.1f}MB"
    return f"{max(1, round(count / 1024))}KB"


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                       keep_trailing_newline=True, trim_blocks=False, lstrip_blocks=False)


def render(page: WebPage, site: Site, figures: dict[int, tuple[Image, ...]], downloads: tuple[Link, ...]) -> str:
    """One page's HTML; `figures[i]` are section i's pictures as placed in the folder."""
    sections = [_Shown(section.heading, section.anchor, blocks(section.specs, 2, section.heading),
                       figures.get(index, ()), blocks(section.after, 2, section.heading), blocks(section.notes, 3))
                for index, section in enumerate(page.sections)]
    lead = blocks(page.lead)
    return _environment().get_template("page.html").render(page=page, site=site, sections=sections, lead=lead,
                                                             downloads=downloads)


def _css(colour: Colour) -> str:
    return f"#{colour.hex}"


def palette() -> str:
    """The printed documents' colours as CSS custom properties (--ink, --primary …), for every page
    ucc-print makes: the web edition's style.css and the preview's."""
    colours = {"ink": Palette.INK, "muted": Palette.MUTED, "primary": Palette.PRIMARY, "tint": Palette.TINT,
               "host": Palette.ACCENT_TINT, "rule": Palette.RULE, "accent": Palette.ACCENT}
    return ":root {\n" + "".join(f"  --{name}: {_css(colour)};\n" for name, colour in colours.items()) + "}"


def stylesheet() -> str:
    """style.css, its colours those of the printed documents."""
    return _environment().get_template("style.css").render(palette=palette())
