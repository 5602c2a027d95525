"""The deck as slide specs: each slide's layout and what fills each placeholder, fitted.

Both the PowerPoint and the PDF backend draw these specs; text sizes come out of copy-fitting
here, once, so the two agree. Text that cannot fit even at its smallest size is a content error
naming the slide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from ..content.deck import SlideSource
from ..content.model import Project
from ..design.slides import LAYOUTS, LOGO_BOX, Box, SlideLayout
from ..design.theme import Rule, TextStyle, Theme
from ..errors import ContentError, Problem
from ..japanese.dates import wareki
from .blocks import city_table
from .fit import fit_stack, fit_table, table_height
from .measure import SAFETY, row_heights, stack_height
from .spec import Run, Spec, TableSpec, TextSpec, plain_text
from .text import markdown

#: Pictures the deck can use for the city's mark, tried in this order (in assets/).
LOGO_FILES = ("logo.png", "logo.jpg", "logo.jpeg")
#: What a continued table's title gets.
CONTINUED = "（続き）"


@dataclass(frozen=True)
class PictureSpec:
    """A picture: its file, its alt text, and the box it is fitted into (aspect kept)."""

    path: Path
    alt: str
    box: Box

    def placed(self) -> Box:
        """Where the picture goes: as large as the box allows at its own aspect ratio, centred."""
        with Image.open(self.path) as image:
            width, height = image.size
        scale = min(self.box.w / width, self.box.h / height)
        w, h = width * scale, height * scale
        return Box(self.box.x + (self.box.w - w) / 2, self.box.y + (self.box.h - h) / 2, w, h)


@dataclass(frozen=True)
class Milestone:
    year: TextSpec
    title: TextSpec
    detail: TextSpec | None


@dataclass(frozen=True)
class TimelineGrid:
    """Rows down a vertical line: the year at the left, a dot on the line, the text at the right."""

    box: Box
    rows: int
    year_width: float = 170.0
    gap: float = 36.0

    @property
    def pitch(self) -> float:
        """Height of one milestone's row."""
        return self.box.h / max(self.rows, 1)

    @property
    def line_x(self) -> float:
        return self.box.x + self.year_width + self.gap / 2

    def year_box(self, index: int) -> Box:
        return Box(self.box.x, self.box.y + index * self.pitch, self.year_width, self.pitch)

    def text_box(self, index: int) -> Box:
        left = self.line_x + self.gap / 2
        return Box(left, self.box.y + index * self.pitch, self.box.x + self.box.w - left, self.pitch)

    def dot_centre(self, index: int) -> tuple[float, float]:
        return self.line_x, self.box.y + (index + 0.5) * self.pitch


@dataclass(frozen=True)
class TimelineSpec:
    """The host city's milestones on a timeline grid, with the line and dot to draw."""

    milestones: tuple[Milestone, ...]
    grid: TimelineGrid
    line: Rule
    dot: Rule  #: the dot's diameter (width) and colour


@dataclass(frozen=True)
class SlideTable:
    """A table placed on a slide: the spec, its box, and the row heights both backends use."""

    table: TableSpec
    box: Box
    header_height: float
    row_heights: tuple[float, ...]

    @property
    def heights(self) -> list[float]:
        """Every row's height, the header's first."""
        return ([self.header_height] if self.table.show_header else []) + list(self.row_heights)

    @property
    def note_box(self) -> Box | None:
        """Where the table's note goes: just below its last row."""
        note = self.table.note
        if note is None:
            return None
        top = self.box.y + sum(self.heights) + note.style.space_before
        return Box(self.box.x, top, self.box.w, note.style.leading * 2)


@dataclass(frozen=True)
class SlideSpec:
    """One slide ready to draw."""

    number: int
    layout: SlideLayout
    source: SlideSource
    #: Placeholder role → the text specs that fill it (title, subtitle, presenter, body, left, right).
    text: dict[str, list[Spec]] = field(default_factory=dict)
    table: SlideTable | None = None
    timeline: TimelineSpec | None = None
    pictures: tuple[PictureSpec, ...] = ()
    notes: str = ""
    footer: str = ""


def footer_text(project: Project) -> str:
    """第9回ユネスコ創造都市国内ネットワーク会議｜令和8年6月17日(水)."""
    return f"{project.event.title}｜{wareki(project.event.date, True)}"


def logo(project: Project, assets: Path) -> Path | None:
    """The city's mark from assets/, if there is one."""
    return next((assets / name for name in LOGO_FILES if (assets / name).is_file()), None)


class _Builder:
    """Builds the slides of one deck and collects what does not fit."""

    def __init__(self, project: Project, theme: Theme, root: Path):
        self.project = project
        self.theme = theme
        self.root = root
        self.problems: list[Problem] = []
        self.slides: list[SlideSpec] = []
        mark = logo(project, root / "assets")
        self.logo = PictureSpec(mark, f"{project.host.city}のロゴマーク", LOGO_BOX) if mark else None

    def fitted(self, source: SlideSource, role: str, specs: list[Spec], box: Box) -> list[Spec]:
        """Specs shrunk to fit a placeholder, or a problem naming the slide and the text."""
        if not specs:
            return []
        fitted = fit_stack(specs, box.w, box.h)
        if fitted is None:
            text = "".join(plain_text(s) for s in specs)[:24]
            floor = min(s.style.min_size or s.style.size for s in specs)
            needed = stack_height(specs, box.w)
            self.problems.append(Problem(
                "content/slides.md", source.line, f"slide {source.number} ({role})",
                f"text that fits the {role} area ({box.h:.0f} pt high) at {floor:g} pt or more",
                f"「{text}…」, {needed:.0f} pt high at full size",
                "shorten it, split it over two slides, or move some of it to the speaker notes"))
            return specs
        return fitted

    def text(self, source: SlideSource, layout: SlideLayout, role: str, specs: list[Spec]) -> list[Spec]:
        placeholder = layout.placeholder(role)
        return self.fitted(source, role, specs, placeholder.box) if placeholder else []

    def style(self, layout: SlideLayout, role: str) -> TextStyle:
        return self.theme.style(layout.placeholder(role).style)

    def add(self, source: SlideSource) -> None:
        layout = LAYOUTS[source.layout]
        text: dict[str, list[Spec]] = {}
        title = TextSpec((Run(source.title),), self.style(layout, "title"))
        text["title"] = self.text(source, layout, "title", [title])
        if source.subtitle and layout.placeholder("subtitle"):
            subtitle = TextSpec((Run(source.subtitle),), self.style(layout, "subtitle"))
            text["subtitle"] = self.text(source, layout, "subtitle", [subtitle])
        body_role = next((r for r in ("body", "left", "presenter") if layout.placeholder(r)), None)
        if source.layout == "section" and source.body and "subtitle" not in text:
            body_role = "subtitle"
        if source.body and body_role:
            text[body_role] = self.text(source, layout, body_role,
                                        markdown(source.body, self.theme, layout.placeholder(body_role).style))
        pictures: list[PictureSpec] = []
        if source.right:
            text["right"] = self.text(source, layout, "right", markdown(source.right, self.theme))
        if source.picture:
            pictures.append(PictureSpec(self.root / source.picture.path, source.picture.alt,
                                        layout.placeholder("right").box))
        if self.logo and source.layout in ("title", "closing"):
            pictures.append(self.logo)
        common = dict(layout=layout, source=source, pictures=tuple(pictures), notes=source.notes,
                      footer=footer_text(self.project) if layout.footer else "")
        if source.show == "cities":
            self.add_tables(source, layout, text, common)
        elif source.show == "history":
            self.slides.append(SlideSpec(len(self.slides) + 1, text=text, timeline=self.timeline(source, layout),
                                         **common))
        else:
            self.slides.append(SlideSpec(len(self.slides) + 1, text=text, **common))

    def add_tables(self, source: SlideSource, layout: SlideLayout, text: dict, common: dict) -> None:
        """The city table, continued on following slides (header repeated) when it is too long."""
        box = layout.placeholder("table").box
        parts = fit_table(city_table(self.project, self.theme), box.w, box.h)
        for index, part in enumerate(parts):
            header, rows = row_heights(part, box.w)
            if table_height(part, box.w) > box.h * SAFETY:
                self.problems.append(Problem(
                    "content/slides.md", source.line, f"slide {source.number} (table)",
                    f"table rows that fit the table area ({box.h:.0f} pt high)",
                    f"a row {max(rows):.0f} pt high", "shorten the longest cell"))
            slide_text = dict(text)
            if index:
                title = TextSpec((Run(source.title + CONTINUED),), self.style(layout, "title"))
                slide_text["title"] = self.text(source, layout, "title", [title])
            self.slides.append(SlideSpec(
                len(self.slides) + 1, text=slide_text,
                table=SlideTable(part, box, header, tuple(rows)), **common))

    def timeline(self, source: SlideSource, layout: SlideLayout) -> TimelineSpec:
        """The host city's history as milestones, text shrunk to fit its row."""
        history = self.project.host.history
        grid = TimelineGrid(layout.area, len(history))
        if not history:
            self.problems.append(Problem("content/host.yaml", None, "history",
                                         "milestones for the timeline slide", "none"))
        milestones = []
        for index, item in enumerate(history):
            parts = [TextSpec((Run(item.title),), self.theme.style("slide-milestone"))]
            if item.detail:
                parts.append(TextSpec((Run(item.detail),), self.theme.style("slide-milestone-detail")))
            fitted = self.fitted(source, f"timeline, {item.year}", parts, grid.text_box(index))
            year = self.fitted(source, f"timeline year {item.year}",
                               [TextSpec((Run(item.year),), self.theme.style("slide-year"))], grid.year_box(index))
            milestones.append(Milestone(year[0], fitted[0], fitted[1] if len(fitted) > 1 else None))
        return TimelineSpec(tuple(milestones), grid, Rule(2.0, self.theme.row_rule.colour),
                            Rule(16.0, self.theme.header_fill))


def build_deck(project: Project, theme: Theme, root: Path) -> list[SlideSpec]:
    """Every slide of the deck, fitted; raises ContentError listing every text that cannot fit."""
    builder = _Builder(project, theme, root)
    for source in project.deck:
        builder.add(source)
    if builder.problems:
        raise ContentError(builder.problems)
    return builder.slides
