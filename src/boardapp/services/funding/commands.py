"""Use-cases that change grants and their lines; money in whole pence throughout.

Each takes ``session=`` and ``who=`` keyword-only, validates (``ValidationError`` naming the
field), writes with an AuditEntry per changed field, commits one transaction and returns the
grant (or the line) as a frozen :class:`GrantRow` (:class:`GrantLineRow`). Deleting is soft (``deleted_at``): a deleted grant or line
can be restored, and undo does exactly that. Lines adding up to more than the grant and spend
above a line's allocation are allowed (real budgets do both) and shown as warnings by the reads.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, func, select

from boardapp.db.models import Action, Grant, GrantLine, GrantLineAction, Person
from boardapp.db.types import utcnow
from boardapp.domain.money import check_pence
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.funding.queries import GrantLineRow, GrantRow, grant_row
from boardapp.services.plan.commands import ConflictError, NotFoundError
from boardapp.services.transaction import commit, touch

__all__ = [
    "ConflictError", "GRANT_FIELDS", "LINE_FIELDS", "NotFoundError", "ValidationError", "create_grant", "create_line",
    "delete_grant", "delete_line", "restore_grant", "restore_line", "update_grant", "update_line",
]

GRANT_FIELDS = ("name", "funder", "allocated_pence", "start_date", "end_date", "notes")
LINE_FIELDS = ("purpose", "allocated_pence", "spent_pence", "owner_id", "sort_order")
GRANT_ENTITY = "grant"
LINE_ENTITY = "grant_line"


def _refuse_unknown(fields: dict[str, Any], allowed: tuple[str, ...], what: str) -> None:
    if unknown := set(fields) - set(allowed):
        raise ValidationError(sorted(unknown)[0], f"not a field of a {what}")


def _tidy(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}


def _validate_grant(values: dict[str, Any]) -> None:
    if not isinstance(values.get("name"), str) or not values["name"]:
        raise ValidationError("name", "a grant needs a name")
    check_pence(values.get("allocated_pence"), "allocated_pence")
    start, end = values.get("start_date"), values.get("end_date")
    for name, value in (("start_date", start), ("end_date", end)):
        if value is not None and not isinstance(value, date):
            raise ValidationError(name, f"must be a date, not {value!r}")
    if start is not None and end is not None and end < start:
        raise ValidationError("end_date", f"the grant ends {end:%d/%m/%Y}, before it starts {start:%d/%m/%Y}")


def _validate_line(session: Session, values: dict[str, Any]) -> None:
    if not isinstance(values.get("purpose"), str) or not values["purpose"]:
        raise ValidationError("purpose", "a line needs a purpose (what the money is for)")
    check_pence(values.get("allocated_pence"), "allocated_pence")
    check_pence(values.get("spent_pence"), "spent_pence")
    owner = values.get("owner_id")
    if owner is not None and (isinstance(owner, bool) or not isinstance(owner, int) or session.get(Person, owner) is None):
        raise ValidationError("owner_id", f"no person with id {owner!r}")
    order = values.get("sort_order", 0)
    if isinstance(order, bool) or not isinstance(order, int):
        raise ValidationError("sort_order", f"must be a whole number, not {order!r}")


def _grant(session: Session, grant_id: int, *, allow_deleted: bool = False) -> Grant:
    grant = session.get(Grant, grant_id)
    if grant is None or (grant.deleted_at is not None and not allow_deleted):
        raise NotFoundError(f"grant {grant_id} does not exist")
    return grant


def _line(session: Session, line_id: int, *, allow_deleted: bool = False) -> GrantLine:
    line = session.get(GrantLine, line_id)
    if line is None or (line.deleted_at is not None and not allow_deleted):
        raise NotFoundError(f"grant line {line_id} does not exist")
    return line


def _done(session: Session, grant_id: int) -> GrantRow:
    commit(session)
    row = grant_row(grant_id, session=session)
    assert row is not None
    return row


def _done_line(session: Session, line_id: int) -> GrantLineRow:
    commit(session)
    line = session.get(GrantLine, line_id)
    assert line is not None
    grant = grant_row(line.grant_id, session=session)
    assert grant is not None
    return next(r for r in grant.lines + grant.deleted_lines if r.id == line_id)


def _apply(session: Session, obj: Grant | GrantLine, changes: dict[str, Any], *, who: str, entity: str) -> bool:
    assert obj.id is not None
    changed = False
    for name, new in changes.items():
        old = getattr(obj, name)
        if old != new:
            record_change(session, who=who, entity=entity, entity_id=obj.id, field=name, old=old, new=new)
            setattr(obj, name, new)
            changed = True
    if changed:  # the UPDATE checks and bumps ``version`` (db.models.Versioned)
        session.add(obj)
    return changed


# --- grants ------------------------------------------------------------------------------------

def create_grant(*, session: Session, who: str, **fields: Any) -> GrantRow:
    """Record a grant (or other funding): name and total required; funder, period and notes optional."""
    _refuse_unknown(fields, GRANT_FIELDS, "grant")
    values = _tidy({"name": "", **fields})
    _validate_grant(values)
    grant = Grant(**values)
    session.add(grant)
    session.flush()
    assert grant.id is not None
    record_change(session, who=who, entity=GRANT_ENTITY, entity_id=grant.id, field="created", old=None, new=grant.name)
    return _done(session, grant.id)


def update_grant(
    grant_id: int, changes: dict[str, Any], *, session: Session, who: str, expected_version: int | None = None
) -> GrantRow:
    _refuse_unknown(changes, GRANT_FIELDS, "grant")
    grant = _grant(session, grant_id)
    if expected_version is not None and grant.version != expected_version:
        raise ConflictError(f"grant “{grant.name}” was changed elsewhere; reload it and try again")
    changes = _tidy(changes)
    _validate_grant({name: getattr(grant, name) for name in GRANT_FIELDS} | changes)
    _apply(session, grant, changes, who=who, entity=GRANT_ENTITY)
    return _done(session, grant_id)


def _set_deleted(session: Session, obj: Grant | GrantLine, deleted: bool, *, who: str, entity: str) -> None:
    if (obj.deleted_at is not None) == deleted:
        return
    assert obj.id is not None
    now = utcnow()
    old, new = (None, now) if deleted else (obj.deleted_at, None)
    record_change(session, who=who, entity=entity, entity_id=obj.id, field="deleted_at", old=old, new=new)
    obj.deleted_at = new
    session.add(obj)


def delete_grant(grant_id: int, *, session: Session, who: str) -> GrantRow:
    """Soft delete: the grant (and its lines with it) leaves the page and the pack, and can be restored."""
    _set_deleted(session, _grant(session, grant_id), True, who=who, entity=GRANT_ENTITY)
    return _done(session, grant_id)


def restore_grant(grant_id: int, *, session: Session, who: str) -> GrantRow:
    _set_deleted(session, _grant(session, grant_id, allow_deleted=True), False, who=who, entity=GRANT_ENTITY)
    return _done(session, grant_id)


# --- lines -------------------------------------------------------------------------------------

def _check_actions(session: Session, action_ids: set[int]) -> None:
    for action_id in sorted(action_ids):
        action = session.get(Action, action_id)
        if action is None or action.deleted_at is not None:
            raise ValidationError("action_ids", f"no action with id {action_id}")


def _replace_actions(session: Session, line_id: int, action_ids: set[int], *, who: str) -> None:
    current = set(session.exec(select(GrantLineAction.action_id).where(GrantLineAction.grant_line_id == line_id)).all())
    if current == action_ids:
        return
    for action_id in current - action_ids:
        session.delete(session.get(GrantLineAction, (line_id, action_id)))
    for action_id in action_ids - current:
        session.add(GrantLineAction(grant_line_id=line_id, action_id=action_id))
    record_change(session, who=who, entity=LINE_ENTITY, entity_id=line_id, field="actions",
                  old=",".join(map(str, sorted(current))), new=",".join(map(str, sorted(action_ids))))


def create_line(
    grant_id: int, *, session: Session, who: str, action_ids: set[int] | None = None, **fields: Any
) -> GrantRow:
    """Add a line to a grant (at the end unless ``sort_order`` is given), with the actions it pays for."""
    _refuse_unknown(fields, LINE_FIELDS, "grant line")
    _grant(session, grant_id)
    if "sort_order" not in fields:
        last = session.exec(select(func.max(GrantLine.sort_order)).where(GrantLine.grant_id == grant_id)).first()
        fields = {**fields, "sort_order": (last or 0) + 1}
    values = _tidy({"purpose": "", "spent_pence": 0, **fields})
    _validate_line(session, values)
    if action_ids:
        _check_actions(session, set(action_ids))
    line = GrantLine(grant_id=grant_id, **values)
    session.add(line)
    session.flush()
    assert line.id is not None
    record_change(session, who=who, entity=LINE_ENTITY, entity_id=line.id, field="created", old=None, new=line.purpose)
    if action_ids:
        _replace_actions(session, line.id, set(action_ids), who=who)
    return _done_line(session, line.id)


def update_line(
    line_id: int, changes: dict[str, Any], *, session: Session, who: str, expected_version: int | None = None,
    action_ids: set[int] | None = None,
) -> GrantLineRow:
    """Change a line's purpose, money, owner or order, and (when given) the actions it pays for."""
    _refuse_unknown(changes, LINE_FIELDS, "grant line")
    line = _line(session, line_id)
    if expected_version is not None and line.version != expected_version:
        raise ConflictError(f"line “{line.purpose}” was changed elsewhere; reload it and try again")
    changes = _tidy(changes)
    _validate_line(session, {name: getattr(line, name) for name in LINE_FIELDS} | changes)
    if action_ids is not None:
        _check_actions(session, set(action_ids) - _linked(session, line_id))
    changed = _apply(session, line, changes, who=who, entity=LINE_ENTITY)
    if action_ids is not None:
        before = _linked(session, line_id)
        _replace_actions(session, line_id, set(action_ids), who=who)
        if before != set(action_ids) and not changed:
            touch(line, "purpose")  # its actions changed: the line's version moves on
            session.add(line)
    return _done_line(session, line_id)


def _linked(session: Session, line_id: int) -> set[int]:
    return set(session.exec(select(GrantLineAction.action_id).where(GrantLineAction.grant_line_id == line_id)).all())


def delete_line(line_id: int, *, session: Session, who: str) -> GrantLineRow:
    """Soft delete: the line leaves the grant's totals and can be restored."""
    line = _line(session, line_id)
    _set_deleted(session, line, True, who=who, entity=LINE_ENTITY)
    return _done_line(session, line_id)


def restore_line(line_id: int, *, session: Session, who: str) -> GrantLineRow:
    """Bring a deleted line back (its grant must not be deleted)."""
    line = _line(session, line_id, allow_deleted=True)
    _grant(session, line.grant_id)
    _set_deleted(session, line, False, who=who, entity=LINE_ENTITY)
    return _done_line(session, line_id)
