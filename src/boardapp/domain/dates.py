"""Dates as a UK user types them: day first, never guessed in US order.

``parse_uk_date`` is the one reading of typed dates for the whole app (date fields, the
command line, the importer's text cells): ``05/01/2027``, ``5/1/2027``, ``5/1/27``,
``05.01.2027``, ``05-01-2027``, ``05012027``, ``5 Jan 2027``, ``5 January 2027`` and ISO
``2027-01-05`` all mean 5 January 2027. An impossible date (``31/02/2027``) is refused with
a message saying why; text that is not a date is refused too. Two-digit years are 20xx.
"""
from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}

_NUMERIC = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})")
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{2}|\d{4})")


class DateParseError(ValueError):
    """Text that is not a date a UK user could mean; the message says what is wrong."""


def _year(text: str) -> int:
    value = int(text)
    return 2000 + value if len(text) == 2 else value


def _make(year: int, month: int, day: int, typed: str) -> date:
    if not 1 <= month <= 12:
        raise DateParseError(f"{typed!r} has no month {month} (dates are day first: DD/MM/YYYY)")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError(f"{typed!r} is not a real date ({_month_name(month)} {year} has no day {day})") from None


def _month_name(month: int) -> str:
    return date(2000, month, 1).strftime("%B")


def parse_uk_date(text: str) -> date:
    """The date ``text`` means, read day first; DateParseError if it is not one."""
    typed = text.strip()
    if not typed:
        raise DateParseError("no date given")
    if match := _ISO.fullmatch(typed):
        return _make(int(match[1]), int(match[2]), int(match[3]), typed)
    if match := _NUMERIC.fullmatch(typed):
        return _make(_year(match[4]), int(match[3]), int(match[1]), typed)
    if match := _DIGITS.fullmatch(typed):
        return _make(_year(match[3]), int(match[2]), int(match[1]), typed)
    if match := _WORDS.fullmatch(typed):
        month = MONTHS.get(match[2].lower())
        if month is None:
            raise DateParseError(f"{typed!r}: {match[2]!r} is not a month")
        return _make(_year(match[3]), month, int(match[1]), typed)
    raise DateParseError(f"{typed!r} is not a date (type it day first, e.g. 05/01/2027 or 5 Jan 2027)")


def uk(day: date | None) -> str:
    """How the app writes a date: DD/MM/YYYY ('' for none)."""
    return "" if day is None else f"{day:%d/%m/%Y}"


def days_in_words(days: int) -> str:
    """A span of days as a board reads it: '45 days' up to 99, then months and years ('2 y 5 m').

    Short enough for a table cell ("894 days overdue" became "894 days o…"); callers
    give the exact number of days in a tooltip. Months are average months (30.44 days), rounded.
    """
    days = abs(days)
    if days < 100:
        return f"{days} day{'s' if days != 1 else ''}"
    years, months = divmod(round(days / 30.436875), 12)
    if not years:
        return f"{months} m"
    return f"{years} y {months} m" if months else f"{years} y"
