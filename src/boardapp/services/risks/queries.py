"""Reads of the risk register, as frozen rows scored likelihood x impact (residual, and inherent beside it)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from boardapp.db.models import Person, Risk
from boardapp.domain.enums import RiskStatus
from boardapp.domain.kpi import Rag, risk_rating, risk_score


@dataclass(frozen=True, slots=True)
class RiskRow:
    id: int
    ref: str
    title: str
    description: str
    likelihood: int  # residual (after controls): what the register ranks by
    impact: int
    score: int
    rating: Rag
    inherent_likelihood: int
    inherent_impact: int
    inherent_score: int
    mitigation: str
    owner_id: int | None
    owner_name: str
    status: str
    updated_at: datetime
    version: int


def list_risks(*, session: Session, include_closed: bool = True) -> list[RiskRow]:
    """Risks, open ones first, highest score first, then by reference."""
    stmt = select(Risk, Person.name).outerjoin(Person, Person.id == Risk.owner_id)
    if not include_closed:
        stmt = stmt.where(Risk.status != RiskStatus.CLOSED.value)
    rows = []
    for r, owner in session.exec(stmt):
        assert r.id is not None
        score = risk_score(r.residual_likelihood, r.residual_impact)
        rows.append(RiskRow(
            id=r.id, ref=r.ref, title=r.title, description=r.description, likelihood=r.residual_likelihood,
            impact=r.residual_impact, score=score, rating=risk_rating(score),
            inherent_likelihood=r.inherent_likelihood, inherent_impact=r.inherent_impact,
            inherent_score=risk_score(r.inherent_likelihood, r.inherent_impact), mitigation=r.mitigation,
            owner_id=r.owner_id, owner_name=owner or "", status=r.status, updated_at=r.updated_at,
            version=r.version,
        ))
    rows.sort(key=lambda row: (row.status == RiskStatus.CLOSED, -row.score, row.ref))
    return rows
