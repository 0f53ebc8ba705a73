"""Typed UK dates: day first, every usual way of writing one, impossible and US-only dates refused."""
from __future__ import annotations

from datetime import date

import pytest

from boardapp.domain.dates import DateParseError, parse_uk_date, uk

FIFTH_OF_JANUARY = date(2027, 1, 5)


@pytest.mark.parametrize(
    "typed",
    ["05/01/2027", "5/1/2027", "5/1/27", "05.01.2027", "05-01-2027", "05012027", "050127", "5 Jan 2027",
     "5 January 2027", "5th January 2027", "5 jan 27", " 05/01/2027 ", "2027-01-05"],
)
def test_every_usual_way_of_typing_the_fifth_of_january(typed: str) -> None:
    assert parse_uk_date(typed) == FIFTH_OF_JANUARY


@pytest.mark.parametrize(
    ("typed", "says"),
    [("31/02/2027", "no day 31"), ("03/31/2025", "no month 31"), ("29/02/2025", "February 2025 has no day 29"),
     ("", "no date"), ("tomorrow", "not a date"), ("5 Jab 2027", "not a month"), ("1/2", "not a date")],
)
def test_impossible_and_us_order_dates_are_refused_saying_why(typed: str, says: str) -> None:
    with pytest.raises(DateParseError, match=says):
        parse_uk_date(typed)


def test_a_leap_day_is_a_date_and_dates_are_written_day_first() -> None:
    assert parse_uk_date("29/02/2028") == date(2028, 2, 29)
    assert uk(date(2027, 1, 5)) == "05/01/2027" and uk(None) == ""


def test_long_spans_are_written_in_months_and_years() -> None:
    from boardapp.domain.dates import days_in_words

    assert [days_in_words(n) for n in (0, 1, 45, 99)] == ["0 days", "1 day", "45 days", "99 days"]
    assert [days_in_words(n) for n in (100, 200, 365, 494, 894, -894)] == ["3 m", "7 m", "1 y", "1 y 4 m", "2 y 5 m",
                                                                          "2 y 5 m"]
