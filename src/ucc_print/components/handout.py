"""The handout's pages: the cover (title, date and venue, the agenda tightened until it fits one
page) and the numbered sections handout.yaml lists, every page break decided."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from ..content.model import Project
from ..content.model.handout import Section
from ..design.theme import HANDOUT, Theme
from ..design.tokens import A3_LANDSCAPE, A3_PORTRAIT, PageGrid
from ..errors import ContentError, Problem
from .blocks import BLOCKS, agenda_table, event_when
from .fit import fit_stack
from .heading import heading
from .keyvalue import aligned, key_values
from .measure import stack_height
from .pages import Layout, paginate
from .seating import seating_plan
from .spec import PageBreakSpec, Spec, TableSpec
from .text import bullets, markdown, named, plain


def _agenda_that_fits(specs: list[Spec], agenda: TableSpec, width: float, height: float) -> TableSpec:
    """The agenda tightened until the whole cover fits its page: less room between items, then
    smaller text down to the agenda's floor."""
    others = stack_height(specs, width) - stack_height([agenda], width)
    for pad_y in (agenda.pad_y, agenda.pad_y / 2):
        candidate = replace(agenda, pad_y=pad_y)
        if stack_height([candidate], width) <= height - others:
            return candidate
    fitted = fit_stack([replace(agenda, pad_y=agenda.pad_y / 2)], width, height - others)
    return fitted[0] if fitted else replace(agenda, pad_y=agenda.pad_y / 2)


def cover(project: Project, theme: Theme) -> list[Spec]:
    """Title, date and venue, the agenda, the documents handed out and the secretariat, on one
    page (the agenda tightened if it is long)."""
    event, outline, contact = project.event, project.handout.cover, project.host.contact
    grid = theme.page_grid
    title = plain(outline.title, theme, "title", "center")
    # On one line if it can be, a little smaller; else on two balanced lines at full size.
    one_line = fit_stack([title], grid.frame_width, title.style.leading)
    agenda = agenda_table(project, theme)
    specs: list[Spec] = [
        one_line[0] if one_line else title,
        plain(outline.subtitle, theme, "h1", "center"),
        key_values([("日時", event_when(project)), ("場所", event.venue)], theme),
        agenda,
    ]
    if outline.documents:
        specs += [heading("配布資料", theme, level=3), bullets(outline.documents, theme)]
    specs.append(plain(f"事務局　{project.host.city}{contact.department}（電話 {contact.phone}）", theme, "caption"))
    if stack_height(specs, grid.frame_width) > grid.frame_height:
        specs[3] = _agenda_that_fits(specs, agenda, grid.frame_width, grid.frame_height)
    return specs


def a3_grid(project: Project, theme: Theme) -> PageGrid:
    """The A3 page a seating chart goes on: upright or across, whichever shows it larger."""
    def scale(grid: PageGrid) -> float:
        plan = seating_plan(project, theme, grid.frame_width)
        return min(1.0, grid.frame_height / plan.height, grid.frame_width / plan.width)

    return max((A3_PORTRAIT, A3_LANDSCAPE), key=scale)


def sections(project: Project, theme: Theme) -> tuple[list[Spec], list[Problem]]:
    """The numbered sections handout.yaml lists, each a heading and its blocks, and the problems
    of blocks that cannot be made (all of them, not only the first)."""
    specs: list[Spec] = []
    problems: list[Problem] = []
    number = 0
    after_a3 = False
    for section in project.handout.sections:
        on_a3 = section.show == "seating" and project.handout.seating.paper == "A3"
        grid = theme.page_grid
        if on_a3:
            with contextlib.suppress(ContentError):  # the chart's own problems are reported below
                grid = a3_grid(project, theme)
        if on_a3 or after_a3:
            specs.append(PageBreakSpec(grid))
        elif section.new_page:
            specs.append(PageBreakSpec())
        after_a3 = on_a3
        if section.numbered:
            number += 1
        specs.append(heading(section.heading, theme, number if section.numbered else None))
        if section.show:
            try:
                specs += BLOCKS[section.show](project, theme, grid.frame_width)
            except ContentError as error:
                problems += error.problems
        specs += written(project, section, theme)
    return specs, problems


def written(project: Project, section: Section, theme: Theme) -> list[Spec]:
    """A section's own text, its Markdown file and its signature (what follows its `show:` block)."""
    specs: list[Spec] = []
    if section.text:
        specs += markdown(section.text, theme)
    if section.file:
        specs += markdown(project.texts[section.file], theme, "prose")
    if section.signature:
        specs.append(plain(named(section.signature, project.people()), theme, "body", "right"))
    return specs


def layout(project: Project, theme: Theme = HANDOUT) -> Layout:
    """The handout's pages, every break decided; a ContentError names everything that cannot be
    laid out."""
    body, problems = sections(project, theme)
    specs = aligned(cover(project, theme) + body, theme.page_grid.frame_width)
    laid = paginate(specs, theme.page_grid)
    problems += laid.problems
    if problems:
        raise ContentError(problems)
    return laid
