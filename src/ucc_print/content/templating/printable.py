"""What may become text: only text, numbers and dates, measured before the text is made; anything
else is refused with what to write instead (its Python form never reaches paper)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any

from jinja2 import Undefined
from jinja2.runtime import LoopContext, TemplateReference
from jinja2.utils import Namespace
from pydantic import BaseModel

from ...errors import plural
from .budget import MAX_DIGITS, _Budget, _too_many_digits
from .problems import _Refusal
from .sizes import _percent_fields, _range_length


def _printable(value: Any) -> bool:
    """Whether a value may become text: text, a finite number or a date — never a yes/no value."""
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, (str, int, dt.date))


def _text_field(group: BaseModel) -> str:
    """The name of a group's first field that holds text (to suggest in a message)."""
    fields = list(type(group).model_fields)
    return next((field for field in fields if isinstance(getattr(group, field), str)), fields[0] if fields else "name")


def _kind(value: Any) -> str:
    """What kind of value this is, in the clerk's words."""
    kinds: tuple[tuple[type | tuple[type, ...], str], ...] = (
        (bool, "a yes or no"), (str, "a text"), ((int, float), "a number"), (dt.date, "a date"),
        (BaseModel, "a group of fields"), ((list, tuple, range, Iterator), "a list"),
        ((dict, Namespace), "a table of names and values"), (type(None), "none (nothing)"))
    kind = next((kind for types_, kind in kinds if isinstance(value, types_)), None)
    return kind or ("a function" if callable(value) else type(value).__name__)


class _Printer:
    """Turns values into text for a template: printed, described when refused, joined with `~`, or `%`."""

    def __init__(self, budget: _Budget):
        self.budget = budget
        self.names: dict[int, str] = {}  #: what the content's groups and lists are called in templates

    def text(self, value: Any, what: str = "a text") -> str:
        """The text a value prints as: only text, numbers and dates; anything else is refused with
        what to write instead (its Python form never reaches paper)."""
        if isinstance(value, Undefined):
            return str(value)  # an empty field raises its own error; a broken part is ""
        if not _printable(value):
            raise _Refusal("a value to print (text, a number or a date)", self.describe(value, what))
        if isinstance(value, int) and _too_many_digits(value):
            raise _Refusal(f"a number of at most {MAX_DIGITS} digits", "a larger one")
        return str(value)

    def describe(self, value: Any, what: str, name: str | None = None) -> str:
        """What a value is, for the clerk, and what to write instead: never its Python form."""
        name = name or self.names.get(id(value))
        if isinstance(value, BaseModel):
            label = name or type(value).__name__.lower()
            return f"{label}, a group of fields, not {what}; name one of them: {label}.{_text_field(value)}"
        if isinstance(value, (list, tuple)):
            label = f"{name}, a list" if name else "a list"
            group = next((item for item in value if isinstance(item, BaseModel)), None)
            if group is not None:
                return (f"{label} of {plural(len(value), 'group')} of fields, not {what}; print one field of each: "
                        f"{name or '…'} | map(attribute=\"{_text_field(group)}\") | join(\"、\")")
            return (f"{label} of {plural(len(value), 'item')}, not {what}; pick one, or join them: "
                    f"{name or '…'} | join(\"、\")")
        if isinstance(value, range):
            return f"a range of {_range_length(value):,} numbers, not {what}; go through it with {{% for %}}"
        if isinstance(value, Iterator):
            return f"a list made by a filter, not {what}; join it with | join(\"、\") or pick one with | first"
        if isinstance(value, bool):
            return f"{str(value).lower()}, a yes or no, not {what}; use it in {{% if … %}}"
        if isinstance(value, float):
            return f"{value}, a number too large to print"
        if isinstance(value, LoopContext):
            return f"loop, the loop's counters, not {what}; name one of them: loop.index"
        if isinstance(value, TemplateReference):
            return f"self, the template itself, not {what}"
        return f"{_kind(value)}, not {what}"

    def joined(self, parts: tuple[Any, ...]) -> str:
        """`a ~ b`, each part checked, the whole measured before it is made."""
        texts = [self.text(part) for part in parts]
        self.budget.expect_text(sum(map(len, texts)))
        return self.budget.made("".join(texts))

    def percent(self, pattern: str, values: Any) -> str:
        """`pattern % values` (printf style): each value text, a number or a date, never shown as
        Python (%r, %a); widths and precisions counted before anything is made."""
        positional = list(values) if isinstance(values, tuple) else [values]
        size = len(pattern)
        for key, flags, width, precision, conversion in _percent_fields(pattern):
            if conversion == "%":
                continue
            if conversion in "ra":
                raise _Refusal("a field without %r or %a", f"%{conversion}, which writes Python notation")
            widths = [self._star(positional) if part == "*" else int(part or 0) for part in (width, precision or "")]
            self.budget.expect_text(size + max(widths))
            if key is not None:
                value = values[key]
            elif positional:
                value = positional.pop(0)
            else:
                raise TypeError("not enough arguments for format string")
            self.text(value)
            piece = f"%{flags}{'.' + str(widths[1]) if precision is not None else ''}{conversion}" % (value,)
            size += max(widths[0], len(piece))
            self.budget.expect_text(size)
        made: str = pattern % values
        return self.budget.made(made)

    @staticmethod
    def _star(positional: list[Any]) -> int:
        """A width or precision given as `*`: the next value, which must be a whole number."""
        if not positional or not isinstance(positional[0], int):
            raise TypeError("* wants int")
        return abs(int(positional.pop(0)))
