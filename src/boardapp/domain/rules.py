"""Pure rules of the plan: effective due dates, overdue, direction of travel.

No Qt and no database here, so the UI, the pack and the CLI all agree.
"""
from __future__ import annotations

from datetime import date

from boardapp.domain.enums import ActionStatus, Brag, Direction


def effective_due(due: date, revised_due: date | None) -> date:
    """The date an action is now held to: the revised date when there is one."""
    return revised_due or due


def is_complete(status: str) -> bool:
    return status == ActionStatus.COMPLETE


def days_left(due: date, revised_due: date | None, today: date) -> int:
    """Days until the effective due date; negative when overdue."""
    return (effective_due(due, revised_due) - today).days


def is_overdue(due: date, revised_due: date | None, status: str, today: date) -> bool:
    """Past its effective due date and not complete."""
    return not is_complete(status) and effective_due(due, revised_due) < today


def is_slipped(due: date, revised_due: date | None) -> bool:
    """A revised due date later than the original one."""
    return revised_due is not None and revised_due > due


_BRAG_RANK = {b.value: b.rank for b in Brag}


def direction_of_travel(previous: str | None, current: str) -> Direction:
    """Better / same / worse since the previous board meeting (NEW if it did not exist)."""
    if previous is None:
        return Direction.NEW
    try:  # a dict, not Brag(...): this runs once per action on every load of the register
        before, now = _BRAG_RANK[previous], _BRAG_RANK[current]
    except KeyError as exc:
        raise ValueError(f"unknown BRAG {exc.args[0]!r}") from None
    if now > before:
        return Direction.BETTER
    if now < before:
        return Direction.WORSE
    return Direction.SAME


class ValidationError(ValueError):
    """Bad input, naming the field (or row) at fault so the user can fix it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def validate_action_fields(
    *,
    title: str,
    start_date: date | None,
    due_date: date | None,
    revised_due_date: date | None,
    status: str,
    brag: str,
    progress: int,
) -> None:
    """Raise ValidationError naming the first field that breaks a rule of the plan."""
    if not title or not title.strip():
        raise ValidationError("title", "an action needs a title")
    if due_date is None:
        raise ValidationError("due_date", "an action needs a due date")
    if start_date is not None and due_date < start_date:
        raise ValidationError("due_date", f"due {due_date:%d/%m/%Y} is before the start {start_date:%d/%m/%Y}")
    if revised_due_date is not None and start_date is not None and revised_due_date < start_date:
        raise ValidationError("revised_due_date", "the revised due date is before the start")
    if status not in ActionStatus.__members__:
        raise ValidationError("status", f"unknown status {status!r}")
    if brag not in Brag.__members__:
        raise ValidationError("brag", f"unknown BRAG {brag!r}")
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        raise ValidationError("progress", f"progress must be a whole number from 0 to 100, not {progress!r}")
    if brag == Brag.BLUE and status != ActionStatus.COMPLETE:
        raise ValidationError("brag", "Blue means complete: set the status to Complete first")
