"""The board's directory: members and action owners in one list.

Use-cases take ``session=`` and ``who=`` keyword-only, validate, write, record an AuditEntry
per change, commit ONE transaction (``services.transaction.write_transaction``: the write lock
first, a rollback on any error; versions move on with every UPDATE) and return frozen rows (or a record of what they did, so
the window can undo it exactly). Someone who still owns open actions is never deleted: they
are marked as left and their open actions go to a successor, in one transaction.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Column, Table, insert, select as core_select, update
from sqlmodel import Session, SQLModel, select

from boardapp.db.models import Action, Person
from boardapp.db.types import utcnow
from boardapp.domain.enums import ActionStatus
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.connection import Reader, dbapi
from boardapp.services.people.errors import ConflictError, InUseError, NotFoundError
from boardapp.services.people.queries import person_from
from boardapp.services.rows import PersonRow
from boardapp.services.transaction import write_transaction

ENTITY = "person"
EDITABLE_FIELDS = ("name", "role", "organisation", "email", "is_member", "left_on")
TEXT_LIMITS = {"name": 120, "role": 200, "organisation": 200, "email": 254}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
#: What a reference to a person is, in a sentence ("owner of 3 actions").
_REFERENCE_WORDS = {
    "action": "actions", "theme": "themes (as lead)", "board": "the board (as chair)", "kpi": "measures",
    "risk": "risks", "grantline": "grant lines", "meeting": "meetings (as chair)", "agendaitem": "agenda items",
    "decision": "decisions", "challengelogentry": "challenges raised", "attendance": "attendance records",
}


# -- rules ------------------------------------------------------------------------------------------
def tidy(text: str) -> str:
    """Text as stored: spaces collapsed, ends trimmed."""
    return " ".join(str(text or "").split())


def name_key(name: str) -> str:
    """Two names are the same person's if they match ignoring case and spacing."""
    return tidy(name).casefold()


def validate_person(values: dict[str, Any], *, where: str = "") -> dict[str, Any]:
    """Tidied values, or ValidationError naming the field (``where`` prefixes it, e.g. 'members row 2')."""
    def field(name: str) -> str:
        return f"{where} {name}".strip()

    clean = dict(values)
    for name, limit in TEXT_LIMITS.items():
        if name in clean:
            clean[name] = tidy(clean[name])
            if len(clean[name]) > limit:
                raise ValidationError(field(name), f"is too long ({len(clean[name])} characters; at most {limit})")
    if "name" in clean and not clean["name"]:
        raise ValidationError(field("name"), "a person needs a name")
    if clean.get("email") and not _EMAIL.fullmatch(clean["email"]):
        raise ValidationError(field("email"), f"{clean['email']!r} is not an email address (name@example.org)")
    if "is_member" in clean:
        clean["is_member"] = bool(clean["is_member"])
    if clean.get("left_on") is not None and not isinstance(clean["left_on"], date):
        raise ValidationError(field("left_on"), "must be a date")
    return clean


# -- reads ------------------------------------------------------------------------------------------
_DIRECTORY = (
    "SELECT p.id, p.name, p.role, p.organisation, p.email, p.is_member, p.left_on, p.version, "
    "(SELECT count(*) FROM action a WHERE a.owner_id = p.id AND a.deleted_at IS NULL AND a.status <> ?) "
    "FROM person p "
)


def list_directory(*, session: Reader, include_left: bool = True) -> list[PersonRow]:
    """Everyone, by name, with their open actions and how many others share their name."""
    where = "" if include_left else "WHERE p.left_on IS NULL "
    found = dbapi(session).execute(_DIRECTORY + where + "ORDER BY p.name COLLATE NOCASE, p.id",
                                   (ActionStatus.COMPLETE.value,)).fetchall()
    keys = Counter(name_key(r[0]) for r in dbapi(session).execute("SELECT name FROM person"))
    rows = []
    for r in found:
        base = person_from(r)
        rows.append(_with_counts(base, r[8], keys[name_key(base.name)] - 1))
    return rows


def _with_counts(row: PersonRow, open_actions: int, same_name: int) -> PersonRow:
    return PersonRow(row.id, row.name, row.role, row.organisation, row.email, row.is_member, row.left_on,
                     row.version, open_actions, same_name)


def person_row(person_id: int, *, session: Reader) -> PersonRow:
    found = dbapi(session).execute(_DIRECTORY + "WHERE p.id = ?", (ActionStatus.COMPLETE.value, person_id)).fetchone()
    if found is None:
        raise NotFoundError(f"person {person_id} is not in the directory")
    base = person_from(found)
    same = sum(1 for (n,) in dbapi(session).execute("SELECT name FROM person WHERE id <> ?", (person_id,))
               if name_key(n) == name_key(base.name))
    return _with_counts(base, found[8], same)


def duplicate_groups(*, session: Reader) -> list[list[PersonRow]]:
    """People who share a name, in groups (each group by id: the first is the oldest entry)."""
    groups: dict[str, list[PersonRow]] = {}
    for row in list_directory(session=session):
        if row.same_name:
            groups.setdefault(name_key(row.name), []).append(row)
    return [sorted(g, key=lambda r: r.id) for g in groups.values()]


def open_action_ids(person_id: int, *, session: Session) -> list[int]:
    return list(session.exec(
        select(Action.id).where(Action.owner_id == person_id, Action.deleted_at.is_(None),  # type: ignore[union-attr]
                                Action.status != ActionStatus.COMPLETE.value).order_by(Action.id)
    ).all())


def person_references() -> list[tuple[Table, Column[Any]]]:
    """Every column of the schema that points at a person (read from the models, so new ones count too)."""
    refs: list[tuple[Table, Column[Any]]] = []
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == Person.__tablename__ for fk in column.foreign_keys):
                refs.append((table, column))
    return refs


def references_to(person_id: int, *, session: Session) -> dict[str, int]:
    """How many rows of each kind refer to the person (kinds with none are left out)."""
    counts: dict[str, int] = {}
    connection = session.connection()
    for table, column in person_references():
        n = connection.execute(core_select(column).where(column == person_id)).fetchall()
        if n:
            word = _REFERENCE_WORDS.get(table.name, table.name)
            counts[word] = counts.get(word, 0) + len(n)
    return counts


# -- simple edits -----------------------------------------------------------------------------------
def _get(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"person {person_id} is not in the directory (someone may have merged or deleted them)")
    return person


def _fields(person: Person) -> dict[str, Any]:
    return {name: getattr(person, name) for name in ("id", *EDITABLE_FIELDS, "version")}


def create_person(*, session: Session, who: str, name: str, role: str = "", organisation: str = "", email: str = "",
                  is_member: bool = False, left_on: date | None = None) -> PersonRow:
    """Add someone to the directory."""
    values = validate_person({"name": name, "role": role, "organisation": organisation, "email": email,
                              "is_member": is_member, "left_on": left_on})
    with write_transaction(session):
        person = add_person(session, who=who, **values)
    assert person.id is not None
    return person_row(person.id, session=session)


def add_person(session: Session, *, who: str, **values: Any) -> Person:
    """Insert a validated person in the caller's transaction (no commit)."""
    person = Person(**values)
    session.add(person)
    session.flush()
    assert person.id is not None
    record_change(session, who=who, entity=ENTITY, entity_id=person.id, field="created", old=None, new=person.name)
    return person


def update_person(person_id: int, changes: dict[str, Any], *, session: Session, who: str,
                  expected_version: int | None = None) -> PersonRow:
    """Change someone's details; a stale ``expected_version`` raises ConflictError."""
    if unknown := set(changes) - set(EDITABLE_FIELDS):
        raise ValidationError(sorted(unknown)[0], "not a field of a person")
    clean = validate_person(changes)
    with write_transaction(session):
        person = _get(session, person_id)
        if expected_version is not None and person.version != expected_version:
            raise ConflictError(f"{person.name} was changed elsewhere since it was read; nothing was saved. "
                                "Reload and try again.")
        for name, new in clean.items():
            old = getattr(person, name)
            if old != new:
                record_change(session, who=who, entity=ENTITY, entity_id=person_id, field=name, old=old, new=new)
                setattr(person, name, new)
        session.add(person)  # the version moves on with the UPDATE (db.models.Versioned)
    return person_row(person_id, session=session)


def delete_person(person_id: int, *, session: Session, who: str) -> dict[str, Any]:
    """Remove an entry made by mistake; returns its fields (``restore_person`` puts it back, same id).

    Refused (InUseError) while anything refers to the person: someone who owns open actions is
    marked as left and their actions reassigned instead (``leave_board``); someone with history
    (past actions, attendance…) is marked as left.
    """
    with write_transaction(session):
        person = _get(session, person_id)
        refs = references_to(person_id, session=session)
        if refs:
            open_count = len(open_action_ids(person_id, session=session))
            what = ", ".join(f"{n} {word}" for word, n in refs.items())
            if open_count:
                advice = (f"{person.name} still owns {open_count} open action{'s' if open_count != 1 else ''}: "
                          "mark them as left and reassign those actions instead")
            else:
                advice = f"{person.name} is part of the record ({what}): mark them as left instead"
            raise InUseError("person", advice, open_actions=open_count, references=refs)
        fields = _fields(person)
        record_change(session, who=who, entity=ENTITY, entity_id=person_id, field="deleted", old=person.name, new=None)
        session.delete(person)
    return fields


def restore_person(fields: dict[str, Any], *, session: Session, who: str) -> PersonRow:
    """Put back a deleted (or merged-away) person with the same id."""
    with write_transaction(session):
        if session.get(Person, fields["id"]) is not None:
            raise ConflictError(f"person {fields['id']} exists again; nothing was restored")
        session.add(Person(**fields))
        session.flush()
        record_change(session, who=who, entity=ENTITY, entity_id=fields["id"], field="restored", old=None,
                      new=fields["name"])
    return person_row(fields["id"], session=session)


# -- leaving, with the open actions reassigned --------------------------------------------------------
@dataclass(frozen=True)
class LeaveRecord:
    """What ``leave_board`` did, so it can be undone exactly."""

    person_id: int
    left_on_before: date | None
    left_on_after: date | None
    successor_id: int | None
    moved_action_ids: tuple[int, ...]


def _set_owner(session: Session, action_id: int, old: int | None, new: int | None, *, who: str) -> None:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFoundError(f"action {action_id} is not in the plan")
    if action.owner_id != old:
        raise ConflictError(f"the owner of {action.ref} was changed since; nothing was changed")
    record_change(session, who=who, entity="action", entity_id=action_id, field="owner_id", old=old, new=new)
    action.owner_id = new
    action.updated_at = utcnow()
    session.add(action)


def leave_board(person_id: int, *, session: Session, who: str, left_on: date | None,
                successor_id: int | None) -> LeaveRecord:
    """Mark someone as left on ``left_on`` (None: leave it as it is) and give their open actions to
    ``successor_id`` (None: they keep them), all in one transaction."""
    if successor_id is not None:
        from boardapp.db.backup_store import backup_before_change

        backup_before_change(session, "before-bulk-change")  # their open actions all change owner
    with write_transaction(session):
        person = _get(session, person_id)
        if successor_id is not None:
            if successor_id == person_id:
                raise ValidationError("successor", f"choose someone other than {person.name} to take the actions")
            successor = session.get(Person, successor_id)
            if successor is None:
                raise ValidationError("successor", f"person {successor_id} is not in the directory")
            if successor.left_on is not None:
                raise ValidationError("successor", f"{successor.name} has left the board; choose someone still here")
        before = person.left_on
        if left_on is not None and left_on != before:
            record_change(session, who=who, entity=ENTITY, entity_id=person_id, field="left_on", old=before, new=left_on)
            person.left_on = left_on
            session.add(person)
        moved = open_action_ids(person_id, session=session) if successor_id is not None else []
        for action_id in moved:
            _set_owner(session, action_id, person_id, successor_id, who=who)
    return LeaveRecord(person_id, before, left_on if left_on is not None else before, successor_id, tuple(moved))


def undo_leave(record: LeaveRecord, *, session: Session, who: str) -> None:
    """Put the person's leaving date and every reassigned action's owner back (one transaction)."""
    with write_transaction(session):
        person = _get(session, record.person_id)
        if person.left_on != record.left_on_before:
            record_change(session, who=who, entity=ENTITY, entity_id=record.person_id, field="left_on",
                          old=person.left_on, new=record.left_on_before)
            person.left_on = record.left_on_before
            session.add(person)
        for action_id in record.moved_action_ids:
            _set_owner(session, action_id, record.successor_id, record.person_id, who=who)


# -- merging two entries for the same person --------------------------------------------------------
@dataclass(frozen=True)
class MergeRecord:
    """What ``merge_people`` did: enough to take the duplicate out again exactly."""

    keep_id: int
    keep_before: dict[str, Any]
    duplicate: dict[str, Any]
    moved: tuple[tuple[str, str, int], ...]  # (table, column, row id) moved from the duplicate to the kept person
    dropped: tuple[tuple[str, dict[str, Any]], ...]  # rows that would have clashed (attendance at the same meeting)


def _unique_partner(table: Table, column: Column[Any]) -> list[str]:
    """The other columns of a unique constraint that includes ``column`` (attendance: meeting_id)."""
    from sqlalchemy import UniqueConstraint

    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint) and column.name in constraint.columns:
            return [c.name for c in constraint.columns if c.name != column.name]
    return []


def merge_people(keep_id: int, duplicate_id: int, *, session: Session, who: str) -> MergeRecord:
    """Fold ``duplicate_id`` into ``keep_id``: every reference moves to the kept entry, blank details
    are filled from the duplicate, and the duplicate is removed; one transaction."""
    if keep_id == duplicate_id:
        raise ValidationError("duplicate", "choose two different entries to merge")
    moved: list[tuple[str, str, int]] = []
    dropped: list[tuple[str, dict[str, Any]]] = []
    now = utcnow()
    from boardapp.db.backup_store import backup_before_change

    backup_before_change(session, "before-bulk-change")  # a merge rewrites every reference to a person
    with write_transaction(session):
        keep, duplicate = _get(session, keep_id), _get(session, duplicate_id)
        keep_before = _fields(keep)
        duplicate_fields = _fields(duplicate)
        connection = session.connection()
        for table, column in person_references():
            partners = _unique_partner(table, column)
            rows = connection.execute(core_select(table).where(column == duplicate_id)).mappings().all()
            for row in rows:
                if partners:
                    clash = connection.execute(core_select(table.c.id).where(
                        column == keep_id, *[table.c[p] == row[p] for p in partners])).first()
                    if clash is not None:  # the kept entry already has one (same meeting): keep theirs
                        connection.execute(table.delete().where(table.c.id == row["id"]))
                        dropped.append((table.name, dict(row)))
                        continue
                _repoint(connection, table, column.name, row["id"], keep_id, now)
                record_change(session, who=who, entity=table.name, entity_id=row["id"], field=column.name,
                              old=duplicate_id, new=keep_id)
                moved.append((table.name, column.name, row["id"]))
        for name in ("role", "organisation", "email"):
            if not getattr(keep, name) and getattr(duplicate, name):
                record_change(session, who=who, entity=ENTITY, entity_id=keep_id, field=name,
                              old=getattr(keep, name), new=getattr(duplicate, name))
                setattr(keep, name, getattr(duplicate, name))
        if duplicate.is_member and not keep.is_member:
            record_change(session, who=who, entity=ENTITY, entity_id=keep_id, field="is_member", old=False, new=True)
            keep.is_member = True
        if keep.left_on is not None and duplicate.left_on is None:  # one of them is still here: so is the person
            record_change(session, who=who, entity=ENTITY, entity_id=keep_id, field="left_on", old=keep.left_on, new=None)
            keep.left_on = None
        session.add(keep)
        record_change(session, who=who, entity=ENTITY, entity_id=keep_id, field="merged",
                      old=f"{duplicate.name} (#{duplicate_id})", new=f"{keep.name} (#{keep_id})")
        record_change(session, who=who, entity=ENTITY, entity_id=duplicate_id, field="merged_into",
                      old=duplicate.name, new=f"{keep.name} (#{keep_id})")
        session.delete(duplicate)
    return MergeRecord(keep_id, keep_before, duplicate_fields, tuple(moved), tuple(dropped))


def _repoint(connection: Any, table: Table, column: str, row_id: int, person_id: int, now: Any) -> None:
    """Point one row at another person (a plain UPDATE, so its version moves on by hand here)."""
    values: dict[str, Any] = {column: person_id}
    if "version" in table.c:
        values["version"] = table.c.version + 1
    if table.name == Action.__tablename__:
        values["updated_at"] = now
    connection.execute(update(table).where(table.c.id == row_id).values(values))


def unmerge_people(record: MergeRecord, *, session: Session, who: str) -> None:
    """Undo a merge: the duplicate comes back with its id, its references and the kept entry's old details."""
    tables = {t.name: t for t in SQLModel.metadata.sorted_tables}
    with write_transaction(session):
        if session.get(Person, record.duplicate["id"]) is not None:
            raise ConflictError(f"person {record.duplicate['id']} exists again; the merge cannot be undone")
        keep = _get(session, record.keep_id)
        session.add(Person(**record.duplicate))
        session.flush()
        connection = session.connection()
        now = utcnow()
        for table_name, column_name, row_id in record.moved:
            _repoint(connection, tables[table_name], column_name, row_id, record.duplicate["id"], now)
            record_change(session, who=who, entity=table_name, entity_id=row_id, field=column_name,
                          old=record.keep_id, new=record.duplicate["id"])
        for table_name, row in record.dropped:
            connection.execute(insert(tables[table_name]).values(row))
        for name in ("role", "organisation", "email", "is_member", "left_on"):
            old = record.keep_before[name]
            if getattr(keep, name) != old:
                record_change(session, who=who, entity=ENTITY, entity_id=record.keep_id, field=name,
                              old=getattr(keep, name), new=old)
                setattr(keep, name, old)
        session.add(keep)
        record_change(session, who=who, entity=ENTITY, entity_id=record.duplicate["id"], field="unmerged",
                      old=None, new=record.duplicate["name"])
