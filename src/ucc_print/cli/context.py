"""What every command shares: the project and its content, options, warnings, writing output/."""

from __future__ import annotations

import gc
import json
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import Problem, UccError

if TYPE_CHECKING:
    from ..atomic import Content
    from ..content.loader import Loaded
    from ..content.model import Project
    from ..design.profiles import Profile
    from ..project import ProjectDir

#: The garbage collector's thresholds as Python sets them (cli.run raises them for a short run).
USUAL_COLLECTION = gc.get_threshold()
#: A short run's: a collection seldom (mypy's thresholds).
SHORT_RUN_COLLECTION = (200_000, 30, 30)


def collect_as_usual() -> None:
    """A command that runs for hours (a watch, serve) collects garbage as Python does, so its
    memory stays flat over every save (with a short run's thresholds it grew 4 MB a build)."""
    gc.set_threshold(*USUAL_COLLECTION)


#: What stops a long run from outside as Ctrl+C does: `kill` or a service manager, a terminal closed
#: (Linux, macOS), Ctrl+Break (Windows).
STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGBREAK") if hasattr(signal, name))


def _interrupt(_number: int, _frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def stopped_as_by_ctrl_c() -> Iterator[None]:
    """A command that runs for hours (a watch, serve) answers SIGTERM, SIGHUP and SIGBREAK as it
    answers Ctrl+C: what it is writing is finished or left as it was, and its workers are shut down
    (killed outright, it left their semaphores behind, and Python warned of them)."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set them
        yield
        return
    previous = {number: signal.signal(number, _interrupt) for number in STOPPING}
    try:
        yield
    finally:
        for number, handler in previous.items():  # one not set from Python reads as None
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


#: Under output/: the guest list each file there was last made from, so `preview` shows the same guests.
GUEST_RECORD = ".guest-list.json"

Command = Callable[..., Any]


class Context:
    """What every command needs: where the project is, and its content once loaded."""

    def __init__(self, project: Path | None):
        self._given = project
        self._folder: ProjectDir | None = None
        #: Every warning shown this run, in order (each once).
        self.said: list[str] = []
        self._said: set[str] = set()

    @property
    def given(self) -> Path | None:
        """The folder --project named, if any."""
        return self._given

    @property
    def folder(self) -> ProjectDir:
        """The project folder: --project exactly, else the nearest one at or above the current folder."""
        from ..project import ProjectDir

        if self._folder is None:
            self._folder = ProjectDir.at(self._given) if self._given else ProjectDir.find(Path.cwd())
        return self._folder

    def load(self, show_warnings: bool = False, guest_list: Path | None = None, sheet: str | None = None) -> Loaded:
        """Validated content, its guests from guest_list when given (a ContentError, exit 2, lists
        every problem); print.yaml's products are checked against what the outputs make."""
        from ..content.loader import load_project
        from ..outputs import registry
        from ..outputs.base import print_problems

        registry()
        loaded = load_project(self.folder, guest_list, sheet, extra=(print_problems,))
        if show_warnings:
            self.warn(loaded.warnings)
        return loaded

    def project(self, guest_file: Path | None, sheet: str | None, show_warnings: bool = False) -> Project:
        """The project, its guests read from a spreadsheet when one is given (whose warnings, such
        as a hidden row left out, are always shown)."""
        loaded = self.load(show_warnings, guest_file, sheet)
        if guest_file:
            self.warn(warning for warning in loaded.warnings if warning.file == str(guest_file))
        return loaded.project

    def warn(self, warnings: Iterable[Problem | str]) -> None:
        """Show warnings, each once a run: a watch does not repeat them at every save."""
        for warning in map(str, warnings):
            if warning not in self._said:
                self._said.add(warning)
                self.said.append(warning)
                click.echo(f"Warning: {warning}", err=True)

    def write(self, files: Mapping[str, Content], quiet: bool = False, only_changed: bool = False) -> list[str]:
        """Write outputs under output/ as one set (all replaced together, or none), and say so; with
        `only_changed`, a file that already holds its bytes is left alone. The names written."""
        from ..atomic import write_set

        folder = self.folder
        try:
            written = write_set(folder.output, files, folder.shown, say=lambda message: click.echo(message, err=True),
                                only_changed=only_changed)
        except OSError as error:
            raise UccError(f"cannot write to {folder.shown(folder.output)}: {error.strerror or error}\n"
                           "No file was changed.") from None
        if not quiet:
            for name in written:
                click.echo(f"wrote {folder.shown(folder.output / name)}")
        return written

    def prune(self, owned: Mapping[str, Iterable[str]]) -> None:
        """In each folder under output/ an output owns (folder → the files it just made there), remove
        every other file: what an earlier build made and this one did not."""
        root = self.folder.output
        for folder, made in owned.items():
            keep = {root / name for name in made}
            for path in sorted((root / folder).rglob("*"), reverse=True):
                if path.is_file() and path not in keep:
                    path.unlink(missing_ok=True)
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()

    # ---------------------------------------------------------------- which guest list output/ holds

    def remember_guests(self, guest_file: Path | None, sheet: str | None, written: Iterable[str]) -> None:
        """Note, file by file, which guest list output/ now holds (none: guests.yaml)."""
        from ..atomic import write_atomic
        from ..writelock import writing

        written = set(written)
        path = self.folder.output / GUEST_RECORD
        # not while another run cleans output/ (which would remove the record's unfinished new version)
        with writing(self.folder.output, self.folder.shown, "The outputs were written; only the note of the guest "
                     "list they were made from was not (`preview` may use another list until the next build)."):
            files = {name: entry for name, entry in self._guest_record().items() if name not in written}
            if guest_file:
                files.update({name: {"guests": str(guest_file.resolve()), "sheet": sheet} for name in written})
            if files:
                write_atomic(path, json.dumps(files, ensure_ascii=False, sort_keys=True).encode())
            elif path.is_file():
                path.unlink()

    def _guest_record(self) -> dict[str, dict[str, Any]]:
        try:
            record = json.loads((self.folder.output / GUEST_RECORD).read_text(encoding="utf-8"))
            return {name: entry for name, entry in record.items() if isinstance(entry, dict) and "guests" in entry}
        except (OSError, ValueError, AttributeError):
            return {}

    def remembered_guests(self) -> tuple[Path | None, str | None]:
        """The guest list files in output/ were last made from, if one was and it is still there."""
        for entry in self._guest_record().values():
            path = Path(str(entry["guests"]))
            if path.is_file():
                sheet = entry.get("sheet")
                return path, sheet if isinstance(sheet, str) else None
        return None, None


def profile(shop: bool) -> Profile:
    """The print-shop profile, or the office's."""
    from ..design.profiles import OFFICE, SHOP

    return SHOP if shop else OFFICE


def shop_option(command: Command) -> Command:
    """--shop: files for a print shop (PDF/X-1a, bleed, トンボ) in output/shop/."""
    return click.option("--shop", is_flag=True,
                        help="Write print-shop files to output/shop/ instead: PDF/X-1a:2001 (Japan Color 2001 "
                             "Coated), 3 mm bleed and Japanese trim marks, cards one to a page.")(command)


def guest_options(command: Command) -> Command:
    """--guests FILE and --sheet NAME: a guest list kept in Excel or CSV instead of guests.yaml."""
    command = click.option("--sheet", help="The sheet of the .xlsx list to read (default: the first visible).")(command)
    return click.option("--guests", "guest_file", type=click.Path(dir_okay=False, path_type=Path),
                        help="Read the guests from this .xlsx or .csv list instead of content/guests.yaml.")(command)
