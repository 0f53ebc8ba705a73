"""Writing an imported action tracker: one transaction, audit rows, and what it changed (for undo).

The importer (``boardapp.exchange``) works out *what* to write and shows it; this
use-case writes exactly that, checks nothing moved underneath since the preview (every
change carries the value it replaces: a different current value is a ConflictError and
nothing is written), validates each action with the plan's rules, creates the owners
and themes it names, and inserts new actions with SQLAlchemy core in one statement
(10,000 rows in well under a second; the ORM would take several).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from boardapp.db.models import Action, ActionUpdate, AuditEntry, Person, Theme
from boardapp.db.types import utcnow
from boardapp.domain.rules import ValidationError, validate_action_fields
from boardapp.services.audit import to_text
from boardapp.services.people.resolve import is_referenced, name_key, resolve_people, resolve_themes
from boardapp.services.plan.commands import ConflictError
from boardapp.services.transaction import write_transaction

#: The action's own columns an import may set (owner and theme come by name).
IMPORT_FIELDS = (
    "ref", "title", "description", "how", "start_date", "due_date", "revised_due_date", "status", "brag",
    "progress", "success_measure", "evidence_of_impact", "recommendation",
)
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class NewAction:
    """A row of the sheet that becomes a new action."""

    row: int
    values: Mapping[str, Any]  # IMPORT_FIELDS (ref, title and due_date always)
    owner: str = ""
    theme: str = ""
    latest_update: str = ""


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an existing action: ``old`` is what the preview saw, ``new`` what the sheet says.

    ``owner`` and ``theme`` carry the current id as ``old`` and a name as ``new``.
    """

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class ActionChanges:
    row: int
    action_id: int
    ref: str
    changes: tuple[FieldChange, ...]
    latest_update: str = ""  # a new progress update's text ('' for none)


@dataclass(frozen=True)
class ActionImport:
    """Everything one import writes."""

    creates: tuple[NewAction, ...]
    updates: tuple[ActionChanges, ...]
    update_date: date  # the date of the progress updates it adds (the workspace's today)
    source: str = ""


@dataclass(frozen=True)
class ImportedActions:
    """What an import wrote: enough to undo it exactly."""

    created_ids: tuple[int, ...] = ()
    changed: tuple[tuple[int, tuple[tuple[str, Any, Any], ...]], ...] = ()  # id, (column, old, new)…
    update_ids: tuple[int, ...] = ()
    people_ids: tuple[int, ...] = ()
    theme_ids: tuple[int, ...] = ()
    refs: Mapping[int, str] = field(default_factory=dict)

    @property
    def action_ids(self) -> list[int]:
        return [*self.created_ids, *(i for i, _ in self.changed)]


def _validate(values: Mapping[str, Any], row: int) -> None:
    try:
        validate_action_fields(
            title=values.get("title") or "", start_date=values.get("start_date"), due_date=values.get("due_date"),
            revised_due_date=values.get("revised_due_date"), status=values["status"], brag=values["brag"],
            progress=values["progress"],
        )
    except ValidationError as exc:
        raise ValidationError(f"row {row} {exc.field}", exc.message) from None
    if not str(values.get("ref") or "").strip():
        raise ValidationError(f"row {row} ref", "an action needs a reference")


def _existing_refs(session: Session, refs: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(refs), _CHUNK):
        chunk = refs[i:i + _CHUNK]
        found.update(session.execute(select(Action.ref).where(Action.ref.in_(chunk))).scalars())  # type: ignore[attr-defined]
    return found


def import_actions(batch: ActionImport, *, session: Session, who: str) -> ImportedActions:
    """Write the import in one transaction; ValidationError / ConflictError leave the workspace as it was."""
    with write_transaction(session):  # the write lock first; rolled back on any error
        result = _write(batch, session, who)
    return result


def _write(batch: ActionImport, session: Session, who: str) -> ImportedActions:
    owners = [c.owner for c in batch.creates] + [
        ch.new for u in batch.updates for ch in u.changes if ch.field == "owner" and ch.new]
    themes = [c.theme for c in batch.creates] + [
        ch.new for u in batch.updates for ch in u.changes if ch.field == "theme" and ch.new]
    people, people_created = resolve_people([o for o in owners if o], session=session, who=who)
    theme_ids, themes_created = resolve_themes([t for t in themes if t], session=session, who=who)
    changed, update_ids = _apply_updates(batch, session, who, people, theme_ids)
    created_ids, refs = _insert_creates(batch, session, who, people, theme_ids)
    update_ids += _insert_latest_updates(batch, session, who, refs)
    return ImportedActions(
        created_ids=tuple(created_ids), changed=tuple(changed), update_ids=tuple(update_ids),
        people_ids=tuple(people_created), theme_ids=tuple(themes_created), refs=refs,
    )


def _apply_updates(batch: ActionImport, session: Session, who: str, people: dict[str, int],
                   themes: dict[str, int]) -> tuple[list[tuple[int, tuple[tuple[str, Any, Any], ...]]], list[int]]:
    changed: list[tuple[int, tuple[tuple[str, Any, Any], ...]]] = []
    update_ids: list[int] = []
    now = utcnow()
    for item in batch.updates:
        action = session.get(Action, item.action_id)
        if action is None or action.deleted_at is not None:
            raise ConflictError(f"action {item.ref} was deleted since the preview; preview the import again")
        columns: list[tuple[str, Any, Any]] = []
        for change in item.changes:
            column, new = change.field, change.new
            if column == "owner":
                column, new = "owner_id", people.get(name_key(new)) if new else None
            elif column == "theme":
                column, new = "theme_id", themes.get(name_key(new)) if new else None
            current = getattr(action, column)
            if current != change.old:
                raise ConflictError(
                    f"{item.ref}: {column.replace('_', ' ')} changed since the preview "
                    f"(now {to_text(current) or 'empty'}); preview the import again")
            if current != new:
                columns.append((column, current, new))
        values = {name: getattr(action, name) for name in IMPORT_FIELDS} | {c: n for c, _, n in columns}
        _validate(values, item.row)
        for column, old, new in columns:
            setattr(action, column, new)
            session.add(AuditEntry(at=now, who=who, entity="action", entity_id=action.id, entity_ref=action.ref,
                                   field=column, old=to_text(old), new=to_text(new)))
        if columns:
            action.updated_at = now
            session.add(action)
            assert action.id is not None
            changed.append((action.id, tuple(columns)))
        if item.latest_update.strip():
            update = ActionUpdate(action_id=item.action_id, update_date=batch.update_date, author=who,
                                  narrative=item.latest_update.strip(), brag=action.brag, progress=action.progress)
            session.add(update)
            session.flush()
            assert update.id is not None
            update_ids.append(update.id)
    session.flush()
    return changed, update_ids


def _insert_creates(batch: ActionImport, session: Session, who: str, people: dict[str, int],
                    themes: dict[str, int]) -> tuple[list[int], dict[int, str]]:
    if not batch.creates:
        return [], {}
    refs = [str(c.values["ref"]) for c in batch.creates]
    if len(set(refs)) != len(refs):
        raise ValidationError("ref", "the import names the same reference twice")
    if clash := _existing_refs(session, refs):
        raise ConflictError(f"reference {sorted(clash)[0]} is already used (added since the preview?); "
                            "preview the import again")
    now = utcnow()
    rows = []
    for item in batch.creates:
        values = {"description": "", "how": "", "start_date": None, "revised_due_date": None,
                  "success_measure": "", "evidence_of_impact": "", "recommendation": "", **item.values}
        _validate(values, item.row)
        rows.append(values | {
            "owner_id": people.get(name_key(item.owner)) if item.owner else None,
            "theme_id": themes.get(name_key(item.theme)) if item.theme else None,
            "created_at": now, "updated_at": now, "version": 1,
        })
    session.execute(insert(Action), rows)  # type: ignore[arg-type]
    ids: dict[str, int] = {}
    for i in range(0, len(refs), _CHUNK):
        chunk = refs[i:i + _CHUNK]
        ids.update({r: i for i, r in session.execute(select(Action.id, Action.ref).where(Action.ref.in_(chunk)))})  # type: ignore[attr-defined, call-overload]
    created = [ids[r] for r in refs]
    session.execute(insert(AuditEntry), [  # type: ignore[arg-type]
        {"at": now, "who": who, "entity": "action", "entity_id": ids[r], "entity_ref": r, "field": "created",
         "old": None, "new": r if not batch.source else f"{r} (imported from {batch.source})"}
        for r in refs
    ])
    return created, {ids[r]: r for r in refs}


def _insert_latest_updates(batch: ActionImport, session: Session, who: str, refs: dict[int, str]) -> list[int]:
    by_ref = {ref: action_id for action_id, ref in refs.items()}
    rows = [
        {"action_id": by_ref[str(c.values["ref"])], "update_date": batch.update_date, "author": who,
         "narrative": c.latest_update.strip(), "brag": c.values["brag"], "progress": c.values["progress"],
         "created_at": utcnow()}
        for c in batch.creates if c.latest_update.strip()
    ]
    if not rows:
        return []
    session.execute(insert(ActionUpdate), rows)  # type: ignore[arg-type]
    created_ids = [a for a in by_ref.values()]
    found: list[int] = []
    for i in range(0, len(created_ids), _CHUNK):
        chunk = created_ids[i:i + _CHUNK]
        found += list(session.execute(
            select(ActionUpdate.id).where(ActionUpdate.action_id.in_(chunk))).scalars())  # type: ignore[attr-defined]
    return found


def undo_action_import(result: ImportedActions, *, session: Session, who: str) -> list[int]:
    """Take an import back out in one transaction: new actions, their updates, changed fields, new owners
    and themes. ConflictError (nothing changed) if something it wrote was edited since."""
    with write_transaction(session):  # the write lock first; rolled back on any error
        ids = _undo(result, session, who)
    return ids


def _undo(result: ImportedActions, session: Session, who: str) -> list[int]:
    now = utcnow()
    for action_id, columns in result.changed:
        action = session.get(Action, action_id)
        if action is None:
            raise ConflictError(f"action {action_id} no longer exists; the import cannot be undone")
        for column, old, new in columns:
            if getattr(action, column) != new:
                raise ConflictError(f"{action.ref}: {column.replace('_', ' ')} was changed after the import; "
                                    "the import cannot be undone")
        for column, old, new in columns:
            setattr(action, column, old)
            session.add(AuditEntry(at=now, who=who, entity="action", entity_id=action_id, entity_ref=action.ref,
                                   field=column, old=to_text(new), new=to_text(old)))
        action.updated_at = now
        session.add(action)
    for i in range(0, len(result.update_ids), _CHUNK):
        session.execute(delete(ActionUpdate).where(ActionUpdate.id.in_(result.update_ids[i:i + _CHUNK])))  # type: ignore[attr-defined]
    created = list(result.created_ids)
    for i in range(0, len(created), _CHUNK):
        session.execute(delete(Action).where(Action.id.in_(created[i:i + _CHUNK])))  # type: ignore[attr-defined]
    if created:
        session.execute(insert(AuditEntry), [  # type: ignore[arg-type]
            {"at": now, "who": who, "entity": "action", "entity_id": i, "entity_ref": result.refs.get(i, ""),
             "field": "removed", "old": result.refs.get(i, ""), "new": "import undone"}
            for i in created
        ])
    session.flush()
    for theme_id in result.theme_ids:
        if not is_referenced("theme", theme_id, session=session):
            session.execute(delete(Theme).where(Theme.id == theme_id))  # type: ignore[arg-type]
    for person_id in result.people_ids:
        if not is_referenced("person", person_id, session=session):
            session.execute(delete(Person).where(Person.id == person_id))  # type: ignore[arg-type]
    return [i for i, _ in result.changed]
