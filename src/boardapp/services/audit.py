"""The audit trail: one AuditEntry per changed field, written in the caller's transaction."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from boardapp.db.models import AuditEntry
from boardapp.db.types import utcnow
from boardapp.services.rows import HistoryRow


def to_text(value: Any) -> str | None:
    """How a value is written in the audit trail (ISO dates, plain text)."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def record_change(
    session: Session, *, who: str, entity: str, entity_id: int, field: str, old: Any, new: Any,
    at: datetime | None = None,
) -> None:
    session.add(
        AuditEntry(
            at=at or utcnow(), who=who, entity=entity, entity_id=entity_id,
            field=field, old=to_text(old), new=to_text(new),
        )
    )


def changes_for(entity: str, entity_id: int, *, session: Session) -> list[HistoryRow]:
    """Field changes of one entity, newest first."""
    entries = session.exec(
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())  # type: ignore[attr-defined,union-attr]
    ).all()
    return [
        HistoryRow(
            when=e.at, kind="change", who=e.who, field=e.field, old=e.old, new=e.new,
            text=f"{e.field.replace('_', ' ')}: {e.old or '—'} → {e.new or '—'}",
        )
        for e in entries
    ]
