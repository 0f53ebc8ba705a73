"""Actions arising from a meeting, and the matters arising at the next one.

An action arising is an ordinary action of the plan, made by ``services.plan.raised.raise_action``
(the plan's own ``create_action``, in the transaction that records where it was raised);
this module reads them back, with where they were raised, for the meeting and the register.

Matters arising at a meeting: the actions raised at earlier meetings that are not complete,
and the challenges from earlier meetings still open.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from boardapp.domain.enums import ActionStatus
from boardapp.services.connection import dbapi, to_date
from boardapp.services.meetings.challenges import ChallengeEntry, list_challenges
from boardapp.services.meetings.minutes import item_numbers, live_meeting


@dataclass(frozen=True, slots=True)
class ArisingAction:
    """An action raised at a meeting, with where it was raised."""

    id: int
    ref: str
    title: str
    owner_name: str
    due_date: date
    status: str
    brag: str
    meeting_id: int
    meeting_date: date
    item_id: int | None
    item_order: int | None
    item_title: str
    item_number: str = ""  # as the agenda shows it: "5", "3.1" (item_order is only the place among siblings)

    @property
    def raised_at(self) -> str:
        item = f", item {self.item_number} {self.item_title}" if self.item_id is not None else ""
        return f"board meeting of {self.meeting_date:%d/%m/%Y}{item}"


@dataclass(frozen=True, slots=True)
class MattersArising:
    actions: tuple[ArisingAction, ...]
    challenges: tuple[ChallengeEntry, ...]


_ARISING = """
SELECT a.id, a.ref, a.title, coalesce(p.name, ''), coalesce(a.revised_due_date, a.due_date), a.status, a.brag,
       m.id, m.meeting_date, i.id, i.item_order, coalesce(i.title, '')
FROM action a
JOIN meeting m ON m.id = a.raised_at_meeting_id
LEFT JOIN agendaitem i ON i.id = a.raised_at_item_id
LEFT JOIN person p ON p.id = a.owner_id
WHERE a.deleted_at IS NULL AND m.deleted_at IS NULL
"""


def _arising(session: Session, where: str, params: tuple[object, ...]) -> list[ArisingAction]:
    rows = dbapi(session).execute(_ARISING + where + " ORDER BY m.meeting_date, i.item_order, a.id", params).fetchall()
    numbers = item_numbers((r[7] for r in rows if r[9] is not None), session=session)
    return [ArisingAction(i, ref, title, owner, to_date(due), status, brag, mid, to_date(day), item_id,  # type: ignore[arg-type]
                          order, item_title, numbers.get(item_id or 0, ""))
            for i, ref, title, owner, due, status, brag, mid, day, item_id, order, item_title in rows]


def actions_arising(meeting_id: int, *, session: Session) -> list[ArisingAction]:
    """The live actions raised at this meeting, in agenda order."""
    return _arising(session, " AND m.id = ?", (meeting_id,))


def raised_at(action_id: int, *, session: Session) -> ArisingAction | None:
    """Where an action was raised (None: it was not raised at a meeting)."""
    found = _arising(session, " AND a.id = ?", (action_id,))
    return found[0] if found else None


def matters_arising(meeting_id: int, *, session: Session) -> MattersArising:
    """Open actions raised at earlier meetings and challenges from earlier meetings still open."""
    meeting = live_meeting(session, meeting_id)
    day = meeting.meeting_date.isoformat()
    actions = _arising(session, " AND m.meeting_date < ? AND m.id <> ? AND a.status <> ?",
                       (day, meeting_id, ActionStatus.COMPLETE.value))
    challenges = list_challenges(session=session, open_only=True, before=meeting.meeting_date)
    return MattersArising(tuple(actions), tuple(challenges))
