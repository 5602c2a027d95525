"""Field types staff write by hand: dates (with an optional weekday), clock times, years."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer
from pydantic_core import PydanticCustomError

from ..japanese.dates import DateError, parse_date, wareki_year


def expected(expected_text: str, found: Any) -> PydanticCustomError:
    """A validation error that keeps "expected" and "found" apart for the report."""
    shown = found if isinstance(found, str) and found.startswith(("'", '"')) else repr(found)
    return PydanticCustomError(
        "ucc_expected", "expected {expected}, found {found}", {"expected": expected_text, "found": shown}
    )


#: Dates the Japanese calendar conversions cover (明治6年, when Japan took up the Gregorian calendar).
FIRST_YEAR, LAST_YEAR = 1873, 2200


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = parse_date(value)
        except DateError as error:
            raise PydanticCustomError(
                "ucc_expected", "expected {expected}, found {found}",
                {"expected": error.expected, "found": error.found},
            ) from None
    if not isinstance(value, dt.date):
        raise expected("a date such as 2026-06-17 or 令和8年6月17日(水)", value)
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise expected(f"a date from {FIRST_YEAR} to {LAST_YEAR}", value.isoformat())
    return value


#: A date written as 2026-06-17, 2026年6月17日 or 令和8年6月17日, optionally with (水).
JaDate = Annotated[dt.date, BeforeValidator(_to_date)]

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


def _to_clock(value: Any) -> str:
    text = unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else None
    match = _CLOCK.fullmatch(text or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise expected('a time such as "14:30" (24-hour clock)', value)
    return f"{int(match[1]):02d}:{match[2]}"


#: A 24-hour clock time, normalised to HH:MM.
ClockTime = Annotated[str, BeforeValidator(_to_clock)]


def _to_year(value: Any) -> int:
    text = unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else None
    year = int(text) if text and re.fullmatch(r"\d{4}", text) else value
    if isinstance(year, int) and not isinstance(year, bool) and FIRST_YEAR <= year <= LAST_YEAR:
        return year
    raise expected(f"a year from {FIRST_YEAR} to {LAST_YEAR}, such as 2019", value)


#: A Gregorian year.
Year = Annotated[int, BeforeValidator(_to_year)]


@dataclass(frozen=True)
class YearMonth:
    """A month of a year, e.g. when an institution was set up."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def with_wareki(self) -> str:
        """1952年（昭和27年）4月."""
        return f"{self.year}年（{wareki_year(self.year, self.month)}）{self.month}月"


def _to_year_month(value: Any) -> YearMonth:
    text = unicodedata.normalize("NFKC", str(value)).strip() if isinstance(value, (str, int)) else ""
    match = re.fullmatch(r"(\d{4})(?:-|/|年)(\d{1,2})月?", text)
    if not match or not 1 <= int(match[2]) <= 12 or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        raise expected('a year and month such as "1952-04" or 1952年4月', value)
    return YearMonth(int(match[1]), int(match[2]))


#: A year and month: "1952-04" or 1952年4月.
YearMonthField = Annotated[YearMonth, BeforeValidator(_to_year_month), PlainSerializer(str)]
