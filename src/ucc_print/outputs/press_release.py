"""press-release.pdf: the city's standard 報道発表資料 form for the meeting, one A4 page."""

from __future__ import annotations

from ..backends.pdf import document
from ..backends.pdf.render import Area, story
from ..components.press_release import press_release
from ..content.model import Project
from ..design.press import OFFICE, Profile
from ..design.theme import RELEASE, Theme
from ..errors import UccError
from .info import document_info

FILE_NAME = "press-release.pdf"


def _no_furniture(canvas, number: int, total: int) -> None:
    """A form carries no running header or page number."""


def build(project: Project, profile: Profile = OFFICE, theme: Theme = RELEASE) -> bytes:
    """The press release as PDF bytes (UccError if content/press.yaml is missing)."""
    release = project.release
    if release is None:
        raise UccError("content/press.yaml is missing: it holds the press release's own fields "
                       "(document number, date of issue, 分類).\nCopy it from the bundled example content and edit it.")
    info = document_info(project, "報道発表資料")
    area = Area(theme.grid.frame_width, theme.grid.frame_height)
    return document.render(story(press_release(project, release, theme), area), theme, info, _no_furniture, profile)
