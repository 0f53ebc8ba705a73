"""Reads of the risk register, as frozen rows scored likelihood x impact (residual, and inherent beside it).

No ORM: the pack's command reads the register without importing SQLAlchemy (a session works too).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from boardapp.domain.enums import RiskStatus
from boardapp.domain.kpi import Rag, risk_rating, risk_score
from boardapp.domain.risks import review_overdue
from boardapp.services.connection import Reader, dbapi, to_date, to_utc
from boardapp.services.plan.filters import natural_key


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


#: A risk with its owner's name and its theme, in ``_row``'s order.
_SELECT = (
    "SELECT r.id, r.ref, r.title, r.description, r.residual_likelihood, r.residual_impact, r.inherent_likelihood, "
    "r.inherent_impact, r.mitigation, r.owner_id, p.name, r.status, r.updated_at, r.version, r.cause, r.effect, "
    "r.controls, r.theme_id, t.code, t.title, r.review_date "
    "FROM risk r LEFT JOIN person p ON p.id = r.owner_id LEFT JOIN theme t ON t.id = r.theme_id"
)


def _row(found: tuple) -> RiskRow:  # type: ignore[type-arg]
    (risk_id, ref, title, description, likelihood, impact, inherent_likelihood, inherent_impact, mitigation,
     owner_id, owner, status, updated_at, version, cause, effect, controls, theme_id, theme_code, theme_title,
     review_date) = found
    score = risk_score(likelihood, impact)
    return RiskRow(
        id=risk_id, ref=ref, title=title, description=description, likelihood=likelihood, impact=impact,
        score=score, rating=risk_rating(score), inherent_likelihood=inherent_likelihood,
        inherent_impact=inherent_impact, inherent_score=risk_score(inherent_likelihood, inherent_impact),
        mitigation=mitigation, owner_id=owner_id, owner_name=owner or "", status=status,
        updated_at=to_utc(updated_at), version=version, cause=cause, effect=effect,  # type: ignore[arg-type]
        controls=controls, theme_id=theme_id, theme_code=theme_code or "", theme_title=theme_title or "",
        review_date=to_date(review_date),
    )


def register_order(rows: Iterable[RiskRow]) -> list[RiskRow]:
    """Open and monitored risks first, highest residual score first, then by reference."""
    return sorted(rows, key=lambda row: (row.status == RiskStatus.CLOSED, -row.score, natural_key(row.ref)))


def list_risks(*, session: Reader, include_closed: bool = True) -> list[RiskRow]:
    """Risks in register order (see :func:`register_order`)."""
    where = "" if include_closed else " WHERE r.status <> ?"
    found = dbapi(session).execute(_SELECT + where, () if include_closed else (RiskStatus.CLOSED.value,))
    return register_order(_row(row) for row in found)


def risk_row(risk_id: int, *, session: Reader) -> RiskRow | None:
    found = dbapi(session).execute(_SELECT + " WHERE r.id = ?", (risk_id,)).fetchone()
    return _row(found) if found is not None else None


def risk_id_for_ref(ref: str, *, session: Reader) -> int | None:
    """The id of the risk with this reference (exact match), or None."""
    found = dbapi(session).execute("SELECT id FROM risk WHERE ref = ?", (ref,)).fetchone()
    return found[0] if found else None


def heat_map_counts(rows: Iterable[RiskRow], *, inherent: bool = False) -> Counter[tuple[int, int]]:
    """How many of ``rows`` sit in each (likelihood, impact) cell."""
    return Counter(r.cell(inherent) for r in rows)
