"""The History (audit) page's reads: keyset pages of AuditEntry rows, newest first, with filters.

Pages are keyset-paged on ``(at, id)`` descending (the ``ix_audit_at`` index carries the rowid), so
the page after a hundred pages costs what the first does, and entries with equal timestamps are
neither repeated nor skipped across pages. Each page's entities are resolved to a ref/title with one
query per entity kind on the page, never one per row.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Integer, and_, func, literal, or_, select, tuple_
from sqlmodel import Session

from boardapp.db.types import UTCDateTime
from boardapp.db.models import (
    Action, AgendaItem, AuditEntry, Finding, Inspection, Kpi, Meeting, Paper, Person, Risk, Theme,
)

from boardapp.services.history_values import display_value, search_forms

PAGE_SIZE = 200
_AUDIT = AuditEntry.__table__  # type: ignore[attr-defined]

#: How each entity kind reads in the page, and how its ref is looked up (table, label columns).
ENTITY_LABELS: dict[str, str] = {
    "action": "Action", "risk": "Risk", "kpi": "KPI", "person": "Person", "theme": "Theme",
    "meeting": "Meeting", "agendaitem": "Agenda item", "paper": "Paper", "inspection": "Inspection",
    "finding": "Finding",
}


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """What the History page shows. Empty fields mean 'no restriction'; set fields all apply."""

    entity: str = ""
    who: str = ""
    since: date | None = None  # inclusive, a calendar day on this computer's clock
    until: date | None = None  # inclusive
    text: str = ""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One audit row as the page shows it."""

    id: int
    at: datetime
    who: str
    entity: str
    entity_id: int
    ref: str
    title: str
    field: str
    old: str | None
    new: str | None

    @property
    def kind_label(self) -> str:
        return ENTITY_LABELS.get(self.entity, self.entity.replace("_", " ").capitalize())

    @property
    def old_text(self) -> str | None:
        """The old value as the app words it ("Not started", "08/09/2024"), not as stored."""
        return display_value(self.entity, self.field, self.old)

    @property
    def new_text(self) -> str | None:
        return display_value(self.entity, self.field, self.new)

    @property
    def what(self) -> str:
        """'Action A-12 Reduce caseloads': the entity, its ref and title."""
        return " ".join(part for part in (self.kind_label, self.ref, self.title) if part)


@dataclass(frozen=True, slots=True)
class HistoryPage:
    entries: tuple[HistoryEntry, ...]
    cursor: tuple[datetime, int] | None  # pass back for the next page; None when there is no more


def _local_midnight(day: date) -> datetime:
    """The start of ``day`` on this computer's clock (timestamps are stored in UTC)."""
    return datetime.combine(day, time.min).astimezone()


def _conditions(flt: HistoryFilter) -> list[Any]:
    c = _AUDIT.c
    where: list[Any] = []
    if flt.entity:
        where.append(c.entity == flt.entity)
    if flt.who:
        where.append(c.who == flt.who)
    if flt.since is not None:
        where.append(c.at >= _local_midnight(flt.since))
    if flt.until is not None:
        where.append(c.at < _local_midnight(flt.until + timedelta(days=1)))
    text = flt.text.strip()
    if text:
        patterns = ["%" + form.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                    for form in search_forms(text)]
        where.append(or_(*(col.like(pattern, escape="\\") for pattern in patterns
                           for col in (c.old, c.new, c.field, c.who, c.entity_ref))))
    return where


def history_page(
    flt: HistoryFilter = HistoryFilter(), *, session: Session,
    after: tuple[datetime, int] | None = None, limit: int = PAGE_SIZE,
) -> HistoryPage:
    """One page of entries, newest first, strictly older than ``after`` (a previous page's cursor)."""
    c = _AUDIT.c
    where = _conditions(flt)
    if after is not None:
        where.append(tuple_(c.at, c.id) < tuple_(literal(after[0], UTCDateTime()), literal(after[1], Integer())))
    query = (select(c.id, c.at, c.who, c.entity, c.entity_id, c.entity_ref, c.field, c.old, c.new)
             .where(and_(True, *where)).order_by(c.at.desc(), c.id.desc()).limit(limit + 1))
    rows = session.connection().execute(query).all()
    more = len(rows) > limit
    rows = rows[:limit]
    labels = _resolve(session, [(r.entity, r.entity_id) for r in rows])
    entries = tuple(
        HistoryEntry(id=r.id, at=r.at, who=r.who, entity=r.entity, entity_id=r.entity_id,
                     ref=labels.get((r.entity, r.entity_id), (r.entity_ref, ""))[0] or r.entity_ref,
                     title=labels.get((r.entity, r.entity_id), ("", ""))[1],
                     field=r.field, old=r.old, new=r.new)
        for r in rows
    )
    cursor = (rows[-1].at, rows[-1].id) if more and rows else None
    return HistoryPage(entries, cursor)


def count_entries(flt: HistoryFilter = HistoryFilter(), *, session: Session) -> int:
    """How many entries the filter matches (for the page's "n changes" line)."""
    query = select(func.count()).select_from(_AUDIT).where(and_(True, *_conditions(flt)))
    return int(session.connection().execute(query).scalar_one())


def people_in_history(*, session: Session) -> list[str]:
    """Everyone who made a change, for the person filter (the index makes this a quick scan)."""
    c = _AUDIT.c
    rows = session.connection().execute(select(c.who).where(c.who != "").distinct().order_by(c.who)).all()
    return [r[0] for r in rows]


def entity_kinds(*, session: Session) -> list[str]:
    c = _AUDIT.c
    return [r[0] for r in session.connection().execute(select(c.entity).distinct().order_by(c.entity)).all()]


def _lookups() -> dict[str, tuple[Any, Any, Any]]:
    """Per entity kind: (id column, ref column, title column)."""
    return {
        "action": (Action.__table__.c.id, Action.__table__.c.ref, Action.__table__.c.title),  # type: ignore[attr-defined]
        "risk": (Risk.__table__.c.id, Risk.__table__.c.ref, Risk.__table__.c.title),  # type: ignore[attr-defined]
        "kpi": (Kpi.__table__.c.id, Kpi.__table__.c.code, Kpi.__table__.c.title),  # type: ignore[attr-defined]
        "theme": (Theme.__table__.c.id, Theme.__table__.c.code, Theme.__table__.c.title),  # type: ignore[attr-defined]
        "person": (Person.__table__.c.id, None, Person.__table__.c.name),  # type: ignore[attr-defined]
        "meeting": (Meeting.__table__.c.id, Meeting.__table__.c.meeting_date, Meeting.__table__.c.title),  # type: ignore[attr-defined]
        "agendaitem": (AgendaItem.__table__.c.id, None, AgendaItem.__table__.c.title),  # type: ignore[attr-defined]
        "paper": (Paper.__table__.c.id, None, Paper.__table__.c.title),  # type: ignore[attr-defined]
        "inspection": (Inspection.__table__.c.id, Inspection.__table__.c.number, Inspection.__table__.c.kind),  # type: ignore[attr-defined]
        "finding": (Finding.__table__.c.id, None, Finding.__table__.c.text),  # type: ignore[attr-defined]
    }


def _resolve(session: Session, keys: list[tuple[str, int]]) -> dict[tuple[str, int], tuple[str, str]]:
    """(entity, id) → (ref, title): one query per kind present, for entities that still exist."""
    by_kind: dict[str, set[int]] = defaultdict(set)
    for entity, entity_id in keys:
        by_kind[entity].add(entity_id)
    lookups = _lookups()
    out: dict[tuple[str, int], tuple[str, str]] = {}
    for entity, ids in by_kind.items():
        if entity not in lookups:
            continue
        id_col, ref_col, title_col = lookups[entity]
        cols = [id_col, ref_col if ref_col is not None else id_col, title_col]
        for row in session.connection().execute(select(*cols).where(id_col.in_(ids))).all():
            ref = row[1]
            if ref_col is None:
                ref_text = ""
            elif isinstance(ref, date):
                ref_text = ref.strftime("%d/%m/%Y")
            elif entity == "inspection":
                ref_text = f"#{ref}" if ref is not None else ""
            else:
                ref_text = str(ref) if ref is not None else ""
            title = str(row[2] or "")
            out[(entity, row[0])] = (ref_text, title if len(title) <= 80 else title[:79] + "…")
    return out
