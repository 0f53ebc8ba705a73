"""Use-cases that change the improvement plan (actions, updates, links).

Each function takes ``session=`` keyword-only, validates, writes, records an
AuditEntry per changed field, commits one transaction (``write_transaction``: the
write lock first, a rollback on any error) and returns the fresh row. The row's
``version`` is checked and bumped by every UPDATE (``db.models.Versioned``).
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from boardapp.db.models import Action, ActionFinding, ActionKpi, ActionUpdate, Finding, Kpi, Person, Theme
from boardapp.db.types import utcnow
from boardapp.domain.enums import ActionStatus, Brag
from boardapp.domain.rules import ValidationError, validate_action_fields
from boardapp.services.audit import record_change
from boardapp.services.plan.queries import linked_finding_ids
from boardapp.services.plan.register_read import action_row, list_action_rows
from boardapp.services.rows import ActionRow
from boardapp.services.transaction import ConflictError, write_transaction

__all__ = [
    "ConflictError", "NotFoundError", "add_action_update", "bulk_update_actions", "create_action",
    "delete_action", "delete_action_update", "next_ref", "record_action_update", "restore_action",
    "set_actions_deleted", "update_action", "update_actions",
]

EDITABLE_FIELDS = (
    "ref", "title", "description", "how", "theme_id", "owner_id", "start_date", "due_date",
    "revised_due_date", "status", "brag", "progress", "success_measure", "evidence_of_impact",
)
ENTITY = "action"
#: Tries at a fresh reference when another writer took the one allocated (only a writer
#: without the write lock first can make it happen; see ``services.transaction``).
REF_ATTEMPTS = 5


class NotFoundError(LookupError):
    pass


def _get_live(session: Session, action_id: int, *, allow_deleted: bool = False) -> Action:
    action = session.get(Action, action_id)
    if action is None or (action.deleted_at is not None and not allow_deleted):
        raise NotFoundError("this action no longer exists")
    return action


def _check_refs(session: Session, values: dict[str, Any]) -> None:
    if values.get("theme_id") is not None and session.get(Theme, values["theme_id"]) is None:
        raise ValidationError("theme_id", "that theme no longer exists")
    if values.get("owner_id") is not None and session.get(Person, values["owner_id"]) is None:
        raise ValidationError("owner_id", "that person is no longer in the directory")


def _validate(values: dict[str, Any]) -> None:
    validate_action_fields(
        title=values["title"], start_date=values.get("start_date"), due_date=values.get("due_date"),
        revised_due_date=values.get("revised_due_date"), status=values["status"], brag=values["brag"],
        progress=values["progress"],
    )


def next_ref(theme_id: int | None, *, session: Session) -> str:
    """The next free reference: theme code and a running number ('T2.14')."""
    prefix = "A"
    if theme_id is not None and (theme := session.get(Theme, theme_id)) is not None:
        prefix = theme.code
    refs = session.exec(select(Action.ref).where(Action.ref.startswith(prefix + "."))).all()  # type: ignore[attr-defined]
    numbers = [int(m.group(1)) for r in refs if (m := re.fullmatch(re.escape(prefix) + r"\.(\d+)", r))]
    return f"{prefix}.{max(numbers, default=0) + 1}"


def create_action(
    *, session: Session, who: str, finding_ids: set[int] | None = None, kpi_ids: set[int] | None = None,
    **fields: Any,
) -> ActionRow:
    """Add an action to the plan (and its links, in the same transaction). Unknown fields are refused by name."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "not a field of an action")
    values: dict[str, Any] = {
        "status": ActionStatus.NOT_STARTED.value, "brag": Brag.GREEN.value, "progress": 0, **fields,
    }
    values.setdefault("title", "")
    _validate(values)
    explicit_ref = bool(values.get("ref"))
    for _attempt in range(REF_ATTEMPTS):
        try:
            with write_transaction(session):
                action_id = _insert_action(session, dict(values), who=who, finding_ids=finding_ids, kpi_ids=kpi_ids)
        except IntegrityError as exc:
            if "action.ref" not in str(exc.orig):
                raise
            if explicit_ref:
                raise ValidationError("ref", f"reference {values['ref']} is already used") from None
            continue  # someone took that reference between our read and our write: take the next one
        return action_row(action_id, session=session)
    raise ConflictError("no free reference could be allocated for the new action (the plan is being "
                        "changed elsewhere very quickly); nothing was saved. Try again.")


def _insert_action(
    session: Session, values: dict[str, Any], *, who: str, finding_ids: set[int] | None, kpi_ids: set[int] | None
) -> int:
    """The writes of ``create_action``, inside its transaction; returns the new id."""
    _check_refs(session, values)
    if not values.get("ref"):
        values["ref"] = next_ref(values.get("theme_id"), session=session)
    elif session.exec(select(Action.id).where(Action.ref == values["ref"])).first() is not None:
        raise ValidationError("ref", f"reference {values['ref']} is already used")
    action = Action(**values)
    session.add(action)
    session.flush()
    assert action.id is not None
    record_change(session, who=who, entity=ENTITY, entity_id=action.id, field="created", old=None, new=action.ref)
    if finding_ids:
        _replace_links(session, action.id, set(finding_ids), kind="findings", who=who)
    if kpi_ids:
        _replace_links(session, action.id, set(kpi_ids), kind="kpis", who=who)
    return action.id


def update_action(
    action_id: int, changes: dict[str, Any], *, session: Session, who: str, expected_version: int | None = None,
    finding_ids: set[int] | None = None, kpi_ids: set[int] | None = None,
) -> ActionRow:
    """Change fields (and, when given, the links) of one action in one transaction.

    Refuses a stale ``expected_version`` with ConflictError.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "not a field of an action")
    with write_transaction(session):
        action = _get_live(session, action_id)
        if expected_version is not None and action.version != expected_version:
            raise ConflictError(f"action {action.ref} was changed elsewhere since it was read; nothing was saved. "
                                "Reload it and try again.")
        _apply_changes(session, action, changes, who=who)
        if finding_ids is not None:
            _replace_links(session, action_id, set(finding_ids), kind="findings", who=who)
        if kpi_ids is not None:
            _replace_links(session, action_id, set(kpi_ids), kind="kpis", who=who)
    return action_row(action_id, session=session)


def _apply_changes(session: Session, action: Action, changes: dict[str, Any], *, who: str) -> bool:
    values = {f: getattr(action, f) for f in EDITABLE_FIELDS} | changes
    _validate(values)
    _check_refs(session, changes)
    if "ref" in changes and changes["ref"] != action.ref:
        if not changes["ref"]:
            raise ValidationError("ref", "an action needs a reference")
        clash = session.exec(select(Action.id).where(Action.ref == changes["ref"], Action.id != action.id)).first()
        if clash is not None:
            raise ValidationError("ref", f"reference {changes['ref']} is already used")
    changed = False
    assert action.id is not None
    for name, new in changes.items():
        old = getattr(action, name)
        if old != new:
            record_change(session, who=who, entity=ENTITY, entity_id=action.id, field=name, old=old, new=new)
            setattr(action, name, new)
            changed = True
    if changed:  # the UPDATE checks and bumps ``version`` (db.models.Versioned)
        action.updated_at = utcnow()
        session.add(action)
    return changed


def bulk_update_actions(
    action_ids: list[int], changes: dict[str, Any], *, session: Session, who: str
) -> list[ActionRow]:
    """The same change to many actions, all or nothing; the error names the action at fault."""
    allowed = {"owner_id", "brag", "revised_due_date", "status", "theme_id"}
    if bad := set(changes) - allowed:
        raise ValidationError(sorted(bad)[0], "cannot be changed in bulk")
    if len(action_ids) > 1:
        from boardapp.db.backup_store import backup_before_change

        backup_before_change(session, "before-bulk-change")
    return update_actions({action_id: changes for action_id in action_ids}, session=session, who=who)


def update_actions(
    changes_by_id: dict[int, dict[str, Any]], *, session: Session, who: str
) -> list[ActionRow]:
    """Different changes to several actions, all or nothing (undoing a bulk change puts back each
    action's own old values); the error names the action at fault."""
    for changes in changes_by_id.values():
        if unknown := set(changes) - set(EDITABLE_FIELDS):
            raise ValidationError(sorted(unknown)[0], "not a field of an action")
    with write_transaction(session):
        for action_id, changes in changes_by_id.items():
            action = _get_live(session, action_id)
            try:
                _apply_changes(session, action, changes, who=who)
            except ValidationError as exc:
                raise ValidationError(f"{action.ref} {exc.field}", exc.message) from exc
    return list_action_rows(session=session, include_deleted=True, ids=list(changes_by_id))


def delete_action(action_id: int, *, session: Session, who: str) -> ActionRow:
    """Soft delete: the action leaves the register but can be restored (and undone)."""
    with write_transaction(session):
        action = _get_live(session, action_id)
        now = utcnow()
        assert action.id is not None
        record_change(session, who=who, entity=ENTITY, entity_id=action.id, field="deleted_at", old=None, new=now)
        action.deleted_at = now
        session.add(action)
    return action_row(action_id, session=session)


def restore_action(action_id: int, *, session: Session, who: str) -> ActionRow:
    with write_transaction(session):
        action = _get_live(session, action_id, allow_deleted=True)
        if action.deleted_at is not None:
            assert action.id is not None
            record_change(session, who=who, entity=ENTITY, entity_id=action.id, field="deleted_at",
                          old=action.deleted_at, new=None)
            action.deleted_at = None
            session.add(action)
    return action_row(action_id, session=session)


def set_actions_deleted(action_ids: list[int], deleted: bool, *, session: Session, who: str) -> list[ActionRow]:
    """Soft-delete (or restore) several actions in one transaction; already so is left alone."""
    now = utcnow()
    with write_transaction(session):
        for action_id in action_ids:
            action = _get_live(session, action_id, allow_deleted=True)
            if (action.deleted_at is not None) == deleted:
                continue
            assert action.id is not None
            old, new = (None, now) if deleted else (action.deleted_at, None)
            record_change(session, who=who, entity=ENTITY, entity_id=action.id, field="deleted_at", old=old, new=new)
            action.deleted_at = new
            session.add(action)
    return [action_row(i, session=session) for i in action_ids]


def add_action_update(
    action_id: int, *, session: Session, who: str, update_date: date, narrative: str, brag: str, progress: int,
    status: str | None = None,
) -> ActionRow:
    """Record a dated progress update; the action takes its BRAG and progress."""
    row, _update_id = record_action_update(
        action_id, session=session, who=who, update_date=update_date, narrative=narrative, brag=brag,
        progress=progress, status=status,
    )
    return row


def record_action_update(
    action_id: int, *, session: Session, who: str, update_date: date, narrative: str, brag: str, progress: int,
    status: str | None = None,
) -> tuple[ActionRow, int]:
    """``add_action_update`` that also returns the new update's id (so it can be undone)."""
    if not narrative.strip():
        raise ValidationError("narrative", "an update needs some text")
    changes: dict[str, Any] = {"brag": brag, "progress": progress}
    if status is not None:
        changes["status"] = status
    elif brag == Brag.BLUE:
        changes["status"] = ActionStatus.COMPLETE.value
    with write_transaction(session):
        action = _get_live(session, action_id)
        _apply_changes(session, action, changes, who=who)
        update = ActionUpdate(action_id=action_id, update_date=update_date, author=who,
                              narrative=narrative.strip(), brag=brag, progress=progress)
        session.add(update)
        session.flush()
        assert update.id is not None
        update_id = update.id
    return action_row(action_id, session=session), update_id


def delete_action_update(
    update_id: int, *, session: Session, who: str, restore: dict[str, Any] | None = None
) -> None:
    """Remove a progress update entered by mistake (recorded in the audit trail).

    ``restore`` puts fields of the action back (the BRAG, progress and status it had before
    the update) in the same transaction: that is how an added update is undone.
    """
    if restore and (unknown := set(restore) - set(EDITABLE_FIELDS)):
        raise ValidationError(sorted(unknown)[0], "not a field of an action")
    with write_transaction(session):
        update = session.get(ActionUpdate, update_id)
        if update is None:
            raise NotFoundError("that progress update no longer exists (it may have been removed elsewhere)")
        record_change(session, who=who, entity=ENTITY, entity_id=update.action_id, field="update_removed",
                      old=f"{update.update_date.isoformat()}: {update.narrative}", new=None)
        if restore:
            _apply_changes(session, _get_live(session, update.action_id), restore, who=who)
        session.delete(update)


def _replace_links(session: Session, action_id: int, ids: set[int], *, kind: str, who: str) -> None:
    """Replace an action's findings or KPIs (no commit: part of the caller's transaction)."""
    if kind == "findings":
        target, link, column, label = Finding, ActionFinding, "finding_id", "finding"
    else:
        target, link, column, label = Kpi, ActionKpi, "kpi_id", "measure"
    for other in ids:
        if session.get(target, other) is None:
            raise ValidationError(kind, f"no {label} with id {other}")
    current = set(session.exec(select(getattr(link, column)).where(link.action_id == action_id)).all())
    if kind == "findings":  # links to a deleted finding or inspection are kept, hidden, for its restore
        current = linked_finding_ids(action_id, session=session)
    if current == ids:
        return
    for other in current - ids:
        session.delete(session.get(link, (action_id, other)))
    for other in ids - current:
        session.add(link(action_id=action_id, **{column: other}))
    record_change(session, who=who, entity=ENTITY, entity_id=action_id, field=kind,
                  old=",".join(map(str, sorted(current))), new=",".join(map(str, sorted(ids))))

