"""Jinja2 in content text: sandboxed, strict (an unknown name is an error), with Japanese date filters."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, Undefined, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from ..japanese import dates

TEMPLATE_NAME = "<content>"


class TemplateProblem(Exception):
    """A template that cannot be rendered: the line inside the text and what went wrong."""

    def __init__(self, line: int, expected: str, found: str):
        super().__init__(f"line {line}: expected {expected}, found {found}")
        self.line = line
        self.expected = expected
        self.found = found


class _FilterInputError(TemplateError):
    """A filter got a value of the wrong kind."""


def _raise_if_undefined(*values: Any) -> None:
    """An undefined name reaching a filter is reported as undefined, not as a wrong value."""
    for value in values:
        if isinstance(value, Undefined):
            value._fail_with_undefined_error()


def _takes_date(function: Callable[..., str]) -> Callable[..., str]:
    """Let a date filter accept a date; anything else is a content error, not a traceback."""

    @functools.wraps(function)
    def wrapper(value: Any, *args: Any, **kwargs: Any) -> str:
        _raise_if_undefined(value)
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            raise _FilterInputError(f"`{function.__name__}` to get a date, found {value!r}")
        return function(value, *args, **kwargs)

    return wrapper


@_takes_date
def wareki(value: dt.date, weekday: bool = False) -> str:
    """{{ event.date | wareki }} → 令和8年6月17日; wareki(weekday=true) adds (水)."""
    return dates.wareki(value, weekday)


@_takes_date
def wareki_weekday(value: dt.date) -> str:
    """{{ event.date | wareki_weekday }} → 令和8年6月17日(水)."""
    return dates.wareki(value, True)


@_takes_date
def seireki(value: dt.date, weekday: bool = False) -> str:
    """{{ event.date | seireki }} → 2026年6月17日."""
    return dates.seireki(value, weekday)


@_takes_date
def weekday(value: dt.date) -> str:
    """{{ event.date | weekday }} → 水."""
    return dates.weekday(value)


@_takes_date
def nendo(value: dt.date) -> str:
    """{{ event.date | nendo }} → 令和8年度."""
    return dates.nendo(value)


def wareki_year(value: Any) -> str:
    """{{ 2019 | wareki_year }} → 令和元年; also takes a date."""
    _raise_if_undefined(value)
    if isinstance(value, dt.date):
        return dates.wareki_year(value.year, value.month)
    if isinstance(value, int) and not isinstance(value, bool):
        return dates.wareki_year(value)
    raise _FilterInputError(f"`wareki_year` to get a year or a date, found {value!r}")


def timerange(start: Any, end: Any) -> str:
    """{{ event.start | timerange(event.end) }} → 14:30～16:00."""
    _raise_if_undefined(start, end)
    if not (isinstance(start, str) and isinstance(end, str)):
        raise _FilterInputError(f"`timerange` to get two times, found {start!r} and {end!r}")
    return dates.time_range(start, end)


FILTERS = {
    f.__name__: f for f in (wareki, wareki_weekday, seireki, weekday, nendo, wareki_year, timerange)
}


def _no_none(value: Any) -> Any:
    """Refuse to print an empty field as "None"."""
    if value is None:
        raise _FilterInputError("a value, found an empty field (use {% if … %} around optional fields)")
    return value


@functools.cache
def environment() -> SandboxedEnvironment:
    """The one sandboxed environment all content text is rendered with."""
    env = SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True, finalize=_no_none
    )
    env.filters.update(FILTERS)
    return env


def has_template(text: str) -> bool:
    """Whether a text uses Jinja2 at all (most do not)."""
    return "{{" in text or "{%" in text or "{#" in text


def _template_line(error: BaseException) -> int:
    """The line inside the template where a runtime error happened."""
    line = 1
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == TEMPLATE_NAME:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def render(text: str, context: dict[str, Any], depth: int = 2) -> str:
    """Render one text against the model; a mistake raises TemplateProblem.

    A field that pulls in another templated field is rendered again (`depth` times at most).
    """
    env = environment()
    try:
        code = env.compile(text, name=TEMPLATE_NAME, filename=TEMPLATE_NAME)
    except TemplateSyntaxError as error:
        raise TemplateProblem(error.lineno or 1, "a valid Jinja2 template", error.message or "a syntax error") from None
    template = env.template_class.from_code(env, code, env.make_globals(None), None)
    try:
        result = template.render(**context)
    except _FilterInputError as error:
        raise TemplateProblem(_template_line(error), *str(error).split(", found ", 1)) from None
    except UndefinedError as error:
        raise TemplateProblem(_template_line(error), "a name the content defines", error.message or "") from None
    except TemplateError as error:
        found = error.message or type(error).__name__
        raise TemplateProblem(_template_line(error), "a template that renders", found) from None
    except (TypeError, ValueError, ArithmeticError, AttributeError, LookupError) as error:
        raise TemplateProblem(_template_line(error), "a template that renders", str(error)) from None
    if depth > 0 and has_template(result) and result != text:
        return render(result, context, depth - 1)
    return result
