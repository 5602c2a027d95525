"""The state of the live preview: building, done in N ms with every output's files and pages, or
the problems of this save; a version that counts changes, for the page to follow."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import Problem


@dataclass(frozen=True)
class ShownFile:
    """A file of output/ as the page lists it: its name, size, what it holds, its page images, and
    for the print shop its preflight verdict."""

    name: str
    size: int
    described: str
    pages: tuple[str, ...] = ()
    verdict: str | None = None


@dataclass(frozen=True)
class ShownOutput:
    name: str
    title: str
    files: tuple[ShownFile, ...]


@dataclass
class State:
    """What the page shows, changed only under the lock; `changed` wakes the event streams."""

    status: str = "starting"
    version: int = 0
    milliseconds: int | None = None
    outputs: list[ShownOutput] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)
    started: float = 0.0
    #: Which run of the server this is: a page left open across a restart starts counting again.
    run: str = field(default_factory=lambda: os.urandom(6).hex())

    def _bump(self) -> None:
        self.version += 1
        self.changed.notify_all()

    def building(self) -> None:
        with self.changed:
            self.status, self.started = "building", time.perf_counter()
            self._bump()

    def done(self, outputs: list[ShownOutput], warnings: list[str]) -> None:
        with self.changed:
            self.status, self.outputs, self.warnings = "done", outputs, warnings
            self.problems, self.error = [], None
            self.milliseconds = round((time.perf_counter() - self.started) * 1000)
            self._bump()

    def failed(self, problems: list[Problem], error: str | None, warnings: list[str]) -> None:
        with self.changed:
            self.status, self.problems, self.error, self.warnings = "failed", problems, error, warnings
            self.milliseconds = round((time.perf_counter() - self.started) * 1000)
            self._bump()

    def stopped(self) -> None:
        """The server is stopping: wake every stream so it can end."""
        with self.changed:
            self.status = "stopped"
            self._bump()

    def wait(self, seen: int, timeout: float) -> int:
        """The version once it is newer than `seen`, or after `timeout` seconds whatever it is."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout)
            return self.version

    def as_json(self) -> dict[str, Any]:
        with self.changed:
            return {
                "run": self.run, "status": self.status, "version": self.version, "milliseconds": self.milliseconds,
                "outputs": [asdict(output) for output in self.outputs] if self.status != "failed" else [],
                "problems": [{"file": p.file, "line": p.line, "field": p.path, "expected": p.expected,
                              "found": p.found, "hint": p.hint} for p in self.problems],
                "error": self.error, "warnings": self.warnings,
                "web": any(file.name == "web/index.html" for output in self.outputs for file in output.files),
            }
