"""Writing an imported risk register: one transaction, audit rows, and what it changed (for undo).

Like ``services.plan.import_actions``: every change carries the value the preview saw
(anything else now is a ConflictError and nothing is written); risks are validated with
the register's rules (a title; likelihood and impact whole numbers 1-5, before and after
controls; a known status); owners and themes are matched by name or created.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from boardapp.db.models import AuditEntry, Person, Risk, Theme
from boardapp.db.types import utcnow
from boardapp.domain.enums import RiskStatus
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import to_text
from boardapp.services.people.resolve import is_referenced, name_key, resolve_people, resolve_themes
from boardapp.services.plan.commands import ConflictError
from boardapp.services.transaction import write_transaction
from boardapp.services.plan.import_actions import FieldChange

IMPORT_FIELDS = (
    "ref", "title", "description", "cause", "effect", "inherent_likelihood", "inherent_impact",
    "residual_likelihood", "residual_impact", "controls", "mitigation", "status", "review_date",
)
SCORES = ("inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact")
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class RiskValues:
    """A risk as the importer compares it (every imported field, owner and theme by id and name)."""

    id: int
    ref: str
    title: str
    description: str
    cause: str
    effect: str
    inherent_likelihood: int
    inherent_impact: int
    residual_likelihood: int
    residual_impact: int
    controls: str
    mitigation: str
    status: str
    review_date: date | None
    owner_id: int | None
    owner_name: str
    theme_id: int | None
    theme_title: str


def risk_values(*, session: Session) -> list[RiskValues]:
    """Every risk with the fields an import may change."""
    stmt = (select(Risk, Person.name, Theme.title)
            .outerjoin(Person, Person.id == Risk.owner_id).outerjoin(Theme, Theme.id == Risk.theme_id))
    found = []
    for risk, owner, theme in session.execute(stmt):  # type: ignore[call-overload]
        found.append(RiskValues(
            risk.id, risk.ref, risk.title, risk.description, risk.cause, risk.effect, risk.inherent_likelihood,
            risk.inherent_impact, risk.residual_likelihood, risk.residual_impact, risk.controls, risk.mitigation,
            risk.status, risk.review_date, risk.owner_id, owner or "", risk.theme_id, theme or "",
        ))
    return found


def validate_risk_fields(values: Mapping[str, Any]) -> None:
    """Raise ValidationError naming the first field that breaks a rule of the register."""
    if not str(values.get("title") or "").strip():
        raise ValidationError("title", "a risk needs a title")
    for name in SCORES:
        value = values.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            raise ValidationError(name, f"{name.replace('_', ' ')} must be a whole number from 1 to 5, not {value!r}")
    if values.get("status") not in RiskStatus.__members__:
        raise ValidationError("status", f"unknown risk status {values.get('status')!r}")


@dataclass(frozen=True, slots=True)
class NewRisk:
    row: int
    values: Mapping[str, Any]
    owner: str = ""
    theme: str = ""


@dataclass(frozen=True, slots=True)
class RiskChanges:
    row: int
    risk_id: int
    ref: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class RiskImport:
    creates: tuple[NewRisk, ...]
    updates: tuple[RiskChanges, ...]
    source: str = ""


@dataclass(frozen=True)
class ImportedRisks:
    created_ids: tuple[int, ...] = ()
    changed: tuple[tuple[int, tuple[tuple[str, Any, Any], ...]], ...] = ()
    people_ids: tuple[int, ...] = ()
    theme_ids: tuple[int, ...] = ()
    refs: Mapping[int, str] = field(default_factory=dict)


def _validate(values: Mapping[str, Any], row: int) -> None:
    try:
        validate_risk_fields(values)
    except ValidationError as exc:
        raise ValidationError(f"row {row} {exc.field}", exc.message) from None


def import_risks(batch: RiskImport, *, session: Session, who: str) -> ImportedRisks:
    """Write the import in one transaction; ValidationError / ConflictError leave the workspace as it was."""
    with write_transaction(session):  # the write lock first; rolled back on any error
        result = _write(batch, session, who)
    return result


def _write(batch: RiskImport, session: Session, who: str) -> ImportedRisks:
    owners = [c.owner for c in batch.creates] + [
        ch.new for u in batch.updates for ch in u.changes if ch.field == "owner" and ch.new]
    themes = [c.theme for c in batch.creates] + [
        ch.new for u in batch.updates for ch in u.changes if ch.field == "theme" and ch.new]
    people, people_created = resolve_people([o for o in owners if o], session=session, who=who)
    theme_ids, themes_created = resolve_themes([t for t in themes if t], session=session, who=who)
    now = utcnow()
    changed: list[tuple[int, tuple[tuple[str, Any, Any], ...]]] = []
    for item in batch.updates:
        risk = session.get(Risk, item.risk_id)
        if risk is None:
            raise ConflictError(f"risk {item.ref} was removed since the preview; preview the import again")
        columns: list[tuple[str, Any, Any]] = []
        for change in item.changes:
            column, new = change.field, change.new
            if column == "owner":
                column, new = "owner_id", people.get(name_key(new)) if new else None
            elif column == "theme":
                column, new = "theme_id", theme_ids.get(name_key(new)) if new else None
            current = getattr(risk, column)
            if current != change.old:
                raise ConflictError(f"risk {item.ref}: {column.replace('_', ' ')} changed since the preview; "
                                    "preview the import again")
            if current != new:
                columns.append((column, current, new))
        _validate({name: getattr(risk, name) for name in IMPORT_FIELDS} | {c: n for c, _, n in columns}, item.row)
        for column, old, new in columns:
            setattr(risk, column, new)
            session.add(AuditEntry(at=now, who=who, entity="risk", entity_id=risk.id, entity_ref=risk.ref,
                                   field=column, old=to_text(old), new=to_text(new)))
        if columns:
            risk.updated_at = now
            session.add(risk)
            assert risk.id is not None
            changed.append((risk.id, tuple(columns)))
    session.flush()
    created, refs = _insert(batch, session, who, people, theme_ids, now)
    return ImportedRisks(tuple(created), tuple(changed), tuple(people_created), tuple(themes_created), refs)


def _insert(batch: RiskImport, session: Session, who: str, people: dict[str, int], themes: dict[str, int],
            now: Any) -> tuple[list[int], dict[int, str]]:
    if not batch.creates:
        return [], {}
    refs = [str(c.values["ref"]) for c in batch.creates]
    if len(set(refs)) != len(refs):
        raise ValidationError("ref", "the import names the same reference twice")
    for i in range(0, len(refs), _CHUNK):
        clash = session.execute(select(Risk.ref).where(Risk.ref.in_(refs[i:i + _CHUNK]))).scalars().first()  # type: ignore[attr-defined]
        if clash is not None:
            raise ConflictError(f"risk reference {clash} is already used (added since the preview?)")
    rows = []
    for item in batch.creates:
        values = {"description": "", "cause": "", "effect": "", "controls": "", "mitigation": "",
                  "status": RiskStatus.OPEN.value, "review_date": None, **item.values}
        _validate(values, item.row)
        rows.append(values | {
            "owner_id": people.get(name_key(item.owner)) if item.owner else None,
            "theme_id": themes.get(name_key(item.theme)) if item.theme else None,
            "updated_at": now, "version": 1,
        })
    session.execute(insert(Risk), rows)  # type: ignore[arg-type]
    ids: dict[str, int] = {}
    for i in range(0, len(refs), _CHUNK):
        ids.update(dict((r, n) for n, r in session.execute(
            select(Risk.id, Risk.ref).where(Risk.ref.in_(refs[i:i + _CHUNK])))))  # type: ignore[attr-defined, call-overload]
    session.execute(insert(AuditEntry), [  # type: ignore[arg-type]
        {"at": now, "who": who, "entity": "risk", "entity_id": ids[r], "entity_ref": r, "field": "created",
         "old": None, "new": r if not batch.source else f"{r} (imported from {batch.source})"}
        for r in refs
    ])
    return [ids[r] for r in refs], {ids[r]: r for r in refs}


def undo_risk_import(result: ImportedRisks, *, session: Session, who: str) -> None:
    """Take an import back out in one transaction (ConflictError if what it wrote was edited since); a failed
    commit (a full disk) rolls back, so the session stays usable."""
    with write_transaction(session):
        now = utcnow()
        for risk_id, columns in result.changed:
            risk = session.get(Risk, risk_id)
            if risk is None or any(getattr(risk, c) != new for c, _, new in columns):
                raise ConflictError("a risk the import changed was edited since; the import cannot be undone")
            for column, old, new in columns:
                setattr(risk, column, old)
                session.add(AuditEntry(at=now, who=who, entity="risk", entity_id=risk_id, entity_ref=risk.ref,
                                       field=column, old=to_text(new), new=to_text(old)))
            risk.updated_at = now
            session.add(risk)
        created = list(result.created_ids)
        for i in range(0, len(created), _CHUNK):
            session.execute(delete(Risk).where(Risk.id.in_(created[i:i + _CHUNK])))  # type: ignore[attr-defined]
        if created:
            session.execute(insert(AuditEntry), [  # type: ignore[arg-type]
                {"at": now, "who": who, "entity": "risk", "entity_id": i, "entity_ref": result.refs.get(i, ""),
                 "field": "removed", "old": result.refs.get(i, ""), "new": "import undone"} for i in created
            ])
        session.flush()
        for theme_id in result.theme_ids:
            if not is_referenced("theme", theme_id, session=session):
                session.execute(delete(Theme).where(Theme.id == theme_id))  # type: ignore[arg-type]
        for person_id in result.people_ids:
            if not is_referenced("person", person_id, session=session):
                session.execute(delete(Person).where(Person.id == person_id))  # type: ignore[arg-type]
