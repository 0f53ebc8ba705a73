"""The workspace as a whole: the board, the next visit, the meetings either side of today."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, func, select

from boardapp.db.models import Action, Board
from boardapp.services.meetings import last_held_meeting, next_meeting
from boardapp.services.plan_queries import next_monitoring_visit
from boardapp.services.rows import WorkspaceSummary


def workspace_summary(*, session: Session, today: date) -> WorkspaceSummary:
    """What the status bar and the headers show; cheap enough to call after every change."""
    board = session.exec(select(Board)).first()
    visit_row = next_monitoring_visit(session=session, today=today)
    count = session.exec(select(func.count()).select_from(Action).where(col(Action.deleted_at).is_(None))).one()
    return WorkspaceSummary(
        board_name=board.name if board else "Improvement Board",
        council=board.council if board else "",
        default_marking=board.default_marking if board else "OFFICIAL-SENSITIVE",
        next_visit=visit_row,
        days_to_next_visit=(visit_row.start_date - today).days if visit_row else None,
        last_meeting=last_held_meeting(session=session, today=today),
        next_meeting=next_meeting(session=session, today=today),
        action_count=int(count),
    )


def ensure_board(name: str, *, session: Session, council: str = "") -> None:
    """Give a new workspace its board (once): the name shown in the title bar and the pack."""
    if not name.strip():
        from boardapp.domain.rules import ValidationError

        raise ValidationError("name", "the board needs a name")
    if session.exec(select(Board)).first() is None:
        session.add(Board(name=name.strip(), council=council.strip()))
        session.commit()
