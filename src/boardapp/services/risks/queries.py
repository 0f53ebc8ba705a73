"""Reads of the risk register, as frozen rows scored likelihood x impact (residual, and inherent beside it)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from boardapp.db.models import Person, Risk, Theme
from boardapp.domain.enums import RiskStatus
from boardapp.domain.kpi import Rag, risk_rating, risk_score
from boardapp.domain.risks import review_overdue


@dataclass(frozen=True, slots=True)
class RiskRow:
    """One risk as the register, the pack and the exporters show it.

    ``likelihood``/``impact``/``score``/``rating`` are the residual ones (after controls):
    what the register ranks by. The inherent ones sit beside them.
    """

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
    cause: str = ""
    effect: str = ""
    controls: str = ""
    theme_id: int | None = None
    theme_code: str = ""
    theme_title: str = ""
    review_date: date | None = None

    @property
    def residual_likelihood(self) -> int:
        return self.likelihood

    @property
    def residual_impact(self) -> int:
        return self.impact

    @property
    def inherent_rating(self) -> Rag:
        return risk_rating(self.inherent_score)

    @property
    def closed(self) -> bool:
        return self.status == RiskStatus.CLOSED

    def review_overdue(self, today: date) -> bool:
        """Open or monitored, and its review date has passed."""
        return review_overdue(self.review_date, self.status, today)

    def cell(self, inherent: bool = False) -> tuple[int, int]:
        """(likelihood, impact): where the risk sits on the heat map."""
        if inherent:
            return (self.inherent_likelihood, self.inherent_impact)
        return (self.likelihood, self.impact)


def _row(r: Risk, owner: str | None, theme_code: str | None, theme_title: str | None) -> RiskRow:
    assert r.id is not None
    score = risk_score(r.residual_likelihood, r.residual_impact)
    return RiskRow(
        id=r.id, ref=r.ref, title=r.title, description=r.description, likelihood=r.residual_likelihood,
        impact=r.residual_impact, score=score, rating=risk_rating(score),
        inherent_likelihood=r.inherent_likelihood, inherent_impact=r.inherent_impact,
        inherent_score=risk_score(r.inherent_likelihood, r.inherent_impact), mitigation=r.mitigation,
        owner_id=r.owner_id, owner_name=owner or "", status=r.status, updated_at=r.updated_at,
        version=r.version, cause=r.cause, effect=r.effect, controls=r.controls, theme_id=r.theme_id,
        theme_code=theme_code or "", theme_title=theme_title or "", review_date=r.review_date,
    )


def _select():  # type: ignore[no-untyped-def]
    theme = aliased(Theme)
    return (
        select(Risk, Person.name, theme.code, theme.title)
        .outerjoin(Person, Person.id == Risk.owner_id)
        .outerjoin(theme, theme.id == Risk.theme_id)
    )


def register_order(rows: Iterable[RiskRow]) -> list[RiskRow]:
    """Open and monitored risks first, highest residual score first, then by reference."""
    return sorted(rows, key=lambda row: (row.status == RiskStatus.CLOSED, -row.score, _natural(row.ref)))


def _natural(ref: str) -> tuple[tuple[int, int | str], ...]:
    """'R2' before 'R10'."""
    import re

    return tuple((0, int(p)) if p.isdigit() else (1, p.casefold()) for p in re.split(r"(\d+)", ref) if p)


def list_risks(*, session: Session, include_closed: bool = True) -> list[RiskRow]:
    """Risks in register order (see :func:`register_order`)."""
    stmt = _select()
    if not include_closed:
        stmt = stmt.where(Risk.status != RiskStatus.CLOSED.value)
    return register_order(_row(*found) for found in session.exec(stmt))


def risk_row(risk_id: int, *, session: Session) -> RiskRow | None:
    found = session.exec(_select().where(Risk.id == risk_id)).first()
    return _row(*found) if found is not None else None


def risk_id_for_ref(ref: str, *, session: Session) -> int | None:
    """The id of the risk with this reference (exact match), or None."""
    return session.exec(select(Risk.id).where(Risk.ref == ref)).first()


def heat_map_counts(rows: Iterable[RiskRow], *, inherent: bool = False) -> Counter[tuple[int, int]]:
    """How many of ``rows`` sit in each (likelihood, impact) cell."""
    return Counter(r.cell(inherent) for r in rows)
