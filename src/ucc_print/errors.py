"""One error family for everything a user can fix: a Problem says where (file, line, field) and
what; a UccError (exit code 2) carries one message or, as ContentError, every Problem of a run."""

from __future__ import annotations

from dataclasses import dataclass

import click

#: Exit code for content and usage errors (click uses 2 for usage errors too).
EXIT_USER_ERROR = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the content, located well enough for a clerk to fix it."""

    file: str
    line: int | None
    path: str
    expected: str
    found: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file
        field = f" {self.path}:" if self.path else ""
        text = f"{where}:{field} expected {self.expected}; found {self.found}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


class UccError(click.ClickException):
    """An error the user can fix; shown as `Error: …` without a traceback, exit code 2."""

    exit_code = EXIT_USER_ERROR


class ContentError(UccError):
    """All problems found in one run, reported together."""

    def __init__(self, problems: list[Problem], action: str = "nothing was written"):
        self.problems = problems
        self.action = action
        super().__init__(f"{self.count} in the content; {action}.\n{self.listing}")

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[Problem], str]]:
        """Pickled with its problems (as an output made in a worker sends it back)."""
        return type(self), (self.problems, self.action)

    @property
    def count(self) -> str:
        """1 problem, 3 problems."""
        return plural(len(self.problems), "problem")

    @property
    def listing(self) -> str:
        """The problems, one item each."""
        return "\n".join(f"- {p}" for p in self.problems)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """1 guest, 2 guests; 1 city, 12 cities."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
