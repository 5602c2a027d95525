"""press-release.pdf: the city's standard 報道発表資料 form for the meeting, one A4 page.

A 概要 too long for the page is first set tighter (down to its floor size); then, if press.yaml
allows it, continued on a separate sheet (別紙) as city press releases do; only then refused,
saying by how many lines and which topic is the longest.
"""

from __future__ import annotations

from math import ceil

from ..backends.pdf import document
from ..components.fit import factors, scaled
from ..components.measure import key_value_widths, stack_height
from ..components.pages import Layout, paginate
from ..components.press_release import CONTINUED, form, press_release, separate_sheet, topics
from ..components.spec import Run, Spec, TextSpec
from ..content.model import PressRelease, Project
from ..design.press import OFFICE, Profile
from ..design.theme import RELEASE, Theme
from ..errors import ContentError, Problem, UccError
from .info import document_info

FILE_NAME = "press-release.pdf"
#: What 概要's topics are called in messages (press.yaml's words).
TOPIC_NAMES = {"when": "when (日時)", "venue": "venue (場所)", "participants": "participants (参加者)",
               "guests": "guests (来賓, from the guest list)", "network": "network", "host": "host",
               "meeting": "meeting"}


def _flat(found: list[tuple[str, list[Spec]]]) -> list[Spec]:
    return [spec for _topic, specs in found for spec in specs]


def _one_page(specs: list[Spec], theme: Theme) -> Layout | None:
    laid = paginate(specs, theme.grid)
    return laid if len(laid.pages) == 1 and not laid.problems else None


def _too_long(project: Project, release: PressRelease, theme: Theme, found: list[tuple[str, list[Spec]]],
              scale: float) -> ContentError:
    """How much too long the release is at its smallest, and which topic is longest."""
    grid = theme.grid
    overview = [scaled(spec, scale) for spec in _flat(found)]
    specs = press_release(project, release, theme, overview)
    over = stack_height(specs, grid.frame_width) - grid.frame_height
    leading = theme.style("value").leading * scale
    value_width = key_value_widths(form(project, release, theme, overview), grid.frame_width)[1] - 2 * theme.cell_pad_x
    lengths = {topic: round(stack_height([scaled(s, scale) for s in topic_specs], value_width) / leading)
               for topic, topic_specs in found}
    longest = max(lengths, key=lambda topic: lengths[topic]) if lengths else None
    pages = len(paginate(specs, grid).pages)
    where = release.where_of("overview")
    found_text = f"{pages} pages: about {max(1, ceil(over / leading))} lines too many even with 概要 at " \
                 f"{theme.style('value').size * scale:g} pt"
    if longest:
        found_text += f"; the longest topic is {TOPIC_NAMES[longest]}, {lengths[longest]} lines"
    return ContentError([Problem(
        where.file, where.line, "", "a press release that fits on one A4 page, as the form is", found_text,
        "take the longest topics out of overview, shorten coverage or notes, or write `separate_sheet: true` "
        "to continue 概要 on a second page (別紙)")])


def layout(project: Project, theme: Theme = RELEASE) -> Layout:
    """The release's page (and its 別紙, when allowed and needed); a ContentError says how much too long."""
    release = project.release
    if release is None:
        raise UccError("content/press.yaml is missing: it holds the press release's own fields "
                       "(document number, date of issue, 分類).\nCopy it from the bundled example content and edit it.")
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
        continued = TextSpec((Run(CONTINUED),), theme.style("value").but(align="right"))
        for keep in range(len(found) - 1, 0, -1):
            specs = press_release(project, release, theme, _flat(found[:keep]) + [continued])
            if _one_page(specs, theme):
                return paginate(specs + separate_sheet(_flat(found[keep:]), theme), theme.grid)
    raise _too_long(project, release, theme, found, smallest)


def build(project: Project, profile: Profile = OFFICE, theme: Theme = RELEASE) -> bytes:
    """The press release as PDF bytes (UccError if content/press.yaml is missing)."""
    info = document_info(project, "報道発表資料")
    return document.render(layout(project, theme).pages, info, document.no_furniture, theme.style("body").face(),
                           profile)
