"""Jinja2 in content text: sandboxed and read-only, strict, with Japanese date filters.

A typo never prints as a blank: an unknown name, an unknown field and an empty field used as
text are all errors. A field whose own text is a template is rendered when another template uses
it. Parts of the content that failed validation are "broken": templates may mention them without
a second, misleading error.

Only content values reach paper: text, numbers and dates. Python internals (model_dump,
model_fields, methods, dunders) are refused, and whatever would print as Python — a group of
fields, a list, a range, a yes/no value — is an error saying what to write instead, wherever it
would become text: printed, joined with `~`, `%`, `format`, `string`, `join` and the other text
filters. Templates run under limits (README: Limits): the size of each text and list, checked
before it is built; number size; and, in all, characters built, steps and seconds — each a content
error naming the line, so no template can run for minutes or fill the memory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import math
import re
import sys
import time
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import FrameType
from typing import TYPE_CHECKING, Any, TypeVar

from jinja2 import (
    ChainableUndefined,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    Undefined,
    UndefinedError,
    meta,
    nodes,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import FilterArgumentError, SecurityError
from jinja2.filters import make_attrgetter
from jinja2.runtime import LoopContext, TemplateReference
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from jinja2.utils import Namespace, _PassArg, pass_context
from pydantic import BaseModel

from ..errors import plural
from ..japanese import dates
from .limits import MAX_FIELD

if TYPE_CHECKING:
    from _typeshed import TraceFunction

_T = TypeVar("_T")

TEMPLATE_NAME = "<content>"
#: Limits of what one template may make or do. How long its text may be is the caller's to say:
#: MAX_FIELD for a field or a slide, MAX_TEXT_FILE for a Markdown text; every text it builds on
#: the way is held to the same length.
MAX_TOKENS = 20_000  #: parts it is written with: names, numbers, signs and the texts between them
MAX_DIGITS = 100  #: digits of a number it computes
MAX_ITEMS = 10_000  #: items of a list it builds; numbers of a range; groups of batch and slice
MAX_STEPS = 200_000  #: template lines run (loops included)
MAX_BUILT = 1_000_000  #: characters and list items it builds in all (loops included)
MAX_SECONDS = 2.0  #: seconds it may run
#: Limits of all templates of one run together (thousands of fields, each within the limits above).
MAX_BUILT_ALL = 5_000_000
MAX_SECONDS_ALL = 5.0
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
#: Methods a template may call on a text (the others make bytes or translation tables).
TEXT_METHODS = frozenset({
    "capitalize", "casefold", "center", "count", "endswith", "expandtabs", "find", "format", "format_map",
    "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric",
    "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip", "partition",
    "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip",
    "split", "splitlines", "startswith", "strip", "swapcase", "title", "upper", "zfill"})
#: Methods a template may call on a list, a mapping or a range.
COLLECTION_METHODS = frozenset({"copy", "count", "get", "index", "items", "keys", "values"})


class _Refusal(TemplateError):
    """Something a template may not make or do: what was allowed and what it tried."""

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


def _printable(value: Any) -> bool:
    """Whether a value may become text: text, a finite number or a date — never a yes/no value."""
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, (str, int, dt.date))


def _whole(value: Any) -> int:
    """A count or width given to a filter or method (0 when it is not a whole number)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _range_length(numbers: range) -> int:
    """How many numbers a range holds (len() cannot say past sys.maxsize)."""
    step = numbers.step
    return max(0, (numbers.stop - numbers.start + step - (1 if step > 0 else -1)) // step)


def _power_digits(base: Any, exponent: Any) -> float:
    """About how many digits base ** exponent has (log10|base| · exponent + 1); 1 when it cannot grow."""
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        return math.log10(abs(base)) * exponent + 1
    return 1.0


def _too_many_digits(value: int) -> bool:
    """Whether a whole number has more than MAX_DIGITS digits (measured without printing it)."""
    return value.bit_length() >= MAX_DIGITS * 3.32 and abs(value) >= 10**MAX_DIGITS


#: A standard format spec (str.format): [[fill]align][sign][z][#][0][width][grouping][.precision][type].
_FORMAT_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?z?#?0?(?P<width>\d*)[,_]?(?:\.(?P<precision>\d*))?[a-zA-Z%]?",
                          re.DOTALL)
#: A date's format spec is strftime's: each directive may carry a width (%010Y).
_STRFTIME = re.compile(r"%[-_0^#]*(\d*)[EO]?.", re.DOTALL)


def _number_size(value: Any, precision: int) -> int:
    """At most how long a number prints with a precision and no width (digits, grouping, sign, exponent)."""
    if isinstance(value, float):
        digits = len(f"{abs(value):.0f}") if math.isfinite(value) else 3
    elif isinstance(value, int):
        digits = len(str(abs(value))) if not _too_many_digits(value) else abs(value).bit_length()
    else:
        digits = 0
    return digits * 4 + precision + 12  # binary digits, grouping, sign, point, exponent and %


def _format_size(value: Any, spec: str) -> int:
    """At most how long format(value, spec) is: widths and precisions counted before anything is made."""
    if isinstance(value, dt.date):
        return len(spec) + sum(max(int(width or 0), 40) for width in _STRFTIME.findall(spec)) if spec else 10
    parts = _FORMAT_SPEC.fullmatch(spec)
    if parts is None:
        return len(spec)  # not a spec format() takes: it refuses it
    width = int(parts["width"] or 0)
    precision = int(parts["precision"] or 0)
    if isinstance(value, str):
        return max(width, len(value))
    return max(width, _number_size(value, precision))


def _percent_fields(pattern: str) -> Iterator[tuple[str | None, str, str, str | None, str]]:
    """(mapping key, flags, width, precision, conversion) of each `%` field of a printf-style pattern,
    read as Python reads it (nested brackets in the key, `*` for a width taken from the values)."""
    at = pattern.find("%")
    end = len(pattern)
    while at >= 0:
        i = at + 1
        key = None
        if i < end and pattern[i] == "(":
            depth, start = 1, i + 1
            i += 1
            while i < end and depth:
                depth += {"(": 1, ")": -1}.get(pattern[i], 0)
                i += 1
            if depth:
                raise ValueError("incomplete format key")
            key = pattern[start:i - 1]
        flags_start = i
        while i < end and pattern[i] in "-+ #0":
            i += 1
        flags = pattern[flags_start:i]
        width_start = i
        if i < end and pattern[i] == "*":
            i += 1
        while i < end and pattern[i].isdigit():
            i += 1
        width = pattern[width_start:i]
        precision = None
        if i < end and pattern[i] == ".":
            i += 1
            precision_start = i
            if i < end and pattern[i] == "*":
                i += 1
            while i < end and pattern[i].isdigit():
                i += 1
            precision = pattern[precision_start:i]
        while i < end and pattern[i] in "hlL":
            i += 1
        if i >= end:
            raise ValueError("incomplete format")
        yield key, flags, width, precision, pattern[i]
        at = pattern.find("%", i + 1)


class _Allowance:
    """What the template being rendered may still make and do."""

    def __init__(self, limit: int, deadline: float, deadline_is_the_runs: bool):
        self.limit = limit  #: characters of any text it makes
        self.built = MAX_BUILT  #: characters and list items it may still build
        self.steps = MAX_STEPS  #: template lines it may still run
        self.deadline = deadline  #: time.monotonic() by which it must end
        self.deadline_is_the_runs = deadline_is_the_runs  #: whether that is all templates' time running out


class _Formatter(SandboxedFormatter):
    """str.format and format_map in templates: each field text, a number or a date, never shown as
    Python (!r, !a), its width and precision checked before it is made."""

    def __init__(self, environment: _Environment, **kwargs: Any):
        super().__init__(environment, **kwargs)
        self.environment = environment
        self.size = 0

    def vformat(self, format_string: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str:
        self.size = len(format_string)  # its own text, at most
        return super().vformat(format_string, args, kwargs)

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion in ("r", "a"):
            raise _Refusal("a field without !r or !a", f"!{conversion}, which writes Python notation")
        if conversion == "s":
            return self.environment.text(value)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        if isinstance(value, Undefined):
            return str(value)  # an empty field raises its own error; a broken part is ""
        self.environment.text(value)
        self.size += _format_size(value, format_spec)
        self.environment.expect_text(self.size)
        return super().format_field(value, format_spec)


class _EscapeFormatter(_Formatter, SandboxedEscapeFormatter):
    """The same for a text marked safe (`|safe`): its fields are escaped, as Jinja does."""


class _Generator(CodeGenerator):
    """Jinja's code generator, but `~` joins through the environment, which checks what it joins."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.joined((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, plus: empty fields become Empty, templated fields render when used, only
    content fields may be read, only text, numbers and dates become text, and everything a
    template makes stays within the limits, checked before it is made where it could be large."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, renderer: Renderer):
        super().__init__(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
                         finalize=self._finalize, optimized=False)
        self.filters.update(FILTERS, format=self._format, join=self._join)
        for name in REMOVED_FILTERS:
            del self.filters[name]
        self.filters = {name: self._guarded(name, function) for name, function in self.filters.items()}
        self.filters["_each"] = self._each  # put around what a loop goes through (see _parse)
        for name in ("lipsum", "cycler", "joiner"):
            self.globals.pop(name, None)
        self.globals["range"] = self._range
        self.renderer = renderer
        self.names: dict[int, str] = {}  #: what the content's groups and lists are called in templates
        self._allowances: list[_Allowance] = []
        self._outside = _Allowance(MAX_FIELD, math.inf, False)  #: (nothing is rendered outside a render)
        self.built_left = MAX_BUILT_ALL  #: characters and list items all templates may still build
        self.seconds_left = MAX_SECONDS_ALL  #: time all templates may still take

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's syntax tree, each loop (and each `set a, b = …`) first asking `_each`
        whether what it goes through is a list."""
        tree = super()._parse(source, name, filename)
        for loop in list(tree.find_all(nodes.For)):
            loop.iter = nodes.Filter(loop.iter, "_each", [], [], None, None, lineno=loop.iter.lineno)
        for assign in list(tree.find_all(nodes.Assign)):
            if isinstance(assign.target, nodes.Tuple):
                assign.node = nodes.Filter(assign.node, "_each", [], [], None, None, lineno=assign.node.lineno)
        return tree

    # -- limits ---------------------------------------------------------------------------------

    @property
    def allowance(self) -> _Allowance:
        """The allowance of the template being rendered."""
        return self._allowances[-1] if self._allowances else self._outside

    @contextlib.contextmanager
    def allowed(self, limit: int) -> Iterator[None]:
        """Compile and render a template within its allowance (nested when a field uses a templated
        field); none at all once all templates together have used up theirs."""
        start = time.monotonic()
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
        try:
            yield
        finally:
            self._allowances.pop()
            if outer is None:
                self.seconds_left -= time.monotonic() - start

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
        """Stop the template once its time is up."""
        allowance = self.allowance
        if time.monotonic() > allowance.deadline:
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
        elif isinstance(value, int) and not isinstance(value, bool) and _too_many_digits(value):
            raise _Refusal(f"a number of at most {MAX_DIGITS} digits", "a larger one")
        return value

    def _count(self, size: int) -> None:
        """Count what was built against this template's allowance and all templates'."""
        self.allowance.built -= size
        self.built_left -= size

    def _counted(self, items: Iterable[_T]) -> Iterator[_T]:
        """The items of a list being made by a filter, each counted (a chain of filters over a long
        list is work, even before anything is printed)."""
        for item in items:
            self.tick()
            self._expect_built(1)
            self._count(1)
            yield item

    def _listed(self, items: Iterable[Any]) -> list[Any]:
        """The items of a list, at most MAX_ITEMS of them."""
        listed: list[Any] = []
        for item in items:
            self.expect_items(len(listed) + 1)
            listed.append(item)
        return listed

    # -- what becomes text ----------------------------------------------------------------------

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

    @pass_context
    def _finalize(self, context: Any, value: Any) -> Any:
        """What `{{ … }}` may print: text, numbers and dates, never "None", a Python object or a list."""
        if value is None:
            raise UndefinedError("an empty field is printed (put {% if … %} around optional fields)")
        if isinstance(value, Undefined):
            return value  # printing it raises its own, better error
        self.expect_text(len(self.text(value)))
        return value

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
        self.expect_text(sum(map(len, texts)))
        return self.made("".join(texts))

    def concat(self, pieces: Iterable[str]) -> str:
        """A template's, a block's or a macro's output put together, refused (at the line that
        printed it) as soon as it passes the text limit."""
        if isinstance(pieces, list):
            self.expect_text(sum(map(len, pieces)))
            return self.made("".join(pieces))
        made: list[str] = []
        size = 0
        for piece in pieces:
            size += len(piece)
            if size > self.allowance.limit:
                refusal = _Refusal(f"text of at most {self.allowance.limit:,} characters", "more")
                throw = getattr(pieces, "throw", None)
                if throw is not None:
                    throw(refusal)  # raised inside the template, so the error names its line
                raise refusal
            made.append(piece)
        return self.made("".join(made))

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
            self.expect_text(size + max(widths))
            if key is not None:
                value = values[key]
            elif positional:
                value = positional.pop(0)
            else:
                raise TypeError("not enough arguments for format string")
            self.text(value)
            piece = f"%{flags}{'.' + str(widths[1]) if precision is not None else ''}{conversion}" % (value,)
            size += max(widths[0], len(piece))
            self.expect_text(size)
        made: str = pattern % values
        return self.made(made)

    @staticmethod
    def _star(positional: list[Any]) -> int:
        """A width or precision given as `*`: the next value, which must be a whole number."""
        if not positional or not isinstance(positional[0], int):
            raise TypeError("* wants int")
        return abs(int(positional.pop(0)))

    # -- filters, functions and operators -------------------------------------------------------

    def _guarded(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """A filter that refuses what would print as Python, checks what it will make before making
        it, and counts what it made."""
        skip = 0 if _PassArg.from_obj(function) is None else 1
        before = _BEFORE.get(name)

        @functools.wraps(function)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            self.tick()
            if len(args) > skip:
                value = args[skip]
                self._check_input(name, value, (*args[skip + 1:], *kwargs.values()))
                if before is not None:
                    with contextlib.suppress(TypeError):  # arguments it does not take: the filter says so
                        before(self, value, *args[skip + 1:], **kwargs)
            result = self.made(function(*args, **kwargs))
            return self._counted(result) if isinstance(result, Iterator) else result

        return guarded

    def _check_input(self, name: str, value: Any, arguments: tuple[Any, ...]) -> None:
        """Refuse a filter's input (and, for a text filter, its arguments) that it would turn into
        Python notation, and a list too long to go through."""
        if isinstance(value, Undefined) or name in ANY_INPUT:
            return
        if isinstance(value, BaseModel):
            what = "a list" if name in LIST_FILTERS else "a text"
            raise _Refusal(f"{what} for the filter `{name}`", self.describe(value, what))
        if name in TEXT_FILTERS:
            self.text(value)
            for argument in arguments:
                if not (argument is None or isinstance(argument, (bool, Undefined)) or _printable(argument)):
                    raise _Refusal(f"a text or a number given to `{name}`", self.describe(argument, "a text"))
        elif name in LIST_FILTERS and isinstance(value, (str, Sequence, Mapping, range)):
            if isinstance(value, str):
                self.expect_text(len(value))
            else:
                self.expect_items(_range_length(value) if isinstance(value, range) else len(value))

    def _format(self, value: Any, *args: Any, **kwargs: Any) -> str:
        """The `format` filter: `value % args`, checked as `%` is."""
        if args and kwargs:
            raise FilterArgumentError("can't handle positional and keyword arguments at the same time")
        return self.percent(self.text(value), kwargs or args)

    def _join(self, value: Any, d: Any = "", attribute: Any = None) -> str:
        """The `join` filter: only texts, numbers and dates joined, measured before they are."""
        items = value if attribute is None else map(make_attrgetter(self, attribute), value)
        listed = self._listed(items)
        if attribute is None and any(isinstance(item, BaseModel) for item in listed):
            found = self.describe(listed, "a text", self.names.get(id(value)))
            raise _Refusal("texts, numbers or dates to join", found)
        texts = [self.text(item, "a text to join") for item in listed]
        separator = self.text(d)
        self.expect_text(sum(map(len, texts)) + len(separator) * max(len(texts) - 1, 0))
        return separator.join(texts)

    def _each(self, value: _T) -> _T:
        """What a `{% for %}` goes through: not a group of fields (its Python pairs of name and value)."""
        if isinstance(value, BaseModel):
            raise _Refusal("a list to go through", self.describe(value, "a list"))
        return value

    def _range(self, *args: Any) -> range:
        """range(), of at most MAX_ITEMS numbers (the numbers themselves may be large)."""
        numbers = range(*args)
        count = _range_length(numbers)
        if count > MAX_ITEMS:
            raise _Refusal(f"a range of at most {MAX_ITEMS:,} numbers", f"{count:,} numbers")
        return numbers

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """`*`, `**`, `+` and `%`, what they make measured first (and `%` of a text checked as text)."""
        if operator == "%" and isinstance(left, str):
            return self.percent(left, right)
        if operator == "**" and _power_digits(left, right) > MAX_DIGITS:
            raise _Refusal(f"a number of at most {MAX_DIGITS} digits", f"{left!r} ** {right!r}"[:40])
        if operator == "*":
            for times, repeated in ((left, right), (right, left)):
                if isinstance(repeated, str):
                    self.expect_text(len(repeated) * _whole(times))
                elif isinstance(repeated, (list, tuple)):
                    self.expect_items(len(repeated) * _whole(times))
        if operator == "+":
            if isinstance(left, str) and isinstance(right, str):
                self.expect_text(len(left) + len(right))
            elif isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
                self.expect_items(len(left) + len(right))
        return self.made(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A function or method called from a template: what it would go through and make checked first."""
        __self.tick()
        if __obj is dict or __obj is Namespace or isinstance(__obj, LoopContext):
            for value in args:
                __self._each(value)
        if isinstance(__obj, types.BuiltinMethodType) and isinstance(__obj.__self__, str):
            args = __self._before_text_method(__obj.__self__, __obj.__name__, args, kwargs)
        return __self.made(super().call(__context, __obj, *args, **kwargs))

    def _before_text_method(self, text: str, name: str, args: tuple[Any, ...],
                            kwargs: dict[str, Any]) -> tuple[Any, ...]:
        """Measure what a text method will make before it makes it; its arguments (join's list
        taken in full first)."""
        first = args[0] if args else None
        if name in ("center", "ljust", "rjust", "zfill"):
            self.expect_text(max(len(text), _whole(first)))
        elif name == "expandtabs":
            tab = _whole(first if args else kwargs.get("tabsize", 8))
            self.expect_text(len(text) + text.count("\t") * max(tab, 0))
        elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
            self.expect_text(_replaced_size(text, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count")))
        elif name == "join" and args:
            items = self._listed(args[0])
            self.expect_text(sum(len(item) for item in items if isinstance(item, str))
                             + len(text) * max(len(items) - 1, 0))
            args = (items, *args[1:])
        return args

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """str.format and format_map, through a formatter that checks each field."""
        if not isinstance(value, (types.MethodType, types.BuiltinMethodType)) or \
                value.__name__ not in ("format", "format_map") or not isinstance(value.__self__, str):
            return None
        pattern: str = value.__self__
        formatter = _EscapeFormatter(self, escape=pattern.escape) if hasattr(pattern, "escape") else _Formatter(self)
        is_format_map = value.__name__ == "format_map"

        def formatted(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                return type(pattern)(formatter.vformat(pattern, (), args[0]))
            return type(pattern)(formatter.vformat(pattern, args, kwargs))

        return functools.update_wrapper(formatted, value)

    # -- reading the content --------------------------------------------------------------------

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Fields and computed values of the content, not Python's machinery (model_dump, methods)."""
        if attr.startswith(("_", "model_")) or not super().is_safe_attribute(obj, attr, value):
            return False
        if not callable(value):
            return True
        if isinstance(obj, str):
            return attr in TEXT_METHODS
        if isinstance(obj, (list, tuple, dict, range)):
            return attr in COLLECTION_METHODS
        return not isinstance(obj, (BaseModel, dt.date, dt.time, int, float, bytes))

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        return self.undefined(f"{attribute!r} is not a field of the content", obj=obj, name=attribute,
                              exc=SecurityError)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Broken):
            return obj
        self.tick()
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
        return self._resolve(obj, value, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Broken):
            return obj
        self.tick()
        return self._resolve(obj, super().getitem(obj, argument), argument, by_attribute=False)

    def _resolve(self, obj: Any, value: Any, key: Any, by_attribute: bool = True) -> Any:
        """A value read from the content: empty as Empty, a templated field rendered, a field too
        long refused (it is reported itself), a group or list named after where it was read."""
        if value is None:
            label = f"{type(obj).__name__.lower()}.{key}" if by_attribute and isinstance(obj, BaseModel) else \
                key if by_attribute else _key_label(key)
            return Empty(hint=f"{label} is empty in the content (put {{% if … %}} around it)")
        if isinstance(value, (BaseModel, list)) and id(obj) in self.names:
            self.names[id(value)] = self.names[id(obj)] + _part(key)
        if isinstance(value, str) and (isinstance(obj, BaseModel) or id(obj) in self.names):
            if has_template(value):
                value = self.renderer.render(value)
            if len(value) > MAX_FIELD:
                name = self.names.get(id(obj), type(obj).__name__.lower()) + _part(key)
                raise _Refusal(f"a field of at most {MAX_FIELD:,} characters",
                               f"{name}, {len(value):,} characters long")
        return value


def _key_label(key: Any) -> str:
    """How an item's key is shown in a message: 'name', 0 (never a long Python form)."""
    return repr(key) if isinstance(key, (str, int)) else _kind(key)


def _part(key: Any) -> str:
    """How reading a key is written in a template: .name or [0]."""
    return f".{key}" if isinstance(key, str) else f"[{_key_label(key)}]"


def _replaced_size(text: str, old: str, new: str, count: Any) -> int:
    """How long text.replace(old, new, count) is, counted before it is made."""
    found = text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0)


def _before_center(env: _Environment, value: Any, width: Any = 80) -> None:
    env.expect_text(max(len(env.text(value)), _whole(width)))


def _before_indent(env: _Environment, value: Any, width: Any = 4, first: Any = False, blank: Any = False) -> None:
    text = env.text(value)
    indent = len(width) if isinstance(width, str) else max(_whole(width), 0)
    lines = len((text + "\n").splitlines())
    env.expect_text(max(indent, len(text) + lines + (lines if first else lines - 1) * indent))  # the indent is made


def _before_replace(env: _Environment, value: Any, old: Any, new: Any, count: Any = None) -> None:
    env.expect_text(_replaced_size(env.text(value), env.text(old), env.text(new), count))


def _before_wordwrap(env: _Environment, value: Any, width: Any = 79, break_long_words: Any = True,
                     wrapstring: Any = None, break_on_hyphens: Any = True) -> None:
    text = env.text(value)
    # two lines in a row hold more than `width` characters of the text, or the second would have
    # fitted on the first: at most 2·length/width lines a paragraph, plus one
    lines = 2 * len(text) // max(_whole(width) + 1, 1) + len(text.splitlines()) + 1
    env.expect_text(len(text) + lines * (1 if wrapstring is None else len(env.text(wrapstring))))


def _before_truncate(env: _Environment, value: Any, length: Any = 255, killwords: Any = False, end: Any = "...",
                     leeway: Any = None) -> None:
    end = env.text(end)
    if isinstance(length, int) and length < len(end):
        raise _Refusal(f"a length of at least {len(end)} for `truncate` (the length of its end mark)", f"{length}")
    if isinstance(leeway, int) and leeway < 0:
        raise _Refusal("a leeway of 0 or more for `truncate`", f"{leeway}")
    env.expect_text(len(env.text(value)) + len(end))


def _before_batch(env: _Environment, value: Any, linecount: Any, fill_with: Any = None) -> None:
    if fill_with is not None:
        env.expect_items(_whole(linecount))


def _before_slice(env: _Environment, value: Any, slices: Any, fill_with: Any = None) -> None:
    env.expect_items(_whole(slices))


def _before_sum(env: _Environment, value: Any, attribute: Any = None, start: Any = 0) -> None:
    if not (_printable(start) and isinstance(start, (int, float))):
        raise _Refusal("a number to start `sum` from", _kind(start))


def _before_urlencode(env: _Environment, value: Any) -> None:
    pairs = value.items() if isinstance(value, Mapping) else value if isinstance(value, (list, tuple)) else [(value,)]
    for pair in env._listed(pairs):
        for part in pair if isinstance(pair, tuple) else (pair,):
            env.text(part)


#: Checks run before a filter makes anything: arguments it turns into text, and the size of what
#: it will make.
_BEFORE: dict[str, Callable[..., None]] = {
    "center": _before_center, "indent": _before_indent, "replace": _before_replace, "wordwrap": _before_wordwrap,
    "truncate": _before_truncate, "batch": _before_batch,
    "slice": _before_slice, "sum": _before_sum, "urlencode": _before_urlencode,
}


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


class Renderer:
    """Renders content texts against one context; templated fields used by others render once."""

    def __init__(self, context: dict[str, Any]):
        self.context = context
        self.environment = _Environment(self)
        self.environment.names.update({id(value): name for name, value in context.items()
                                       if isinstance(value, (BaseModel, list))})
        self._active: list[str] = []
        self._done: dict[tuple[str, int], str] = {}

    def uses_broken(self, text: str) -> bool:
        """Whether a (valid) template reads a part that failed validation: its result means nothing."""
        try:
            names = meta.find_undeclared_variables(self.environment.parse(text))
        except TemplateSyntaxError:
            return False
        return any(isinstance(self.context.get(name), Broken) for name in names)

    def render(self, text: str, limit: int = MAX_FIELD) -> str:
        """Render one text of at most `limit` characters; a mistake raises TemplateProblem."""
        if (text, limit) in self._done:
            return self._done[text, limit]
        if text in self._active:
            raise TemplateProblem(1, "text that does not use itself", "a field that refers to itself")
        self._active.append(text)
        try:
            result = self._render(text, limit)
        finally:
            self._active.pop()
        self._done[text, limit] = result
        return result

    def _compiled(self, text: str) -> Template:
        """A text compiled as a template; a mistake raises TemplateProblem."""
        env = self.environment
        try:
            for count, (line, _kind, _value) in enumerate(env.lexer.tokeniter(text, TEMPLATE_NAME)):
                if count >= MAX_TOKENS:  # compiling takes time and memory in proportion to them
                    raise TemplateProblem(line, f"a template of at most {MAX_TOKENS:,} parts (names, numbers, "
                                          "signs and the texts between them)", "more: split it, or use a loop")
            code = env.compile(text, name=TEMPLATE_NAME, filename=TEMPLATE_NAME)
        except TemplateSyntaxError as error:
            raise TemplateProblem(error.lineno or 1, "a valid Jinja2 template",
                                  error.message or "a syntax error") from None
        except (ValueError, OverflowError, RecursionError, MemoryError) as error:  # a number of 5,000 digits …
            raise TemplateProblem(1, "a template of ordinary size", str(error)[:80] or type(error).__name__) from None
        return env.template_class.from_code(env, code, env.make_globals(None), None)

    def _render(self, text: str, limit: int) -> str:
        env = self.environment
        try:
            with env.allowed(limit):
                template = self._compiled(text)
                with env.traced():
                    return template.render(**self.context)
        except TemplateProblem:
            raise
        except _Refusal as error:
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
        except (TypeError, ValueError, ArithmeticError, AttributeError, LookupError, AssertionError,
                RuntimeError) as error:  # a filter's own check (truncate asserts its length) …
            raise TemplateProblem(_template_line(error), "a template that renders",
                                  str(error) or type(error).__name__) from None


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
