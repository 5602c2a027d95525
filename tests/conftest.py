"""Shared fixtures: a copy of the bundled project to edit, and helpers to read PDFs back."""

from __future__ import annotations

import os

# The suite runs without the user's cache (tests that change code paths must see them run);
# tests/test_cache.py turns it on, in a folder of its own, where it is what is tested.
os.environ["UCC_PRINT_NO_CACHE"] = "1"

import gc
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pptx import Presentation

from ucc_print.cli import main
from ucc_print.cli.context import SHORT_RUN_COLLECTION
from ucc_print.content.loader import load_project
from ucc_print.errors import ContentError, Problem
from ucc_print.project import ProjectDir

REPO = Path(__file__).resolve().parents[1]
BUNDLED_CONTENT = REPO / "content"


@pytest.fixture(autouse=True)
def _collect_seldom():
    """Each test runs the commands as the command line runs them (cli.run), the garbage collector
    seldom (set again for each: a watch or serve sets Python's own thresholds, as it should). At
    Python's thresholds it walked the suite's heap of fonts, models and layouts every second or
    so: a seventh of the suite's time."""
    gc.set_threshold(*SHORT_RUN_COLLECTION)


class Project:
    """A temporary project folder holding a copy of the bundled content."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(BUNDLED_CONTENT, root / "content")

    def path(self, name: str) -> Path:
        return self.root / "content" / name

    def read(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        self.path(name).write_text(text, encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace one exact piece of a content file (fails loudly if it is not there)."""
        text = self.read(name)
        assert old in text, f"{old!r} not in {name}"
        self.write(name, text.replace(old, new, 1))

    def line_of(self, name: str, needle: str) -> int:
        """1-based line of the first line containing `needle`."""
        for number, line in enumerate(self.read(name).splitlines(), 1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {name}")

    def load(self, guest_list: Path | None = None):
        return load_project(ProjectDir(self.root), guest_list)

    def problems(self, guest_list: Path | None = None) -> list[Problem]:
        """The content errors loading reports (it must report some)."""
        with pytest.raises(ContentError) as caught:
            self.load(guest_list)
        return caught.value.problems

    def only_problem(self) -> Problem:
        (problem,) = self.problems()
        return problem

    def run(self, *args: str) -> Result:
        return CliRunner().invoke(main, ["--project", str(self.root), *args])

    @property
    def output(self) -> Path:
        return self.root / "output"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "meeting")


@pytest.fixture(scope="session")
def bundled():
    """The bundled content, loaded once."""
    return load_project(ProjectDir(REPO)).project


@pytest.fixture(scope="session")
def handout_pdf(tmp_path_factory) -> Path:
    """The handout built once from the bundled content by the CLI."""
    root = tmp_path_factory.mktemp("handout")
    build = Project(root / "meeting")
    result = build.run("handout")
    assert result.exit_code == 0, result.output
    return build.output / "handout.pdf"


@pytest.fixture(scope="session")
def slides_built(tmp_path_factory) -> Project:
    """slides.pptx, slides.pdf and slides-6up.pdf built once from the bundled content."""
    built = Project(tmp_path_factory.mktemp("slides") / "meeting")
    result = built.run("slides", "--handout", "6")
    assert result.exit_code == 0, result.output
    assert "wrote output/slides.pptx" in result.output and "wrote output/slides.pdf" in result.output
    return built


@pytest.fixture(scope="session")
def presentation(slides_built: Project) -> Presentation:
    """The bundled slides.pptx, opened by python-pptx."""
    return Presentation(str(slides_built.output / "slides.pptx"))


def run_cli(args: list[str]) -> Result:
    return CliRunner().invoke(main, args)


Edit = Callable[[Project], None]


#: Debian's Chromium, which the web edition's and the preview's tests open pages in.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: Chromium as root, with no network to reach: no sandbox, no background traffic.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium driven by Playwright (never a browser of Playwright's own); skips saying
    which of the two is missing."""
    api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (Debian package chromium; .ci/run installs it)")
    with api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
