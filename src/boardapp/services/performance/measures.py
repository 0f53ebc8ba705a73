"""Use-cases that change the scorecard's measures: add, edit, retire, restore, reorder (and remove, to undo an add).

The API the window and any script share:

- ``create_measure(*, session, who, **fields) -> MeasureRow`` and
  ``update_measure(kpi_id, changes, *, session, who, expected_version=None) -> MeasureRow``;
  fields are ``MEASURE_FIELDS`` (an unknown one is refused by name);
- bad input raises ``ValidationError(field, message)`` naming the field ("code", "floor"…: a floor
  on the wrong side of its target says so) and writes nothing; a stale version raises ConflictError;
- each call is one ``write_transaction`` with an AuditEntry per changed field.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from boardapp.db.models import Kpi, Person, Theme
from boardapp.db.types import utcnow
from boardapp.domain.enums import KpiFrequency, Polarity
from boardapp.domain.kpi_measures import MEASURE_FIELDS, tidy_measure, validate_measure
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.transaction import ConflictError, write_transaction

__all__ = [
    "ConflictError", "MEASURE_FIELDS", "MeasureRow", "NotFoundError", "ValidationError", "create_measure",
    "delete_measure", "list_measures", "measure_row", "reorder_measures", "set_retired", "update_measure",
]

ENTITY = "kpi"


class NotFoundError(LookupError):
    """The measure is not in the workspace (removed elsewhere)."""


@dataclass(frozen=True, slots=True)
class MeasureRow:
    """A measure's definition as the editor and the scorecard show it."""

    id: int
    code: str
    title: str
    unit: str
    polarity: str
    target: float | None
    floor: float | None
    frequency: str
    period_note: str
    source_note: str
    owner_id: int | None
    owner_name: str
    theme_id: int | None
    theme_code: str
    sort_order: int
    retired_at: datetime | None
    version: int

    @property
    def retired(self) -> bool:
        return self.retired_at is not None

    def values(self, names: list[str] | tuple[str, ...] = MEASURE_FIELDS) -> dict[str, Any]:
        return {name: getattr(self, name) for name in names}


def _rows(session: Session, where: Any = None) -> list[MeasureRow]:
    stmt = (select(Kpi, Person.name, Theme.code).outerjoin(Person, Person.id == Kpi.owner_id)
            .outerjoin(Theme, Theme.id == Kpi.theme_id).order_by(Kpi.sort_order, Kpi.code))
    if where is not None:
        stmt = stmt.where(where)
    return [
        MeasureRow(k.id, k.code, k.title, k.unit, k.polarity, k.target, k.floor, k.frequency, k.period_note,  # type: ignore[arg-type]
                   k.source_note, k.owner_id, owner or "", k.theme_id, theme or "", k.sort_order, k.retired_at,
                   k.version)
        for k, owner, theme in session.exec(stmt)
    ]


def list_measures(*, session: Session, include_retired: bool = True) -> list[MeasureRow]:
    """Every measure in scorecard order (live ones first is the caller's choice)."""
    return _rows(session, None if include_retired else col(Kpi.retired_at).is_(None))


def measure_row(kpi_id: int, *, session: Session) -> MeasureRow | None:
    found = _rows(session, Kpi.id == kpi_id)
    return found[0] if found else None


def _get(session: Session, kpi_id: int) -> Kpi:
    kpi = session.get(Kpi, kpi_id)
    if kpi is None:
        raise NotFoundError(f"measure {kpi_id} no longer exists")
    return kpi


def _check_refs(session: Session, values: dict[str, Any]) -> None:
    owner = values.get("owner_id")
    if owner is not None and (isinstance(owner, bool) or not isinstance(owner, int) or session.get(Person, owner) is None):
        raise ValidationError("owner_id", f"no person with id {owner!r}")
    theme = values.get("theme_id")
    if theme is not None and (isinstance(theme, bool) or not isinstance(theme, int) or session.get(Theme, theme) is None):
        raise ValidationError("theme_id", f"no theme with id {theme!r}")


def _check_code_free(session: Session, code: str, kpi_id: int | None) -> None:
    stmt = select(Kpi.id).where(Kpi.code == code)
    if kpi_id is not None:
        stmt = stmt.where(Kpi.id != kpi_id)
    if session.exec(stmt).first() is not None:
        raise ValidationError("code", f"code {code} is already used by another measure")


def _defaults() -> dict[str, Any]:
    return {"code": "", "title": "", "unit": "%", "polarity": Polarity.HIGHER_IS_BETTER.value, "target": None,
            "floor": None, "frequency": KpiFrequency.MONTHLY.value, "period_note": "", "source_note": "",
            "owner_id": None, "theme_id": None}


def _read(session: Session, kpi_id: int) -> MeasureRow:
    row = measure_row(kpi_id, session=session)
    assert row is not None
    return row


def create_measure(*, session: Session, who: str, kpi_id: int | None = None, sort_order: int | None = None,
                   **fields: Any) -> MeasureRow:
    """Add a measure at the end of the scorecard (or at ``sort_order``).

    ``kpi_id``: re-create a removed measure under its old id (redoing an undone add).
    """
    values = tidy_measure(_defaults() | fields)
    validate_measure(values)
    for name in ("target", "floor"):
        if values[name] is not None:
            values[name] = float(values[name])
    with write_transaction(session):
        _check_refs(session, values)
        _check_code_free(session, values["code"], None)
        if kpi_id is not None and session.get(Kpi, kpi_id) is not None:
            raise ConflictError(f"a measure with id {kpi_id} already exists")
        if sort_order is None:
            orders = session.exec(select(Kpi.sort_order)).all()
            sort_order = max(orders, default=0) + 1
        kpi = Kpi(id=kpi_id, sort_order=sort_order, **values)
        session.add(kpi)
        session.flush()
        assert kpi.id is not None
        record_change(session, who=who, entity=ENTITY, entity_id=kpi.id, field="created", old=None, new=kpi.code)
        new_id = kpi.id
    return _read(session, new_id)


def update_measure(kpi_id: int, changes: dict[str, Any], *, session: Session, who: str,
                   expected_version: int | None = None) -> MeasureRow:
    """Change fields of one measure; nothing changes if any field is refused."""
    changes = tidy_measure(changes)
    with write_transaction(session):
        kpi = _get(session, kpi_id)
        if expected_version is not None and kpi.version != expected_version:
            raise ConflictError(f"measure {kpi.code} was changed elsewhere; reload it and try again")
        values = {name: getattr(kpi, name) for name in MEASURE_FIELDS} | changes
        validate_measure(values)
        _check_refs(session, changes)
        if values["code"] != kpi.code:
            _check_code_free(session, values["code"], kpi_id)
        for name, new in changes.items():
            if name in ("target", "floor") and new is not None:
                new = float(new)
            old = getattr(kpi, name)
            if old != new:
                record_change(session, who=who, entity=ENTITY, entity_id=kpi_id, field=name, old=old, new=new)
                setattr(kpi, name, new)
        session.add(kpi)
    return _read(session, kpi_id)


def set_retired(kpi_id: int, retired: bool, *, session: Session, who: str,
                expected_version: int | None = None) -> MeasureRow:
    """Retire a measure (no longer reported; kept with its figures) or bring it back."""
    with write_transaction(session):
        kpi = _get(session, kpi_id)
        if expected_version is not None and kpi.version != expected_version:
            raise ConflictError(f"measure {kpi.code} was changed elsewhere; reload it and try again")
        if (kpi.retired_at is not None) != retired:
            new = utcnow() if retired else None
            record_change(session, who=who, entity=ENTITY, entity_id=kpi_id, field="retired_at",
                          old=kpi.retired_at, new=new)
            kpi.retired_at = new
            session.add(kpi)
    return _read(session, kpi_id)


def reorder_measures(ordered_ids: list[int], *, session: Session, who: str) -> list[int]:
    """Put the measures in this order (the ones not named keep their place after them).

    Returns the order before, so an undo can put it back.
    """
    with write_transaction(session):
        kpis = list(session.exec(select(Kpi).order_by(Kpi.sort_order, Kpi.code)))
        before = [k.id for k in kpis]
        by_id = {k.id: k for k in kpis}
        if missing := [i for i in ordered_ids if i not in by_id]:
            raise NotFoundError(f"measure {missing[0]} no longer exists")
        order = list(ordered_ids) + [i for i in before if i not in set(ordered_ids)]
        for position, kpi_id in enumerate(order, start=1):
            kpi = by_id[kpi_id]
            if kpi.sort_order != position:
                record_change(session, who=who, entity=ENTITY, entity_id=kpi.id, field="sort_order",  # type: ignore[arg-type]
                              old=kpi.sort_order, new=position)
                kpi.sort_order = position
                session.add(kpi)
    return before  # type: ignore[return-value]


def delete_measure(kpi_id: int, *, session: Session, who: str) -> MeasureRow:
    """Remove a measure and its figures (undoing its creation); returns it as it was.

    A measure no longer reported is *retired*, not removed: the scorecard keeps its history.
    """
    with write_transaction(session):
        before = measure_row(kpi_id, session=session)
        if before is None:
            raise NotFoundError(f"measure {kpi_id} no longer exists")
        record_change(session, who=who, entity=ENTITY, entity_id=kpi_id, field="removed", old=before.code, new=None)
        session.delete(_get(session, kpi_id))
    return before
