"""The press release laid out: its one A4 form, 概要 set tighter (down to its floor size) when it is
long, then, if press.yaml allows it, continued on a separate sheet (別紙); else a ContentError
saying by how many lines it is too long and which topic is the longest."""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil

from ..content import model
from ..content.model import Project
from ..design.theme import RELEASE, Theme
from ..errors import ContentError, Problem, plural
from .fit import factors, scaled
from .measure import key_value_widths, stack_height
from .pages import Layout, paginate
from .press_release import CONTINUED, SEE_SEPARATE, form, press_release, separate_sheet, topics
from .spec import Run, Spec, TextBlockSpec, TextSpec

#: What 概要's topics are called in messages (press.yaml's words).
TOPIC_NAMES = {"when": "when (日時)", "venue": "venue (場所)", "participants": "participants (参加者)",
               "guests": "guests (来賓, from the guest list)", "network": "network", "host": "host",
               "meeting": "meeting"}


def _flat(found: list[tuple[str, Sequence[TextBlockSpec]]]) -> list[TextBlockSpec]:
    return [spec for _topic, specs in found for spec in specs]


def _one_page(specs: list[Spec], theme: Theme) -> Layout | None:
    laid = paginate(specs, theme.page_grid)
    return laid if len(laid.pages) == 1 and not laid.problems else None


def _laid(specs: list[Spec], theme: Theme) -> Layout:
    """A release laid out over more pages (its separate sheet): every problem is the clerk's."""
    laid = paginate(specs, theme.page_grid)
    if laid.problems:
        raise ContentError(laid.problems)
    return laid


def _too_long(project: Project, release: model.PressRelease, theme: Theme,
              found: list[tuple[str, Sequence[TextBlockSpec]]], scale: float) -> ContentError:
    """How much too long the release is at its smallest, and which topic is longest (or, with its
    separate sheet allowed, that the rest of the form is too long even with 概要 moved there)."""
    grid = theme.page_grid
    overview = [_marker(SEE_SEPARATE, theme)] if release.separate_sheet else [scaled(s, scale) for s in _flat(found)]
    specs = press_release(project, release, theme, overview)
    leading = theme.style("value").leading * scale
    lines = plural(max(1, ceil((stack_height(specs, grid.frame_width) - grid.frame_height) / leading)), "line")
    where = release.where_of("overview")
    if release.separate_sheet:
        return ContentError([Problem(
            where.file, where.line, "", "a press release form that fits on one A4 page",
            f"about {lines} too many even with all of 概要 on the separate sheet",
            "shorten coverage or notes: they are on the form's one page")])
    value_width = key_value_widths(form(project, release, theme, overview), grid.frame_width)[1] - 2 * theme.cell_pad_x
    lengths = {topic: round(stack_height([scaled(s, scale) for s in topic_specs], value_width) / leading)
               for topic, topic_specs in found}
    longest = max(lengths, key=lambda topic: lengths[topic]) if lengths else None
    pages = len(paginate(specs, grid).pages)
    found_text = f"{pages} pages: about {lines} too many even with 概要 at {theme.style('value').size * scale:g} pt"
    if longest:
        found_text += f"; the longest topic is {TOPIC_NAMES[longest]}, {plural(lengths[longest], 'line')}"
    return ContentError([Problem(
        where.file, where.line, "", "a press release that fits on one A4 page, as the form is", found_text,
        "take the longest topics out of overview, shorten coverage or notes, or write `separate_sheet: true` "
        "to continue 概要 on a second page (別紙)")])


def _marker(text: str, theme: Theme) -> TextSpec:
    return TextSpec((Run(text),), theme.style("value").but(align="right"))


def _continued(project: Project, release: model.PressRelease, theme: Theme,
               found: list[tuple[str, Sequence[TextBlockSpec]]]) -> Layout | None:
    """The form holding as much of 概要 as fits, paragraph by paragraph (never a ■heading without
    what follows it), the rest on the separate sheet (別紙); None if not even the form fits."""
    # each paragraph, and whether it is a ■heading alone (after which 概要 may not stop on the form)
    paragraphs = [(spec, index == 0 and len(specs) > 1) for _topic, specs in found for index, spec in enumerate(specs)]
    stops = [keep for keep in range(len(paragraphs)) if keep == 0 or not paragraphs[keep - 1][1]]

    def form_with(keep: int) -> list[Spec]:
        kept = [spec for spec, _heading in paragraphs[:keep]]
        return press_release(project, release, theme, kept + [_marker(CONTINUED if keep else SEE_SEPARATE, theme)])

    low, high = 0, len(stops) - 1  # the most paragraphs that fit, found by halving
    if not _one_page(form_with(stops[0]), theme):
        return None
    while low < high:
        middle = (low + high + 1) // 2
        if _one_page(form_with(stops[middle]), theme):
            low = middle
        else:
            high = middle - 1
    keep = stops[low]
    rest = [spec for spec, _heading in paragraphs[keep:]]
    return _laid(form_with(keep) + separate_sheet(rest, theme), theme)


def layout(project: Project, release: model.PressRelease, theme: Theme = RELEASE) -> Layout:
    """The release's page (and its 別紙, when allowed and needed); a ContentError says how much too long."""
    found = topics(project, release, theme)
    overview = _flat(found)
    smallest = 1.0
    for factor in factors(overview):  # tighter, down to the floor of 概要's text
        candidate = [scaled(spec, factor) for spec in overview] if factor != 1.0 else overview
        laid = _one_page(press_release(project, release, theme, candidate), theme)
        if laid:
            return laid
        smallest = factor
    if release.separate_sheet:
        laid = _continued(project, release, theme, found)
        if laid:
            return laid
    raise _too_long(project, release, theme, found, smallest)
