"""Money as the board writes it: whole pence inside, pounds UK style outside ("£342,752", "£1,234.50").

Typed amounts are read strictly: an optional "£", thousands separators only in groups of
three ("1,234,567"), at most two decimal places, never negative. Anything else is refused
with a sentence saying what is wrong, never guessed ("1.234,50" is not £1,234.50 or £1.23).
"""
from __future__ import annotations

import re

from boardapp.domain.rules import ValidationError

#: 1234 · 1,234 · 1,234,567 · with optional .5 / .50
_AMOUNT = re.compile(r"(?P<pounds>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<pence>\d{1,2}))?")
#: The largest amount accepted (£10 billion): far beyond any improvement grant, well inside SQLite's integers.
MAX_PENCE = 1_000_000_000_000


def format_pence(pence: int) -> str:
    """'£342,752' for whole pounds, '£1,234.50' otherwise; negatives as '-£…'."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}" + (f".{rest:02d}" if rest else "")


def format_pence_exact(pence: int) -> str:
    """Always with pence ('£342,752.00'): for amounts typed back into a form."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"


def share_text(part: int, whole: int) -> str:
    """'74%' of a whole (blank when the whole is zero); never rounds a part up to 100% or down to 0%."""
    if not whole:
        return ""
    percent = 100 * part / whole
    shown = round(percent)
    if shown == 100 and part < whole:
        shown = 99
    elif shown == 0 and part > 0:
        shown = 1
    return f"{shown}%"


def parse_pounds(text: str, field: str = "amount") -> int:
    """Whole pence from typed pounds ("£1,234.50" → 123450); ValidationError naming ``field`` otherwise."""
    cleaned = (text or "").strip().replace("\u00a0", " ")
    if not cleaned:
        raise ValidationError(field, "enter an amount in pounds, for example £1,234.50")
    if cleaned.startswith("-") or cleaned.startswith("(") or cleaned.startswith("£-"):
        raise ValidationError(field, f"{cleaned!r}: an amount cannot be negative")
    body = cleaned[1:].strip() if cleaned.startswith("£") else cleaned
    match = _AMOUNT.fullmatch(body)
    if match is None:
        raise ValidationError(field, f"{cleaned!r} is not an amount in pounds; write it like £1,234.50 "
                                     "(commas between thousands, a point before the pence)")
    pounds = int(match.group("pounds").replace(",", ""))
    pence_text = match.group("pence") or ""
    pence = int(pence_text.ljust(2, "0")) if pence_text else 0
    total = pounds * 100 + pence
    if total > MAX_PENCE:
        raise ValidationError(field, f"{cleaned} is more than {format_pence(MAX_PENCE)}")
    return total


def check_pence(value: object, field: str) -> int:
    """A stored amount: a whole number of pence, zero or more (the services' own check)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"must be a whole number of pence, not {value!r}")
    if value < 0:
        raise ValidationError(field, f"cannot be negative ({format_pence(value)})")
    if value > MAX_PENCE:
        raise ValidationError(field, f"{format_pence(value)} is more than {format_pence(MAX_PENCE)}")
    return value
