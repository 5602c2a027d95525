"""Jinja2 in content text: sandboxed and read-only, strict, with Japanese date filters.

A typo never prints as a blank: an unknown name, an unknown field and an empty field used as
text are all errors. A field whose own text is a template is rendered when another template uses
it. Parts of the content that failed validation are "broken": templates may mention them without
a second, misleading error.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Callable
from typing import Any

from jinja2 import (
    ChainableUndefined,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    Undefined,
    UndefinedError,
    meta,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

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


class Empty(StrictUndefined):
    """A field left empty in the content: false in `{% if %}`, an error when printed."""

    def __bool__(self) -> bool:
        return False


class Broken(ChainableUndefined):
    """A part of the content that failed validation (already reported): renders as nothing."""


def _check_defined(*values: Any) -> bool:
    """False for a broken part (the filter then yields ""); raises for an undefined or empty one."""
    for value in values:
        if isinstance(value, Broken):
            return False
        if isinstance(value, Undefined):
            value._fail_with_undefined_error()
    return True


def _takes_date(function: Callable[..., str]) -> Callable[..., str]:
    """Let a date filter accept a date; anything else is a content error, not a traceback."""

    @functools.wraps(function)
    def wrapper(value: Any, *args: Any, **kwargs: Any) -> str:
        if not _check_defined(value):
            return ""
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            raise _FilterInputError(f"`{function.__name__}` to get a date, found {value!r}")
        try:
            return function(value, *args, **kwargs)
        except dates.DateError as error:
            raise _FilterInputError(f"{error.expected}, found {error.found}") from None

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
    if not _check_defined(value):
        return ""
    try:
        if isinstance(value, dt.date):
            return dates.wareki_year(value.year, value.month)
        if isinstance(value, int) and not isinstance(value, bool):
            return dates.wareki_year(value)
    except dates.DateError as error:
        raise _FilterInputError(f"{error.expected}, found {error.found}") from None
    raise _FilterInputError(f"`wareki_year` to get a year or a date, found {value!r}")


def timerange(start: Any, end: Any) -> str:
    """{{ event.start | timerange(event.end) }} → 14:30～16:00."""
    if not _check_defined(start, end):
        return ""
    if not (isinstance(start, str) and isinstance(end, str)):
        raise _FilterInputError(f"`timerange` to get two times, found {start!r} and {end!r}")
    return dates.time_range(start, end)


FILTERS = {
    f.__name__: f for f in (wareki, wareki_weekday, seireki, weekday, nendo, wareki_year, timerange)
}


def has_template(text: str) -> bool:
    """Whether a text uses Jinja2 at all (most do not)."""
    return "{{" in text or "{%" in text or "{#" in text


def _no_none(value: Any) -> Any:
    """Refuse to print an empty value as "None"."""
    if value is None:
        raise UndefinedError("an empty field is printed (put {% if … %} around optional fields)")
    return value


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, plus: empty fields become Empty, templated fields render when used."""

    def __init__(self, renderer: Renderer):
        super().__init__(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
                         finalize=_no_none)
        self.filters.update(FILTERS)
        self.renderer = renderer

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Broken):
            return obj
        value = super().getattr(obj, attribute)
        if isinstance(value, Undefined) and isinstance(obj, BaseModel) and not attribute.startswith("_"):
            fields = list(type(obj).model_fields)
            close = difflib.get_close_matches(attribute, fields, n=1)
            hint = f"{type(obj).__name__.lower()} has no field {attribute!r}"
            hint += f" (did you mean {close[0]!r}?)" if close else f" (its fields: {', '.join(fields)})"
            return self.undefined(hint=hint)
        label = f"{type(obj).__name__.lower()}.{attribute}" if isinstance(obj, BaseModel) else attribute
        return self._resolve(value, label)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Broken):
            return obj
        return self._resolve(super().getitem(obj, argument), repr(argument))

    def _resolve(self, value: Any, name: str) -> Any:
        if value is None:
            return Empty(hint=f"{name} is empty in the content (put {{% if … %}} around it)")
        if isinstance(value, str) and has_template(value):
            return self.renderer.render(value)
        return value


class Renderer:
    """Renders content texts against one context; templated fields used by others render once."""

    def __init__(self, context: dict[str, Any]):
        self.context = context
        self.environment = _Environment(self)
        self._active: list[str] = []
        self._done: dict[str, str] = {}

    def uses_broken(self, text: str) -> bool:
        """Whether a (valid) template reads a part that failed validation: its result means nothing."""
        try:
            names = meta.find_undeclared_variables(self.environment.parse(text))
        except TemplateSyntaxError:
            return False
        return any(isinstance(self.context.get(name), Broken) for name in names)

    def render(self, text: str) -> str:
        """Render one text; a mistake raises TemplateProblem."""
        if text in self._done:
            return self._done[text]
        if text in self._active:
            raise TemplateProblem(1, "text that does not use itself", "a field that refers to itself")
        self._active.append(text)
        try:
            result = self._render(text)
        finally:
            self._active.pop()
        self._done[text] = result
        return result

    def _render(self, text: str) -> str:
        env = self.environment
        try:
            code = env.compile(text, name=TEMPLATE_NAME, filename=TEMPLATE_NAME)
        except TemplateSyntaxError as error:
            raise TemplateProblem(error.lineno or 1, "a valid Jinja2 template", error.message or "a syntax error") from None
        template = env.template_class.from_code(env, code, env.make_globals(None), None)
        try:
            return template.render(**self.context)
        except TemplateProblem:
            raise
        except _FilterInputError as error:
            raise TemplateProblem(_template_line(error), *str(error).split(", found ", 1)) from None
        except UndefinedError as error:
            message = error.message or ""
            expected = "a value" if "empty" in message else "a name the content defines"
            raise TemplateProblem(_template_line(error), expected, message) from None
        except TemplateError as error:
            raise TemplateProblem(_template_line(error), "a template that renders",
                                  error.message or type(error).__name__) from None
        except RecursionError:
            raise TemplateProblem(1, "a template that ends", "endless recursion") from None
        except (TypeError, ValueError, ArithmeticError, AttributeError, LookupError) as error:
            raise TemplateProblem(_template_line(error), "a template that renders", str(error)) from None


def _template_line(error: BaseException) -> int:
    """The line inside the template where a runtime error happened."""
    line = 1
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == TEMPLATE_NAME:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


BROKEN = Broken()
