"""press-release.pdf: the city's standard 報道発表資料 form for the meeting, one A4 page.

A 概要 too long for the page is first set tighter (down to its floor size); then, if press.yaml
allows it, continued on a separate sheet (別紙) as city press releases do; only then refused,
saying by how many lines and which topic is the longest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..design.profiles import OFFICE, Profile
from .base import Output, register, shop_name
from .info import document_info

if TYPE_CHECKING:
    from ..components.pages import Layout
    from ..content.model import Project
    from ..design.theme import Theme

FILE_NAME = "press-release.pdf"


def layout(project: Project, theme: Theme | None = None) -> Layout:
    """The release's pages (components/release_layout.py); asked for without press.yaml, says what to do."""
    from ..components import release_layout
    from ..design.theme import RELEASE

    if project.release is None:
        raise PressRelease.missing()
    return release_layout.layout(project, project.release, theme or RELEASE)


def pdf(project: Project, profile: Profile = OFFICE, theme: Theme | None = None) -> bytes:
    """The press release as PDF bytes."""
    from ..backends.pdf import document
    from ..design.theme import RELEASE

    theme = theme or RELEASE
    info = document_info(project, "報道発表資料")
    return document.render(layout(project, theme).pages, info, document.no_furniture, theme.style("body").face(),
                           profile)


@register
class PressRelease(Output):
    """Write output/press-release.pdf, the city's 報道発表資料 form (from content/press.yaml and the
    meeting's content)."""

    name = "press"
    title = "報道発表資料"
    sources = ("content/press.yaml",)
    needs = "release"
    holds = "the press release's own fields (document number, date of issue, 分類)"
    writes = (FILE_NAME,)

    def files(self, profile: Profile, **options: Any) -> dict[str, bytes]:
        return {shop_name(FILE_NAME, profile): pdf(self.project, profile)}
