"""Filters guarded: what they get refused where it would print as Python, what they will make
checked before they make it, and what they made counted."""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from jinja2 import Undefined
from jinja2.utils import _PassArg
from pydantic import BaseModel

from ...errors import plural
from .before import _BEFORE
from .printable import _printable, _Printer
from .problems import _Refusal
from .sizes import _range_length

#: Filters that are gone: they only make HTML, JSON or Python notation, or change from run to run.
REMOVED_FILTERS = ("pprint", "tojson", "xmlattr", "urlize", "random")
#: Filters that take anything, a group of fields too (the others refuse one with what to write).
ANY_INPUT = frozenset({"default", "d", "attr"})
#: Filters that turn what they get into text: it must be text, a number or a date.
TEXT_FILTERS = frozenset({"capitalize", "center", "escape", "e", "forceescape", "format", "indent", "lower",
                          "replace", "safe", "string", "striptags", "title", "trim", "truncate", "upper",
                          "wordcount", "wordwrap", "wareki", "wareki_weekday", "seireki", "weekday", "nendo",
                          "wareki_year", "timerange"})
#: Filters that go through their input item by item.
LIST_FILTERS = frozenset({"batch", "count", "dictsort", "first", "groupby", "items", "join", "last", "length",
                          "list", "map", "max", "min", "reject", "rejectattr", "reverse", "select", "selectattr",
                          "slice", "sort", "sum", "unique"})


def _guarded(printer: _Printer, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses what would print as Python, checks what it will make before making
    it, and counts what it made."""
    budget = printer.budget
    skip = 0 if _PassArg.from_obj(function) is None else 1
    before = _BEFORE.get(name)
    signature = _signature(function, skip)

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget.tick()
        if signature is not None:
            _check_arguments(name, signature, args[skip:], kwargs)
        if len(args) > skip:
            value = args[skip]
            _check_input(printer, name, value, (*args[skip + 1:], *kwargs.values()))
            if before is not None:
                with contextlib.suppress(TypeError):  # arguments it does not take: the filter says so
                    before(printer, value, *args[skip + 1:], **kwargs)
        result = budget.made(function(*args, **kwargs))
        return budget.counted(result) if isinstance(result, Iterator) else result

    return guarded


@functools.lru_cache(maxsize=256)
def _signature(function: Callable[..., Any], skip: int) -> inspect.Signature | None:
    """The filter's parameters from the value piped in on (its context, if any, left out); worked
    out once per filter, not at every load."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # a builtin without one: it words its own errors
        return None
    parameters = list(signature.parameters.values())
    if skip and parameters and parameters[0].name in ("context", "eval_ctx", "environment", "env", "self"):
        parameters = parameters[1:]  # (an async variant shows its sync function's, without it)
    return signature.replace(parameters=parameters)


def _check_arguments(name: str, signature: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a filter given values in brackets it does not take, in the template's terms (not
    Python's `do_center() takes from 1 to 2 positional arguments`)."""
    try:
        signature.bind(*args, **kwargs)  # args from the value piped in on
    except TypeError:
        pass
    else:
        return
    taken = list(signature.parameters.values())[1:]  # past the value piped in
    shown = ", ".join("…" if p.kind is p.VAR_POSITIONAL else p.name for p in taken if p.kind is not p.VAR_KEYWORD)
    optional = [p.name for p in taken if p.default is not p.empty]
    expected = f"`{name}` with the values it takes in brackets: {name}({shown})"
    if optional:
        expected += f" ({', '.join(optional)} may be left out)"
    given = max(0, len(args) - 1)
    found = f"`{name}` given {plural(given, 'value')}" + "".join(f", {key}=" for key in kwargs)
    raise _Refusal(expected, found)


def _check_input(printer: _Printer, name: str, value: Any, arguments: tuple[Any, ...]) -> None:
    """Refuse a filter's input (and, for a text filter, its arguments) that it would turn into
    Python notation, and a list too long to go through."""
    if isinstance(value, Undefined) or name in ANY_INPUT:
        return
    if isinstance(value, BaseModel):
        what = "a list" if name in LIST_FILTERS else "a text"
        raise _Refusal(f"{what} for the filter `{name}`", printer.describe(value, what))
    if name in TEXT_FILTERS:
        printer.text(value)
        for argument in arguments:
            if not (argument is None or isinstance(argument, (bool, Undefined)) or _printable(argument)):
                raise _Refusal(f"a text or a number given to `{name}`", printer.describe(argument, "a text"))
    elif name in LIST_FILTERS and isinstance(value, (str, Sequence, Mapping, range)):
        if isinstance(value, str):
            printer.budget.expect_text(len(value))
        else:
            printer.budget.expect_items(_range_length(value) if isinstance(value, range) else len(value))
