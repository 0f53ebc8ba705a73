"""Use-cases that change the risk register: create, update, close, reopen (and remove, to undo a create).

The API the window, the CLI and the spreadsheet importer share:

- ``create_risk(*, session, who, **fields) -> RiskRow`` and
  ``update_risk(risk_id, changes, *, session, who, expected_version=None) -> RiskRow``;
  fields are those of ``RISK_FIELDS`` (an unknown one is refused by name);
- bad input raises ``ValidationError(field, message)`` naming the field ("residual_impact",
  "owner_id", "ref"…) and writes nothing; a stale ``expected_version`` raises ConflictError;
- each call is one transaction with an AuditEntry per changed field. ``commit=False`` leaves
  the transaction to the caller (an import of many rows is one transaction: it commits or
  rolls back once); the row returned is then read inside that open transaction.
"""
from __future__ import annotations

import re
from typing import Any

from sqlmodel import Session, select

from boardapp.db.models import Person, Risk, Theme
from boardapp.db.types import utcnow
from boardapp.domain.enums import RiskStatus
from boardapp.domain.risks import validate_risk_fields
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.plan.commands import ConflictError, NotFoundError
from boardapp.services.risks.queries import RiskRow, risk_row
from boardapp.services.transaction import commit as commit_use_case

__all__ = [
    "ConflictError", "NotFoundError", "RISK_FIELDS", "RiskRow", "ValidationError", "close_risk", "create_risk",
    "delete_risk", "next_risk_ref", "reopen_risk", "set_risk_status", "update_risk",
]

#: Every field a caller may set on a risk.
RISK_FIELDS = (
    "ref", "title", "description", "cause", "effect", "inherent_likelihood", "inherent_impact",
    "residual_likelihood", "residual_impact", "controls", "mitigation", "owner_id", "theme_id", "status",
    "review_date",
)
_TEXT_FIELDS = ("ref", "title", "description", "cause", "effect", "controls", "mitigation")
ENTITY = "risk"


def _refuse_unknown(fields: dict[str, Any]) -> None:
    if unknown := set(fields) - set(RISK_FIELDS):
        raise ValidationError(sorted(unknown)[0], "not a field of a risk")


def _tidy(values: dict[str, Any]) -> dict[str, Any]:
    """Trim text fields (what a form or a spreadsheet cell leaves around them)."""
    return {k: (v.strip() if k in _TEXT_FIELDS and isinstance(v, str) else v) for k, v in values.items()}


def _check_refs(session: Session, values: dict[str, Any]) -> None:
    owner = values.get("owner_id")
    if owner is not None and (isinstance(owner, bool) or not isinstance(owner, int) or session.get(Person, owner) is None):
        raise ValidationError("owner_id", f"no person with id {owner!r}")
    theme = values.get("theme_id")
    if theme is not None and (isinstance(theme, bool) or not isinstance(theme, int) or session.get(Theme, theme) is None):
        raise ValidationError("theme_id", f"no theme with id {theme!r}")


def _check_ref_free(session: Session, ref: str, risk_id: int | None) -> None:
    stmt = select(Risk.id).where(Risk.ref == ref)
    if risk_id is not None:
        stmt = stmt.where(Risk.id != risk_id)
    if session.exec(stmt).first() is not None:
        raise ValidationError("ref", f"reference {ref} is already used by another risk")


def next_risk_ref(*, session: Session) -> str:
    """The next free reference of the form R01, R02 … (R13 after R12)."""
    refs = session.exec(select(Risk.ref)).all()
    numbers = [int(m.group(1)) for ref in refs if (m := re.fullmatch(r"R(\d+)", ref))]
    return f"R{max(numbers, default=0) + 1:02d}"


def _finish(session: Session, risk_id: int, commit: bool) -> RiskRow:
    if commit:
        commit_use_case(session)
    else:
        session.flush()
    row = risk_row(risk_id, session=session)
    assert row is not None
    return row


def create_risk(
    *, session: Session, who: str, commit: bool = True, risk_id: int | None = None, **fields: Any
) -> RiskRow:
    """Add a risk to the register. Without ``ref`` the next free one is given (R13).

    ``status`` defaults to Open. ``risk_id``: re-create a removed risk under its old id
    (how redoing an undone "add risk" gives back the very same row).
    """
    _refuse_unknown(fields)
    values: dict[str, Any] = _tidy({"status": RiskStatus.OPEN.value, "title": "", **fields})
    if not values.get("ref"):
        values["ref"] = next_risk_ref(session=session)
    validate_risk_fields(values)
    _check_refs(session, values)
    _check_ref_free(session, values["ref"], None)
    if risk_id is not None and session.get(Risk, risk_id) is not None:
        raise ConflictError(f"a risk with id {risk_id} already exists")
    risk = Risk(id=risk_id, **values)
    try:
        session.add(risk)
        session.flush()
        assert risk.id is not None
        record_change(session, who=who, entity=ENTITY, entity_id=risk.id, field="created", old=None, new=risk.ref)
    except Exception:
        if commit:  # with commit=False the transaction (and what to do with it) is the caller's
            session.rollback()
        raise
    return _finish(session, risk.id, commit)


def _get(session: Session, risk_id: int) -> Risk:
    risk = session.get(Risk, risk_id)
    if risk is None:
        raise NotFoundError(f"risk {risk_id} does not exist")
    return risk


def update_risk(
    risk_id: int, changes: dict[str, Any], *, session: Session, who: str, expected_version: int | None = None,
    commit: bool = True,
) -> RiskRow:
    """Change fields of one risk (one transaction); nothing changes if any field is refused."""
    _refuse_unknown(changes)
    risk = _get(session, risk_id)
    if expected_version is not None and risk.version != expected_version:
        raise ConflictError(f"risk {risk.ref} was changed elsewhere; reload it and try again")
    changes = _tidy(changes)
    values = {name: getattr(risk, name) for name in RISK_FIELDS} | changes
    validate_risk_fields(values)
    _check_refs(session, changes)
    if values["ref"] != risk.ref:
        _check_ref_free(session, values["ref"], risk_id)
    changed = False
    for name, new in changes.items():
        old = getattr(risk, name)
        if old != new:
            record_change(session, who=who, entity=ENTITY, entity_id=risk_id, field=name, old=old, new=new)
            setattr(risk, name, new)
            changed = True
    if changed:  # the UPDATE checks and bumps ``version`` (db.models.Versioned)
        risk.updated_at = utcnow()
        session.add(risk)
    return _finish(session, risk_id, commit)


def set_risk_status(
    risk_id: int, status: str, *, session: Session, who: str, expected_version: int | None = None,
    commit: bool = True,
) -> RiskRow:
    return update_risk(risk_id, {"status": status}, session=session, who=who, expected_version=expected_version,
                       commit=commit)


def close_risk(risk_id: int, *, session: Session, who: str, expected_version: int | None = None) -> RiskRow:
    """The risk no longer threatens the programme: it stays in the register, closed."""
    return set_risk_status(risk_id, RiskStatus.CLOSED.value, session=session, who=who,
                           expected_version=expected_version)


def reopen_risk(
    risk_id: int, *, session: Session, who: str, status: str = RiskStatus.OPEN.value,
    expected_version: int | None = None,
) -> RiskRow:
    """Bring a closed risk back (Open, or Monitoring)."""
    if status == RiskStatus.CLOSED:
        raise ValidationError("status", "reopening sets Open or Monitoring, not Closed")
    return set_risk_status(risk_id, status, session=session, who=who, expected_version=expected_version)


def delete_risk(risk_id: int, *, session: Session, who: str, commit: bool = True) -> RiskRow:
    """Remove a risk entirely (undoing its creation, or an import); returns the row as it was.

    A risk that is finished with is *closed*, not removed: the register keeps its history.
    The audit trail keeps a line saying it was removed.
    """
    before = risk_row(risk_id, session=session)
    if before is None:
        raise NotFoundError(f"risk {risk_id} does not exist")
    record_change(session, who=who, entity=ENTITY, entity_id=risk_id, field="removed", old=before.ref, new=None)
    session.delete(_get(session, risk_id))
    if commit:
        commit_use_case(session)
    else:
        session.flush()
    return before
