"""The meeting's own part of the pack, read straight from the schema as plain frozen rows.

Agenda (with clock times and numbers), papers (their PDF bytes), the last meeting's minutes,
attendance and decisions, matters arising, the decisions log and the challenge log. Reads go
through the DB-API connection (no ORM objects leave this module), so the pack stays a pure
function of what is read here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from boardapp.domain.enums import ChallengeStatus, MeetingStatus
from boardapp.services.connection import Reader, dbapi, to_date, to_time
from boardapp.services.rows import MeetingRow


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """One agenda item as the pack shows it (``number`` like "3" or "3.1", ``depth`` 0 for top level)."""

    id: int
    parent_id: int | None
    number: str
    depth: int
    title: str
    presenter: str
    purpose: str
    minutes: int
    starts: time | None
    pack_section: str
    confidential: bool
    notes: str


@dataclass(frozen=True, slots=True)
class PaperEntry:
    """A paper attached to an agenda item, with its PDF."""

    id: int
    agenda_item_id: int | None
    title: str
    author: str
    file_name: str
    page_count: int
    content: bytes
    late: bool
    supplement_number: int | None


@dataclass(frozen=True, slots=True)
class AttendanceEntry:
    name: str
    role: str
    organisation: str
    code: str
    deputy_name: str


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    meeting_date: date
    number: str  # "2024/08/1"
    text: str
    owner: str
    due_date: date | None
    item_title: str


@dataclass(frozen=True, slots=True)
class ChallengeEntry:
    meeting_date: date
    raised_by: str
    directed_to: str
    challenge: str
    response: str
    status: str
    answered_on: date | None


@dataclass(frozen=True, slots=True)
class ArisingAction:
    """An open action raised at an earlier meeting (matters arising)."""

    ref: str
    title: str
    owner: str
    due: date
    brag: str
    status: str
    meeting_date: date
    item_title: str


@dataclass(frozen=True)
class MeetingPack:
    """Everything about the meetings that the pack shows."""

    agenda: tuple[AgendaEntry, ...] = ()
    papers: tuple[PaperEntry, ...] = ()
    previous: MeetingRow | None = None
    previous_items: tuple[AgendaEntry, ...] = ()
    attendance: tuple[AttendanceEntry, ...] = ()
    previous_decisions: tuple[DecisionEntry, ...] = ()
    decisions: tuple[DecisionEntry, ...] = ()
    challenges: tuple[ChallengeEntry, ...] = ()
    arising: tuple[ArisingAction, ...] = field(default=())
    pack_issued_at: datetime | None = None

    def papers_of(self, item_id: int) -> list[PaperEntry]:
        return [p for p in self.papers if p.agenda_item_id == item_id]

    @property
    def open_challenges(self) -> list[ChallengeEntry]:
        return [c for c in self.challenges if c.status == ChallengeStatus.OPEN.value]

    def end_time(self, meeting: MeetingRow) -> time | None:
        if meeting.start_time is None:
            return None
        total = sum(a.minutes for a in self.agenda)
        return _add(meeting.start_time, total)


def _add(start: time, minutes: int) -> time:
    return (datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=minutes)).time()


def read_agenda(meeting_id: int, start: time | None, *, session: Reader) -> list[AgendaEntry]:
    """Live items depth first in their order, numbered 1, 2, 3.1, 3.2 …, clock running from ``start``."""
    rows = dbapi(session).execute(
        "SELECT a.id, a.parent_id, a.item_order, a.title, coalesce(nullif(a.presenter_name, ''), p.name, ''), "
        "a.purpose, a.duration_minutes, a.pack_section, a.confidential, a.notes "
        "FROM agendaitem a LEFT JOIN person p ON p.id = a.presenter_id "
        "WHERE a.meeting_id = ? AND a.deleted_at IS NULL ORDER BY a.item_order, a.id", (meeting_id,),
    ).fetchall()
    children: dict[int | None, list[tuple]] = {}  # type: ignore[type-arg]
    live = {r[0] for r in rows}
    for r in rows:
        parent = r[1] if r[1] in live else None
        children.setdefault(parent, []).append(r)
    out: list[AgendaEntry] = []
    clock = [0]

    def walk(parent: int | None, prefix: str, depth: int) -> None:
        for index, r in enumerate(children.get(parent, ()), start=1):
            number = f"{prefix}{index}"
            starts = _add(start, clock[0]) if start is not None else None
            clock[0] += int(r[6] or 0)
            out.append(AgendaEntry(r[0], parent, number, depth, r[3], r[4] or "", r[5] or "", int(r[6] or 0),
                                   starts, (r[7] or "").strip().lower(), bool(r[8]), r[9] or ""))
            walk(r[0], f"{number}.", depth + 1)

    walk(None, "", 0)
    return out


def read_papers(meeting_id: int, *, session: Reader) -> list[PaperEntry]:
    rows = dbapi(session).execute(
        "SELECT id, agenda_item_id, title, author, file_name, page_count, content, late, supplement_number "
        "FROM paper WHERE meeting_id = ? AND deleted_at IS NULL ORDER BY sort_order, id", (meeting_id,),
    ).fetchall()
    return [PaperEntry(r[0], r[1], r[2], r[3] or "", r[4] or "", int(r[5]), bytes(r[6]), bool(r[7]), r[8])
            for r in rows]


def _previous_meeting(meeting: MeetingRow, *, session: Reader) -> MeetingRow | None:
    found = dbapi(session).execute(
        "SELECT m.id, m.title, m.meeting_date, m.start_time, m.place, m.status, coalesce(p.name, '') "
        "FROM meeting m LEFT JOIN person p ON p.id = m.chair_id "
        "WHERE m.status <> ? AND m.deleted_at IS NULL AND (m.meeting_date < ? OR (m.meeting_date = ? AND m.id < ?)) "
        "ORDER BY m.meeting_date DESC, m.id DESC LIMIT 1",
        (MeetingStatus.CANCELLED.value, meeting.meeting_date.isoformat(), meeting.meeting_date.isoformat(), meeting.id),
    ).fetchone()
    if found is None:
        return None
    i, title, day, start, place, status, chair = found
    return MeetingRow(i, title, to_date(day), to_time(start), place, status, chair)  # type: ignore[arg-type]


def _decisions(where: str, args: tuple, *, session: Reader) -> list[DecisionEntry]:  # type: ignore[type-arg]
    rows = dbapi(session).execute(
        "SELECT m.meeting_date, d.number, d.text, coalesce(p.name, ''), d.due_date, coalesce(a.title, '') "
        "FROM decision d JOIN meeting m ON m.id = d.meeting_id LEFT JOIN person p ON p.id = d.owner_id "
        "LEFT JOIN agendaitem a ON a.id = d.agenda_item_id "
        f"WHERE d.deleted_at IS NULL AND m.deleted_at IS NULL AND {where} "
        "ORDER BY m.meeting_date DESC, d.number, d.id", args,
    ).fetchall()
    out = []
    for day, number, text, owner, due, item in rows:
        d = to_date(day)
        out.append(DecisionEntry(d, f"{d:%Y/%m}/{number}", text, owner, to_date(due) if due else None, item))  # type: ignore[arg-type]
    return out


def read_meeting_pack(meeting: MeetingRow, *, session: Reader) -> MeetingPack:
    """The meeting part of the pack for ``meeting``: its agenda and papers, and what earlier meetings left."""
    db = dbapi(session)
    agenda = read_agenda(meeting.id, meeting.start_time, session=session)
    previous = _previous_meeting(meeting, session=session)
    prev_items: list[AgendaEntry] = []
    attendance: list[AttendanceEntry] = []
    prev_decisions: list[DecisionEntry] = []
    if previous is not None:
        prev_items = read_agenda(previous.id, previous.start_time, session=session)
        attendance = [AttendanceEntry(*r) for r in db.execute(
            "SELECT p.name, p.role, p.organisation, t.code, t.deputy_name FROM attendance t "
            "JOIN person p ON p.id = t.person_id WHERE t.meeting_id = ? ORDER BY p.name", (previous.id,),
        ).fetchall()]
        prev_decisions = _decisions("d.meeting_id = ?", (previous.id,), session=session)
    since = meeting.meeting_date - timedelta(days=366)
    decisions = _decisions("m.meeting_date < ? AND m.meeting_date >= ?",
                           (meeting.meeting_date.isoformat(), since.isoformat()), session=session)
    challenges = [
        ChallengeEntry(to_date(day), by, to, text, response, status, to_date(answered) if answered else None)  # type: ignore[arg-type]
        for day, by, to, text, response, status, answered in db.execute(
            "SELECT m.meeting_date, coalesce(p.name, ''), c.directed_to, c.challenge, c.response, c.status, "
            "c.answered_on FROM challengelogentry c JOIN meeting m ON m.id = c.meeting_id "
            "LEFT JOIN person p ON p.id = c.raised_by_id "
            "WHERE c.deleted_at IS NULL AND m.deleted_at IS NULL AND m.meeting_date < ? "
            "AND (c.status <> ? OR m.meeting_date >= ?) ORDER BY m.meeting_date DESC, c.id",
            (meeting.meeting_date.isoformat(), ChallengeStatus.CLOSED.value, since.isoformat()),
        ).fetchall()
    ]
    arising = [
        ArisingAction(ref, title, owner, to_date(revised or due), brag, status, to_date(day), item)  # type: ignore[arg-type]
        for ref, title, owner, due, revised, brag, status, day, item in db.execute(
            "SELECT x.ref, x.title, coalesce(p.name, ''), x.due_date, x.revised_due_date, x.brag, x.status, "
            "m.meeting_date, coalesce(a.title, '') FROM action x JOIN meeting m ON m.id = x.raised_at_meeting_id "
            "LEFT JOIN person p ON p.id = x.owner_id LEFT JOIN agendaitem a ON a.id = x.raised_at_item_id "
            "WHERE x.deleted_at IS NULL AND x.status <> 'COMPLETE' AND x.brag <> 'BLUE' AND m.meeting_date < ? "
            "ORDER BY m.meeting_date, x.id", (meeting.meeting_date.isoformat(),),
        ).fetchall()
    ]
    issued = db.execute("SELECT pack_issued_at FROM meeting WHERE id = ?", (meeting.id,)).fetchone()
    issued_at = None
    if issued and issued[0]:
        issued_at = issued[0] if isinstance(issued[0], datetime) else datetime.fromisoformat(str(issued[0]))
    return MeetingPack(
        agenda=tuple(agenda), papers=tuple(read_papers(meeting.id, session=session)), previous=previous,
        previous_items=tuple(prev_items), attendance=tuple(attendance), previous_decisions=tuple(prev_decisions),
        decisions=tuple(decisions), challenges=tuple(challenges), arising=tuple(arising), pack_issued_at=issued_at,
    )
