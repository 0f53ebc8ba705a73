"""Reading one cell as a field: text, refs as written, BRAG, status, progress, owners, scores.

Each reader returns the value and, when it had to interpret, a warning for the cell
(never an exception: a value it does not recognise is a warning and a sensible value,
as the issue asks). Dates, which can reject a row, are in :mod:`date_cells`.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from boardapp.domain.enums import ActionStatus, Brag, RiskStatus

#: What the exporter puts before text that a spreadsheet would run as a formula (OWASP).
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u200b\ufeff]+")
_SLOW = re.compile(r"[\t\r\n\u00a0\u2007\u202f\u200b\ufeff]|  ")
_EDGE = frozenset(" '\t\r\n\u00a0\u2007\u202f\u200b\ufeff")


def clean_text(value: Any) -> str:
    """A cell as text: non-breaking and trailing spaces trimmed, an exporter's leading ' taken off again."""
    if type(value) is str and (not value or (value[0] not in _EDGE and value[-1] not in _EDGE
                                             and not _SLOW.search(value))):
        return value  # already clean: most cells of a tracker (this runs for every cell)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if text.startswith("'") and text[1:2] and text[1:2] in (*DANGEROUS_STARTS, "\n"):
        text = text[1:]  # the exporter's guard against formula injection (XML reads a CR back as LF)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def _decimals(number_format: str) -> int | None:
    """Decimal places a number format shows ('0.00' → 2), None when it does not fix them."""
    body = number_format.split(";")[0]
    match = re.search(r"0\.(0+)", body)
    if match:
        return len(match.group(1))
    if re.fullmatch(r"[#,]*0", body.strip()):
        return 0
    return None


def written_ref(value: Any, number_format: str | None = None) -> str:
    """A reference as the sheet shows it: 1.1 stays '1.1', 2.10 (a number formatted 0.00) stays '2.10'."""
    if isinstance(value, bool) or value is None:
        return clean_text(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        places = _decimals(number_format) if number_format else None
        if places is not None:
            return f"{value:.{places}f}"
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return clean_text(value)


# --- BRAG ----------------------------------------------------------------------------------------
_BRAG_WORDS: dict[str, Brag] = {
    "b": Brag.BLUE, "blue": Brag.BLUE, "complete": Brag.BLUE, "completed": Brag.BLUE, "done": Brag.BLUE,
    "completed late": Brag.BLUE, "c": Brag.BLUE,
    "g": Brag.GREEN, "green": Brag.GREEN, "on track": Brag.GREEN,
    "a": Brag.AMBER, "amber": Brag.AMBER, "yellow": Brag.AMBER, "y": Brag.AMBER, "orange": Brag.AMBER,
    "at risk": Brag.AMBER,
    "r": Brag.RED, "red": Brag.RED, "off track": Brag.RED, "overdue": Brag.RED,
}
_BRAG_ORDER = (Brag.RED, Brag.AMBER, Brag.GREEN, Brag.BLUE)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.casefold()).split())


def read_brag(text: str) -> tuple[Brag | None, str | None]:
    """A BRAG word or letter; 'Amber/Green' reads as the worse of the two (with a note)."""
    words = _words(text)
    if not words:
        return None, None
    if words in _BRAG_WORDS:
        return _BRAG_WORDS[words], None
    parts = [p for p in re.split(r"\s*(?:/|-|\bto\b|\band\b|\s)\s*", text.casefold()) if p.strip()]
    found = [_BRAG_WORDS[p.strip()] for p in parts if p.strip() in _BRAG_WORDS and len(p.strip()) > 1]
    if found:
        worst = min(found, key=_BRAG_ORDER.index)
        if len(set(found)) > 1:
            return worst, f"{text!r} read as {worst.label} (the lower of the two)"
        return worst, None
    return None, f"{text!r} is not a BRAG rating (Blue, Red, Amber, Green or B/R/A/G)"


# --- action status -------------------------------------------------------------------------------
_STATUS_WORDS: dict[str, ActionStatus] = {
    "not started": ActionStatus.NOT_STARTED, "not yet started": ActionStatus.NOT_STARTED,
    "to start": ActionStatus.NOT_STARTED, "planned": ActionStatus.NOT_STARTED, "new": ActionStatus.NOT_STARTED,
    "not due": ActionStatus.NOT_STARTED, "not yet due": ActionStatus.NOT_STARTED, "open": ActionStatus.IN_PROGRESS,
    "in progress": ActionStatus.IN_PROGRESS, "ongoing": ActionStatus.IN_PROGRESS, "started": ActionStatus.IN_PROGRESS,
    "underway": ActionStatus.IN_PROGRESS, "under way": ActionStatus.IN_PROGRESS, "on track": ActionStatus.IN_PROGRESS,
    "progressing": ActionStatus.IN_PROGRESS, "delayed": ActionStatus.IN_PROGRESS, "overdue": ActionStatus.IN_PROGRESS,
    "behind": ActionStatus.IN_PROGRESS, "at risk": ActionStatus.IN_PROGRESS, "in hand": ActionStatus.IN_PROGRESS,
    "active": ActionStatus.IN_PROGRESS, "live": ActionStatus.IN_PROGRESS, "wip": ActionStatus.IN_PROGRESS,
    "on hold": ActionStatus.ON_HOLD, "paused": ActionStatus.ON_HOLD, "deferred": ActionStatus.ON_HOLD,
    "suspended": ActionStatus.ON_HOLD, "hold": ActionStatus.ON_HOLD,
    "complete": ActionStatus.COMPLETE, "completed": ActionStatus.COMPLETE, "done": ActionStatus.COMPLETE,
    "closed": ActionStatus.COMPLETE, "achieved": ActionStatus.COMPLETE, "finished": ActionStatus.COMPLETE,
    "completed late": ActionStatus.COMPLETE, "complete late": ActionStatus.COMPLETE, "met": ActionStatus.COMPLETE,
    "implemented": ActionStatus.COMPLETE, "delivered": ActionStatus.COMPLETE, "embedded": ActionStatus.COMPLETE,
}


def read_status(text: str) -> tuple[ActionStatus | None, Brag | None, str | None]:
    """An action's status word; a BRAG word in a Status column gives the BRAG instead (and its status)."""
    words = _words(text)
    if not words:
        return None, None, None
    if words in _STATUS_WORDS:
        return _STATUS_WORDS[words], None, None
    for known, status in sorted(_STATUS_WORDS.items(), key=lambda item: -len(item[0])):
        if words.startswith(known + " ") or words.endswith(" " + known):
            return status, None, f"{text!r} read as {status.label}"
    brag, _note = read_brag(text)
    if brag is not None:
        return None, brag, None
    return None, None, f"{text!r} is not a status this importer knows (Not started, In progress, On hold, Complete)"


# --- progress ------------------------------------------------------------------------------------
def read_progress(value: Any, number_format: str | None = None) -> tuple[int | None, str | None]:
    """Per cent complete: 50, '50%', or 0.5 in a cell formatted as a percentage."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return None, f"{value!r} is not a percentage"
    number: float
    if isinstance(value, (int, float)):
        number = float(value)
        if number_format and "%" in number_format:
            number *= 100
        elif 0 < number < 1 and not float(number).is_integer():
            number *= 100
    else:
        text = clean_text(value).replace(",", ".")
        match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%?(?:\s*(?:complete|done))?", text.casefold())
        if not match:
            return None, f"{clean_text(value)!r} is not a percentage (0-100)"
        number = float(match.group(1))
        if "%" not in text and 0 < number < 1:
            number *= 100
    if not 0 <= number <= 100:
        return None, f"{number:g}% is outside 0-100"
    return int(round(number)), None


# --- owners --------------------------------------------------------------------------------------
_OWNER_SPLIT = re.compile(r"\s*(?:/|&|\+|;|\n|,|\band\b)\s*", re.IGNORECASE)


def read_owner(text: str) -> tuple[str, str | None]:
    """The owner's name; a cell naming two ('Vasu/Thiru', 'A and B') gives the first, with a warning."""
    text = clean_text(text)
    parts = [p.strip() for p in _OWNER_SPLIT.split(text) if p.strip()]
    if len(parts) > 1:
        return parts[0], f"{len(parts)} owners named ({text!r}): {parts[0]} is the owner"
    return (parts[0] if parts else ""), None


# --- risks ---------------------------------------------------------------------------------------
_LEVELS_WORDS = {
    "very low": 1, "vl": 1, "low": 2, "l": 2, "medium": 3, "med": 3, "m": 3, "moderate": 3, "high": 4, "h": 4,
    "very high": 5, "vh": 5, "extreme": 5, "critical": 5,
}
_LIKELIHOOD_WORDS = {"rare": 1, "remote": 1, "unlikely": 2, "possible": 3, "likely": 4, "probable": 4,
                     "almost certain": 5, "certain": 5, "very likely": 5}
_IMPACT_WORDS = {"insignificant": 1, "negligible": 1, "minor": 2, "major": 4, "significant": 4,
                 "catastrophic": 5, "severe": 5}


def read_level(value: Any, what: str) -> tuple[int | None, str | None]:
    """A likelihood or impact 1-5; H/M/L and words are mapped (with a warning saying to what)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 5:
            return int(value), None
        return None, f"{value!r} is not a {what} from 1 to 5"
    text = clean_text(value)
    words = _words(text)
    match = re.match(r"^(\d)(?:\b|$)", words)
    if match and 1 <= int(match.group(1)) <= 5:
        return int(match.group(1)), None
    extra = _LIKELIHOOD_WORDS if what == "likelihood" else _IMPACT_WORDS
    for table in (extra, _LEVELS_WORDS):
        if words in table:
            return table[words], f"{text!r} read as {what} {table[words]} of 5"
    return None, f"{text!r} is not a {what} from 1 to 5 (or High / Medium / Low)"


_RISK_STATUS = {
    "open": RiskStatus.OPEN, "in progress": RiskStatus.OPEN, "active": RiskStatus.OPEN, "live": RiskStatus.OPEN,
    "new": RiskStatus.OPEN, "current": RiskStatus.OPEN, "escalated": RiskStatus.OPEN, "ongoing": RiskStatus.OPEN,
    "increasing": RiskStatus.OPEN,
    "monitoring": RiskStatus.MONITORING, "monitor": RiskStatus.MONITORING, "under review": RiskStatus.MONITORING,
    "tolerated": RiskStatus.MONITORING, "tolerate": RiskStatus.MONITORING, "accepted": RiskStatus.MONITORING,
    "accept": RiskStatus.MONITORING, "stable": RiskStatus.MONITORING, "managed": RiskStatus.MONITORING,
    "treat": RiskStatus.OPEN, "watch": RiskStatus.MONITORING, "reducing": RiskStatus.MONITORING,
    "closed": RiskStatus.CLOSED, "close": RiskStatus.CLOSED, "complete": RiskStatus.CLOSED,
    "completed": RiskStatus.CLOSED, "resolved": RiskStatus.CLOSED, "retired": RiskStatus.CLOSED,
    "archived": RiskStatus.CLOSED, "terminated": RiskStatus.CLOSED, "no longer a risk": RiskStatus.CLOSED,
    "mitigated": RiskStatus.CLOSED,
}


def read_risk_status(text: str) -> tuple[RiskStatus | None, str | None]:
    words = _words(text)
    if not words:
        return None, None
    if words in _RISK_STATUS:
        return _RISK_STATUS[words], None
    return None, f"{text!r} is not a risk status (Open, Monitoring or Closed); Open assumed"


def as_date_or_none(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None
