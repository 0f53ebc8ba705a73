"""The meetings either side of today: read on the open path, without the ORM."""
from __future__ import annotations

from datetime import date

from boardapp.domain.enums import MeetingStatus
from boardapp.services.connection import Reader, dbapi, to_date, to_time
from boardapp.services.rows import MeetingRow

_SELECT = (
    "SELECT m.id, m.title, m.meeting_date, m.start_time, m.place, m.status, coalesce(p.name, '') "
    "FROM meeting m LEFT JOIN person p ON p.id = m.chair_id WHERE m.deleted_at IS NULL "
)  # a deleted meeting (Meetings › Delete, recoverable by undo) is no meeting at all


def _row(found: tuple | None) -> MeetingRow | None:  # type: ignore[type-arg]
    if found is None:
        return None
    i, title, day, start, place, status, chair = found
    return MeetingRow(i, title, to_date(day), to_time(start), place, status, chair)  # type: ignore[arg-type]


def next_meeting(*, session: Reader, today: date | None = None) -> MeetingRow | None:
    """The first planned meeting on or after today."""
    return _row(dbapi(session).execute(
        _SELECT + "AND m.status = ? AND m.meeting_date >= ? ORDER BY m.meeting_date, m.id LIMIT 1",
        (MeetingStatus.PLANNED.value, (today or date.today()).isoformat()),
    ).fetchone())


def last_held_meeting(*, session: Reader, today: date | None = None) -> MeetingRow | None:
    """The most recent meeting before today that was not cancelled, or today's once it is marked held:
    the baseline for direction of travel (the same rule as ``register_read.direction_baseline``, so a
    past meeting nobody has marked as held yet still counts)."""
    day = (today or date.today()).isoformat()
    return _row(dbapi(session).execute(
        _SELECT + "AND m.status <> ? AND (m.meeting_date < ? OR (m.meeting_date = ? AND m.status = ?)) "
        "ORDER BY m.meeting_date DESC, m.id DESC LIMIT 1",
        (MeetingStatus.CANCELLED.value, day, day, MeetingStatus.HELD.value),
    ).fetchone())


def meeting_row(meeting_id: int, *, session: Reader) -> MeetingRow | None:
    """One meeting as a plain row, or None."""
    return _row(dbapi(session).execute(_SELECT + "AND m.id = ?", (meeting_id,)).fetchone())


def list_meeting_rows(*, session: Reader) -> list[MeetingRow]:
    """All board meetings as plain rows, newest first."""
    rows = dbapi(session).execute(_SELECT + "ORDER BY m.meeting_date DESC, m.id DESC").fetchall()
    return [_row(r) for r in rows]  # type: ignore[misc]
