"""Dates as trackers write them, read day first; what is not a date is a warning or a rejection.

Day-first text goes through the app's one reading of typed dates
(:func:`boardapp.domain.dates.parse_uk_date`); this module adds what trackers write
instead of a day — a month ("March 2025", "Mar-25": its last day), a financial quarter
("Q3 2024/25": 31/12/2024) or year ("2024/25": 31/03/2025) — accepted with a warning,
and "Ongoing", "TBC", "N/A" left empty with a warning. An impossible date (31/02/2024),
a date that only reads month first (03/31/2025) or text that is no date at all rejects
the row: guessing would put a wrong deadline in front of the board.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from boardapp.domain.dates import MONTHS, DateParseError, parse_uk_date, uk
from boardapp.exchange.values import clean_text

#: Words that mean "no date" (the date is left empty, with a warning).
NO_DATE = frozenset({
    "ongoing", "on going", "tbc", "tba", "tbd", "n a", "na", "none", "nil", "to be confirmed", "to be agreed",
    "as required", "as needed", "monthly", "quarterly", "annually", "weekly", "continuous", "continual",
    "business as usual", "bau", "rolling", "in place", "complete", "completed", "ongoing monthly", "various",
    "not applicable", "n k", "unknown", "tbc with", "on going review", "x",
})

_NUMERIC_US = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})")
_MONTH_YEAR = re.compile(r"([a-z]+)\.?[\s\-/,]*(\d{4})")
_MONTH_SHORT_YEAR = re.compile(r"([a-z]{3,9})-(\d{2})")
_QUARTER = re.compile(r"q([1-4])\s*(?:fy\s*)?(\d{2}|\d{4})\s*[/\-]\s*(\d{2}|\d{4})")
_QUARTER_AFTER = re.compile(r"(?:fy\s*)?(\d{2}|\d{4})\s*[/\-]\s*(\d{2}|\d{4})\s*q([1-4])")
_CALENDAR_QUARTER = re.compile(r"q([1-4])\s*(\d{4})")
_FINANCIAL_YEAR = re.compile(r"(?:fy\s*)?(\d{4})\s*[/\-]\s*(\d{2}|\d{4})")
_LEAD_WORDS = re.compile(r"^(?:by|end of|end|before|due|w/?c|week commencing|deadline|on|from)\s+", re.I)
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+", re.I)
_TIME_SUFFIX = re.compile(r"[ T]00:00(?::00(?:\.0+)?)?$")


class DateRejected(ValueError):
    """A date cell that rejects its row; the message says why and what to write."""


@dataclass(frozen=True, slots=True)
class DateReading:
    value: date | None
    warning: str | None = None


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _financial_quarter_end(quarter: int, first_year: int) -> date:
    """UK financial year Q1 = Apr-Jun, Q2 = Jul-Sep, Q3 = Oct-Dec, Q4 = Jan-Mar of the next year."""
    month = {1: 6, 2: 9, 3: 12, 4: 3}[quarter]
    return _last_day(first_year + (1 if quarter == 4 else 0), month)


def _check_years(first: str, second: str, typed: str) -> int:
    start, end = _year(first), _year(second)
    if end % 100 != (start + 1) % 100:
        raise DateRejected(f"{typed!r} is not a financial year (the second year must follow the first, e.g. 2024/25)")
    return start


def read_date(value: object) -> DateReading:
    """The date a cell means; DateReading(None, warning) for no date; DateRejected for a wrong one."""
    if isinstance(value, datetime):
        return DateReading(value.date())
    if isinstance(value, date):
        return DateReading(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20_000 <= value <= 80_000:  # an Excel serial day number in a cell not formatted as a date
            day = date(1899, 12, 30) + timedelta(days=int(value))
            return DateReading(day, f"the number {value:g} read as an Excel date, {uk(day)}")
        raise DateRejected(f"{value!r} is not a date (write it day first, e.g. 31/03/2025)")
    typed = clean_text(value)
    if not typed:
        return DateReading(None, "no date given")
    words = " ".join(re.sub(r"[^\w]+", " ", typed.casefold()).split())
    if words in NO_DATE:
        return DateReading(None, f"{typed!r} is not a date")
    text = _TIME_SUFFIX.sub("", _WEEKDAY.sub("", typed.strip()))
    stripped = _LEAD_WORDS.sub("", text)
    try:
        day = parse_uk_date(stripped)
    except DateParseError as exc:
        return _other_forms(typed, stripped, exc)
    if stripped != text:
        return DateReading(day, f"{typed!r} read as {uk(day)}")
    return DateReading(day)


def _other_forms(typed: str, text: str, error: DateParseError) -> DateReading:
    lower = text.casefold().strip()
    if match := _NUMERIC_US.fullmatch(lower):
        first, second = int(match[1]), int(match[3])
        if second > 12 and first <= 12:
            raise DateRejected(f"{typed!r} reads only month first (US order); write dates day first, "
                               f"e.g. {second:02d}/{first:02d}/{match[4]}")
        raise DateRejected(str(error))
    if "not a real date" in str(error) or "has no month" in str(error):
        raise DateRejected(str(error))
    if match := _QUARTER.fullmatch(lower):
        start = _check_years(match[2], match[3], typed)
        day = _financial_quarter_end(int(match[1]), start)
        return DateReading(day, f"{typed!r} is a quarter, not a date: read as its last day, {uk(day)}")
    if match := _QUARTER_AFTER.fullmatch(lower):
        start = _check_years(match[1], match[2], typed)
        day = _financial_quarter_end(int(match[3]), start)
        return DateReading(day, f"{typed!r} is a quarter, not a date: read as its last day, {uk(day)}")
    if match := _CALENDAR_QUARTER.fullmatch(lower):
        year, quarter = int(match[2]), int(match[1])
        day = _last_day(year, quarter * 3)
        return DateReading(day, f"{typed!r} is a calendar quarter, not a date: read as its last day, {uk(day)}")
    if match := _FINANCIAL_YEAR.fullmatch(lower):
        start = _check_years(match[1], match[2], typed)
        day = date(start + 1, 3, 31)
        return DateReading(day, f"{typed!r} is a financial year, not a date: read as its last day, {uk(day)}")
    for pattern in (_MONTH_YEAR, _MONTH_SHORT_YEAR):
        if (match := pattern.fullmatch(lower)) and (month := MONTHS.get(match[1])) is not None:
            day = _last_day(_year(match[2]), month)
            return DateReading(day, f"{typed!r} is a month, not a date: read as its last day, {uk(day)}")
    raise DateRejected(f"{typed!r} is not a date (write it day first, e.g. 31/03/2025, or leave it empty)")
