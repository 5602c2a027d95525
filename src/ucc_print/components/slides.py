"""The slides as specs: each slide's layout and what fills each placeholder, fitted.

Both the PowerPoint and the PDF backend draw these specs; text sizes come out of copy-fitting
here, once, so the two agree. Text that cannot fit even at its smallest size is a content error
naming the slide (or the content entry the text comes from).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypedDict

from ..content.model import Milestone, Project
from ..content.richtext import inline
from ..content.slides import Picture, SlideSource
from ..design.geometry import Box
from ..design.slides import FOOTER_BOX, LAYOUTS, LOGO_BOX, NUMBER_BOX, Placeholder, SlideLayout, TimelineGrid
from ..design.theme import Theme
from ..design.tokens import Colour
from ..errors import ContentError, Problem
from ..japanese.dates import wareki
from .blocks import city_table, design_city_table
from .fit import fit_rows, fit_stack, fit_table, text_styles
from .measure import SAFETY, height, row_heights, stack_height
from .spec import Spec, TableSpec, TextSpec, plain_text
from .text import markdown

#: What a continued table's title gets.
CONTINUED = "（続き）"
SLIDES_FILE = "content/slides.md"


@dataclass(frozen=True)
class PictureSpec:
    """A picture: its file, its alt text, and where it goes (fitted into its box, aspect kept)."""

    path: Path
    alt: str
    box: Box


def placed(picture: Picture, root: Path, box: Box) -> PictureSpec:
    """A picture as large as the box allows at its own aspect ratio, centred in it."""
    scale = min(box.w / picture.width, box.h / picture.height)
    w, h = picture.width * scale, picture.height * scale
    return PictureSpec(root / picture.path, picture.alt,
                       Box(box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h))


@dataclass(frozen=True)
class MilestoneSpec:
    """One milestone: its texts, and where its year, its texts and its dot go."""

    year: TextSpec
    title: TextSpec
    detail: TextSpec | None
    year_box: Box
    text_box: Box
    dot: Box


@dataclass(frozen=True)
class TimelineSpec:
    """The host city's milestones, and the line joining their dots, placed for every backend."""

    milestones: tuple[MilestoneSpec, ...]
    line: Box
    line_colour: Colour
    dot_colour: Colour


#: The timeline's line width and dot size, in pt.
LINE_WIDTH, DOT_SIZE = 2.0, 16.0


def _timeline(milestones: list[tuple[TextSpec, TextSpec, TextSpec | None]], grid: TimelineGrid,
              theme: Theme) -> TimelineSpec:
    """Milestones placed on their grid rows, with the line from the first dot to the last."""
    placed = []
    for index, (year, title, detail) in enumerate(milestones):
        cx, cy = grid.dot_centre(index)
        placed.append(MilestoneSpec(year, title, detail, grid.year_box(index), grid.text_box(index),
                                    Box(cx - DOT_SIZE / 2, cy - DOT_SIZE / 2, DOT_SIZE, DOT_SIZE)))
    x, top = grid.dot_centre(0)
    _, bottom = grid.dot_centre(len(milestones) - 1)
    line = Box(x - LINE_WIDTH / 2, top, LINE_WIDTH, bottom - top)
    return TimelineSpec(tuple(placed), line, theme.row_rule.colour, theme.header_fill)


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
        """Where the table's note goes: just below its last row, as tall as it measures."""
        note = self.table.note
        if note is None:
            return None
        top = self.box.y + sum(self.heights) + note.style.space_before
        return Box(self.box.x, top, self.box.w, stack_height([note], self.box.w) + 1)


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
    notes: list[Spec] = field(default_factory=list)
    footer: str = ""
    #: Where the footer and the slide number go (the master's placeholders have the same boxes).
    footer_box: Box = FOOTER_BOX
    number_box: Box = NUMBER_BOX


class _Common(TypedDict):
    """What every slide made from one source shares."""

    layout: SlideLayout
    source: SlideSource
    pictures: tuple[PictureSpec, ...]
    footer: str


def _placeholder(layout: SlideLayout, role: str) -> Placeholder:
    """A layout's placeholder for a role (every layout has the ones its slides fill)."""
    found = layout.placeholder(role)
    assert found is not None, f"layout {layout.key} has no {role} placeholder"
    return found


def footer_text(project: Project) -> str:
    """第9回ユネスコ創造都市国内ネットワーク会議｜令和8年6月17日(水)."""
    return f"{project.event.title}｜{wareki(project.event.date, True)}"


class _Builder:
    """Builds the slides and collects what does not fit."""

    def __init__(self, project: Project, theme: Theme, root: Path):
        self.project = project
        self.theme = theme
        self.root = root
        self.problems: list[Problem] = []
        self.slides: list[SlideSpec] = []

    def overflow(self, file: str, line: int | None, where: str, box: Box, specs: Sequence[Spec], hint: str) -> None:
        """Report text that does not fit even at its smallest allowed size."""
        text = "".join(plain_text(s) for s in specs)[:24]
        floor = min(style.min_size or style.size for s in specs for style in text_styles(s))
        self.problems.append(Problem(
            file, line, where, f"text that fits its area ({box.w:.0f} × {box.h:.0f} pt) at {floor:g} pt or more",
            f"「{text}…」, {stack_height(specs, box.w):.0f} pt high at full size", hint))

    def fitted(self, source: SlideSource, role: str, specs: list[Spec], box: Box) -> list[Spec]:
        """Specs shrunk to fit a placeholder, or a problem naming the slide and the text."""
        if not specs:
            return []
        fitted = fit_stack(specs, box.w, box.h)
        if fitted is None:
            self.overflow(SLIDES_FILE, source.line, f"slide {source.number} ({role})", box, specs,
                          "shorten it, split it over two slides, or move some of it to the speaker notes")
            return specs
        return fitted

    def add(self, source: SlideSource) -> None:
        layout = LAYOUTS[source.layout]
        text: dict[str, list[Spec]] = {}
        written: dict[str, list[Spec]] = {}
        title_style = self.theme.style(_placeholder(layout, "title").style)
        written["title"] = [TextSpec(inline(source.title), title_style)]
        for part in ("subtitle", "body", "right"):
            value = getattr(source, part)
            role = layout.parts.get(part)
            if not value or role is None:
                continue
            style = _placeholder(layout, role).style
            added = ([TextSpec(inline(value), self.theme.style(style))] if part == "subtitle"
                     else markdown(value, self.theme, style))
            written.setdefault(role, []).extend(added)
        for role, specs in written.items():
            text[role] = self.fitted(source, role, specs, _placeholder(layout, role).box)
        pictures = [placed(picture, self.root, _placeholder(layout, layout.parts[part]).box)
                    for part, picture in source.pictures.items() if part in layout.parts]
        if self.project.logo and layout.key in ("title", "closing"):
            pictures.append(placed(self.project.logo, self.root, LOGO_BOX))
        common: _Common = {"layout": layout, "source": source, "pictures": tuple(pictures),
                           "footer": footer_text(self.project) if layout.footer else ""}
        notes: list[Spec] = [*markdown(source.notes, self.theme, "notes")] if source.notes else []
        if source.show in TABLES:
            self.add_tables(source, layout, text, notes, common)
            return
        if source.show == "history":
            self.add_timelines(source, layout, text, notes, common)
            return
        self.slides.append(SlideSpec(len(self.slides) + 1, text=text, notes=notes, **common))

    def continued(self, text: dict[str, list[Spec]], index: int) -> dict[str, list[Spec]]:
        """A slide's text with （続き） after the title on every slide after the first."""
        if not index:
            return text
        title = text["title"][0]
        assert isinstance(title, TextSpec), "a slide's title is one paragraph"
        return {**text, "title": [replace(title, runs=(*title.runs, *inline(CONTINUED)))]}

    def add_tables(self, source: SlideSource, layout: SlideLayout, text: dict[str, list[Spec]], notes: list[Spec],
                   common: _Common) -> None:
        """The city table, continued on following slides (header repeated) when it is too long."""
        box = _placeholder(layout, "table").box
        table, file = TABLES[source.show or "cities"]
        parts = fit_table(table(self.project, self.theme), box.w, box.h)
        for index, part in enumerate(parts):
            header, rows = row_heights(part, box.w)
            if height(part, box.w) > box.h * SAFETY:
                self.problems.append(Problem(
                    SLIDES_FILE, source.line, f"slide {source.number} (table)",
                    f"table rows that fit the table area ({box.h:.0f} pt high)",
                    f"a row {max(rows):.0f} pt high", f"shorten the longest cell in content/{file}"))
            self.slides.append(SlideSpec(
                len(self.slides) + 1, text=self.continued(text, index),
                table=SlideTable(part, box, header, tuple(rows)), notes=notes if index == 0 else [], **common))

    def add_timelines(self, source: SlideSource, layout: SlideLayout, text: dict[str, list[Spec]], notes: list[Spec],
                      common: _Common) -> None:
        """The host city's history on as few timeline slides as let every milestone fit at its
        readable size (all shrunk by one factor), continued with （続き） like a table."""
        history = self.project.host.history
        for per_slide in range(len(history), 0, -1):
            count = -(-len(history) // per_slide)
            size = -(-len(history) // count)  # the milestones spread evenly over the slides
            chunks = [history[start:start + size] for start in range(0, len(history), size)]
            timelines = self.timelines(layout, chunks)
            if timelines is not None:
                break
        else:
            timelines = self.timelines(layout, [[item] for item in history], report=True) or []
        for index, timeline in enumerate(timelines):
            self.slides.append(SlideSpec(len(self.slides) + 1, text=self.continued(text, index), timeline=timeline,
                                         notes=notes if index == 0 else [], **common))

    def _rows(self, items: Sequence[Milestone]) -> list[list[TextSpec]]:
        rows: list[list[TextSpec]] = []
        for item in items:
            rows.append([TextSpec(inline(item.year), self.theme.style("slide-year"))])
            rows.append([TextSpec(inline(item.title), self.theme.style("slide-milestone"))]
                        + ([TextSpec(inline(item.detail), self.theme.style("slide-milestone-detail"))]
                           if item.detail else []))
        return rows

    def timelines(self, layout: SlideLayout, chunks: Sequence[Sequence[Milestone]],
                  report: bool = False) -> list[TimelineSpec] | None:
        """A timeline per chunk of milestones, all shrunk by one common factor to fit their rows;
        None if they do not fit (with `report`, each milestone that does not is a problem)."""
        per_slide = max(len(chunk) for chunk in chunks)
        if layout.area is None:
            raise TypeError(f"the {layout.name} layout has no area for a timeline")
        grid = TimelineGrid(layout.area, per_slide)
        rows = [row for chunk in chunks for row in self._rows(chunk)]
        boxes = [box for chunk in chunks for index in range(len(chunk))
                 for box in (grid.year_box(index), grid.text_box(index))]
        fitted = fit_rows(rows, boxes)
        if fitted is None:
            if not report:
                return None
            items = [item for chunk in chunks for item in chunk]
            for index, item in enumerate(items):
                if fit_stack(rows[2 * index + 1], boxes[2 * index + 1].w, boxes[2 * index + 1].h) is None:
                    self.overflow(item.where.file, item.where.line, item.where.path, boxes[2 * index + 1],
                                  rows[2 * index + 1], "shorten the title or detail of this milestone")
            fitted = rows
        timelines, position = [], 0
        for chunk in chunks:
            texts = [(fitted[2 * i][0], fitted[2 * i + 1][0],
                      fitted[2 * i + 1][1] if len(fitted[2 * i + 1]) > 1 else None)
                     for i in range(position, position + len(chunk))]
            position += len(chunk)
            timelines.append(_timeline(texts, grid, self.theme))
        return timelines


#: The tables a slide can show: block → (the table, the file its rows come from).
TABLES: dict[str, tuple[Callable[[Project, Theme], TableSpec], str]] = {
    "cities": (city_table, "cities.yaml"),
    "design_cities": (lambda project, theme: design_city_table(project, theme, across=2), "design_cities.yaml"),
}


def build_slides(project: Project, theme: Theme, root: Path) -> list[SlideSpec]:
    """Every slide, fitted; raises ContentError listing every text that cannot fit."""
    builder = _Builder(project, theme, root)
    for source in project.slides:
        builder.add(source)
    if builder.problems:
        raise ContentError(builder.problems)
    return builder.slides
