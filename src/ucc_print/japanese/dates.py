"""Japanese calendar: era years (wareki), weekdays, fiscal years and date parsing."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

WEEKDAYS = "月火水木金土日"


@dataclass(frozen=True)
class Era:
    """One Japanese era: its name, first day and the Gregorian year before its year 1."""

    name: str
    first_day: dt.date
    offset: int  #: Gregorian year = era year + offset


#: Newest first. Japan adopted the Gregorian calendar on 明治6年1月1日 (1873-01-01).
ERAS = (
    Era("令和", dt.date(2019, 5, 1), 2018),
    Era("平成", dt.date(1989, 1, 8), 1988),
    Era("昭和", dt.date(1926, 12, 25), 1925),
    Era("大正", dt.date(1912, 7, 30), 1911),
    Era("明治", dt.date(1873, 1, 1), 1867),
)
ERA_NAMES = {era.name: era for era in ERAS}


class DateError(ValueError):
    """A date that cannot be read or does not exist; carries what was expected."""

    def __init__(self, expected: str, found: str):
        super().__init__(f"expected {expected}, found {found}")
        self.expected = expected
        self.found = found


def era_of(day: dt.date) -> Era:
    """The era in force on `day`."""
    for era in ERAS:
        if day >= era.first_day:
            return era
    raise DateError("a date from 1873 on (Gregorian calendar in Japan)", day.isoformat())


def era_year_text(number: int) -> str:
    """Era year number as written: 1 is 元."""
    return "元" if number == 1 else str(number)


def weekday(day: dt.date) -> str:
    """Japanese weekday character: 水 for a Wednesday."""
    return WEEKDAYS[day.weekday()]


def wareki(day: dt.date, with_weekday: bool = False) -> str:
    """令和8年6月17日, or 令和8年6月17日(水) with the weekday."""
    era = era_of(day)
    text = f"{era.name}{era_year_text(day.year - era.offset)}年{day.month}月{day.day}日"
    return f"{text}({weekday(day)})" if with_weekday else text


def seireki(day: dt.date, with_weekday: bool = False) -> str:
    """2026年6月17日, or 2026年6月17日(水) with the weekday."""
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text}({weekday(day)})" if with_weekday else text


def wareki_year(year: int, month: int = 12) -> str:
    """Era year of a Gregorian year (as of the end of `month`): 2019 → 令和元年."""
    last_day = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
    era = era_of(last_day)
    return f"{era.name}{era_year_text(year - era.offset)}年"


def nendo(day: dt.date) -> str:
    """Japanese fiscal year (April–March) of `day`: 2026-06-17 → 令和8年度, 2019-04-10 → 令和元年度."""
    fiscal = day.year if day.month >= 4 else day.year - 1
    era = era_of(dt.date(fiscal, 4, 1))
    for newer in ERAS:
        # An era that begins during the same calendar year names the whole fiscal year (令和元年度).
        if newer.first_day.year == fiscal and newer.first_day > dt.date(fiscal, 4, 1):
            era = newer
            break
    return f"{era.name}{era_year_text(fiscal - era.offset)}年度"


def clock_ja(clock: str) -> str:
    """14:30 → 14時30分, as the city's forms write times (14:00 → 14時00分 too)."""
    hours, minutes = clock.split(":")
    return f"{int(hours)}時{minutes}分"


def time_range(start: str, end: str) -> str:
    """14:30～16:00 (full-width tilde, as Windows writes it)."""
    return f"{start}～{end}"


_WEEKDAY = r"\s*[(（]\s*(?P<wd>[月火水木金土日])(?:曜日?)?\s*[)）]"
_ERA = "|".join(ERA_NAMES)
_MONTH_DAY = r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
#: Date forms, each a regular expression with named groups y (or era and ey), m, d.
_FORMS = (
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",
    r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})",
    rf"(?P<y>\d{{4}})\s*年\s*{_MONTH_DAY}",
    rf"(?P<era>{_ERA})\s*(?P<ey>元|\d{{1,2}})\s*年\s*{_MONTH_DAY}",
)
#: A whole field holding a date, with an optional weekday.
_FIELD_DATES = tuple(re.compile(f"{form}(?:{_WEEKDAY})?") for form in _FORMS)
#: A date followed by a written weekday, anywhere in running text; the year may be left out.
_TEXT_DATES = re.compile(
    "|".join(f"(?:{form}{_WEEKDAY})".replace("?P<", f"?P<f{n}_") for n, form in enumerate(
        (*_FORMS, r"(?<![\d年/])" + _MONTH_DAY)))
)


def _from_parts(text: str, era_name: str | None, year: str, month: str, day_: str) -> dt.date:
    """Build a date from matched parts, checking the era year exists."""
    if era_name:
        era = ERA_NAMES[era_name]
        number = 1 if year == "元" else int(year)
        if number < 1:
            raise DateError(f"an existing {era_name} year", text)
        gregorian = number + era.offset
    else:
        gregorian = int(year)
    try:
        day = dt.date(gregorian, int(month), int(day_))
    except ValueError:
        raise DateError("a calendar date that exists", repr(text)) from None
    if era_name:
        actual = era_of(day)
        if actual.name != era_name:
            raise DateError(
                f"a date inside the {era_name} era",
                f"{text!r} (that day is {wareki(day)})",
            )
    return day


def _date_of(parts: dict[str, str], text: str, year: int | None) -> dt.date | None:
    """The date named by a match's groups; a missing year is `year` (None: cannot tell)."""
    if parts.get("era"):
        return _from_parts(text, parts["era"], parts["ey"], parts["m"], parts["d"])
    if parts.get("y"):
        return _from_parts(text, None, parts["y"], parts["m"], parts["d"])
    if year is None:
        return None
    return _from_parts(text, None, str(year), parts["m"], parts["d"])


def parse_date(text: str) -> dt.date:
    """Read 2026-06-17, 2026/6/17, 2026年6月17日 or 令和8年6月17日, each optionally with (水).

    A written weekday must agree with the calendar.
    """
    normal = unicodedata.normalize("NFKC", text).strip()
    for pattern in _FIELD_DATES:
        match = pattern.fullmatch(normal)
        if match:
            parts = {key: value for key, value in match.groupdict().items() if value is not None}
            day = _date_of(parts, text, None)
            assert day is not None  # every field form has a year
            check_weekday(day, parts.get("wd"), text)
            return day
    raise DateError("a date such as 2026-06-17 or 令和8年6月17日(水)", repr(text))


def check_weekday(day: dt.date, written: str | None, text: str) -> None:
    """Raise DateError when a written weekday disagrees with the calendar."""
    if written and written != weekday(day):
        raise DateError(
            f"the weekday of {day.isoformat()}, which is ({weekday(day)})",
            f"({written}) in {text!r}",
        )


def find_weekday_mistakes(text: str, year: int | None = None) -> list[DateError]:
    """Every date-with-weekday in running text whose weekday is wrong or whose date does not exist.

    A date written without its year (6月17日(水)) is read in `year`; without one it is skipped.
    """
    problems: list[DateError] = []
    for match in _TEXT_DATES.finditer(unicodedata.normalize("NFKC", text)):
        groups = {key.split("_", 1)[1]: value for key, value in match.groupdict().items() if value}
        try:
            day = _date_of(groups, match.group(0), year)
            if day is not None:
                check_weekday(day, groups["wd"], match.group(0))
        except DateError as problem:
            problems.append(problem)
    return problems
