"""Every output `ucc-print build` makes: what files it writes, what content it is made from.

A recipe builds its files in memory (name under output/ → bytes); the commands decide where
and whether to write them. `sources` lets `build --watch` rebuild only what a change touches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from ..content.loader import CONTENT_FILES
from ..content.model import Project
from ..design.press import Profile
from ..errors import UccError
from . import cards, deck, handout, press_release

#: Content every output may draw on: templates in any text can quote these files.
SHARED = ("content/event.yaml", "content/host.yaml", "content/network.yaml", "content/commission.yaml",
          "content/cities.yaml", "content/guests.yaml")
#: Where press-profile PDFs go under output/.
PRESS_FOLDER = "press"


@dataclass(frozen=True)
class Recipe:
    """One output: its name, what it is for a clerk, the content it is made from, how it is made."""

    name: str
    what: str
    #: Project-relative paths or patterns (besides SHARED) whose change means a rebuild.
    sources: tuple[str, ...]
    make: Callable[[Project, Path, Profile], dict[str, bytes]]
    #: The project attribute of an optional content file it is made from (see CONTENT_FILES).
    needs: str | None = None
    #: What it writes (before pdf_name), removed by `build` once that optional file is gone.
    writes: tuple[str, ...] = ()
    #: What that optional file holds, to tell a clerk who asks for this output without it.
    holds: str = ""

    @property
    def needs_file(self) -> str | None:
        """The optional content file it is made from: press.yaml."""
        return CONTENT_FILES[self.needs][0] if self.needs else None

    def uses(self, path: str) -> bool:
        """Whether a changed file (project-relative, with /) is one this output is made from."""
        return any(fnmatch(path, pattern) for pattern in SHARED + self.sources)

    def available(self, project: Project) -> bool:
        """False when the optional content file it is made from is left out of the project."""
        return self.needs is None or getattr(project, self.needs) is not None

    def missing(self) -> UccError:
        """The error for asking for this output without its optional content file."""
        return UccError(f"content/{self.needs_file} is missing: it holds {self.holds}.\n"
                        "Copy it from the bundled example content and edit it.")


def pdf_name(name: str, profile: Profile) -> str:
    """handout.pdf, or press/handout.pdf in the press profile."""
    return f"{PRESS_FOLDER}/{name}" if profile.press else name


def _handout(project: Project, root: Path, profile: Profile) -> dict[str, bytes]:
    return {pdf_name(handout.FILE_NAME, profile): handout.build(project, profile=profile)}


def slide_files(project: Project, root: Path, profile: Profile, per_page: int | None = None) -> dict[str, bytes]:
    """slides.pptx and slides.pdf, and slides-Nup.pdf when per_page is given, from one layout."""
    specs = deck.slides(project, root)
    files = {deck.FILE_NAME: deck.build(project, specs),
             pdf_name(deck.PDF_NAME, profile): deck.build_pdf(project, specs, profile)}
    if per_page:
        files[pdf_name(deck.handout_name(per_page), profile)] = deck.build_handout(project, specs, per_page, profile)
    return files


def _cards(project: Project, root: Path, profile: Profile) -> dict[str, bytes]:
    return {pdf_name(name, profile): data for name, data in cards.build(project, profile).items()}


def _press_release(project: Project, root: Path, profile: Profile) -> dict[str, bytes]:
    return {pdf_name(press_release.FILE_NAME, profile): press_release.build(project, profile)}


RECIPES = (
    Recipe("handout", "会議資料", ("content/handout.yaml", "content/texts/*"), _handout),
    Recipe("slides", "スライド", ("content/slides.md", "assets/*"), slide_files),
    Recipe("cards", "卓上名札・名札", (), _cards),
    Recipe("press-release", "報道発表資料", ("content/press.yaml",), _press_release, needs="release",
           writes=(press_release.FILE_NAME,),
           holds="the press release's own fields (document number, date of issue, 分類)"),
)
#: The recipes by name, for the commands that build one output.
BY_NAME = {recipe.name: recipe for recipe in RECIPES}
