"""The draft minutes of a meeting as plain values: what the .docx and PDF exports print.

Present: board members who attended; Apologies: members who sent them (and those who sent a
deputy); In attendance: guests (attendees who are not members) and deputies; then each
item's notes, the decisions, the actions arising (owner and due) and the challenges.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from boardapp.services.connection import dbapi
from boardapp.services.meetings.arising import actions_arising
from boardapp.services.meetings.challenges import list_challenges
from boardapp.services.meetings.decisions import list_decisions
from boardapp.services.meetings.minutes import MinutedItem, live_meeting, minuted_items


@dataclass(frozen=True, slots=True)
class MinutesDecision:
    label: str
    item_number: str
    text: str
    owner: str
    due_date: date | None


@dataclass(frozen=True, slots=True)
class MinutesAction:
    ref: str
    item_number: str
    title: str
    owner: str
    due_date: date


@dataclass(frozen=True, slots=True)
class MinutesChallenge:
    item_number: str
    raised_by: str
    directed_to: str
    challenge: str
    response: str
    status: str
    answered_on: date | None


@dataclass(frozen=True, slots=True)
class MinutesData:
    """Everything the draft minutes print, as plain values (no ORM, no Qt)."""

    board_name: str
    council: str
    marking: str
    meeting_id: int
    title: str
    meeting_date: date
    start_time: str
    place: str
    status: str
    chair: str
    present: tuple[str, ...]
    apologies: tuple[str, ...]
    in_attendance: tuple[str, ...]
    absent: tuple[str, ...]
    items: tuple[MinutedItem, ...]
    decisions: tuple[MinutesDecision, ...]
    actions: tuple[MinutesAction, ...]
    challenges: tuple[MinutesChallenge, ...]
    approved_on: date | None

    @property
    def heading(self) -> str:
        return f"{self.title}, {self.meeting_date:%A} {self.meeting_date.day} {self.meeting_date:%B %Y}"


def _described(name: str, role: str, organisation: str) -> str:
    detail = ", ".join(part for part in (role, organisation) if part)
    return f"{name} ({detail})" if detail else name


def minutes_data(meeting_id: int, *, session: Session, marking: str | None = None) -> MinutesData:
    """The draft minutes of a meeting; ValidationError naming the meeting when it does not exist.
    Absent: members marked as not attending, without apologies."""
    meeting = live_meeting(session, meeting_id)
    db = dbapi(session)
    board = db.execute("SELECT b.name, b.council, b.default_marking, coalesce(p.name, '') FROM board b "
                       "LEFT JOIN person p ON p.id = b.chair_id ORDER BY b.id LIMIT 1").fetchone()
    board_name, council, default_marking, board_chair = board or ("Improvement Board", "", "OFFICIAL", "")
    chair = board_chair
    if meeting.chair_id is not None:
        found = db.execute("SELECT name FROM person WHERE id = ?", (meeting.chair_id,)).fetchone()
        chair = found[0] if found else chair
    present: list[str] = []
    apologies: list[str] = []
    attendance: list[str] = []
    absent: list[str] = []
    rows = db.execute(
        "SELECT p.name, p.role, p.organisation, p.is_member, a.code, a.deputy_name FROM attendance a "
        "JOIN person p ON p.id = a.person_id WHERE a.meeting_id = ? ORDER BY p.name COLLATE NOCASE",
        (meeting_id,)).fetchall()
    for name, role, organisation, is_member, code, deputy in rows:
        who = _described(name, role, organisation)
        if code == "Y":
            (present if is_member else attendance).append(who if name != chair else f"{who} — Chair")
        elif code == "A":
            apologies.append(who)
        elif code == "D":
            apologies.append(f"{who}, represented by {deputy}" if deputy else who)
            if deputy:
                attendance.append(f"{deputy} (deputy for {name})")
        elif code == "N" and is_member:
            absent.append(who)
    present.sort(key=lambda text: not text.endswith("— Chair"))  # the chair first
    items = minuted_items(meeting_id, session=session)
    number = {i.id: i.number for i in items}
    decisions = tuple(MinutesDecision(d.label, number.get(d.agenda_item_id or -1, ""), d.text, d.owner_name, d.due_date)
                      for d in list_decisions(meeting_id, session=session))
    actions = tuple(MinutesAction(a.ref, number.get(a.item_id or -1, ""), a.title, a.owner_name, a.due_date)
                    for a in actions_arising(meeting_id, session=session))
    challenges = tuple(
        MinutesChallenge(number.get(c.agenda_item_id or -1, ""), c.raised_by_name, c.directed_to, c.challenge,
                         c.response, c.status_label, c.answered_on)
        for c in list_challenges(meeting_id, session=session))
    return MinutesData(
        board_name=board_name, council=council, marking=(marking or default_marking or "OFFICIAL").upper(),
        meeting_id=meeting_id, title=meeting.title, meeting_date=meeting.meeting_date,
        start_time=f"{meeting.start_time:%H:%M}" if meeting.start_time else "", place=meeting.place,
        status=meeting.status, chair=chair, present=tuple(present), apologies=tuple(apologies),
        in_attendance=tuple(attendance), absent=tuple(absent), items=tuple(items), decisions=decisions,
        actions=actions, challenges=challenges, approved_on=meeting.minutes_approved_on,
    )


def last_meeting_id(*, session: Session, today: date) -> int | None:
    """The meeting ``--meeting last`` means: the latest on or before today that was not cancelled."""
    found = dbapi(session).execute(
        "SELECT id FROM meeting WHERE deleted_at IS NULL AND status <> 'CANCELLED' AND meeting_date <= ? "
        "ORDER BY meeting_date DESC, id DESC LIMIT 1", (today.isoformat(),)).fetchone()
    return None if found is None else int(found[0])
