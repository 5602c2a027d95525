"""Building for the live preview: every output first, then what each save touches (as `build
--watch`), written to output/ as a set; the state the page shows kept up to date."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import ContentError, UccError
from .pages import PageImages
from .state import ShownFile, ShownOutput, State

if TYPE_CHECKING:
    from ..cli.context import Context
    from ..design.profiles import Profile
    from ..outputs.base import Output


class Builder:
    """Builds the project and keeps what the preview shows: every file made, by output."""

    def __init__(self, context: Context, guest_file: Path | None, sheet: str | None, profile: Profile,
                 state: State, images: PageImages):
        self.context, self.guest_file, self.sheet, self.profile = context, guest_file, sheet, profile
        self.state, self.images = state, images
        self.files: dict[str, bytes] = {}
        self.by_output: dict[str, list[str]] = {}
        #: Preflight verdicts by the hash of the file they were given on.
        self.verdicts: dict[bytes, str] = {}

    def build(self, outputs: list[type[Output]]) -> bool:
        """Build these outputs and show the result (or the problems); True if every one was made."""
        from ..cli.making import keep, remove_skipped
        from ..make import make

        self.state.building()
        warnings: list[str] = []
        try:
            loaded = self.context.load(False, self.guest_file, self.sheet)
            warnings = [str(warning) for warning in loaded.warnings]
            made = make(loaded.project, self.context.folder.root, self.profile, outputs)
            if not made.ok:
                problems = [problem for _output, error in made.failed if isinstance(error, ContentError)
                            for problem in error.problems]
                errors = [f"{output.title}（{output.name}）: {error.format_message()}"
                          for output, error in made.failed if not isinstance(error, ContentError)]
                self.state.failed(problems, "\n".join(errors) or None, warnings)
                click.echo(f"content problems: {len(problems) or len(errors)} (shown in the preview)")
                return False
            keep(self.context, made.files, made.owned(), self.guest_file, self.sheet, only_changed=True)
            remove_skipped(self.context, made, self.profile)
            for skipped in made.skipped:
                for name in self.by_output.pop(skipped.name, []):
                    self.files.pop(name, None)
            self.files.update(made.files)
            self.by_output.update(made.by_output)
            warnings += [str(warning) for warning in made.warnings if str(warning) not in warnings]
            self.state.done(self.shown(), warnings)
            click.echo(f"built {', '.join(output.name for output in outputs) or 'nothing (content checked)'} "
                       f"in {self.state.milliseconds} ms")
            return True
        except ContentError as error:
            self.state.failed(error.problems, None, warnings)
        except UccError as error:
            self.state.failed([], error.format_message(), warnings)
        except Exception as error:  # a fault of ours: said in one line, and the preview goes on
            self.state.failed([], f"ucc-print could not build this (please report it): {error!r}", warnings)
        click.echo(f"content problems: {len(self.state.problems) or 1} (shown in the preview)")
        return False

    def _verdict(self, name: str, data: bytes) -> str:
        """The print-shop preflight's verdict on a file, said again for the same bytes."""
        digest = hashlib.sha256(data).digest()
        if digest not in self.verdicts:
            self.verdicts[digest] = preflight_verdict(name, data)
        return self.verdicts[digest]

    def shown(self) -> list[ShownOutput]:
        """Every output made so far, its files with their pages rendered (once each)."""
        from ..make import describe
        from ..outputs import registry

        shown = []
        for name, output in registry().items():
            files = []
            for file in self.by_output.get(name, []):
                data = self.files[file]
                pdf = file.endswith(".pdf") and not file.startswith("web/")
                pages = tuple(self.images.of(data)) if pdf else ()
                verdict = self._verdict(file, data) if pdf and self.profile.shop else None
                files.append(ShownFile(file, len(data), describe(file, data), pages, verdict))
            if files:
                shown.append(ShownOutput(name, output.title, tuple(files)))
        self.images.shown = {key for output in shown for file in output.files for key in file.pages}
        return shown

    def run(self, stop: threading.Event) -> None:
        """Build everything, then again at every change until `stop` is set."""
        from .. import apart
        from ..cli.making import follow
        from ..make import changes
        from ..outputs import registry

        everything = list(registry().values())
        pending: list[type[Output]] = []

        def first() -> None:  # once the watcher watches: a save during the first build is not missed
            pending[:] = [] if self.build(everything) else everything

        with apart.kept():  # the outputs of a save made side by side
            follow(changes(self.context.folder.root, self.guest_file, stop, started=first), pending, self.build)


def preflight_verdict(name: str, data: bytes) -> str:
    """The print-shop preflight's verdict on a file: passed, or the first thing it failed on."""
    from ..shop.preflight import preflight_bytes

    report = preflight_bytes(data, name)
    return "preflight passed" if report.passed else "preflight failed: " + report.text().splitlines()[0]
