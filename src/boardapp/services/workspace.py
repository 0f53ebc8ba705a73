"""The workspace as a whole: the board, the next visit, the meetings either side of today.

No ORM: the status bar and the dashboard header are read on the window's open path.
"""
from __future__ import annotations

from datetime import date

from boardapp.services.connection import Reader, dbapi, to_date
from boardapp.services.inspections.next_visit import next_monitoring_visit
from boardapp.services.meetings.calendar import last_held_meeting, next_meeting
from boardapp.services.rows import WorkspaceSummary


def as_at_date(*, session: Reader) -> date | None:
    """The workspace's own "today", when it has one (the demo is dated just after its public record ends)."""
    found = dbapi(session).execute("SELECT as_at_date FROM board ORDER BY id LIMIT 1").fetchone()
    return to_date(found[0]) if found else None


def effective_today(*, session: Reader, fallback: date | None = None) -> date:
    """The one "today" of the whole app: the workspace's as-at date, else ``fallback`` (the real date)."""
    return as_at_date(session=session) or fallback or date.today()


#: ``PRAGMA user_version`` of a workspace the demo built ("DEMO"); a real workspace keeps 0.
#: Copies, backups and restores carry it, as they carry the demo's invented plan.
DEMO_MARK = 0x44454D4F


def workspace_summary(*, session: Reader, today: date) -> WorkspaceSummary:
    """What the status bar and the headers show; cheap enough to call after every change."""
    db = dbapi(session)
    board = db.execute("SELECT name, council, default_marking, as_at_date FROM board ORDER BY id LIMIT 1").fetchone()
    (count,) = db.execute("SELECT count(*) FROM action WHERE deleted_at IS NULL").fetchone()
    visit_row = next_monitoring_visit(session=db, today=today)
    return WorkspaceSummary(
        board_name=board[0] if board else "Improvement Board",
        council=board[1] if board else "",
        default_marking=board[2] if board else "OFFICIAL-SENSITIVE",
        next_visit=visit_row,
        days_to_next_visit=(visit_row.start_date - today).days if visit_row else None,
        last_meeting=last_held_meeting(session=db, today=today),
        next_meeting=next_meeting(session=db, today=today),
        action_count=int(count),
        as_at=to_date(board[3]) if board else None,
        is_demo=db.execute("PRAGMA user_version").fetchone()[0] == DEMO_MARK,
    )
