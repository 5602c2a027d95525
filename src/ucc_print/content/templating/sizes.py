"""Sizes measured before anything is built: how long a formatted value, a `%` field or a replaced
text will be, how many numbers a range holds, how many digits a power has."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from typing import Any

from .budget import _too_many_digits

#: A standard format spec (str.format): [[fill]align][sign][z][#][0][width][grouping][.precision][type].
_FORMAT_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?z?#?0?(?P<width>\d*)[,_]?(?:\.(?P<precision>\d*))?[a-zA-Z%]?",
                          re.DOTALL)
#: A date's format spec is strftime's: each directive may carry a width (%010Y).
_STRFTIME = re.compile(r"%[-_0^#]*(\d*)[EO]?.", re.DOTALL)


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
        width_start, i = i, _past_count(pattern, i)
        width = pattern[width_start:i]
        precision = None
        if i < end and pattern[i] == ".":
            precision_start, i = i + 1, _past_count(pattern, i + 1)
            precision = pattern[precision_start:i]
        while i < end and pattern[i] in "hlL":
            i += 1
        if i >= end:
            raise ValueError("incomplete format")
        yield key, flags, width, precision, pattern[i]
        at = pattern.find("%", i + 1)


def _past_count(pattern: str, i: int) -> int:
    """Where the width or precision of a `%` field that starts at i ends: a `*`, then any digits."""
    if i < len(pattern) and pattern[i] == "*":
        i += 1
    while i < len(pattern) and pattern[i].isdigit():
        i += 1
    return i


def _replaced_size(text: str, old: str, new: str, count: Any) -> int:
    """How long text.replace(old, new, count) is, counted before it is made."""
    found = text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0)
