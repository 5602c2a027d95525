"""Jinja2 in content text: sandboxed and read-only, strict, with Japanese date filters.

A typo never prints as a blank: an unknown name, an unknown field and an empty field used as
text are all errors. A field whose own text is a template is rendered when another template uses
it. Parts of the content that failed validation are "broken": templates may mention them without
a second, misleading error.

Only content values reach paper: Python internals (model_dump, model_fields, methods, dunders)
are refused, and printing a whole object or list is an error naming its fields. Templates run
under limits (README: Limits) — text length, number size, argument size, loop steps — each
a content error naming the line, so no template can run for minutes or fill the memory.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any, TypeVar

from jinja2 import (
    ChainableUndefined,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    Undefined,
    UndefinedError,
    meta,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.nodes import Concat
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from pydantic import BaseModel

from ..japanese import dates
from .limits import MAX_FIELD

if TYPE_CHECKING:
    from _typeshed import TraceFunction

_T = TypeVar("_T")

TEMPLATE_NAME = "<content>"
#: Limits of what one template may make or do.
MAX_TEXT = MAX_FIELD  #: characters of any text it prints or builds
MAX_DIGITS = 100  #: digits of a number it computes
MAX_ARGUMENT = 10_000  #: the largest number given to a filter or function (range, center …)
MAX_STEPS = 200_000  #: template lines run (loops included)


class _Limit(TemplateError):
    """A template went past one of the limits: what was allowed and what it tried."""

    def __init__(self, expected: str, found: str):
        super().__init__(f"{expected}, found {found}")
        self.expected, self.found = expected, found


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

    def __bool__(self) -> bool:  # type: ignore[override]  # jinja2 types it as the error it raises
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


def _printable(value: Any) -> Any:
    """What `{{ … }}` may print: text, numbers and dates, never "None", a Python object or a list."""
    if value is None:
        raise UndefinedError("an empty field is printed (put {% if … %} around optional fields)")
    if isinstance(value, Undefined):
        return value  # printing it raises its own, better error
    if isinstance(value, BaseModel):
        fields = ", ".join(type(value).model_fields)
        raise _Limit("a value to print (text, a number or a date)",
                     f"a {type(value).__name__.lower()} with fields ({fields}): print one of its fields")
    if isinstance(value, (list, tuple, dict, set)) or callable(value):
        raise _Limit("a value to print (text, a number or a date)",
                     f"a {type(value).__name__}: pick an item, or join them with | join(\"、\")")
    return _checked(value)


def _checked(value: _T) -> _T:
    """A value a template made, refused when it is past the limits."""
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise _Limit(f"text of at most {MAX_TEXT:,} characters", f"{len(value):,} characters")
    if isinstance(value, (list, tuple)) and len(value) > MAX_TEXT:
        raise _Limit(f"a list of at most {MAX_TEXT:,} items", f"{len(value):,} items")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_DIGITS * 3.33:
        raise _Limit(f"a number of at most {MAX_DIGITS} digits", "a larger one")
    return value


def _digits(value: Any) -> float:
    return math.log10(abs(value)) + 1 if isinstance(value, (int, float)) and value else 1.0


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def _argument(value: Any) -> Any:
    """A filter's or function's argument (a width, a count, a range): at most MAX_ARGUMENT."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
        raise _Limit(f"a number of at most {MAX_ARGUMENT:,} given to a filter or function", f"{value:g}"
                     if isinstance(value, float) else f"{value:,}"[:40])
    return value


def _bounded(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose arguments and result stay within the limits."""
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[1:], *kwargs.values()):
            _argument(value)
        return _checked(function(*args, **kwargs))

    return wrapper


def _range(*args: Any) -> range:
    """range() with every bound within MAX_ARGUMENT."""
    for value in args:
        _argument(value)
    return safe_range(*args)


class _Generator(CodeGenerator):
    """Jinja's code generator, but `~` joins through the environment, which checks the length."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.joined((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


@contextmanager
def _steps(limit: int = MAX_STEPS) -> Iterator[None]:
    """Count the template lines run meanwhile; past the limit, stop the template (a loop of
    loops would otherwise run for minutes)."""
    count = 0
    previous = sys.gettrace()

    def local(frame: FrameType, event: str, argument: Any) -> TraceFunction:
        nonlocal count
        if event == "line":
            count += 1
            if count > limit:
                raise _Limit(f"a template that ends within {limit:,} steps", "more (a loop that runs too long)")
        return local

    def tracer(frame: FrameType, event: str, argument: Any) -> TraceFunction | None:
        return local if frame.f_code.co_filename == TEMPLATE_NAME else None

    sys.settrace(tracer)
    try:
        yield
    finally:
        sys.settrace(previous)


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, plus: empty fields become Empty, templated fields render when used, only
    content fields may be read, and everything a template makes stays within the limits."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+"})

    def __init__(self, renderer: Renderer):
        super().__init__(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
                         finalize=_printable)
        self.filters.update(FILTERS)
        self.filters = {name: _bounded(function) for name, function in self.filters.items()}
        for name in ("lipsum", "cycler", "joiner"):
            self.globals.pop(name, None)
        self.globals["range"] = _range
        self.renderer = renderer

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Fields and computed values of the content, not Python's machinery (model_dump, methods)."""
        if attr.startswith(("_", "model_")) or not super().is_safe_attribute(obj, attr, value):
            return False
        return not (callable(value) and isinstance(obj, (BaseModel, dt.date, dt.time)))

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        return self.undefined(f"{attribute!r} is not a field of the content", obj=obj, name=attribute,
                              exc=SecurityError)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _digits(left) * max(_argument_exponent(right), 1) > MAX_DIGITS:
            raise _Limit(f"a number of at most {MAX_DIGITS} digits", f"{left!r} ** {right!r}"[:40])
        if operator == "*":
            if (isinstance(right, int) and _size(left) * right > MAX_TEXT) or \
                    (isinstance(left, int) and _size(right) * left > MAX_TEXT):
                raise _Limit(f"text of at most {MAX_TEXT:,} characters", "a text repeated past it")
            if _digits(left) + _digits(right) > MAX_DIGITS:
                raise _Limit(f"a number of at most {MAX_DIGITS} digits", "a larger product")
        if operator == "+" and _size(left) + _size(right) > MAX_TEXT:
            raise _Limit(f"text of at most {MAX_TEXT:,} characters", "texts joined past it")
        return _checked(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            _argument(value)
        return _checked(super().call(__context, __obj, *args, **kwargs))

    def joined(self, parts: tuple[Any, ...]) -> str:
        """`a ~ b`, checked."""
        return _checked("".join(str(part) for part in parts))

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Broken):
            return obj
        if attribute.startswith(("_", "model_")):  # not even looked up: Python's machinery, not content
            value: Any = self.unsafe_undefined(obj, attribute)
        else:
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


def _argument_exponent(value: Any) -> float:
    return float(abs(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else 1.0


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
            raise TemplateProblem(error.lineno or 1, "a valid Jinja2 template",
                                  error.message or "a syntax error") from None
        except (ValueError, OverflowError, RecursionError, MemoryError) as error:  # a number of 5,000 digits …
            raise TemplateProblem(1, "a template of ordinary size", str(error)[:80] or type(error).__name__) from None
        template = env.template_class.from_code(env, code, env.make_globals(None), None)
        try:
            with _steps():
                return _checked(template.render(**self.context))
        except TemplateProblem:
            raise
        except _Limit as error:
            raise TemplateProblem(_template_line(error), error.expected, error.found) from None
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
        except MemoryError:
            raise TemplateProblem(1, "a template of ordinary size", "more than the memory holds") from None
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
