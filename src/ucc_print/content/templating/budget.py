"""Limits of what templates may make and do, and the budget that holds each template, and all
templates of a run together, to them: text and list sizes, characters built, steps and time."""

from __future__ import annotations

import contextlib
import math
import sys
import time
from collections.abc import Iterable, Iterator
from types import FrameType
from typing import TYPE_CHECKING, Any, TypeVar

from ..limits import MAX_FIELD
from .problems import TEMPLATE_NAME, _Refusal

if TYPE_CHECKING:
    from _typeshed import TraceFunction

_T = TypeVar("_T")

#: Limits of what one template may make or do. How long its text may be is the caller's to say:
#: MAX_FIELD for a field or a slide, MAX_TEXT_FILE for a Markdown text; every text it builds on
#: the way is held to the same length.
MAX_TOKENS = 20_000  #: parts it is written with: names, numbers, signs and the texts between them
MAX_DIGITS = 100  #: digits of a number it computes
MAX_ITEMS = 10_000  #: items of a list it builds; numbers of a range; groups of batch and slice
#: Items of a list it builds counted through every list inside, each time it is there (what
#: comparing two lists walks: `[a, a]` twenty times over is a million); and lists inside lists.
MAX_EXPANDED = 1_000_000
MAX_DEPTH = 50
MAX_STEPS = 200_000  #: template lines run (loops included)
MAX_BUILT = 1_000_000  #: characters and list items it builds in all (loops included)
MAX_SECONDS = 2.0  #: seconds it may run
#: Limits of all templates of one run together (thousands of fields, each within the limits above).
MAX_BUILT_ALL = 5_000_000
MAX_SECONDS_ALL = 5.0


def _too_many_digits(value: int) -> bool:
    """Whether a whole number has more than MAX_DIGITS digits (measured without printing it)."""
    return value.bit_length() >= MAX_DIGITS * 3.32 and abs(value) >= 10**MAX_DIGITS


#: Wall-clock seconds between two readings of the CPU clock while templates run.
READ_EVERY = 0.001

#: The clock of deadlines: this process's CPU seconds, so that a busy machine does not fail a template
#: (nor two builds of the same content differ) for want of a core.
_clock = time.process_time


class _Allowance:
    """What the template being rendered may still make and do."""

    def __init__(self, limit: int, deadline: float, deadline_is_the_runs: bool):
        self.limit = limit  #: characters of any text it makes
        self.built = MAX_BUILT  #: characters and list items it may still build
        self.steps = MAX_STEPS  #: template lines it may still run
        self.deadline = deadline  #: _clock() by which it must end
        self.deadline_is_the_runs = deadline_is_the_runs  #: whether that is all templates' time running out


class _Budget:
    """What templates may still make and do: the allowance of the one being rendered (nested when a
    field uses a templated field) and what all templates of the run may still build and take."""

    def __init__(self) -> None:
        self._allowances: list[_Allowance] = []
        self._outside = _Allowance(MAX_FIELD, math.inf, False)  #: (nothing is rendered outside a render)
        self.built_left = MAX_BUILT_ALL  #: characters and list items all templates may still build
        self.seconds_left = MAX_SECONDS_ALL  #: time all templates may still take
        self._next_reading = 0.0  #: time.perf_counter() from which the CPU clock is read again
        #: Lists (tuples, dicts) already measured, by id: with their expanded size and depth (kept
        #: alive, so an id is never another list's).
        self._expanded: dict[int, tuple[object, int, int]] = {}

    @property
    def allowance(self) -> _Allowance:
        """The allowance of the template being rendered."""
        return self._allowances[-1] if self._allowances else self._outside

    @contextlib.contextmanager
    def allowed(self, limit: int) -> Iterator[None]:
        """Compile and render a template within its allowance (nested when a field uses a templated
        field); none at all once all templates together have used up theirs."""
        start = _clock()
        outer = self._allowances[-1] if self._allowances else None
        if outer is None and self.seconds_left <= 0:
            raise _Refusal(f"templates that end within {MAX_SECONDS_ALL:g} seconds together",
                           "more: the templates before this one took the time")
        if outer is None and self.built_left <= 0:
            raise _Refusal(f"templates that build at most {MAX_BUILT_ALL:,} characters and list items together",
                           "more: the templates before this one built them")
        deadline = outer.deadline if outer else start + self.seconds_left
        runs = outer.deadline_is_the_runs if outer else True
        if start + MAX_SECONDS < deadline:
            deadline, runs = start + MAX_SECONDS, False
        self._allowances.append(_Allowance(limit, deadline, runs))
        self._next_reading = 0.0  # its first step reads the clock
        try:
            yield
        finally:
            self._allowances.pop()
            if outer is None:
                self.seconds_left -= _clock() - start

    @contextlib.contextmanager
    def traced(self) -> Iterator[None]:
        """Run a template with each of its lines counted (see _line)."""
        previous = sys.gettrace()
        sys.settrace(self._tracer)
        try:
            yield
        finally:
            sys.settrace(previous)

    def _tracer(self, frame: FrameType, event: str, argument: Any) -> TraceFunction | None:
        """Trace the template's own code only."""
        return self._line if frame.f_code.co_filename == TEMPLATE_NAME else None

    def _line(self, frame: FrameType, event: str, argument: Any) -> TraceFunction:
        """Count each template line run, and stop the template past its steps or its time."""
        if event == "line":
            allowance = self.allowance
            allowance.steps -= 1
            if allowance.steps < 0:
                raise _Refusal(f"a template that ends within {MAX_STEPS:,} steps", "more (a loop that runs too long)")
            self.tick()
        return self._line

    def tick(self) -> None:
        """Stop the template once its time is up. The CPU clock is a system call, dearer than most
        steps: it is read once a wall-clock millisecond has passed since it last was (told by a
        clock twenty times cheaper), so a template overruns by at most its slowest step."""
        now = time.perf_counter()
        if now < self._next_reading:
            return
        self._next_reading = now + READ_EVERY
        allowance = self.allowance
        if _clock() > allowance.deadline:
            if allowance.deadline_is_the_runs:
                raise _Refusal(f"templates that end within {MAX_SECONDS_ALL:g} seconds together",
                               "more: this one was still running when their time was up")
            raise _Refusal(f"a template that ends within {MAX_SECONDS:g} seconds",
                           "more (a loop or filter that runs too long)")

    def expect_text(self, size: int) -> None:
        """Refuse to make a text of `size` characters past the limits, before making it."""
        allowance = self.allowance
        if size > allowance.limit:
            raise _Refusal(f"text of at most {allowance.limit:,} characters", f"{size:,} characters")
        self._expect_built(size)

    def expect_items(self, size: int) -> None:
        """Refuse to make a list of `size` items past the limits, before making it."""
        if size > MAX_ITEMS:
            raise _Refusal(f"a list of at most {MAX_ITEMS:,} items", f"{size:,} items")
        self._expect_built(size)

    def _expect_built(self, size: int) -> None:
        """Refuse to build `size` more characters or items past what this template, or all, may build."""
        if size > self.allowance.built:
            raise _Refusal(f"a template that builds at most {MAX_BUILT:,} characters and list items in all",
                           "more (text or lists built again and again, as in a loop)")
        if size > self.built_left:
            self.built_left = 0  # the next templates are refused before they are compiled
            raise _Refusal(f"templates that build at most {MAX_BUILT_ALL:,} characters and list items together",
                           "more: the templates before this one built the rest")

    def made(self, value: _T) -> _T:
        """A value a template made: refused past the limits, and counted."""
        if isinstance(value, str):
            self.expect_text(len(value))
            self._count(len(value))
        elif isinstance(value, (list, tuple, dict)):
            self.expect_items(len(value))
            self._count(len(value))
            self.expanded(value)
        elif isinstance(value, int) and not isinstance(value, bool) and _too_many_digits(value):
            raise _Refusal(f"a number of at most {MAX_DIGITS} digits", "a larger one")
        return value

    def expanded(self, value: object) -> tuple[int, int]:
        """How many items `value` holds counting through every list inside it, each time it is
        there, and how many lists deep it goes; refused past MAX_EXPANDED (comparing two such lists
        took time no step limit could stop, inside one step) or MAX_DEPTH."""
        if not isinstance(value, (list, tuple, dict)):
            return 1, 0
        kept = self._expanded.get(id(value))
        if kept is not None and kept[0] is value:
            return kept[1], kept[2]
        total, depth = 0, 0
        for item in (value if not isinstance(value, dict) else [*value.keys(), *value.values()]):
            size, inner = self.expanded(item)
            total, depth = total + size, max(depth, inner)
            if total > MAX_EXPANDED:
                raise _Refusal(f"lists of at most {MAX_EXPANDED:,} items counted through the lists inside them",
                               "more (a list put inside a list again and again)")
        if depth + 1 > MAX_DEPTH:
            raise _Refusal(f"lists inside lists at most {MAX_DEPTH} deep", "deeper ones")
        self._expanded[id(value)] = (value, total, depth + 1)
        return total, depth + 1

    def _count(self, size: int) -> None:
        """Count what was built against this template's allowance and all templates'."""
        self.allowance.built -= size
        self.built_left -= size

    def counted(self, items: Iterable[_T]) -> Iterator[_T]:
        """The items of a list being made by a filter, each counted (a chain of filters over a long
        list is work, even before anything is printed)."""
        for item in items:
            self.tick()
            self._expect_built(1)
            self._count(1)
            yield item

    def listed(self, items: Iterable[Any]) -> list[Any]:
        """The items of a list, at most MAX_ITEMS of them."""
        listed: list[Any] = []
        for item in items:
            self.expect_items(len(listed) + 1)
            listed.append(item)
        return listed
