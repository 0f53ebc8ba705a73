"""One check for every text a service writes: no lone surrogate (half of a UTF-16 pair).

Such a string reaches Python from a broken paste or a damaged file; SQLite cannot store it and
the driver raised a raw ``UnicodeEncodeError`` mid-transaction. A ``before_flush`` hook on every
ORM session refuses it as a ValidationError naming the field, before anything is written, so
each service (and each new text field) gets the check without writing it again.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from boardapp.domain.rules import ValidationError

UNSTORABLE = "contains a character that cannot be stored (half of a pasted symbol or emoji); retype it"


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a code point SQLite (UTF-8) cannot store."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_text(field: str, value: Any) -> None:
    """ValidationError naming ``field`` when ``value`` is text that cannot be stored."""
    if isinstance(value, str) and has_lone_surrogate(value):
        raise ValidationError(field, UNSTORABLE)


def _changed_text(obj: object, new: bool) -> list[tuple[str, Any]]:
    state = inspect(obj)
    found: list[tuple[str, Any]] = []
    for attr in state.mapper.column_attrs:
        if new:
            value = getattr(obj, attr.key, None)
        else:
            added = state.attrs[attr.key].history.added
            value = added[0] if added else None
        if isinstance(value, str):
            found.append((attr.key, value))
    return found


@event.listens_for(Session, "before_flush")
def _refuse_unstorable_text(session: Session, _context: Any, _instances: Any) -> None:
    for new, objects in ((True, session.new), (False, session.dirty)):
        # The row the user typed into first: its audit entries repeat the text under "old"/"new".
        for obj in sorted(objects, key=lambda o: type(o).__name__ == "AuditEntry"):
            for field, value in _changed_text(obj, new):
                check_text(field, value)
