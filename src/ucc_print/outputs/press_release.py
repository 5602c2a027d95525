"""press-release.pdf: the city's standard 報道発表資料 form for the meeting, one A4 page."""

from __future__ import annotations

from ..backends.pdf import document
from ..backends.pdf.render import Area, story
from ..components.press_release import press_release
from ..content.model import Project
from ..design.press import OFFICE, Profile
from ..design.theme import RELEASE, Theme
from ..errors import ContentError, Problem, UccError
from .info import document_info

FILE_NAME = "press-release.pdf"


def build(project: Project, profile: Profile = OFFICE, theme: Theme = RELEASE) -> bytes:
    """The press release as PDF bytes (UccError if content/press.yaml is missing)."""
    release = project.release
    if release is None:
        raise UccError("content/press.yaml is missing: it holds the press release's own fields "
                       "(document number, date of issue, 分類).\nCopy it from the bundled example content and edit it.")
    info = document_info(project, "報道発表資料")
    area = Area(theme.grid.frame_width, theme.grid.frame_height)
    pages: list[int] = []  # the form has no running header or page number: the callback only counts

    def count(canvas, number: int, total: int) -> None:
        pages.append(number)

    data = document.render(story(press_release(project, release, theme), area), theme, info, count, profile)
    if len(pages) > 1:
        where = release.where_of("overview")
        raise ContentError([Problem(
            where.file, where.line, "", "a press release that fits on one A4 page, as the form is",
            f"{len(pages)} pages",
            "shorten coverage or notes, or take the longest topics (network, host, meeting) out of overview")])
    return data
