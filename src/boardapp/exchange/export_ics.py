"""Deadlines, board meetings and monitoring visits out to an .ics calendar (icalendar).

Each event's UID is made of what it is and its id in the workspace plus the board's
name (``action-42.northshire-improvement-board@boardapp``), so importing a later export
into Outlook or Google Calendar updates the events instead of adding them again; the
SEQUENCE is the row's version, so the newer export wins. Meetings are in UK time
(Europe/London, with its daylight saving); deadlines and visits are all-day events.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from boardapp.exchange.export_tables import _replace_atomically
from boardapp.services.calendar_feed import CalendarEvent

LONDON = ZoneInfo("Europe/London")
MEETING_LENGTH = timedelta(hours=2)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "board"


def event_uid(event: CalendarEvent, board: str) -> str:
    return f"{event.kind}-{event.id}.{_slug(board)}@boardapp"


def build_calendar(events: Iterable[CalendarEvent], *, board: str, stamp: datetime | None = None) -> bytes:
    """The calendar as bytes (RFC 5545)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//boardapp//improvement board calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", board)
    now = stamp or datetime.now(timezone.utc)
    for item in events:
        event = Event()
        event.add("uid", event_uid(item, board))
        event.add("dtstamp", now)
        event.add("sequence", max(0, item.version - 1))
        event.add("summary", item.title)
        if item.start_time is not None:
            start = datetime.combine(item.start, item.start_time, tzinfo=LONDON)
            event.add("dtstart", start)
            event.add("dtend", start + MEETING_LENGTH)
        else:
            event.add("dtstart", item.start)
            event.add("dtend", item.end + timedelta(days=1))  # DTEND of an all-day event is exclusive
            event.add("transp", "TRANSPARENT")
        if item.place:
            event.add("location", item.place)
        if item.notes:
            event.add("description", item.notes)
        event.add("status", item.status)
        event.add("categories", [item.kind.capitalize()])
        calendar.add_component(event)
    if hasattr(calendar, "add_missing_timezones"):
        calendar.add_missing_timezones()  # a VTIMEZONE for Europe/London, so every client reads the times alike
    return calendar.to_ical()


def write_ics(events: Iterable[CalendarEvent], out: Path, *, board: str) -> Path:
    data = build_calendar(events, board=board)
    return _replace_atomically(out, lambda path: path.write_bytes(data))
