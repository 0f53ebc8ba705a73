"""Use-cases of a meeting's agenda: add, edit, move (up/down, into or out of a heading), delete, copy.

An item's place is (``parent_id``, index among its siblings); ``place_item`` moves it anywhere
and returns where it was, so every move — Ctrl+Up/Down, a drag, making a sub-item — undoes by
placing it back. Siblings are renumbered 0, 1, 2 … on every move. Delete is recoverable
(``deleted_at``; its sub-items go with it and come back with it). Each call is one transaction
with audit entries; ValidationError names the field.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from boardapp.db.models import AgendaItem, Meeting, Person, Theme
from boardapp.db.types import utcnow
from boardapp.domain.enums import AgendaPurpose, MeetingStatus
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.meetings.sections import AGENDA_SECTION_KEYS
from boardapp.services.meetings.errors import NotFoundError
from boardapp.services.transaction import ConflictError, write_transaction

__all__ = [
    "AGENDA_FIELDS", "ConflictError", "NotFoundError", "Placement", "STANDING_ITEMS", "ValidationError", "add_item",
    "add_standing_items", "copy_agenda", "delete_item", "place_item", "previous_meeting_with_agenda", "restore_item",
    "update_item",
]

ENTITY = "agendaitem"
AGENDA_FIELDS = ("title", "presenter_id", "presenter_name", "purpose", "duration_minutes", "theme_id", "pack_section",
                 "confidential", "notes")
#: What is copied from the previous meeting's agenda (not its minutes).
_COPIED = tuple(f for f in AGENDA_FIELDS if f != "notes")

#: Every new meeting's agenda: (title, purpose, minutes, pack section).
STANDING_ITEMS: tuple[tuple[str, str, int, str], ...] = (
    ("Welcome and apologies", AgendaPurpose.INFORMATION.value, 5, ""),
    ("Declarations of interest", AgendaPurpose.INFORMATION.value, 5, ""),
    ("Minutes of the last meeting and matters arising", AgendaPurpose.DECISION.value, 10, "minutes"),
    ("Action log", AgendaPurpose.ASSURANCE.value, 15, "action_log"),
    ("Challenge log", AgendaPurpose.ASSURANCE.value, 10, "challenge_log"),
    ("Any other business", AgendaPurpose.DISCUSSION.value, 5, ""),
    ("Date of the next meeting", AgendaPurpose.INFORMATION.value, 5, ""),
)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an item sits: under ``parent_id`` (None: top level), at ``index`` among its siblings."""

    parent_id: int | None
    index: int


def validate_item(values: dict[str, Any], session: Session) -> dict[str, Any]:
    """Tidied values, or ValidationError naming the field at fault."""
    if unknown := set(values) - set(AGENDA_FIELDS):
        raise ValidationError(sorted(unknown)[0], "not a field of an agenda item")
    clean = dict(values)
    for name in ("title", "presenter_name"):
        if name in clean:
            clean[name] = " ".join(str(clean[name] or "").split())
    if "title" in clean:
        if not clean["title"]:
            raise ValidationError("title", "the item needs a title")
        if len(clean["title"]) > 200:
            raise ValidationError("title", "is too long (at most 200 characters)")
    if len(clean.get("presenter_name", "")) > 120:
        raise ValidationError("presenter_name", "is too long (at most 120 characters)")
    if "purpose" in clean and clean["purpose"] not in AgendaPurpose.__members__:
        raise ValidationError("purpose", "choose decision, discussion, information or assurance")
    if "duration_minutes" in clean:
        minutes = clean["duration_minutes"]
        if isinstance(minutes, str) and minutes.strip().isdigit():
            minutes = int(minutes)
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= 600:
            raise ValidationError("duration_minutes", "give the minutes allotted as a whole number from 0 to 600")
        clean["duration_minutes"] = minutes
    if clean.get("pack_section") and clean["pack_section"] not in AGENDA_SECTION_KEYS:
        raise ValidationError("pack_section", f"unknown pack section {clean['pack_section']!r}")
    if "pack_section" in clean:
        clean["pack_section"] = clean["pack_section"] or ""
    if "confidential" in clean:
        clean["confidential"] = bool(clean["confidential"])
    for name, model in (("presenter_id", Person), ("theme_id", Theme)):
        ref = clean.get(name)
        if ref is not None and (isinstance(ref, bool) or not isinstance(ref, int) or session.get(model, ref) is None):
            raise ValidationError(name, f"no {'person' if model is Person else 'theme'} with id {ref!r}")
    return clean


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted_at is not None:
        raise NotFoundError("this meeting no longer exists")
    return meeting


def _item(session: Session, item_id: int, *, deleted: bool = False) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None or (item.deleted_at is not None) != deleted:
        raise NotFoundError("this agenda item no longer exists" if not deleted else "this agenda item is not deleted")
    return item


def _siblings(session: Session, meeting_id: int, parent_id: int | None, *, but: int | None = None) -> list[AgendaItem]:
    stmt = select(AgendaItem).where(AgendaItem.meeting_id == meeting_id, col(AgendaItem.deleted_at).is_(None))
    stmt = stmt.where(col(AgendaItem.parent_id).is_(None) if parent_id is None else AgendaItem.parent_id == parent_id)
    items = sorted(session.exec(stmt).all(), key=lambda i: (i.item_order, i.id or 0))
    return [i for i in items if i.id != but]


def _renumber(session: Session, items: list[AgendaItem]) -> None:
    for order, item in enumerate(items):
        if item.item_order != order:
            item.item_order = order
            session.add(item)


def _placement(session: Session, item: AgendaItem) -> Placement:
    siblings = _siblings(session, item.meeting_id, item.parent_id)
    index = next((i for i, s in enumerate(siblings) if s.id == item.id), len(siblings))
    return Placement(item.parent_id, index)


def _check_parent(session: Session, item: AgendaItem | None, meeting_id: int, parent_id: int | None) -> None:
    if parent_id is None:
        return
    parent = session.get(AgendaItem, parent_id)
    if parent is None or parent.deleted_at is not None or parent.meeting_id != meeting_id:
        raise ValidationError("parent_id", "the heading to put it under is not on this agenda")
    if parent.parent_id is not None:
        raise ValidationError("parent_id", "a sub-item cannot have sub-items of its own (3.1 yes, 3.1.1 no)")
    if item is not None:
        if parent.id == item.id:
            raise ValidationError("parent_id", "an item cannot go under itself")
        if _siblings(session, meeting_id, item.id):
            raise ValidationError("parent_id", f"“{item.title}” has sub-items of its own, so it cannot become one")


def add_item(meeting_id: int, *, session: Session, who: str, parent_id: int | None = None, index: int | None = None,
             **fields: Any) -> int:
    """Add an item (at the end, or at ``index`` among its siblings); returns its id."""
    values = validate_item({"title": "", "purpose": AgendaPurpose.DISCUSSION.value, "duration_minutes": 10, **fields},
                           session)
    with write_transaction(session):
        _meeting(session, meeting_id)
        _check_parent(session, None, meeting_id, parent_id)
        siblings = _siblings(session, meeting_id, parent_id)
        at = len(siblings) if index is None else max(0, min(index, len(siblings)))
        item = AgendaItem(meeting_id=meeting_id, parent_id=parent_id, item_order=at, **values)
        session.add(item)
        session.flush()
        assert item.id is not None
        _renumber(session, siblings[:at] + [item] + siblings[at:])
        record_change(session, who=who, entity=ENTITY, entity_id=item.id, field="created", old=None, new=item.title)
        return item.id


def add_standing_items(meeting_id: int, *, session: Session, who: str) -> list[int]:
    """Put the board's standing items on a meeting's agenda (at the end)."""
    with write_transaction(session):
        return [add_item(meeting_id, session=session, who=who, title=title, purpose=purpose, duration_minutes=minutes,
                         pack_section=section) for title, purpose, minutes, section in STANDING_ITEMS]


def update_item(item_id: int, changes: dict[str, Any], *, session: Session, who: str,
                expected_version: int | None = None, expected: dict[str, Any] | None = None) -> dict[str, Any]:
    """Change fields of an item; returns the old values of those that changed (what undo puts back)."""
    with write_transaction(session):
        clean = validate_item(changes, session)
        item = _item(session, item_id)
        if expected_version is not None and item.version != expected_version:
            raise ConflictError("this agenda item was changed elsewhere since it was read; nothing was saved")
        if expected is not None and any(getattr(item, k) != v for k, v in expected.items()):
            raise ConflictError("this agenda item was changed again since; its current values were kept")
        old: dict[str, Any] = {}
        for name, new in clean.items():
            before = getattr(item, name)
            if before != new:
                record_change(session, who=who, entity=ENTITY, entity_id=item_id, field=name, old=before, new=new)
                setattr(item, name, new)
                old[name] = before
        if old:
            session.add(item)
        return old


def place_item(item_id: int, *, session: Session, who: str, parent_id: int | None, index: int) -> Placement:
    """Move an item to ``index`` among the children of ``parent_id`` (None: the top level); its sub-items
    move with it. Returns where it was."""
    with write_transaction(session):
        item = _item(session, item_id)
        _check_parent(session, item, item.meeting_id, parent_id)
        before = _placement(session, item)
        if before == Placement(parent_id, index):
            return before
        old_siblings = _siblings(session, item.meeting_id, item.parent_id, but=item_id)
        if parent_id != item.parent_id:
            record_change(session, who=who, entity=ENTITY, entity_id=item_id, field="parent_id",
                          old=item.parent_id, new=parent_id)
            _renumber(session, old_siblings)
            item.parent_id = parent_id
            new_siblings = _siblings(session, item.meeting_id, parent_id, but=item_id)
        else:
            new_siblings = old_siblings
        at = max(0, min(index, len(new_siblings)))
        record_change(session, who=who, entity=ENTITY, entity_id=item_id, field="item_order", old=before.index, new=at)
        item.item_order = -1  # always differs, so the row's version moves with the move
        session.add(item)
        _renumber(session, new_siblings[:at] + [item] + new_siblings[at:])
        return before


def delete_item(item_id: int, *, session: Session, who: str) -> tuple[datetime, Placement]:
    """Delete an item and its sub-items, recoverably; returns the stamp and where it was (for restore)."""
    with write_transaction(session):
        item = _item(session, item_id)
        where = _placement(session, item)
        stamp = utcnow()
        for row in [item, *_siblings(session, item.meeting_id, item_id)]:
            record_change(session, who=who, entity=ENTITY, entity_id=row.id or 0, field="deleted_at", old=None,
                          new=stamp)
            row.deleted_at = stamp
            session.add(row)
        _renumber(session, _siblings(session, item.meeting_id, item.parent_id, but=item_id))
        return stamp, where


def restore_item(item_id: int, *, session: Session, who: str, placement: Placement | None = None) -> None:
    """Bring a deleted item back (with the sub-items deleted with it), at ``placement`` if given."""
    with write_transaction(session):
        item = _item(session, item_id, deleted=True)
        stamp = item.deleted_at
        children = session.exec(select(AgendaItem).where(AgendaItem.parent_id == item_id,
                                                         AgendaItem.deleted_at == stamp)).all()
        for row in [item, *children]:
            record_change(session, who=who, entity=ENTITY, entity_id=row.id or 0, field="deleted_at", old=stamp,
                          new=None)
            row.deleted_at = None
            session.add(row)
        where = placement or Placement(item.parent_id, item.item_order)
        parent = where.parent_id
        if parent is not None:
            found = session.get(AgendaItem, parent)
            if found is None or found.deleted_at is not None:
                parent = None
        siblings = _siblings(session, item.meeting_id, parent, but=item_id)
        at = max(0, min(where.index, len(siblings)))
        item.parent_id = parent
        _renumber(session, siblings[:at] + [item] + siblings[at:])


def previous_meeting_with_agenda(meeting_id: int, *, session: Session) -> Meeting | None:
    """The latest meeting before this one (not cancelled, not deleted) that has an agenda."""
    meeting = _meeting(session, meeting_id)
    candidates = session.exec(
        select(Meeting).where(col(Meeting.deleted_at).is_(None), Meeting.id != meeting_id,
                              Meeting.status != MeetingStatus.CANCELLED.value,
                              col(Meeting.meeting_date) <= meeting.meeting_date)
        .order_by(col(Meeting.meeting_date).desc(), col(Meeting.id).desc())
    ).all()
    for other in candidates:
        if other.meeting_date == meeting.meeting_date and (other.id or 0) > meeting_id:
            continue
        if _siblings(session, other.id or 0, None):
            return other
    return None


@dataclass(frozen=True)
class AgendaCopy:
    """What ``copy_agenda`` did: the items it put aside (one stamp) and the ones it made."""

    source_meeting_id: int
    replaced: tuple[int, ...]
    replaced_at: datetime | None
    created: tuple[int, ...]


def copy_agenda(meeting_id: int, source_meeting_id: int, *, session: Session, who: str) -> AgendaCopy:
    """Replace this meeting's agenda with a copy of another's (titles, presenters, purposes, minutes,
    themes, pack sections, Part B; not its minutes). The replaced items are deleted recoverably."""
    with write_transaction(session):
        _meeting(session, meeting_id)
        _meeting(session, source_meeting_id)
        stamp = utcnow()
        current = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                        col(AgendaItem.deleted_at).is_(None))).all()
        for row in current:
            record_change(session, who=who, entity=ENTITY, entity_id=row.id or 0, field="deleted_at", old=None,
                          new=stamp)
            row.deleted_at = stamp
            session.add(row)
        created: list[int] = []
        for top in _siblings(session, source_meeting_id, None):
            new_id = add_item(meeting_id, session=session, who=who, **{f: getattr(top, f) for f in _COPIED})
            created.append(new_id)
            for sub in _siblings(session, source_meeting_id, top.id):
                created.append(add_item(meeting_id, session=session, who=who, parent_id=new_id,
                                        **{f: getattr(sub, f) for f in _COPIED}))
        return AgendaCopy(source_meeting_id, tuple(r.id or 0 for r in current), stamp if current else None,
                          tuple(created))


def undo_copy_agenda(meeting_id: int, change: AgendaCopy, *, session: Session, who: str) -> None:
    """Remove the copied items and bring back the agenda they replaced."""
    with write_transaction(session):
        stamp = utcnow()
        for item_id in change.created:
            row = session.get(AgendaItem, item_id)
            if row is not None and row.deleted_at is None:
                record_change(session, who=who, entity=ENTITY, entity_id=item_id, field="deleted_at", old=None,
                              new=stamp)
                row.deleted_at = stamp
                session.add(row)
        for item_id in change.replaced:
            row = session.get(AgendaItem, item_id)
            if row is not None and row.deleted_at == change.replaced_at:
                record_change(session, who=who, entity=ENTITY, entity_id=item_id, field="deleted_at",
                              old=row.deleted_at, new=None)
                row.deleted_at = None
                session.add(row)


def redo_copy_agenda(meeting_id: int, change: AgendaCopy, *, session: Session, who: str) -> AgendaCopy:
    """Copy again (the copies are new rows; the change returned replaces the old one for the next undo)."""
    return copy_agenda(meeting_id, change.source_meeting_id, session=session, who=who)


def item_values(item_id: int, names: list[str], *, session: Session) -> dict[str, Any]:
    """The current values of ``names`` (fields of ``AGENDA_FIELDS``) on an item, for undo checks."""
    item = _item(session, item_id)
    return {name: getattr(item, name) for name in names}
