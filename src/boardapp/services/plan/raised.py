"""Actions arising: an action of the plan raised at a board meeting (and agenda item).

Made by the plan's own ``create_action`` (reference, audit and undo as for any other
action) in the same transaction that records where it was raised
(``Action.raised_at_meeting_id`` / ``raised_at_item_id``), so the register links back to
the meeting and the item. Undo is the plan's ``delete_action`` (redo ``restore_action``).
It lives with the plan because it writes the plan (services.meetings reads only rows).
"""
from __future__ import annotations

from datetime import date

from sqlmodel import Session

from boardapp.db.models import Action
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.meetings.minutes import item_of, live_meeting
from boardapp.services.plan.commands import create_action
from boardapp.services.plan.register_read import action_row
from boardapp.services.rows import ActionRow
from boardapp.services.transaction import write_transaction


def raise_action(
    meeting_id: int, *, session: Session, who: str, title: str, due_date: date | None,
    agenda_item_id: int | None = None, owner_id: int | None = None, theme_id: int | None = None,
) -> ActionRow:
    """Create an action in the plan, raised at this meeting (and item), in one transaction."""
    if due_date is None:
        raise ValidationError("due_date", "an action arising needs a due date")
    with write_transaction(session):
        meeting = live_meeting(session, meeting_id)
        item = item_of(session, meeting_id, agenda_item_id)
        row = create_action(session=session, who=who, title=title.strip(), due_date=due_date, owner_id=owner_id,
                            theme_id=theme_id)
        action = session.get(Action, row.id)
        assert action is not None
        action.raised_at_meeting_id = meeting_id
        action.raised_at_item_id = item.id if item is not None else None
        session.add(action)
        where = f"{meeting.meeting_date.isoformat()}" + (f" item {item.item_order}" if item is not None else "")
        record_change(session, who=who, entity="action", entity_id=row.id, field="raised_at", old=None, new=where)
        session.flush()
        result = action_row(row.id, session=session)
    return result
