"""Filters for Japanese dates and times: wareki, seireki, weekday, nendo, wareki_year, timerange."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from ...japanese import dates
from .problems import _FilterInputError
from .undefined import _check_defined


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
