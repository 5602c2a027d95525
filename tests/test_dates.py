"""Wareki, weekdays, fiscal years and date parsing."""

import datetime as dt

import pytest

from ucc_print.japanese.dates import (
    DateError,
    find_weekday_mistakes,
    nendo,
    parse_date,
    seireki,
    time_range,
    wareki,
    wareki_year,
    weekday,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 6, 17), "令和8年6月17日(水)"),
        (dt.date(2019, 5, 1), "令和元年5月1日(水)"),
        (dt.date(2019, 4, 30), "平成31年4月30日(火)"),
        (dt.date(1989, 1, 8), "平成元年1月8日(日)"),
        (dt.date(1989, 1, 7), "昭和64年1月7日(土)"),
        (dt.date(1926, 12, 25), "昭和元年12月25日(土)"),
        (dt.date(1926, 12, 24), "大正15年12月24日(金)"),
        (dt.date(1952, 4, 1), "昭和27年4月1日(火)"),
    ],
)
def test_wareki_with_weekday(day, expected):
    assert wareki(day, with_weekday=True) == expected


def test_wareki_without_weekday_and_seireki():
    assert wareki(dt.date(2026, 6, 17)) == "令和8年6月17日"
    assert seireki(dt.date(2026, 6, 17), True) == "2026年6月17日(水)"
    assert weekday(dt.date(2026, 6, 17)) == "水"


def test_dates_before_the_gregorian_calendar_are_refused():
    with pytest.raises(DateError):
        wareki(dt.date(1872, 12, 31))


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [(2019, 12, "令和元年"), (2019, 4, "平成31年"), (1952, 4, "昭和27年"), (2026, 12, "令和8年")],
)
def test_wareki_year(year, month, expected):
    assert wareki_year(year, month) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 6, 17), "令和8年度"),
        (dt.date(2026, 3, 31), "令和7年度"),
        (dt.date(2019, 4, 10), "令和元年度"),  # renamed from 平成31年度 once the era changed
        (dt.date(2020, 3, 31), "令和元年度"),
        (dt.date(1989, 2, 1), "昭和63年度"),
    ],
)
def test_nendo(day, expected):
    assert nendo(day) == expected


def test_time_range_uses_full_width_tilde():
    assert time_range("14:30", "16:00") == "14:30～16:00"


@pytest.mark.parametrize(
    "text",
    ["2026-06-17", "2026/6/17", "2026年6月17日", "令和8年6月17日", "令和8年6月17日(水)",
     "令和8年6月17日（水）", "２０２６年６月１７日（水曜日）", "2026-06-17 (水)"],
)
def test_parse_date_forms(text):
    assert parse_date(text) == dt.date(2026, 6, 17)


def test_parse_gannen():
    assert parse_date("令和元年10月30日(水)") == dt.date(2019, 10, 30)


@pytest.mark.parametrize(
    ("text", "expected_part"),
    [
        ("令和8年6月17日(火)", "(水)"),  # wrong weekday
        ("平成32年1月1日", "平成"),  # no such era year
        ("令和元年4月30日", "令和"),  # before the era began
        ("2026-02-30", "exists"),
        ("next Wednesday", "a date such as"),
    ],
)
def test_parse_date_errors(text, expected_part):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert expected_part in caught.value.expected + caught.value.found


def test_weekday_mistakes_in_running_text():
    mistakes = find_weekday_mistakes("会議は令和8年6月17日(火)、翌日は2026年6月18日（木）です。")
    assert len(mistakes) == 1
    assert "(水)" in mistakes[0].expected and "(火)" in mistakes[0].found
