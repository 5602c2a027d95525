"""The web edition's pages, decided here and rendered by the HTML backend: what each page says, in
which order, under which headings, from the same blocks the handout, the press release and the
deck are made of (so every date, name and count is the printed one).

Privacy is decided here too: the 来賓 appear as the press release names them; the participants'
list, the seating chart and the speaker notes only when web.yaml says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.model import Project, WebEdition
from ..content.richtext import inline
from ..design.theme import HANDOUT, RELEASE, SLIDES
from ..errors import ContentError, Problem
from .blocks import BLOCKS, agenda_entries, design_city_table, event_when, guest_line
from .handout import written
from .press_release import addressing, form, topic_texts
from .seating import seating_plan
from .slides import TABLES
from .spec import ChartSpec, HeadingSpec, ListItem, ListSpec, Run, Spec, TableSpec, TextSpec
from .text import markdown

#: The pages of the web edition, in the order the site's navigation lists them.
INDEX, PRESS, DECK = "index.html", "press-release.html", "slides.html"
#: Where a seat is, as the text under the seating chart says it.
PLACES = {"head": "正面席", "side": "参加者席", "foot": "事務局席"}


@dataclass(frozen=True)
class Figure:
    """A picture on a page: its file inside the project (or None for the seating chart, which the
    output draws), its alternative text, and the caption under it."""

    path: str | None
    alt: str
    caption: str = ""
    chart: ChartSpec | None = None
    #: Its size in pixels (a picture's; the chart's is known once drawn).
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class Section:
    """One part of a page: a heading (an h2), its blocks, its pictures, and (for a slide) its notes."""

    heading: str
    specs: tuple[Spec, ...]
    figures: tuple[Figure, ...] = ()
    notes: tuple[Spec, ...] = ()
    #: Blocks after the pictures (the seats of the seating chart, listed as text).
    after: tuple[Spec, ...] = ()
    #: The id the section's heading is linked by (the page's table of contents).
    anchor: str = ""


@dataclass(frozen=True)
class Fact:
    """A fact of the meeting shown under the page's title: 日時 (with its machine-readable time) or 場所."""

    label: str
    text: str
    datetime: str | None = None


@dataclass(frozen=True)
class WebPage:
    """One HTML page: its file, its title (the h1 and <title>), facts under the title, sections."""

    file: str
    title: str
    facts: tuple[Fact, ...] = ()
    lead: tuple[Spec, ...] = ()
    sections: tuple[Section, ...] = field(default_factory=tuple)


def edition(project: Project) -> WebEdition:
    """web.yaml's choices, or the privacy-first defaults when there is none."""
    return project.web or WebEdition()


def facts(project: Project) -> tuple[Fact, ...]:
    """日時 (<time datetime="2026-06-17T14:30+09:00">) and 場所."""
    event = project.event
    start = f"{event.date.isoformat()}T{event.start}+09:00"
    return Fact("日時", event_when(project), start), Fact("場所", event.venue)


def agenda(project: Project) -> ListSpec:
    """次第 as a numbered list: each item with its time and speaker, its sub-items （1）… below it."""
    items: list[ListItem] = []
    for number, (time, title, subs, speaker) in enumerate(agenda_entries(project), 1):
        said = (Run("（"), *speaker, Run("）")) if speaker else ()
        runs = ((Run(f"{time}　"),) if time else ()) + (Run(title), *said)
        items.append(ListItem(runs, 0, f"{number}."))
        items += [ListItem((Run(sub),), 1, "・") for sub in subs]
    return ListSpec(tuple(items), HANDOUT.style("bullet"))


def seat_list(project: Project) -> tuple[Figure, list[Spec]]:
    """The seating chart as a picture, and its seats in order as text under a heading of their own
    (for anyone who cannot see the picture)."""
    plan = seating_plan(project, HANDOUT, HANDOUT.page_grid.frame_width)
    items = [ListItem((*inline(f"{PLACES[seat.guest.place]}　"), *guest_line(seat.guest)), 0, "・")
             for seat in plan.seats]
    figure = Figure(None, f"{len(plan.seats)}席。席順は図の下に文字で示しています。", "配席図", plan.chart())
    return figure, [HeadingSpec("席順（配席図の内容）", HANDOUT.style("h3"), 3),
                    ListSpec(tuple(items), HANDOUT.style("bullet"))]


def _blocks(project: Project, show: str) -> tuple[list[Spec], list[Figure], list[Spec]]:
    """What a handout section's `show:` puts on the web page, before and after its pictures (the
    world's cities one to a row; the seating chart, then its seats as text)."""
    if show == "design_cities":
        return [design_city_table(project, HANDOUT)], [], []
    if show == "seating":
        figure, seats = seat_list(project)
        return [], [figure], seats
    return BLOCKS[show](project, HANDOUT, HANDOUT.page_grid.frame_width), [], []


def shown(show: str | None, web: WebEdition) -> bool:
    """Whether a handout section is published: the participants and the seating only if web.yaml says so."""
    return not ((show == "attendees" and not web.participants) or (show == "seating" and not web.seating))


def public(project: Project) -> tuple[Project, list[str]]:
    """The project as the web may print it: the handout's sections web.yaml does not publish (the
    出席者名簿, the 配席図) left out, for the handout PDF the web edition links; and their headings."""
    web = edition(project)
    hidden = [section for section in project.handout.sections if not shown(section.show, web)]
    if not hidden:
        return project, []
    kept = [section for section in project.handout.sections if shown(section.show, web)]
    outline = project.handout.model_copy(update={"sections": kept})
    return project.model_copy(update={"handout": outline}), [section.heading for section in hidden]


def meeting_page(project: Project) -> WebPage:
    """index.html: the meeting's title, date and venue, the 次第, then handout.yaml's sections in its order."""
    web = edition(project)
    sections = [Section("次第", (agenda(project),), anchor="agenda")]
    problems: list[Problem] = []
    for number, part in enumerate(project.handout.sections, 1):
        if not shown(part.show, web):
            continue
        specs: list[Spec] = []
        figures: list[Figure] = []
        after: list[Spec] = []
        if part.show:
            try:
                blocks, figures, after = _blocks(project, part.show)
                specs += blocks
            except ContentError as error:
                problems += error.problems
        specs += written(project, part, HANDOUT)
        sections.append(Section(part.heading, tuple(specs), tuple(figures), after=tuple(after),
                                anchor=f"section-{number}"))
    if problems:
        raise ContentError(problems)
    return WebPage(INDEX, project.event.title, facts(project), sections=tuple(sections))


def press_page(project: Project) -> WebPage | None:
    """press-release.html: the release's fields, then its 概要, each topic a heading with its text."""
    release = project.release
    if release is None:
        return None
    lead = tuple(addressing(release, RELEASE))
    fields = form(project, release, RELEASE, None, boxed=False)
    overview: list[Spec] = []
    for key, heading, body in topic_texts(project, release, RELEASE):
        text: list[Spec] = [*body]
        if key == "guests":  # a line each on paper, a list on the page
            text = [ListSpec(tuple(ListItem(spec.runs, 0, "・") for spec in body if isinstance(spec, TextSpec)),
                             RELEASE.style("value"))]
        overview += [HeadingSpec(heading, RELEASE.style("h3"), 3), *text]
    return WebPage(PRESS, f"報道発表資料　{release.title or project.event.title}", facts(project), lead,
                   (Section("発表の内容", (fields,), anchor="fields"),
                    Section("概要", tuple(overview), anchor="overview")))


def _slide_table(project: Project, show: str) -> TableSpec:
    """A slide's table whole (the deck continues it over slides; a page needs no break), the world's
    cities one to a row."""
    if show == "design_cities":
        return design_city_table(project, SLIDES)
    return TABLES[show][0](project, SLIDES)


def _history(project: Project) -> ListSpec:
    """The host city's milestones as a list: year, title, detail."""
    return ListSpec(tuple(ListItem((*inline(f"{item.year}　"), *inline(item.title))
                                   + ((*inline("　"), *inline(item.detail)) if item.detail else ()), 0, "・")
                          for item in project.host.history), SLIDES.style("body"))


def deck_page(project: Project) -> WebPage:
    """slides.html: each slide's title, text, table or timeline and pictures (with their alt text),
    and its speaker notes if web.yaml says so."""
    web = edition(project)
    sections = []
    for source in project.slides:
        specs: list[Spec] = []
        if source.subtitle:
            specs.append(TextSpec(tuple(inline(source.subtitle)), SLIDES.style("body")))
        for part in (source.body, source.right):
            if part:
                specs += markdown(part, SLIDES, "body")
        if source.show in TABLES:
            specs.append(_slide_table(project, source.show))
        elif source.show == "history":
            specs.append(_history(project))
        figures = tuple(Figure(picture.path, picture.alt, width=picture.width, height=picture.height)
                        for picture in source.pictures.values())
        notes = tuple(markdown(source.notes, SLIDES, "body")) if web.speaker_notes and source.notes else ()
        sections.append(Section(source.title or f"スライド {source.number}", tuple(specs), figures, notes,
                                anchor=f"slide-{source.number}"))
    return WebPage(DECK, f"スライド　{project.event.title}", facts(project), sections=tuple(sections))


def pages(project: Project) -> list[WebPage]:
    """Every page of the web edition: the meeting, the press release (with press.yaml), the slides."""
    found = [meeting_page(project), press_page(project), deck_page(project)]
    return [page for page in found if page is not None]
