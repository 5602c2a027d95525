"""The A4 meeting handout: 次第 on the first page, then the overview's numbered sections."""

from __future__ import annotations

from ..backends.pdf import document
from ..backends.pdf.render import Area, story
from ..components.blocks import BLOCKS, agenda_table, event_when
from ..components.fit import fit_stack
from ..components.heading import heading
from ..components.keyvalue import key_values
from ..components.spec import PageBreakSpec, Spec
from ..components.text import bullets, markdown, plain
from ..content.model import Project
from ..design.press import OFFICE, Profile
from ..design.theme import HANDOUT, Theme

#: File name under output/.
FILE_NAME = "handout.pdf"


def cover(project: Project, theme: Theme) -> list[Spec]:
    """Title, date and venue, the agenda, the documents handed out and the secretariat."""
    event, outline, contact = project.event, project.handout.cover, project.host.contact
    title = plain(outline.title, theme, "title", "center")
    # On one line if it can be, a little smaller; else on two balanced lines at full size.
    one_line = fit_stack([title], theme.grid.frame_width, title.style.leading)
    specs: list[Spec] = [
        one_line[0] if one_line else title,
        plain(outline.subtitle, theme, "h1", "center"),
        key_values([("日時", event_when(project)), ("場所", event.venue)], theme),
        agenda_table(project, theme),
    ]
    if outline.documents:
        specs += [heading("配布資料", theme, level=3), bullets(outline.documents, theme)]
    specs.append(plain(f"事務局　{project.host.city}{contact.department}（電話 {contact.phone}）", theme, "caption"))
    return specs


def sections(project: Project, theme: Theme) -> list[Spec]:
    """The numbered sections handout.yaml lists, each a heading and its blocks."""
    specs: list[Spec] = []
    number = 0
    for section in project.handout.sections:
        if section.new_page:
            specs.append(PageBreakSpec())
        if section.numbered:
            number += 1
        specs.append(heading(section.heading, theme, number if section.numbered else None))
        if section.show:
            specs += BLOCKS[section.show](project, theme)
        if section.text:
            specs += markdown(section.text, theme)
        if section.file:
            specs += markdown(project.texts[section.file], theme, "prose")
        if section.signature:
            specs.append(plain(section.signature, theme, "body", "right"))
    return specs


def build(project: Project, theme: Theme = HANDOUT, profile: Profile = OFFICE) -> bytes:
    """The handout as PDF bytes, for an office printer or (press profile) a print shop."""
    specs = cover(project, theme) + sections(project, theme)
    event = project.event
    info = document.DocumentInfo(
        title=f"{event.title} 会議資料",
        subject=f"{event_when(project)} {event.venue}",
        author=f"{project.host.city}{project.host.contact.department}",
    )
    furniture = document.running_furniture(theme, event.title, event_when(project))
    area = Area(theme.grid.frame_width, theme.grid.frame_height)
    return document.render(story(specs, area), theme, info, furniture, profile)
